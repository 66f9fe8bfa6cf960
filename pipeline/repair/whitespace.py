"""Whitespace: line breaks, odd spaces, spaces at line edges, blank lines, and the tidy-up after removals.

Scraped and converted text carries Windows line ends, Unicode separators, tabs and no-break spaces;
the removals of the other families leave runs of spaces and blank lines. These rules run first
(line breaks, spaces, edges, blank lines) and last (tidy).
"""

from __future__ import annotations

import re

from ..edits import Change, Found
from .registry import Context, rule

_LINE_BREAK = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_ODD_SPACE = re.compile(
    r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
)
_EDGE_SPACE = re.compile(r"^ +| +$", re.MULTILINE)
_BLANK_RUN = re.compile(r"\n{3,}")
_SPACE_RUN = re.compile(r" {2,}")


@rule("whitespace.line_breaks", "Windows/Mac line ends and Unicode separators become \\n")
def fix_line_breaks(text: str, ctx: Context) -> Found:
    """Windows and old Mac line ends and Unicode separators become ``\\n``."""
    changes = []
    for m in _LINE_BREAK.finditer(text):
        is_line_end = m.group() in ("\r\n", "\r")
        # In line mode only real line ends count: other separators must not add lines.
        after = " " if ctx.line_segments and not is_line_end else "\n"
        changes.append(Change(m.start(), m.end(), after, "whitespace.line_breaks", 1.0, "normalise line break"))
    return changes, []


@rule("whitespace.spaces", "tabs, odd spaces and runs of spaces become one space")
def fix_spaces(text: str, ctx: Context) -> Found:
    """Tabs, no-break and ideographic spaces and runs of spaces become one space."""
    return [
        Change(m.start(), m.end(), " ", "whitespace.spaces", 1.0, "normalise spaces") for m in _ODD_SPACE.finditer(text)
    ], []


@rule("whitespace.line_edges", "strip spaces at the start and end of lines")
def strip_line_edges(text: str, ctx: Context) -> Found:
    """Spaces at the start or end of a line are dropped."""
    return [
        Change(m.start(), m.end(), "", "whitespace.line_edges", 1.0, "strip spaces at line edges")
        for m in _EDGE_SPACE.finditer(text)
    ], []


@rule("whitespace.blank_lines", "collapse blank-line runs; drop blank lines at the edges", line_mode=False)
def collapse_blank_lines(text: str, ctx: Context) -> Found:
    """More than one blank line becomes one; blank lines at the start and end go (not in line mode, where
    each line is a segment and blank lines keep the alignment)."""
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


@rule("whitespace.tidy", "spaces and blank lines left by removals")
def tidy_whitespace(text: str, ctx: Context) -> Found:
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
        want = "\n" * breaks if ctx.line_segments else ("" if edge else "\n" * min(breaks, 2))
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
