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


# ------------------------------------------------------------ the matcher built from cached token splits
def _matcher_from_docs(nlp, forms):
    """The gazetteer's two phrase matchers as they were built before the token cache: from pattern Docs."""
    from spacy.matcher import PhraseMatcher

    built = {}
    for name, group, attr in (("lower", forms[0], "LOWER"), ("exact", forms[1], "ORTH")):
        matcher, by_key = PhraseMatcher(nlp.vocab, attr=attr), {}
        for text, label, ent_id in group:
            by_key.setdefault(f"{label}|{ent_id}", []).extend(nlp.make_doc(v) for v in _variants(text))
        for key, docs in by_key.items():
            matcher.add(key, docs)
        built[name] = matcher
    return built


def _variants(text):
    return [text, text.replace("'", "’")] if "'" in text else [text]


_COLLISIONS = (
    "Officials from Chaoyang District and chaoyang district, Jinzhou, Jilin and Yushu met in Tai'an and "
    "Tai’an with the People's Bank of China, the Agricultural Bank of China and Heping District. "
)


@pytest.fixture(scope="module")
def tokenizer_nlp():
    import spacy

    from pipeline.nlp import DEFAULT_SPACY_MODEL

    return spacy.load(DEFAULT_SPACY_MODEL, exclude=["tok2vec", "tagger", "parser", "ner", "lemmatizer", "senter"])


def test_the_matcher_from_cached_token_splits_finds_what_the_one_from_docs_finds_in_the_same_order(
    forms, tmp_path, tokenizer_nlp
):
    from conftest import ROOT, SAMPLE

    texts = [SAMPLE.read_text(encoding="utf-8"), _COLLISIONS * 3]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "dev").glob("*.txt"))[:4]]
    reference = _matcher_from_docs(tokenizer_nlp, forms._surface_forms())
    first = forms.GazetteerMatcher(tokenizer_nlp)  # splits the forms and writes the cache entry
    (entry,) = (tmp_path / "cache").glob("gazetteer-tokens-*.json")
    again = forms.GazetteerMatcher(tokenizer_nlp)  # from the entry
    entry.write_bytes(b'{"Beijing": [1]}')
    rebuilt = forms.GazetteerMatcher(tokenizer_nlp)  # a corrupt entry: split again
    found = 0
    for text in texts:
        doc = tokenizer_nlp.make_doc(text)
        for name in ("lower", "exact"):
            expected = reference[name](doc)  # (key, start, end), order included: it decides ties
            found += len(expected)
            for matcher in (first, again, rebuilt):
                assert getattr(matcher, name)(doc) == expected
    assert found > 100
    assert entry.read_bytes() != b'{"Beijing": [1]}'
