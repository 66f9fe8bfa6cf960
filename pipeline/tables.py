"""The batch's tables: one row per thing, the same ``article`` key everywhere, in CSV, SQLite and Excel.

After every run the batch rebuilds the tables from its manifest (each article's record,
:func:`aggregate_record`, kept there when it was processed), so they always match what is on disk:

- ``articles.csv``: one row per article (metadata, headline, event, key points, counts);
- ``officials.csv``: one row per official and post; ``places.csv``; ``organisations.csv`` (banks too);
- ``banks.csv``: one row per bank and branch (institution, kind, branch, its level and place, as written);
- ``figures.csv``: one row per figure, with its qualifier, what it counts, as written, its sentence;
- ``flags.csv``; ``failures.csv`` (the inputs that failed, with why); ``duplicates.csv``;
- ``mtclean.sqlite``: the same tables, indexed on ``article`` and on ``name``;
- ``mtclean.xlsx`` with ``--excel``: the same tables, a sheet each;
- ``articles.jsonl`` (the nested summary per article) and ``errors.jsonl``, as before;
- ``index.html``: the articles (title, date, source, headline, edits, flags by severity, officials),
  sortable and filterable, each linking to its review page, and the failures.

The CSVs are UTF-8 with a byte-order mark, so that Excel reads Chinese names right; ``pd.read_csv``
reads them with no options. A table's columns are the fields of its row class (:mod:`pipeline.rows`),
read by every writer.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .article import Article, Entities, Post, summary_dict
from .files import atomic_path, write_atomic
from .rows import (
    NAMED,
    SEVERITIES,
    TABLES,
    ArticleRecord,
    ArticleRow,
    BankRow,
    DuplicateRow,
    FailureRow,
    FigureRow,
    FlagRow,
    OfficialRow,
    OrganisationRow,
    PlaceRow,
    Tables,
    columns,
    values,
)

DATABASE, WORKBOOK = "mtclean.sqlite", "mtclean.xlsx"
INDEX = "index.html"


def aggregate_record(rel: str, article: Article, outputs: Sequence[str]) -> ArticleRecord:
    """What the tables need from one article (kept in the manifest): its rows of every table, keyed by
    ``rel``, and the nested summary; ``outputs``: its files, relative to the output folder."""
    meta = article.metadata
    ents = article.entities or Entities()
    summary = article.summary
    event = summary.event if summary else None
    officials = []
    for official in ents.officials:
        variants = "; ".join(official.variants)
        roles: list[Post | None] = [*official.roles] or [None]
        for post in roles:
            officials.append(
                OfficialRow(
                    rel,
                    official.name,
                    variants,
                    title_key(post.title) if post else None,
                    post.organization if post else None,
                    post.status if post else None,
                    post.organization_source if post else None,
                    len(official.mentions),
                    post.title if post else None,
                )
            )
    sentences = {s.id: s.text for s in article.sentences}
    flag_rules = {f.id: f.rule for f in article.flags}
    figures = [
        FigureRow(
            article=rel,
            value=fig.value,
            qualifier=fig.qualifier,
            unit=fig.unit,
            period=fig.period,
            as_written=fig.text,
            sentence=sentences.get(fig.sentence),
            sentence_id=fig.sentence,
            flag=flag_rules.get(fig.flag) if fig.flag is not None else None,
        )
        for fig in article.figures or []
    ]
    by_severity = {s: sum(1 for f in article.flags if f.severity == s) for s in SEVERITIES}
    row = ArticleRow(
        article=rel,
        title=meta.title,
        source=meta.source_name,
        published=meta.published,
        url=meta.url,
        author=meta.author,
        headline=summary.headline if summary else None,
        event_kind=event.kind if event else None,
        event_date=event.date if event else None,
        event_place=event.place if event else None,
        event_place_parent=event.place_parent if event else None,
        event_organiser=event.organiser if event else None,
        key_points=" | ".join(p.text for p in summary.key_points) if summary else None,
        edits=len(article.edits),
        flags_error=by_severity["error"],
        flags_warning=by_severity["warning"],
        flags_info=by_severity["info"],
        officials=len(ents.officials),
        places=len(ents.places),
        organisations=len(ents.banks) + len(ents.organizations),
        figures=len(article.figures or []),
        format=article.source.format,
        outputs="; ".join(outputs),
    )
    return ArticleRecord(
        article=row,
        officials=tuple(officials),
        places=tuple(PlaceRow(rel, p.name, p.kind, p.parent, p.code, len(p.mentions)) for p in ents.places),
        organisations=tuple(
            OrganisationRow(rel, org.name, org.kind, "; ".join(org.aliases_seen), len(org.mentions))
            for org in [*ents.banks, *ents.organizations]
        ),
        banks=tuple(_bank_rows(rel, ents)),
        figures=tuple(figures),
        flags=tuple(FlagRow(rel, f.rule, f.severity, f.text, f.message, f.start, f.end) for f in article.flags),
        line={
            "title": meta.title,
            "source_name": meta.source_name,
            "published": meta.published,
            "views": meta.views,
            "url": meta.url,
            "summary": summary_dict(summary) if summary else None,
            "counts": {
                "edits": len(article.edits),
                "flags": len(article.flags),
                **{c: len(getattr(ents, c)) for c in ("officials", "places", "banks", "organizations")},
            },
        },
    )


def _bank_rows(rel: str, ents: Entities) -> list[BankRow]:
    rows = []
    for bank in ents.banks:
        written = "; ".join(bank.aliases_seen)
        for branch in bank.branches:
            rows.append(
                BankRow(
                    rel, bank.name, bank.kind, branch.name, branch.level, branch.place, written, len(branch.mentions)
                )
            )
        if not bank.branches:
            rows.append(BankRow(rel, bank.name, bank.kind, None, None, None, written, len(bank.mentions)))
    return rows


def title_key(title: str) -> str:
    """A title in the one form the tables give it (lower case, single spaces), whatever the article's
    capitals: the JSON and the table's ``title_as_written`` keep the article's.

    >>> {title_key(t) for t in ("Secretary", "secretary", " Secretary ")}, title_key("deputy  Secretary")
    ({'secretary'}, 'deputy secretary')
    """
    return " ".join(title.split()).lower()


def build_tables(
    records: Iterable[ArticleRecord],
    failures: Iterable[FailureRow],
    groups: list[list[str]],
    skipped_duplicates: bool = False,
) -> tuple[Tables, list[str], list[str]]:
    """Every table's rows from the articles' records and the failures (each in the order given), and the
    lines of articles.jsonl and errors.jsonl; ``groups``: the near-duplicates, of which the first of each
    is marked kept and the others not only where ``skipped_duplicates`` (the batch skipped them)."""
    tables = Tables()
    articles_jsonl = []
    for record in records:
        tables.articles.append(record.article)
        tables.officials.extend(record.officials)
        tables.places.extend(record.places)
        tables.organisations.extend(record.organisations)
        tables.banks.extend(record.banks)
        tables.figures.extend(record.figures)
        tables.flags.extend(record.flags)
        articles_jsonl.append(json.dumps({"article": record.article.article, **record.line}, ensure_ascii=False))
    tables.failures.extend(failures)
    errors_jsonl = [json.dumps({"article": f.article, "error": f.error}, ensure_ascii=False) for f in tables.failures]
    for i, group in enumerate(groups, 1):
        tables.duplicates.extend(
            DuplicateRow(key, i, ("yes" if key == group[0] else "no") if skipped_duplicates else None) for key in group
        )
    return tables, articles_jsonl, errors_jsonl


def write_aggregates(
    out_dir: Path,
    records: Iterable[ArticleRecord],
    failures: Iterable[FailureRow],
    groups: list[list[str]],
    excel: bool = False,
    skipped_duplicates: bool = False,
) -> None:
    """Rewrite every table from the records and failures: the CSVs, the SQLite database, the JSONL files,
    and with ``excel`` the workbook, and the index page. Each file is written to a temporary name and renamed."""
    from .render.index import to_index

    tables, articles_jsonl, errors_jsonl = build_tables(records, failures, groups, skipped_duplicates)
    for name in TABLES:
        write_atomic(out_dir / f"{name}.csv", _csv(name, tables.rows(name)), encoding="utf-8-sig")
    write_database(out_dir / DATABASE, tables)
    if excel:
        write_workbook(out_dir / WORKBOOK, tables)
    write_atomic(out_dir / "articles.jsonl", "".join(line + "\n" for line in articles_jsonl))
    write_atomic(out_dir / "errors.jsonl", "".join(line + "\n" for line in errors_jsonl))
    write_atomic(out_dir / INDEX, to_index(tables))


def _csv(name: str, rows: list[Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([column for column, _ in columns(TABLES[name])])
    writer.writerows(["" if v is None else v for v in values(row)] for row in rows)
    return out.getvalue()


def write_database(path: Path, tables: Tables) -> None:
    """The tables in one SQLite database, indexed on article (and name), made whole before it replaces
    the last one."""
    with atomic_path(path) as tmp:
        db = sqlite3.connect(tmp)
        try:
            # No journal: the file is new and replaces the last one only when whole, and a kill then leaves
            # no journal file beside it (the .tmp itself is removed by the next run).
            db.execute("PRAGMA journal_mode=OFF")
            for name, row_class in TABLES.items():
                spec = columns(row_class)
                declared = ", ".join(f'"{column}" {kind}' for column, kind in spec)
                db.execute(f'CREATE TABLE "{name}" ({declared})')
                marks = ", ".join("?" for _ in spec)
                db.executemany(f'INSERT INTO "{name}" VALUES ({marks})', [values(row) for row in tables.rows(name)])
                db.execute(f'CREATE INDEX "{name}_article" ON "{name}" (article)')
                if name in NAMED:
                    db.execute(f'CREATE INDEX "{name}_name" ON "{name}" (name)')
            db.commit()
        finally:
            db.close()


def write_workbook(path: Path, tables: Tables) -> None:
    """The tables as one workbook, a sheet each (openpyxl, write-only). Every text is a text cell, never a
    formula, whatever it starts with; characters a workbook cannot hold are dropped, and a cell holds at
    most 32,767 characters."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for name, row_class in TABLES.items():
        sheet = book.create_sheet(name)
        header = []
        for column, _ in columns(row_class):
            cell = WriteOnlyCell(sheet, value=column)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for row in tables.rows(name):
            sheet.append(list(_cells(sheet, values(row), WriteOnlyCell, ILLEGAL_CHARACTERS_RE)))
    with atomic_path(path) as tmp:
        book.save(tmp)


def _cells(sheet: Any, row: Sequence[Any], make: Any, illegal: Any) -> Iterator[Any]:
    for value in row:
        if isinstance(value, str):
            cell = make(sheet, value=None)
            cell.value = illegal.sub("", value)[:32767]
            cell.data_type = "s"  # a text: "=..." stays text, never a formula
            yield cell
        else:
            yield value
