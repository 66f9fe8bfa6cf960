"""Entity quality: precision and recall per category against expected entities.

    python benchmarks/entities_quality.py [--shared ../shared]

Data: the sample article against its gold file, the hand-written dev set in
corpus/dev/ (NNN_*.txt with NNN_*.expected.json) and the held-out set in
corpus/heldout/ (written apart from the code; measured, never tuned on). An official counts when the
name (or a listed variant) matches; a post when title and organisation both match;
a place when name, kind and parent all match; banks and organisations by
canonical name (a gold name written as one of the curated aliases counts).
"""

from __future__ import annotations

import argparse
import json
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


def _norm(text: str | None) -> str | None:
    return None if text is None else " ".join(text.lower().replace("’", "'").split())


def canonical_org(name: str) -> str:
    """A gold organisation name mapped to the curated canonical name when it is a known alias."""
    key = _norm(name)
    for org in gazetteer.organizations()["organizations"]:
        if key in {_norm(x) for x in [org["name"], *org.get("aliases", [])]}:
            return _norm(org["name"]) or ""
    return key or ""


def _org_key(name: str | None) -> str | None:
    if name is None:
        return None
    places = {_norm(p["name"]) for p in gazetteer.places_named(name)}
    return _norm(name) if _norm(name) in places else canonical_org(name)


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
            want = {(_norm(t), _org_key(org)) for t, org in gold_off[key]["roles"]}
            got = {(_norm(r["title"]), _org_key(r["organization"])) for r in o["roles"]}
            c["posts_tp"] += len(want & got)
        c["posts_pred"] += len(o["roles"])
    c["officials_gold"] = len(gold_off)
    c["posts_gold"] = sum(len(o["roles"]) for o in gold_off.values())
    not_officials = {_norm(n) for n in expected.get("not_officials", [])}
    c["credited_as_official"] = sum(_norm(o["name"]) in not_officials for o in pred["officials"])
    gold_places = {(_norm(p["name"]), p["kind"], _norm(p.get("parent"))) for p in expected.get("places", [])}
    got_places = {
        (_norm(p["name"]), p["kind"], _norm(p.get("parent")))
        for p in pred["places"]
        if p["kind"] not in {"community", "village", "street", "sub-district", "township"}
    }
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


def load_sets(shared: Path) -> dict[str, list[tuple[Path, dict[str, Any]]]]:
    gold = json.loads((shared / "eval" / "seed" / "000_63418d9d2f262613.gold.json").read_text(encoding="utf-8"))
    sample = {**gold["entities"], "officials": gold["entities"]["officials"]}
    sets = {"sample": [(ROOT / "corpus" / "000_63418d9d2f262613.txt", sample)]}
    for name in ("dev", "heldout"):  # heldout: measured, never tuned on (see corpus/heldout/README.md)
        items = []
        for exp in sorted((ROOT / "corpus" / name).glob("*.expected.json")):
            data = json.loads(exp.read_text(encoding="utf-8"))
            items.append((exp.parent / data["article"], data))
        sets[name] = items
    return sets


def evaluate(items: list[tuple[Path, dict[str, Any]]], models: Models, settings: Settings) -> tuple[Counter, float]:
    total: Counter = Counter()
    t0 = time.perf_counter()
    for path, expected in items:
        article = process(path, models, settings)
        total += score(article.to_dict()["entities"], expected)
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
    args = parser.parse_args()
    settings = Settings(points=0)  # the analysing stages; the key points are not scored here
    models = load(settings)
    print("| set | category | gold | predicted | correct | precision | recall |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    notes = []
    for name, items in load_sets(args.shared).items():
        if not items:
            continue
        counts, per_article = evaluate(items, models, settings)
        print("\n".join(rows(f"{name} ({len(items)})", counts)))
        notes.append(
            f"{name}: credit or resident names listed as officials: {counts['credited_as_official']}; "
            f"banks listed twice: {counts['banks_duplicated']}; {per_article * 1000:.0f} ms per article"
        )
    print()
    print("\n".join(notes))


if __name__ == "__main__":
    main()
