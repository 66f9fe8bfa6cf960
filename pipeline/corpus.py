"""Corpus files in: a JSONL file (one article per line) or a CSV file (one per row), each record one article.

The batch's parent scans a corpus file once, in a stream: where each record starts and how long it
is, its id and its hash; a record that is not valid JSON, not an object, or has no text is one
recorded failure there, named ``line-N`` (JSONL) or ``row-N`` (CSV) when it has no id of its own.
The workers read only their record's bytes again. A record's fields besides the text (title, date,
url) fill the article's metadata where the text itself says nothing.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .article import Metadata
from .errors import InputError

CORPUS_SUFFIXES = (".jsonl", ".csv")
_DATE = re.compile(r"^\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")


@dataclass(frozen=True)
class Fields:
    """Which field of a record holds what (``--text-field``, ``--id-field``, ...)."""

    text: str = "text"
    id: str = "id"
    title: str | None = "title"
    date: str | None = "date"
    url: str | None = "url"


@dataclass(frozen=True)
class Record:
    """One record of a corpus file: its id (or ``line-N``/``row-N``), where its bytes are, their hash,
    and why it cannot be read (None when it can)."""

    id: str
    offset: int
    length: int
    sha256: str
    where: str  # "line 12", "row 3": for messages
    error: str | None = None


def is_corpus(path: Path) -> bool:
    return path.suffix.lower() in CORPUS_SUFFIXES


def scan(path: Path, fields: Fields, max_bytes: int) -> Iterator[Record]:
    """Every record of the corpus file ``path``, in order; one with the same id as an earlier one is
    a failure (an id names one article)."""
    seen: dict[str, str] = {}
    records = (
        _scan_csv(path, fields, max_bytes) if path.suffix.lower() == ".csv" else _scan_jsonl(path, fields, max_bytes)
    )
    for record in records:
        if record.id in seen:  # the first keeps the id; this one fails under its line's or row's name
            error = f"id {record.id!r} repeats {seen[record.id]}" + (f"; {record.error}" if record.error else "")
            name = record.where.replace(" ", "-")
            yield Record(name, record.offset, record.length, record.sha256, record.where, error)
            continue
        seen[record.id] = record.where
        yield record


def _scan_jsonl(path: Path, fields: Fields, max_bytes: int) -> Iterator[Record]:
    with open(path, "rb") as handle:
        offset = 0
        for number, line in enumerate(handle, 1):
            start, offset = offset, offset + len(line)
            if not line.strip():
                continue
            name, where = f"line-{number}", f"line {number}"
            digest = hashlib.sha256(line).hexdigest()
            if len(line) > max_bytes:
                error = f"{len(line):,} bytes, over the limit of {max_bytes:,}"
                yield Record(name, start, len(line), digest, where, error)
                continue
            try:
                data = parse_jsonl(line)
            except InputError as exc:
                yield Record(name, start, len(line), digest, where, exc.message)
                continue
            yield _checked(data, fields, name, f"line {number}", start, len(line), digest)


def parse_jsonl(line: bytes) -> dict[str, Any]:
    try:
        data = json.loads(line.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError("not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON ({exc.msg} at character {exc.pos})") from None
    if not isinstance(data, dict):
        raise InputError(f"not a JSON object (a {type(data).__name__})")
    return data


def _checked(
    data: dict[str, Any], fields: Fields, name: str, where: str, start: int, length: int, digest: str
) -> Record:
    raw_id = data.get(fields.id)
    rid = str(raw_id).strip() if raw_id is not None and not isinstance(raw_id, (dict, list)) else ""
    rid = rid or name
    text = data.get(fields.text)
    if not isinstance(text, str) or not text.strip():
        what = "no" if text is None else "an empty" if isinstance(text, str) else "a non-text"
        return Record(rid, start, length, digest, where, f"{what} {fields.text!r} field")
    return Record(rid, start, length, digest, where)


def _no_field_limit() -> None:
    """csv refuses a field over 131,072 characters by default; an article may be longer (``--max-size``
    bounds a record). Set in every process that parses a row: the scan and each batch worker."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def _scan_csv(path: Path, fields: Fields, max_bytes: int) -> Iterator[Record]:
    _no_field_limit()
    with open(path, "rb") as handle:
        header = handle.readline()
        try:
            columns = header_columns(header)
        except InputError as exc:
            raise InputError(f"the CSV header: {exc.message}", str(path)) from None
        if fields.text not in columns:
            raise InputError(
                f"no {fields.text!r} column (columns: {', '.join(columns[:10])}); use --text-field", str(path)
            )
        offset, number = len(header), 0
        pending, start, quotes = b"", offset, 0
        for line in handle:
            if not pending:
                start = offset
            offset += len(line)
            pending += line
            quotes += line.count(b'"')
            if quotes % 2 and len(pending) <= max_bytes:  # a quoted field goes on to the next line
                continue
            number += 1
            record, pending, quotes = pending, b"", 0
            if not record.strip():
                continue
            yield _csv_record(record, header, fields, number, start, max_bytes)
        if pending.strip():
            number += 1
            yield _csv_record(pending, header, fields, number, start, max_bytes)


def _csv_record(record: bytes, header: bytes, fields: Fields, number: int, start: int, max_bytes: int) -> Record:
    name, where = f"row-{number}", f"row {number}"
    digest = hashlib.sha256(record).hexdigest()
    if len(record) > max_bytes:
        error = f"over the limit of {max_bytes:,} bytes (or a quote never closed)"
        return Record(name, start, len(record), digest, where, error)
    try:
        data = parse_csv(header, record)
    except (InputError, csv.Error) as exc:
        message = exc.message if isinstance(exc, InputError) else f"not a CSV row ({exc})"
        return Record(name, start, len(record), digest, where, message)
    return _checked(data, fields, name, where, start, len(record), digest)


def header_columns(header: bytes) -> list[str]:
    text = _utf8(header)
    return next(csv.reader([text.rstrip("\r\n")], delimiter=_delimiter(text)), [])


def _delimiter(header_text: str) -> str:
    """The header's delimiter: a comma unless a semicolon or a tab separates more columns."""
    counts = {d: header_text.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ","))


def parse_csv(header: bytes, record: bytes) -> dict[str, Any]:
    _no_field_limit()
    head = _utf8(header)
    rows = list(csv.reader(io.StringIO(head + _utf8(record)), delimiter=_delimiter(head), strict=True))
    if len(rows) != 2:
        raise InputError("not one CSV row (an unclosed quote?)")
    columns, values = rows
    if len(values) > len(columns):
        raise InputError(f"{len(values)} fields for {len(columns)} columns")
    return dict(zip(columns, values))


def _utf8(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("not UTF-8") from None


def read_record(path: Path, offset: int, length: int) -> dict[str, Any]:
    """The record at ``offset`` of the corpus file ``path``, parsed (a worker reads only its bytes)."""
    with open(path, "rb") as handle:
        header = handle.readline() if path.suffix.lower() == ".csv" else b""
        handle.seek(offset)
        data = handle.read(length)
    try:
        return parse_csv(header, data) if header else parse_jsonl(data)
    except csv.Error as exc:
        raise InputError(f"not a CSV row ({exc})") from None


def record_text(data: dict[str, Any], fields: Fields) -> tuple[str, Metadata]:
    """A record's text and what its other fields say (title, date as YYYY-MM-DD, url)."""
    text = data.get(fields.text)
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"no {fields.text!r} field")

    def field(name: str | None) -> str | None:
        value = data.get(name) if name else None
        return " ".join(value.split()) or None if isinstance(value, str) else None

    date = field(fields.date)
    match = _DATE.match(date or "")
    published = None
    if match and 1 <= int(match[2]) <= 12 and 1 <= int(match[3]) <= 31:
        published = f"{match[1]}-{int(match[2]):02d}-{int(match[3]):02d}"
    return text, Metadata(title=field(fields.title), published=published, url=field(fields.url))


RESERVED = "index"  # index.html is the batch's list of articles: no article's outputs take that name


def output_name(rid: str) -> str:
    """A file name for a record's outputs: its id, made safe (a short hash added when it had to change, or
    when it is ``index``, the batch's own page)."""
    safe = "".join(ch if ch.isalnum() or ch in "-_.@" else "_" for ch in rid).strip("._")[:80]
    if safe != rid or not safe or safe.lower() == RESERVED:
        safe = f"{safe or 'record'}-{hashlib.sha256(rid.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"
    return safe
