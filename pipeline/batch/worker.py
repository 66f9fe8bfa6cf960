"""What runs in a batch's worker process (or Ray actor): the models loaded once, then chunks of articles,
each article's outputs written and its result returned; and the process ends when its parent does.

A worker never outlives the batch that started it: on Linux the kernel kills it when its parent dies
(``prctl(PR_SET_PDEATHSIG, SIGKILL)``), and everywhere a thread watches for the parent to change (an
orphan is adopted by another process) and ends it. Ctrl-C is the parent's to handle: a worker ignores
SIGINT, and between two articles checks whether the parent asked it to stop.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..errors import MtcleanError, UsageError
from ..files import write_atomic
from ..rows import ArticleRecord
from ..timing import stage
from .discover import Task, output_paths
from .options import BatchOptions

if TYPE_CHECKING:
    from ..chain import Models

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
PARENT_CHECK_SECONDS = 1.0


class StopFlag(Protocol):
    """A flag the parent sets for its workers (a ``multiprocessing`` Event)."""

    def is_set(self) -> bool: ...


@dataclass(frozen=True)
class ArticleResult:
    """What a worker returns for one article: its outputs and record, or why it failed."""

    rel: str
    outputs: tuple[str, ...] = ()  # relative to the output folder
    record: ArticleRecord | None = None
    error: str | None = None  # None: done

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class WorkerState:
    """This process's share of the batch: its options, its models (or why they did not load), the
    parent's stop flag."""

    options: BatchOptions | None = None
    models: Models | None = None
    load_error: BaseException | None = None
    stop: StopFlag | None = None


STATE = WorkerState()


def init_worker(options: BatchOptions, parent: int, stop: StopFlag | None = None) -> None:
    """A pool worker's initializer: end with ``parent``, leave Ctrl-C to it, load the models once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides how to stop
    if hasattr(signal, "pthread_sigmask"):  # the parent blocked it while starting this process
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    end_with_parent(parent)
    STATE.stop = stop
    try:
        load_models(options)
    except Exception as exc:  # noqa: BLE001 - kept: every article this worker gets fails with it
        STATE.options = options
        STATE.load_error = exc


def end_with_parent(parent: int) -> None:
    """End this process when ``parent`` (its parent's id) ends, however it ends: killed with -9 or by the
    out-of-memory killer too."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):  # no prctl here: the watching thread alone
            pass
    if os.getppid() != parent:  # the parent died before the signal was armed: it will never come
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="mtclean-parent-watch", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)  # now an orphan: nothing it writes would be recorded


def load_models(options: BatchOptions) -> None:
    """Once per worker process (or Ray actor): the models the settings need (:func:`pipeline.load`)."""
    from ..chain import load

    STATE.options = options
    # Each worker gets its share of the cores: the encoder's own threads would otherwise
    # oversubscribe them (2 workers x 2 threads on 2 cores ran slower than 1 worker).
    threads = max(1, (os.cpu_count() or 1) // max(1, options.workers))
    STATE.models = load(options.settings, threads=threads)


def process_chunk(tasks: list[Task]) -> list[ArticleResult]:
    """Run a few articles through the chain and write their outputs; one result per article, never raises.
    When the parent asks to stop, the articles not yet begun get no result (they stay to do)."""
    options = STATE.options
    assert options is not None, "process_chunk runs in a worker after init_worker or load_models"
    if STATE.load_error is not None:  # the models did not load: say why for each article, keep the pool alive
        return [failure(task.rel, STATE.load_error) for task in tasks]
    results: list[ArticleResult] = []
    for task in tasks:
        if STATE.stop is not None and STATE.stop.is_set():
            break
        try:  # one bad file never stops the batch
            results.append(_one(options, task))
        except MtcleanError as exc:
            named = exc.naming(task.rel) if exc.path in (task.src, task.rel, None) else exc
            results.append(failure(task.rel, named))
        except Exception as exc:  # noqa: BLE001
            results.append(failure(task.rel, exc))
    return results


def _one(options: BatchOptions, task: Task) -> ArticleResult:
    from ..chain import process
    from ..corpus import read_record, record_text
    from ..render import parts
    from ..tables import aggregate_record

    rel = task.rel
    if task.offset < 0:
        article = process(Path(task.src), STATE.models, options.settings, path=rel)
    else:
        text, given = record_text(read_record(Path(task.src), task.offset, task.length), options.fields)
        article = process(text, STATE.models, options.settings, path=rel, metadata=given, record=task.record)
    paths = output_paths(options.out_dir, task.name, options.formats)
    for path in paths.values():
        _make_inside(options.out_dir, path.parent)
    with stage("render"):
        for fmt, path in paths.items():
            write_atomic(path, parts(fmt, article))
    outputs = tuple(p.relative_to(options.out_dir).as_posix() for p in paths.values())
    return ArticleResult(rel, outputs, aggregate_record(rel, article, outputs))


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


def failure(rel: str, exc: BaseException | str) -> ArticleResult:
    """A failed article's result: an error of ours as it is, anything else as an internal error."""
    if isinstance(exc, str):
        return ArticleResult(rel, error=exc)
    message = str(exc) if isinstance(exc, MtcleanError) else f"internal error: {type(exc).__name__}: {exc}"
    return ArticleResult(rel, error=message)
