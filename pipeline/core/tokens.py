"""A light tokeniser with offsets, and the lines of a text (no spaCy here)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

_TOKEN = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*|\S")


class Token(NamedTuple):
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Words (with inner hyphens, apostrophes and dots) and single punctuation marks (a new list)."""
    if len(text) <= _CACHED_UP_TO:
        return list(_tokenize_line(text, offset))
    return _tokenize(text, offset)


def _tokenize(text: str, offset: int) -> list[Token]:
    return [Token(m.group(), m.start() + offset, m.end() + offset) for m in _TOKEN.finditer(text)]


# The repair families tokenize the same lines again and again (four calls in five repeat one, on real
# pages): a line of up to 2,000 characters is tokenized once (Tokens are immutable; each caller gets its
# own list). Bounded: 256 lines at most (an article's worth), so under 20 MB at worst (14 MB for lines of 1,000
# one-letter words) whatever the input.
_CACHED_UP_TO = 2000


@lru_cache(maxsize=256)
def _tokenize_line(text: str, offset: int) -> tuple[Token, ...]:
    return tuple(_tokenize(text, offset))


def line_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of every line (without its newline)."""
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def inner_tokens(text: str) -> Iterator[tuple[list[Token], int]]:
    """Each line's tokens, with the index of every token that has a neighbour on both sides."""
    for start, end in line_spans(text):
        toks = tokenize(text[start:end], start)
        for i in range(1, len(toks) - 1):
            yield toks, i
