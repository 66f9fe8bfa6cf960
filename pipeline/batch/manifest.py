"""The manifest (``OUT_DIR/manifest.sqlite``): one row per input, what the batch knows about it.

Each row records the input by key (its path relative to the folder, ``file#id`` for a corpus record),
its content hash, the fingerprint of what produced its outputs, its status, its outputs, why it
failed, its record for the tables, and its near-duplicate signature. A row is committed only after
its outputs are in place, so a run killed at any moment loses nothing it recorded.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from ..rows import ArticleRecord, FailureRow

MANIFEST = "manifest.sqlite"

# pending: to do in this run (or cut short by a kill); done; failed; duplicate: skipped by --skip-duplicates
Status = Literal["pending", "done", "failed", "duplicate"]
STATUSES: tuple[Status, ...] = get_args(Status)
_STATUS: dict[str, Status] = {s: s for s in STATUSES}

_COLUMNS = "rel, sha256, fingerprint, status, outputs, error, record, duplicate_of, signature"


@dataclass(frozen=True)
class ManifestRow:
    rel: str
    sha256: str
    fingerprint: str
    status: Status
    outputs: tuple[str, ...] = ()  # relative to the output folder
    error: str | None = None
    record: ArticleRecord | None = None  # None too when another version wrote it
    duplicate_of: str | None = None
    signature: bytes | None = None  # near-duplicate signature (batch.dedupe); None: not computed


class Manifest:
    """The SQLite file of rows; every write is committed at once."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS articles (rel TEXT PRIMARY KEY, sha256 TEXT, fingerprint TEXT, "
            "status TEXT, outputs TEXT, error TEXT, record TEXT, duplicate_of TEXT, updated REAL, signature BLOB)"
        )
        present = {row[1] for row in self.db.execute("PRAGMA table_info(articles)")}
        if "signature" not in present:  # a manifest written before signatures were kept
            self.db.execute("ALTER TABLE articles ADD COLUMN signature BLOB")
        self.db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        self.db.commit()

    def get(self, rel: str) -> ManifestRow | None:
        found = self.db.execute(f"SELECT {_COLUMNS} FROM articles WHERE rel = ?", (rel,)).fetchone()
        return _row(found, records=True) if found else None

    def rows(self, records: bool = True) -> Iterator[ManifestRow]:
        """Every row, by key; ``records=False`` leaves the records unread (None)."""
        for found in self.db.execute(f"SELECT {_COLUMNS} FROM articles ORDER BY rel").fetchall():
            yield _row(found, records)

    def records(self) -> list[ArticleRecord]:
        """The records of the articles done, by key (not those another version wrote)."""
        return [row.record for row in self.rows() if row.status == "done" and row.record is not None]

    def failures(self) -> list[FailureRow]:
        """The inputs that failed and why, by key."""
        return [FailureRow(row.rel, row.error or "") for row in self.rows(records=False) if row.status == "failed"]

    def put(self, row: ManifestRow) -> None:
        self.db.execute(
            f"INSERT OR REPLACE INTO articles ({_COLUMNS}, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                row.rel,
                row.sha256,
                row.fingerprint,
                row.status,
                json.dumps(list(row.outputs)),
                row.error,
                row.record.to_json() if row.record else None,
                row.duplicate_of,
                row.signature,
                time.time(),
            ),
        )
        self.db.commit()

    def mark_pending(self, items: Iterable[tuple[str, str, str, bytes | None]]) -> None:
        """Rows (key, hash, fingerprint, signature if known) to do in this run: their outputs found after
        a kill then belong to this batch."""
        self.db.executemany(
            "INSERT INTO articles (rel, sha256, fingerprint, status, outputs, signature, updated) "
            "VALUES (?, ?, ?, 'pending', '[]', ?, ?) ON CONFLICT(rel) DO UPDATE SET status = 'pending', "
            "sha256 = excluded.sha256, fingerprint = excluded.fingerprint, signature = excluded.signature",
            [(rel, sha256, fingerprint, signature, time.time()) for rel, sha256, fingerprint, signature in items],
        )
        self.db.commit()

    def set_signatures(self, signatures: dict[str, bytes]) -> None:
        self.db.executemany(
            "UPDATE articles SET signature = ? WHERE rel = ?", [(sig, rel) for rel, sig in signatures.items()]
        )
        self.db.commit()

    def forget_signatures(self) -> None:
        self.db.execute("UPDATE articles SET signature = NULL")
        self.db.commit()

    def forget_missing(self, present: set[str]) -> None:
        """Inputs deleted since the last run leave the aggregates (their outputs stay on disk)."""
        gone = [r for (r,) in self.db.execute("SELECT rel FROM articles").fetchall() if r not in present]
        self.db.executemany("DELETE FROM articles WHERE rel = ?", [(r,) for r in gone])
        self.db.commit()

    def meta(self, key: str) -> str | None:
        found = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(found[0]) if found else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
        self.db.commit()

    def close(self) -> None:
        self.db.close()


def batch_outputs(out_dir: Path) -> set[str]:
    """The outputs a batch wrote in ``out_dir`` (relative to it), read without creating a manifest."""
    path = out_dir / MANIFEST
    if not path.is_file():
        return set()
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            found = db.execute("SELECT outputs FROM articles").fetchall()
        finally:
            db.close()
    except sqlite3.Error:
        return set()
    names: set[str] = set()
    for (outputs,) in found:
        try:
            names.update(n for n in json.loads(outputs or "[]") if isinstance(n, str))
        except ValueError:
            continue
    return names


def _row(found: tuple[object, ...], records: bool) -> ManifestRow:
    rel, sha256, fingerprint, status, outputs, error, record, duplicate_of, signature = found
    return ManifestRow(
        rel=str(rel),
        sha256=str(sha256 or ""),
        fingerprint=str(fingerprint or ""),
        status=_STATUS.get(str(status), "pending"),
        outputs=tuple(json.loads(str(outputs or "[]"))),
        error=None if error is None else str(error),
        record=ArticleRecord.from_json(str(record)) if records and record else None,
        duplicate_of=None if duplicate_of is None else str(duplicate_of),
        signature=bytes(signature) if isinstance(signature, (bytes, memoryview)) else None,
    )
