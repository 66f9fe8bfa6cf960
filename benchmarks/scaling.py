"""The whole pipeline on one large input, ordinary or hostile: wall time and peak memory per run.

    python benchmarks/scaling.py                        # every shape at 1 MB and 4 MiB
    python benchmarks/scaling.py --sizes 1000000 --shapes ordinary one-char-lines
    python benchmarks/scaling.py --repairs              # the old table: repairs and shingles per KB

Each run is a fresh ``mtclean clean FILE -o DIR`` process (models loaded, every stage, the JSON,
Markdown, text and review-page files written); its peak resident memory is the operating system's account of
that one process (``os.wait4``). Ordinary news text is the sample's body repeated with numbered
paragraphs (distinct, so that no repeat is removed); the hostile shapes are the ones that once took
gigabytes or minutes (one-character lines: 16.9 GB and 367 s at 1 MB; ``Mr. `` repeated: 5.9 GB),
and others. The target: under 1.5 GB, and no more than twice the time of ordinary text of the size.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = (1_000_000, 4 * 1024 * 1024)


def article_of(size: int) -> str:
    base = (ROOT / "corpus" / "000_63418d9d2f262613.txt").read_text(encoding="utf-8")
    body = base.split("\n\n", 2)[2]
    text, part = base, 0
    while len(text) < size:  # distinct paragraphs, so that no repeat is removed and all text is worked on
        part += 1
        text += "\n\n" + body.replace("\n\n", f" (Part {part}.)\n\n")
    return text[:size]


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda size: (unit * (size // len(unit) + 1))[:size]


def _long_words_among_prose(size: int) -> str:
    line = "The county held a meeting on rural roads and bridges. " * 10 + "a" * 5_000 + "\n"
    return _repeat(line)(size)


def _untranslated(size: int) -> str:
    return _repeat("5月16日，住房和城乡建设部在辽宁省沈阳市召开全国城镇老旧小区改造现场会。\n")(size)


SHAPES: dict[str, Callable[[int], str]] = {
    "ordinary": article_of,
    "one-char-lines": _repeat("x\n"),
    "mr-repeated": _repeat("Mr. "),
    "bracket-runs": _repeat("([{"),
    "one-line-no-spaces": _repeat("x"),
    "phrase-loop-no-stop": _repeat("the county held a meeting on rural roads "),
    "digits": _repeat("1234567890"),
    "long-words-in-prose": _long_words_among_prose,
    "untranslated-chinese": _untranslated,
}


def run_once(path: Path, out: Path) -> tuple[float, float, int]:
    """(seconds, peak resident MB, exit status) of one ``mtclean clean`` process."""
    cmd = [sys.executable, "-m", "pipeline", "clean", str(path), "-o", str(out)]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, proc.returncode


def _flags(out: Path, stem: str) -> str:
    try:
        data = json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    rules = sorted({f["rule"] for f in data["flags"] if f["rule"].startswith(("analysis.", "input."))})
    return ", ".join(rules)


def table(sizes: list[int], shapes: list[str]) -> None:
    print("| shape | size | seconds | time / ordinary | peak RSS MB | exit | flags |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for size in sizes:
            ordinary = None
            for shape in ["ordinary", *[s for s in shapes if s != "ordinary"]]:
                path = tmp / f"{shape}-{size}.txt"
                path.write_text(SHAPES[shape](size), encoding="utf-8")
                seconds, rss, code = run_once(path, tmp / "out")
                ordinary = seconds if shape == "ordinary" else ordinary
                ratio = f"{seconds / ordinary:.2f}" if ordinary else ""
                flags = _flags(tmp / "out", path.stem)
                print(f"| {shape} | {size:,} | {seconds:.1f} | {ratio} | {rss:.0f} | {code} | {flags} |", flush=True)
                path.unlink()


def repairs_table() -> None:
    """Repairs and duplicate detection per KB, 1 KB to 1 MB: they must grow linearly (time per KB flat)."""
    from pipeline import clean_text
    from pipeline.batch.dedupe import shingles

    def timed(fn, arg) -> float:  # type: ignore[no-untyped-def]
        best = float("inf")
        for _ in range(3 if len(arg) <= 100_000 else 1):
            t0 = time.perf_counter()
            fn(arg)
            best = min(best, time.perf_counter() - t0)
        return best

    print("| size | clean (s) | clean ms per KB | shingles for MinHash ms per KB |")
    print("| ---: | ---: | ---: | ---: |")
    for size in (1_000, 10_000, 100_000, 1_000_000):
        text = article_of(size)
        seconds = timed(clean_text, text)
        grams = timed(shingles, text)
        print(
            f"| {size:,} | {seconds:.3f} | {seconds * 1000 / (size / 1000):.2f} | {grams * 1000 / (size / 1000):.3f} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--shapes", nargs="+", choices=sorted(SHAPES), default=list(SHAPES))
    parser.add_argument("--repairs", action="store_true", help="the repairs-only table instead")
    args = parser.parse_args()
    if args.repairs:
        repairs_table()
    else:
        table(args.sizes, args.shapes)


if __name__ == "__main__":
    main()
