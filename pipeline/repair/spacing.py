"""Spacing and punctuation: missing spaces, tokenised text, doubled marks, CJK punctuation.

Scraped machine translation often loses the space after a full stop
(``research.District``), keeps the tokeniser's spaces (``won 't``, ``word ,``),
doubles punctuation (``,,``) or leaves Chinese full-width marks in English text.
"""

from __future__ import annotations

import re

from ..config import Settings
from ..core.tokens import line_spans
from ..edits import Change, Notice

_NO_SPACE_AFTER_STOP = re.compile(r"(?<![A-Za-z.][.])\b([A-Za-z][a-z]+[)\"”]?)([.!?;])([A-Z][a-z]+)\b")
_NO_SPACE_AFTER_COMMA = re.compile(r"\b([A-Za-z]?[a-z]{2,})([,;])([a-z]{2,}|[A-Z][a-z]+)\b")
# "as follows:On March 18": a colon glued to a capitalised word mid-sentence (not "http:", not "10:37",
# not a label opening a line or following another field: "from:Network date:...").
_NO_SPACE_AFTER_COLON = re.compile(r"(?<=[a-z] )\b([a-z]{2,})(:)([A-Z][a-z]+)\b")
# "carried out.”Before": the stop, its closing quote, no space, the next sentence.
_NO_SPACE_AFTER_QUOTE = re.compile(r"\b([A-Za-z][a-z]+[.!?])([”\"])([A-Z][a-z]+)\b")
_URL_TOKEN = re.compile(r"^(?:https?://|www\.)|@|\.(?:com|cn|org|net|gov|edu|html?|php|aspx?)\b", re.IGNORECASE)


def _url_spans(text: str) -> list[tuple[int, int]]:
    """Spans of words that are addresses (linear: each word is looked at once)."""
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", text) if _URL_TOKEN.search(m.group())]


_DOUBLED = re.compile(
    r"(?P<same>(?P<mark>[,;，；])(?:[ ]*(?P=mark))+)"  # ",," -> ","
    r"|(?P<dots>(?<=[a-z]{3})\.\.(?![.]))"  # "word.." -> "word." (an ellipsis and "J.J.." stay)
    r"|(?P<drop>[,;][ ]*(?=[.!?](?!\.)))"  # ", ." -> "."
    r"|(?P<spaced>(?<=[a-z]{3}\.) \.(?= [A-Z]))"  # "problems. . Ye" -> "problems. Ye"
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
_TOKENISED_GAP = re.compile(
    r" (?=[,.;:!?%)\]](?:\s|$))|(?<=[(\[]) | (?=n't\b)| (?='(?:s|t|re|ve|ll|d|m)\b)|(?<=\w) (?='(?:s|t|re|ve|ll|d|m)\b)"
)
_TOKENISED_SIGNS = re.compile(r"\w [,.;:?!](?:\s|$)| n't\b| '(?:s|t|re|ve|ll|d|m)\b")


def add_missing_space(text: str, settings: Settings) -> tuple[list[Change], list[Notice]]:
    """``research.District`` and ``ports,roads`` get the space machine translation dropped.

    >>> [c.after for c in add_missing_space("field research.District committee, see www.Example.com", Settings())[0]]
    [' ']
    """
    urls = _url_spans(text)
    changes = []
    for pattern, confidence in (
        (_NO_SPACE_AFTER_STOP, 0.9),
        (_NO_SPACE_AFTER_QUOTE, 0.9),
        (_NO_SPACE_AFTER_COMMA, 0.8),
        (_NO_SPACE_AFTER_COLON, 0.8),
    ):
        for m in pattern.finditer(text):
            at = m.end(2)
            if any(s <= at < e for s, e in urls):
                continue
            changes.append(
                Change(
                    at, at, " ", "spacing.missing_space", confidence, f"no space after '{m.group(2)}' in '{m.group()}'"
                )
            )
    return changes, []


_STRAY = re.compile(
    r"(?P<before_mark>(?<=[a-z]{2}) (?=[,;] ))"  # "nucleic acid test , health" -> "test, health"
    r"|(?P<second>(?<=[;:]) [,;](?= ))"  # "Congress; , to build" -> "Congress; to build"
    r"|(?P<in_word>(?<=[a-z]{3}) \. (?=-[a-z]{3}))"  # "real . -time" -> "real-time"
    r"|(?P<leading>^[,;] (?=[a-z]))"  # a paragraph that starts with ", according to ..."
    r"|(?P<oclock>(?<=\bo) [‘'’](?=clock\b))"  # "10 o ‘clock" -> "10 o'clock"
    r"|(?P<reopen>(?<=[.!?,]”)”(?=[A-Z]))",  # 'on duty?””Are the' -> 'on duty?” “Are the
    re.MULTILINE,
)


def remove_stray_punctuation(text: str, settings: Settings) -> tuple[list[Change], list[Notice]]:
    """A space before a comma, a mark after a mark, a stop inside a word, a comma opening a paragraph.

    Text tokenised on purpose (a space before every mark) is left to ``spacing.detokenize``; in line
    mode the space before a comma and a comma opening a line stay (a line may be tokenised or a fragment).

    >>> text = "the test , health code; , to build real . -time data\\n, according to reports at 10 o ‘clock"
    >>> [(text[c.start:c.end], c.after) for c in remove_stray_punctuation(text, Settings())[0]]
    [(' ', ''), (' ,', ''), (' . ', ''), (', ', ''), (' ‘', "'")]
    """
    if is_tokenised(text):
        return [], []
    changes = []
    for m in _STRAY.finditer(text):
        if settings.lines and (m.group("before_mark") or m.group("leading")):
            continue  # an aligned file's line may be tokenised on purpose, or a fragment
        after = "'" if m.group("oclock") else (" “" if m.group("reopen") else "")
        changes.append(Change(m.start(), m.end(), after, "punctuation.stray", 0.85, f"stray punctuation {m.group()!r}"))
    return changes, []


def collapse_doubled_punctuation(text: str, settings: Settings) -> tuple[list[Change], list[Notice]]:
    """``,,`` and ``;;`` become one mark; ``, .`` keeps the stop; ``...`` is left alone.

    >>> [c.after for c in collapse_doubled_punctuation("roads,, bridges , . And now..", Settings())[0]]
    [',', '', '.']
    """
    changes = []
    for m in _DOUBLED.finditer(text):
        g = m.group()
        after = m.group("mark") if m.group("same") else ("." if m.group("dots") else "")
        changes.append(Change(m.start(), m.end(), after, "punctuation.doubled", 0.9, f"doubled punctuation '{g}'"))
    return changes, []


def convert_fullwidth(text: str, settings: Settings) -> tuple[list[Change], list[Notice]]:
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


def is_tokenised(text: str) -> bool:
    """Moses-style tokenised text: most punctuation has a space before it."""
    signs = len(_TOKENISED_SIGNS.findall(text))
    marks = len(re.findall(r"[,.;:?!]", text)) + len(re.findall(r"'(?:s|t|re|ve|ll|d|m)\b", text))
    return signs >= 3 and signs >= 0.6 * marks


def detokenize(text: str, settings: Settings) -> tuple[list[Change], list[Notice]]:
    """Tokeniser spaces (``won 't``, ``word ,``) go, when the whole text is clearly tokenised.

    Off in line mode unless enabled: aligned MT files are usually tokenised on purpose.
    """
    if not is_tokenised(text):
        return [], []
    changes = [
        Change(m.start(), m.end(), "", "spacing.detokenize", 0.85, "tokeniser space")
        for m in _TOKENISED_GAP.finditer(text)
    ]
    return changes, []


_PAIRS = {"(": ")", "[": "]", "“": "”", "（": "）"}


def flag_unbalanced(text: str, settings: Settings) -> tuple[list[Change], list[Notice]]:
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
