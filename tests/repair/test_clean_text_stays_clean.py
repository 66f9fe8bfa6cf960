"""Negative golden cases: text a rule must not touch (idioms, codes, names, fluent English)."""

import pytest

from conftest import check_repair_case, repair_cases


@pytest.mark.parametrize("case", repair_cases("none"))
def test_clean_text_is_left_alone(case):
    check_repair_case(case)


def test_every_golden_case_is_run_by_the_test_of_its_family():
    from conftest import REPAIR_CASES

    covered = {"none", "capitals", "junk", "numbers", "repetition", "spacing", "punctuation"}
    assert {c["rule"].split(".")[0] for c in REPAIR_CASES} <= covered
