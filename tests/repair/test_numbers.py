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


def test_a_word_glued_to_a_number_is_split_only_before_what_the_number_measures():
    text = "project9.8 billion yuan, of12%, G20 summit, mp4 files, win10 system, RMB5 million, covid19 cases, 2nd, 5G"
    changes, _ = numbers.split_run_together(text, Context())
    assert [text[c.start - 2 : c.start + 2] for c in changes] == ["ct9.", "of12"]


def test_a_scale_word_glued_to_its_number_keeps_its_value():
    from pipeline.safety import number_values

    assert number_values("193.902billion") == number_values("193.902 billion")
    changes, _ = numbers.split_run_together("reached 193.902billion yuan", Context())
    assert [c.start for c in changes] == [len("reached 193.902")]


@pytest.mark.parametrize(
    "text", ["output of 748,065,438+10,000 yuan", "a budget of 654.38+10,000 yuan", "40,965,438+600,000 yuan"]
)
def test_conversion_artefacts_are_flagged_never_guessed(text):
    changes, notices = numbers.flag_conversion_artefact(text, Context())
    assert changes == [] and [n.rule for n in notices] == ["numbers.conversion_artefact"]


@pytest.mark.parametrize("text", ["654,380 residents", "scores of 38+10", "65438 households and 12+3 seats"])
def test_numbers_that_only_look_like_artefacts_are_not_flagged(text):
    assert numbers.flag_conversion_artefact(text, Context()) == ([], [])


def test_a_share_over_100_percent_is_flagged_and_growth_is_not():
    assert [n.rule for n in numbers.flag_impossible_share("accounting for 134% of loans", Context())[1]] == [
        "numbers.impossible_share"
    ]
    assert numbers.flag_impossible_share("accounting for 34.5%, up by 150% on last year", Context()) == ([], [])
