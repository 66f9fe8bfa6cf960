"""Stopping a batch: Ctrl-C, ``--fail-fast``.

The first Ctrl-C asks the batch to stop: no article starts after it, each worker finishes the one in
hand, every result is recorded and the tables are written; a resumed run does the rest. The second
Ctrl-C ends the batch at once: its workers are killed and it returns without writing the tables (the
manifest holds every result recorded, and the resumed run writes them). A third changes nothing.

Only a batch run from the main thread handles Ctrl-C (Python delivers signals there); from another
thread Ctrl-C is the caller's, and where it was ignored (a background job of a script) it stays so.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any


class Interrupted(KeyboardInterrupt):
    """The second Ctrl-C: the batch ends now."""


class Stop:
    """Whether the batch was asked to stop, and what to do when it is (use it as a context manager to
    handle Ctrl-C while the batch runs)."""

    def __init__(self, on_interrupt: Callable[[], None] | None = None) -> None:
        self.requested = False  # no article starts any more
        self.interrupted = False  # by Ctrl-C
        self._on_request: list[Callable[[], None]] = []
        self._on_abort: list[Callable[[], None]] = []
        self._deferring = 0
        self._abort_pending = False
        self._previous: Any = None
        self._on_interrupt = on_interrupt  # told of the first Ctrl-C (the CLI says what happens next)

    def __enter__(self) -> Stop:
        # Not where Ctrl-C was ignored before (a job started in the background by a script, nohup):
        # it stays ignored, as Python leaves it.
        if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGINT) != signal.SIG_IGN:
            self._previous = signal.signal(signal.SIGINT, self._on_sigint)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)

    def request(self) -> None:
        """Stop starting articles (the first Ctrl-C, or a failure with --fail-fast)."""
        if not self.requested:
            self.requested = True
            for callback in list(self._on_request):
                callback()

    @contextmanager
    def hooks(
        self, on_request: Callable[[], None] | None = None, on_abort: Callable[[], None] | None = None
    ) -> Iterator[None]:
        """While the block runs: call ``on_request`` when a stop is requested (at once if it was already),
        ``on_abort`` when the second Ctrl-C ends the batch."""
        if on_request is not None:
            self._on_request.append(on_request)
            if self.requested:
                on_request()
        if on_abort is not None:
            self._on_abort.append(on_abort)
        try:
            yield
        finally:
            if on_request is not None:
                self._on_request.remove(on_request)
            if on_abort is not None:
                self._on_abort.remove(on_abort)

    @contextmanager
    def starting_workers(self) -> Iterator[None]:
        """Around what may start a worker process: the process starts with Ctrl-C blocked, so that a Ctrl-C
        while it imports cannot end it with a traceback (its initializer then ignores Ctrl-C), and a
        second Ctrl-C meanwhile takes effect when the block is done."""
        self._deferring += 1
        blocked = hasattr(signal, "pthread_sigmask")
        if blocked:
            previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            yield
        finally:
            if blocked:
                signal.pthread_sigmask(signal.SIG_SETMASK, previous)
            self._deferring -= 1
        if self._abort_pending and not self._deferring:
            self._abort()

    def _on_sigint(self, signum: int, frame: FrameType | None) -> None:
        if not self.interrupted:
            self.interrupted = True
            self.request()
            if self._on_interrupt is not None:
                self._on_interrupt()
            return
        if self._deferring:
            self._abort_pending = True
            return
        self._abort()

    def _abort(self) -> None:
        self._abort_pending = False
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a third Ctrl-C changes nothing
        for callback in list(self._on_abort):
            callback()
        raise Interrupted
