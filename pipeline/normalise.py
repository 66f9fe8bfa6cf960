"""Reading repairs: line breaks, mojibake, control characters and whitespace.

Each function takes the current text and returns :class:`Change` objects, like
every repair family; they run first, in the order of :data:`RULES`.
"""

from __future__ import annotations

import re

from .config import Settings
from .edits import Change, Found

_LINE_BREAK = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_CONTROL = re.compile(r"(?:\x1b\[[0-9;?]*[A-Za-z]|[\x00-\x08\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff])+")
_ODD_SPACE = re.compile(
    r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
)
_EDGE_SPACE = re.compile(r"^ +| +$", re.MULTILINE)
_BLANK_RUN = re.compile(r"\n{3,}")
_NEEDS_FTFY = re.compile(r"[^\x00-\x7f]|&[#a-zA-Z0-9]+;")


def fix_line_breaks(text: str, settings: Settings) -> Found:
    """Windows and old Mac line ends and Unicode separators become ``\\n``."""
    changes = []
    for m in _LINE_BREAK.finditer(text):
        is_line_end = m.group() in ("\r\n", "\r")
        # In line mode only real line ends count: other separators must not add lines.
        after = " " if settings.lines and not is_line_end else "\n"
        changes.append(Change(m.start(), m.end(), after, "whitespace.line_breaks", 1.0, "normalise line break"))
    return changes, []


def fix_mojibake(text: str, settings: Settings) -> Found:
    """Text decoded with the wrong codec (``â€™`` for ``'``) is repaired by ftfy, line by line.

    >>> [c.after for c in fix_mojibake("itâ€™s", Settings())[0]]
    ['’']
    """
    import ftfy

    config = ftfy.TextFixerConfig(
        uncurl_quotes=False,
        fix_character_width=False,
        fix_latin_ligatures=False,
        fix_line_breaks=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )
    changes = []
    pos = 0
    for line in text.split("\n"):
        if _NEEDS_FTFY.search(line):
            fixed = ftfy.fix_text(line, config)
            for _ in range(3):  # ftfy's output can itself look like mojibake; settle it here
                again = ftfy.fix_text(fixed, config)
                if again == fixed:
                    break
                fixed = again
            if fixed != line:
                changes.append(_narrow(pos, line, fixed, "unicode.mojibake", 0.9, "repair mojibake (ftfy)"))
        pos += len(line) + 1
    return changes, []


def remove_control_chars(text: str, settings: Settings) -> Found:
    """Control and zero-width characters carry no text; they are removed."""
    return [
        Change(m.start(), m.end(), "", "unicode.control_chars", 1.0, "remove control characters")
        for m in _CONTROL.finditer(text)
    ], []


def fix_spaces(text: str, settings: Settings) -> Found:
    """Tabs, no-break and ideographic spaces and runs of spaces become one space."""
    return [
        Change(m.start(), m.end(), " ", "whitespace.spaces", 1.0, "normalise spaces") for m in _ODD_SPACE.finditer(text)
    ], []


def strip_line_edges(text: str, settings: Settings) -> Found:
    """Spaces at the start or end of a line are dropped."""
    return [
        Change(m.start(), m.end(), "", "whitespace.line_edges", 1.0, "strip spaces at line edges")
        for m in _EDGE_SPACE.finditer(text)
    ], []


def collapse_blank_lines(text: str, settings: Settings) -> Found:
    """More than one blank line becomes one; blank lines at the start and end go (not in line mode)."""
    if settings.lines:
        return [], []
    changes = [
        Change(m.start(), m.end(), "\n\n", "whitespace.blank_lines", 1.0, "collapse blank lines")
        for m in _BLANK_RUN.finditer(text)
    ]
    lead = len(text) - len(text.lstrip("\n"))
    if lead and lead < len(text):
        changes = [c for c in changes if c.start >= lead]
        changes.insert(0, Change(0, lead, "", "whitespace.blank_lines", 1.0, "drop leading blank lines"))
    trail = len(text) - len(text.rstrip("\n"))
    if trail and trail < len(text):
        changes = [c for c in changes if c.end <= len(text) - trail]
        changes.append(
            Change(len(text) - trail, len(text), "", "whitespace.blank_lines", 1.0, "drop trailing blank lines")
        )
    return changes, []


def _narrow(offset: int, before: str, after: str, rule: str, confidence: float, reason: str) -> Change:
    """A change limited to the part of ``before`` that differs from ``after``."""
    head = 0
    limit = min(len(before), len(after))
    while head < limit and before[head] == after[head]:
        head += 1
    tail = 0
    while tail < limit - head and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    return Change(offset + head, offset + len(before) - tail, after[head : len(after) - tail], rule, confidence, reason)


_SPACE_RUN = re.compile(r" {2,}")


def tidy_whitespace(text: str, settings: Settings) -> Found:
    """After removals: runs of spaces, spaces at line edges, blank-line runs, in one pass.

    Each gap between two lines' text becomes one line break or one blank line;
    in line mode the number of line breaks never changes.
    """
    inner = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        if line.strip(" "):
            inner.append((m.start() + len(line) - len(line.lstrip(" ")), m.end() - len(line) + len(line.rstrip(" "))))
    if not inner:
        return [], []
    changes: list[Change] = []

    def gap(start: int, end: int, edge: bool) -> None:
        breaks = text.count("\n", start, end)
        want = "\n" * breaks if settings.lines else ("" if edge else "\n" * min(breaks, 2))
        if text[start:end] != want:
            changes.append(Change(start, end, want, "whitespace.tidy", 1.0, "spaces and blank lines left by removals"))

    gap(0, inner[0][0], True)
    for k, (s, e) in enumerate(inner):
        changes += [
            Change(m.start(), m.end(), " ", "whitespace.tidy", 1.0, "run of spaces")
            for m in _SPACE_RUN.finditer(text, s, e)
        ]
        gap(e, inner[k + 1][0] if k + 1 < len(inner) else len(text), k + 1 == len(inner))
    return changes, []
