"""Seconds spent per stage, for ``benchmarks/speed.py``; off unless enabled, and then one clock
read at each end of a stage. And the progress of one article through the chain: :func:`reporting`
names a function that each stage's name is given to as it starts (``mtclean clean --progress``).

Enable in-process with :func:`enable`, or for a whole command with the environment variable
``MTCLEAN_TIMINGS=FILE``: the totals are written to FILE as JSON when the process exits.
"""

from __future__ import annotations

import atexit
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_TOTALS: dict[str, float] = {}
_ON = {"on": False}


_REPORTERS: list[Callable[[str], None]] = []


@contextmanager
def reporting(reporter: Callable[[str], None]) -> Iterator[None]:
    """Within the block, :func:`report` gives each stage's name to ``reporter`` as the stage starts."""
    _REPORTERS.append(reporter)
    try:
        yield
    finally:
        _REPORTERS.remove(reporter)


def report(name: str) -> None:
    """Say that the stage ``name`` starts (to whatever :func:`reporting` named; nothing otherwise)."""
    for reporter in _REPORTERS:
        reporter(name)


def enable(on: bool = True) -> None:
    _ON["on"] = on


def reset() -> None:
    _TOTALS.clear()


def totals() -> dict[str, float]:
    return dict(_TOTALS)


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Add the time spent inside the block to the stage ``name`` (when timing is on)."""
    if not _ON["on"]:
        yield
        return
    t0 = time.perf_counter()
    try:
        yield
    finally:
        _TOTALS[name] = _TOTALS.get(name, 0.0) + time.perf_counter() - t0


def _dump(path: str) -> None:
    import multiprocessing

    if multiprocessing.parent_process() is not None:  # a batch worker: its totals are not the command's
        return
    with open(path, "w", encoding="utf-8") as out:
        json.dump(_TOTALS, out, indent=1, sort_keys=True)


if os.environ.get("MTCLEAN_TIMINGS"):
    enable()
    atexit.register(_dump, os.environ["MTCLEAN_TIMINGS"])
