"""pipeline/repair/junk.py: breadcrumbs, markers, leftover and contact lines, counters; spam flagged."""

import pytest

from conftest import check_repair_case, repair_cases
from pipeline.repair import junk
from pipeline.repair.registry import Context


@pytest.mark.parametrize("case", repair_cases("junk"))
def test_junk_golden_case(case):
    check_repair_case(case)


def test_an_article_that_is_only_a_leftover_line_is_kept():
    assert junk.strip_leftover_lines("Read on: the plan", Context()) == ([], [])


def test_links_are_flagged_not_removed():
    changes, notices = junk.flag_spam("Visit www.example.com for prizes.", Context())
    assert changes == [] and notices and notices[0].rule == "junk.spam"
