"""Sentences survive machine-translation habits: missing spaces, abbreviations, lists."""

from pipeline.core.sentences import sentence_spans
from pipeline.segment import paragraphs, sentences


def split(text):
    return [text[s:e] for s, e in sentence_spans(text)]


def test_split_where_the_space_after_a_full_stop_is_missing():
    assert split("They did field research.District officials came.") == [
        "They did field research.",
        "District officials came.",
    ]


def test_abbreviations_initials_and_decimals_do_not_end_a_sentence():
    text = "Mr. Li met Dr. Wang at 3.5 km from St. Mary in the U.S. Army base. Then he left."
    assert split(text) == ["Mr. Li met Dr. Wang at 3.5 km from St. Mary in the U.S. Army base.", "Then he left."]


def test_numbered_list_item_is_not_split_after_its_number():
    assert split("1. Build roads. 2. Repair pipes.") == ["1. Build roads.", "2. Repair pipes."]


def test_quotes_and_cjk_stops():
    assert split('He said "we will." Then 他走了。Next one') == ['He said "we will."', "Then 他走了。", "Next one"]


def test_sentences_carry_offsets_into_the_text():
    text = "First para. Second sentence.\n\nThird one here."
    paras = paragraphs(text)
    sents = sentences(text, paras)
    assert [(p.start, p.end) for p in paras] == [(0, 28), (30, 45)]
    assert all(text[s.start : s.end] == s.text for s in sents)
    assert [s.paragraph for s in sents] == [0, 0, 1]
