"""The cold one-off pays only for what it uses: spaCy's CNN pipeline is imported without torch."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SAMPLE, run_entry_point
from pipeline.nlp import DEFAULT_SPACY_MODEL, _needs_torch


def test_the_packaged_pipeline_needs_no_torch():
    assert not _needs_torch(DEFAULT_SPACY_MODEL)


def test_the_packaged_pipeline_disables_its_sentence_recogniser_so_leaving_it_out_changes_nothing():
    import spacy

    (path,) = Path(spacy.util.get_package_path(DEFAULT_SPACY_MODEL)).glob("*/config.cfg")
    config = spacy.util.load_config(path)
    assert "senter" in config["nlp"]["disabled"] and "parser" in config["nlp"]["pipeline"]


def test_a_transformer_pipeline_or_one_that_cannot_be_read_keeps_torch(tmp_path):
    trf = tmp_path / "trf"
    trf.mkdir()
    (trf / "config.cfg").write_text('[components.transformer]\nfactory = "transformer"\n', encoding="utf-8")
    assert _needs_torch(str(trf))
    assert _needs_torch(str(tmp_path / "empty"))  # no such folder, no such package
    (tmp_path / "bare").mkdir()
    assert _needs_torch(str(tmp_path / "bare"))  # a folder without a config


@pytest.mark.slow
def test_entities_without_key_points_import_spacy_but_not_torch(tmp_path):
    result = run_entry_point("clean", SAMPLE, "--points", "0", "-o", tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith("loaded: ['spacy', 'thinc']"), result.stdout[-200:]
    assert (tmp_path / f"{SAMPLE.stem}.json").is_file()
