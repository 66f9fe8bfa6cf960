"""Batch processing: folders of articles, in parallel, resumable, with tables.

The manifest (``OUT_DIR/manifest.sqlite``, :mod:`.manifest`) records each input by relative path,
content hash and the fingerprint of the tool version, settings and loaded resources that produced its
outputs. A run skips what is done, redoes what changed, and picks up after an interruption. Every
output file is written to a temporary name and renamed, so a run killed at any moment leaves no
half-written file; the manifest row is committed only after the files are in place. The tables
(:mod:`pipeline.tables`: CSVs, SQLite, JSONL) are rewritten from the manifest at the end of every run.
An input is a file (a text article, a web page) or a record of a corpus file (:mod:`pipeline.corpus`).

One job per module: :mod:`.discover` (the inputs and where their outputs go), :mod:`.manifest`,
:mod:`.worker` (what a worker process runs), :mod:`.engines` (``local``: a process pool; ``ray``),
:mod:`.dedupe` (near-duplicates), :mod:`.stop` (Ctrl-C), :mod:`.run` (one run, in order).
"""

from .options import BatchOptions, BatchReport, Engine, Format, parse_formats
from .run import run_batch

__all__ = ["BatchOptions", "BatchReport", "Engine", "Format", "parse_formats", "run_batch"]
