"""The gazetteer files load as typed, frozen entries, built once; a malformed entry is refused with where it is."""

from __future__ import annotations

import dataclasses
import json
import shutil
from typing import get_args

import pytest

from pipeline import gazetteer
from pipeline.errors import ModelError

_LOADERS = (gazetteer.places, gazetteer.titles, gazetteer._organizations_file, gazetteer.pinyin)


def test_every_entry_loads_with_a_kind_its_card_lists():
    assert {p.kind for p in gazetteer.places()} <= set(get_args(gazetteer.PlaceKind))
    assert {o.kind for o in gazetteer.organizations()} <= set(get_args(gazetteer.OrgKind))
    assert {t.kind for t in gazetteer.org_templates()} <= set(get_args(gazetteer.TemplateKind))
    assert {t.kind for t in gazetteer.bank_templates()} <= set(get_args(gazetteer.OrgKind))
    assert {t.level for t in gazetteer.titles()} <= set(get_args(gazetteer.TitleLevel))
    assert all(isinstance(p.aliases, tuple) for p in gazetteer.places())
    assert len(gazetteer.places()) > 3000 and gazetteer.place_by_code("500107").name == "Jiulongpo District"


def test_an_entry_cannot_be_changed_and_is_built_once():
    place = gazetteer.place_by_code("500107")
    with pytest.raises(dataclasses.FrozenInstanceError):
        place.name = "Jiulongpo"  # type: ignore[misc]
    assert gazetteer.places_named("Jiulongpo District")[0] is place
    assert gazetteer.title_index()[("mayor",)] is next(t for t in gazetteer.titles() if t.title == "Mayor")


@pytest.fixture
def models_copy(tmp_path, monkeypatch):
    """A copy of the gazetteer folder under ``MTCLEAN_MODELS``, read afresh; the real one again afterwards."""
    folder = tmp_path / "models"
    shutil.copytree(gazetteer.models_dir(), folder)
    monkeypatch.setenv("MTCLEAN_MODELS", str(folder))
    for loader in _LOADERS:
        loader.cache_clear()
    yield folder
    for loader in _LOADERS:
        loader.cache_clear()


def _edit(path, change):
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_a_place_of_a_kind_its_card_does_not_list_is_refused_with_its_position(models_copy):
    _edit(models_copy / "places.json", lambda d: d["places"][3].update(kind="new_area"))
    with pytest.raises(ModelError, match=r"places\[3\] is malformed \(kind 'new_area' is none of province"):
        gazetteer.places()


@pytest.mark.parametrize(
    ("file", "change", "message"),
    [
        ("titles.json", lambda d: d["titles"][2].pop("title"), r"titles\[2\] is malformed \(no 'title'\)"),
        ("organizations.json", lambda d: d["organizations"][1].update(aliases="CDB"), r"aliases 'CDB' is not a list"),
        ("organizations.json", lambda d: d["templates"].insert(0, "{place} Court"), r"templates\[0\] is malformed"),
        (
            "organizations.json",
            lambda d: d["bank_templates"][0]["places"].append("township"),
            r"bank_templates\[0\] is malformed \(places 'township' is none of",
        ),
        ("pinyin.json", lambda d: d["surnames"][0].pop("pinyin"), r"surnames\[0\] is malformed"),
    ],
)
def test_a_malformed_entry_is_refused_with_its_file_and_position(models_copy, file, change, message):
    _edit(models_copy / file, change)
    loader = {"titles.json": gazetteer.titles, "pinyin.json": gazetteer.pinyin}.get(file, gazetteer.organizations)
    with pytest.raises(ModelError, match=message) as info:
        loader()
    assert info.value.path == str(models_copy / file)


def test_optional_lists_and_a_file_without_templates_read_as_empty(models_copy):
    def strip(d):
        del d["templates"]
        del d["bank_templates"]
        d["organizations"][0].pop("ambiguous_aliases", None)

    _edit(models_copy / "organizations.json", strip)
    assert gazetteer.org_templates() == () and gazetteer.organizations()[0].ambiguous_aliases == ()
    assert gazetteer.bank_templates() == () and gazetteer.organizations()[0].mt_forms == ()
