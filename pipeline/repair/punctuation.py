"""Punctuation: Chinese full-width marks, doubled marks, stray marks, unbalanced brackets and quotes.

Machine translation leaves Chinese full-width marks in English text (``，``), doubles marks (``,,``),
puts a space before a comma or a mark after a mark (``Congress; , to build``) and loses one of a
pair of brackets or quotes.
"""

from __future__ import annotations

import re

from ..core.tokens import line_spans
from ..edits import Change, Found, Notice
from .registry import Context, rule
from .spacing import is_tokenised

_DOUBLED = re.compile(
    r"(?P<same>(?P<mark>[,;，；])(?:[ ]*(?P=mark))+)"  # ",," -> ","
    r"|(?P<dots>(?<=[a-z]{3})\.\.(?![.]))"  # "word.." -> "word." (an ellipsis and "J.J.." stay)
    r"|(?P<drop>[,;][ ]*(?=[.!?](?!\.)))"  # ", ." -> "."
    r"|(?P<spaced>(?<=[a-z]{3}\.) \.(?= [A-Z]))"  # "problems. . Ye" -> "problems. Ye"
    r"|(?P<quoted>(?<=[a-z][?!][”\"])\.(?= ?[A-Z][a-z]))"  # 'registered?”.Long' -> 'registered?”Long' (then a space)
)


_FULLWIDTH = {
    "，": ",",
    "。": ".",
    "：": ":",
    "；": ";",
    "！": "!",
    "？": "?",
    "（": "(",
    "）": ")",
    "、": ",",
    "【": "[",
    "】": "]",
}


_FULLWIDTH_RE = re.compile("[" + "".join(_FULLWIDTH) + "\uff01-\uff5e]")


_CJK = re.compile(r"[\u3400-\u9fff]")


_STRAY = re.compile(
    # "nucleic acid test , health" -> "test, health"; "goals in 2022 ; Heard" (a comma after a digit stays:
    # "readings of 3 , 5 and 8")
    r"(?P<before_mark>(?<=[a-z]{2}) (?=[,;] )|(?<=\d) (?=; ))"
    r"|(?P<second>(?<=[;:]) [,;](?= ))"  # "Congress; , to build" -> "Congress; to build"
    r"|(?P<in_word>(?<=[a-z]{3}) \. (?=-[a-z]{3}))"  # "real . -time" -> "real-time"
    r"|(?P<leading>^[,;] (?=[a-z]))"  # a paragraph that starts with ", according to ..."
    r"|(?P<oclock>(?<=\bo) [‘'’](?=clock\b))"  # "10 o ‘clock" -> "10 o'clock"
    r"|(?P<reopen>(?<=[.!?,]”)”(?=[A-Z]))",  # 'on duty?””Are the' -> 'on duty?” “Are the
    re.MULTILINE,
)


@rule("punctuation.stray", "a space before a comma, '; ,', 'real . -time', a comma opening a paragraph")
def remove_stray_punctuation(text: str, ctx: Context) -> Found:
    """A space before a comma, a mark after a mark, a stop inside a word, a comma opening a paragraph.

    Text tokenised on purpose (a space before every mark) is left to ``spacing.detokenize``; in line
    mode the space before a comma and a comma opening a line stay (a line may be tokenised or a fragment).

    >>> text = "the test , health code; , to build real . -time data\\n, according to reports at 10 o ‘clock"
    >>> [(text[c.start:c.end], c.after) for c in remove_stray_punctuation(text, Context())[0]]
    [(' ', ''), (' ,', ''), (' . ', ''), (', ', ''), (' ‘', "'")]
    """
    if is_tokenised(text):
        return [], []
    changes = []
    for m in _STRAY.finditer(text):
        if ctx.line_segments and (m.group("before_mark") or m.group("leading")):
            continue  # an aligned file's line may be tokenised on purpose, or a fragment
        after = "'" if m.group("oclock") else (" “" if m.group("reopen") else "")
        changes.append(Change(m.start(), m.end(), after, "punctuation.stray", 0.85, f"stray punctuation {m.group()!r}"))
    return changes, []


@rule("punctuation.doubled", "doubled punctuation (,, ;; , . ?”.)")
def collapse_doubled_punctuation(text: str, ctx: Context) -> Found:
    """``,,`` and ``;;`` become one mark; ``, .`` keeps the stop; ``...`` is left alone.

    >>> [c.after for c in collapse_doubled_punctuation("roads,, bridges , . And now.. Who registered?”.Long", Context())[0]]
    [',', '', '.', '']
    """
    changes = []
    for m in _DOUBLED.finditer(text):
        g = m.group()
        after = m.group("mark") if m.group("same") else ("." if m.group("dots") else "")
        changes.append(Change(m.start(), m.end(), after, "punctuation.doubled", 0.9, f"doubled punctuation '{g}'"))
    return changes, []


@rule("punctuation.fullwidth", "Chinese full-width punctuation in English text")
def convert_fullwidth(text: str, ctx: Context) -> Found:
    """Chinese full-width punctuation in an English text becomes ASCII (with a space after)."""
    if len(_CJK.findall(text)) * 10 > len(text):
        return [], []
    changes = []
    for m in _FULLWIDTH_RE.finditer(text):
        ch = m.group()
        ascii_ch = _FULLWIDTH.get(ch) or chr(ord(ch) - 0xFEE0)
        nxt = text[m.end() : m.end() + 1]
        prev = text[m.start() - 1 : m.start()]
        if _CJK.match(prev) or (_CJK.match(nxt) and not (prev.isascii() and prev.isalnum())) or ascii_ch in (nxt, prev):
            continue  # after Chinese it is Chinese punctuation; beside its own ASCII twin ("＃#") a typing slip
        if ascii_ch in ",.:;!?)" and nxt[:1].isalnum():
            ascii_ch += " "
        changes.append(
            Change(m.start(), m.end(), ascii_ch, "punctuation.fullwidth", 0.95, f"full-width '{ch}' in English text")
        )
    return changes, []


_PAIRS = {"(": ")", "[": "]", "“": "”", "（": "）"}


@rule("punctuation.unbalanced", "flag unbalanced brackets and quotes", "flag")
def flag_unbalanced(text: str, ctx: Context) -> Found:
    """Unbalanced brackets and quotes in a paragraph are flagged (where the pair belongs is a guess)."""
    notices = []
    for start, end in line_spans(text):
        line = text[start:end]
        for opener, closer in _PAIRS.items():
            if line.count(opener) != line.count(closer):
                notices.append(
                    Notice(
                        start,
                        end,
                        "punctuation.unbalanced",
                        f"unbalanced '{opener}{closer}' in this paragraph",
                        "info",
                        0.4,
                    )
                )
        if line.count('"') % 2:
            notices.append(
                Notice(start, end, "punctuation.unbalanced", "odd number of '\"' in this paragraph", "info", 0.4)
            )
    return [], notices
