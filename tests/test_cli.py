"""The command line, run as a user runs it: outputs, options, one-line errors and exit codes."""

import codecs
import json

import pytest

from conftest import SAMPLE
from pipeline import apply_edits


def test_clean_writes_three_files(cli, tmp_path, validate):
    result = cli("clean", SAMPLE, "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    stem = SAMPLE.stem
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == [f"{stem}.json", f"{stem}.md", f"{stem}.txt"]
    data = json.loads((tmp_path / "out" / f"{stem}.json").read_text(encoding="utf-8"))
    validate(data)
    assert (tmp_path / "out" / f"{stem}.txt").read_text(encoding="utf-8") == data["text"]["clean"] + "\n"
    md = (tmp_path / "out" / f"{stem}.md").read_text(encoding="utf-8")
    assert md.startswith("# Ministry of Housing") and "## Flags" in md


@pytest.mark.parametrize("fmt", ["txt", "md", "json"])
def test_clean_prints_the_chosen_format(cli, fmt):
    result = cli("clean", SAMPLE, "--format", fmt)
    assert result.returncode == 0
    if fmt == "json":
        data = json.loads(result.stdout)
        assert apply_edits(data["text"]["original"], _edits(data)) == data["text"]["clean"]
    elif fmt == "md":
        assert result.stdout.startswith("# ")
    else:
        assert result.stdout.startswith("Ministry of Housing") and "from:Network" not in result.stdout


def _edits(data):
    from pipeline.article import Edit

    return [Edit(**{k: e[k] for k in ("id", "rule", "start", "end", "before", "after", "confidence", "reason")})
            for e in data["edits"]]


def test_clean_reads_standard_input(cli):
    result = cli("clean", "-", "--format", "txt", stdin=b"on may 16 the the meeting opened.")
    assert result.returncode == 0
    assert result.stdout == "On May 16 the meeting opened.\n"


def test_version_and_help(cli):
    assert cli("--version").stdout.startswith("mtclean ")
    for args in (["--help"], ["clean", "--help"], ["rules", "--help"]):
        result = cli(*args)
        assert result.returncode == 0 and "Usage" in result.stdout


def test_rules_lists_every_rule(cli):
    from pipeline.repair import RULES

    out = cli("rules").stdout
    for rule in RULES:
        assert rule.name in out


def test_disable_switches_a_rule_off(cli):
    text = b"About 0.1 billion people live in 220000 homes."
    on = cli("clean", "-", "-f", "txt", stdin=text).stdout
    off = cli("clean", "-", "-f", "txt", "--disable", "numbers", stdin=text).stdout
    assert on.strip() == "About 100 million people live in 220,000 homes."
    assert off.strip() == "About 0.1 billion people live in 220000 homes."


def test_config_file_disables_rules(cli, tmp_path):
    config = tmp_path / "c.json"
    config.write_text(json.dumps({"disable": ["numbers.group_digits"]}))
    out = cli("clean", "-", "-f", "txt", "--config", config, stdin=b"There are 220000 homes.").stdout
    assert out.strip() == "There are 220000 homes."


def test_line_mode_keeps_one_line_per_line(cli, tmp_path):
    lines = ["the the first line , with a loop loop loop .", "", "Title-like line", "from:Network date:2024-05-17",
             "ask the people , ask the people , ask the people"]
    path = tmp_path / "seg.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("clean", path, "--lines", "-f", "txt")
    out = result.stdout.split("\n")[:-1]
    assert len(out) == len(lines)
    assert out[1] == "" and out[2] == "Title-like line" and out[3] == lines[3]
    assert out[4] == "ask the people"


def _one_line_error(result, code, *fragments):
    assert result.returncode == code, (result.returncode, result.stderr)
    err = result.stderr.strip()
    assert "Traceback" not in err and len(err.splitlines()) == 1, err
    for fragment in fragments:
        assert fragment in err


@pytest.mark.parametrize(
    "content, code, fragment",
    [
        (b"", 1, "empty"),
        (b" \n\n\t ", 1, "only whitespace"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, 1, "PNG image"),
        (bytes(range(256)) * 40, 1, "binary"),
        (b"\xff\xfe" + "ab".encode("utf-16-le")[:-1], 1, "cannot decode"),
    ],
)
def test_bad_files_give_one_line_errors(cli, tmp_path, content, code, fragment):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    _one_line_error(cli("clean", path), code, "bad.txt", fragment)


def test_missing_file_and_directory_are_usage_errors(cli, tmp_path):
    _one_line_error(cli("clean", tmp_path / "nope.txt"), 2, "nope.txt", "no such file")
    _one_line_error(cli("clean", tmp_path), 2, "is a directory")


def test_unknown_rule_is_a_usage_error(cli):
    _one_line_error(cli("clean", SAMPLE, "--disable", "numbers.nonsense"), 2, "unknown rule")


def test_size_limit(cli, tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000)
    _one_line_error(cli("clean", path, "--max-size", "100"), 1, "over the limit")


def test_encodings_are_read_and_recorded(cli, tmp_path):
    text = "沈阳市 held a meeting on may 16."
    for name, data in {"u16": codecs.BOM_UTF16_LE + text.encode("utf-16-le"), "gb": text.encode("gb18030")}.items():
        path = tmp_path / f"{name}.txt"
        path.write_bytes(data)
        out = json.loads(cli("clean", path, "-f", "json").stdout)
        assert out["text"]["clean"] == "沈阳市 held a meeting on May 16."
        assert out["source"]["encoding"] in {"utf-16-le", "gb18030"}


def test_markdown_key_points_carry_the_warnings_on_their_words(sample_article):
    from pipeline.render.markdown import _warnings_in

    lost = next(f for f in sample_article.flags if f.rule == "numbers.lost_digits")
    sentence = next(s for s in sample_article.sentences if lost.text in s.text)
    note = _warnings_in(sample_article, sentence.id)
    assert f"flag {lost.id}" in note and "lost its leading digits" in note
    assert _warnings_in(sample_article, sentence.id + 1) == ""  # the next sentence has no warning
