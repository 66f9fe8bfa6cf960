"""The single spaCy pass on the cleaned text, in bounded pieces whatever the input's shape.

The pipeline is loaded once per process (:func:`pipeline.nlp.load_nlp`) and passed in; a Doc lives
only inside the analysing stages, never in the Article.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any, NamedTuple

from .article import Article

CHUNK_CHARS = 50_000  # spaCy's parser needs about 1 GB per 100,000 characters at once
# Bounds on what spaCy is given in one call, whatever the input's shape. The parser's memory grows with the
# tokens of a call, and its tokenizer is quadratic in a run of punctuation without spaces ("([{([{..."):
PIECE_TOKENS = 15_000  # tokens (estimated) in one call; ordinary news has about 9,000 in 50,000 characters
LINE_TOKENS = 3_000  # a paragraph longer than this is cut at spaces ("sentences" of a few thousand tokens)
LONG_RUN = 200  # characters without a space: longer is not prose (news has at most about 60)
SKIPPED_TOKEN = 1_000  # text not parsed becomes tokens of at most this many characters
_TOKEN = re.compile(r"\w+|[^\w\s]|\n")  # about one spaCy token each
_RUN = re.compile(rf"\S{{{LONG_RUN + 1},}}")
_WORD = re.compile(r"\S+")


class Piece(NamedTuple):
    """``text[start:end]``, given to spaCy whole (``parse``) or kept as unparsed tokens (not prose)."""

    start: int
    end: int
    parse: bool = True


def plan_pieces(text: str) -> list[Piece]:
    """The pieces ``text`` goes to spaCy in: contiguous, covering it. Ordinary news goes as it always did
    (whole, or cut at line breaks every 50,000 characters); a piece that is not ordinary (too many tokens,
    a paragraph of thousands of tokens, long runs without spaces, mostly not letters) is gone through line
    by line: prose lines are parsed in bounded pieces, the other lines are not parsed."""
    bounds = [(0, len(text))] if len(text) <= CHUNK_CHARS else _split_offsets(text, CHUNK_CHARS)
    pieces: list[Piece] = []
    for start, end in bounds:
        piece = text[start:end]
        if _ordinary(piece):
            pieces.append(Piece(start, end))
        else:
            pieces += _by_line(piece, start)
    return _merged(pieces)


def _ordinary(piece: str) -> bool:
    if _RUN.search(piece) or not _mostly_letters(piece):
        return False
    tokens = 0
    for line in piece.split("\n"):
        n = _count_tokens(line) + 1
        if n > LINE_TOKENS or (len(line) > 2_000 and not _prose_line(line)):
            return False
        tokens += n
    return tokens <= PIECE_TOKENS


def _count_tokens(text: str) -> int:
    return sum(1 for _ in _TOKEN.finditer(text))


def _mostly_letters(text: str) -> bool:
    """Letters are at least half of the characters that are not spaces (news: about 80%)."""
    visible = len(text) - sum(text.count(c) for c in " \n\t")
    return visible > 0 and sum(ch.isalpha() for ch in text) * 2 >= visible


def _prose_line(line: str) -> bool:
    """A paragraph worth parsing: words of letters, no long runs without spaces, not one phrase looping."""
    words = _WORD.findall(line)
    if len(words) < 3 or _RUN.search(line) or not _mostly_letters(line):
        return False
    return len(words) <= 200 or len(set(words)) * 10 >= len(words)


SHORT_RUN = 20  # more short lines than this in a row (one-character lines ...) are not prose
_BLANK, _PROSE, _SHORT, _JUNK = range(4)


def _line_kinds(lines: list[str]) -> list[int]:
    """Per line: blank, prose, or not prose; a short line (a heading, a name) counts as prose unless it
    is one of more than SHORT_RUN short lines in a row."""
    kinds = []
    for line in lines:
        if not line.strip():
            kinds.append(_BLANK)
        elif _RUN.search(line) or not _mostly_letters(line):
            kinds.append(_JUNK)
        elif len(_WORD.findall(line)) < 3:
            kinds.append(_SHORT)
        else:
            kinds.append(_PROSE if _prose_line(line) else _JUNK)
    run: list[int] = []  # the short lines of the current run
    for i, kind in enumerate([*kinds, _PROSE]):
        if kind == _SHORT:
            run.append(i)
        elif kind != _BLANK:
            for j in run:
                kinds[j] = _JUNK if len(run) > SHORT_RUN else _PROSE
            run = []
    return kinds


def _by_line(piece: str, offset: int) -> list[Piece]:
    pieces: list[Piece] = []
    whole = False  # whether the last piece ends at the end of a line (more lines may join it)
    budget = 0  # characters in the last piece: never fewer than its tokens
    pos = 0
    lines = piece.splitlines(keepends=True)
    for line, kind in zip(lines, _line_kinds(lines)):
        start, end = offset + pos, offset + pos + len(line)
        pos += len(line)
        if kind == _BLANK and pieces:  # a blank line goes with the line before it
            pieces[-1] = Piece(pieces[-1].start, end, pieces[-1].parse)
        elif kind not in (_PROSE, _BLANK):
            if pieces and not pieces[-1].parse:
                pieces[-1] = Piece(pieces[-1].start, end, False)
            else:
                pieces.append(Piece(start, end, False))
        elif (n := _count_tokens(line)) > LINE_TOKENS:  # cut at spaces into pieces of about LINE_TOKENS tokens
            chars = max(1, len(line) * LINE_TOKENS // n)
            pieces += [Piece(start + s, start + e) for s, e in _split_offsets(line, chars)]
            whole, budget = True, pieces[-1].end - pieces[-1].start
            continue
        elif pieces and pieces[-1].parse and whole and budget + len(line) <= PIECE_TOKENS:
            pieces[-1] = Piece(pieces[-1].start, end)
            budget += len(line)
            continue
        else:
            pieces.append(Piece(start, end))
        whole, budget = True, pieces[-1].end - pieces[-1].start
    return pieces


def _merged(pieces: list[Piece]) -> list[Piece]:
    """Adjacent unparsed pieces as one."""
    out: list[Piece] = []
    for p in pieces:
        if out and not out[-1].parse and not p.parse:
            out[-1] = Piece(out[-1].start, p.end, False)
        else:
            out.append(p)
    return out


def parse(nlp: Any, text: str, pieces: list[Piece] | None = None) -> Any:
    """One spaCy pass over ``text`` in the pieces of :func:`plan_pieces`, joined back into one Doc whose
    offsets are those of ``text``; text not parsed is in it as plain tokens (no tags, parse or entities)."""
    pieces = plan_pieces(text) if pieces is None else pieces
    if len(pieces) == 1 and pieces[0].parse:
        return nlp(text)
    from spacy.tokens import Doc

    docs = [nlp(text[p.start : p.end]) if p.parse else _unparsed(nlp.vocab, text[p.start : p.end]) for p in pieces]
    return Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])  # type: ignore[call-arg]


def _unparsed(vocab: Any, text: str) -> Any:
    """Text as a few plain tokens of at most SKIPPED_TOKEN characters (each its own sentence)."""
    from spacy.tokens import Doc

    words = [text[s:e] for s, e in _split_offsets(text, SKIPPED_TOKEN)]
    return Doc(vocab, words=words, spaces=[False] * len(words))


MAX_SKIPPED_FLAGS = 20


def flag_skipped(article: Article, pieces: list[Piece]) -> None:
    """One ``analysis.skipped`` flag for each stretch of the cleaned text that was not parsed (the first
    MAX_SKIPPED_FLAGS; the last says how many more), on its first line (at most 100 characters)."""
    skipped = [p for p in pieces if not p.parse]
    for k, p in enumerate(skipped[:MAX_SKIPPED_FLAGS]):
        text = article.clean[p.start : p.end]
        stripped = text.lstrip()
        start = p.start + len(text) - len(stripped)
        line_end = stripped.find("\n")
        end = start + min(100, line_end if line_end >= 0 else len(stripped.rstrip()))
        more = len(skipped) - MAX_SKIPPED_FLAGS if k == MAX_SKIPPED_FLAGS - 1 else 0
        article.add_flag(
            "analysis.skipped",
            start,
            max(end, start + 1),
            f"{p.end - p.start:,} characters from here are not prose (no words, runs without spaces, or one phrase "
            "looping): not parsed, so no entities or figures are read from them"
            + (f"; {more:,} more such stretches" if more > 0 else ""),
            "info",
            None,
        )


def split_for_parsing(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Contiguous pieces of at most ``size`` characters, cut after a line break or a space if there is one."""
    return [text[s:e] for s, e in _split_offsets(text, size)]


def _split_offsets(text: str, size: int) -> list[tuple[int, int]]:
    pieces = []
    pos = 0
    while pos < len(text):
        end = min(len(text), pos + size)
        if end < len(text):
            cut = max(text.rfind("\n", pos, end), text.rfind(" ", pos, end))
            end = cut + 1 if cut > pos else end
        pieces.append((pos, end))
        pos = end
    return pieces


def token_starts(doc: Any) -> list[int]:
    """The character offset of every token, computed once per Doc (for bisecting, not scanning)."""
    starts = doc.user_data.get("mtclean_starts")
    if starts is None or len(starts) != len(doc):
        starts = doc.user_data["mtclean_starts"] = [t.idx for t in doc]
    return starts


def first_token_from(doc: Any, char: int) -> int | None:
    """The index of the first token that starts at or after ``char``, or None."""
    i = bisect_left(token_starts(doc), char)
    return i if i < len(doc) else None


def tokens_starting_in(doc: Any, start: int, end: int) -> range:
    """The indexes of the tokens that start in ``[start, end)``."""
    starts = token_starts(doc)
    return range(bisect_left(starts, start), bisect_left(starts, end))
