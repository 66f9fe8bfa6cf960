"""The sample article against its gold file (the acceptance bar)."""

from benchmarks.gold import check_defects, other_edits
from pipeline import apply_edits


def test_the_gold_file_in_corpus_is_the_shared_one():
    from conftest import GOLD, shared

    assert GOLD.read_bytes() == shared("eval", "seed", GOLD.name).read_bytes()


def test_sample_metadata_matches_gold(sample_article, gold):
    meta, expected = sample_article.metadata, gold["metadata"]
    assert meta.title == expected["title"]
    assert meta.source_name == expected["source_name"]
    assert meta.published == expected["published"]
    assert meta.views == expected["views"]
    for role, names in expected["credits"].items():
        assert meta.credits[role] == names


def test_sample_header_and_credits_leave_the_body(sample_article):
    assert "from:Network" not in sample_article.clean
    assert "Photography" not in sample_article.clean and "Wang Xiaohui" not in sample_article.clean


def test_every_required_defect_is_handled(sample_article, gold):
    failed = [r for r in check_defects(sample_article, gold) if r.required and not r.passed]
    assert not failed, failed


def test_other_edits_are_of_allowed_kinds(sample_article, gold):
    bad = [o for o in other_edits(sample_article, gold) if not o[3]]
    assert not bad, bad


def test_lost_digits_are_flagged_not_invented(sample_article):
    assert "more than ,000 households" in sample_article.clean
    flag = next(f for f in sample_article.flags if f.rule == "numbers.lost_digits")
    assert flag.text == ",000" and flag.severity == "warning"


def test_garbled_name_is_flagged_not_replaced(sample_article):
    assert "Qin SE WING" in sample_article.clean
    assert any(f.rule == "garble.name" and f.text == "Qin SE WING" for f in sample_article.flags)


def test_sample_edits_reproduce_clean_and_sentences_cover_the_body(sample_article):
    a = sample_article
    assert apply_edits(a.original, a.edits) == a.clean
    for s in a.sentences:
        assert a.clean[s.start : s.end] == s.text
    for p in a.paragraphs:
        inside = [s for s in a.sentences if s.paragraph == p.id]
        assert inside[0].start == p.start and inside[-1].end == p.end
        assert " ".join(s.text for s in inside) == a.clean[p.start : p.end]
    assert a.sentences[1].text.startswith("On May 16, the Ministry")


def test_sample_cleaning_is_idempotent_and_deterministic(sample_article):
    from pipeline import clean_text
    from pipeline.render import to_json

    again = clean_text(sample_article.clean)
    assert again.clean == sample_article.clean and again.edits == []
    assert to_json(clean_text(sample_article.original)) == to_json(clean_text(sample_article.original))
