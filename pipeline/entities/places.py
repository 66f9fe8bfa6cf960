"""Places with their kind and parent, from the gazetteer spans and the article's own words."""

from __future__ import annotations

import re
from typing import Any, Callable

from .. import gazetteer
from ..article import Article

_COMMUNITY = re.compile(r"\b((?:[A-Z][a-z'-]+ ){1,3})([Cc]ommunity|[Vv]illage|[Ss]ub-district|[Ss]treet|[Tt]ownship)\b")
_STOP_NAMES = frozenset("The This That Such Each Every Old New Our Their Its Community Village Street".split())


def collect_places(doc: Any, article: Article, sentence_of: Callable[[int], int | None]) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    mentioned_codes = {e.kb_id_.split(":", 1)[1] for e in doc.ents if e.kb_id_.startswith("place:")}
    for ent in doc.ents:
        if ent.kb_id_.startswith("place:"):
            place = _resolve(gazetteer.place_by_code(ent.kb_id_.split(":", 1)[1]), ent.text, mentioned_codes)
        elif ent.kb_id_.startswith("local:"):
            place = _place_in_local_body(doc, ent, mentioned_codes)
            if place is None:
                continue
        else:
            continue
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


def _resolve(place: dict[str, Any], surface: str, mentioned: set[str]) -> dict[str, Any]:
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


def _place_in_local_body(doc: Any, ent: Any, mentioned: set[str]) -> dict[str, Any] | None:
    """``Liaoning Provincial Party Committee`` also mentions Liaoning."""
    name = ent.kb_id_.split(":", 1)[1]
    for place in gazetteer.places_named_prefix(name):
        if place["code"] in mentioned or place["kind"] in gazetteer.CITY_OR_ABOVE:
            return place
    return None


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
