"""Time per article against its length, 1 KB to 1 MB: the repairs and duplicate detection must grow
linearly (no quadratic step), so time per KB stays flat.

    python benchmarks/scaling.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import clean_text  # noqa: E402
from pipeline.batch import shingles  # noqa: E402

SIZES = (1_000, 10_000, 100_000, 1_000_000)


def article_of(size: int) -> str:
    base = (ROOT / "corpus" / "000_63418d9d2f262613.txt").read_text(encoding="utf-8")
    body = base.split("\n\n", 2)[2]
    text, part = base, 0
    while len(text) < size:  # distinct paragraphs, so that no repeat is removed and all text is worked on
        part += 1
        text += "\n\n" + body.replace("\n\n", f" (Part {part}.)\n\n")
    return text[:size]


def timed(fn, arg) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(3 if len(arg) <= 100_000 else 1):
        t0 = time.perf_counter()
        fn(arg)
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    print("| size | clean (s) | clean ms per KB | shingles for MinHash ms per KB |")
    print("| ---: | ---: | ---: | ---: |")
    for size in SIZES:
        text = article_of(size)
        seconds = timed(clean_text, text)
        grams = timed(shingles, text)
        print(
            f"| {size:,} | {seconds:.3f} | {seconds * 1000 / (size / 1000):.2f} | {grams * 1000 / (size / 1000):.3f} |"
        )


if __name__ == "__main__":
    main()
