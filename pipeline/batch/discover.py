"""Finding a batch's inputs: the files under its folder, each article in them (a file, or a record of
a corpus file) with its content hash, and where each article's outputs go."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..corpus import CORPUS_SUFFIXES, RESERVED, Fields, is_corpus
from ..errors import MtcleanError, UsageError
from ..files import safe_relative

# What a batch reads by default (--glob narrows it): text articles, saved web pages, corpus files.
# The order also decides which of two inputs with one stem (a.txt, a.html) keeps the short output name.
DEFAULT_SUFFIXES = (".txt", ".html", ".htm", *CORPUS_SUFFIXES)


@dataclass(frozen=True)
class Task:
    """One article to process: its key (``rel``), the file it is in, and for a corpus record where its
    bytes are; ``name`` is where its outputs go (relative to the output folder, no suffix)."""

    rel: str
    src: str
    name: str
    offset: int = -1  # -1: the whole file is the article
    length: int = 0
    record: str | None = None  # a corpus record's id
    sha256: str = ""  # the content hash: the file's, or the record's bytes'


@dataclass(frozen=True)
class Unreadable:
    """An input that failed before any worker saw it: a file that cannot be read, a broken record."""

    rel: str
    error: str
    sha256: str = ""


@dataclass
class Inputs:
    """Every article of a batch's inputs, by key, in order; and the inputs that failed already."""

    tasks: dict[str, Task] = field(default_factory=dict)
    unreadable: list[Unreadable] = field(default_factory=list)

    @property
    def keys(self) -> set[str]:
        return set(self.tasks) | {u.rel for u in self.unreadable}


def discover(in_dir: Path, pattern: str | None, out_dir: Path) -> list[Path]:
    """Input files under ``in_dir`` matching ``pattern`` (default: every file of DEFAULT_SUFFIXES),
    sorted; the output folder is never read. ``in_dir`` may be one corpus file."""
    if in_dir.is_file() and is_corpus(in_dir):
        return [in_dir]
    if not in_dir.is_dir():
        raise UsageError("not a folder or a corpus file (.jsonl, .csv)", str(in_dir))
    out_resolved = out_dir.resolve()
    found = []
    try:
        matches = list(in_dir.glob("**/*" if pattern is None else pattern))
    except (ValueError, NotImplementedError) as exc:  # '' or an absolute pattern
        raise UsageError(f"bad --glob pattern {pattern!r}: {exc}") from None
    for path in matches:
        if not path.is_file() or (pattern is None and path.suffix.lower() not in DEFAULT_SUFFIXES):
            continue
        resolved = path.resolve()
        if resolved == out_resolved or out_resolved in resolved.parents:
            continue
        found.append(path)
    return sorted(found, key=lambda p: p.relative_to(in_dir).as_posix())


def read_inputs(in_dir: Path, files: list[Path], fields: Fields, max_bytes: int) -> Inputs:
    """Every article of ``files`` (a file, or each record of a corpus file) with its content hash. An
    input that cannot be read, or a record that is broken, is an :class:`Unreadable`, not the batch's end."""
    from ..corpus import output_name, scan

    single = len(files) == 1 and files[0] == in_dir  # one corpus file: its records by id alone
    rels = {(p.name if single else p.relative_to(in_dir).as_posix()): p for p in files}
    names = output_names(list(rels))
    found = Inputs()
    for rel, path in rels.items():
        try:
            if not is_corpus(path):
                found.tasks[rel] = Task(rel, str(path), names[rel], sha256=file_hash(path))
                continue
            count = 0
            for record in scan(path, fields, max_bytes):
                count += 1
                key = record.id if single else f"{rel}#{record.id}"
                if record.error:
                    named = record.id == record.where.replace(" ", "-")
                    error = f"{key}{'' if named else f' ({record.where})'}: {record.error}"
                    found.unreadable.append(Unreadable(key, error, record.sha256))
                    continue
                name = output_name(record.id) if single else f"{names[rel]}/{output_name(record.id)}"
                found.tasks[key] = Task(key, str(path), name, record.offset, record.length, record.id, record.sha256)
            if not count:
                found.unreadable.append(Unreadable(rel, f"{rel}: a corpus file with no records"))
        except OSError as exc:
            found.unreadable.append(Unreadable(rel, f"{rel}: cannot read: {exc.strerror or exc}"))
        except MtcleanError as exc:
            found.unreadable.append(Unreadable(rel, str(exc) if exc.path else f"{rel}: {exc}"))
    return found


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def output_paths(out_dir: Path, name: str, formats: tuple[str, ...]) -> dict[str, Path]:
    """Where the outputs of an article go: ``name`` (:func:`output_names`) under ``out_dir``."""
    target = out_dir / safe_relative(name)
    return {fmt: target.with_name(f"{target.name}.{fmt}") for fmt in formats}


def output_names(rels: list[str]) -> dict[str, str]:
    """Each input file's output name: its relative path without the suffix, mirrored; of two inputs with
    one stem (``a.txt``, ``a.html``), the first by DEFAULT_SUFFIXES keeps it, the other its whole name;
    ``index`` at the top is the batch's own page, so ``index.txt`` keeps its whole name."""

    def rank(rel: str) -> tuple[int, str]:
        suffix = Path(rel).suffix.lower()
        return (DEFAULT_SUFFIXES.index(suffix) if suffix in DEFAULT_SUFFIXES else len(DEFAULT_SUFFIXES), rel)

    names: dict[str, str] = {}
    taken: set[str] = {RESERVED}
    for rel in sorted(rels, key=rank):
        short = safe_relative(rel).with_suffix("").as_posix() if Path(rel).suffix else safe_relative(rel).as_posix()
        name = short if short.lower() not in taken else safe_relative(rel).as_posix()
        taken.add(name.lower())
        names[rel] = name
    return names
