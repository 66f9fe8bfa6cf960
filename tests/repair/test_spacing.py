"""pipeline/repair/spacing.py: missing spaces, doubled and full-width punctuation, tokeniser spaces."""

import pytest

from conftest import check_repair_case, repair_cases
from pipeline.repair import spacing
from pipeline.repair.registry import Context


@pytest.mark.parametrize("case", repair_cases("spacing", "punctuation"))
def test_spacing_and_punctuation_golden_case(case):
    check_repair_case(case)


def test_a_full_stop_inside_a_web_address_or_a_decimal_gets_no_space():
    changes, _ = spacing.add_missing_space("See www.gov.cn or the 3.5 rate.Then go.", Context())
    assert [c.start for c in changes] == ["See www.gov.cn or the 3.5 rate.Then go.".index("Then")]
