"""The Ray engine: the same per-article function through Ray Data actors, on a local Ray instance or an
existing cluster (``--ray-address``).

Processes: a local instance started here is Ray's own, and Ray ties its processes to this one (on
Linux its head processes are started with the parent-death signal, "kernel fate sharing"), so a
``kill -9`` of the batch ends them too: the actors holding the models were gone within 15 s when we
tried, Ray's dashboard and runtime-env agents (small, no model) within about a minute. The workers of
an existing cluster (``--ray-address``) belong to the cluster, which ends the job's actors when its
driver (this process) goes away. Ctrl-C: the first stops taking results (those recorded stay; the
articles in flight are redone by the resumed run), the second ends the batch at once.
"""

from __future__ import annotations

import pickle
from dataclasses import asdict, fields
from typing import Any

from ...errors import UsageError
from ..discover import Task
from ..options import BatchOptions
from ..stop import Stop
from ..worker import load_models, process_chunk
from . import Record

CHUNK = 4


class RayArticleWorker:
    """A Ray Data actor: loads the models once, then runs :func:`process_chunk` on each batch."""

    def __init__(self, options: BatchOptions) -> None:
        load_models(options)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        columns = [batch[f.name] for f in fields(Task)]
        results = process_chunk([Task(*values) for values in zip(*columns)])
        # Pickled: the results are this program's own dataclasses, between its own processes.
        return {"result": [pickle.dumps(r) for r in results]}


def run_ray(options: BatchOptions, tasks: list[Task], record: Record, stop: Stop) -> None:
    """Run ``tasks`` through Ray Data and ``record`` each result as it comes, until ``stop`` is requested."""
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
    rows = ray.data.from_items([asdict(task) for task in tasks])
    results = rows.map_batches(
        RayArticleWorker,
        fn_constructor_args=(options,),
        batch_size=CHUNK,
        concurrency=max(1, options.workers),
        batch_format="default",
    )
    for row in results.iter_rows():
        record([pickle.loads(row["result"])])
        if stop.requested:
            break
