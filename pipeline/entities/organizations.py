"""Banks and organisations under one canonical name, with the variants the article used."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .. import gazetteer
from ..article import Article, Organisation
from .gazetteer_component import BANK_KINDS
from .refs import Ref, mention, ref


def collect_organizations(doc: Any, article: Article) -> tuple[list[Organisation], list[Organisation]]:
    """Banks and other organisations, each once under its canonical name, in order of first mention."""
    kinds = {o["name"]: o["kind"] for o in gazetteer.organizations()["organizations"]}
    local_kinds = {t["pattern"]: t["kind"] for t in gazetteer.organizations().get("templates", [])}
    found: dict[str, Organisation] = {}
    for ent in doc.ents:
        r = ref(ent) or _fuzzy(ent)
        if r is None or r.kind == "place":
            continue
        name = r.name
        kind = (
            kinds.get(name, "other")
            if r.kind == "org"
            else next((k for p, k in local_kinds.items() if _fits(p, name)), "local_body")
        )
        entry = found.setdefault(name, Organisation(name, kind))
        surface = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        if surface not in entry.aliases_seen:
            entry.aliases_seen.append(surface)
        entry.mentions.append(mention(article, ent.start_char, ent.end_char, ent.text))
    ordered = sorted(found.values(), key=lambda e: e.mentions[0].start)
    banks = [e for e in ordered if e.kind in BANK_KINDS]
    others = [e for e in ordered if e.kind not in BANK_KINDS]
    return banks, others


# The last word of a body's name.
# The words a body's name ends on ("Lianyuan Forestry Bureau"); a post may also name a Party branch, a
# ministry, a council or a CPPCC committee, words a name in running text rarely ends on.
_BODY_NOUNS = (
    "Committee|Commission|Bureau|Department|Office|Court|Procuratorate|Government|Congress|Center|Centre|"
    "Headquarters|Administration|Station|Brigade|Team"
)
_BODY_END = re.compile(rf"(?:{_BODY_NOUNS}|Branch|Ministry|Council|CPPCC)$")
# Words any body's name may hold; a name made only of them ("Party Branch", "Organization Department")
# names no one body.
_GENERIC_BODY_WORDS = frozenset(
    """the of and for party committee standing commission bureau department office court procuratorate
    government people's people congress branch center centre headquarters ministry council administration
    cppcc cpc central provincial municipal city county district town township village street community
    regional autonomous national organization organisation propaganda discipline inspection supervision
    supervisory political legal affairs work group leading""".split()
)


def bodies_of_posts(officials: list[Any], known: set[str]) -> list[Organisation]:
    """The bodies the officials' posts name (``Jiujiang Municipal Party Committee`` for the secretary of
    'the Municipal Party Committee' in an article about Chaisang District), as organisations, once each;
    a generic body with no name of its own (``Party Branch``) is left out."""
    local_kinds = {t["pattern"]: t["kind"] for t in gazetteer.organizations().get("templates", [])}
    out: dict[str, Organisation] = {}
    for official in officials:
        for post in official.roles:
            name = post.organization
            if not name or name in known or name in out or not name[:1].isupper() or not _BODY_END.search(name):
                continue
            words = [w.lower() for w in re.findall(r"[\w'’-]+", name.replace("’", "'"))]
            if all(w in _GENERIC_BODY_WORDS for w in words):
                continue
            kind = next((k for p, k in local_kinds.items() if _fits(p, name)), "local_body")
            out[name] = Organisation(name, kind)
    return list(out.values())


def bodies_named_in_text(
    article: Article, places: list[Any], known: set[str], taken: list[tuple[int, int]]
) -> list[Organisation]:
    """Bodies the text names after one of its places, in capitals: ``Lianyuan Forestry Bureau``,
    ``Hubei Provincial Department of Emergency Management``, ``Anyang County Agricultural Machinery
    Center``; the longest such name, ending on a body's word, at most eight words after the place."""
    bare = {
        gazetteer.bare_name(gazetteer.place_by_code(p.code)) for p in places if p.code and gazetteer.has_code(p.code)
    }
    names = sorted({p.name for p in places} | bare, key=len, reverse=True)
    if not names:
        return []
    pattern = re.compile(
        rf"(?<![\w'’-])(?:{'|'.join(re.escape(n) for n in names)})"
        rf"(?:\s(?:[A-Z][\w'’-]*|of|for|and|the)){{0,7}}?\s(?:{_BODY_NOUNS})(?![\w'’-])"
        rf"(?:(?:\s(?:of|for|and)(?:\s[A-Z][\w'’-]*){{1,4}}))?"
    )
    text = article.clean
    out: dict[str, Organisation] = {}
    for m in pattern.finditer(text):
        name = " ".join(m.group().split())
        if name in known or any(s < m.end() and m.start() < e for s, e in taken):
            continue  # a body the gazetteer already found there, under its canonical name
        if re.search(r" and (?:Municipal|Provincial|County|District|City)\b", name):
            continue  # "Xiamen Municipal People's Congress and Municipal Government": two bodies
        after = re.match(r"\s+of\s+the\s+", text[m.end() :])
        if after and any(s == m.end() + after.end() for s, _ in taken):
            continue  # "the Zhejiang Supervision Bureau of the National Financial Regulatory Administration"
        entry = out.setdefault(name, Organisation(name, "local_body"))
        entry.aliases_seen = entry.aliases_seen or [name]
        entry.mentions.append(mention(article, m.start(), m.end(), m.group()))
    return list(out.values())


def _fits(pattern: str, name: str) -> bool:
    head, _, tail = pattern.partition("{place}")
    return name.startswith(head) and name.endswith(tail)


_INSTITUTION = re.compile(
    r"\b(?:Ministry|Commission|Administration|Bureau|Bank|Committee|Council|Office|Department|"
    r"Court|Procuratorate|Agency|Academy|Federation|Association|Corporation)\b"
)


@lru_cache(maxsize=1)
def _fuzzy_choices() -> dict[str, str]:
    out: dict[str, str] = {}
    for org in gazetteer.organizations()["organizations"]:
        for text in [org["name"], *org.get("aliases", [])]:
            if len(text) >= 12:
                out.setdefault(_fold(text), org["name"])
    return out


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def _fuzzy(ent: Any) -> Ref | None:
    """An organisation the statistical NER found, matched to the curated list despite small spelling slips
    (``Agricultural Developement Bank``, ``Urban Rural`` for ``Urban-Rural``)."""
    if ent.label_ != "ORG" or not _INSTITUTION.search(ent.text):
        return None

    return fuzzy_org(ent.text)


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
    return Ref("org", _fuzzy_choices()[hit[0]], None)
