"""Places with their kind and parent, from the gazetteer spans and the article's own words."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .. import gazetteer
from ..article import Article
from .refs import ref

_COMMUNITY = re.compile(r"\b((?:[A-Z][a-z'-]+ ){1,3})([Cc]ommunity|[Vv]illage|[Ss]ub-district|[Ss]treet|[Tt]ownship)\b")
_STOP_NAMES = frozenset("The This That Such Each Every Old New Our Their Its Community Village Street".split())


def collect_places(doc: Any, article: Article, sentence_of: Callable[[int], int | None]) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    mentioned_codes = {r.place["code"] for r in map(ref, doc.ents) if r and r.place}
    for ent in doc.ents:
        r = ref(ent)
        if r is None or r.place is None:
            continue
        place = _resolve(r.place, mentioned_codes) if r.kind == "place" else r.place
        entry = found.setdefault(place["code"], _entry(place))
        entry["mentions"].append(_mention(ent.start_char, ent.end_char, ent.text, sentence_of))
    places = list(found.values())
    places += _communities(article.clean, places, sentence_of)
    return sorted(places, key=lambda p: p["mentions"][0]["start"])


def _entry(place: dict[str, Any]) -> dict[str, Any]:
    parent = gazetteer.place_by_code(place["parent_code"])["name"] if place.get("parent_code") else None
    return {"name": place["name"], "kind": place["kind"], "parent": parent, "code": place["code"], "mentions": []}


def _mention(start: int, end: int, text: str, sentence_of: Callable[[int], int | None]) -> dict[str, Any]:
    return {"start": start, "end": end, "text": text, "sentence": sentence_of(start)}


def _resolve(place: dict[str, Any], mentioned: set[str]) -> dict[str, Any]:
    """Among places sharing a name (two Suzhous), prefer one whose parent the article mentions."""
    same = gazetteer.places_named(place["name"])
    if len(same) > 1:
        with_parent = [p for p in same if p.get("parent_code") in mentioned]
        if with_parent:
            return with_parent[0]
        ranked = sorted(same, key=lambda p: (_RANK.get(p["kind"], 9), p["code"]))
        return ranked[0]
    return place


_RANK = {"province": 0, "autonomous_region": 0, "municipality": 0, "sar": 0, "city": 1, "prefecture": 1,
         "county_city": 2, "district": 3, "county": 3}


def _communities(text: str, places: list[dict[str, Any]], sentence_of: Callable[[int], int | None]
                 ) -> list[dict[str, Any]]:
    """Named communities, villages and streets; a parent only when the same sentence names a place."""
    out: dict[str, dict[str, Any]] = {}
    for m in _COMMUNITY.finditer(text):
        words = m.group(1).split()
        while words and words[0] in _STOP_NAMES:
            words = words[1:]
        if not words:
            continue
        kind = m.group(2).lower()
        name = " ".join(words) + " " + kind.capitalize()
        start = m.start(1) + m.group(1).index(words[0])
        sentence = sentence_of(start)
        parent = next((p["name"] for p in places if any(x["sentence"] == sentence for x in p["mentions"])), None)
        entry = out.setdefault(name.lower(), {"name": name, "kind": "community" if kind == "community" else kind,
                                              "parent": parent, "code": None, "mentions": []})
        entry["mentions"].append(_mention(start, m.end(), text[start : m.end()], sentence_of))
    return list(out.values())
