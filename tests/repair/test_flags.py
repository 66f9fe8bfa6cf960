"""Flags point at what mtclean must not guess: each case's span is covered, negatives stay unflagged, nothing rewritten."""

import json
from pathlib import Path

import pytest

from pipeline import Settings, clean_text

CASES = json.loads((Path(__file__).parent.parent / "data" / "flag_cases.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[f"{c['rule']}:{c['text'][:32]}" for c in CASES])
def test_flag_case(case):
    article = clean_text(case["text"], Settings())
    flags = [f for f in article.flags if f.rule == case["rule"]]
    if case["span"] is None:
        assert flags == [], [f.message for f in flags]
        return
    start = case["text"].index(case["span"])
    end = start + len(case["span"])
    assert any(f.start < end and start < f.end for f in flags), [f.message for f in article.flags]
    assert all(0 < f.score <= 1 and f.message for f in flags)
    assert not [e for e in article.edits if e.rule == case["rule"]]


@pytest.mark.parametrize("rule", sorted({c["rule"] for c in CASES}))
def test_flag_can_be_switched_off(rule):
    case = next(c for c in CASES if c["rule"] == rule and c["span"])
    article = clean_text(case["text"], Settings(disabled=frozenset({rule})))
    assert not [f for f in article.flags if f.rule == rule]


def test_no_flag_on_a_repeated_copy_that_was_removed():
    """The sample said three times: the copies go, and so do the flags on them (issue 31: 87 of 94
    flags stood on removed text when it was said 30 times)."""
    sample = (Path(__file__).parents[2] / "corpus" / "000_63418d9d2f262613.txt").read_text(encoding="utf-8")
    once = clean_text(sample, Settings())
    thrice = clean_text("\n\n".join([sample] * 3), Settings())
    assert len(thrice.clean) < len(once.clean) + 200  # the copies are gone (their header lines stay)
    assert [(f.rule, f.text) for f in thrice.flags] == [(f.rule, f.text) for f in once.flags]
    for flag in thrice.flags:  # every flag on text the cleaned article keeps, or on an edit's span
        assert flag.start < len(sample) or any(e.start <= flag.start and flag.end <= e.end for e in thrice.edits)
