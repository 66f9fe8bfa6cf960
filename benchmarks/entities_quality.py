"""Entity quality: precision and recall per category against expected entities.

    python benchmarks/entities_quality.py [--shared ../shared] [--only web] [--only web-b-odd] [--misses] [--headlines]

Data: first the 40 real machine-translated pages of ../shared/eval/web/ and the 48 of
../shared/eval/web-b/ in its two halves by file number (``web-b-even``, developed on, and
``web-b-odd``, measured before its misses are read: the figure that says whether a rule carries over)
(expected files by human editors; places of county level and up; metadata: title, published and source_name where the
editors give one), then the sample article against its gold file, the hand-written dev set in
corpus/dev/ (NNN_*.txt with NNN_*.expected.json) and the held-out set in
corpus/heldout/ (written apart from the code; measured, never tuned on). An official counts when the
name (or a listed variant) matches; a post when title and organisation both match (the Party secretary
of a Party committee and its secretary are one post, and so are the secretary of the Party group of
a body and the secretary of its Party Group);
a place when name (or the canonical name the expected file gives), kind and parent all match; banks
and organisations by canonical name (a gold name written as one of the curated aliases counts). The
notes give, per set, how many articles get a headline (``--headlines`` lists them).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import Models, Settings, gazetteer, load, process  # noqa: E402

CATEGORIES = ("officials", "posts", "places", "banks", "organizations")
# Places of county level and up, the divisions the gazetteer holds; the rest (towns, villages, streets, a
# hamlet the expected file calls "other") are left out on both sides: the gazetteer stops at the county.
COUNTY_AND_UP = frozenset(
    {"province", "autonomous_region", "municipality", "sar", "city", "prefecture", "county", "county_city", "district"}
)


def _norm(text: str | None) -> str | None:
    return None if text is None else " ".join(text.lower().replace("’", "'").split())


def canonical_org(name: str) -> str:
    """A gold organisation name mapped to the curated canonical name when it is a known alias."""
    key = _norm(name)
    for org in gazetteer.organizations():
        if key in {_norm(x) for x in [org.name, *org.aliases]}:
            return _norm(org.name) or ""
    return key or ""


# One post, two ways of writing it: the secretary of the X Party Committee is its Party secretary.
_PARTY_SECRETARY = frozenset({"party secretary", "party committee secretary", "secretary of the party committee"})


def _post_key(title: str, org: str | None) -> tuple[str | None, str | None]:
    key = _org_key(org)
    t = _norm(title)
    if t in _PARTY_SECRETARY and key and key.endswith("party committee"):
        t = "secretary"
    # the secretary of the Party group of a body, written either way round
    if key and key.startswith("party group of the ") and t:
        role = t.removesuffix(" of the party group")
        if role in {"secretary", "deputy secretary", "member"}:
            t, key = f"{role} of the party group", key[19:]
    return t, key


# A people's government is its place's executive body: "governor of Liaoning" and "governor of the Liaoning
# Provincial People's Government" are one post (the expected files write either).
_GOVERNMENT = re.compile(r"^(.+?)(?: (?:Provincial|Municipal|City|Autonomous Regional))? People's Government$")


def _org_key(name: str | None) -> str | None:
    if name is None:
        return None
    government = _GOVERNMENT.match(name.replace("’", "'"))
    name = government.group(1) if government else name
    places = {_norm(p.name) for p in gazetteer.places_named(name)}
    return _norm(name) if _norm(name) in places else canonical_org(name)


def _canonical_places(expected: dict[str, Any]) -> dict[str | None, str | None]:
    """The expected file's name for a place, keyed by the canonical name it gives beside the article's
    spelling (``Shenxian County``, canonical ``Shen County``): either is the place."""
    return {_norm(p["canonical"]): _norm(p["name"]) for p in expected.get("places", []) if p.get("canonical")}


def _place_keys(
    places: list[dict[str, Any]], names: dict[str | None, str | None] | None = None
) -> set[tuple[str | None, str, str | None]]:
    """(name, kind, parent) of the places of county level and up; ``names`` maps a name to the one scored."""
    names = names or {}
    return {
        (names.get(_norm(p["name"]), _norm(p["name"])), p["kind"], _norm(p.get("parent")))
        for p in places
        if p["kind"] in COUNTY_AND_UP
    }


def score(pred: dict[str, Any], expected: dict[str, Any]) -> Counter:
    """Counts of true positives, predictions and gold items per category.

    ``pred`` is the entities in their JSON form (``article.to_dict()["entities"]``); an
    :class:`~pipeline.article.Entities` is taken too and read in that form."""
    if is_dataclass(pred):
        pred = asdict(pred)  # type: ignore[arg-type]
    c: Counter = Counter()
    gold_off = {_norm(o["name"]): o for o in expected.get("officials", [])}
    alias = {_norm(v): _norm(o["name"]) for o in expected.get("officials", []) for v in o.get("variants", [])}
    matched = set()
    for o in pred["officials"]:
        names = [_norm(o["name"]), *(_norm(v) for v in o.get("variants", []))]
        key = next((alias.get(n, n) for n in names if alias.get(n, n) in gold_off), None)
        c["officials_pred"] += 1
        if key and key not in matched:
            matched.add(key)
            c["officials_tp"] += 1
            want = {_post_key(t, org) for t, org in gold_off[key]["roles"]}
            got = {_post_key(r["title"], r["organization"]) for r in o["roles"]}
            c["posts_tp"] += len(want & got)
        c["posts_pred"] += len(o["roles"])
    c["officials_gold"] = len(gold_off)
    c["posts_gold"] = sum(len(o["roles"]) for o in gold_off.values())
    not_officials = {_norm(n) for n in expected.get("not_officials", [])}
    c["credited_as_official"] = sum(_norm(o["name"]) in not_officials for o in pred["officials"])
    gold_places = _place_keys(expected.get("places", []))
    got_places = _place_keys(pred["places"], _canonical_places(expected))
    c["places_tp"], c["places_pred"], c["places_gold"] = (
        len(gold_places & got_places),
        len(got_places),
        len(gold_places),
    )
    gold_banks = {canonical_org(b["name"]) for b in expected.get("banks", [])}
    got_banks = [_norm(b["name"]) for b in pred["banks"]]
    c["banks_tp"], c["banks_pred"], c["banks_gold"] = len(gold_banks & set(got_banks)), len(got_banks), len(gold_banks)
    c["banks_duplicated"] = len(got_banks) - len(set(got_banks))
    gold_orgs = {canonical_org(o) for o in expected.get("organizations", [])}
    got_orgs = {_norm(o["name"]) for o in pred["organizations"]}
    c["organizations_tp"], c["organizations_pred"], c["organizations_gold"] = (
        len(gold_orgs & got_orgs),
        len(got_orgs),
        len(gold_orgs),
    )
    return c


METADATA = ("title", "published", "source_name")


def score_metadata(article: Any, expected: dict[str, Any]) -> Counter:
    """Metadata fields right, of those the expected file gives (not null)."""
    c: Counter = Counter()
    for key in METADATA:
        want = expected.get("metadata", {}).get(key)
        if want is not None:
            c[f"{key}_gold"] += 1
            c[f"{key}_tp"] += _norm(str(getattr(article.metadata, key) or "")) == _norm(str(want))
    return c


def misses(pred: dict[str, Any], expected: dict[str, Any]) -> list[str]:
    """What an article's expected file lists that the prediction lacks (officials, posts, organisations), and
    the posts and organisations it has that the expected file does not (``extra``)."""
    got = {_norm(o["name"]): o for o in pred["officials"]}
    out = []
    for o in expected.get("officials", []):
        mine = next((got[n] for n in [_norm(o["name"]), *map(_norm, o.get("variants", []))] if n in got), None)
        if mine is None:
            out.append(f"official {o['name']}")
            continue
        have = {_post_key(r["title"], r["organization"]) for r in mine["roles"]}
        for t, org in o["roles"]:
            if _post_key(t, org) not in have:
                out.append(
                    f"post {o['name']}: {t} / {org} (ours: {[(r['title'], r['organization']) for r in mine['roles']]})"
                )
        want = {_post_key(t, org) for t, org in o["roles"]}
        out += [
            f"extra post {o['name']}: {r['title']} / {r['organization']}"
            for r in mine["roles"]
            if _post_key(r["title"], r["organization"]) not in want
        ]
    gold_places = _place_keys(expected.get("places", []))
    got_places = _place_keys(pred["places"], _canonical_places(expected))
    out += [f"place {p}" for p in sorted(gold_places - got_places, key=str)]
    out += [f"extra place {p}" for p in sorted(got_places - gold_places, key=str)]
    orgs = {_norm(x["name"]) for x in pred["organizations"]}
    out += [f"organisation {o}" for o in expected.get("organizations", []) if canonical_org(o) not in orgs]
    gold_orgs = {canonical_org(o) for o in expected.get("organizations", [])}
    out += [f"extra organisation {x['name']}" for x in pred["organizations"] if _norm(x["name"]) not in gold_orgs]
    return out


# The kinds of page of eval/web-b by their file numbers (its README): the figure per kind says which
# structures carry over and which do not.
PAGE_KINDS = (
    (100, 211, "banks and finance"),
    (300, 311, "discipline and courts"),
    (400, 411, "appointments and congresses"),
    (500, 511, "economy and industry"),
    (600, 611, "local governance"),
)


def page_kind(path: Path) -> str:
    number = int(path.name[:3]) if path.name[:3].isdigit() else -1
    return next((kind for low, high, kind in PAGE_KINDS if low <= number <= high), "other")


def load_sets(shared: Path) -> dict[str, list[tuple[Path, dict[str, Any]]]]:
    sets: dict[str, list[tuple[Path, dict[str, Any]]]] = {}
    for name, folder, parity in (("web", "web", None), ("web-b-even", "web-b", 0), ("web-b-odd", "web-b", 1)):
        pages = shared / "eval" / folder
        sets[name] = [
            (pages / data["article"], data)
            for exp in sorted(pages.glob("*.expected.json"))
            if parity is None or int(exp.name[:3]) % 2 == parity
            for data in [json.loads(exp.read_text(encoding="utf-8"))]
        ]
    gold = json.loads((shared / "eval" / "seed" / "000_63418d9d2f262613.gold.json").read_text(encoding="utf-8"))
    sample = {**gold["entities"], "officials": gold["entities"]["officials"]}
    sets["sample"] = [(ROOT / "corpus" / "000_63418d9d2f262613.txt", sample)]
    for name in ("dev", "heldout"):  # heldout: measured, never tuned on (see corpus/heldout/README.md)
        items = []
        for exp in sorted((ROOT / "corpus" / name).glob("*.expected.json")):
            data = json.loads(exp.read_text(encoding="utf-8"))
            items.append((exp.parent / data["article"], data))
        sets[name] = items
    return sets


def evaluate(
    items: list[tuple[Path, dict[str, Any]]],
    models: Models,
    settings: Settings,
    missed: list[str] | None = None,
    headlines: list[str] | None = None,
    kinds: dict[str, Counter] | None = None,
) -> tuple[Counter, float]:
    total: Counter = Counter()
    t0 = time.perf_counter()
    for path, expected in items:
        article = process(path, models, settings)
        entities = article.to_dict()["entities"]
        counted = score(entities, expected)
        total += counted + score_metadata(article, expected)
        if kinds is not None:
            kinds[page_kind(path)] += counted
        total["headlines"] += article.summary is not None and article.summary.headline is not None
        if headlines is not None:
            headlines.append(f"  {path.stem}: {article.summary.headline if article.summary else None}")
        if missed is not None:
            missed += [f"  {path.stem} {m}" for m in misses(entities, expected)]
    return total, (time.perf_counter() - t0) / max(1, len(items))


def rows(name: str, c: Counter) -> list[str]:
    out = []
    for cat in CATEGORIES:
        tp, pred, gold = c[f"{cat}_tp"], c[f"{cat}_pred"], c[f"{cat}_gold"]
        p = tp / pred if pred else 1.0
        r = tp / gold if gold else 1.0
        out.append(f"| {name} | {cat} | {gold} | {pred} | {tp} | {p:.1%} | {r:.1%} |")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--only", action="append", help="a set: web, web-b-even, web-b-odd, sample, dev, heldout")
    parser.add_argument("--headlines", action="store_true", help="list each article's headline (or None)")
    parser.add_argument("--by-kind", action="store_true", help="web-b: officials, posts, orgs, banks per kind of page")
    parser.add_argument(
        "--misses",
        action="store_true",
        help="list what the expected files have and we lack, and what we have that they do not",
    )
    args = parser.parse_args()
    settings = Settings(points=0)  # the analysing stages; the key points are not scored here
    models = load(settings)
    print("| set | category | gold | predicted | correct | precision | recall |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    notes: list[str] = []
    missed: list[str] = []
    for name, items in load_sets(args.shared).items():
        if not items or (args.only and name not in args.only):
            continue
        heads: list[str] | None = [] if args.headlines else None
        kinds: dict[str, Counter] | None = {} if args.by_kind and name.startswith("web-b") else None
        if kinds is not None:
            kinds.update({kind: Counter() for _, _, kind in PAGE_KINDS})
        counts, per_article = evaluate(items, models, settings, missed if args.misses else None, heads, kinds)
        for kind, c in (kinds or {}).items():
            recall = ", ".join(
                f"{cat} {c[cat + '_tp']}/{c[cat + '_gold']}"
                for cat in ("officials", "posts", "organizations", "banks", "places")
                if c[cat + "_gold"]
            )
            notes.append(f"{name} {kind}: {recall}")
        if heads:
            missed += [f"{name} headlines:", *heads]
        print("\n".join(rows(f"{name} ({len(items)})", counts)))
        meta = ", ".join(f"{k} {counts[k + '_tp']}/{counts[k + '_gold']}" for k in METADATA if counts[k + "_gold"])
        notes.append(
            f"{name}: credit or resident names listed as officials: {counts['credited_as_official']}; "
            f"banks listed twice: {counts['banks_duplicated']}; headline on {counts['headlines']}/{len(items)}; "
            f"{per_article * 1000:.0f} ms per article" + (f"; metadata right: {meta}" if meta else "")
        )
    print()
    print("\n".join(notes))
    if missed:
        print("\nmissed (and with --headlines, the headlines):\n" + "\n".join(missed))


if __name__ == "__main__":
    main()
