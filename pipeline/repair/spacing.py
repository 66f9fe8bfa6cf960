"""Spacing and punctuation: missing spaces, tokenised text, doubled marks, CJK punctuation.

Scraped machine translation often loses the space after a full stop
(``research.District``), keeps the tokeniser's spaces (``won 't``, ``word ,``),
doubles punctuation (``,,``) or leaves Chinese full-width marks in English text.
"""

from __future__ import annotations

import re

from ..edits import Change, Found
from .registry import Context, rule

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


_TOKENISED_GAP = re.compile(
    r" (?=[,.;:!?%)\]](?:\s|$))|(?<=[(\[]) | (?=n't\b)| (?='(?:s|t|re|ve|ll|d|m)\b)|(?<=\w) (?='(?:s|t|re|ve|ll|d|m)\b)"
)
_TOKENISED_SIGNS = re.compile(r"\w [,.;:?!](?:\s|$)| n't\b| '(?:s|t|re|ve|ll|d|m)\b")


@rule("spacing.missing_space", "missing space after a full stop, comma or colon")
def add_missing_space(text: str, ctx: Context) -> Found:
    """``research.District`` and ``ports,roads`` get the space machine translation dropped.

    >>> [c.after for c in add_missing_space("field research.District committee, see www.Example.com", Context())[0]]
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


def is_tokenised(text: str) -> bool:
    """Moses-style tokenised text: most punctuation has a space before it."""
    signs = len(_TOKENISED_SIGNS.findall(text))
    marks = len(re.findall(r"[,.;:?!]", text)) + len(re.findall(r"'(?:s|t|re|ve|ll|d|m)\b", text))
    return signs >= 3 and signs >= 0.6 * marks


@rule("spacing.detokenize", "tokeniser spaces (won 't, word ,) in tokenised text", line_mode=False)
def detokenize(text: str, ctx: Context) -> Found:
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
