"""Repair quality: real MT with human post-edits (MLQE-PE) and synthetic defects.

    python benchmarks/repair_quality.py [--shared ../shared] [--split dev] [--only loops,fluent,synthetic]
                                        [--misses]

Prints three tables:
1. loops (ne-en, si-en): segments whose MT holds a phrase of 1-6 tokens repeated
   at least three times in a row; share whose TER to the post-edit goes down after
   cleaning, and the mean change (TER: sacrebleu, normalized, case-insensitive).
   The ceiling: in how many of them any deletion of repeats can lower TER at all
   (every choice of how many copies of each run to keep, scored against the
   post-edit); a post-editor who replaced the copies by the different things the
   source said leaves none that helps. --misses prints the segments not improved;
2. fluent text (ro-en, et-en, ru-en): share of segments changed at all, and among
   those the share made worse (TER up);
3. synthetic defects injected into clean post-edits: precision and recall per family,
   and edits on the clean text before injection;
4. garbled-clause flags (garble.clause): the share of sentences flagged on the
   post-edits (clean English: every flag there is a false alarm unless the post-editor
   left an error), on the fluent MT and, for comparison, on the looping MT.
Segments are cleaned in line mode (`mtclean clean --lines`), as aligned MT files are.
"""

from __future__ import annotations

import argparse
import itertools
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


def repeat_runs(toks: list[str], max_n: int = 6) -> list[tuple[int, int, int]]:
    """Back-to-back runs of a phrase of up to ``max_n`` tokens, left to right: (start, length, copies)."""
    low = [t.lower() for t in toks]
    runs, i = [], 0
    while i < len(low):
        best = None
        for n in range(1, max_n + 1):
            reps = 1
            while low[i + reps * n : i + (reps + 1) * n] == low[i : i + n] and i + (reps + 1) * n <= len(low):
                reps += 1
            if reps >= 2 and (best is None or reps * n > best[1] * best[2]):
                best = (i, n, reps)
        if best:
            runs.append(best)
            i = best[0] + best[1] * best[2]
        else:
            i += 1
    return runs


def best_deletion_ter(mt: str, pe: str, ter) -> float:  # type: ignore[no-untyped-def]
    """The lowest TER reachable by deleting copies of repeated phrases (keeping at least one of each)."""
    toks = mt.split()
    runs = repeat_runs(toks)
    choices = [range(1, reps + 1) for _, _, reps in runs]
    if len(runs) > 4:  # bound the search: keep one, two, three or all copies of each run
        choices = [sorted({1, min(2, reps), min(3, reps), reps}) for _, _, reps in runs]
    if len(runs) > 8:
        choices = [[1, reps] for _, _, reps in runs]
    best = ter(mt, pe)
    for keep in itertools.product(*choices):
        out, pos = [], 0
        for (start, n, reps), k in zip(runs, keep):
            out += toks[pos:start] + toks[start : start + n * k]
            pos = start + n * reps
        best = min(best, ter(" ".join(out + toks[pos:]), pe))
    return best


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


def loops_table(shared: Path, split: str, misses: bool = False) -> list[tuple[str, ...]]:
    ter = ter_scorer()
    rows = []
    for pair in LOOP_PAIRS:
        every: list[tuple[float, bool, bool]] = []
        splits = [split, "train"] if split == "dev" else [split]
        for name in splits:
            mt, pe = read_pair(shared, pair, name)
            picked = [i for i, s in enumerate(mt) if has_loop(s)]
            cleaned = clean_lines([mt[i] for i in picked])
            cases = []
            for c, i in zip(cleaned, picked):
                before, after = ter(mt[i], pe[i]), ter(c, pe[i])
                # TER cannot fall when the MT was already no longer than the post-edit: deleting
                # repeats then trades substitutions for insertions.
                short = len(mt[i].split()) <= len(pe[i].split())
                reachable = after < before or best_deletion_ter(mt[i], pe[i], ter) < before
                cases.append((after - before, short, reachable))
                if misses and after >= before:
                    print(
                        f"\n{pair} {name} #{i}: TER {before:.1f} -> {after:.1f}, "
                        f"{'can' if reachable else 'cannot'} fall by deleting repeats\n"
                        f"  MT:      {mt[i]}\n  cleaned: {c}\n  PE:      {pe[i]}"
                    )
            every += cases
            rows.append(_loop_row(pair, name, cases))
        if len(splits) > 1:
            rows.append(_loop_row(pair, "+".join(splits), every))
    return rows


def _loop_row(pair: str, split: str, cases: list[tuple[float, bool, bool]]) -> tuple[str, ...]:
    n = max(1, len(cases))
    deltas = [d for d, _, _ in cases]
    improved = sum(d < 0 for d in deltas)
    same = sum(d == 0 for d in deltas)
    same_short = sum(d == 0 and short for d, short, _ in cases)
    reachable = sum(r for _, _, r in cases)
    return (
        pair,
        split,
        str(len(deltas)),
        f"{improved / n:.1%}",
        f"{sum(deltas) / n:+.2f}",
        f"{same} ({same_short})",
        str(sum(d > 0 for d in deltas)),
        f"{reachable} ({reachable / n:.1%})",
        f"{improved / max(1, reachable):.1%}",
    )


def fluent_table(shared: Path, split: str) -> list[tuple[str, ...]]:
    ter = ter_scorer()
    rows = []
    for pair in FLUENT_PAIRS:
        mt, pe = read_pair(shared, pair, split)
        cleaned = clean_lines(mt)
        changed = [i for i, (a, b) in enumerate(zip(mt, cleaned)) if a != b]
        worse = [i for i in changed if ter(cleaned[i], pe[i]) > ter(mt[i], pe[i])]
        rows.append(
            (
                pair,
                split,
                str(len(mt)),
                f"{len(changed) / len(mt):.1%}",
                f"{len(worse) / max(1, len(changed)):.1%}",
                str(len(worse)),
            )
        )
    return rows


def garble_rows(shared: Path) -> list[tuple[str, ...]]:
    from pipeline.core.sentences import sentence_spans

    rows = []
    sides = [
        (pair, split, side)
        for pair in FLUENT_PAIRS + LOOP_PAIRS
        for split in ("dev", "train")
        for side in ("pe", "mt")
        if (shared / "eval" / "mlqe-pe" / pair / f"{split}.{side}").exists()
    ]
    for pair, split, side in sorted(sides, key=lambda x: (x[2] != "pe", x[0] in LOOP_PAIRS, x[0], x[1])):
        mt, pe = read_pair(shared, pair, split)
        lines = pe if side == "pe" else mt
        text = "\n".join(lines)
        article = clean_text(text, Settings(lines=True))
        flags = [(f.start, f.end) for f in article.flags if f.rule == "garble.clause"]
        sentences, flagged, pos = 0, 0, 0
        marks = iter(sorted(flags))
        mark = next(marks, None)
        for line in lines:
            for s, e in sentence_spans(line):
                sentences += 1
                while mark is not None and mark[1] <= pos + s:
                    mark = next(marks, None)
                flagged += mark is not None and mark[0] < pos + e
            pos += len(line) + 1
        rows.append(
            (
                pair,
                split,
                side.upper(),
                str(sentences),
                str(len(flags)),
                str(flagged),
                f"{flagged / max(1, sentences):.2%}",
            )
        )
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
    parser.add_argument(
        "--only",
        default="loops,fluent,synthetic,garble",
        help="comma-separated tables to print: loops, fluent, synthetic, garble",
    )
    parser.add_argument("--misses", action="store_true", help="print the loop segments TER did not improve")
    args = parser.parse_args()
    only = set(args.only.split(","))
    t0 = time.perf_counter()
    if "loops" in only:
        print_table(
            "Loops in real MT (target: improved in at least 90%)",
            (
                "pair",
                "split",
                "segments with loops",
                "TER improved",
                "mean TER change",
                "TER same (MT no longer than post-edit)",
                "TER worse",
                "can improve by deleting repeats (ceiling)",
                "improved among those",
            ),
            loops_table(args.shared, args.split, args.misses),
        )
    if "fluent" in only:
        print_table(
            "Fluent MT left alone (targets: changed at most 2%, worse at most 10% of changed)",
            ("pair", "split", "segments", "changed", "worse among changed", "worse"),
            fluent_table(args.shared, args.split),
        )
    if "synthetic" in only:
        rows, clean_edits = evaluate_synthetic(args.shared)
        print_table(
            "Synthetic defects injected into clean post-edits (ro-en, et-en, ru-en dev.pe)",
            ("family", "injected", "repaired", "recall", "edits", "precision"),
            rows,
        )
        print(f"\nEdits made on the same {clean_edits[1]} sentences before injection: {clean_edits[0]}")
    if "garble" in only:
        print_table(
            "Garbled-clause flags (target on clean English: well under 1% of sentences)",
            ("pair", "split", "side", "sentences", "flags", "sentences flagged", "share"),
            garble_rows(args.shared),
        )
    print(f"\n({time.perf_counter() - t0:.1f} s)")


if __name__ == "__main__":
    main()
