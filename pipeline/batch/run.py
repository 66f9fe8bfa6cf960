"""One batch run: find the inputs, skip what is done, process the rest on an engine, record each result
in the manifest as it comes, then rewrite the tables and find the near-duplicates from the manifest."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..files import FOREIGN, ensure_writable_dir, foreign, written_here
from ..tables import write_aggregates
from . import dedupe
from .discover import Inputs, Task, discover, output_paths, read_inputs
from .manifest import MANIFEST, Manifest, ManifestRow
from .options import BatchOptions, BatchReport
from .stop import Interrupted, Stop
from .worker import ArticleResult

Progress = Callable[[int, int], None]  # (articles done, articles in all)
_FOREIGN_BEFORE = "exists and was not written by this batch (use --force)"  # the message of earlier versions


def run_batch(
    options: BatchOptions, progress: Progress | None = None, on_interrupt: Callable[[], None] | None = None
) -> BatchReport:
    """Process every input that is not already done; rewrite the tables; return the counts.

    Ctrl-C (from the main thread): the first stops the batch after the articles in hand (and calls
    ``on_interrupt``), the second at once; either way the report says ``interrupted`` and the same call
    again resumes.
    The local engine spawns its workers, so a script that calls this needs the usual
    ``if __name__ == "__main__":`` guard."""
    with Stop(on_interrupt) as stop:
        return _run(options, progress, stop)


def _run(options: BatchOptions, progress: Progress | None, stop: Stop) -> BatchReport:
    from ..chain import check_models_exist
    from ..resources import describe

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
    # What was loaded decides the outputs too (gazetteers, models): read here once, no model loaded.
    fingerprint = options.fingerprint(describe(options.settings).hash)
    for stale in options.out_dir.rglob(".*.tmp"):  # a write cut short by a kill
        stale.unlink(missing_ok=True)
    batch = _Batch(options, Manifest(options.out_dir / MANIFEST), fingerprint, stop)
    started = time.perf_counter()
    aborted = False
    try:
        batch.run(files, progress)
    except Interrupted:
        aborted = True
    finally:
        batch.report.seconds = time.perf_counter() - started
        batch.report.interrupted = stop.interrupted
        try:
            if not aborted:  # the second Ctrl-C ends at once: the resumed run writes the tables
                batch.write_tables()
        except Interrupted:
            pass
        finally:
            batch.manifest.close()
    return batch.report


@dataclass
class _Batch:
    options: BatchOptions
    manifest: Manifest
    fingerprint: str
    stop: Stop
    report: BatchReport = field(default_factory=BatchReport)
    inputs: Inputs = field(default_factory=Inputs)
    signatures: dict[str, bytes] = field(default_factory=dict)  # by key: the near-duplicate signatures known

    def run(self, files: list[Path], progress: Progress | None) -> None:
        options = self.options
        self.inputs = read_inputs(options.in_dir, files, options.fields, options.settings.max_bytes)
        self.manifest.forget_missing(self.inputs.keys)
        for unreadable in self.inputs.unreadable:
            self.manifest.put(
                ManifestRow(unreadable.rel, unreadable.sha256, self.fingerprint, "failed", error=unreadable.error)
            )
            self.report.fail(unreadable.rel, unreadable.error)
        known = self._known()
        # An article with no signature kept is new or changed (or its row lost it): it is to be processed,
        # so its input is read anyway. A resumed run reads none of the others.
        for rel, task in self.inputs.tasks.items():
            if rel not in self.signatures:
                self.signatures[rel] = dedupe.signature_of(task, options.fields)
        duplicate_of: dict[str, str] = {}
        if options.skip_duplicates:  # which to skip is known before any is processed
            groups = dedupe.find_duplicates({rel: self.signatures[rel] for rel in self.inputs.tasks})
            duplicate_of = {rel: group[0] for group in groups for rel in group[1:]}
        pending = self._pending(known, duplicate_of)
        self.manifest.mark_pending((t.rel, t.sha256, self.fingerprint, self.signatures[t.rel]) for t in pending)
        self._keep_signatures(known, {task.rel for task in pending})
        self._process(pending, progress)

    def _known(self) -> dict[str, ManifestRow]:
        """The manifest's rows, and the signatures still good (same content, same fingerprint, same scheme)."""
        scheme = dedupe.scheme()
        if self.manifest.meta("signatures") != scheme:  # made by another datasketch: made again
            self.manifest.forget_signatures()
            self.manifest.set_meta("signatures", scheme)
        known = {row.rel: row for row in self.manifest.rows(records=False)}
        self.signatures = self._valid_signatures(known)
        return known

    def _valid_signatures(self, rows: dict[str, ManifestRow]) -> dict[str, bytes]:
        valid = {}
        for rel, task in self.inputs.tasks.items():
            row = rows.get(rel)
            if row and row.signature is not None and row.sha256 == task.sha256 and row.fingerprint == self.fingerprint:
                valid[rel] = row.signature
        return valid

    def _pending(self, known: dict[str, ManifestRow], duplicate_of: dict[str, str]) -> list[Task]:
        options, out_dir = self.options, self.options.out_dir
        ledger = written_here(out_dir)  # what `mtclean clean -o` wrote there is mtclean's too
        pending = []
        for rel, task in self.inputs.tasks.items():
            row = known.get(rel)
            paths = output_paths(out_dir, task.name, options.formats)
            outputs = tuple(p.relative_to(out_dir).as_posix() for p in paths.values())
            if rel in duplicate_of:
                skipped = ManifestRow(
                    rel,
                    task.sha256,
                    self.fingerprint,
                    "duplicate",
                    duplicate_of=duplicate_of[rel],
                    signature=self.signatures[rel],
                )
                if row != skipped:
                    self.manifest.put(skipped)
                self.report.skipped += 1
                continue
            done = (
                row is not None
                and row.status == "done"
                and row.sha256 == task.sha256
                and row.fingerprint == self.fingerprint
                and row.outputs == outputs  # its outputs' names are still its own
                and all((out_dir / o).exists() for o in outputs)
            )
            if done:
                self.report.skipped += 1
                continue
            refused = (
                row is not None and row.status == "failed" and (row.error or "").endswith((FOREIGN, _FOREIGN_BEFORE))
            )
            owned = row is not None and not refused  # its outputs are this batch's

            def ours(path: Path, owned: bool = owned) -> bool:
                return owned or path.relative_to(out_dir).as_posix() in ledger

            clash = None if options.force else foreign(paths.values(), ours)
            if clash is not None:  # files of someone else's: kept
                error = f"{clash}: {FOREIGN}"
                self.manifest.put(ManifestRow(rel, task.sha256, self.fingerprint, "failed", error=error))
                self.report.fail(rel, error)
                continue
            pending.append(task)
        return pending

    def _keep_signatures(self, known: dict[str, ManifestRow], pending: set[str]) -> None:
        """Every article keeps its signature in the manifest: those to process got theirs when marked
        pending; the others (skipped, refused) get one made here if their row has another or none."""
        made = {}
        for rel in self.inputs.tasks:
            row = known.get(rel)
            if rel not in pending and (row is None or row.signature != self.signatures[rel]):
                made[rel] = self.signatures[rel]
        self.manifest.set_signatures(made)

    def _process(self, pending: list[Task], progress: Progress | None) -> None:
        total = len(self.inputs.tasks)
        done = total - len(pending)
        if progress:
            progress(done, total)
        if not pending or self.stop.requested:
            return

        def record(results: list[ArticleResult]) -> None:
            nonlocal done
            for result in results:
                self._record(result)
                done += 1
                if self.options.fail_fast and not result.ok:
                    self.stop.request()
            if progress:
                progress(done, total)

        if self.options.engine == "ray":
            from .engines.ray import run_ray

            run_ray(self.options, pending, record, self.stop)
        else:
            from .engines.local import run_local

            run_local(self.options, pending, record, self.stop)

    def _record(self, result: ArticleResult) -> None:
        task = self.inputs.tasks[result.rel]
        signature = self.signatures[task.rel]
        if result.ok:
            row = ManifestRow(
                task.rel,
                task.sha256,
                self.fingerprint,
                "done",
                result.outputs,
                None,
                result.record,
                signature=signature,
            )
            self.report.processed += 1
        else:
            row = ManifestRow(
                task.rel, task.sha256, self.fingerprint, "failed", error=result.error, signature=signature
            )
            self.report.fail(task.rel, result.error or "")
        self.manifest.put(row)

    def write_tables(self) -> None:
        """The tables from the manifest, and the near-duplicates from the signatures kept there."""
        rows = {row.rel: row for row in self.manifest.rows(records=False)}
        groups = dedupe.find_duplicates(self._valid_signatures(rows))
        self.report.duplicates = sum(len(group) - 1 for group in groups)
        records, failures = self.manifest.records(), self.manifest.failures()
        write_aggregates(
            self.options.out_dir,
            records,
            failures,
            groups,
            excel=self.options.excel,
            skipped_duplicates=self.options.skip_duplicates,
        )
