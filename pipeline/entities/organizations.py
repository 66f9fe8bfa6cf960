"""Banks and organisations under one canonical name, with the variants the article used."""

from __future__ import annotations

import re
from typing import Any

from .. import gazetteer
from ..article import Article, Organisation
from .refs import (
    BANK_KINDS,
    LEVEL_KINDS,
    LEVEL_NAMES,
    Ref,
    body_of_level,
    fuzzy_org,
    mention,
    ref,
    salient_place,
    salient_places,
)


def collect_organizations(doc: Any, article: Article) -> tuple[list[Organisation], list[Organisation]]:
    """Banks and other organisations, each once under its canonical name, in order of first mention."""
    kinds: dict[str, str] = {o.name: o.kind for o in gazetteer.organizations()}
    local_kinds = {t.pattern: t.kind for t in gazetteer.org_templates()}
    found: dict[str, Organisation] = {}
    text = article.clean
    for ent in doc.ents:
        r = ref(ent) or _fuzzy(ent)
        if r is None or r.kind == "place":
            continue
        if r.kind == "org" and _LEVEL_BEFORE.search(text[max(0, ent.start_char - 40) : ent.start_char]):
            continue  # "the county CPPCC": a local committee, not the national body
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
    congress = found.get(_NPC)
    if (
        congress
        and _LOCAL_CONGRESS.search(text)
        and all(_CONGRESS_WORK.search(text[max(0, m.start - 40) : m.start]) for m in congress.mentions)
    ):
        # "the work of the National People's Congress" in an article about a provincial people's congress:
        # 人大工作, the work of people's congresses, rendered as the NPC; not the national body
        del found[_NPC]
    ordered = sorted(found.values(), key=lambda e: e.mentions[0].start)
    banks = [e for e in ordered if e.kind in BANK_KINDS]
    others = [e for e in ordered if e.kind not in BANK_KINDS]
    return banks, others


_LEVEL_BEFORE = re.compile(
    r"(?<![\w'’-])(?:provincial|municipal|city|county|district|town|township)\s+(?:committee\s+of\s+the\s+)?$",
    re.IGNORECASE,
)
_NPC = "National People's Congress"
_LOCAL_CONGRESS = re.compile(r"(?:Provincial|Municipal|City|County|District) People['’]s Congress", re.IGNORECASE)
_CONGRESS_WORK = re.compile(
    r"\b(?:work|power|practice|organs|system|cause|role|vitality|responsibility|responsibilities|duties|functions)"
    r"\s+of\s+the\s+$",
    re.IGNORECASE,
)
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
    local_kinds = {t.pattern: t.kind for t in gazetteer.org_templates()}
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
    at = 0
    while (m := pattern.search(text, at)) is not None:
        at = m.end()
        name = " ".join(m.group().split())
        if any(s < m.end() and m.start() < e for s, e in taken):
            # a body the gazetteer already found there, under its canonical name; a name that starts in
            # one ("People's Bank of China Chenzhou Branch and Chenzhou Banking Regulatory Bureau") is
            # read again after it
            at = m.start() + 1
            continue
        if name in known:
            continue
        if re.search(r" and (?:Municipal|Provincial|County|District|City)\b", name):
            continue  # "Xiamen Municipal People's Congress and Municipal Government": two bodies
        after = re.match(r"\s+of\s+the\s+", text[m.end() :])
        if after and any(s == m.end() + after.end() for s, _ in taken):
            continue  # "the Zhejiang Supervision Bureau of the National Financial Regulatory Administration"
        entry = out.setdefault(name, Organisation(name, "local_body"))
        entry.aliases_seen = entry.aliases_seen or [name]
        entry.mentions.append(mention(article, m.start(), m.end(), m.group()))
    return list(out.values())


_ANY_OF_THEM = re.compile(r"\b(?:each|every|all|various|other|relevant|local)\s+(?:the\s+)?$", re.IGNORECASE)
# A body's own name in capitals after a level word: "Bureau of Statistics", "Rural Revitalization Bureau".
_OWN_NAME_AFTER_LEVEL = re.compile(
    r"((?:[A-Z][\w'’-]*\s+){0,4}(?:Bureau|Commission|Department|Office|Administration|Center|Centre)"
    r"(?:\s+of\s+[A-Z][\w'’-]*(?:\s+(?:and\s+)?[A-Z][\w'’-]*){0,3})?)(?![\w'’-])"
)
_LEVEL_START = re.compile(
    r"(?<![\w'’-])(?:(standing committee of (?:the )?(?:(?:\d+(?:st|nd|rd|th)|[a-z]+th|new)\s+)?)"
    r"(?=(?:provincial|municipal|city|county|district) people['’]s congress\b))?"
    r"(provincial|municipal|city|county|district|autonomous regional)\s",
    re.IGNORECASE,
)


def bodies_named_by_level(
    doc: Any, article: Article, known: list[Organisation], taken: list[tuple[int, int]]
) -> list[Organisation]:
    """Bodies the text names by their level alone, of a kind the templates know: ``the provincial Party
    committee``, ``the Municipal People's Government``, ``the Standing Committee of the Provincial
    People's Congress``: the body of the article's place of that level (its most mentioned, or the one
    above its places), under the template's name; none where the article has no such place, nor for
    ``each provincial Party committee``. A body already found (from a post) gains the mention."""
    places = salient_places(doc)
    existing = {o.name: o for o in known}
    text = article.clean
    out: dict[str, Organisation] = {}
    for m in _LEVEL_START.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue  # inside a body the gazetteer found with its place ("Hefei Municipal Party Committee")
        if _ANY_OF_THEM.search(text[max(0, m.start() - 20) : m.start()]):
            continue  # "each provincial Party committee", "all municipal governments": no one body
        if not m.group(1) and re.search(
            r"(?<![\w'’-])(?!The\b)[A-Z][\w'’-]*\s+$", text[max(0, m.start() - 30) : m.start()]
        ):
            continue  # "Zhongxian County People's Congress": the level word of a longer name
        words = list(re.finditer(r"[\w'’-]+", text[m.start(2) : m.start(2) + 120]))
        hit = None
        for n in range(min(9, len(words)), 1, -1):
            phrase = text[m.start(2) : m.start(2) + words[n - 1].end()].replace("’", "'")
            template = gazetteer.template_for_suffix(
                f"{m.group(2)} people's congress standing committee" if m.group(1) else phrase
            )
            if template is not None and (not m.group(1) or n == 3):
                hit = template, m.start(2) + words[n - 1].end()
                break
        kind = template_kind = None
        if hit is None:
            own = _OWN_NAME_AFTER_LEVEL.match(text, m.end())
            level = LEVEL_NAMES.get(m.group(2).lower())
            place = salient_place(places, LEVEL_KINDS.get(m.group(2).lower(), set())) if own and level else None
            if not (own and level and place and not m.group(1) and m.group(2)[:1].isupper()):
                continue
            # "the Municipal Bureau of Statistics", "the County Rural Revitalization Bureau": a body's own name
            # in capitals after its level, no template: the body of the article's place of that level
            name, end, kind = f"{gazetteer.bare_name(place)} {level} {own.group(1)}", own.end(1), "local_body"
        else:
            template, end = hit
            body = body_of_level(m.group(2), template, places)
            if body is None:
                continue
            name, template_kind = body[0], template.kind
        entry = existing.get(name) or out.setdefault(name, Organisation(name, template_kind or kind or "local_body"))
        surface = " ".join(text[m.start() : end].split())
        if surface not in entry.aliases_seen:
            entry.aliases_seen.append(surface)
        entry.mentions.append(mention(article, m.start(), end, text[m.start() : end]))
        entry.mentions.sort(key=lambda x: x.start)
    return list(out.values())


def _fits(pattern: str, name: str) -> bool:
    head, _, tail = pattern.partition("{place}")
    return name.startswith(head) and name.endswith(tail)


_INSTITUTION = re.compile(
    r"\b(?:Ministry|Commission|Administration|Bureau|Bank|Committee|Council|Office|Department|"
    r"Court|Procuratorate|Agency|Academy|Federation|Association|Corporation)\b"
)


def _fuzzy(ent: Any) -> Ref | None:
    """An organisation the statistical NER found, matched to the curated list despite small spelling slips
    (``Agricultural Developement Bank``, ``Urban Rural`` for ``Urban-Rural``)."""
    if ent.label_ != "ORG" or not _INSTITUTION.search(ent.text):
        return None

    return fuzzy_org(ent.text)
