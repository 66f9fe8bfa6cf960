"""No rule may take quadratic time (or backtrack catastrophically) on adversarial text.

Each rule gets 40,000 characters of a repeated hostile pattern and must finish within a generous
bound: a quadratic scan takes minutes at this size, a linear one well under a second. This guards
against hangs; speed itself is measured in benchmarks/scaling.py.
"""

import signal

import pytest

from pipeline import metadata, normalise, segment
from pipeline.config import Settings
from pipeline.repair import RULES

PATTERNS = ["x", " ", ",", "a ", "a, ", "1", "1,", "A.", "((", "the ", "Mr. ", "\n", "a\n", ".", "Ab", '"a',
            "the Bank, ", "old and ", "www.a", "- ", "> ", "a: ", "0.", "a-", "'s ", "沈", "1 1 ", "Li Hua, ",
            "(Editor: ", "[Explanation]", ",000 ", "0.1 billion "]
CHARS = 40_000
LIMIT_S = 10


def _rules():
    out = [(r.name, r.fn) for r in RULES]
    out += [(name, fn) for name, fn, _ in normalise.RULES]
    out += [("metadata.credits", lambda t, s: metadata.extract_credits(t, metadata.Metadata())),
            ("metadata.header", lambda t, s: metadata.extract_header(t, metadata.Metadata())),
            ("segment", lambda t, s: segment.sentences(t, segment.paragraphs(t)))]
    return out


class TookTooLong(Exception):
    pass


def _alarm(signum, frame):
    raise TookTooLong


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_rule_is_fast_on_adversarial_runs(pattern):
    text = pattern * (CHARS // len(pattern))
    old = signal.signal(signal.SIGALRM, _alarm)
    try:
        for name, fn in _rules():
            signal.alarm(LIMIT_S)
            try:
                fn(text, Settings())
            except TookTooLong:
                pytest.fail(f"{name} took over {LIMIT_S} s on {len(text):,} characters of {pattern!r}")
            finally:
                signal.alarm(0)
    finally:
        signal.signal(signal.SIGALRM, old)
