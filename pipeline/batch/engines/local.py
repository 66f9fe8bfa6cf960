"""The local engine: a pool of worker processes, each loading the models once; a worker that dies (a
crash, the out-of-memory killer) breaks the pool, which is replaced, and the articles it had are tried
again one by one, so that the one that kills its worker fails alone."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import suppress

from ..discover import Task
from ..options import BatchOptions
from ..stop import Stop
from ..worker import ArticleResult, failure, init_worker, process_chunk
from . import Record

CHUNK = 4  # articles per task: few round trips to the workers, little lost on a kill
# Workers are spawned, not forked: a fork of a process that already ran torch (a library caller's)
# inherits its thread pool's locks and can hang. Scripts calling run_batch need a __main__ guard.
CONTEXT = multiprocessing.get_context("spawn")

Work = Callable[[list[Task]], list[ArticleResult]]
Chunk = tuple[list[Task], bool]  # its articles; whether it is one article retried alone


def run_local(
    options: BatchOptions, tasks: list[Task], record: Record, stop: Stop | None = None, work: Work = process_chunk
) -> None:
    """Run ``tasks`` on worker processes (``work``: what a worker runs on a chunk) and ``record`` each
    chunk's results as they come, until every task is done or ``stop`` is requested."""
    stop = stop or Stop()
    queue: deque[Chunk] = deque((tasks[i : i + CHUNK], False) for i in range(0, len(tasks), CHUNK))
    while queue and not stop.requested:  # a new pool after one breaks
        for chunk, alone in _run_pool(options, queue, record, stop, work):
            if alone:  # this article broke a pool on its own: it is the one
                died = "the worker processing it died (a crash, or out of memory); the other articles went on"
                record([failure(task.rel, f"{task.rel}: {died}") for task in chunk])
            else:  # retry each article of the chunk on its own, to find the one that broke the pool
                queue.extendleft(([task], True) for task in reversed(chunk))


def _run_pool(options: BatchOptions, queue: deque[Chunk], record: Record, stop: Stop, work: Work) -> list[Chunk]:
    """Feed chunks from ``queue`` to one pool until the queue is empty, a stop is requested, or the pool
    breaks; return the chunks that were in flight when it broke."""
    workers = max(1, options.workers)
    asked_to_stop = CONTEXT.Event()  # read by the workers between two articles
    with stop.starting_workers():
        pool = ProcessPoolExecutor(
            max_workers=workers,
            initializer=init_worker,
            initargs=(options, os.getpid(), asked_to_stop),
            mp_context=CONTEXT,
        )
    in_flight: dict[Future[list[ArticleResult]], Chunk] = {}
    ended = False
    try:
        with stop.hooks(on_request=asked_to_stop.set, on_abort=lambda: _kill_workers(pool)):
            while True:
                # At most two chunks per worker in flight (little lost on a kill); an article retried alone after
                # a broken pool runs with nothing beside it, so that if the pool breaks again it is the one.
                while queue and not stop.requested and len(in_flight) < 2 * workers:
                    if queue[0][1] and in_flight or any(alone for _, alone in in_flight.values()):
                        break
                    chunk, alone = queue.popleft()
                    with stop.starting_workers():  # a submit may start a worker
                        in_flight[pool.submit(work, chunk)] = (chunk, alone)
                if not in_flight:
                    ended = True
                    return []
                finished, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in finished:
                    try:
                        results = future.result()
                    except BrokenProcessPool:
                        ended = True
                        return list(in_flight.values())
                    del in_flight[future]
                    record(results)
    finally:
        if not ended:  # ended by an error or the second Ctrl-C: no result of theirs would be recorded
            _kill_workers(pool)
        pool.shutdown(wait=ended, cancel_futures=True)


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's workers now (the pool then breaks; its futures fail)."""
    # No public way before Python 3.14's ProcessPoolExecutor.kill_workers().
    processes = getattr(pool, "_processes", None) or {}
    with suppress(RuntimeError):  # the pool's own thread changed the dict: what was listed is killed
        for process in list(processes.values()):
            with suppress(OSError, ValueError):
                process.kill()
