"""Files in and out: reading an input, the one atomic writer, safe output names, writable folders."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import InputError, UsageError


def read_input(path: Path | str, max_bytes: int) -> bytes:
    """A file's bytes with a clear error for what cannot be read (``'-'`` is standard input)."""
    if str(path) == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(f"over the limit of {max_bytes:,} bytes (raise it with --max-size)", "<stdin>")
        return data
    p = Path(path)
    if not p.exists():
        raise UsageError("no such file", str(p))
    if p.is_dir():
        raise UsageError("is a directory, not a file (use 'mtclean batch' for folders)", str(p))
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"file is {size:,} bytes, over the limit of {max_bytes:,} (raise it with --max-size)", str(p)
            )
        return p.read_bytes()
    except PermissionError:
        raise UsageError("permission denied", str(p)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", str(p)) from None


def write_atomic(path: Path, content: str | Iterable[str], encoding: str = "utf-8") -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename: a reader (or a run
    killed half-way) never sees a half-written file. ``content``: a text, or its pieces in order."""
    with atomic_path(path) as tmp:
        with open(tmp, "w", encoding=encoding, newline="") as handle:
            for part in [content] if isinstance(content, str) else content:
                handle.write(part)
            handle.flush()
            os.fsync(handle.fileno())


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary name beside ``path`` to write a file to (a database, a workbook); renamed to ``path``
    when the block ends without an error, removed otherwise."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.unlink(missing_ok=True)
        yield tmp
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def ensure_writable_dir(path: Path) -> None:
    """Create ``path`` if needed and check that files can be written in it; a :class:`UsageError`
    naming the folder otherwise (checked before any work is done)."""
    if path.exists() and not path.is_dir():
        raise UsageError("is a file, not a folder (the output must be a folder)", str(path))
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".mtclean-check-"):
            pass
    except OSError as exc:
        raise OutputError(f"cannot write to this folder: {exc.strerror or exc}", str(path)) from None


class OutputError(InputError):
    """An output folder or file that cannot be written (exit code 1)."""


def safe_relative(rel: str) -> Path:
    """A relative path with no '..', no absolute part and no control characters.

    >>> safe_relative("../a/./b\\x07.txt").as_posix()
    'a/b_.txt'
    """
    parts = []
    for part in Path(rel).parts:
        if part in ("", ".", "..") or part.startswith("/") or part.endswith(":"):
            continue
        clean = "".join(ch if ch.isprintable() and ch not in '<>:"|?*\\' else "_" for ch in part)
        parts.append(clean.lstrip(".") or "_")
    return Path(*parts) if parts else Path("_")


# ----------------------------------------------------------------- files of someone else's
FOREIGN = "exists and was not written by mtclean (use --force)"
LEDGER = ".mtclean-outputs.json"  # what `mtclean clean -o` wrote in a folder (a batch keeps its manifest)


def foreign(paths: Iterable[Path], ours: Callable[[Path], bool]) -> Path | None:
    """The one rule for every output mtclean writes, ``clean -o`` and ``batch`` alike: a file already
    there that mtclean did not write (``ours`` says which it did) is never replaced; the caller skips the
    check only for ``--force``. The first such path, or None."""
    return next((p for p in paths if p.exists() and not ours(p)), None)


def written_here(out_dir: Path) -> set[str]:
    """The outputs ``mtclean clean -o`` wrote in ``out_dir``, relative to it (its ledger; none if unreadable)."""
    try:
        data = json.loads((out_dir / LEDGER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    names = data.get("outputs") if isinstance(data, dict) else None
    return {n for n in names if isinstance(n, str)} if isinstance(names, list) else set()


def record_written(out_dir: Path, paths: Iterable[Path]) -> None:
    """Add ``paths`` (inside ``out_dir``) to the folder's ledger, so the next run may replace them."""
    names = written_here(out_dir) | {p.relative_to(out_dir).as_posix() for p in paths}
    write_atomic(out_dir / LEDGER, json.dumps({"outputs": sorted(names)}, ensure_ascii=False, indent=1) + "\n")
