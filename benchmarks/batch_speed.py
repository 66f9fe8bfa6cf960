"""Batch throughput and memory.

    python benchmarks/batch_speed.py [--articles 200] [--memory-articles 1000]

1. Throughput: a folder of N articles (the sample and the dev set, each varied by
   a numbered closing sentence so no two are identical) through `mtclean batch`
   with 1 and with 2 workers, side by side in one run; articles per second and
   the ratio.
2. Memory: one worker's loop (clean, entities, figures, key points, as in a batch worker) over M
   articles; resident memory after loading the models and after every tenth of
   the run, and its growth.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def sources() -> list[Path]:
    return [ROOT / "corpus" / "000_63418d9d2f262613.txt", *sorted((ROOT / "corpus" / "dev").glob("*.txt"))]


def make_folder(folder: Path, n: int) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sources()]
    for i in range(n):
        text = texts[i % len(texts)].rstrip("\n")
        (folder / f"{i:04d}.txt").write_text(f"{text}\n\nThis is copy number {i} of the story.\n", encoding="utf-8")


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def throughput(n: int) -> list[tuple[int, float, float]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        make_folder(src, n)
        for workers in (1, 2):
            out = Path(tmp) / f"out{workers}"
            t0 = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "pipeline", "batch", str(src), "-o", str(out), "-w", str(workers), "--quiet"],
                cwd=ROOT,
                check=True,
            )
            seconds = time.perf_counter() - t0
            rows.append((workers, seconds, n / seconds))
            shutil.rmtree(out)
    return rows


def memory(m: int) -> list[tuple[int, float]]:
    from pipeline import Settings, load, process

    settings = Settings()  # the whole chain, as in a batch worker: entities, figures, key points
    models = load(settings)
    texts = [p.read_text(encoding="utf-8") for p in sources()]
    points = [(0, rss_mb())]
    for i in range(1, m + 1):
        process(texts[i % len(texts)] + f"\n\nCopy {i}.\n", models, settings)
        if i % max(1, m // 10) == 0:
            points.append((i, rss_mb()))
    return points


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--memory-articles", type=int, default=1000)
    args = parser.parse_args()
    rows = throughput(args.articles)
    print(f"Throughput, {args.articles} articles (whole command: start-up, models, files, aggregates)\n")
    print("| workers | seconds | articles/s |")
    print("| ---: | ---: | ---: |")
    for workers, seconds, rate in rows:
        print(f"| {workers} | {seconds:.1f} | {rate:.2f} |")
    print(f"\nratio 2 workers / 1 worker: {rows[1][2] / rows[0][2]:.2f}")
    points = memory(args.memory_articles)
    print(f"\nResident memory of one worker's loop over {args.memory_articles} articles (MB)\n")
    print("| articles | RSS MB |")
    print("| ---: | ---: |")
    for i, mb in points:
        print(f"| {i} | {mb:.0f} |")
    tenth = points[1][1]
    print(f"\ngrowth from {points[1][0]} to {points[-1][0]} articles: {points[-1][1] - tenth:+.0f} MB")


if __name__ == "__main__":
    main()
