"""The one number grammar: what a number is, what it is worth, and which numbers are quantities."""

from decimal import Decimal

import pytest

from pipeline import clean_text
from pipeline.abstractive import unsupported_claims
from pipeline.core.numbers import number_value, numbers, quantities
from pipeline.safety import number_values


def written(text: str, finder=numbers) -> list[str]:
    return [text[n.start : n.end] for n in finder(text)]


@pytest.mark.parametrize(
    ("digits", "scales", "value"),
    [
        ("220,000", "", Decimal(220000)),
        ("3.25", " million", Decimal(3250000)),
        ("0.1", " Billion", Decimal(100000000)),
        ("5", " hundred  thousand", Decimal(500000)),
        ("1,234,567.5", "", Decimal("1234567.5")),
    ],
)
def test_number_value_reads_grouping_decimals_and_scale_words(digits, scales, value):
    assert number_value(digits, scales) == value


def test_a_number_is_its_digits_and_the_scale_words_after_it():
    assert written("In 2023, 3.25 million homes and 220,000 flats, 0.1 billion yuan.") == [
        "2023",
        "3.25 million",
        "220,000",
        "0.1 billion",
    ]


def test_a_number_never_begins_inside_another():
    assert written("1,234.56 and 424.10.0.20") == ["1,234.56", "424.10"]


def test_numbers_glued_to_words_are_numbers():
    assert written("RMB467 million for the S4 and No.1 roads") == ["467 million", "4", "1"]


def test_lost_leading_digits_leave_a_number_without_value():
    (lost,) = numbers("more than ,000 households")
    assert (lost.digits, lost.headless, lost.value) == (",000", True, None)


def test_a_misgrouped_number_reads_its_digits_as_one_number():
    (number,) = numbers("more than 2400,300 mu")
    assert number.misgrouped and number.value == Decimal(2400300)


def test_scale_words_are_ascii_letters_in_any_case():
    assert written("3 MILLION, 4 Thousand, 5 thouſand") == ["3 MILLION", "4 Thousand", "5"]


def test_a_scale_word_in_other_letters_no_longer_crashes_the_guard():
    assert "3 thouſand" in clean_text("about 3 thouſand").clean  # a KeyError in the guard before


def test_quantities_stand_alone():
    text = "the 5th of 424.10.0, RMB467, No.2; 3 million and ,000 people, 2400,300 mu, by 2025,100 villages"
    assert written(text, quantities) == ["2", "3 million", ",000", "2400,300"]


def test_quantities_read_within_their_bounds_and_look_before_them():
    text = "It cost 5 million yuan, RMB7 each"
    assert [text[n.start : n.end] for n in quantities(text, 0, 12)] == ["5"]  # "mi": no scale word
    assert [text[n.start : n.end] for n in quantities(text, 0, len(text))] == ["5 million"]
    assert list(quantities(text, text.index("7"))) == []  # "RMB7": glued to the word before the bound


def test_the_guard_and_the_abstractive_check_read_the_same_numbers():
    text = "RMB467 million for 2400,300 mu, 0.1 billion yuan and ,000 jobs"
    assert set(number_values(text)) == {Decimal(467000000), Decimal(2400300), Decimal(100000000)}
    assert unsupported_claims("They spent RMB467 million on 2,400,300 mu.", text) == []
