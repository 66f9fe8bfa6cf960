"""People and officials: names, the posts the article gives them, later mentions and spellings.

Posts come from the apposition after a name (``Ni Hong, Party secretary and
minister of the Ministry of ..., attended``) and from a title directly before it
(``General Secretary Xi Jinping``). A title without an organisation takes the
one of a later title (``Party secretary and minister of X``: both at X); a head
of government without one takes the place of the body named with it
(``deputy secretary of Liaoning Provincial Party Committee and governor``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable

from .. import gazetteer
from ..article import Article
from ..config import Settings
from ..repair.garble import flag_garbled_names

_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Madam|Aunt|Uncle|Grandma|Grandpa)\.? ([A-Z][a-z]+)\b")
_PLACE_LEVEL = {"provincial": {"province", "autonomous_region", "municipality"},
                "municipal": {"city", "prefecture", "municipality"},
                "county": {"district", "county", "county_city"}, "township": set(), "village": set()}


@dataclass
class Person:
    name: str
    mentions: list[dict[str, Any]] = field(default_factory=list)
    roles: list[dict[str, Any]] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _titles() -> dict[tuple[str, ...], dict[str, Any]]:
    out: dict[tuple[str, ...], dict[str, Any]] = {}
    for entry in gazetteer.titles():
        for form in [entry["title"], *entry.get("variants", [])]:
            out.setdefault(tuple(form.lower().replace("-", " - ").split()), entry)
    return out


def _match_title(words: list[str]) -> tuple[int, dict[str, Any]] | None:
    """The longest title at the start of ``words`` (lowercase), as (length, entry)."""
    titles = _titles()
    for n in range(min(9, len(words)), 0, -1):
        entry = titles.get(tuple(words[:n]))
        if entry:
            return n, entry
    return None


def find_people(doc: Any, article: Article, sentence_of: Callable[[int], int | None]
                ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    text = article.clean
    spans = _name_spans(doc, text)
    people: dict[str, Person] = {}
    for start, end, garbled in spans:
        end = end - 2 if text[start:end].endswith(("'s", "’s")) else end
        name = text[start:end]
        person = people.setdefault(name, Person(name))
        person.mentions.append({"start": start, "end": end, "text": name, "sentence": sentence_of(start)})
        if garbled and "name garbled by translation" not in person.flags:
            person.flags.append("name garbled by translation")
        for role in _roles_after(doc, text, end) + _roles_before(text, start, doc):
            if role not in person.roles:
                person.roles.append(role)
    _link_surname_mentions(text, people, sentence_of)
    merged = _group_spellings(list(people.values()))
    credited = {n for names in article.metadata.credits.values() for n in names}
    officials = [_as_dict(p) for p in merged if p.roles and p.name not in credited]
    others = [{"name": p.name, "mentions": p.mentions} for p in merged if not p.roles and p.name not in credited]
    return officials, others


# ----------------------------------------------------------------- names
def _name_spans(doc: Any, text: str) -> list[tuple[int, int, bool]]:
    """(start, end, garbled) of person names in the cleaned text, in order, not overlapping."""
    spans: list[tuple[int, int, bool]] = []
    garbled = flag_garbled_names(text, Settings())[1]
    spans += [(n.start, n.end, True) for n in garbled]
    surnames = gazetteer.surnames()
    tokens = list(doc)
    for i, tok in enumerate(tokens[:-1]):
        nxt = tokens[i + 1]
        if tok.text.istitle() and tok.lower_ in surnames and nxt.text.istitle() and not tok.whitespace_ == "":
            sylls = gazetteer.split_syllables(nxt.lower_)
            if sylls and 1 <= len(sylls) <= 2 and nxt.ent_type_ not in {"ORG"}:
                spans.append((tok.idx, nxt.idx + len(nxt.text), False))
    for ent in doc.ents:
        if ent.label_ == "PERSON" and not ent.kb_id_ and len(ent) >= 2 and ent.text[:1].isupper():
            spans.append((ent.start_char, ent.end_char, False))
    for m in _HONORIFIC.finditer(text):
        spans.append((m.start(), m.end(), False))
    return _no_overlaps(spans)


def _no_overlaps(spans: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0]), not s[2]))
    out: list[tuple[int, int, bool]] = []
    for s in spans:
        if out and s[0] < out[-1][1]:
            continue
        out.append(s)
    return out


# ----------------------------------------------------------------- posts
def _roles_after(doc: Any, text: str, end: int) -> list[dict[str, Any]]:
    """``, Party secretary and minister of the Ministry of X,`` after a name."""
    m = re.match(r"\s*,\s*", text[end:])
    if not m:
        return []
    start = end + m.end()
    stop = len(text)
    close = re.search(r",|;|\.(?:\s|$)|\battended\b|\bpresided\b|\bsaid\b", text[start:])
    if close:
        stop = start + close.start()
    return _parse_posts(doc, text, start, stop)


def _roles_before(text: str, start: int, doc: Any) -> list[dict[str, Any]]:
    """``General Secretary Xi Jinping``, ``district chief Wei Zhendong``."""
    before = text[max(0, start - 80) : start].rstrip()
    words = re.findall(r"[\w'-]+", before)
    for n in range(min(9, len(words)), 0, -1):
        tail = [w.lower() for w in words[-n:]]
        hit = _match_title(tail)
        if hit and hit[0] == n and before.lower().endswith(" ".join(tail[-1:])):
            title_text = " ".join(words[-n:])
            org = _org_before_title(doc, text, start - len(before) + before.lower().rfind(tail[0]))
            return [{"title": title_text, "organization": org}]
    return []


def _org_before_title(doc: Any, text: str, title_start: int) -> str | None:
    """``Hefei mayor Liu``: a place or body right before the title."""
    for ent in doc.ents:
        if ent.end_char in (title_start - 1, title_start) and ent.kb_id_:
            return _canonical(ent)
    return None


def _parse_posts(doc: Any, text: str, start: int, stop: int) -> list[dict[str, Any]]:
    segment = text[start:stop]
    pieces = [(start + m.start(), start + m.end()) for m in re.finditer(r"(?:(?!\band\b)[^,])+", segment)]
    pieces = _split_and(text, start, stop)
    posts: list[dict[str, Any]] = []
    for ps, pe in pieces:
        words = [w.lower() for w in re.findall(r"[\w'-]+|-", text[ps:pe])]
        if words[:1] == ["the"]:
            words = words[1:]
        hit = _match_title(words)
        if hit is None:
            if not posts:
                return []
            continue
        n, entry = hit
        title_text = _surface_title(text, ps, pe, n)
        org = _org_in(doc, ps, pe)
        posts.append({"title": title_text, "organization": org, "_entry": entry, "_place": _place_in(doc, ps, pe)})
    _distribute(posts)
    return [{"title": p["title"], "organization": p["organization"]} for p in posts]


def _split_and(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """Split an apposition on ' and ' where the next word starts a title."""
    cuts = [start]
    for m in re.finditer(r"\s+and\s+", text[start:stop]):
        rest = [w.lower() for w in re.findall(r"[\w'-]+", text[start + m.end() : stop])]
        if rest[:1] == ["the"]:
            rest = rest[1:]
        if _match_title(rest):
            cuts.append(start + m.start())
            cuts.append(start + m.end())
    cuts.append(stop)
    pairs = list(zip(cuts[0::2], cuts[1::2]))
    return [(s, e) for s, e in pairs if text[s:e].strip()]


def _surface_title(text: str, ps: int, pe: int, n_words: int) -> str:
    words = list(re.finditer(r"[\w'-]+|-", text[ps:pe]))
    if words and words[0].group().lower() == "the":
        words = words[1:]
    return text[ps + words[0].start() : ps + words[n_words - 1].end()]


def _org_in(doc: Any, ps: int, pe: int) -> str | None:
    for ent in doc.ents:
        if ps <= ent.start_char and ent.end_char <= pe and (ent.kb_id_.startswith(("org:", "local:"))):
            return _canonical(ent)
    for ent in doc.ents:
        if ps <= ent.start_char and ent.end_char <= pe and ent.kb_id_.startswith("place:"):
            return _canonical(ent)
    return None


def _place_in(doc: Any, ps: int, pe: int) -> dict[str, Any] | None:
    for ent in doc.ents:
        if ps <= ent.start_char and ent.end_char <= pe and ent.kb_id_.startswith(("place:", "local:")):
            if ent.kb_id_.startswith("place:"):
                return gazetteer.place_by_code(ent.kb_id_[6:])
            found = gazetteer.places_named_prefix(ent.kb_id_[6:])
            if found:
                return found[0]
    return None


def _canonical(ent: Any) -> str:
    kind, _, value = ent.kb_id_.partition(":")
    return gazetteer.place_by_code(value)["name"] if kind == "place" else value


def _distribute(posts: list[dict[str, Any]]) -> None:
    for i, post in enumerate(posts):
        if post["organization"]:
            continue
        level = post["_entry"].get("level")
        if level in _PLACE_LEVEL and post["_entry"].get("kind") == "state":
            place = next((p["_place"] for p in posts if p["_place"]), None)
            if place and place["kind"] in _PLACE_LEVEL[level] | {"municipality"}:
                post["organization"] = place["name"]
                continue
        later = next((p["organization"] for p in posts[i + 1 :] if p["organization"]), None)
        post["organization"] = later


# ----------------------------------------------------------------- later mentions and spellings
def _link_surname_mentions(text: str, people: dict[str, Person], sentence_of: Callable[[int], int | None]) -> None:
    """``Secretary Liu`` or ``Governor Li`` points back to the official with that surname and title."""
    officials = [p for p in people.values() if p.roles]
    for p in officials:
        surname = p.name.split()[0]
        titles = {r["title"].split()[-1].lower() for r in p.roles}
        for m in re.finditer(rf"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?) {re.escape(surname)}\b(?! [A-Z])", text):
            start = m.start()
            if m.group(1).split()[-1].lower() in titles and not any(x["start"] <= start < x["end"] for x in p.mentions):
                p.mentions.append({"start": start, "end": m.end(), "text": m.group(), "sentence": sentence_of(start)})


def _group_spellings(people: list[Person]) -> list[Person]:
    """Officials with one surname and one post are one person spelled several ways."""
    out: list[Person] = []
    for p in people:
        twin = next((q for q in out if q.roles and p.roles and q.name.split()[0] == p.name.split()[0]
                     and q.name != p.name and _same_post(q, p)), None)
        if twin is None:
            out.append(p)
            continue
        twin.variants.append(p.name)
        twin.mentions += p.mentions
        twin.flags += [f for f in p.flags if f not in twin.flags]
        note = "several spellings of one name: " + ", ".join([twin.name, *twin.variants])
        twin.flags = [f for f in twin.flags if not f.startswith("several spellings")] + [note]
    return out


def _same_post(a: Person, b: Person) -> bool:
    key = {(r["title"].lower(), r["organization"]) for r in a.roles}
    return any((r["title"].lower(), r["organization"]) in key for r in b.roles)


def _as_dict(p: Person) -> dict[str, Any]:
    return {"name": p.name, "roles": p.roles, "mentions": sorted(p.mentions, key=lambda m: m["start"]),
            "variants": p.variants, "flags": p.flags}
