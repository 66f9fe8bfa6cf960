"""The one chain: pipeline.load and pipeline.process, the stages' contracts, and one output whichever way
an article goes in (Python, mtclean clean, mtclean batch)."""

import json
import pathlib
import shutil
import warnings
from dataclasses import replace

import pytest

from conftest import SAMPLE, run_cli, run_entry_points
from pipeline import Settings, clean_text, load, process
from pipeline.chain import STAGES, Chain, ChainError, Models, chain_for
from pipeline.errors import UsageError
from pipeline.render import to_json


def test_stages_are_chosen_by_the_settings():
    assert chain_for(Settings(entities=False)).names == ["read", "repair", "segment"]
    assert chain_for(Settings(lines=True)).names == ["read", "repair", "segment"]
    assert chain_for(Settings(points=0)).names == ["read", "repair", "segment", "parse", "entities", "figures", "event"]
    assert chain_for(Settings()).names[-1] == "key_points"


def test_a_chain_whose_stage_lacks_its_inputs_is_refused_when_built():
    by_name = {s.name: s for s in STAGES}
    with pytest.raises(ChainError, match="'entities' requires doc"):
        Chain([by_name["read"], by_name["repair"], by_name["segment"], by_name["entities"]])
    with pytest.raises(ChainError, match="'key_points' requires"):
        Chain([by_name[n] for n in ("read", "repair", "segment", "parse", "entities", "figures", "key_points")])
    Chain([by_name[n] for n in ("read", "repair", "segment", "parse", "entities", "figures", "event")])


def test_settings_that_need_no_model_load_none():
    models = load(Settings(entities=False))
    assert (models.nlp, models.encoder, models.summariser) == (None, None, None)
    assert load(Settings(lines=True)).loaded_for == {}
    assert set(load(Settings(points=0), lazy=True).loaded_for) == {"nlp"}


def test_plain_text_and_no_entities_import_no_model_library(tmp_path):
    plain = (["-f", "txt"], ["-f", "json", "--no-entities", "--points", "0"], ["--lines", "-f", "txt"])
    result = run_entry_points(*(["clean", SAMPLE, *args] for args in plain))
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith("loaded: []"), result.stdout[-200:]


def test_process_takes_text_bytes_and_files_alike(tmp_path):
    text = "the the meeting opened on may 16."
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    settings = Settings(entities=False)
    from_text = process(text, settings=settings, path="a.txt")
    from_bytes = process(text.encode("utf-8"), settings=settings, path="a.txt")
    from_file = process(path, settings=settings, path="a.txt")
    assert to_json(from_text) == to_json(from_bytes) == to_json(from_file)
    assert process(path, settings=settings).source.path == str(path)
    assert from_text.clean == clean_text(text).clean == "The meeting opened on May 16."


def test_process_refuses_settings_the_models_were_not_loaded_for():
    with pytest.raises(UsageError, match="need the spaCy pipeline"):
        process("Some text.", Models(), Settings(points=0))
    loaded_for_other = Models(nlp=object(), loaded_for={"nlp": "another_model"})
    with pytest.raises(UsageError, match="loaded for other settings"):
        process("Some text.", loaded_for_other, Settings(points=0))


@pytest.mark.slow
def test_python_clean_and_batch_give_the_same_json_byte_for_byte(tmp_path, models):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "sample.txt")
    settings = Settings()
    from_python = to_json(process(folder / "sample.txt", models, settings, path="sample.txt"))
    clean = run_cli("clean", folder / "sample.txt", "-o", tmp_path / "clean")
    assert clean.returncode == 0, clean.stderr
    from_clean = json.loads((tmp_path / "clean" / "sample.json").read_text(encoding="utf-8"))
    assert from_clean["source"]["path"] == str(folder / "sample.txt")
    from_clean["source"]["path"] = "sample.txt"
    assert json.dumps(from_clean, ensure_ascii=False, indent=2) + "\n" == from_python
    batch = run_cli("batch", folder, "-o", tmp_path / "batch", "-w", "1", "--quiet")
    assert batch.returncode == 0, batch.stderr
    assert (tmp_path / "batch" / "sample.json").read_text(encoding="utf-8") == from_python


@pytest.mark.slow
def test_the_analysing_stages_fill_typed_results(analysed_sample):
    a = analysed_sample
    assert a.entities is not None and a.figures is not None and a.summary is not None
    official = next(o for o in a.entities.officials if o.name == "Ni Hong")
    first = official.mentions[0]
    assert official.roles[0].title == "Party secretary" and a.sentence_at(first.start).id == first.sentence
    for point in a.summary.key_points:
        assert a.clean[point.start : point.end] == point.text
    for figure in a.figures:
        assert a.clean[figure.start : figure.end].strip() == figure.text
    assert set(a.summary.event.participant_sentences) == set(a.summary.event.participants)


def test_settings_are_recorded_in_every_output():
    settings = Settings(entities=False, disabled=frozenset({"capitals"}))
    data = process("may 16.", settings=settings).to_dict()
    assert data["settings"]["disabled"] == ["capitals"] and data["settings"]["entities"] is False
    assert replace(settings, points=3).fingerprint()["points"] == 3


def test_process_warns_when_a_str_names_an_existing_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.txt").write_text("the the meeting opened.")
    settings = Settings(entities=False)
    with pytest.warns(UserWarning, match="names an existing file.*pathlib.Path"):
        article = process("x.txt", settings=settings)
    assert article.clean == "x.txt"  # the str is the text, as documented
    assert process(pathlib.Path("x.txt"), settings=settings).clean == "The meeting opened."
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        process("no-such-file.txt", settings=settings)
        process("x.txt\nand a second line", settings=settings)
