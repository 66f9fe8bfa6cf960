"""Batch processing: folders of articles, in parallel, resumable, with aggregates.

The manifest (``OUT_DIR/manifest.sqlite``) records each input by relative path,
content hash and the fingerprint of the tool version and settings that produced
its outputs. A run skips what is done, redoes what changed, and picks up after an
interruption. Every output file is written to a temporary name and renamed, so a
run killed at any moment leaves no half-written file; the manifest row is
committed only after the files are in place. The tables (:mod:`pipeline.tables`: CSVs, SQLite,
JSONL) are rewritten from the manifest at the end of every run. An input is a
file (a text article, a web page) or a record of a corpus file (:mod:`pipeline.corpus`).
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from . import __version__
from .config import Settings
from .corpus import CORPUS_SUFFIXES, RESERVED, Fields, is_corpus
from .errors import InputError, MtcleanError, UsageError
from .files import ensure_writable_dir, safe_relative, write_atomic
from .tables import RECORD_VERSION, aggregate_record, write_aggregates
from .timing import stage

MANIFEST = "manifest.sqlite"
CHUNK = 4  # articles per task: few round trips to the workers, little lost on a kill
# What a batch reads by default (--glob narrows it): text articles, saved web pages, corpus files.
# The order also decides which of two inputs with one stem (a.txt, a.html) keeps the short output name.
DEFAULT_SUFFIXES = (".txt", ".html", ".htm", *CORPUS_SUFFIXES)


class Task(NamedTuple):
    """One article to process: its key (``rel``), the file it is in, and for a corpus record where its
    bytes are; ``name`` is where its outputs go (relative to the output folder, no suffix)."""

    rel: str
    src: str
    name: str
    offset: int = -1  # -1: the whole file is the article
    length: int = 0
    record: str | None = None  # a corpus record's id


@dataclass(frozen=True)
class BatchOptions:
    in_dir: Path  # a folder, or one corpus file (.jsonl, .csv)
    out_dir: Path
    glob: str | None = None  # None: every file of DEFAULT_SUFFIXES
    formats: tuple[str, ...] = ("json", "md", "txt", "html")
    workers: int = 1
    fail_fast: bool = False
    skip_duplicates: bool = False
    force: bool = False
    settings: Settings = field(default_factory=Settings)  # what each article's chain runs, models included
    engine: str = "local"  # local (process pool) | ray (Ray Data, actors)
    ray_address: str | None = None
    fields: Fields = field(default_factory=Fields)  # which fields of a corpus record hold what
    excel: bool = False  # also write mtclean.xlsx

    def fingerprint(self) -> str:
        """What the outputs depend on besides the input: the version, the settings, the formats, the
        corpus fields read."""
        data = {
            "version": __version__,
            "settings": self.settings.fingerprint(),
            "formats": sorted(self.formats),
            "fields": list(self.fields.__dict__.values()),
            "record": RECORD_VERSION,
        }
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


@dataclass
class BatchReport:
    processed: int = 0
    skipped: int = 0
    failed: int = 0
    duplicates: int = 0
    seconds: float = 0.0
    interrupted: bool = False

    @property
    def rate(self) -> float:
        return self.processed / self.seconds if self.seconds else 0.0


# ----------------------------------------------------------------- files and paths
def discover(in_dir: Path, pattern: str | None, out_dir: Path) -> list[Path]:
    """Input files under ``in_dir`` matching ``pattern`` (default: every file of DEFAULT_SUFFIXES),
    sorted; the output folder is never read. ``in_dir`` may be one corpus file."""
    if in_dir.is_file() and is_corpus(in_dir):
        return [in_dir]
    if not in_dir.is_dir():
        raise UsageError("not a folder or a corpus file (.jsonl, .csv)", str(in_dir))
    out_resolved = out_dir.resolve()
    found = []
    try:
        matches = list(in_dir.glob("**/*" if pattern is None else pattern))
    except (ValueError, NotImplementedError) as exc:  # '' or an absolute pattern
        raise UsageError(f"bad --glob pattern {pattern!r}: {exc}") from None
    for path in matches:
        if not path.is_file() or (pattern is None and path.suffix.lower() not in DEFAULT_SUFFIXES):
            continue
        resolved = path.resolve()
        if resolved == out_resolved or out_resolved in resolved.parents:
            continue
        found.append(path)
    return sorted(found, key=lambda p: p.relative_to(in_dir).as_posix())


def output_paths(out_dir: Path, name: str, formats: tuple[str, ...]) -> dict[str, Path]:
    """Where the outputs of an article go: ``name`` (:func:`output_names`) under ``out_dir``."""
    target = out_dir / safe_relative(name)
    return {fmt: target.with_name(f"{target.name}.{fmt}") for fmt in formats}


def output_names(rels: list[str]) -> dict[str, str]:
    """Each input file's output name: its relative path without the suffix, mirrored; of two inputs with
    one stem (``a.txt``, ``a.html``), the first by DEFAULT_SUFFIXES keeps it, the other its whole name;
    ``index`` at the top is the batch's own page, so ``index.txt`` keeps its whole name."""

    def rank(rel: str) -> tuple[int, str]:
        suffix = Path(rel).suffix.lower()
        return (DEFAULT_SUFFIXES.index(suffix) if suffix in DEFAULT_SUFFIXES else len(DEFAULT_SUFFIXES), rel)

    names: dict[str, str] = {}
    taken: set[str] = {RESERVED}
    for rel in sorted(rels, key=rank):
        short = safe_relative(rel).with_suffix("").as_posix() if Path(rel).suffix else safe_relative(rel).as_posix()
        name = short if short.lower() not in taken else safe_relative(rel).as_posix()
        taken.add(name.lower())
        names[rel] = name
    return names


# ----------------------------------------------------------------- the manifest
class Manifest:
    """SQLite record of every input: hash, fingerprint, status, outputs, error and aggregate record."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS articles (rel TEXT PRIMARY KEY, sha256 TEXT, fingerprint TEXT, "
            "status TEXT, outputs TEXT, error TEXT, record TEXT, duplicate_of TEXT, updated REAL)"
        )
        self.db.commit()

    def get(self, rel: str) -> dict[str, Any] | None:
        row = self.db.execute(
            "SELECT rel, sha256, fingerprint, status, outputs, error, record, duplicate_of FROM articles WHERE rel = ?",
            (rel,),
        ).fetchone()
        if row is None:
            return None
        keys = ("rel", "sha256", "fingerprint", "status", "outputs", "error", "record", "duplicate_of")
        return dict(zip(keys, row))

    def put(
        self,
        rel: str,
        sha256: str,
        fingerprint: str,
        status: str,
        outputs: list[str],
        error: str | None,
        record: dict[str, Any] | None,
        duplicate_of: str | None = None,
    ) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                rel,
                sha256,
                fingerprint,
                status,
                json.dumps(outputs),
                error,
                json.dumps(record, ensure_ascii=False) if record else None,
                duplicate_of,
                time.time(),
            ),
        )
        self.db.commit()

    def mark_pending(self, items: list[tuple[str, str, str]]) -> None:
        self.db.executemany(
            "INSERT INTO articles (rel, sha256, fingerprint, status, outputs, updated) VALUES (?, ?, ?, 'pending', "
            "'[]', ?) ON CONFLICT(rel) DO UPDATE SET status = 'pending', sha256 = excluded.sha256, "
            "fingerprint = excluded.fingerprint",
            [(r, h, f, time.time()) for r, h, f in items],
        )
        self.db.commit()

    def rows(self) -> Iterator[dict[str, Any]]:
        for (rel,) in self.db.execute("SELECT rel FROM articles ORDER BY rel").fetchall():
            row = self.get(rel)
            if row:
                yield row

    def forget_missing(self, present: set[str]) -> None:
        """Inputs deleted since the last run leave the aggregates (their outputs stay on disk)."""
        gone = [r for (r,) in self.db.execute("SELECT rel FROM articles").fetchall() if r not in present]
        self.db.executemany("DELETE FROM articles WHERE rel = ?", [(r,) for r in gone])
        self.db.commit()

    def close(self) -> None:
        self.db.close()


# ----------------------------------------------------------------- the worker
_WORKER: dict[str, Any] = {}


def _init_worker(options: BatchOptions) -> None:
    """Runs once in each worker process: load the models once, keep them for every article."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides how to stop
    try:
        _load_models(options)
    except Exception as exc:  # noqa: BLE001 - kept: every article this worker gets fails with it
        _WORKER["options"] = options
        _WORKER["load_error"] = exc


def _load_models(options: BatchOptions) -> None:
    """Once per worker process (or Ray actor): the models the settings need (:func:`pipeline.load`)."""
    from .chain import load

    _WORKER["options"] = options
    # Each worker gets its share of the cores: the encoder's own threads would otherwise
    # oversubscribe them (2 workers x 2 threads on 2 cores ran slower than 1 worker).
    threads = max(1, (os.cpu_count() or 1) // max(1, options.workers))
    _WORKER["models"] = load(options.settings, threads=threads)


def process_chunk(items: list[Task]) -> list[dict[str, Any]]:
    """Run a few articles through the chain and write their outputs; one result per article, never raises."""
    options: BatchOptions = _WORKER["options"]
    if "load_error" in _WORKER:  # the models did not load: say why for each article, keep the pool alive
        return [_failure(task.rel, _WORKER["load_error"]) for task in items]
    results: list[dict[str, Any]] = []
    for task in map(Task._make, items):
        try:  # one bad file never stops the batch
            results.append(_one(options, task))
        except MtcleanError as exc:
            named = exc.naming(task.rel) if exc.path in (task.src, task.rel, None) else exc
            results.append(_failure(task.rel, named))
        except Exception as exc:  # noqa: BLE001
            results.append(_failure(task.rel, exc))
    return results


def _one(options: BatchOptions, task: Task) -> dict[str, Any]:
    from .chain import process
    from .corpus import read_record, record_text
    from .render import parts

    rel = task.rel
    if task.offset < 0:
        article = process(Path(task.src), _WORKER["models"], options.settings, path=rel)
    else:
        text, given = record_text(read_record(Path(task.src), task.offset, task.length), options.fields)
        article = process(text, _WORKER["models"], options.settings, path=rel, metadata=given, record=task.record)
    paths = output_paths(options.out_dir, task.name, options.formats)
    for path in paths.values():
        _make_inside(options.out_dir, path.parent)
    with stage("render"):
        for fmt, path in paths.items():
            write_atomic(path, parts(fmt, article))
    return {
        "rel": rel,
        "ok": True,
        "record": aggregate_record(rel, article),
        "outputs": [p.relative_to(options.out_dir).as_posix() for p in paths.values()],
    }


def _make_inside(root: Path, folder: Path) -> None:
    """Make ``folder`` under ``root`` one level at a time, refusing a link that leads out of ``root``
    before anything is made through it."""
    top = root.resolve()
    current = root
    for part in folder.relative_to(root).parts:
        current = current / part
        resolved = current.resolve()
        if resolved != top and top not in resolved.parents:
            raise UsageError(
                "refusing to write outside the output folder (a link there points elsewhere)", str(current)
            )
        current.mkdir(exist_ok=True)


def _failure(rel: str, exc: BaseException) -> dict[str, Any]:
    message = str(exc) if isinstance(exc, MtcleanError) else f"internal error: {type(exc).__name__}: {exc}"
    return {"rel": rel, "ok": False, "error": message}


# ----------------------------------------------------------------- the run
def run_batch(options: BatchOptions, progress: Callable[[int, int], None] | None = None) -> BatchReport:
    """Process every input that is not already done; rewrite the aggregates; return the counts.

    The local engine spawns its workers, so a script that calls this needs the usual
    ``if __name__ == "__main__":`` guard."""
    from .chain import check_models_exist

    ensure_writable_dir(options.out_dir)
    files = discover(options.in_dir, options.glob, options.out_dir)
    if not files:
        raise InputError(
            f"no file matches {options.glob!r}: nothing to do (use --glob to choose others)"
            if options.glob is not None
            else "no .txt, .html, .htm, .jsonl or .csv file here: nothing to do (use --glob to choose others)",
            str(options.in_dir),
        )
    check_models_exist(options.settings)  # a missing model is one error here, not one per worker
    for stale in options.out_dir.rglob(".*.tmp"):  # a write cut short by a kill
        stale.unlink(missing_ok=True)
    manifest = Manifest(options.out_dir / MANIFEST)
    report = BatchReport()
    started = time.perf_counter()
    try:
        tasks, hashes = _tasks(options, files, manifest, report)
        groups = find_duplicates(tasks, options.fields)
        duplicate_of = {rel: group[0] for group in groups for rel in group[1:]}
        report.duplicates = len(duplicate_of)
        pending = _pending(options, manifest, tasks, hashes, duplicate_of, report)
        _process(options, manifest, pending, hashes, report, progress, len(tasks))
    except KeyboardInterrupt:
        report.interrupted = True
    finally:
        report.seconds = time.perf_counter() - started
        write_aggregates(options.out_dir, manifest, groups if "groups" in locals() else [], excel=options.excel)
        manifest.close()
    return report


def _tasks(
    options: BatchOptions, files: list[Path], manifest: Manifest, report: BatchReport
) -> tuple[dict[str, Task], dict[str, str]]:
    """Every article of the inputs (a file, or each record of a corpus file) with its content hash. An
    input that cannot be read, or a record that is broken, is a recorded failure, not the batch's end."""
    from .corpus import output_name, scan

    fingerprint = options.fingerprint()
    single = len(files) == 1 and files[0] == options.in_dir  # one corpus file: its records by id alone
    rels = {(p.name if single else p.relative_to(options.in_dir).as_posix()): p for p in files}
    names = output_names(list(rels))
    tasks: dict[str, Task] = {}
    hashes: dict[str, str] = {}
    failed: dict[str, tuple[str, str]] = {}
    for rel, path in rels.items():
        try:
            if not is_corpus(path):
                hashes[rel] = _file_hash(path)
                tasks[rel] = Task(rel, str(path), names[rel])
                continue
            found = 0
            for record in scan(path, options.fields, options.settings.max_bytes):
                found += 1
                key = record.id if single else f"{rel}#{record.id}"
                if record.error:
                    named = record.id == record.where.replace(" ", "-")
                    failed[key] = (record.sha256, f"{key}{'' if named else f' ({record.where})'}: {record.error}")
                    continue
                name = output_name(record.id) if single else f"{names[rel]}/{output_name(record.id)}"
                hashes[key] = record.sha256
                tasks[key] = Task(key, str(path), name, record.offset, record.length, record.id)
            if not found:
                failed[rel] = ("", f"{rel}: a corpus file with no records")
        except OSError as exc:
            failed[rel] = ("", f"{rel}: cannot read: {exc.strerror or exc}")
        except MtcleanError as exc:
            failed[rel] = ("", str(exc) if exc.path else f"{rel}: {exc}")
    manifest.forget_missing(set(tasks) | set(failed))
    for key, (sha256, error) in failed.items():
        manifest.put(key, sha256, fingerprint, "failed", [], error, None)
        report.failed += 1
    return tasks, hashes


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pending(
    options: BatchOptions,
    manifest: Manifest,
    tasks: dict[str, Task],
    hashes: dict[str, str],
    duplicate_of: dict[str, str],
    report: BatchReport,
) -> list[Task]:
    fingerprint = options.fingerprint()
    pending = []
    for rel, task in tasks.items():
        row = manifest.get(rel)
        paths = output_paths(options.out_dir, task.name, options.formats)
        outputs = [p.relative_to(options.out_dir).as_posix() for p in paths.values()]
        if options.skip_duplicates and rel in duplicate_of:
            if row is None or row["status"] != "duplicate":
                manifest.put(rel, hashes[rel], fingerprint, "duplicate", [], None, None, duplicate_of[rel])
            report.skipped += 1
            continue
        done = (
            row is not None
            and row["status"] == "done"
            and row["sha256"] == hashes[rel]
            and row["fingerprint"] == fingerprint
            and json.loads(row["outputs"] or "[]") == outputs  # its outputs' names are still its own
            and all((options.out_dir / o).exists() for o in outputs)
        )
        if done:
            report.skipped += 1
            continue
        clash = [p for p in paths.values() if p.exists()]
        if clash and row is None and not options.force:
            manifest.put(
                rel,
                hashes[rel],
                fingerprint,
                "failed",
                [],
                f"{clash[0]}: exists and was not written by this batch (use --force)",
                None,
            )
            report.failed += 1
            continue
        pending.append(task)
    # Mark them first: outputs found after a kill then belong to this batch, not to someone else.
    manifest.mark_pending([(task.rel, hashes[task.rel], fingerprint) for task in pending])
    return pending


def _process(
    options: BatchOptions,
    manifest: Manifest,
    pending: list[Task],
    hashes: dict[str, str],
    report: BatchReport,
    progress: Callable[[int, int], None] | None,
    total: int,
    work: Callable[[list[Task]], list[dict[str, Any]]] | None = None,
) -> None:
    """Run the pending articles on a pool of workers (``work``: what a worker runs on a chunk, by
    default :func:`process_chunk`); record each result as it comes."""
    fingerprint = options.fingerprint()
    done_before = total - len(pending)
    if progress:
        progress(done_before, total)
    if not pending:
        return
    if options.engine == "ray":
        _process_ray(options, manifest, pending, hashes, report, progress, done_before, total)
        return
    queue: deque[tuple[list[Task], bool]] = deque(
        (pending[i : i + CHUNK], False) for i in range(0, len(pending), CHUNK)
    )
    stop = False

    def record(results: list[dict[str, Any]]) -> None:
        nonlocal stop
        for result in results:
            _record(manifest, result, hashes, fingerprint, report)
            stop = stop or (options.fail_fast and not result["ok"])
        if progress:
            progress(done_before + report.processed + report.failed, total)

    while queue and not stop:  # a new pool after one breaks (a worker killed by a crash or the OOM killer)
        broken = _run_pool(options, queue, record, lambda: stop, work or process_chunk)
        for chunk, alone in broken:
            if alone:  # this article broke a pool on its own: it is the one
                record(
                    [
                        {
                            "rel": rel,
                            "ok": False,
                            "error": f"{rel}: the worker processing it died (a crash, or out "
                            "of memory); the other articles went on",
                        }
                        for rel, *_ in chunk
                    ]
                )
            else:  # retry each article of the chunk on its own, to find the one that broke the pool
                queue.extendleft(([item], True) for item in reversed(chunk))


def _run_pool(
    options: BatchOptions,
    queue: deque[tuple[list[Task], bool]],
    record: Callable[[list[dict[str, Any]]], None],
    stopped: Callable[[], bool],
    work: Callable[[list[Task]], list[dict[str, Any]]],
) -> list[tuple[list[Task], bool]]:
    """Feed chunks from ``queue`` to one pool until the queue is empty, ``stopped()``, or the pool breaks;
    return the chunks that were in flight when it broke."""
    # Workers are spawned, not forked: a fork of a process that already ran torch (a library caller's)
    # inherits its thread pool's locks and can hang. Scripts calling run_batch need a __main__ guard.
    pool = ProcessPoolExecutor(
        max_workers=max(1, options.workers),
        initializer=_init_worker,
        initargs=(options,),
        mp_context=multiprocessing.get_context("spawn"),
    )
    in_flight: dict[Future[list[dict[str, Any]]], tuple[list[Task], bool]] = {}
    try:
        while True:
            # At most two chunks per worker in flight (little lost on a kill); an article retried alone after a
            # broken pool runs with nothing beside it, so that if the pool breaks again it is the one.
            while queue and not stopped() and len(in_flight) < 2 * max(1, options.workers):
                if queue[0][1] and in_flight or any(alone for _, alone in in_flight.values()):
                    break
                chunk, alone = queue.popleft()
                in_flight[pool.submit(work, chunk)] = (chunk, alone)
            if not in_flight:
                return []
            finished, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in finished:
                try:
                    results = future.result()
                except BrokenProcessPool:
                    return list(in_flight.values())
                del in_flight[future]
                record(results)
    except KeyboardInterrupt:
        for future in in_flight:
            future.cancel()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class RayArticleWorker:
    """A Ray Data actor: loads the models once, then runs :func:`process_chunk` on each batch."""

    def __init__(self, options: BatchOptions) -> None:
        _load_models(options)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        columns = [batch[name] for name in Task._fields]
        results = process_chunk([Task(*values) for values in zip(*columns)])
        return {"result": [json.dumps(r, ensure_ascii=False) for r in results]}


def _process_ray(
    options: BatchOptions,
    manifest: Manifest,
    pending: list[Task],
    hashes: dict[str, str],
    report: BatchReport,
    progress: Callable[[int, int], None] | None,
    done_before: int,
    total: int,
) -> None:
    """The same per-article function through Ray Data, on a local instance or ``--ray-address``."""
    try:
        import ray
        import ray.data
    except ImportError:
        raise UsageError("--engine ray needs Ray: pip install -e '.[ray]'") from None
    import logging

    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.WARNING)
    if not ray.is_initialized():
        ray.init(
            address=options.ray_address,
            num_cpus=None if options.ray_address else options.workers,
            include_dashboard=False,
            log_to_driver=False,
            logging_level=logging.WARNING,
        )
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    rows = ray.data.from_items([task._asdict() for task in pending])
    results = rows.map_batches(
        RayArticleWorker,
        fn_constructor_args=(options,),
        batch_size=CHUNK,
        concurrency=max(1, options.workers),
        batch_format="default",
    )
    fingerprint = options.fingerprint()
    for row in results.iter_rows():
        result = json.loads(row["result"])
        _record(manifest, result, hashes, fingerprint, report)
        if progress:
            progress(done_before + report.processed + report.failed, total)
        if options.fail_fast and not result["ok"]:
            break


def _record(
    manifest: Manifest, result: dict[str, Any], hashes: dict[str, str], fingerprint: str, report: BatchReport
) -> None:
    rel = result["rel"]
    if result["ok"]:
        manifest.put(rel, hashes[rel], fingerprint, "done", result["outputs"], None, result["record"])
        report.processed += 1
    else:
        manifest.put(rel, hashes[rel], fingerprint, "failed", [], result["error"], None)
        report.failed += 1


# ----------------------------------------------------------------- duplicates
def shingles(text: str, size: int = 5) -> set[str]:
    words = text.lower().split()
    return {" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}


def find_duplicates(tasks: dict[str, Task], fields: Fields, threshold: float = 0.8) -> list[list[str]]:
    """Groups of near-duplicate articles (MinHash LSH over word 5-shingles), each sorted, first kept."""
    from datasketch import MinHash, MinHashLSH

    from .corpus import read_record
    from .decode import decode

    lsh = MinHashLSH(threshold=threshold, num_perm=64)
    hashes: dict[str, Any] = {}
    for rel, task in tasks.items():
        try:
            if task.offset < 0:
                text, _ = decode(Path(task.src).read_bytes()[:2_000_000])
            else:
                text = str(read_record(Path(task.src), task.offset, task.length).get(fields.text) or "")[:2_000_000]
        except (MtcleanError, OSError):
            continue
        grams = shingles(text)
        if len(grams) < 5:
            continue
        mh = MinHash(num_perm=64, seed=1)
        mh.update_batch([g.encode("utf-8") for g in grams])
        lsh.insert(rel, mh)
        hashes[rel] = mh
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for rel, mh in hashes.items():
        for other in lsh.query(mh):
            a, b = sorted((root(rel), root(other)))
            if a != b:
                parent[b] = a
    groups: dict[str, list[str]] = {}
    for rel in hashes:
        groups.setdefault(root(rel), []).append(rel)
    return sorted(sorted(g) for g in groups.values() if len(g) > 1)
