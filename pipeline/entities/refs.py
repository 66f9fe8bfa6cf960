"""What a gazetteer span refers to: a place, a curated organisation, or a local body of a place; and the
curated organisation a name with small slips stands for (:func:`fuzzy_org`). Under the gazetteer
component and the entity readers alike.

Span ``kb_id_`` values: ``place:<code>``, ``org:<canonical name>``, ``local:<code>|<name>``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .. import gazetteer
from ..article import Article, Mention
from ..gazetteer import OrgKind, OrgTemplate, PlaceEntry, PlaceKind

# Banks and the other financial institutions: the central bank, the policy, state and joint-stock banks, the
# local banks read from their shape (city and rural commercial banks, rural cooperative banks, rural credit
# cooperatives and their provincial unions, village banks), asset-management companies, insurers and
# securities firms.
BANK_KINDS: frozenset[OrgKind] = frozenset(
    {
        "central_bank",
        "policy_bank",
        "state_bank",
        "joint_stock_bank",
        "city_commercial_bank",
        "rural_commercial_bank",
        "rural_cooperative_bank",
        "rural_credit_cooperative",
        "provincial_credit_union",
        "village_bank",
        "asset_management_company",
        "insurer",
        "securities_firm",
    }
)


@dataclass(frozen=True)
class Ref:
    kind: str  # place | org | local
    name: str  # canonical name (of the place, the organisation or the local body)
    place: PlaceEntry | None  # the place, for places and local bodies


def ref(ent: Any) -> Ref | None:
    kind, _, value = ent.kb_id_.partition(":")
    if kind == "place":
        place = gazetteer.place_by_code(value)
        return Ref("place", place.name, place)
    if kind == "local":
        code, _, name = value.partition("|")
        return Ref("local", name, gazetteer.place_by_code(code))
    if kind == "org":
        return Ref("org", value, None)
    return None


def mention(article: Article, start: int, end: int, text: str) -> Mention:
    """A mention at ``[start, end)`` of the cleaned text, with the id of its sentence."""
    sentence = article.sentence_at(start)
    return Mention(start, end, text, sentence.id if sentence else None)


LEVEL_KINDS: dict[str, set[PlaceKind]] = {
    "province": {"province", "autonomous_region", "municipality"},
    "provincial": {"province", "autonomous_region", "municipality"},
    "autonomous region": {"autonomous_region"},
    "regional": {"autonomous_region"},
    "autonomous regional": {"autonomous_region"},
    "municipal": {"city", "prefecture", "municipality", "county_city"},
    "city": {"city", "prefecture", "municipality", "county_city"},
    "county": {"county", "county_city"},
    "district": {"district"},
    "county level": {"county", "county_city", "district"},
}


# A level word as the name of a body writes it: "the city's bureau" and "the municipal bureau" are the X
# Municipal Bureau, "the province's" the X Provincial one.
LEVEL_NAMES = {
    "province": "Provincial",
    "provincial": "Provincial",
    "city": "Municipal",
    "municipal": "Municipal",
    "county": "County",
    "district": "District",
}


def salient_places(doc: Any) -> list[PlaceEntry]:
    """Places of the article, most mentioned first (ties: first mentioned first), each name read as the
    places list reads it (:func:`resolve_place`)."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    places: dict[str, PlaceEntry] = {}
    mentioned = {r.place.code for r in map(ref, doc.ents) if r and r.place}
    for ent in doc.ents:
        r = ref(ent)
        if r and r.place:
            place = resolve_place(r.place, mentioned)
            code = place.code
            counts[code] += 1
            first.setdefault(code, ent.start_char)
            places[code] = place
    return [places[c] for c in sorted(counts, key=lambda c: (-counts[c], first[c]))]


def province_weights(places: list[Any]) -> dict[str, int]:
    """Mentions per province (the first two digits of a division code) of the article's places."""
    weight: dict[str, int] = {}
    for p in places:
        if p.code:
            weight[p.code[:2]] = weight.get(p.code[:2], 0) + len(p.mentions)
    return weight


def home_province(weight: dict[str, int]) -> str:
    """The province most mentioned (ties: the lowest code)."""
    return max(sorted(weight), key=lambda k: weight[k])


def salient_place(doc_places: list[PlaceEntry], kinds: Collection[PlaceKind]) -> PlaceEntry | None:
    """The article's most mentioned place of these kinds; else the nearest such division above its
    places (an article about Chaisang District is about Jiujiang's bodies too)."""
    named = next((p for p in doc_places if p.kind in kinds), None)
    if named is not None:
        return named
    for place in doc_places:
        parent = place.parent_code
        while parent and gazetteer.has_code(parent):
            above = gazetteer.place_by_code(parent)
            if above.kind in kinds:
                return above
            parent = above.parent_code
    return None


def body_of_level(level: str, template: OrgTemplate, places: list[PlaceEntry]) -> tuple[str, PlaceEntry] | None:
    """The body a template names for the article's place of ``level`` (``county``: the county's Party
    committee), as (name, place); none where the article has no place of that level, or where the place
    is one of the four municipalities and the level provincial (Beijing's "provincial Party committee"
    would be its Municipal Party Committee: not guessed)."""
    place = salient_place(places, LEVEL_KINDS.get(level.lower(), set()))
    if place is None or (place.kind == "municipality" and level.lower() in {"provincial", "province"}):
        return None
    return gazetteer.local_body_name(template, place), place


def resolve_place(place: PlaceEntry, mentioned: set[str]) -> PlaceEntry:
    """Among places sharing a name (two Suzhous), prefer one whose parent the article mentions, else the
    highest level, else one in a province the article's other places lie in, else a district of one of
    the four municipalities (Shanghai's Baoshan District, not Shuangyashan's: far more often in the news)."""
    same = gazetteer.places_named(place.name)
    if len(same) > 1:
        with_parent = [p for p in same if p.parent_code in mentioned]
        if with_parent:
            return with_parent[0]
        provinces = {c[:2] for c in mentioned if c not in {p.code for p in same}}
        return min(
            same,
            key=lambda p: (
                -gazetteer.place_level(p.kind),
                p.code[:2] not in provinces,
                p.parent_code not in _MUNICIPALITIES,
                p.code,
            ),
        )
    return place


_MUNICIPALITIES = frozenset({"110000", "120000", "310000", "500000"})


# ----------------------------------------------------------------- names with small slips
_LEVEL_WORDS = frozenset("national central provincial municipal city county district town township village".split())


@lru_cache(maxsize=1)
def _fuzzy_choices() -> dict[str, str]:
    out: dict[str, str] = {}
    for org in gazetteer.organizations():
        for text in [org.name, *org.aliases]:
            if len(text) >= 12:
                out.setdefault(_fold(text), org.name)
    return out


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def fuzzy_org(surface: str) -> Ref | None:
    """The curated organisation a name with small slips stands for, or None."""
    from rapidfuzz import fuzz, process

    words = surface.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if len(words) < 2 or not words[-1][:1].isupper():
        return None  # "Standing Committee of the": a fragment, not a name
    text = _fold(" ".join(words))
    if len(text) < 12:
        return None
    hit = process.extractOne(text, _fuzzy_choices().keys(), scorer=fuzz.ratio, score_cutoff=92)
    if hit is None or abs(len(hit[0]) - len(text)) > 4:
        return None
    if (set(text.split()) ^ set(hit[0].split())) & _LEVEL_WORDS:
        return None  # "Municipal Committee of the CPPCC" is no slip for "National Committee of the CPPCC"
    return Ref("org", _fuzzy_choices()[hit[0]], None)
