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


def test_words_run_together_are_split_only_into_known_words():
    text = "the flood preventionand relief work. Onthe morning, microecology, thereof, Allani, xinglinli, www.asfinancing.com"
    changes, _ = spacing.split_joined_words(text, Context())
    assert [text[c.start - 3 : c.start + 3] for c in changes] == ["ionand", " Onthe"]


def test_content_words_run_together_need_the_segment_to_have_lost_spaces_twice():
    assert spacing.split_joined_words("the currentsituation is good", Context())[0] == []
    text = "the currentsituation of theworkers andthe staff"
    assert len(spacing.split_joined_words(text, Context())[0]) == 3
    # in line mode each line is its own evidence
    lines = "the currentsituation is good\ntheworkers andthe staff"
    assert len(spacing.split_joined_words(lines, Context(line_segments=True))[0]) == 2


def test_brand_like_camel_case_is_left():
    text = "WeChat YouTube iPhone eBay PetroChina LinkedIn McDonald JinkoSolar BeiDou SenseTime Group GongHe Village"
    assert spacing.split_camel_case(text, Context())[0] == []


def test_camel_case_pinyin_name_is_split_only_where_the_text_writes_it_apart():
    assert spacing.split_camel_case("LiDawei spoke.", Context())[0] == []
    assert len(spacing.split_camel_case("Li Dawei came. LiDawei spoke.", Context())[0]) == 1


def test_no_space_is_added_inside_abbreviations_decimals_or_addresses():
    text = "U.S. No.5 3.5 e.g. www.gov.cn Co.,Ltd Fig.3 para.12 v2.0.Beta 1.2.As"
    assert spacing.add_missing_space(text, Context())[0] == []


def test_misspelt_words_and_names_are_not_split_into_two():
    text = "Ursula met Torim and Allani. The troops were tied toether and attraced to jogis of hisnan."
    assert spacing.split_joined_words(text, Context())[0] == []


def test_a_run_of_letters_longer_than_two_words_is_not_tried():
    # "preventionand" is split; the same letters repeated past 30 are no pair of words (and trying every
    # split of a megabyte of letters would never end)
    assert spacing.split_joined_words("the preventionand control", Context())[0]
    assert spacing.split_joined_words("the " + "preventionand" * 3 + " control", Context())[0] == []
