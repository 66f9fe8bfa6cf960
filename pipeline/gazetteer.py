"""Gazetteers built from maintained data in ``models/``: places, organisations, titles, pinyin.

Loaded once per process (cached) and shared by the capitals repair and the
entity tagger. ``MTCLEAN_MODELS`` points to another folder with the same files.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .core.tokens import Token, tokenize
from .errors import ModelError

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
CITY_OR_ABOVE = frozenset({"province", "autonomous_region", "municipality", "sar", "city", "prefecture"})
# Kinds whose bare one-word name is matched on its own (districts and counties need their generic).
BARE_NAME_KINDS = CITY_OR_ABOVE | {"county_city"}
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


@lru_cache(maxsize=1)
def places() -> list[dict[str, Any]]:
    return list(_load("places.json")["places"])


@lru_cache(maxsize=1)
def _places_by_code() -> dict[str, dict[str, Any]]:
    return {p["code"]: p for p in places()}


def has_code(code: str) -> bool:
    return code in _places_by_code()


def place_by_code(code: str) -> dict[str, Any]:
    return _places_by_code()[code]


@lru_cache(maxsize=1)
def _places_by_name() -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for p in places():
        out.setdefault(p["name"], []).append(p)
        out.setdefault(bare_name(p), []).append(p) if bare_name(p) != p["name"] else None
    return out


def places_named(name: str) -> list[dict[str, Any]]:
    return [p for p in _places_by_name().get(name, []) if p["name"] == name]


def bare_name(place: dict[str, Any]) -> str:
    """``Jiulongpo District`` -> ``Jiulongpo``; ``Shenyang`` stays."""
    generic = place.get("generic") or ""
    name = place["name"]
    if generic and name.endswith(" " + generic):
        return name[: -len(generic) - 1]
    return name


@lru_cache(maxsize=1)
def organizations() -> dict[str, Any]:
    return dict(_load("organizations.json"))


@lru_cache(maxsize=1)
def titles() -> list[dict[str, Any]]:
    return list(_load("titles.json")["titles"])


def token_key(text: str) -> tuple[str, ...]:
    """The lowercase tokens of a name or a title: the key every gazetteer table is looked up by (the capitals
    repair and the post reader alike).

    >>> token_key("Vice-Mayor"), token_key("President of the Supreme People's Court")
    (('vice-mayor',), ('president', 'of', 'the', 'supreme', "people's", 'court'))
    """
    return tuple(t.lower for t in tokenize(text))


@lru_cache(maxsize=1)
def title_index() -> dict[tuple[str, ...], dict[str, Any]]:
    """The one title table: every form of every title (``Vice-Mayor``, ``vice mayor``) to its entry."""
    out: dict[tuple[str, ...], dict[str, Any]] = {}
    for entry in titles():
        for form in [entry["title"], *entry.get("variants", [])]:
            out.setdefault(token_key(form), entry)
    return out


@lru_cache(maxsize=1)
def pinyin() -> dict[str, Any]:
    return dict(_load("pinyin.json"))


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    return frozenset(pinyin()["syllables"])


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    data = pinyin()
    single = {s["pinyin"] for s in data["surnames"]}
    compound = {s["pinyin"] if isinstance(s, dict) else s for s in data.get("compound_surnames", [])}
    return frozenset(single | compound)


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

    for org in organizations()["organizations"]:
        for text in [org["name"], *org.get("aliases", [])]:
            if len(text.split()) >= 2 and not text.isupper():
                add(text, "organization", org["name"])
    for place in places():
        names = [place["name"], *place.get("aliases", [])]
        for text in names:
            words = text.split()
            if len(words) >= 2:
                add(text, "place", place["name"])
            elif place["kind"] in CITY_OR_ABOVE and safe_bare_name(text, zipf):
                add(text, "place", place["name"])
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
def _templates_by_suffix() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for template in organizations().get("templates", []):
        for form in [template["pattern"], *template.get("aliases", [])]:
            if form.startswith("{place} ") and "{" not in form[8:]:
                out.setdefault(" ".join(form[8:].lower().split()), template)
    return out


def template_for_suffix(suffix: str) -> dict[str, Any] | None:
    """The local-body template a suffix belongs to (``municipal party committee``)."""
    return _templates_by_suffix().get(" ".join(suffix.lower().split()))


def local_body_name(template: dict[str, Any], place: dict[str, Any]) -> str:
    return template["pattern"].replace("{place}", bare_name(place))
