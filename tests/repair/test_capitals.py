"""pipeline/repair/capitals.py: only the case of known names changes, never a word."""

import pytest

from conftest import check_repair_case, repair_cases
from pipeline.repair import capitals
from pipeline.repair.registry import Context


@pytest.mark.parametrize("case", repair_cases("capitals"))
def test_capitals_golden_case(case):
    check_repair_case(case)


def test_may_is_a_month_only_next_to_a_day_or_a_year():
    changes, _ = capitals.capitalize_dates("you may go on may 16 or in march", Context())
    assert [c.after for c in changes] == ["May"]


def test_a_recased_name_keeps_its_letters():
    text = "officials of the ministry of finance met"
    changes, _ = capitals.capitalize_known_names(text, Context())
    for c in changes:
        assert c.after.lower() == text[c.start : c.end].lower()
