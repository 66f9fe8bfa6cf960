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
    assert figures["12"] == "percent of the country's autumn grain"
    assert figures["2,000"] == "yuan"
    assert figures["300"] == "kilometers of roads"


def test_years_are_not_figures(models):
    figures = _figures("In 2023 the plan had 3 parts. It began in 2021 with 40 villages.", models)
    assert {f.text for f in figures} == {"3", "40"}
