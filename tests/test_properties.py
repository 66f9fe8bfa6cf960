"""Properties that hold for any input (hypothesis, 1,000 examples each)."""

import os
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import Settings, apply_edits, clean_text
from pipeline.render import to_json

# 400 to 1,000 examples of the whole cleaning each: 4 to 10 s a test on two idle cores.
pytestmark = pytest.mark.slow

PIECES = [
    "the",
    "the the",
    "old and old",
    "ask the people,",
    "0.1 billion",
    "more than ,000",
    "220000",
    "may 16",
    "shenyang city",
    "liaoning province",
    "general secretary xi jinping",
    "Qin SE WING,",
    "Bank,",
    "the Construction Bank,",
    "and",
    "research.District",
    ",,",
    " , ",
    ".",
    "!",
    "?",
    "\n",
    "\n\n",
    "\t",
    "from:Network date:2024-05-17 reading:728",
    "(Photography: Wang Jianye; Editor: Wang Xiaohui)",
    "[Explanation]",
    "Editor: Li",
    "Job Website - News - ",
    "“",
    "”",
    "(",
    ")",
    "é",
    "沈阳",
    "\u00a0",
    "peony community and Duofu community",
    "yearsmore",
    "Ministry of Finance",
    "1.",
    "Mr.",
    "ha ha ha",
]
articles = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=40).map(" ".join)
anything = st.one_of(articles, st.text(max_size=300))
# CI runs a fixed set of 1,000 examples per property (derandomized, so a run is repeatable);
# MTCLEAN_EXPLORE=N explores N fresh random examples instead.
_EXPLORE = int(os.environ.get("MTCLEAN_EXPLORE", "0"))
FAST = settings(
    max_examples=_EXPLORE or 1000, derandomize=not _EXPLORE, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@FAST
@given(anything)
def test_edits_reproduce_clean_and_stay_in_bounds(text):
    a = clean_text(text)
    assert apply_edits(a.original, a.edits) == a.clean
    for e in a.edits:
        assert 0 <= e.start <= e.end <= len(text) and text[e.start : e.end] == e.before
        assert 0 <= e.confidence <= 1
    for f in a.flags:
        assert 0 <= f.start <= f.end <= len(text) and text[f.start : f.end] == f.text
    for s in a.sentences:
        assert 0 <= s.start <= s.end <= len(a.clean) and a.clean[s.start : s.end] == s.text


@FAST
@given(anything)
def test_cleaning_is_idempotent(text):
    once = clean_text(text).clean
    assert clean_text(once).clean == once


@FAST
@given(anything)
def test_cleaning_is_deterministic(text):
    assert to_json(clean_text(text)) == to_json(clean_text(text))


@FAST
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=20)), max_size=30))
def test_line_mode_keeps_lines_and_is_idempotent(pieces):
    text = "\n".join(p.replace("\n", " ").replace("\r", " ") for p in pieces)
    mode = Settings(lines=True)
    a = clean_text(text, mode)
    assert a.clean.count("\n") == text.count("\n")
    assert apply_edits(a.original, a.edits) == a.clean
    assert clean_text(a.clean, mode).clean == a.clean


NUMBERS_AND_NAMES = [
    "6,000 yuan,",
    "under 10,000 yuan,",
    "A Co., Ltd.,",
    "B Co., Ltd. and",
    "0.1 billion",
    "220000",
    "2400,300",
    "the Construction Bank,",
    "Li Hua,",
    "Li Hua",
    "and",
    "the the",
    "ask the people,",
    "120ml+",
    "3.5%",
    "3.8billion yuan",
    "RMB467 million",
]


# The numbers a text states, read here without the pipeline's grammar (pipeline.core.numbers), so that a
# fault in that grammar cannot hide a changed number from the guard and from this test at once.
SCALE_WORDS = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}


def stated_numbers(text: str) -> set[object]:
    """Each run of digits (joined by single commas or full stops between digits), commas dropped, times
    the scale words after it (``3.8billion`` too); a run with two full stops (``424.10.0``) is kept as a
    string, its commas dropped."""
    found: set[object] = set()
    i = 0
    while i < len(text):
        if not text[i].isdecimal():
            i += 1
            continue
        j = i + 1
        while j < len(text) and (
            text[j].isdecimal() or (text[j] in ",." and j + 1 < len(text) and text[j + 1].isdecimal())
        ):
            j += 1
        run = text[i:j].replace(",", "")
        if run.count(".") > 1:
            found.add(run)
        else:
            value = Decimal(run)
            for word in _words_after(text, j):
                if word.lower() not in SCALE_WORDS:
                    break
                value *= SCALE_WORDS[word.lower()]
            found.add(value)
        i = j
    return found


def _words_after(text: str, pos: int):
    """The whole words that follow ``pos``, each after whitespace (the first one may follow at once)."""
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        end = pos
        while end < len(text) and (text[end].isalnum() or text[end] == "_"):
            end += 1
        if end == pos:
            return
        yield text[pos:end]
        if end == len(text) or not text[end].isspace():
            return
        pos = end


def test_stated_numbers_reads_values_not_spellings():
    same = stated_numbers("0.1 billion yuan for 220000 homes, 3.25 Million people")
    assert same == stated_numbers("100 million yuan for 220,000 homes, 3,250,000 people")
    assert stated_numbers("RMB467 million, 424.10.0 and more than ,000") == {Decimal(467000000), "424.10.0", 0}
    assert stated_numbers("5 millions and 6 thousand5, 7th") == {5, 6, 7}
    assert stated_numbers("3.8billion and 2 hundred thousand") == {Decimal(3800000000), Decimal(200000)}


def _outside_removed(article) -> str:
    """The original less what the junk and metadata rules took out as not article text."""
    kept, pos = [], 0
    for e in sorted(article.edits, key=lambda e: e.start):
        if any(rule.split(".")[0] in {"junk", "metadata"} for rule in e.rules):
            kept.append(article.original[pos : e.start])
            pos = max(pos, e.end)
    return "\n".join([*kept, article.original[pos:]])


@settings(
    max_examples=_EXPLORE or 400, derandomize=not _EXPLORE, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.lists(st.one_of(st.sampled_from(NUMBERS_AND_NAMES + PIECES), st.text(max_size=8)), max_size=40).map(" ".join))
def test_no_edit_changes_a_number_or_removes_the_only_mention_of_a_name(text):
    from pipeline.safety import removed_spans, violations

    for mode in (Settings(), Settings(lines=True)):
        a = clean_text(text, mode)
        clean = stated_numbers(a.clean)
        assert clean - stated_numbers(a.original) == set(), "a number appears"
        assert stated_numbers(_outside_removed(a)) - clean == set(), "a number is lost"
        # the name words, and the guard's own check of the finished text
        assert violations(a.original, a.clean, removed_spans(a)) == []
