"""garble.clause flags clauses on a passive English lacks, never rewrites them, and stays quiet on fluent text."""

import json
from pathlib import Path

import pytest

from pipeline import Settings, clean_text

CASES = json.loads((Path(__file__).parent.parent / "data" / "garble_clauses.json").read_text(encoding="utf-8"))


def _clause_flags(article):
    return [f for f in article.flags if f.rule == "garble.clause"]


@pytest.mark.parametrize("case", CASES["flag"], ids=[c["span"] for c in CASES["flag"]])
def test_garbled_clause_is_flagged_with_score_and_reason(case):
    article = clean_text(case["text"], Settings(lines=True))
    flags = _clause_flags(article)
    assert len(flags) == 1, flags
    start = case["text"].index(case["span"])
    assert flags[0].start <= start and start + len(case["span"]) <= flags[0].end
    assert 0.5 <= flags[0].score <= 1 and "garbled" in flags[0].message
    assert not [e for e in article.edits if e.rule.startswith("garble")]


@pytest.mark.parametrize("text", CASES["fluent"])
def test_fluent_clause_is_not_flagged(text):
    assert _clause_flags(clean_text(text, Settings(lines=True))) == []


def test_garbled_clause_flag_can_be_disabled():
    text = CASES["flag"][0]["text"]
    assert _clause_flags(clean_text(text, Settings(disabled=frozenset({"garble.clause"})))) == []


def test_two_signals_in_one_clause_raise_the_score():
    one = _clause_flags(clean_text("The team is consisted of experts.", Settings()))[0]
    two = _clause_flags(clean_text("The team is consisted of experts who are participated in the work.", Settings()))[0]
    assert two.score > one.score and two.message.count("passive") == 2


@pytest.mark.parametrize("lines", [False, True])
@pytest.mark.parametrize(
    "text, word",
    [
        ("Since there was no existing exper", "exper"),
        ("We must take the initiativ", "initiativ"),
        ("The report was written by Cao Huiq", "Huiq"),
    ],
)
def test_cut_off_endings_are_flagged_in_every_input_mode(text, word, lines):
    article = clean_text(text, Settings(lines=lines))
    flags = [f for f in article.flags if f.rule == "garble.cut_off"]
    assert flags and article.original[flags[0].start : flags[0].end].endswith(word)
    assert article.clean == text


@pytest.mark.parametrize(
    "text",
    ["The new road is the best in the province", "A talk with Li Ming", "He met Cao Hui", "It is a stray"],
)
def test_whole_words_and_names_at_the_end_are_not_cut_off(text):
    assert not [f for f in clean_text(text, Settings(lines=True)).flags if f.rule == "garble.cut_off"]
