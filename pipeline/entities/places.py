"""Places with their kind and parent, from the gazetteer spans and the article's own words."""

from __future__ import annotations

import re
from typing import Any

from .. import gazetteer
from ..article import Article, Place
from ..gazetteer import PlaceEntry, PlaceKind
from .refs import home_province, mention, province_weights, ref, resolve_place

_COMMUNITY = re.compile(
    r"\b((?:[A-Z][a-z'-]+ ){1,3})([Cc]ommunity|[Vv]illage|[Ss]ub-district|[Ss]treet|[Tt]ownship|[Tt]own)\b(?!-)"
)
_STOP_NAMES = frozenset("The This That Such Each Every Old New Our Their Its Community Village Street".split())


def collect_places(doc: Any, article: Article) -> list[Place]:
    found: dict[str, Place] = {}
    mentioned_codes = {r.place.code for r in map(ref, doc.ents) if r and r.place}
    for ent in doc.ents:
        r = ref(ent)
        if r is None or r.place is None:
            continue
        place = resolve_place(
            r.place, mentioned_codes
        )  # a local body's place too: "Baoshan District People's Government"
        entry = found.setdefault(place.code, _entry(place))
        entry.mentions.append(mention(article, ent.start_char, ent.end_char, ent.text))
    _short_forms(found)
    _bare_names_in_lists(article, found)
    _bare_counties(article, found)
    places = list(found.values())
    places += _communities(article, places)
    return sorted(places, key=lambda p: p.mentions[0].start)


# A run of three or more capitalised words joined by commas and 'and': a list of names.
_NAME_LIST = re.compile(r"\b[A-Z][a-z]+(?:(?:, |,? and )[A-Z][a-z]+){2,}\b")
_BARE_KINDS: tuple[PlaceKind, ...] = ("county", "district", "county_city")


def _bare_names_in_lists(article: Article, found: dict[str, Place]) -> None:
    """``including Binjiang, Zhangzhou, Pinghu, Xinchang, Yiwu ... and Deqing``: in a list where two or
    more names are places already, a bare name is the county or district of that name in the article's
    province, when that province has exactly one."""
    text = article.clean
    weight = province_weights(list(found.values()))
    if not weight:
        return
    province = home_province(weight)
    taken = {(m.start, m.end) for p in found.values() for m in p.mentions}
    for run in _NAME_LIST.finditer(text):
        words = list(re.finditer(r"[A-Z][a-z]+", run.group()))
        spans = [(run.start() + w.start(), run.start() + w.end()) for w in words]
        if sum(any(s <= a and b <= e for a, b in taken) for s, e in spans) < 2:
            continue
        for (s, e), w in zip(spans, words):
            if any(a <= s and e <= b for a, b in taken):
                continue
            named = [
                p
                for form in (f"{w.group()} County", f"{w.group()} District", w.group())
                for p in gazetteer.places_named(form)
                if p.kind in _BARE_KINDS and p.code.startswith(province)
            ]
            unique = {p.code: p for p in named}
            if len(unique) == 1:
                place = next(iter(unique.values()))
                entry = found.setdefault(place.code, _entry(place))
                entry.mentions.append(mention(article, s, e, w.group()))
                entry.mentions.sort(key=lambda m: m.start)


_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][a-z]+(?:['’][a-z]+)?(?![\w'’-])")
_LEVEL_AFTER = re.compile(r"\s+(?:County|District|City|Prefecture|Province|Town|Township|Village)\b", re.IGNORECASE)


def _bare_counties(article: Article, found: dict[str, Place]) -> None:
    """``Farmers in Leishan``, ``the Leishan Rural Credit Union``: a county or district the article names
    without its level word, where the name is no English word and the article's province has exactly one
    county or district of that name (a county elsewhere of the same name is not guessed). Names inside a
    person's name (``Wang Jianping``) are not places."""
    from ..core.lexicon import zipf

    text = article.clean
    weight = province_weights(list(found.values()))
    if not weight:
        return
    province = home_province(weight)
    taken = [(m.start, m.end) for p in found.values() for m in p.mentions]
    people = set(gazetteer.surnames())
    for w in _CAPITALISED.finditer(text):
        s, e = w.start(), w.end()
        if any(a <= s < b for a, b in taken) or _LEVEL_AFTER.match(text, e):
            continue
        before = re.search(r"([A-Za-z]+)\s+$", text[max(0, s - 20) : s])
        if before and before.group(1).lower() in people and before.group(1)[:1].isupper():
            continue  # "Wang Jianping": a given name
        if not gazetteer.safe_bare_name(w.group(), zipf):
            continue
        named = {
            p.code: p
            for form in (f"{w.group()} County", f"{w.group()} District")
            for p in gazetteer.places_named(form)
            if p.kind in ("county", "district") and p.code.startswith(province)
        }
        if len(named) != 1:
            continue
        place = next(iter(named.values()))
        entry = found.setdefault(place.code, _entry(place))
        entry.mentions.append(mention(article, s, e, w.group()))
        entry.mentions.sort(key=lambda m: m.start)


def _short_forms(found: dict[str, Place]) -> None:
    """``Baoshan's development`` in an article that names Baoshan District: the short form of the
    district, not the city of that name elsewhere, when every mention of the other is the bare name."""
    for code, entry in list(found.items()):
        if not gazetteer.has_code(code):
            continue
        bare = gazetteer.bare_name(gazetteer.place_by_code(code)).lower()
        if any(_bare(m.text) != bare for m in entry.mentions):
            continue
        fuller = [
            p
            for c, p in found.items()
            if c != code
            and gazetteer.has_code(c)
            and gazetteer.bare_name(gazetteer.place_by_code(c)).lower() == bare
            and any(_bare(m.text) != bare for m in p.mentions)
        ]
        if len(fuller) == 1:
            fuller[0].mentions = sorted(fuller[0].mentions + entry.mentions, key=lambda m: m.start)
            del found[code]


def _bare(text: str) -> str:
    text = text[4:] if text.lower().startswith("the ") else text
    return text.removesuffix("'s").removesuffix("’s").lower()


def _entry(place: PlaceEntry) -> Place:
    parent = gazetteer.place_by_code(place.parent_code).name if place.parent_code else None
    return Place(place.name, place.kind, parent, place.code)


def _communities(article: Article, places: list[Place]) -> list[Place]:
    """Named communities, villages and streets; a parent only when the same sentence names a place."""
    text = article.clean
    out: dict[str, Place] = {}
    for m in _COMMUNITY.finditer(text):
        words = m.group(1).split()
        while words and words[0] in _STOP_NAMES:
            words = words[1:]
        if not words:
            continue
        kind = m.group(2).lower()
        if kind == "town" and not all(gazetteer.split_syllables(w.lower()) for w in words):
            continue  # "Wangzang Town" (镇), not "Old Town" or "Market Town": a town's name is pinyin
        name = " ".join(words) + " " + kind.capitalize()
        start = m.start(1) + m.group(1).index(words[0])
        found = mention(article, start, m.end(), text[start : m.end()])
        parent = next((p.name for p in places if any(x.sentence == found.sentence for x in p.mentions)), None)
        entry = out.setdefault(name.lower(), Place(name, "community" if kind == "community" else kind, parent, None))
        entry.mentions.append(found)
    return list(out.values())
