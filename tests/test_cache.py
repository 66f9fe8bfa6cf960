"""The on-disk cache: the gazetteer's surface forms are built once, read back the same, and built again
when the entry is corrupt or the cache cannot be written."""

from __future__ import annotations

import pytest

from pipeline import cache


@pytest.fixture
def forms(tmp_path, monkeypatch):
    monkeypatch.setenv("MTCLEAN_CACHE", str(tmp_path / "cache"))
    from pipeline.entities import gazetteer_component

    gazetteer_component._surface_forms.cache_clear()
    yield gazetteer_component
    gazetteer_component._surface_forms.cache_clear()


def _entry(folder):
    return [p for p in folder.glob("gazetteer-forms-*.json")]


def test_the_forms_are_cached_and_read_back_the_same(forms, tmp_path):
    built = forms._build_surface_forms()
    first = forms._surface_forms()
    assert first == built and len(first[0]) > 1000
    assert len(_entry(tmp_path / "cache")) == 1
    forms._surface_forms.cache_clear()
    assert forms._surface_forms() == built  # from the entry


@pytest.mark.parametrize("junk", [b"", b"{not json", b'{"lower": [["a", "b"]], "exact": []}', b"\xff\xfe"])
def test_a_corrupt_entry_is_built_again(forms, tmp_path, junk):
    built = forms._surface_forms()
    (entry,) = _entry(tmp_path / "cache")
    entry.write_bytes(junk)
    forms._surface_forms.cache_clear()
    assert forms._surface_forms() == built
    forms._surface_forms.cache_clear()
    assert forms._surface_forms() == built  # and written again
    assert entry.read_bytes() != junk


def test_a_cache_that_cannot_be_written_is_not_used(forms, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("MTCLEAN_CACHE", str(blocker / "cache"))
    assert forms._surface_forms() == forms._build_surface_forms()


def test_the_key_changes_with_any_part():
    assert cache.key("a", b"b") == cache.key("a", b"b")
    assert cache.key("a", b"b") != cache.key("ab", b"")
    assert cache.key("a") != cache.key("b")


def test_the_cache_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("MTCLEAN_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "mtclean"
