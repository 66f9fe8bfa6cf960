"""A stand-in for the batch's chunk worker that dies on one article, as a segfault or the OOM killer
would kill it (imported by the spawned workers of tests/test_batch.py)."""

import os


def work(items):
    if any(rel == "crash.txt" for rel, _ in items):
        os._exit(1)
    return [{"rel": rel, "ok": True, "record": None, "outputs": []} for rel, _ in items]
