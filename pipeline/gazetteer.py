"""Gazetteers built from maintained data in ``models/``: places, organisations, titles, pinyin.

Loaded once per process (cached) and shared by the capitals repair and the
entity tagger. ``MTCLEAN_MODELS`` points to another folder with the same files.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, TypeVar, get_args

from .core.tokens import Token, tokenize
from .errors import ModelError

# The kinds each file's card (models/PLACES.md, models/ORGANIZATIONS.md) allows; an entry of another kind is
# refused when its file is loaded.
PlaceKind = Literal[
    "province", "autonomous_region", "municipality", "sar", "city", "prefecture", "district", "county", "county_city"
]
OrgKind = Literal[
    "policy_bank",
    "state_bank",
    "joint_stock_bank",
    "central_bank",
    "city_commercial_bank",
    "rural_commercial_bank",
    "rural_cooperative_bank",
    "rural_credit_cooperative",
    "provincial_credit_union",
    "village_bank",
    "asset_management_company",
    "insurer",
    "securities_firm",
    "regulator",
    "ministry",
    "commission",
    "administration",
    "party_body",
    "state_body",
    "court",
    "other",
]
TemplateKind = Literal[
    "party_committee",
    "government",
    "congress",
    "congress_standing_committee",
    "cppcc_committee",
    "discipline_commission",
    "supervisory_commission",
    "department",
    "court",
    "procuratorate",
]
TemplateLevel = Literal["province", "autonomous_region", "city", "county", "district"]
TitleKind = Literal["party", "state", "generic", "court", "academic", "enterprise", "military"]
TitleLevel = Literal["national", "provincial", "municipal", "county", "township", "village", "any"]


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    """An administrative division of ``places.json`` (``models/PLACES.md``)."""

    name: str  # "Jiulongpo District", "Shenyang"
    kind: PlaceKind
    code: str  # the 6-digit MCA code: the one unambiguous key
    parent: str | None  # the parent entry's name
    parent_code: str | None
    zh: str
    generic: str  # the English generic ("District", "City")
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OrgEntry:
    """A curated organisation of ``organizations.json`` (``models/ORGANIZATIONS.md``); the maintainers'
    ``source``, ``website`` and ``note`` are left in the file."""

    name: str  # the canonical English name
    kind: OrgKind
    zh: str
    aliases: tuple[str, ...]  # variants that may be rewritten to ``name``
    ambiguous_aliases: tuple[str, ...] = ()  # right only in context
    mt_forms: tuple[str, ...] = ()  # machine translation's renderings: matched as this body, never written
    former_names: tuple[str, ...] = ()
    tier: str | None = None
    parent: str | None = None  # the managing body of a ministry-managed bureau
    status: str | None = None  # "defunct"
    successor: str | None = None
    until: int | None = None


@dataclass(frozen=True, slots=True)
class OrgTemplate:
    """A local body's name with a ``{place}`` slot (``{place} Provincial Party Committee``)."""

    pattern: str
    kind: TemplateKind
    level: TemplateLevel
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BankTemplate:
    """A local bank's name from its shape: ``{place} Rural Commercial Bank`` for a place of ``places``'
    kinds, written with one of ``suffixes`` after the place (or ``prefixes`` before it: ``Bank of {place}``);
    ``full``: the place under its full name (``Leishan County``), else its bare one (``Leishan``)."""

    pattern: str
    kind: OrgKind
    places: tuple[PlaceKind, ...]
    suffixes: tuple[str, ...]
    prefixes: tuple[str, ...] = ()
    full: bool = False

    def name(self, place: PlaceEntry) -> str:
        return self.pattern.replace("{place}", place.name if self.full else bare_name(place))


@dataclass(frozen=True, slots=True)
class TitleEntry:
    """An official title of ``titles.json``, as written directly before a name."""

    title: str
    zh: str
    level: TitleLevel
    kind: TitleKind
    variants: tuple[str, ...]  # wordings that may be rewritten to ``title``
    ambiguous_variants: tuple[str, ...] = ()
    also_capitalise: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Surname:
    """A surname of ``pinyin.json`` (single or compound): its pinyin and, where the file gives it, its
    characters."""

    pinyin: str
    zh: str | None = None


@dataclass(frozen=True, slots=True)
class PinyinTable:
    """What mtclean reads of ``pinyin.json``."""

    syllables: tuple[str, ...]
    surnames: tuple[Surname, ...]
    compound_surnames: tuple[Surname, ...]


PLACE_GENERICS = (
    "Province",
    "City",
    "District",
    "County",
    "Autonomous Region",
    "Municipality",
    "Prefecture",
    "Autonomous Prefecture",
    "Town",
    "Township",
    "Village",
    "Street",
    "Sub-district",
    "New Area",
    "Banner",
    "League",
)
CITY_OR_ABOVE: frozenset[PlaceKind] = frozenset(
    {"province", "autonomous_region", "municipality", "sar", "city", "prefecture"}
)
# Kinds whose bare one-word name is matched on its own (districts and counties need their generic).
BARE_NAME_KINDS: frozenset[PlaceKind] = CITY_OR_ABOVE | {"county_city"}
# The level of each kind of place, from the smallest: the one rank table (which of two places sharing a
# name is meant, which place of a sentence is the most specific).
PLACE_LEVEL = {
    "community": 0,
    "village": 0,
    "street": 0,
    "township": 0,
    "district": 1,
    "county": 1,
    "county_city": 2,
    "city": 3,
    "prefecture": 3,
    "municipality": 4,
    "province": 5,
    "autonomous_region": 5,
    "sar": 5,
}


def place_level(kind: str, unknown: int = -1) -> int:
    """The level of a kind of place (``unknown`` for a kind the table does not list)."""
    return PLACE_LEVEL.get(kind, unknown)


def models_dir() -> Path:
    """The gazetteer folder: ``$MTCLEAN_MODELS``; else the copy installed inside the package
    (``pipeline/models/``, from a wheel); else the source checkout's top-level ``models/``
    (an editable install, so edits there count without reinstalling)."""
    env = os.environ.get("MTCLEAN_MODELS")
    if env:
        return Path(env)
    packaged = resources.files(__package__).joinpath("models")
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / "models"
    if checkout.is_dir():
        return checkout
    raise ModelError(
        "no gazetteer folder (models/) in the installed package or the source checkout; "
        "reinstall mtclean or set MTCLEAN_MODELS to a folder holding places.json"
    )


def _load(name: str) -> Any:
    path = models_dir() / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ModelError(
            f"gazetteer missing ({exc.strerror}); reinstall mtclean or set MTCLEAN_MODELS", str(path)
        ) from None


_Entry = TypeVar("_Entry")
_Choice = TypeVar("_Choice", bound=str)


def _entries(
    name: str, data: Any, key: str, build: Callable[[Any], _Entry], optional: bool = False
) -> tuple[_Entry, ...]:
    """The entries of list ``key`` of gazetteer file ``name`` (loaded as ``data``), each built once; a malformed
    one is refused with its position (a key missing, a value of the wrong type, a kind its card does not list)."""
    where = key
    try:
        rows = [] if optional and isinstance(data, dict) and key not in data else _field(data, key, list)
        out = []
        for i, row in enumerate(rows):
            where = f"{key}[{i}]"
            out.append(build(row))
        return tuple(out)
    except (KeyError, TypeError, ValueError) as exc:
        detail = f"no {exc}" if isinstance(exc, KeyError) else str(exc)
        raise ModelError(
            f"gazetteer entry {where} is malformed ({detail}); see the file's card in models/",
            str(models_dir() / name),
        ) from None


def _object(row: Any) -> dict[str, Any]:
    if not isinstance(row, dict):
        raise TypeError(f"{row!r} is not an object")
    return row


def _field(row: Any, key: str, kind: type[Any]) -> Any:
    value = _object(row)[key]
    if not isinstance(value, kind):
        raise TypeError(f"{key} {value!r} is not a {kind.__name__}")
    return value


def _text(row: dict[str, Any], key: str) -> str:
    return str(_field(row, key, str))


def _maybe_text(row: dict[str, Any], key: str) -> str | None:
    return None if row.get(key) is None else _text(row, key)


def _texts(row: dict[str, Any], key: str, optional: bool = False) -> tuple[str, ...]:
    values = _field(row, key, list) if key in row or not optional else []
    if not all(isinstance(v, str) for v in values):
        raise TypeError(f"{key} holds a value that is not a string")
    return tuple(values)


def _one_of(row: dict[str, Any], key: str, choices: tuple[_Choice, ...]) -> _Choice:
    value = row[key]
    for choice in choices:
        if value == choice:
            return choice
    raise ValueError(f"{key} {value!r} is none of {', '.join(choices)}")


_PLACE_KINDS: tuple[PlaceKind, ...] = get_args(PlaceKind)
_ORG_KINDS: tuple[OrgKind, ...] = get_args(OrgKind)
_TEMPLATE_KINDS: tuple[TemplateKind, ...] = get_args(TemplateKind)
_TEMPLATE_LEVELS: tuple[TemplateLevel, ...] = get_args(TemplateLevel)
_TITLE_KINDS: tuple[TitleKind, ...] = get_args(TitleKind)
_TITLE_LEVELS: tuple[TitleLevel, ...] = get_args(TitleLevel)


def _place(row: Any) -> PlaceEntry:
    row = _object(row)
    return PlaceEntry(
        name=_text(row, "name"),
        kind=_one_of(row, "kind", _PLACE_KINDS),
        code=_text(row, "code"),
        parent=_maybe_text(row, "parent"),
        parent_code=_maybe_text(row, "parent_code"),
        zh=_text(row, "zh"),
        generic=_text(row, "generic"),
        aliases=_texts(row, "aliases"),
    )


def _organization(row: Any) -> OrgEntry:
    row = _object(row)
    until = row.get("until")
    if until is not None and (not isinstance(until, int) or isinstance(until, bool)):
        raise TypeError(f"until {until!r} is not a year")
    return OrgEntry(
        name=_text(row, "name"),
        kind=_one_of(row, "kind", _ORG_KINDS),
        zh=_text(row, "zh"),
        aliases=_texts(row, "aliases"),
        ambiguous_aliases=_texts(row, "ambiguous_aliases", optional=True),
        mt_forms=_texts(row, "mt_forms", optional=True),
        former_names=_texts(row, "former_names", optional=True),
        tier=_maybe_text(row, "tier"),
        parent=_maybe_text(row, "parent"),
        status=_maybe_text(row, "status"),
        successor=_maybe_text(row, "successor"),
        until=until,
    )


def _template(row: Any) -> OrgTemplate:
    row = _object(row)
    return OrgTemplate(
        pattern=_text(row, "pattern"),
        kind=_one_of(row, "kind", _TEMPLATE_KINDS),
        level=_one_of(row, "level", _TEMPLATE_LEVELS),
        aliases=_texts(row, "aliases"),
    )


def _bank_template(row: Any) -> BankTemplate:
    row = _object(row)
    full = row.get("full", False)
    if not isinstance(full, bool):
        raise TypeError(f"full {full!r} is not true or false")
    kinds = _texts(row, "places")
    return BankTemplate(
        pattern=_text(row, "pattern"),
        kind=_one_of(row, "kind", _ORG_KINDS),
        places=tuple(_one_of({"places": k}, "places", _PLACE_KINDS) for k in kinds),
        suffixes=_texts(row, "suffixes"),
        prefixes=_texts(row, "prefixes", optional=True),
        full=full,
    )


def _title(row: Any) -> TitleEntry:
    row = _object(row)
    return TitleEntry(
        title=_text(row, "title"),
        zh=_text(row, "zh"),
        level=_one_of(row, "level", _TITLE_LEVELS),
        kind=_one_of(row, "kind", _TITLE_KINDS),
        variants=_texts(row, "variants"),
        ambiguous_variants=_texts(row, "ambiguous_variants", optional=True),
        also_capitalise=_texts(row, "also_capitalise", optional=True),
    )


def _syllable(row: Any) -> str:
    if not isinstance(row, str):
        raise TypeError(f"{row!r} is not a string")
    return row


def _surname(row: Any) -> Surname:
    if isinstance(row, str):  # a compound surname may be written as its pinyin alone
        return Surname(row)
    return Surname(_text(row, "pinyin"), _maybe_text(row, "zh"))


@lru_cache(maxsize=1)
def places() -> tuple[PlaceEntry, ...]:
    return _entries("places.json", _load("places.json"), "places", _place)


@lru_cache(maxsize=1)
def _places_by_code() -> dict[str, PlaceEntry]:
    return {p.code: p for p in places()}


def has_code(code: str) -> bool:
    return code in _places_by_code()


def place_by_code(code: str) -> PlaceEntry:
    return _places_by_code()[code]


@lru_cache(maxsize=1)
def _places_by_name() -> dict[str, list[PlaceEntry]]:
    out: dict[str, list[PlaceEntry]] = {}
    for p in places():
        out.setdefault(p.name, []).append(p)
        out.setdefault(bare_name(p), []).append(p) if bare_name(p) != p.name else None
    return out


def places_named(name: str) -> list[PlaceEntry]:
    return [p for p in _places_by_name().get(name, []) if p.name == name]


def bare_name(place: PlaceEntry) -> str:
    """``Jiulongpo District`` -> ``Jiulongpo``; ``Shenyang`` stays."""
    generic = place.generic
    name = place.name
    if generic and name.endswith(" " + generic):
        return name[: -len(generic) - 1]
    return name


def organizations() -> tuple[OrgEntry, ...]:
    """The curated organisations of ``organizations.json``."""
    return _organizations_file()[0]


def org_templates() -> tuple[OrgTemplate, ...]:
    """The local-body templates of ``organizations.json`` (none where the file has no ``templates``)."""
    return _organizations_file()[1]


def bank_templates() -> tuple[BankTemplate, ...]:
    """The local banks' shapes of ``organizations.json`` (none where the file has no ``bank_templates``)."""
    return _organizations_file()[2]


@lru_cache(maxsize=1)
def _organizations_file() -> tuple[tuple[OrgEntry, ...], tuple[OrgTemplate, ...], tuple[BankTemplate, ...]]:
    data = _load("organizations.json")
    return (
        _entries("organizations.json", data, "organizations", _organization),
        _entries("organizations.json", data, "templates", _template, optional=True),
        _entries("organizations.json", data, "bank_templates", _bank_template, optional=True),
    )


@lru_cache(maxsize=1)
def titles() -> tuple[TitleEntry, ...]:
    return _entries("titles.json", _load("titles.json"), "titles", _title)


def token_key(text: str) -> tuple[str, ...]:
    """The lowercase tokens of a name or a title: the key every gazetteer table is looked up by (the capitals
    repair and the post reader alike).

    >>> token_key("Vice-Mayor"), token_key("President of the Supreme People's Court")
    (('vice-mayor',), ('president', 'of', 'the', 'supreme', "people's", 'court'))
    """
    return tuple(t.lower for t in tokenize(text))


@lru_cache(maxsize=1)
def title_index() -> dict[tuple[str, ...], TitleEntry]:
    """The one title table: every form of every title (``Vice-Mayor``, ``vice mayor``) to its entry."""
    out: dict[tuple[str, ...], TitleEntry] = {}
    for entry in titles():
        for form in [entry.title, *entry.variants]:
            out.setdefault(token_key(form), entry)
    return out


@lru_cache(maxsize=1)
def pinyin() -> PinyinTable:
    """The syllables and surnames of ``pinyin.json``."""
    data = _load("pinyin.json")
    return PinyinTable(
        syllables=_entries("pinyin.json", data, "syllables", _syllable),
        surnames=_entries("pinyin.json", data, "surnames", _surname),
        compound_surnames=_entries("pinyin.json", data, "compound_surnames", _surname, optional=True),
    )


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    return frozenset(pinyin().syllables)


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    table = pinyin()
    return frozenset(s.pinyin for s in (*table.surnames, *table.compound_surnames))


MAX_PINYIN_PART = 64  # letters: a longer run is no romanised name (and would recurse once a letter)


def split_syllables(word: str) -> list[str] | None:
    """Split a lowercase romanised word into pinyin syllables (fewest syllables), or None.

    >>> split_syllables("Xinjiang"), split_syllables("a" * 5_000)
    (['xin', 'jiang'], None)
    """
    word = word.lower()
    sylls = syllables()
    parts = word.replace("’", "'").split("'")
    out: list[str] = []
    for part in parts:
        if len(part) > MAX_PINYIN_PART:
            return None
        split = _split_part(part, sylls)
        if split is None:
            return None
        out.extend(split)
    return out


@lru_cache(maxsize=50_000)
def _split_part(word: str, sylls: frozenset[str]) -> list[str] | None:
    if not word:
        return []
    best: list[str] | None = None
    for i in range(min(6, len(word)), 0, -1):
        head = word[:i]
        if head in sylls:
            rest = _split_part(word[i:], sylls)
            if rest is not None and (best is None or len(rest) + 1 < len(best)):
                best = [head, *rest]
    return best


def chinese_name_length(toks: list[Token], j: int) -> int:
    """How many tokens from ``j`` form a romanised Chinese name (a surname of the pinyin table and a given
    name of one or two syllables), else 0: the shape the capitals repair and the post reader both read."""
    if j + 1 >= len(toks) or not toks[j].is_word or not toks[j + 1].is_word:
        return 0
    surname, given = toks[j].lower, toks[j + 1].lower
    if surname not in surnames():
        return 0
    sylls = split_syllables(given.replace("-", ""))
    if sylls is None or not 1 <= len(sylls) <= 2:
        return 0
    return 2


@dataclass(frozen=True)
class NameForm:
    """A properly cased multi-word name, and what it is."""

    text: str
    category: str  # place | organization | place_generic
    canonical: str


@lru_cache(maxsize=1)
def name_forms() -> dict[tuple[str, ...], NameForm]:
    """Lowercase token tuples to the properly cased names they should read as."""
    from .core.lexicon import zipf

    forms: dict[tuple[str, ...], NameForm] = {}

    def add(text: str, category: str, canonical: str) -> None:
        key = token_key(text)
        if key and key not in forms:
            forms[key] = NameForm(text, category, canonical)

    for org in organizations():
        for text in [org.name, *org.aliases]:
            if len(text.split()) >= 2 and not text.isupper():
                add(text, "organization", org.name)
    for place in places():
        names = [place.name, *place.aliases]
        for text in names:
            words = text.split()
            if len(words) >= 2:
                add(text, "place", place.name)
            elif place.kind in CITY_OR_ABOVE and safe_bare_name(text, zipf):
                add(text, "place", place.name)
    return forms


def safe_bare_name(name: str, zipf: Any) -> bool:
    """A one-word place name stands on its own only when it cannot be an English word.

    Pinyin names need two syllables (``Hefei``, not ``Li``); exonyms (``Ordos``,
    ``Hohhot``) must be rare as English words.
    """
    lower = name.lower()
    sylls = split_syllables(lower.replace("'", ""))
    if len(lower) < 4 or _english(lower, zipf):
        return False
    return sylls is None or len(sylls) >= 2


def _english(word: str, zipf: Any) -> bool:
    return zipf(word) >= 3.0 and word not in _FREQUENT_PLACES


# wordfreq is case-folded: these frequent pinyin words are still names, never English words.
_FREQUENT_PLACES = frozenset(
    "beijing shanghai guangzhou shenzhen tianjin chongqing wuhan nanjing hangzhou chengdu xian "
    "shenyang dalian harbin changchun jinan qingdao zhengzhou changsha nanchang fuzhou xiamen kunming "
    "guiyang nanning haikou lanzhou xining yinchuan urumqi hohhot lhasa taiyuan shijiazhuang hefei "
    "liaoning zhejiang jiangsu guangdong fujian shandong hunan hubei henan hebei shanxi shaanxi anhui "
    "jiangxi sichuan yunnan guizhou gansu qinghai hainan heilongjiang jilin xinjiang ningxia guangxi "
    "suzhou wuxi ningbo dongguan foshan zhuhai wenzhou".split()
)


@lru_cache(maxsize=1)
def _templates_by_suffix() -> dict[str, OrgTemplate]:
    out: dict[str, OrgTemplate] = {}
    for template in org_templates():
        for form in [template.pattern, *template.aliases]:
            if form.startswith("{place} ") and "{" not in form[8:]:
                out.setdefault(" ".join(form[8:].lower().split()), template)
    return out


def template_for_suffix(suffix: str) -> OrgTemplate | None:
    """The local-body template a suffix belongs to (``municipal party committee``)."""
    return _templates_by_suffix().get(" ".join(suffix.lower().split()))


_TEMPLATE_LEVEL_WORD = re.compile(r"^\{place\} (Provincial|Municipal|County|District|Autonomous Regional|Regional) ")


# The level of a place's bodies in the templates, by the place's kind: a prefecture's and a county-level
# city's are "Municipal" ones, a municipality's too.
TEMPLATE_LEVEL_OF: dict[str, TemplateLevel] = {
    "province": "province",
    "autonomous_region": "autonomous_region",
    "municipality": "city",
    "city": "city",
    "prefecture": "city",
    "county_city": "city",
    "county": "county",
    "district": "district",
}


def body_of_place(kind: TemplateKind, place: PlaceEntry) -> str | None:
    """A place's body of one kind: ``party_committee`` of Yunyang County -> ``Yunyang County Party
    Committee``, ``government`` of Hebei -> ``Hebei Provincial People's Government``; None for a town."""
    level = TEMPLATE_LEVEL_OF.get(place.kind)
    template = next((t for t in org_templates() if t.kind == kind and t.level == level), None)
    return local_body_name(template, place) if template else None


def local_body_name(template: OrgTemplate, place: PlaceEntry) -> str:
    """A template's body for a place: ``{place} County Party Committee`` of Jingtai County is the Jingtai
    County Party Committee; an autonomous prefecture's or county's bodies keep its whole name, without the
    template's level word (州委 of Xiangxi: the Xiangxi Tujia and Miao Autonomous Prefecture Party
    Committee, not a "Municipal" one).

    >>> t = OrgTemplate("{place} Municipal Party Committee", "party_committee", "city", ())
    >>> xiangxi = PlaceEntry("Xiangxi Tujia and Miao Autonomous Prefecture", "prefecture", "433100", "Hunan",
    ...                      "430000", "湘西", "Autonomous Prefecture", ())
    >>> local_body_name(t, xiangxi)
    'Xiangxi Tujia and Miao Autonomous Prefecture Party Committee'
    """
    level = _TEMPLATE_LEVEL_WORD.match(template.pattern)
    if level and place.generic and place.generic not in _GENERICS_OF_LEVEL.get(level.group(1), ()):
        # "Binhai New Area", "Xiangxi Tujia and Miao Autonomous Prefecture", "Aksu Prefecture": the place's
        # whole name before the body's ("Binhai New Area People's Government")
        return f"{place.name} {template.pattern[level.end() :]}"
    return template.pattern.replace("{place}", bare_name(place))


# The place generics a template's level word stands for ("Jingtai County" -> "Jingtai County Party Committee").
_GENERICS_OF_LEVEL = {
    "Provincial": ("Province",),
    "Municipal": ("City", "Municipality"),
    "County": ("County",),
    "District": ("District",),
    "Autonomous Regional": ("Autonomous Region",),
    "Regional": ("Autonomous Region",),
}
