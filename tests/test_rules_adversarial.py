"""No rule may take quadratic time (or backtrack catastrophically) on adversarial text.

Each rule is run on 10,000 and on 40,000 characters of a repeated hostile pattern, and the growth of its
time is compared: four times the text takes about 4x the time for a linear rule and 16x for a quadratic
one, so the test asks for at most ``MAX_GROWTH`` (8x). A ratio, not a wall-clock limit, so that the test
depends neither on the machine's speed nor on its being idle:

* the time is CPU time (``time.process_time``), not wall-clock time, with the garbage collector off, and
  each rule is first warmed up on a short text (lazily loaded gazetteers, compiled patterns, caches);
* the 10,000-character time is the best of ``REPEATS`` runs; the 40,000-character run is repeated (up to
  ``REPEATS`` times, keeping the best) only while the ratio is over the bound, since noise only ever makes
  a run slower;
* under a noise floor (``FLOOR_S``: the 40,000-character run takes less than 50 ms) a rule passes whatever
  its ratio: such times are too short to compare, and too short to matter.

This guards against hangs; speed itself is measured in benchmarks/scaling.py.
"""

import gc
import time

import pytest

from pipeline import segment
from pipeline.repair.loop import RULES
from pipeline.repair.registry import Context

PATTERNS = [
    "x",
    " ",
    ",",
    "a ",
    "a, ",
    "1",
    "1,",
    "A.",
    "((",
    "the ",
    "Mr. ",
    "\n",
    "a\n",
    ".",
    "Ab",
    '"a',
    "the Bank, ",
    "old and ",
    "www.a",
    "- ",
    "> ",
    "a: ",
    "0.",
    "a-",
    "'s ",
    "沈",
    "1 1 ",
    "Li Hua, ",
    "(Editor: ",
    "[Explanation]",
    ",000 ",
    "0.1 billion ",
]
SMALL, LARGE = 10_000, 40_000  # 4x the text: a linear rule takes ~4x the time, a quadratic one ~16x
MAX_GROWTH = 8
FLOOR_S = 0.05  # a 40,000-character run under this passes whatever the ratio
REPEATS = 3
WARM_UP = 1_000


def _rules():
    """Every rule of the registry that runs (reading repairs, metadata, repairs, flags), and the segmenter."""
    out = [(r.name, r.fn) for r in RULES]
    out += [("segment", lambda t, s: segment.sentences(t, segment.paragraphs(t)))]
    return out


def _cpu_time(fn, text, settings) -> float:
    enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.process_time()
        fn(text, settings)
        return time.process_time() - start
    finally:
        if enabled:
            gc.enable()


def _text(pattern: str, chars: int) -> str:
    return pattern * (chars // len(pattern))


@pytest.mark.slow  # every rule on 50,000 characters, several times, for each of 32 patterns: about 30 s in all
@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_rule_grows_linearly_on_adversarial_runs(pattern):
    settings = Context()
    small, large = _text(pattern, SMALL), _text(pattern, LARGE)
    slow = []
    for name, fn in _rules():
        fn(_text(pattern, WARM_UP), settings)
        t_large = _cpu_time(fn, large, settings)
        if t_large < FLOOR_S:
            continue
        t_small = min(_cpu_time(fn, small, settings) for _ in range(REPEATS))
        for _ in range(REPEATS - 1):
            if t_large <= MAX_GROWTH * t_small or t_large < FLOOR_S:
                break
            t_large = min(t_large, _cpu_time(fn, large, settings))
        if t_large > MAX_GROWTH * t_small and t_large >= FLOOR_S:
            slow.append(
                f"{name} on {pattern!r}: {t_small * 1000:.1f} ms for {len(small):,} characters, "
                f"{t_large * 1000:.1f} ms for {len(large):,} ({t_large / max(t_small, 1e-9):.1f}x, "
                f"at most {MAX_GROWTH}x allowed: quadratic?)"
            )
    assert not slow, "\n".join(slow)
