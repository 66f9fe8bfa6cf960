"""Metadata: title, header lines in their common variants, credits."""

import pytest

from pipeline import clean_text
from pipeline.repair.metadata import iso_date, parse_header


@pytest.mark.parametrize(
    "line, expected",
    [
        ("from:Network date:2024-05-17 reading:728", {"source": "Network", "date": "2024-05-17", "views": "728"}),
        ("Source: Xinhua 2023-03-15", {"source": "Xinhua", "date": "2023-03-15"}),
        ("Date: 2023/3/5 Author: Li Ming", {"date": "2023/3/5", "author": "Li Ming"}),
        ("2023-03-15 10:07Source: People's Daily", {"date": "2023-03-15 10:07", "source": "People's Daily"}),
        ("Release time: 2022年8月1日 Views: 1,204", {"date": "2022年8月1日", "views": "1,204"}),
        (
            "Source: Xinhua | Time: 2023-05-06 10:22:33 | Views: 1,234 times",
            {"source": "Xinhua", "date": "2023-05-06 10:22:33", "views": "1,234 times"},
        ),
        (
            "[Font size: large medium small] Source: Hebei Daily Date: 2023-06-01",
            {"source": "Hebei Daily", "date": "2023-06-01"},
        ),
        ("Posted on 2023-06-01 by Admin", {"date": "2023-06-01", "author": "Admin"}),
    ],
)
def test_parse_header_reads_common_variants(line, expected):
    assert parse_header(line) == expected


@pytest.mark.parametrize(
    "line",
    ["The source of the river is in Qinghai.", "Date palms grow here: 300 of them.", "Views: many people agree"],
)
def test_parse_header_leaves_sentences_alone(line):
    assert parse_header(line) is None


def test_iso_date_handles_words_and_rejects_impossible_dates():
    assert iso_date("17 May 2024") == "2024-05-17"
    assert iso_date("March 3, 2021") == "2021-03-03"
    assert iso_date("2024-02-30") is None


ARTICLE = (
    "Wuhan opens new metro line\n\nSource: Hubei Daily Date: 2023-09-01 Views: 3,456\n\n"
    "The line links Hankou and Wuchang. It carries 300,000 riders a day.\n\n"
    "Editor: Zhang Wei\n"
)


def test_clean_separates_title_header_and_editor_line():
    article = clean_text(ARTICLE)
    meta = article.metadata
    assert meta.title == "Wuhan opens new metro line"
    assert (meta.source_name, meta.published, meta.views) == ("Hubei Daily", "2023-09-01", 3456)
    assert meta.credits["editor"] == ["Zhang Wei"]
    assert "Source:" not in article.clean and "Editor" not in article.clean
    assert article.clean.startswith("Wuhan opens new metro line\n\nThe line links")


def test_credits_in_brackets_after_the_last_sentence_go_to_metadata():
    article = clean_text("Title here\n\nThe bridge opened. (Reporter: Li Hua, Chen Jie; Photo: Zhao Lei)")
    assert article.metadata.credits == {"reporter": ["Li Hua", "Chen Jie"], "photography": ["Zhao Lei"]}
    assert article.clean.endswith("The bridge opened.")


def test_line_mode_takes_no_title_or_metadata():
    text = "Source: a river\n\nfrom:Network date:2024-05-17 reading:728"
    article = clean_text(text, __import__("pipeline").Settings(lines=True))
    assert article.metadata.title is None and article.metadata.source_name is None
    assert article.clean.split("\n") == text.split("\n")


@pytest.mark.parametrize(
    "tail, credits",
    [
        ("(Editor: Li Hua, Proofreader: Chen Bo)", {"editor": ["Li Hua"], "proofreader": ["Chen Bo"]}),
        ("Reporter: Zhang San Correspondent: Li Si", {"reporter": ["Zhang San", "Li Si"]}),
        ("[Editor: Zhou Yi]", {"editor": ["Zhou Yi"]}),
        ("(Photo by Wang Jun)", {"photography": ["Wang Jun"]}),
        ("Text/Photo: Wang Li", {"author": ["Wang Li"], "photography": ["Wang Li"]}),
    ],
)
def test_credit_variants_go_to_metadata(tail, credits):
    article = clean_text(f"A title\n\nThe bridge opened on Monday.\n\n{tail}")
    assert article.metadata.credits == credits
    assert article.clean == "A title\n\nThe bridge opened on Monday."


def test_a_sentence_with_a_colon_is_not_a_credit():
    article = clean_text("A title\n\nThe bridge opened.\n\nReview: the plan was good and cheap.")
    assert article.metadata.credits == {} and article.clean.endswith("Review: the plan was good and cheap.")


@pytest.mark.parametrize(
    "text, gone, field, value",
    [
        ("Road opens\n\n2021-03-02 0 By\n\nThe county opened a road.", "0 By", "published", "2021-03-02"),
        (
            "Road opens\n\n2021-03-02 1,204 Views 3 Comments\n\nThe county opened a road.",
            "Views",
            "published",
            "2021-03-02",
        ),
        (
            " date 2021-03-02 On March 1, the county opened a new road to the port.",
            "date 2021",
            "published",
            "2021-03-02",
        ),
        (
            "Road opens\n\nXinhua News Agency reporters Li Hua and Chen Gang\n\nThe county opened a road.",
            "reporters",
            "source_name",
            "Xinhua News Agency",
        ),
        (
            "Road opens\n\nThe county opened a road to the port.(Liu Ming)",
            "Liu Ming",
            "credits",
            {"author": ["Liu Ming"]},
        ),
        (
            "Road opens\n\nThe county, (author: Zhao Lei) it said, opened a road.",
            "Zhao Lei",
            "credits",
            {"author": ["Zhao Lei"]},
        ),
        (
            "Road opens\n\nA truck on the new road. Photo by Sun Yan\n\nThe county opened it.",
            "Photo by",
            "credits",
            {"photography": ["Sun Yan"]},
        ),
        (
            "Road opens\n\nA subtitle of the story\n\nFeng Kai and He Jun\n\nThe county opened it.",
            "Feng Kai",
            "credits",
            {"author": ["Feng Kai", "He Jun"]},
        ),
    ],
)
def test_page_templates_bylines_and_credits_leave_the_body(text, gone, field, value):
    article = clean_text(text)
    assert gone not in article.clean
    assert getattr(article.metadata, field) == value


@pytest.mark.parametrize(
    "text",
    [
        "Road opens\n\nThe mayor (Li Hua) spoke to the press about the road.",
        "Road opens\n\nLi Hua said the road opens in 2021, 0 by then.",
        "Road opens\n\nBeijing and Shanghai\n\nThe cities opened roads.",
        "Road opens\n\n2019-2023 saw five new roads in the county.",
    ],
)
def test_text_that_only_looks_like_a_credit_stays(text):
    assert clean_text(text).clean == text


@pytest.mark.parametrize(
    "text, title",
    [
        # a headline the page prints again below a garbled first line
        (
            "County is the most to repair roads\n\nMenu\n\nThe county repairs its village roads\n\n"
            "The county repairs its village roads\n\nOn May 2, the county began work.",
            "The county repairs its village roads",
        ),
        # a breadcrumb before it, a section label, a site name after it
        (
            "index/ Hexi Today / article\n\nHexi opens a library\n\nThe library opened on Monday.",
            "Hexi opens a library",
        ),
        ("News Story | Schools reopen in Hexi\n\nThe schools reopened on Monday.", "Schools reopen in Hexi"),
        ("Wheat harvest ends early- Xinhuanet Henan Channel\n\nThe harvest ended.", "Wheat harvest ends early"),
        # a title-case headline with a full stop, a date line after it
        (
            "home > NEWS\nMayor Li Attended the Second Meeting of Village Heads.\n2021-03-04 10:30:56\n\nThe meeting met.",
            "Mayor Li Attended the Second Meeting of Village Heads",
        ),
        # a labelled headline in the dateline, spam glued into it
        (
            "Xinhua News Agency, Hefei, May 3, Title: A village finds its wayOnline casino\nThe village grew rice.",
            "A village finds its way",
        ),
    ],
)
def test_the_headline_in_real_page_shapes(text, title):
    assert clean_text(text).metadata.title == title


def test_the_source_in_a_dateline_or_before_its_reporter_and_after_the_headline():
    assert clean_text("Schools open\n\nHefei, 3 May (Anhui Daily) -- The schools opened.").metadata.source_name == (
        "Anhui Daily"
    )
    byline = "Forests safe\n\nThe bureau met.Hexi Moment news reporter Wang Li reported that fires fell."
    assert clean_text(byline).metadata.source_name == "Hexi Moment"
    assert clean_text("Harvest ends- Xinhuanet Henan Channel\n\nIt ended.").metadata.source_name == (
        "Xinhuanet Henan Channel"
    )


def test_the_title_is_repaired_by_the_rules_of_the_body():
    text = (
        "Director Shao Xudong to pan ‘an County to check flood control | Flood | Emergency Bureau\n\n"
        "On March 16, Shao Xudong led a team to pan 'an County to check flood control work."
    )
    article = clean_text(text)
    assert article.metadata.title == "Director Shao Xudong to Pan'an County to check flood control"
    assert article.clean.startswith(article.metadata.title + "\n")


def test_a_title_the_repairs_remove_keeps_its_metadata():
    text = "Zhang Lei is new in the city of Shenyang\n\nZhang Lei spoke at the meeting of the city's cadres."
    assert clean_text(text).metadata.title == "Zhang Lei is new in the city of Shenyang"


@pytest.mark.parametrize(
    "text, clean",
    [
        (
            "The bank held a quiz for customers on fake notes. (Photo courtesy of Jiao Min)",
            "The bank held a quiz for customers on fake notes.",
        ),
        (
            "Mayor Zeng Boyi visited the production base\nUpload time:2020-02-24\n\nOn February 16, the mayor led a team.",
            "Mayor Zeng Boyi visited the production base\nOn February 16, the mayor led a team.",
        ),
        (
            "The bank lent 3.3 billion yuan to the city\n\nPosted time:2017-03-22\n\nThe loan helps the city.",
            "The bank lent 3.3 billion yuan to the city\n\nThe loan helps the city.",
        ),
    ],
)
def test_photo_courtesy_credits_and_posted_or_upload_times_leave_the_body(text, clean):
    assert clean_text(text).clean == clean
