"""The event and the headline, from the article's facts only."""

import pytest

from pipeline import Settings, process
from pipeline.article import Event
from pipeline.summary import _event_date, headline


@pytest.mark.slow
def test_sample_headline_and_event(analysed_sample, gold):
    summary = analysed_sample.summary
    for part in ("Ministry of Housing and Urban-Rural Development", "meeting", "Shenyang, Liaoning", "16 May 2024"):
        assert part in summary.headline
    assert summary.event.date == gold["metadata"]["event_date"]


def test_event_date_is_never_after_publication_and_not_guessed_without_it():
    assert _event_date("On December 30, the county met.", "2024-01-02") == ("2023-12-30", "December 30")
    assert _event_date("On May 16, the county met.", None) == (None, "May 16")
    assert _event_date("Yesterday the county met.", "2024-05-17")[0] == "2024-05-16"


def test_the_headline_verb_is_the_articles():
    inspected = Event(kind="inspection", participants=["Qu Hai"], actor_is_official=True, place="Chenzhou")
    assert headline(inspected, "Qu Hai investigated some financial institutions in Chenzhou.") is None  # no "made"
    meeting = Event(kind="meeting", phrase="work meeting", place="Hefei")
    assert headline(meeting, "The county convened its work meeting in Hefei.") is None
    assert headline(meeting, "A work meeting was held in Hefei.") == "A work meeting was held in Hefei."


@pytest.mark.slow
def test_a_headline_is_withheld_where_the_actor_is_not_the_subject(models):
    # the body is named inside the subject ("the first meeting of the 12th CPPCC"): no one to name
    summary = process(
        "On the afternoon of January 5, the first meeting of the 12th CPPCC held the second meeting of the "
        "executive chairmen.",
        models,
        Settings(points=0),
    ).summary
    assert summary.headline is None or "CPPCC held" not in summary.headline
    met = process(
        "On April 11, Chen Jinhu, secretary of the Changzhou Municipal Party Committee, met with Liu Xiaoyu, "
        "president of Bank of China Jiangsu Branch.",
        models,
        Settings(points=0),
    ).summary
    assert met.headline is not None and "met with Liu Xiaoyu, president of Bank of China Jiangsu Branch" in met.headline
    assert met.event.other_party == "Liu Xiaoyu" and met.event.actor == "Chen Jinhu"


def test_headline_uses_only_the_facts_found():
    assert headline(Event()) is None
    # nothing but the kind, or a kind read from a verb with no one doing it: too little to be sure of
    assert headline(Event(kind="meeting", phrase="work meeting")) is None
    assert headline(Event(kind="visit", actor_is_official=True, participants=[])) is None
    assert headline(Event(kind="launch", date="2023-06-10")) is None
    assert headline(Event(kind="meeting", phrase="work meeting", place="Hefei")) == "A work meeting was held in Hefei."
    assert (
        headline(Event(kind="notice", organiser="State Council", phrase="notice")) == "State Council issued a notice."
    )
    event = Event(
        kind="meeting",
        phrase="work meeting",
        organiser="Hefei Municipal Government",
        place="Hefei",
        place_parent="Anhui",
        date="2024-03-03",
    )
    assert headline(event) == "Hefei Municipal Government held a work meeting in Hefei, Anhui, on 3 March 2024."


@pytest.mark.slow
def test_participants_are_the_officials_who_take_part_not_the_leader_cited(models):
    text = (
        "On March 3, the Anhui Provincial Department of Finance held a work conference in Hefei to study the "
        "important instructions of General Secretary Xi Jinping on fiscal work. Zhang Weiguo, director of the "
        "department, attended the meeting and delivered a speech. Li Mingyuan, vice mayor of Hefei, and Zhou "
        "Lanfang, deputy director of the department, also attended. The conference was presided over by Wu "
        "Dehai, deputy director of the department."
    )
    event = process(text, models, Settings(points=0)).summary.event
    assert set(event.participants) == {"Zhang Weiguo", "Li Mingyuan", "Zhou Lanfang", "Wu Dehai"}
    assert event.mentioned == ["Xi Jinping"]
    assert event.participant_sentences["Zhang Weiguo"] == [1] and event.participant_sentences["Wu Dehai"] == [3]


@pytest.mark.slow
def test_the_event_is_read_outside_the_names_of_bodies_and_a_post_body_organises_nothing(models):
    summary = process(
        "On January 8, Mu Zhengyu, secretary of the Lijiang Municipal Party Committee, went to Gucheng District "
        "to inspect tourism work. He met staff of the Commission for Discipline Inspection.",
        models,
        Settings(points=0),
    ).summary
    assert summary.event.organiser is None
    assert summary.headline is not None
    assert summary.headline.startswith(
        "Mu Zhengyu, secretary of the Lijiang Municipal Party Committee, went to Gucheng"
    )
    assert summary.headline.endswith("on January 8 (year not given).")  # no published date: no year guessed
    assert [p.part for p in summary.headline_parts][:3] == ["actor", "verb", "object"]
    assert {p.sentence for p in summary.headline_parts} == {0}
    quiet = process(
        "By June 10, the wheat of the city had been harvested, and the purchase of new wheat was fully launched.",
        models,
        Settings(points=0),
    ).summary
    assert quiet.event.kind == "launch" and quiet.headline is None  # no one launched anything the text says
    named = process(
        "Recently, the staff of the Xinxiang Municipal Commission for Discipline Inspection cleaned the river.",
        models,
        Settings(points=0),
    ).summary
    assert named.event.kind is None and named.headline is None
