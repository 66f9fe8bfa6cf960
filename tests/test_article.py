"""The Article: applying edits, the one offset map between the two texts, flags of later stages, the JSON."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SAMPLE
from pipeline import clean_text
from pipeline.article import Edit, OffsetMap, Span, apply_edits


def test_offsets_map_both_ways_around_a_replacement_a_deletion_and_an_insertion():
    #            0123456789
    original = "ab XYZ cd ef"
    edits = [
        Edit("r", 3, 6, "XYZ", "Q", 1.0, ""),
        Edit("r", 7, 10, "cd ", "", 1.0, ""),
        Edit("r", 12, 12, "", "!", 1, ""),
    ]
    clean = apply_edits(original, edits)
    assert clean == "ab Q ef!"
    offsets = OffsetMap.from_edits(edits)
    assert offsets.spans == [Span(3, 6, 3, 4), Span(7, 10, 5, 5), Span(12, 12, 7, 8)]
    assert [offsets.to_original(i) for i in range(len(clean) + 1)] == [0, 1, 2, 3, 6, 10, 11, 12, 12]
    assert offsets.to_original(4, end=True) == 6 and offsets.to_original(3, end=True) == 3
    assert [offsets.to_clean(i) for i in (0, 3, 4, 6, 7, 9, 10, 11)] == [0, 3, 3, 4, 5, 5, 5, 6]
    assert offsets.to_clean(5, end=True) == 4


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab c.\n,", max_size=60))
def test_a_span_of_the_cleaned_text_maps_to_the_original_and_back_around_itself(text):
    a = clean_text(text)
    for s in a.sentences:
        start, end = a.original_span(s.start, s.end)
        assert 0 <= start <= end <= len(a.original)
        back = a.clean_span(start, end)
        assert back[0] <= s.start and back[1] >= s.end


def test_a_flag_of_a_later_stage_is_kept_once_with_offsets_into_the_original():
    a = clean_text("Title\n\nthe the meeting opened.")
    first = a.add_flag("input.untranslated", 7, 10, "a message", "warning")
    again = a.add_flag("input.untranslated", 7, 10, "a message", "warning")
    assert first is again and a.flags.count(first) == 1
    assert a.original[first.start : first.end] == first.text and first.text.lower().startswith("the")


def test_sentence_at_finds_the_sentence_of_an_offset():
    a = clean_text("One sentence here. Two sentences there.")
    assert a.sentence_at(0).id == 0 and a.sentence_at(20).id == 1 and a.sentence_at(18).id == 0


def test_the_json_has_the_documented_shape(validate):
    data = clean_text(SAMPLE.read_text(encoding="utf-8")).to_dict()
    validate(data)
    assert data["schema_version"] == "1.5"
    assert all(e["rules"] and e["rule"] in e["rules"] for e in data["edits"])
    assert "entities" not in data and "summary" not in data  # analysing stages off
    json.dumps(data)
