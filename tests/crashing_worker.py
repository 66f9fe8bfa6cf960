"""A stand-in for the batch's chunk worker that dies on one article, as a segfault or the OOM killer
would kill it (imported by the spawned workers of tests/test_batch.py)."""

import os

from pipeline.batch.worker import ArticleResult


def work(tasks):
    if any(task.rel == "crash.txt" for task in tasks):
        os._exit(1)
    return [ArticleResult(task.rel) for task in tasks]
