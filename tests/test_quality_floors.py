"""Quality floors on real MT with human post-edits (MLQE-PE): a regression gate, not the benchmark.

benchmarks/repair_quality.py prints the full tables; these tests pin the floors the README reports.
"""

import pytest

from benchmarks.repair_quality import (
    FLUENT_PAIRS,
    LOOP_PAIRS,
    clean_lines,
    has_loop,
    read_pair,
    ter_scorer,
)
from conftest import shared


@pytest.fixture(scope="module")
def ter():
    return ter_scorer()


@pytest.mark.slow  # cleans and scores the 1,000 lines of a dev set: about 2 s a pair
@pytest.mark.parametrize("pair", FLUENT_PAIRS)
def test_fluent_text_is_left_alone(pair, ter):
    mt, pe = read_pair(shared("eval", "mlqe-pe").parent.parent, pair, "dev")
    cleaned = clean_lines(mt)
    changed = [i for i, (a, b) in enumerate(zip(mt, cleaned)) if a != b]
    worse = [i for i in changed if ter(cleaned[i], pe[i]) > ter(mt[i], pe[i])]
    assert len(changed) <= 0.02 * len(mt)
    assert len(worse) <= 0.10 * max(1, len(changed))


@pytest.mark.parametrize("pair", LOOP_PAIRS)
def test_loops_move_towards_the_post_edit(pair, ter):
    mt, pe = read_pair(shared("eval", "mlqe-pe").parent.parent, pair, "dev")
    picked = [i for i, s in enumerate(mt) if has_loop(s)]
    cleaned = clean_lines([mt[i] for i in picked])
    deltas = [ter(c, pe[i]) - ter(mt[i], pe[i]) for c, i in zip(cleaned, picked)]
    assert len(picked) >= 5
    assert sum(d < 0 for d in deltas) >= 0.85 * len(picked)
    assert not any(d > 0 for d in deltas)
    assert all(not has_loop(c) or c.count("'") > 5 for c in cleaned)
