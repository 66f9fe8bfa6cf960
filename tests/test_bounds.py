"""Bounded work for inputs of any shape: what spaCy is given, and what a hostile input gives back.

The shapes are those that once took gigabytes or minutes: one-character lines, ``Mr. `` repeated, runs
of brackets, one line of a million characters, one phrase looping with no full stop. Ordinary news
goes to spaCy as it always did (whole, or in 50,000-character pieces cut at line breaks).
"""

from __future__ import annotations

import pytest

from benchmarks.scaling import article_of
from conftest import SAMPLE
from pipeline.analyse import (
    CHUNK_CHARS,
    LINE_TOKENS,
    LONG_RUN,
    PIECE_TOKENS,
    SKIPPED_TOKEN,
    Piece,
    parse,
    plan_pieces,
    split_for_parsing,
)

HOSTILE = {
    "one-character lines": "x\n" * 100_000,
    "Mr. repeated": "Mr. " * 50_000,
    "bracket runs": "([{" * 60_000,
    "one long line": "x" * 200_000,
    "a phrase looping": "the county held a meeting on rural roads " * 5_000,
    "digits": "1234567890" * 20_000,
    "long words among prose": ("The county held a meeting. " * 20 + "a" * 5_000 + "\n") * 20,
}


def _covering(pieces: list[Piece], text: str) -> bool:
    return (
        pieces[0].start == 0
        and pieces[-1].end == len(text)
        and all(a.end == b.start for a, b in zip(pieces, pieces[1:]))
    )


def test_ordinary_news_goes_whole_or_in_the_old_pieces():
    sample = SAMPLE.read_text(encoding="utf-8")
    assert plan_pieces(sample) == [Piece(0, len(sample))]
    long = article_of(300_000)
    pieces = plan_pieces(long)
    assert all(p.parse for p in pieces)
    assert [long[p.start : p.end] for p in pieces] == split_for_parsing(long)
    assert max(p.end - p.start for p in pieces) <= CHUNK_CHARS


@pytest.mark.parametrize("shape", sorted(HOSTILE))
def test_hostile_shapes_are_cut_into_bounded_pieces(shape):
    text = HOSTILE[shape]
    pieces = plan_pieces(text)
    assert _covering(pieces, text)
    for p in pieces:
        if p.parse:  # never a run over LONG_RUN characters, never more than PIECE_TOKENS tokens
            piece = text[p.start : p.end]
            assert max(map(len, piece.split()), default=0) <= LONG_RUN
            assert p.end - p.start <= PIECE_TOKENS or len(piece.split()) <= LINE_TOKENS


def test_text_that_is_not_prose_is_not_parsed():
    for shape in ("one-character lines", "bracket runs", "one long line", "digits", "a phrase looping"):
        assert not any(p.parse for p in plan_pieces(HOSTILE[shape])), shape
    mixed = plan_pieces(HOSTILE["long words among prose"])
    assert any(p.parse for p in mixed) and any(not p.parse for p in mixed)


class _Recording:
    """spaCy's blank English pipeline, recording the length of every text it is called on."""

    def __init__(self) -> None:
        import spacy

        self.nlp = spacy.blank("en")
        self.vocab = self.nlp.vocab
        self.calls: list[int] = []

    def __call__(self, text: str):
        self.calls.append(len(text))
        return self.nlp(text)


@pytest.mark.parametrize("shape", sorted(HOSTILE))
def test_parse_keeps_the_offsets_and_never_calls_spacy_on_a_long_piece(shape):
    text = HOSTILE[shape]
    nlp = _Recording()
    doc = parse(nlp, text)
    assert doc.text == text
    assert all(n <= CHUNK_CHARS for n in nlp.calls)
    assert sum(nlp.calls) <= len(text)
    assert all(len(t.text) <= max(SKIPPED_TOKEN, LONG_RUN) for t in doc)  # no token of a whole input


def test_a_long_paragraph_of_prose_is_cut_into_sentences_of_a_few_thousand_tokens():
    words = " ".join(f"word{i % 977} and more" for i in range(20_000))  # distinct enough to be prose
    text = f"Title\n\n{words}\n"
    pieces = plan_pieces(text)
    assert _covering(pieces, text)
    parsed = [text[p.start : p.end] for p in pieces if p.parse]
    assert len(parsed) > 1
    assert all(len(piece.split()) <= 1.1 * LINE_TOKENS for piece in parsed)  # tokens are estimated


@pytest.mark.slow  # the limit is at least 10,000 edits, and making them takes several seconds
def test_the_repairs_stop_at_the_edit_limit_and_say_so():
    from pipeline import Settings, apply_edits
    from pipeline.repair.loop import edit_limit, repair_text

    text = "x\n" * 30_000  # every line a sentence to capitalise: 30,000 changes
    log, _ = repair_text(text, Settings())
    edits, flags = log.edits(), log.flags()
    assert len(edits) + len(flags) <= edit_limit(text) + 1
    assert [f.rule for f in flags] == ["input.edit_limit"]
    assert apply_edits(text, edits) == log.text  # every change made is recorded
    assert log.text.startswith("X\n") and log.text.rstrip().endswith("\nx")  # the first changes made, not the rest


def test_ordinary_news_is_far_under_the_edit_limit():
    from pipeline import Settings
    from pipeline.repair.loop import edit_limit, repair_text

    text = article_of(100_000)
    log, _ = repair_text(text, Settings())
    assert len(log.edits()) + len(log.flags()) < edit_limit(text) / 3
    assert "input.edit_limit" not in {f.rule for f in log.flags()}


@pytest.mark.slow
def test_a_hostile_input_goes_through_the_whole_chain_flagged(models, validate):
    import json

    from pipeline import Settings, apply_edits, process
    from pipeline.render import to_json

    sample = SAMPLE.read_text(encoding="utf-8")
    text = sample + "\n\n" + "([{" * 40_000 + "\n\n" + "x\n" * 20_000  # 100,000 characters of no prose
    article = process(text, models, Settings())
    rules = [f.rule for f in article.flags]
    assert "analysis.skipped" in rules
    assert apply_edits(article.original, article.edits) == article.clean
    validate(json.loads(to_json(article)))
    prose = article.clean.index("([{")  # the article's own part is still analysed; nothing is read past it
    officials = article.entities.officials
    assert len(officials) >= 4 and all(m.end <= prose for o in officials for m in o.mentions)
    assert article.figures and all(f.end <= prose for f in article.figures)
    assert len(article.summary.key_points) == 5 and all(p.end <= prose for p in article.summary.key_points)


def test_a_word_of_thousands_of_letters_is_cleaned():
    from pipeline import apply_edits, clean_text

    text = ("The county held a meeting in Beijing. " * 5 + "a" * 5_000 + "\n") * 3  # once a RecursionError
    article = clean_text(text)
    assert apply_edits(article.original, article.edits) == article.clean
