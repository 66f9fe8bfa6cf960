"""The batch's tables: one row per thing, the same ``article`` key everywhere, in CSV, SQLite and Excel.

After every run the tables are rebuilt from the manifest (each article's record, :func:`aggregate_record`,
kept there when it was processed), so they always match what is on disk:

- ``articles.csv``: one row per article (metadata, headline, event, key points, counts);
- ``officials.csv``: one row per official and post; ``places.csv``; ``organisations.csv`` (banks too);
- ``figures.csv``: one row per figure, with its qualifier, what it counts, as written, its sentence;
- ``flags.csv``; ``failures.csv`` (the inputs that failed, with why); ``duplicates.csv``;
- ``mtclean.sqlite``: the same tables, indexed on ``article`` and on ``name``;
- ``mtclean.xlsx`` with ``--excel``: the same tables, a sheet each;
- ``articles.jsonl`` (the nested summary per article) and ``errors.jsonl``, as before;
- ``index.html``: the articles (title, date, source, headline, edits, flags by severity, officials),
  sortable and filterable, each linking to its review page, and the failures.

The CSVs are UTF-8 with a byte-order mark, so that Excel reads Chinese names right; ``pd.read_csv``
reads them with no options. One column list per table (:data:`TABLES`) serves every writer.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .article import Article, Entities, summary_dict
from .files import atomic_path, write_atomic

if TYPE_CHECKING:
    from .batch import Manifest

# Bump when the record's shape changes: the batch fingerprint holds it, so older records are redone.
RECORD_VERSION = 2

# Each table: its columns and their SQLite types. The first column is always the article's key.
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": (
        ("article", "TEXT"),
        ("title", "TEXT"),
        ("source", "TEXT"),
        ("published", "TEXT"),
        ("url", "TEXT"),
        ("author", "TEXT"),
        ("headline", "TEXT"),
        ("event_kind", "TEXT"),
        ("event_date", "TEXT"),
        ("event_place", "TEXT"),
        ("event_place_parent", "TEXT"),
        ("event_organiser", "TEXT"),
        ("key_points", "TEXT"),
        ("edits", "INTEGER"),
        ("flags_error", "INTEGER"),
        ("flags_warning", "INTEGER"),
        ("flags_info", "INTEGER"),
        ("officials", "INTEGER"),
        ("places", "INTEGER"),
        ("organisations", "INTEGER"),
        ("figures", "INTEGER"),
        ("format", "TEXT"),
        ("outputs", "TEXT"),
    ),
    "officials": (
        ("article", "TEXT"),
        ("name", "TEXT"),
        ("variants", "TEXT"),
        ("title", "TEXT"),
        ("organisation", "TEXT"),
        ("mentions", "INTEGER"),
    ),
    "places": (
        ("article", "TEXT"),
        ("name", "TEXT"),
        ("kind", "TEXT"),
        ("parent", "TEXT"),
        ("code", "TEXT"),
        ("mentions", "INTEGER"),
    ),
    "organisations": (
        ("article", "TEXT"),
        ("name", "TEXT"),
        ("kind", "TEXT"),
        ("as_written", "TEXT"),
        ("mentions", "INTEGER"),
    ),
    "figures": (
        ("article", "TEXT"),
        ("value", "REAL"),
        ("qualifier", "TEXT"),
        ("unit", "TEXT"),
        ("period", "TEXT"),
        ("as_written", "TEXT"),
        ("sentence", "TEXT"),
        ("sentence_id", "INTEGER"),
        ("flag", "TEXT"),
    ),
    "flags": (
        ("article", "TEXT"),
        ("rule", "TEXT"),
        ("severity", "TEXT"),
        ("text", "TEXT"),
        ("message", "TEXT"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
    ),
    "failures": (("article", "TEXT"), ("error", "TEXT")),
    "duplicates": (("article", "TEXT"), ("group", "INTEGER"), ("kept", "TEXT")),
}
NAMED = ("officials", "places", "organisations")  # the tables indexed on name too
DATABASE, WORKBOOK = "mtclean.sqlite", "mtclean.xlsx"
INDEX = "index.html"
AGGREGATES = (*(f"{table}.csv" for table in TABLES), DATABASE, "articles.jsonl", "errors.jsonl", INDEX)
SEVERITIES = ("error", "warning", "info")


def aggregate_record(rel: str, article: Article) -> dict[str, Any]:
    """What the tables need from one article (kept in the manifest): rows for each table but articles,
    without the article key (added when the tables are written), and the nested summary."""
    meta = article.metadata
    ents = article.entities or Entities()
    summary = article.summary
    event = summary.event if summary else None
    rows: dict[str, list[list[Any]]] = {"officials": [], "places": [], "organisations": [], "figures": [], "flags": []}
    for official in ents.officials:
        variants = "; ".join(official.variants)
        posts: list[tuple[str | None, str | None]] = [(p.title, p.organization) for p in official.roles]
        for title, body in posts or [(None, None)]:
            rows["officials"].append([official.name, variants, title, body, len(official.mentions)])
    for place in ents.places:
        rows["places"].append([place.name, place.kind, place.parent, place.code, len(place.mentions)])
    for org in [*ents.banks, *ents.organizations]:
        rows["organisations"].append([org.name, org.kind, "; ".join(org.aliases_seen), len(org.mentions)])
    sentences = {s.id: s.text for s in article.sentences}
    flag_rules = {f.id: f.rule for f in article.flags}
    for fig in article.figures or []:
        flag = flag_rules.get(fig.flag) if fig.flag is not None else None
        rows["figures"].append(
            [fig.value, fig.qualifier, fig.unit, fig.period, fig.text, sentences.get(fig.sentence), fig.sentence, flag]
        )
    for f in article.flags:
        rows["flags"].append([f.rule, f.severity, f.text, f.message, f.start, f.end])
    by_severity = {s: sum(1 for f in article.flags if f.severity == s) for s in SEVERITIES}
    article_row = [
        meta.title,
        meta.source_name,
        meta.published,
        meta.url,
        meta.author,
        summary.headline if summary else None,
        event.kind if event else None,
        event.date if event else None,
        event.place if event else None,
        event.place_parent if event else None,
        event.organiser if event else None,
        " | ".join(p.text for p in summary.key_points) if summary else None,
        len(article.edits),
        *(by_severity[s] for s in SEVERITIES),
        len(ents.officials),
        len(ents.places),
        len(ents.banks) + len(ents.organizations),
        len(article.figures or []),
        article.source.format,
    ]
    return {
        "version": RECORD_VERSION,
        "article": article_row,
        **rows,
        "jsonl": {
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
    }


def build_tables(
    manifest: Manifest, groups: list[list[str]]
) -> tuple[dict[str, list[list[Any]]], list[str], list[str]]:
    """Every table's rows from the manifest, and the lines of articles.jsonl and errors.jsonl."""
    tables: dict[str, list[list[Any]]] = {name: [] for name in TABLES}
    articles_jsonl, errors_jsonl = [], []
    for row in manifest.rows():
        key = row["rel"]
        if row["status"] == "failed":
            tables["failures"].append([key, row["error"]])
            errors_jsonl.append(json.dumps({"article": key, "error": row["error"]}, ensure_ascii=False))
            continue
        if row["status"] != "done" or not row["record"]:
            continue
        record = json.loads(row["record"])
        if record.get("version") != RECORD_VERSION:  # written by another version: redone on the next run
            continue
        outputs = "; ".join(json.loads(row["outputs"] or "[]"))
        tables["articles"].append([key, *record["article"], outputs])
        for name in ("officials", "places", "organisations", "figures", "flags"):
            tables[name].extend([key, *values] for values in record[name])
        articles_jsonl.append(json.dumps({"article": key, **record["jsonl"]}, ensure_ascii=False))
    for i, group in enumerate(groups, 1):
        tables["duplicates"].extend([key, i, "yes" if key == group[0] else "no"] for key in group)
    return tables, articles_jsonl, errors_jsonl


def write_aggregates(out_dir: Path, manifest: Manifest, groups: list[list[str]], excel: bool = False) -> None:
    """Rewrite every table from the manifest: the CSVs, the SQLite database, the JSONL files, and with
    ``excel`` the workbook, and the index page. Each file is written to a temporary name and renamed."""
    tables, articles_jsonl, errors_jsonl = build_tables(manifest, groups)
    for name, rows in tables.items():
        write_atomic(out_dir / f"{name}.csv", _csv(name, rows), encoding="utf-8-sig")
    write_database(out_dir / DATABASE, tables)
    if excel:
        write_workbook(out_dir / WORKBOOK, tables)
    write_atomic(out_dir / "articles.jsonl", "".join(line + "\n" for line in articles_jsonl))
    write_atomic(out_dir / "errors.jsonl", "".join(line + "\n" for line in errors_jsonl))
    from .render.index import to_index

    columns = {name: [column for column, _ in spec] for name, spec in TABLES.items()}
    write_atomic(out_dir / INDEX, to_index(tables, columns))


def _csv(name: str, rows: list[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([column for column, _ in TABLES[name]])
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return out.getvalue()


def write_database(path: Path, tables: dict[str, list[list[Any]]]) -> None:
    """The tables in one SQLite database, indexed on article (and name), made whole before it replaces
    the last one."""
    with atomic_path(path) as tmp:
        db = sqlite3.connect(tmp)
        try:
            # No journal: the file is new and replaces the last one only when whole, and a kill then leaves
            # no journal file beside it (the .tmp itself is removed by the next run).
            db.execute("PRAGMA journal_mode=OFF")
            for name, columns in TABLES.items():
                spec = ", ".join(f'"{column}" {kind}' for column, kind in columns)
                db.execute(f'CREATE TABLE "{name}" ({spec})')
                marks = ", ".join("?" for _ in columns)
                db.executemany(f'INSERT INTO "{name}" VALUES ({marks})', tables[name])
                db.execute(f'CREATE INDEX "{name}_article" ON "{name}" (article)')
                if name in NAMED:
                    db.execute(f'CREATE INDEX "{name}_name" ON "{name}" (name)')
            db.commit()
        finally:
            db.close()


def write_workbook(path: Path, tables: dict[str, list[list[Any]]]) -> None:
    """The tables as one workbook, a sheet each (openpyxl, write-only). Every text is a text cell, never a
    formula, whatever it starts with; characters a workbook cannot hold are dropped, and a cell holds at
    most 32,767 characters."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for name, columns in TABLES.items():
        sheet = book.create_sheet(name)
        header = []
        for column, _ in columns:
            cell = WriteOnlyCell(sheet, value=column)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for row in tables[name]:
            sheet.append(list(_cells(sheet, row, WriteOnlyCell, ILLEGAL_CHARACTERS_RE)))
    with atomic_path(path) as tmp:
        book.save(tmp)


def _cells(sheet: Any, row: list[Any], make: Any, illegal: Any) -> Iterator[Any]:
    for value in row:
        if isinstance(value, str):
            cell = make(sheet, value=None)
            cell.value = illegal.sub("", value)[:32767]
            cell.data_type = "s"  # a text: "=..." stays text, never a formula
            yield cell
        else:
            yield value
