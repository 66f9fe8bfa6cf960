"""Unicode: control and zero-width characters, and mojibake (text decoded with the wrong codec).

They run among the first rules, before any rule reads words.
"""

from __future__ import annotations

import re

from ..edits import Change, Found
from .registry import Context, rule

_CONTROL = re.compile(r"(?:\x1b\[[0-9;?]*[A-Za-z]|[\x00-\x08\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff])+")
_NEEDS_FTFY = re.compile(r"[^\x00-\x7f]|&[#a-zA-Z0-9]+;")


@rule("unicode.control_chars", "remove control and zero-width characters")
def remove_control_chars(text: str, ctx: Context) -> Found:
    """Control and zero-width characters carry no text; they are removed."""
    return [
        Change(m.start(), m.end(), "", "unicode.control_chars", 1.0, "remove control characters")
        for m in _CONTROL.finditer(text)
    ], []


@rule("unicode.mojibake", "repair text decoded with the wrong codec (ftfy), line by line")
def fix_mojibake(text: str, ctx: Context) -> Found:
    """Text decoded with the wrong codec (``â€™`` for ``'``) is repaired by ftfy, line by line.

    >>> [c.after for c in fix_mojibake("itâ€™s", Context())[0]]
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
