"""``-f diff`` and the edit lists in their words: a unified diff that rebuilds the cleaned text and names
the rules of each hunk; the Markdown and HTML edit lists show each change with the words around it."""

import re

from conftest import SAMPLE
from pipeline import Settings, process
from pipeline.article import Edit
from pipeline.render import to_diff, to_html, to_markdown
from pipeline.render.diff import in_context

PLAIN = Settings(entities=False)
FAR = "".join(f"Line {n} says nothing that needs a change.\n" for n in range(10))
TEXT = "The the meeting opened on may 16.\n" + FAR + "It ended, ended, ended on May 17.\n"
HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ (.*)$")


def _apply(original: str, diff: str) -> str:
    """The unified diff applied to ``original`` (a checker as strict as patch: context and removed lines
    must match the original where the hunk says)."""
    old = original.splitlines(keepends=True)
    lines = diff.splitlines(keepends=True)
    assert lines[0].startswith("--- ") and lines[1].startswith("+++ ")
    out, at, i = [], 0, 2
    while i < len(lines):
        m = HUNK.match(lines[i])
        assert m, lines[i]
        start = int(m.group(1)) - (0 if m.group(2) == "0" else 1)
        out += old[at:start]
        at = start
        i += 1
        while i < len(lines) and not lines[i].startswith("@@"):
            mark, body = lines[i][0], lines[i][1:]
            if i + 1 < len(lines) and lines[i + 1].startswith("\\ No newline"):
                body = body[:-1]
                i += 1
            if mark in " -":
                assert old[at] == body, (old[at], body)
                at += 1
            if mark in " +":
                out.append(body)
            i += 1
    return "".join(out + old[at:])


def test_the_diff_rebuilds_the_cleaned_text_and_names_each_hunks_rules():
    article = process(TEXT, settings=PLAIN)
    diff = to_diff(article)
    assert _apply(article.original, diff) == article.clean + "\n"
    headers = [HUNK.match(line).group(5) for line in diff.splitlines() if line.startswith("@@")]
    assert len(headers) == 2  # two changes ten lines apart: two hunks
    first = {e.rule for e in article.edits if e.start < 40}
    last = {e.rule for e in article.edits if e.start > 40}
    assert set(headers[0].split(", ")) == first and set(headers[1].split(", ")) == last
    assert "capitals.dates" in headers[0] and "repetition" in headers[1]


def test_the_diff_of_the_sample_and_of_an_unchanged_text():
    article = process(SAMPLE, settings=PLAIN)
    assert _apply(article.original, to_diff(article)) == article.clean + "\n"
    assert to_diff(process("Nothing to change here.\n", settings=PLAIN)) == ""


def test_clean_prints_the_diff(cli):
    result = cli("clean", SAMPLE, "-f", "diff")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"--- {SAMPLE}\t(original)\n+++ {SAMPLE}\t(cleaned)\n@@ -1,")
    assert "metadata.header" in result.stdout.splitlines()[2]


def test_an_edit_is_shown_with_the_words_around_it():
    original = "Delegates from the city of shenyang attended.\nNext line."
    edit = Edit("capitals.names", 27, 35, "shenyang", "Shenyang", 0.9, "")
    c = in_context(original, edit)
    assert (c.left, c.right) == ("the city of ", " attended.")  # three words, the same line only
    assert c.more_left and not c.more_right


def test_the_report_and_the_page_show_each_change_in_its_words():
    article = process("on may 16 the the meeting opened in the city of shenyang.", settings=PLAIN)
    md = to_markdown(article)
    assert "| on **may** 16 the the… | on **May** 16 the the… |" in md
    assert "| on may 16 the **the** meeting opened in… | on may 16 the ‸ meeting opened in… |" in md
    assert "| …the city of **shenyang**. | …the city of **Shenyang**. |" in md
    page = to_html(article)
    assert '<span class="muted">on</span> <del>may</del> <span class="muted">16 the the…</span>' in page
    assert '<span class="muted">on may 16 the</span> <span class="muted">—</span> <span class="muted">meeting' in page
