"""The sample article against its gold file (defects, metadata, other edits), then the
defects of the hand-written dev and held-out sets in corpus/ (entities on, so that
flags from the entity stage count).

    python benchmarks/seed_check.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.gold import check_defects, other_edits  # noqa: E402
from pipeline import Models, Settings, clean_file, load, process  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    gold_path = args.shared / "eval" / "seed" / "000_63418d9d2f262613.gold.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    article = clean_file(ROOT / "corpus" / "000_63418d9d2f262613.txt")
    results = check_defects(article, gold)
    print("| defect | required | expect | result | detail |")
    print("| --- | --- | --- | --- | --- |")
    for r in results:
        print(
            f"| {r.id} | {'yes' if r.required else 'no'} | {r.expect} | {'pass' if r.passed else 'FAIL'} | {r.detail} |"
        )
    req = [r for r in results if r.required]
    print(f"\nrequired: {sum(r.passed for r in req)}/{len(req)}; all: {sum(r.passed for r in results)}/{len(results)}")
    others = other_edits(article, gold)
    bad = [o for o in others if not o[3]]
    print(f"other edits: {len(others)}, of a kind the gold does not list: {len(bad)}")
    for rule, before, after, kind in others:
        print(f"  {rule}: {before!r} -> {after!r} [{kind or 'NOT ALLOWED'}]")
    meta = article.metadata
    expected = gold["metadata"]
    checks = {
        "title": meta.title == expected["title"],
        "source_name": meta.source_name == expected["source_name"],
        "published": meta.published == expected["published"],
        "views": meta.views == expected["views"],
        "credits": all(meta.credits.get(k) == v for k, v in expected["credits"].items()),
    }
    print("metadata: " + ", ".join(f"{k} {'ok' if v else 'WRONG'}" for k, v in checks.items()))
    settings = Settings(points=0)  # the analysing stages (their flags count), no key points
    models = load(settings)
    for name in ("dev", "heldout"):
        corpus_defects(ROOT / "corpus" / name, models, settings)


def corpus_defects(folder: Path, models: Models, settings: Settings) -> None:
    """Required and optional defects handled, other edits of kinds not allowed, metadata right."""
    files = sorted(folder.glob("*.expected.json"))
    if not files:
        return
    totals = {"required": [0, 0], "optional": [0, 0], "metadata": [0, 0]}
    failures = []
    for path in files:
        expected = json.loads(path.read_text(encoding="utf-8"))
        article = process(folder / expected["article"], models, settings)
        for r in check_defects(article, expected):
            bucket = totals["required" if r.required else "optional"]
            bucket[0] += r.passed
            bucket[1] += 1
            if not r.passed:
                failures.append(f"  {path.name.split('.')[0]} {r.id}: {r.detail}")
        meta = expected.get("metadata", {})
        for key in ("title", "source_name", "published", "views"):
            if key in meta:
                totals["metadata"][0] += getattr(article.metadata, key) == meta[key]
                totals["metadata"][1] += 1
    print(
        f"\n{folder.name} ({len(files)} articles): required defects {totals['required'][0]}/{totals['required'][1]}, "
        f"optional {totals['optional'][0]}/{totals['optional'][1]}, metadata fields "
        f"{totals['metadata'][0]}/{totals['metadata'][1]}"
    )
    print("\n".join(failures))


if __name__ == "__main__":
    main()
