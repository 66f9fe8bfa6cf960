"""A digest of what the repairs make of real and project text, to show that a speed-up changed nothing.

    python benchmarks/repair_digest.py [--tree DIR] [--shared ../shared] [--full]

Cleans (no models) the 40 real pages of ``../shared/eval/web/``, the first 400 segments of four
wmt22-zhen systems' outputs (as one article each), the sample, ``corpus/dev`` and ``corpus/heldout``, and
prints per set the number of texts, edits and flags, the seconds, and a SHA-256 of every cleaned text,
edit (rule, span, before, after, confidence) and flag (rule, span, message). ``--tree`` runs the
``pipeline`` package of another checkout (``git worktree add /tmp/old REV``) on the same texts, so that
two commits can be compared side by side: the same digests mean the same output.

``--full`` runs the whole chain with the models (entities, figures, the event, key points) on the
real pages of ``eval/web/`` and ``eval/web-b/`` and the project's texts, and digests each article's
JSON less the fields that name the run or the format rather than the article (``resources``: the hash
of the gazetteers and models, which a change to them is meant to change; ``schema_version``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WMT_SYSTEMS, WMT_SEGMENTS = 4, 400


def sets(shared: Path) -> list[tuple[str, list[str]]]:
    out = []
    for folder in ("web", "web-b"):
        pages = sorted((shared / "eval" / folder).glob("*.txt"))
        if pages:
            out.append((f"eval/{folder}", [p.read_text(encoding="utf-8") for p in pages]))
    wmt = sorted((shared / "eval" / "wmt22-zhen").glob("*.hyp.*.en"))[:WMT_SYSTEMS]
    if wmt:
        texts = ["\n\n".join(p.read_text(encoding="utf-8").splitlines()[:WMT_SEGMENTS]) for p in wmt]
        out.append((f"wmt22-zhen ({len(wmt)} systems, {WMT_SEGMENTS} segments each)", texts))
    ours = [ROOT / "corpus" / "000_63418d9d2f262613.txt"]
    ours += sorted((ROOT / "corpus" / "dev").glob("*.txt")) + sorted((ROOT / "corpus" / "heldout").glob("*.txt"))
    out.append(("sample, dev, heldout", [p.read_text(encoding="utf-8") for p in ours]))
    return out


def full_sets(shared: Path) -> list[tuple[str, list[Path]]]:
    out = []
    for name in ("web", "web-b"):
        pages = sorted((shared / "eval" / name).glob("*.txt"))
        if pages:
            out.append((f"eval/{name} (whole chain)", pages))
    ours = [ROOT / "corpus" / "000_63418d9d2f262613.txt"]
    ours += sorted((ROOT / "corpus" / "dev").glob("*.txt")) + sorted((ROOT / "corpus" / "heldout").glob("*.txt"))
    out.append(("sample, dev, heldout (whole chain)", ours))
    return out


def run_full(shared: Path) -> None:
    import pipeline

    settings = pipeline.Settings()
    models = pipeline.load(settings)
    for name, paths in full_sets(shared):
        digest, edits, entities = hashlib.sha256(), 0, 0
        t0 = time.perf_counter()
        for path in paths:
            article = pipeline.process(path, models, settings, path=path.name)
            data = json.loads(pipeline.render.to_json(article))
            data.pop("resources", None)
            data.pop("schema_version", None)
            digest.update(json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"))
            edits += len(article.edits)
            entities += sum(len(v) for v in data.get("entities", {}).values() if isinstance(v, list))
        seconds = time.perf_counter() - t0
        print(f"| {name} | {len(paths)} | {edits} | {entities} | {seconds:.2f} | {digest.hexdigest()[:16]} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, default=ROOT, help="the checkout whose pipeline package runs")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--full", action="store_true", help="the whole chain with the models, on the JSON")
    args = parser.parse_args()
    sys.path.insert(0, str(args.tree.resolve()))
    import pipeline

    print(f"pipeline from {Path(pipeline.__file__).parent}\n")
    if args.full:
        print("| set | texts | edits | entities | seconds | digest |")
        print("| --- | ---: | ---: | ---: | ---: | --- |")
        run_full(args.shared)
        return
    print("| set | texts | edits | flags | seconds | digest |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    runs = [(name, texts, pipeline.Settings()) for name, texts in sets(args.shared)]
    runs += [(f"{name}, line mode", texts, pipeline.Settings(lines=True)) for name, texts in sets(args.shared)[-2:]]
    for name, texts, settings in runs:
        digest, edits, flags = hashlib.sha256(), 0, 0
        t0 = time.perf_counter()
        for text in texts:
            article = pipeline.clean_text(text, settings)
            digest.update(article.clean.encode("utf-8"))
            rows = [[e.rule, e.start, e.end, e.before, e.after, e.confidence] for e in article.edits]
            rows += [[f.rule, f.start, f.end, f.message] for f in article.flags]
            digest.update(json.dumps(rows, ensure_ascii=False).encode("utf-8"))
            edits, flags = edits + len(article.edits), flags + len(article.flags)
        seconds = time.perf_counter() - t0
        print(f"| {name} | {len(texts)} | {edits} | {flags} | {seconds:.2f} | {digest.hexdigest()[:16]} |")


if __name__ == "__main__":
    main()
