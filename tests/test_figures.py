"""Figures: value, what they count, period; lost digits are null with their flag (slow: spaCy)."""

import pytest

from pipeline import Settings, process

pytestmark = pytest.mark.slow


def _figures(text, models):
    return process(text, models, Settings(points=0)).figures


def test_sample_figures_meet_the_gold(analysed_sample, gold):
    got = {(f.value, f.unit) for f in analysed_sample.figures}
    for want in gold["figures"]:
        if want["value"] is not None:
            assert any(v == want["value"] for v, _ in got), want
    households = next(f for f in analysed_sample.figures if f.unit == "households")
    assert households.value is None and households.flag is not None
    assert "2019-2023" in {f.period for f in analysed_sample.figures if f.value == 220000}
    assert "kilometers of pipelines" in {f.unit for f in analysed_sample.figures}


def test_a_measure_takes_its_of_phrase_or_the_object_of_its_verb_never_a_noun_of_another_clause(models):
    figures = {
        f.text: f.unit
        for f in _figures(
            "Nearly 12 percent of the country's autumn grain is harvested. The villages signed agreements, and "
            "the county raised 2,000 yuan. They repaired roads for 300 kilometers.",
            models,
        )
    }
    assert figures["12 percent"] == "percent of the country's autumn grain"
    assert figures["2,000"] == "yuan"
    assert figures["300"] == "kilometers of roads"


def test_years_are_not_figures(models):
    figures = _figures("In 2023 the plan had 3 parts. It began in 2021 with 40 villages.", models)
    assert {f.text for f in figures} == {"3", "40"}


def _by_text(text, models):
    return {f.text: f for f in _figures(text, models)}


def test_percentages_are_figures_with_what_they_are_a_share_of(models):
    got = _by_text(
        "Investment rose by 16.5%; more than 80% residents agreed. Output grew 6.6 per cent, and 45% of the "
        "loans went to farms. A 5% growth was expected.",
        models,
    )
    assert (got["16.5%"].value, got["16.5%"].unit) == (16.5, "percent")
    assert (got["80%"].unit, got["80%"].qualifier) == ("percent of residents", "more than")
    assert got["6.6 per cent"].unit == "percent"
    assert got["45%"].unit == "percent of the loans"
    assert got["5%"].unit == "percent"  # a singular noun after the share is not what it is a share of


def test_the_qualifier_before_a_number_is_kept(models):
    got = _by_text(
        "Nearly 300,000 km of pipes were laid, at least 12 villages joined, up to 40 tons were moved, "
        "about 3 million people benefited and 900 households moved.",
        models,
    )
    assert got["300,000"].qualifier == "nearly" and got["300,000"].value == 300000
    assert got["12"].qualifier == "at least"
    assert got["40"].qualifier == "up to"
    assert got["3 million"].qualifier == "about"
    assert got["900"].qualifier is None


def test_money_and_time_are_not_guessed_from_the_next_noun_and_times_count_what_was_done(models):
    got = _by_text(
        "The cadres worked 24 hours a day. Banks granted credit lines worth 120 billion yuan to branches. "
        "They carry out regular combat drills for 386 times.",
        models,
    )
    assert got["24"].unit == "hours"
    assert got["120 billion"].unit == "yuan"
    assert got["386"].unit == "combat drills"


def test_dates_times_compound_adjectives_and_numbers_in_names_count_nothing(models):
    got = _by_text(
        "On 10 January at 10 o'clock, a 63-year-old farmer of No. 2 Middle School opened a 24-hour shop with "
        "12 workers.",
        models,
    )
    assert set(got) == {"12"}


def test_a_number_grouped_no_way_one_is_written_has_no_value_and_points_to_its_flag(models):
    article = process(
        "The cooperative planted more than 2400,300 mu of corn and 1,000 mu of beans.", models, Settings(points=0)
    )
    corn, beans = article.figures
    assert (corn.value, corn.unit, corn.qualifier) == (None, "mu of corn", "more than")
    assert corn.flag is not None and next(f for f in article.flags if f.id == corn.flag).rule == "numbers.bad_grouping"
    assert (beans.value, beans.flag) == (1000, None)


def test_negative_cases_of_percentages_qualifiers_and_times(models):
    got = _by_text(
        "It rose by .5 percent. He talked about 3 issues and handed over 500 tons of supplies. Xi Jinping has "
        "visited the village 3 times. By 2025,100 villages will join.",
        models,
    )
    assert all(f.value != 5 for f in got.values())  # ".5 percent" never becomes 5 percent
    assert got["3"].qualifier is None and got["500"].qualifier is None
    assert [f.unit for f in _figures("Xi Jinping has visited the village 3 times.", models)] == ["times"]
    article = process("By 2025,100 villages will join.", models, Settings(points=0))
    assert not [f for f in article.flags if f.rule == "numbers.bad_grouping"]
    assert all(f.value is not None for f in article.figures)
    assert process("The pipelines grew 30% km", models, Settings(points=0)).figures  # no crash at the end


def test_counts_in_words_are_figures_but_not_names_slogans_or_pronouns(models):
    got = _by_text(
        "Five members of the two committees presented a banner. The bank issued ten measures. After four days "
        'of inspection, the team left. These four cases were mild. He stressed "one place, two districts". '
        "Three Rural Issues matter. It was one-stop. The city aims at a trillion GDP.",
        models,
    )
    assert (got["Five"].value, got["Five"].unit) == (5, "members")
    assert (got["ten"].value, got["ten"].unit) == (10, "measures")
    assert got["four"].unit == "days of inspection" and got["four"].start < 100  # not "these four cases"
    assert "two" not in got and "Three" not in got and "one" not in got
    assert got["a trillion"].value == 10**12


def test_a_bare_number_takes_the_unit_its_sentence_gives_it_elsewhere(models):
    got = _figures(
        "On March 18, 199 local cases were reported, including 191 in Quanzhou and 3 in Xiamen. "
        "Sales rose 4.4 and 5.4 percentage points. The remaining 20 or so officials were warned. "
        "The maximum loan is RMB 1 million for a family. More than 22 former provincial and ministerial "
        "level cadres and 51 provincial and above leaders were named.",
        models,
    )
    units = {f.value: f.unit for f in figures_of(got)}
    assert 18 not in units  # "March 18": a date
    assert units[191] == "local cases in Quanzhou" and units[3] == "local cases in Xiamen"
    assert units[4.4] == "percentage points" and units[20] == "officials" and units[1000000] == "yuan"
    assert units[22] == "former provincial and ministerial level cadres"
    assert units[51] == "provincial and above leaders"


def test_a_number_split_by_a_space_is_no_figure(models):
    got = _figures("The per capita GDP is 603 1 yuan, and the added value was 63 1.37 million yuan.", models)
    assert got == []


def figures_of(figures):
    return [f for f in figures if f.value is not None]
