"""Repair quality: real MT with human post-edits (MLQE-PE) and synthetic defects.

    python benchmarks/repair_quality.py [--shared ../shared] [--split dev]

Prints three tables:
1. loops (ne-en, si-en): segments whose MT holds a phrase of 1-6 tokens repeated
   at least three times in a row; share whose TER to the post-edit goes down after
   cleaning, and the mean change (TER: sacrebleu, normalized, case-insensitive);
2. fluent text (ro-en, et-en, ru-en): share of segments changed at all, and among
   those the share made worse (TER up);
3. synthetic defects injected into clean post-edits: precision and recall per family,
   and edits on the clean text before injection.
Segments are cleaned in line mode (`mtclean clean --lines`), as aligned MT files are.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import evaluate_synthetic  # noqa: E402
from pipeline import Settings, clean_text  # noqa: E402

LOOP_PAIRS = ("ne-en", "si-en")
FLUENT_PAIRS = ("ro-en", "et-en", "ru-en")


def has_loop(segment: str, max_n: int = 6, min_reps: int = 3) -> bool:
    toks = segment.lower().split()
    for n in range(1, max_n + 1):
        for i in range(len(toks) - n * min_reps + 1):
            phrase = toks[i : i + n]
            if all(toks[i + k * n : i + (k + 1) * n] == phrase for k in range(1, min_reps)):
                return True
    return False


def clean_lines(lines: list[str]) -> list[str]:
    article = clean_text("\n".join(lines), Settings(lines=True))
    out = article.clean.split("\n")
    assert len(out) == len(lines), "line mode must keep one line per line"
    return out


def read_pair(shared: Path, pair: str, split: str) -> tuple[list[str], list[str]]:
    base = shared / "eval" / "mlqe-pe" / pair
    mt = (base / f"{split}.mt").read_text(encoding="utf-8").rstrip("\n").split("\n")
    pe = (base / f"{split}.pe").read_text(encoding="utf-8").rstrip("\n").split("\n")
    n = min(len(mt), len(pe))
    return mt[:n], pe[:n]


def ter_scorer():  # type: ignore[no-untyped-def]
    from sacrebleu.metrics import TER

    metric = TER(normalized=True, case_sensitive=False)
    return lambda hyp, ref: metric.sentence_score(hyp, [ref]).score


def loops_table(shared: Path, split: str) -> list[tuple[str, ...]]:
    ter = ter_scorer()
    rows = []
    for pair in LOOP_PAIRS:
        every: list[float] = []
        splits = [split, "train"] if split == "dev" else [split]
        for name in splits:
            mt, pe = read_pair(shared, pair, name)
            picked = [i for i, s in enumerate(mt) if has_loop(s)]
            cleaned = clean_lines([mt[i] for i in picked])
            deltas = [ter(c, pe[i]) - ter(mt[i], pe[i]) for c, i in zip(cleaned, picked)]
            # TER cannot fall when the MT was already no longer than the post-edit: deleting
            # repeats then trades substitutions for insertions.
            short = [len(mt[i].split()) <= len(pe[i].split()) for i in picked]
            every += list(zip(deltas, short))
            rows.append(_loop_row(pair, name, list(zip(deltas, short))))
        if len(splits) > 1:
            rows.append(_loop_row(pair, "+".join(splits), every))
    return rows


def _loop_row(pair: str, split: str, cases: list[tuple[float, bool]]) -> tuple[str, ...]:
    n = max(1, len(cases))
    deltas = [d for d, _ in cases]
    same = sum(d == 0 for d in deltas)
    same_short = sum(d == 0 and short for d, short in cases)
    return (pair, split, str(len(deltas)), f"{sum(d < 0 for d in deltas) / n:.1%}",
            f"{sum(deltas) / n:+.2f}", f"{same} ({same_short})", str(sum(d > 0 for d in deltas)))


def fluent_table(shared: Path, split: str) -> list[tuple[str, ...]]:
    ter = ter_scorer()
    rows = []
    for pair in FLUENT_PAIRS:
        mt, pe = read_pair(shared, pair, split)
        cleaned = clean_lines(mt)
        changed = [i for i, (a, b) in enumerate(zip(mt, cleaned)) if a != b]
        worse = [i for i in changed if ter(cleaned[i], pe[i]) > ter(mt[i], pe[i])]
        rows.append((pair, split, str(len(mt)), f"{len(changed) / len(mt):.1%}",
                     f"{len(worse) / max(1, len(changed)):.1%}", str(len(worse))))
    return rows


def print_table(title: str, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    print(f"\n{title}\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join(" --- " for _ in header) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parent.parent.parent / "shared")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--show", type=int, default=0, help="print N changed fluent segments")
    args = parser.parse_args()
    t0 = time.perf_counter()
    print_table("Loops in real MT (target: improved in at least 90%)",
                ("pair", "split", "segments with loops", "TER improved", "mean TER change",
                 "TER same (MT no longer than post-edit)",
                 "TER worse"),
                loops_table(args.shared, args.split))
    print_table("Fluent MT left alone (targets: changed at most 2%, worse at most 10% of changed)",
                ("pair", "split", "segments", "changed", "worse among changed", "worse"),
                fluent_table(args.shared, args.split))
    rows, clean_edits = evaluate_synthetic(args.shared)
    print_table("Synthetic defects injected into clean post-edits (ro-en, et-en, ru-en dev.pe)",
                ("family", "injected", "repaired", "recall", "edits", "precision"), rows)
    print(f"\nEdits made on the same {clean_edits[1]} sentences before injection: {clean_edits[0]}")
    print(f"\n({time.perf_counter() - t0:.1f} s)")


if __name__ == "__main__":
    main()
