"""Banks and other financial institutions: the curated national ones the gazetteer tags, the local ones read
from their shape and the places gazetteer, each under the institution's canonical name with the branches the
article names.

- A local bank is a place and the words its kind is written with (``bank_templates`` of
  ``organizations.json``): ``Daiyue Rural Commercial Bank``, ``leishan Rural Credit Union``, ``Sichuan Zigong
  Bank``, ``Bank of Zigong``, ``zigong bank co., LTD.``; the place must be of a kind the shape allows (a
  city commercial bank is named after a city or a province, never a county), so every county and city of
  the gazetteer is covered without a list of banks. ``the county Rural Credit Union`` is the union of the
  article's county.
- A branch is read around any bank's mention: ``People's Bank of China Chenzhou Central Branch``, ``the
  Hebei branch of agricultural issuance``, ``Agricultural Bank of China's Jilin branch``, ``Xijiang Credit
  Cooperative of Leishan County`` (a town's credit cooperative: an outlet of the county's union). The
  canonical name stays the institution's; the branch keeps its name as written, its level and its place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .. import gazetteer
from ..article import Article, Bank, Branch, BranchLevel, Organisation
from ..gazetteer import BankTemplate, PlaceEntry
from .refs import LEVEL_KINDS, mention, ref, resolve_place, salient_place, salient_places

_WORD = r"[\w'’-]+"
_COMPANY = r"(?i:\s*,?\s*(?:Co\s*\.?\s*,?\s*(?:Ltd|Limited)\b\.?|Company\s+Limited\b|Limited\s+Company\b))"
# A bank's name is no bank where it names a street, a building or a card: "Bank Street", "Bank Road".
_NOT_A_BANK_AFTER = re.compile(r"\s+(?:Street|Road|Avenue|Lane|Alley|Square|Card|Account|Note|Notes)\b", re.I)
# Words before a level word that make it no one body ("each county Rural Credit Union", "a city bank").
_ANY_OF_THEM = re.compile(r"\b(?:a|an|each|every|all|various|other|local|many|some|these|those)\s+$", re.I)
# Words that are no branch's own name ("the Party branch of the bank": the Party organisation).
_NOT_A_BRANCH_NAME = frozenset(
    "the a an its this that each every all party cpc communist general youth league bank's bank".split()
)
_UNIT = (
    r"(?P<unit>Head\s+Office|Headquarters|(?:(?:Provincial|Municipal|City|County|District)\s+)?(?:Central\s+)?"
    r"(?:Sub-?\s?[Bb]ranch|[Bb]ranch)(?:\s+Office)?|Credit\s+Cooperative|Savings\s+Office|Outlet)"
)
_AFTER = re.compile(
    rf"^(?:\s*['’]s)?\s+(?:of\s+)?(?P<where>(?:{_WORD}\s+){{0,3}}?){_UNIT}(?![\w-])",
)
_BEFORE = re.compile(rf"(?P<where>(?:{_WORD}\s+){{1,3}}){_UNIT}\s+of\s+(?:the\s+)?$")
# A town's credit cooperative (信用社) of a county: an outlet of the county's rural credit union.
_TOWN_COOP = re.compile(rf"\b(?P<where>[A-Z]{_WORD}(?:\s+[A-Z]{_WORD})?)\s+(?P<unit>Credit\s+Cooperative)\s+of\s+")


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    name: str
    kind: str
    place: PlaceEntry | None
    branch: tuple[int, int, str, str] | None = None  # a branch the mention names: start, end, where, unit


def read_banks(doc: Any, article: Article, curated: list[Organisation]) -> list[Bank]:
    """The article's banks: the curated ones found in ``doc`` (``curated``) and the local ones read from
    their shape, once each under the institution's canonical name, with their branches, in order of first
    mention."""
    text = article.clean
    banks: dict[str, Bank] = {b.name: Bank(b.name, b.kind, list(b.aliases_seen), list(b.mentions)) for b in curated}
    _head_offices(article, banks)
    taken = [(m.start, m.end) for b in banks.values() for m in b.mentions]
    places = salient_places(doc)
    mentioned = {r.place.code for r in map(ref, doc.ents) if r and r.place}
    for found in _local_banks(text, taken, places, mentioned):
        bank = banks.setdefault(found.name, Bank(found.name, found.kind))
        surface = " ".join(text[found.start : found.end].split())
        if surface not in bank.aliases_seen:
            bank.aliases_seen.append(surface)
        bank.mentions.append(mention(article, found.start, found.end, text[found.start : found.end]))
        taken.append((found.start, found.end))
        if found.branch:
            _add_branch(article, bank, found.branch, mentioned, whole=True)
    for bank in banks.values():
        bank.mentions.sort(key=lambda m: m.start)
        for m in bank.mentions:
            for at, whole in _branches_at(text, m.start, m.end):
                _add_branch(article, bank, at, mentioned, whole)
        for branch in bank.branches:
            branch.mentions.sort(key=lambda m: m.start)
        bank.branches.sort(key=lambda b: b.mentions[0].start if b.mentions else 0)
        # the branch the article is about: the most named (ties: the first named)
        bank.branch = max(bank.branches, key=lambda b: len(b.mentions)).name if bank.branches else None
    return sorted(banks.values(), key=lambda b: b.mentions[0].start)


_GENERAL = re.compile(r"(?<![\w'’-])(?P<head>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)\s+General\s+$")


@lru_cache(maxsize=1)
def _curated_forms() -> dict[str, gazetteer.OrgEntry]:
    from .refs import BANK_KINDS

    return {
        _key(form): org
        for org in gazetteer.organizations()
        if org.kind in BANK_KINDS
        for form in (org.name, *org.aliases, *org.mt_forms)
    }


def _head_offices(article: Article, banks: dict[str, Bank]) -> None:
    """``Agricultural General Bank of China``: 总行, a bank's head office, rendered word for word around its
    name; the mention is the bank the words name without ``General`` (the Agricultural Bank of China, not
    the Bank of China), at its head office."""
    text = article.clean
    for bank in list(banks.values()):
        for m in list(bank.mentions):
            general = _GENERAL.search(text[max(0, m.start - 40) : m.start])
            if general is None:
                continue
            org = _curated_forms().get(_key(f"{general.group('head')} {m.text}"))
            if org is None or org.name == bank.name:
                continue
            start = m.start - (len(text[max(0, m.start - 40) : m.start]) - general.start("head"))
            bank.mentions.remove(m)
            seen = {_surface(x.text) for x in bank.mentions}
            bank.aliases_seen = [a for a in bank.aliases_seen if a in seen]
            if not bank.mentions:
                del banks[bank.name]
            owner = banks.setdefault(org.name, Bank(org.name, org.kind))
            surface = " ".join(text[start : m.end].split())
            if surface not in owner.aliases_seen:
                owner.aliases_seen.append(surface)
            owner.mentions.append(mention(article, start, m.end, text[start : m.end]))
            head = next((b for b in owner.branches if b.level == "head_office"), None)
            if head is None:
                head = Branch("Head Office", "head_office", None)
                owner.branches.append(head)
            head.mentions.append(mention(article, start, m.end, text[start : m.end]))


def _surface(text: str) -> str:
    """A mention's form as ``aliases_seen`` holds it (without a leading ``the``)."""
    return text[4:] if text.lower().startswith("the ") else text


# ----------------------------------------------------------------- local banks from their shape
@lru_cache(maxsize=1)
def _place_index() -> dict[str, tuple[PlaceEntry, ...]]:
    """Every form of every place (its name, its bare name, its aliases), lowercase, to the places it names."""
    out: dict[str, list[PlaceEntry]] = {}
    for place in gazetteer.places():
        for form in dict.fromkeys([place.name, gazetteer.bare_name(place), *place.aliases]):
            key = _key(form)
            if place not in out.setdefault(key, []):
                out[key].append(place)
    return {k: tuple(v) for k, v in out.items()}


def _key(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


@lru_cache(maxsize=1)
def _suffixes() -> dict[str, tuple[BankTemplate, ...]]:
    out: dict[str, list[BankTemplate]] = {}
    for template in gazetteer.bank_templates():
        for suffix in template.suffixes:
            out.setdefault(_key(suffix), []).append(template)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _prefixes() -> dict[str, tuple[BankTemplate, ...]]:
    out: dict[str, list[BankTemplate]] = {}
    for template in gazetteer.bank_templates():
        for prefix in template.prefixes:
            out.setdefault(_key(prefix), []).append(template)
    return {k: tuple(v) for k, v in out.items()}


def _alternation(forms: Iterable[str]) -> str:
    return "|".join(r"\s+".join(re.escape(w) for w in f.split()) for f in sorted(forms, key=len, reverse=True))


@lru_cache(maxsize=1)
def _suffix_pattern() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'’-])(?:{_alternation(_suffixes())})(?![\w-]){_COMPANY}?", re.I)


@lru_cache(maxsize=1)
def _prefix_pattern() -> re.Pattern[str]:
    # "Bank of Zigong": the prefix in its capitals, the place a capitalised name of up to three words
    prefixes = {p for t in gazetteer.bank_templates() for p in t.prefixes}
    return re.compile(rf"(?<![\w'’-])(?:{_alternation(prefixes)})\s+(?P<place>[A-Z]{_WORD}(?:\s+[A-Z]{_WORD}){{0,2}})")


@lru_cache(maxsize=1)
def _level_pattern() -> re.Pattern[str]:
    """``the county Rural Credit Union``: a level word and a shape with no place (plural shapes left out:
    ``county rural credit cooperatives`` are all of them)."""
    singular = {s for s in _suffixes() if not s.endswith("s") and " " in s}
    bare = {s[len("provincial ") :] for s in singular if s.startswith("provincial ")}
    return re.compile(
        rf"(?<![\w'’-])(?P<level>county|city|municipal|provincial|district)\s+(?P<shape>{_alternation(singular | bare)})"
        rf"(?![\w-]){_COMPANY}?",
        re.I,
    )


def _local_banks(
    text: str, taken: list[tuple[int, int]], places: list[PlaceEntry], mentioned: set[str]
) -> list[_Found]:
    """The local banks named by their shape, none inside a mention already taken (a curated bank's)."""
    provinces = {p.code[:2] for p in places}
    out: list[_Found] = []
    readers = (
        (_suffix_pattern(), lambda m: _named_before(text, m, provinces, mentioned)),
        (_prefix_pattern(), lambda m: _named_after(text, m, provinces, mentioned)),
        (_level_pattern(), lambda m: _named_by_level(text, m, places)),
        (_TOWN_COOP, lambda m: _town_cooperative(text, m, provinces, mentioned)),
    )
    for pattern, read in readers:
        for m in pattern.finditer(text):
            found = read(m)
            if found and not any(s < found.end and found.start < e for s, e in taken):
                out.append(found)
                taken = [*taken, (found.start, found.end)]
    return out


def _named_after(text: str, m: re.Match[str], provinces: set[str], mentioned: set[str]) -> _Found | None:
    """``Bank of Zigong``, ``Rural Credit Union of Guizhou``: the shape, then the place."""
    if re.search(r"(?<![\w'’-])(?!The\b)[A-Z][\w'’-]*\s+$", text[max(0, m.start() - 30) : m.start()]):
        return None  # "Agricultural Bank of Jilin Branch": the end of a longer name
    templates = _prefixes()[_key(text[m.start() : m.start("place")])]
    hit = _place_of(m.group("place").split(), templates, provinces, mentioned)
    if hit is None or _NOT_A_BANK_AFTER.match(text, m.start("place") + len(hit[2])):
        return None
    place, template, words = hit
    return _Found(m.start(), m.start("place") + len(words), template.name(place), template.kind, place)


def _named_by_level(text: str, m: re.Match[str], places: list[PlaceEntry]) -> _Found | None:
    """``the county Rural Credit Union``: the union of the article's county (its most mentioned, or the
    one above its places); none for ``each county ...`` nor for a lowercase shape without ``the``."""
    before = text[max(0, m.start() - 12) : m.start()]
    shape = m.group("shape")
    if _ANY_OF_THEM.search(before) or not (re.search(r"\bthe\s+$", before, re.I) or shape[:1].isupper()):
        return None
    level = m.group("level").lower()
    place = salient_place(places, LEVEL_KINDS.get(level, set()))
    if place is None:
        return None
    full = _key(f"{level} {shape}") if level == "provincial" else ""
    templates = _suffixes().get(full, ()) + _suffixes().get(_key(shape), ())
    template = next((t for t in templates if place.kind in t.places and "{name}" not in t.pattern), None)
    if template is None:
        return None
    return _Found(m.start(), m.end(), template.name(place), template.kind, place)


def _town_cooperative(text: str, m: re.Match[str], provinces: set[str], mentioned: set[str]) -> _Found | None:
    """``Xijiang Credit Cooperative of Leishan County``: the county's rural credit union, the town's
    cooperative its outlet."""
    words = re.match(rf"{_WORD}(?:\s+(?:County|City|District))?", text[m.end() :])
    templates = _suffixes().get("rural credit cooperative union", ())
    hit = _place_of(words.group().split(), templates, provinces, mentioned) if words else None
    if hit is None:
        return None
    place, template, written = hit
    branch = (m.start(), m.end("unit"), m.group("where"), m.group("unit"))
    return _Found(m.start(), m.end() + len(written), template.name(place), template.kind, place, branch)


def _named_before(text: str, m: re.Match[str], provinces: set[str], mentioned: set[str]) -> _Found | None:
    """The local bank a shape (``Rural Commercial Bank``) names with the place written before it, and the
    province before that place where one is (``Sichuan Zigong Bank``); None where no place of a kind the
    shape allows stands there."""
    if _NOT_A_BANK_AFTER.match(text, m.end()):
        return None
    shape = _key(re.sub(_COMPANY + "$", "", m.group()))
    templates = _suffixes().get(shape, ())
    words = list(re.finditer(_WORD, text[max(0, m.start() - 80) : m.start()]))
    offset = max(0, m.start() - 80)
    if not words or text[offset + words[-1].end() : m.start()].strip():
        return None  # a comma or a full stop between: no name
    words = words[-6:]
    for skip in (1, 2, 0):  # a village bank's own name between its place and the shape ("Leishan Minsheng")
        for template in templates:
            if "{name}" not in template.pattern and skip > 0:
                continue
            for n in (3, 2, 1):
                if n + skip > len(words):
                    continue
                place_words = words[len(words) - skip - n : len(words) - skip]
                named = words[len(words) - skip :]
                if not all(w.group()[:1].isupper() for w in named):
                    continue
                start = offset + place_words[0].start()
                phrase = text[start : offset + place_words[-1].end()]
                hit = _place_of(phrase.split(), (template,), provinces, mentioned, exact=True)
                if hit is None:
                    continue
                place = hit[0]
                if not _written_as_a_name(phrase, shape, m.group(), place):
                    continue
                start, place = _with_province(text, start, place)
                name = template.name(place)
                if "{name}" in template.pattern:
                    name = " ".join(name.replace("{name}", " ".join(w.group() for w in named)).split())
                return _Found(start, m.end(), name, template.kind, place)
    return None


def _written_as_a_name(phrase: str, shape: str, written: str, place: PlaceEntry) -> bool:
    """A lone lowercase ``bank`` is no name (``a Zigong bank``, ``the zigong bank``: any bank there) unless the
    company's form follows (``zigong bank co., LTD.``); a lowercase place that is an English word never is."""
    from ..core.lexicon import zipf

    company = bool(re.search(_COMPANY + "$", written))
    if shape == "bank" and not written[:1].isupper() and not company:
        return False  # "a Zigong bank": any bank there
    if phrase[:1].isupper():
        return True
    if len(phrase.split()) == 1 and zipf(phrase.lower()) >= 3.0:
        return False
    return shape != "bank" or company


def _with_province(text: str, start: int, place: PlaceEntry) -> tuple[int, PlaceEntry]:
    """The province written before a place (``Sichuan Zigong``, ``Shandong Laiwu``) joins the mention when it
    is the place's own."""
    m = re.search(rf"(?<![\w'’-])({_WORD}(?:\s+Province)?)\s+$", text[max(0, start - 40) : start])
    if m is None:
        return start, place
    above = [p for p in _place_index().get(_key(m.group(1)), ()) if p.kind in {"province", "autonomous_region"}]
    if any(p.code[:2] == place.code[:2] for p in above) and place.kind not in {"province", "autonomous_region"}:
        return start - len(m.group()), place
    return start, place


def _place_of(
    words: list[str],
    templates: Iterable[BankTemplate],
    provinces: set[str],
    mentioned: set[str],
    exact: bool = False,
) -> tuple[PlaceEntry, BankTemplate, str] | None:
    """The place named by the first words of ``words`` (the most of them that name one; all of them with
    ``exact``) of a kind one of ``templates`` allows, the template, and the words as joined."""
    for n in range(len(words), 0, -1) if not exact else (len(words),):
        phrase = " ".join(words[:n])
        candidates = _place_index().get(_key(phrase), ())
        for template in templates:
            fit = [p for p in candidates if p.kind in template.places]
            if fit:
                return _best(fit, provinces, mentioned), template, phrase
    return None


def _best(places: list[PlaceEntry], provinces: set[str], mentioned: set[str]) -> PlaceEntry:
    """Of places sharing a name, the one the article names, else one in a province of its places, else the
    places list's own choice."""
    named = [p for p in places if p.code in mentioned]
    if named:
        return named[0]
    near = [p for p in places if p.code[:2] in provinces]
    return resolve_place((near or places)[0], mentioned | {p.code for p in near})


# ----------------------------------------------------------------- branches
_LOCAL_KINDS = frozenset(
    {"rural_commercial_bank", "rural_cooperative_bank", "rural_credit_cooperative", "village_bank"}
)
_PLACE_LEVEL: dict[str, BranchLevel] = {
    "province": "provincial_branch",
    "autonomous_region": "provincial_branch",
    "municipality": "provincial_branch",
    "city": "city_branch",
    "prefecture": "city_branch",
    "county": "county_sub_branch",
    "county_city": "county_sub_branch",
    "district": "county_sub_branch",
}


def _add_branch(article: Article, bank: Bank, at: tuple[int, int, str, str], mentioned: set[str], whole: bool) -> None:
    start, end, where, unit = at
    found = _branch(bank, where, unit, mentioned, whole)
    if found is None:
        return
    branch, used = found
    words = list(re.finditer(r"\S+", where))
    if used and len(words) >= used:
        start += words[len(words) - used].start()
    known = next((b for b in bank.branches if _key(b.name) == _key(branch.name)), None)
    if known is None:
        bank.branches.append(branch)
        known = branch
    if all(m.start != start for m in known.mentions):
        known.mentions.append(mention(article, start, end, article.clean[start:end]))


def _branches_at(text: str, start: int, end: int) -> list[tuple[tuple[int, int, str, str], bool]]:
    """The branches named right after a bank's mention (``... Chenzhou Branch``, ``...'s Jilin branch``: every
    word between is the branch's) or right before it (``the Hebei branch of ...``): (start, end, where,
    unit), and whether all the words before the unit must name it."""
    out = []
    after = _AFTER.match(text[end : end + 80])
    if after:
        where = after.group("where")
        out.append(((end + after.start("where"), end + after.end(), where, after.group("unit")), True))
    before_text = text[max(0, start - 80) : start]
    before = _BEFORE.search(before_text)
    if before:
        base = start - len(before_text)
        span = (base + before.start("where"), base + before.end("unit"), before.group("where"), before.group("unit"))
        out.append((span, False))
    return out


def _branch(bank: Bank, where: str, unit: str, mentioned: set[str], whole: bool) -> tuple[Branch, int] | None:
    """A branch from the words before its unit word: the most of them that name a place, else the
    capitalised ones (``Yamaguchi Branch``: a town's name as translated); None where no word names it, or,
    with ``whole``, where a word before the unit is none of its name (``... and the Lanzhou Branch``). With
    the branch, how many of the words name it."""
    unit = " ".join(w if w.isupper() else w[:1].upper() + w[1:] for w in unit.split())
    words = where.split()
    if unit in {"Head Office", "Headquarters"}:
        return (Branch("Head Office", "head_office", None), 0) if not words else None
    for n in range(min(3, len(words)), 0, -1):
        phrase = " ".join(words[-n:])
        candidates = _place_index().get(_key(phrase), ())
        if candidates and words[-n].lower() not in _NOT_A_BRANCH_NAME:
            if whole and n != len(words):
                return None
            # a bank's branch named after a province or a city that share a name is the province's
            # ("Jilin Branch"), unless the name says the city's ("Jilin City Branch")
            place = max(candidates, key=lambda p: (gazetteer.place_level(p.kind), p.code in mentioned))
            return Branch(f"{_capitalised(phrase)} {unit}", _level(bank, unit, place), place.name), n
    named: list[str] = []
    for word in reversed(words):
        if not word[:1].isupper() or word.lower() in _NOT_A_BRANCH_NAME or len(named) == 2:
            break
        named.insert(0, word)
    if not named or (whole and len(named) != len(words)):
        return None
    return Branch(f"{' '.join(named)} {unit}", _level(bank, unit, None), None), len(named)


def _capitalised(phrase: str) -> str:
    return " ".join(w[:1].upper() + w[1:] if w.islower() else w for w in phrase.split())


def _level(bank: Bank, unit: str, place: PlaceEntry | None) -> BranchLevel | None:
    lowered = unit.lower()
    if bank.kind in _LOCAL_KINDS or "credit cooperative" in lowered or "savings office" in lowered:
        return "outlet"  # a county bank's branches are its outlets (支行, 分理处, 信用社)
    if lowered.startswith("provincial"):
        return "provincial_branch"
    if "central" in lowered or lowered.startswith(("municipal", "city")):
        return "city_branch"  # the central bank's central sub-branch (中心支行) stands in a prefecture city
    if lowered.startswith(("county", "district")):
        return "county_sub_branch"
    if place is not None:
        return _PLACE_LEVEL.get(place.kind)
    if "sub" in lowered:
        return "county_sub_branch"
    return None
