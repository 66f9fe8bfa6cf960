"""A spaCy component that marks gazetteer places and organisations before the statistical NER.

Multi-word names match case-insensitively; one-word place names match only
with their capital and only where they cannot be English words, so ``long`` or
``guide`` are never places. Local bodies (``Liaoning Provincial Party
Committee``) are built from a place and a template suffix from the curated data.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .. import gazetteer
from ..gazetteer import OrgTemplate
from .refs import BANK_KINDS, fuzzy_org


@Language.factory("mtclean_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> GazetteerMatcher:
    return GazetteerMatcher(nlp)


Forms = tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]
_FORMS_FORMAT = "2"  # raise when the forms' shape or the way they are chosen changes


@lru_cache(maxsize=1)
def _surface_forms() -> Forms:
    """(text, label, id) for case-insensitive and for case-sensitive (one-word) patterns: built once
    and kept in the on-disk cache, under a hash of the gazetteer files, of the code that chooses them
    and of the word list's version (choosing them looks up word frequencies: about a second)."""
    from .. import cache

    name = f"gazetteer-forms-{_forms_key()}.json"
    cached: Any = cache.read_json(name)
    if _well_formed(cached):
        return [(a, b, c) for a, b, c in cached["lower"]], [(a, b, c) for a, b, c in cached["exact"]]
    forms = _build_surface_forms()
    cache.write_json(name, {"lower": forms[0], "exact": forms[1]})
    return forms


@lru_cache(maxsize=1)
def _forms_key() -> str:
    from importlib.metadata import PackageNotFoundError, version
    from pathlib import Path

    from .. import cache
    from ..core import lexicon

    try:
        words = version("wordfreq")
    except PackageNotFoundError:
        words = "unknown"
    folder = gazetteer.models_dir()
    code = [Path(m.__file__).read_bytes() for m in (gazetteer, lexicon) if m.__file__] + [Path(__file__).read_bytes()]
    files = [(folder / n).read_bytes() for n in ("places.json", "organizations.json")]
    return cache.key(_FORMS_FORMAT, words, *code, *files)


def _well_formed(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and all(isinstance(value.get(k), list) for k in ("lower", "exact"))
        and all(
            isinstance(f, list) and len(f) == 3 and all(isinstance(x, str) for x in f)
            for k in ("lower", "exact")
            for f in value[k]
        )
    )


def _build_surface_forms() -> Forms:
    from ..core.lexicon import zipf

    lower: list[tuple[str, str, str]] = []
    exact: list[tuple[str, str, str]] = []
    for org in gazetteer.organizations():
        for text in dict.fromkeys([org.name, *org.aliases, *org.mt_forms]):
            target = exact if (len(text.split()) == 1 or text.isupper()) else lower
            target.append((text, "ORG", "org:" + org.name))
    for place in gazetteer.places():
        for text in dict.fromkeys([place.name, *place.aliases]):
            if len(text.split()) >= 2:
                lower.append((text, "GPE", "place:" + place.code))
            elif place.kind in gazetteer.BARE_NAME_KINDS and gazetteer.safe_bare_name(text, zipf):
                exact.append((text, "GPE", "place:" + place.code))
    return lower, exact


@lru_cache(maxsize=1)
def _ambiguous_bank_forms() -> list[tuple[str, str]]:
    """Short bank names that need other banks nearby (``Merchants Bank`` in a list of banks)."""
    return [
        (text, "org:" + org.name)
        for org in gazetteer.organizations()
        if org.kind in BANK_KINDS
        for text in org.ambiguous_aliases
        if len(text.split()) >= 2
    ]


def _variants(text: str) -> list[str]:
    """A form as written and, where it has an apostrophe, with the typographic one ("Tai’an", "People’s")."""
    return [text, text.replace("'", "’")] if "'" in text else [text]


def _pattern_words(nlp: Language, forms: Forms) -> dict[str, list[str]]:
    """Each form's tokens as ``nlp``'s tokenizer splits it. Tokenizing the 6,500 forms makes a vocabulary
    entry for each new word (a third of a second); the splits are kept in the on-disk cache under the
    forms' key, spaCy's version and the pipeline's name and version, so a later process only hashes them."""
    from importlib.metadata import version

    from .. import cache

    texts = list(dict.fromkeys(v for group in forms for text, _, _ in group for v in _variants(text)))
    meta = nlp.meta
    name = "gazetteer-tokens-" + cache.key(
        _forms_key(), version("spacy"), str(nlp.lang), str(meta.get("name")), str(meta.get("version"))
    )
    cached: Any = cache.read_json(name + ".json")
    if (
        isinstance(cached, dict)
        and all(isinstance(cached.get(t), list) for t in texts)
        and all(isinstance(w, str) for t in texts for w in cached[t])
    ):
        return {t: cached[t] for t in texts}
    words = {t: [token.text for token in doc] for t, doc in zip(texts, nlp.tokenizer.pipe(texts))}  # type: ignore[union-attr]
    cache.write_json(name + ".json", words)
    return words


class GazetteerMatcher:
    def __init__(self, nlp: Language) -> None:
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        lower, exact = _surface_forms()
        words = _pattern_words(nlp, (lower, exact))
        strings = nlp.vocab.strings
        self.ids: dict[int, tuple[str, str]] = {}
        # Each pattern goes in as the hashes of its tokens' LOWER or ORTH (what a pattern Doc would give,
        # the lexeme's lowercase being str.lower), in the same order as before: the same matcher, built
        # without a vocabulary entry per word (tests/test_cache.py compares it with one built from Docs).
        for matcher, forms, fold in ((self.lower, lower, True), (self.exact, exact, False)):
            by_key: dict[str, list[tuple[int, ...]]] = {}
            for text, label, ent_id in forms:
                key = f"{label}|{ent_id}"
                for variant in _variants(text):
                    by_key.setdefault(key, []).append(
                        tuple(strings.add(w.lower() if fold else w) for w in words[variant])
                    )
            for key, patterns in by_key.items():
                matcher.add(key, patterns)  # type: ignore[arg-type]  # token hash arrays: as a Doc gives them
                label, ent_id = key.split("|", 1)
                self.ids[nlp.vocab.strings[key]] = (label, ent_id)
        self.suffixes = _template_suffixes(nlp)
        self.frames = _template_frames(nlp)
        self.ambiguous = PhraseMatcher(nlp.vocab, attr="ORTH")
        for text, ent_id in _ambiguous_bank_forms():
            key = f"ORG|{ent_id}"
            self.ambiguous.add(key, [nlp.make_doc(text)])
            self.ids[nlp.vocab.strings[key]] = ("ORG", ent_id)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for matcher in (self.lower, self.exact):
            for match_id, start, end in matcher(doc):
                label, ent_id = self.ids[match_id]
                spans.append(Span(doc, start, end, label=label, kb_id=ent_id))
        spans = [_widened(doc, s) for s in filter_spans(spans) if not _inside_person_name(doc, s)]
        banks = [s for s in spans if s.label_ == "ORG" and _is_bank(s.kb_id_)]
        for match_id, start, end in self.ambiguous(doc):
            near = [b for b in banks if abs(b.start - start) <= 30]
            if near:
                label, ent_id = self.ids[match_id]
                spans.append(Span(doc, start, end, label=label, kb_id=ent_id))
        spans = filter_spans(spans)
        spans = filter_spans(spans + _local_bodies(doc, spans, self.suffixes) + _framed_bodies(doc, spans, self.frames))
        doc.set_ents(spans, default="unmodified")
        return doc


@lru_cache(maxsize=1)
def _bank_ids() -> frozenset[str]:
    return frozenset("org:" + o.name for o in gazetteer.organizations() if o.kind in BANK_KINDS)


def _is_bank(kb_id: str) -> bool:
    return kb_id in _bank_ids()


_NAME_GLUE = frozenset({"of", "and", "for", "the"})


def _widened(doc: Doc, span: Span) -> Span:
    """``Agricultural Developement Bank of China``: a known name at the end of a longer, misspelt one."""
    if span.label_ != "ORG" or span.start == 0:
        return span
    start = span.start
    while (
        start > 0
        and (doc[start - 1].text.istitle() or doc[start - 1].lower_ in _NAME_GLUE)
        and not doc[start - 1].is_sent_start
    ):
        start -= 1
    while start < span.start and doc[start].lower_ in _NAME_GLUE:
        start += 1
    if start == span.start:
        return span
    found = fuzzy_org(doc[start : span.end].text)
    if found is None or "org:" + found.name == span.kb_id_:
        return span
    return Span(doc, start, span.end, label="ORG", kb_id="org:" + found.name)


def _inside_person_name(doc: Doc, span: Span) -> bool:
    """``Xi Jinping``: a one-word place right after a capitalised surname is a given name."""
    if len(span) != 1 or span.start == 0:
        return False
    prev = doc[span.start - 1]
    return prev.text.istitle() and prev.lower_ in gazetteer.surnames()


def _template_suffixes(nlp: Language) -> dict[tuple[str, ...], OrgTemplate]:
    out: dict[tuple[str, ...], OrgTemplate] = {}
    for template in gazetteer.org_templates():
        for form in [template.pattern, *template.aliases]:
            if form.startswith("{place} ") and "{" not in form[8:]:
                key = tuple(t.lower_ for t in nlp.make_doc(form[8:]))
                out.setdefault(key, template)
    return out


Frames = dict[tuple[tuple[str, ...], tuple[str, ...]], list[OrgTemplate]]


def _template_frames(nlp: Language) -> Frames:
    """The forms of local bodies with words before the place (``CPPCC {place} Committee``, ``Standing
    Committee of the {place} Municipal People's Congress``), keyed by (words before, words after)."""
    out: Frames = {}
    for template in gazetteer.org_templates():
        for form in [template.pattern, *template.aliases]:
            before, slot, after = form.partition("{place}")
            if slot and before.strip() and "{" not in after:
                key = (
                    tuple(t.lower_ for t in nlp.make_doc(before.strip())),
                    tuple(t.lower_ for t in nlp.make_doc(after.strip())),
                )
                if template not in out.setdefault(key, []):
                    out[key].append(template)
    return out


def _framed_bodies(doc: Doc, spans: list[Span], frames: Frames) -> list[Span]:
    """A place between a form's words is a local body: ``CPPCC Yangzhou Committee`` is the Yangzhou
    Municipal Committee of the CPPCC (of the template whose level is the place's, where several share the
    form)."""
    out = []
    for span in spans:
        if span.label_ != "GPE":
            continue
        place = gazetteer.place_by_code(span.kb_id_.split(":", 1)[1])
        bare_len = len(gazetteer.bare_name(place).split())
        if span.text.lower().split()[:bare_len] != gazetteer.bare_name(place).lower().split():
            continue
        at = span.start + bare_len
        for (before, after), templates in frames.items():
            start, end = span.start - len(before), at + len(after)
            if start < 0 or end > len(doc) or end <= span.end - 1:
                continue
            if tuple(t.lower_ for t in doc[start : span.start]) != before:
                continue
            if tuple(t.lower_ for t in doc[at:end]) != after:
                continue
            # the level the form gives must be the place's ("District Party Committee of Chengdu", a city,
            # is the committee of a district of Chengdu, not of Chengdu)
            fits = [t for t in templates if t.level == gazetteer.TEMPLATE_LEVEL_OF.get(place.kind)]
            if len(fits) == 1:
                template = fits[0]
                name = gazetteer.local_body_name(template, place)
                out.append(Span(doc, start, end, label="ORG", kb_id=f"local:{place.code}|{name}"))
                break
    return out


def _local_bodies(doc: Doc, spans: list[Span], suffixes: dict[tuple[str, ...], OrgTemplate]) -> list[Span]:
    """A place followed by a template suffix is a local body (an ORG with its canonical name)."""
    out = []
    longest = max((len(k) for k in suffixes), default=0)
    for span in spans:
        if span.label_ != "GPE":
            continue
        place = gazetteer.place_by_code(span.kb_id_.split(":", 1)[1])
        bare = gazetteer.bare_name(place)
        bare_len = len(bare.split())
        if span.text.lower().split()[:bare_len] != bare.lower().split():
            continue
        at = span.start + bare_len
        for n in range(min(longest, len(doc) - at), 0, -1):
            template = suffixes.get(tuple(t.lower_ for t in doc[at : at + n]))
            if template and at + n > span.end - 0:
                name = gazetteer.local_body_name(template, place)
                out.append(Span(doc, span.start, at + n, label="ORG", kb_id=f"local:{place.code}|{name}"))
                break
    return out
