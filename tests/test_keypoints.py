"""Key points: verbatim sentences chosen with MiniLM embeddings and the genre's signals (slow: the models)."""

import pytest

from conftest import ROOT
from pipeline import Settings, process

pytestmark = pytest.mark.slow


def test_key_points_are_verbatim_diverse_and_include_the_results(analysed_sample):
    article = analysed_sample
    points = article.summary.key_points
    assert len(points) == 5
    by_id = {s.id: s for s in article.sentences}
    assert all(
        by_id[p.sentence].text == p.text and (by_id[p.sentence].start, by_id[p.sentence].end) == (p.start, p.end)
        for p in points
    )
    assert any(p.text.startswith("From 2019 to 2023") for p in points)
    assert len({p.sentence for p in points}) == 5
    assert article.summary.event.sentence in {p.sentence for p in points}  # the lead, despite its slogan
    assert any(p.text.startswith("The head of the National Development and Reform Commission") for p in points)
    assert not any(p.text.startswith(("Adhere to", "It is necessary")) for p in points)


def test_key_points_pick_the_facts_not_the_exhortations_in_an_article_they_were_not_written_for(models):
    text = (ROOT / "tests" / "data" / "keypoints_meeting.txt").read_text(encoding="utf-8")
    article = process(text, models, Settings())
    picked = {p.sentence for p in article.summary.key_points}
    starts = {s.id: s.text.split()[0] for s in article.sentences}
    exhortations = {i for i, word in starts.items() if word in {"Adhere", "Persist", "It"}}
    assert len(exhortations) == 3 and not picked & exhortations
    assert picked == set(starts) - exhortations  # the event, the official, the figures, the attendance list
    assert article.summary.event.participants == ["Zhou Mingde"]
    assert article.summary.event.mentioned == ["Xi Jinping"]


def test_a_missing_embedding_model_folder_is_a_clear_error(tmp_path):
    from pipeline.errors import ModelError
    from pipeline.keypoints import load_encoder

    with pytest.raises(ModelError, match="not a model folder"):
        load_encoder(str(tmp_path))


def test_int8_embeddings_stay_close_to_fp32_and_are_deterministic(sample_article):
    from pipeline.keypoints import load_encoder

    sentences = [s.text for s in sample_article.sentences]
    fp32, int8 = load_encoder().encode(sentences), load_encoder(None, True).encode(sentences)
    cosines = (fp32 * int8).sum(1)
    assert float(cosines.mean()) > 0.9 and float(cosines.min()) > 0.8
    assert bool((load_encoder(None, True).encode(sentences) == int8).all())
    assert not bool((fp32 == int8).all())  # the option does change the model


def test_titles_headings_cut_off_lines_and_questions_are_never_key_point_candidates():
    from pipeline.article import Sentence
    from pipeline.keypoints import _cut_off, _is_title, _plain

    title = _plain("The first meeting of the 12th CPPCC held the second meeting of the bureau")
    assert _is_title("Home News The first meeting of the 12th CPPCC held the second meeting of the bureau", title)
    assert _is_title("The first meeting of the 12th CPPCC held the second", title)  # the title cut short
    lede = "On the afternoon of January 5, the first meeting of the 12th CPPCC held the second meeting of the bureau."
    assert not _is_title(lede, title)  # the lede that says more than the title
    assert not _is_title("Any sentence at all.", _plain("1 min read"))

    def sent(text, start=0):
        return Sentence(0, 0, start, start + len(text), text)

    assert _cut_off(sent("The inspection team of Guizhou Province completes the sinking stage"), [])
    assert _cut_off(sent("What signals did these 160 cases release?"), [])
    assert _cut_off(sent("The team visited the plant and the wareh."), [(30, 40)])  # flagged garble.cut_off
    assert not _cut_off(sent("The team visited 12 villages."), [(100, 120)])
    assert not _cut_off(sent('He said: "We will build 3 roads."'), [])
