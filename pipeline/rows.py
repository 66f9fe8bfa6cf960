"""The batch tables' rows: one frozen dataclass per table, whose fields are the table's columns in order.

:class:`Tables` holds every table's rows; :data:`TABLES` (each table's row class) and :func:`columns`
(names and SQLite types) are read from these classes, so a column is declared once, where its value is
typed. :class:`ArticleRecord` is what one processed article adds to the tables, kept in the batch
manifest so that the tables can be rebuilt without reading any article again.

Data only: this module imports nothing of the pipeline (the batch, the table writers and the index
page all import it).
"""

from __future__ import annotations

import json
import types
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

# Bump when a row's shape changes: the batch fingerprint holds it, so older records are redone.
RECORD_VERSION = 5  # 4: officials rows carry the post's status and organisation source; the banks table;
# 5: an official's title in one form (lower case), the article's in title_as_written

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = get_args(Severity)


@dataclass(frozen=True)
class ArticleRow:
    """``articles``: one row per article."""

    article: str
    title: str | None
    source: str | None
    published: str | None
    url: str | None
    author: str | None
    headline: str | None
    event_kind: str | None
    event_date: str | None
    event_place: str | None
    event_place_parent: str | None
    event_organiser: str | None
    key_points: str | None
    edits: int
    flags_error: int
    flags_warning: int
    flags_info: int
    officials: int
    places: int
    organisations: int
    figures: int
    format: str
    outputs: str  # the article's output files, relative to the output folder, joined by "; "


@dataclass(frozen=True)
class OfficialRow:
    """``officials``: one row per official and post (an official with no post has one row)."""

    article: str
    name: str
    variants: str
    title: str | None
    organisation: str | None
    status: str | None = None  # what the text says became of the post (Post.status)
    organisation_source: str | None = None  # "stated" beside the post, or "inferred" from the article's places
    mentions: int = 0
    title_as_written: str | None = None  # the title as the article writes it (``title`` is its one form)


@dataclass(frozen=True)
class PlaceRow:
    article: str
    name: str
    kind: str
    parent: str | None
    code: str | None
    mentions: int


@dataclass(frozen=True)
class OrganisationRow:
    """``organisations``: banks and other organisations."""

    article: str
    name: str
    kind: str
    as_written: str
    mentions: int


@dataclass(frozen=True)
class BankRow:
    """``banks``: one row per bank and branch the article names (a bank named without a branch has one row,
    its branch empty): the institution under its canonical name, its kind, the branch as written, its level
    and its place."""

    article: str
    name: str
    kind: str
    branch: str | None
    branch_level: str | None
    place: str | None
    as_written: str
    mentions: int


@dataclass(frozen=True)
class FigureRow:
    article: str
    value: float | None
    qualifier: str | None
    unit: str
    period: str | None
    as_written: str
    sentence: str | None
    sentence_id: int
    flag: str | None  # the rule of the flag on it


@dataclass(frozen=True)
class FlagRow:
    article: str
    rule: str
    severity: str
    text: str
    message: str
    start: int
    end: int


@dataclass(frozen=True)
class FailureRow:
    article: str
    error: str


@dataclass(frozen=True)
class DuplicateRow:
    article: str
    group: int
    kept: Literal["yes", "no"] | None  # None where the batch skipped no duplicate (no --skip-duplicates)


@dataclass
class Tables:
    """Every table's rows, the tables in the order they are written."""

    articles: list[ArticleRow] = field(default_factory=list)
    officials: list[OfficialRow] = field(default_factory=list)
    places: list[PlaceRow] = field(default_factory=list)
    organisations: list[OrganisationRow] = field(default_factory=list)
    banks: list[BankRow] = field(default_factory=list)
    figures: list[FigureRow] = field(default_factory=list)
    flags: list[FlagRow] = field(default_factory=list)
    failures: list[FailureRow] = field(default_factory=list)
    duplicates: list[DuplicateRow] = field(default_factory=list)

    def rows(self, name: str) -> list[Any]:
        """The rows of the table ``name`` (a key of :data:`TABLES`)."""
        rows: list[Any] = getattr(self, name)
        return rows


# Each table's row class, read from the fields of Tables.
TABLES: dict[str, type[Any]] = {
    name: get_args(hint)[0] for name, hint in get_type_hints(Tables).items() if get_origin(hint) is list
}
NAMED = ("officials", "places", "organisations", "banks")  # the tables indexed on name too


def columns(row_class: type[Any]) -> list[tuple[str, str]]:
    """A table's columns from its row class: each field's name and SQLite type.

    >>> columns(FailureRow)
    [('article', 'TEXT'), ('error', 'TEXT')]
    >>> dict(columns(FigureRow))["value"], dict(columns(FigureRow))["sentence_id"]
    ('REAL', 'INTEGER')
    """
    hints = get_type_hints(row_class)
    return [(f.name, _sqlite_type(hints[f.name])) for f in fields(row_class)]


def _sqlite_type(hint: Any) -> str:
    kinds = set(get_args(hint)) if get_origin(hint) in (Union, types.UnionType) else {hint}
    if float in kinds:
        return "REAL"
    if int in kinds:
        return "INTEGER"
    return "TEXT"


def values(row: Any) -> tuple[Any, ...]:
    """A row's values in its table's column order."""
    return tuple(getattr(row, f.name) for f in fields(row))


@dataclass(frozen=True)
class ArticleRecord:
    """What one processed article adds to the tables (kept in the manifest as JSON): its row of every
    table, and its line of ``articles.jsonl`` (the nested summary, without the article key)."""

    article: ArticleRow
    officials: tuple[OfficialRow, ...] = ()
    places: tuple[PlaceRow, ...] = ()
    organisations: tuple[OrganisationRow, ...] = ()
    banks: tuple[BankRow, ...] = ()
    figures: tuple[FigureRow, ...] = ()
    flags: tuple[FlagRow, ...] = ()
    line: dict[str, Any] = field(default_factory=dict)
    version: int = RECORD_VERSION

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ArticleRecord | None:
        """The record, or None when another version wrote it (the article is then redone on the next run)."""
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("version") != RECORD_VERSION:
            return None
        return cls(
            article=ArticleRow(**data["article"]),
            officials=tuple(OfficialRow(**row) for row in data["officials"]),
            places=tuple(PlaceRow(**row) for row in data["places"]),
            organisations=tuple(OrganisationRow(**row) for row in data["organisations"]),
            banks=tuple(BankRow(**row) for row in data["banks"]),
            figures=tuple(FigureRow(**row) for row in data["figures"]),
            flags=tuple(FlagRow(**row) for row in data["flags"]),
            line=data["line"],
        )
