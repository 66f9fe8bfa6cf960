"""pipeline/repair/numbers.py: magnitudes, digit grouping, run-together words; lost digits flagged only."""

import pytest

from conftest import check_repair_case, repair_cases
from pipeline.repair import numbers
from pipeline.repair.registry import Context


@pytest.mark.parametrize("case", repair_cases("numbers"))
def test_numbers_golden_case(case):
    check_repair_case(case)


def test_lost_digits_are_flagged_and_never_filled_in():
    changes, notices = numbers.flag_lost_digits("more than ,000 households", Context())
    assert changes == [] and [n.rule for n in notices] == ["numbers.lost_digits"]


def test_codes_phone_numbers_and_years_are_not_grouped():
    text = "In 2024 call 05511234567 about code 310000 and 153000 trees."
    changes, _ = numbers.group_digits(text, Context())
    assert [c.after for c in changes] == ["153,000"]
