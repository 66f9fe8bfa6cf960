"""The edit log composes the stages' changes into edits on the original text."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.article import Edit, apply_edits
from pipeline.edits import Change, EditLog


@st.composite
def stages(draw):
    original = draw(st.text(alphabet="ab c\n", max_size=40))
    plan = draw(
        st.lists(
            st.lists(st.tuples(st.floats(0, 1), st.integers(0, 4), st.text(alphabet="XY ", max_size=3)), max_size=5),
            max_size=4,
        )
    )
    return original, plan


@pytest.mark.slow  # 1,000 examples: about 3 s
@settings(max_examples=1000, deadline=None)
@given(stages())
def test_edits_reproduce_the_text_after_any_stages(case):
    original, plan = case
    log = EditLog(original)
    for stage in plan:
        n = len(log.text)
        changes = []
        for where, length, after in stage:
            start = int(where * n)
            changes.append(Change(start, min(n, start + length), after, "test.rule", 0.5, "test"))
        log.apply(changes)
    edits = log.edits()
    assert apply_edits(original, edits) == log.text
    for e in edits:
        assert 0 <= e.start <= e.end <= len(original)
        assert e.before == original[e.start : e.end]
        assert e.before != e.after


def test_change_over_an_earlier_change_merges_into_one_edit():
    log = EditLog("more than 220000 old and old homes")
    log.apply([Change(10, 16, "220,000", "numbers.group_digits", 0.9, "group")])
    log.apply([Change(10, 13, "2", "test.rule", 0.5, "overwrite")])
    (edit,) = log.edits()
    assert (edit.start, edit.end, edit.before, edit.after) == (10, 16, "220000", "2,000")
    assert edit.rule == "numbers.group_digits" and edit.rules == ("numbers.group_digits", "test.rule")


def test_a_merged_edit_is_reported_under_its_substantive_rule():
    log = EditLog("Text.\n\n\n(Photography: Wang)")
    log.apply([Change(5, 8, "\n\n", "whitespace.blank_lines", 1.0, "collapse")])
    log.apply([Change(5, 24, "", "metadata.credits", 0.95, "credits")])
    (edit,) = log.edits()
    assert edit.rule == "metadata.credits" and edit.rules == ("whitespace.blank_lines", "metadata.credits")


def test_notices_map_to_original_offsets():
    from pipeline.edits import Notice

    log = EditLog("aaa bbb ccc")
    log.apply([Change(0, 4, "", "test.rule", 1.0, "drop")])
    log.apply([], [Notice(0, 3, "test.flag", "m")])
    (flag,) = log.flags()
    assert (flag.start, flag.end, flag.text) == (4, 7, "bbb")


def test_a_flag_on_text_a_later_change_removes_goes_with_it():
    from pipeline.edits import Notice

    log = EditLog("one ,000 two. one ,000 two. three ,00 four.")
    log.apply([], [Notice(4, 8, "numbers.lost_digits", "a"), Notice(18, 22, "numbers.lost_digits", "b")])
    log.apply([Change(0, 3, "One", "capitals.sentence", 1.0, "cap")])  # an edit that keeps the words
    log.apply([Change(13, 27, "", "repetition.sentence", 1.0, "repeated sentence")])  # the copy goes
    log.apply([Change(14, 19, "", "junk.test", 1.0, "drop")], [Notice(14, 19, "junk.flagged", "its own")])
    assert [(f.rule, f.text, f.message) for f in log.flags()] == [
        ("numbers.lost_digits", ",000", "a"),  # on kept text, though its sentence was edited
        ("junk.flagged", "three", "its own"),  # a rule may flag what it removes itself
    ]
    assert log.text == "One ,000 two.  ,00 four."


def test_a_flag_stays_when_the_replacement_keeps_its_words():
    from pipeline.edits import Notice

    log = EditLog("ask the people, ask the people")
    log.apply([], [Notice(0, 14, "test.flag", "m")])
    log.apply([Change(0, 30, "ask the people", "repetition.loop", 1.0, "loop")])
    assert [f.text for f in log.flags()] == ["ask the people"]


def test_apply_edits_refuses_overlaps():
    import pytest

    edits = [Edit("a.b", 0, 3, "abc", "", 1.0, ""), Edit("a.b", 2, 4, "cd", "", 1.0, "")]
    with pytest.raises(ValueError):
        apply_edits("abcdef", edits)
