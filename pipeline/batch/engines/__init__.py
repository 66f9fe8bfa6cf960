"""Where a batch's articles run: ``local`` (a process pool on this machine, :mod:`.local`) or ``ray``
(Ray Data actors, :mod:`.ray`). An engine gets the articles to do and a function that records a list
of results; it records each result as it comes and stops starting articles when asked to."""

from __future__ import annotations

from collections.abc import Callable

from ..worker import ArticleResult

Record = Callable[[list[ArticleResult]], None]
