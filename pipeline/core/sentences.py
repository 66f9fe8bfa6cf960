"""Sentence offsets within a paragraph, robust to machine-translation habits (no spaCy here).

Sentences end at ``.``, ``!``, ``?`` (and their CJK forms) followed by a space and a capital, a digit or
an opening quote; also where machine translation dropped the space (``research.District``).
Abbreviations, initials, decimals and list numbers do not end a sentence.
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st jr sr vs e.g i.e fig figs vol dept univ approx inc ltd co corp gov sen rep
    rev hon gen lt col capt sgt jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n p.m a.m""".split()
)
# Abbreviations only before a number ("No. 5", "Art. 3", "p. 12"): "he said no." ends a sentence.
_NUMBER_ABBREVIATIONS = frozenset("no nos art arts para p pp ch sec".split())
_END = re.compile(
    r"""(?:[.!?]+|[。！？]+)["'”’)\]]*"""  # terminal punctuation and closing quotes
    r"""(?:(?=\s+["'“‘(\[]?[A-Z0-9\u4e00-\u9fff])\s+|(?=[A-Z][a-z])|\s*$|(?<=[。！？])\s*)"""
)
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence offsets within one paragraph.

    >>> t = "He left at 3.5 p.m. today.Then Mr. Li spoke. 1. First item"
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['He left at 3.5 p.m. today.', 'Then Mr. Li spoke.', '1. First item']
    """
    spans = []
    start = 0
    for m in _END.finditer(text):
        punct_end = m.start() + len(m.group().rstrip())
        if m.end() >= len(text):
            break
        if not _is_boundary(text, m.start(), start):
            continue
        spans.append((start, punct_end))
        start = m.end()
    if start < len(text) and text[start:].strip():
        end = len(text.rstrip())
        spans.append((start, end))
    return spans


def _is_boundary(text: str, punct: int, sent_start: int) -> bool:
    if text[punct] != ".":
        return True
    before = _WORD_BEFORE.search(text[max(sent_start, punct - 40) : punct])  # a bounded look back: linear
    if not before:
        return punct > sent_start
    word = before.group(1).lower().rstrip(".")
    if word in ABBREVIATIONS:
        return False
    if word in _NUMBER_ABBREVIATIONS and text[punct + 1 :].lstrip()[:1].isdigit():
        return False
    if len(word) == 1 and word.isalpha():  # an initial: "J. Smith"
        return False
    if word.isdigit() and punct - len(before.group(1)) == sent_start:  # a list number: "1. First"
        return False
    if "." in word and all(len(part) <= 2 for part in word.split(".")):  # "U.S", "p.m"
        return text[punct + 1 : punct + 2].isspace() and _next_is_sentence_start(text, punct)
    return True


def _next_is_sentence_start(text: str, punct: int) -> bool:
    rest = text[punct + 1 :].lstrip()
    first = rest.split(" ", 1)[0]
    return first[:1].isupper() and first.lower() not in {"s", "government", "dollar"}
