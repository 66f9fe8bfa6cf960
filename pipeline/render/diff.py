"""The changes as a reader sees them: a unified diff from the original to the cleaned text whose hunks
name the rules of their edits (``mtclean clean -f diff``), and an edit in its words (a few words of the
original on either side), for the edit lists of the report and the review page."""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left
from dataclasses import dataclass

from ..article import Article, Edit

_LEFT = re.compile(r"(?:\S+[ \t]+){0,3}\S*$")  # up to three words before, and the part of a word the edit cuts
_RIGHT = re.compile(r"^\S*(?:[ \t]+\S+){0,3}")
_REACH = 60  # characters of the original looked at on either side


@dataclass(frozen=True)
class InContext:
    """An edit with the words around it in the original: ``left + before + right`` is a piece of the
    original, and ``left + after + right`` what the cleaned text holds there (the neighbours' own edits
    aside). ``more_left``/``more_right``: the line goes on past the context."""

    left: str
    before: str
    after: str
    right: str
    more_left: bool
    more_right: bool


def in_context(original: str, edit: Edit) -> InContext:
    """``edit`` with up to three words of the same line on either side.

    >>> c = in_context("the meeting in the city of Shenyang opened", Edit("capitals", 19, 20, "c", "C", 1, ""))
    >>> (c.left, c.before, c.after, c.right)
    ('meeting in the ', 'c', 'C', 'ity of Shenyang opened')
    """
    start, end = edit.start, edit.end
    line_start = original.rfind("\n", max(0, start - _REACH), start) + 1
    head = original[max(line_start, start - _REACH) : start]
    line_end = original.find("\n", end, end + _REACH)
    tail = original[end : line_end if line_end >= 0 else end + _REACH]
    left_match = _LEFT.search(head)
    right_match = _RIGHT.match(tail)
    left = left_match.group() if left_match else ""
    right = right_match.group() if right_match else ""
    more_left = start - len(left) > line_start
    more_right = end + len(right) < (line_end if line_end >= 0 else len(original))
    return InContext(left, edit.before, edit.after, right, more_left, more_right)


def shown(text: str, limit: int = 60) -> tuple[str, str, str]:
    """A change's text for an edit list: (spaces before, the words, spaces after), the words on one line
    and cut to ``limit`` with an ellipsis; a change of whitespace alone is made visible (``⏎``, ``␣``).

    >>> shown(" the\\nthe "), shown("\\n"), shown("")
    ((' ', 'the the', ' '), ('', '⏎', ''), ('', '', ''))
    """
    if text and not text.strip():
        return "", text.replace("\n", "⏎").replace("\t", "→").replace(" ", "␣"), ""
    words = " ".join(text.split())
    if len(words) > limit:
        words = words[: limit - 1] + "…"
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() else ""
    return lead, words, trail


def changes(c: InContext, limit: int = 60) -> tuple[tuple[bool, str, bool], tuple[bool, str, bool]]:
    """The before and the after of ``c`` as an edit list shows them between the context: (a space
    before it, its words by :func:`shown`, a space after it); an empty side is spaced as the other.

    >>> changes(in_context("ask the people, ask the people, give", Edit("r", 14, 30, ", ask the people", "", 1, "")))
    ((False, ', ask the people', False), (False, '', False))
    """
    sides = [shown(c.before, limit), shown(c.after, limit)]
    out = []
    for (lead, words, trail), other in zip(sides, reversed(sides)):
        if not words:
            lead, trail = other[0], other[2]
        out.append((c.left[-1:].isspace() or bool(lead), words, c.right[:1].isspace() or bool(trail)))
    return out[0], out[1]


# ----------------------------------------------------------------- the unified diff
def to_diff(article: Article, context: int = 3) -> str:
    """A unified diff (``patch`` applies it to the original) from the original to the cleaned text as
    ``-f txt`` prints it; each hunk's header names the rules of the edits inside it.
    The empty string when nothing changed."""
    original = article.original
    cleaned = article.clean if article.clean.endswith("\n") or not article.clean else article.clean + "\n"
    a, b = original.splitlines(keepends=True), cleaned.splitlines(keepends=True)
    starts = [0]
    for line in a:
        starts.append(starts[-1] + len(line))
    edits = sorted(article.edits, key=lambda e: (e.start, e.end))
    ends = [e.end for e in edits]
    name = article.source.path or "article"
    out: list[str] = []
    for group in difflib.SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(context):
        rules: list[str] = []
        for tag, i1, i2, _j1, _j2 in group:
            if tag != "equal":
                for rule in _rules_in(edits, ends, starts[i1], starts[i2]):
                    if rule not in rules:
                        rules.append(rule)
        if not out:
            out += [f"--- {name}\t(original)\n", f"+++ {name}\t(cleaned)\n"]
        first, last = group[0], group[-1]
        old = _range(first[1], last[2])
        new = _range(first[3], last[4])
        out.append(f"@@ -{old} +{new} @@ {', '.join(rules) if rules else 'line breaks'}\n")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out += [_line(" ", line) for line in a[i1:i2]]
                continue
            out += [_line("-", line) for line in a[i1:i2]]
            out += [_line("+", line) for line in b[j1:j2]]
    return "".join(out)


def _rules_in(edits: list[Edit], ends: list[int], lo: int, hi: int) -> list[str]:
    """The rules of the edits touching the original's characters ``lo:hi`` (``lo == hi``: the edits at
    that point). The edits do not overlap, so sorted by start they are sorted by end too."""
    found = []
    for e in edits[bisect_left(ends, lo) :]:
        if e.start > hi:
            break
        if lo < hi:
            touches = (e.start < hi and e.end > lo) or (e.start == e.end and lo <= e.start < hi)
        else:
            touches = e.start <= lo <= e.end
        if touches:
            found += list(e.rules or (e.rule,))
    return found


def _range(start: int, stop: int) -> str:
    """A hunk's line range as unified diffs write it (1-based; an empty range names the line before)."""
    length = stop - start
    if length == 1:
        return str(start + 1)
    return f"{start + 1 if length else start},{length}"


def _line(mark: str, line: str) -> str:
    return mark + line if line.endswith("\n") else mark + line + "\n\\ No newline at end of file\n"
