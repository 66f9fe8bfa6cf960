"""pipeline/repair/repetition.py: loops, doubled words, repeated list items and sentences."""

import pytest

from conftest import check_repair_case, repair_cases
from pipeline.repair import repetition
from pipeline.repair.registry import Context


@pytest.mark.parametrize("case", repair_cases("repetition"))
def test_repetition_golden_case(case):
    check_repair_case(case)


def test_idioms_are_not_loops():
    for text in ("more and more people came", "he had had enough", "New York, New York"):
        assert repetition.collapse_phrase_loops(text, Context())[0] == []
        assert repetition.collapse_and_doubles(text, Context())[0] == []


def test_a_loop_of_three_raises_the_meaning_lost_flag():
    changes, notices = repetition.collapse_phrase_loops("ask the people, ask the people, ask the people", Context())
    assert len(changes) == 1 and [n.rule for n in notices] == ["repetition.meaning_lost"]
