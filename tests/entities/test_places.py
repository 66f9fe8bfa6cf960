"""Places with their kind and parent (slow: the spaCy model, loaded once per session)."""

import pytest

pytestmark = pytest.mark.slow


def test_common_words_are_not_places(entities_of):
    assert entities_of("The long road will guide visitors to the new park, a long way from the city.").places == []


def test_a_place_comes_with_its_kind_and_parent(entities_of):
    places = {
        p.name: (p.kind, p.parent) for p in entities_of("Officials from Shenyang, Liaoning, met in Hefei.").places
    }
    assert places["Shenyang"] == ("city", "Liaoning") and places["Hefei"] == ("city", "Anhui")


def test_named_communities_take_the_place_of_their_sentence(entities_of):
    places = entities_of("In Shenyang, Peony Community was renovated. Duofu Community waits.").places
    named = {p.name: p for p in places}
    assert named["Peony Community"].kind == "community" and named["Peony Community"].parent == "Shenyang"
    assert named["Duofu Community"].parent is None and named["Duofu Community"].code is None


def _outside_flags(models, text):
    from pipeline import Settings, process

    article = process(text, models, Settings(points=0))
    return [f.text for f in article.flags if f.rule == "entities.place_outside"]


def test_a_city_of_another_province_among_one_province_places_is_flagged(models):
    text = (
        "Mayor Li of Hefei, Anhui, inspected projects in Hefei on Monday. He said the projects of Hefei "
        "and the transformation of Ningbo must go faster."
    )
    assert _outside_flags(models, text) == ["Ningbo"]
    from pipeline import Settings, process

    assert "Ningbo" not in {p.name for p in process(text, models, Settings(points=0)).entities.places}
    several = "Mayor Li of Hefei, Anhui, met in Hefei and Hefei with guests from Ningbo, Wuhan and Changsha."
    assert _outside_flags(models, several) == []


def test_places_of_two_provinces_both_named_are_not_flagged(models):
    text = "Delegates from Hefei, Anhui, met Hangzhou officials of Zhejiang in Hefei to sign a plan for Hefei."
    assert _outside_flags(models, text) == []


def test_a_place_written_with_a_typographic_apostrophe_is_found(entities_of):
    places = {(p.name, p.parent) for p in entities_of("Officials of Tai’an, Shandong, met on Monday.").places}
    assert ("Tai'an", "Shandong") in places


def test_bare_county_names_in_a_list_of_places_of_one_province(entities_of):
    text = "Zhejiang held a meeting. Counties including Yiwu, Pinghu, Deqing and Xinchang spoke."
    places = {(p.name, p.kind, p.parent) for p in entities_of(text).places}
    assert {("Deqing County", "county", "Huzhou"), ("Xinchang County", "county", "Shaoxing")} <= places
    alone = {p.name for p in entities_of("Deqing and Xinchang spoke at the meeting.").places}
    assert "Deqing County" not in alone


def test_a_mining_district_is_found_under_its_english_form(entities_of):
    places = {
        (p.name, p.kind, p.parent) for p in entities_of("Workers in Fengfeng Mining District met on Monday.").places
    }
    assert ("Fengfengkuang District", "district", "Handan") in places
    # the bare name of a district stays unmatched on its own, as for every district
    assert entities_of("The workers went back to Fengfeng on Monday.").places == []


def test_a_district_name_shared_by_two_cities_and_its_short_form(entities_of):
    places = {
        (p.name, p.kind, p.parent)
        for p in entities_of(
            "The Baoshan District People's Government met. Baoshan District will promote Baoshan's growth."
        ).places
    }
    # no evidence either way: the district of a municipality; the short form is that district, not Baoshan city
    assert places == {("Baoshan District", "district", "Shanghai")}
    north = {
        (p.name, p.parent)
        for p in entities_of("Shuangyashan held a meeting. Baoshan District will grow.").places
        if p.kind == "district"
    }
    assert north == {("Baoshan District", "Shuangyashan")}  # the parent the article names decides
    city = {(p.name, p.kind) for p in entities_of("Farmers in Baoshan, Yunnan, grow coffee.").places}
    assert ("Baoshan", "city") in city
