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
