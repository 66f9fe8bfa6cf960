"""The batch's tables (pipeline/tables.py): CSVs that pandas and LibreOffice read with the Chinese names
intact, the same rows in SQLite and in the workbook, one row per official and post."""

import csv
import json
import shutil
import sqlite3
import subprocess

import pytest

from conftest import SAMPLE
from pipeline.rows import RECORD_VERSION, TABLES, ArticleRow, FlagRow, Tables, columns
from pipeline.tables import aggregate_record, write_aggregates, write_workbook

pd = pytest.importorskip("pandas")

CHINESE = "沈阳新闻.txt"
STORY = (
    "Shenyang held a meeting on the work of the river chiefs on May 16, 2024.\n\n"
    "Li Ming, secretary of the Shenyang Municipal Party Committee and mayor of Shenyang, spoke at the "
    "meeting. He asked every district to finish its river plan and to spend 12 million yuan on the banks.\n\n"
    "The plan will benefit more than ,000 households along the Hun River.\n"
)


@pytest.fixture(scope="module")
def batch_run(tmp_path_factory):
    """One batch (with the models) over the sample, a Chinese-named story and an empty file: (input, output)."""
    from conftest import run_cli

    src = tmp_path_factory.mktemp("in")
    shutil.copy(SAMPLE, src / "sample.txt")
    (src / CHINESE).write_text(STORY, encoding="utf-8")
    (src / "broken.txt").write_bytes(b"")
    out = tmp_path_factory.mktemp("out")
    result = run_cli("batch", src, "-o", out, "-w", "1", "--excel", "--quiet")
    assert result.returncode == 1, result.stderr  # the empty file fails
    return src, out


@pytest.fixture
def batch(batch_run):
    return batch_run[1]


def _rows(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def _norm(value):
    """A cell as CSV and SQLite both give it: empty for NULL, numbers as numbers."""
    if value is None or value == "":
        return ""
    try:
        return float(value)
    except (TypeError, ValueError):
        return str(value)


@pytest.mark.slow
def test_every_table_loads_with_pandas_and_no_options(batch):
    for name, row_class in TABLES.items():
        path = batch / f"{name}.csv"
        assert path.read_bytes().startswith(b"\xef\xbb\xbf"), name  # the BOM Excel needs
        frame = pd.read_csv(path)
        assert list(frame.columns) == [c for c, _ in columns(row_class)], name
        assert list(frame.columns)[0] == "article"
    articles = pd.read_csv(batch / "articles.csv")
    assert sorted(articles["article"]) == ["sample.txt", CHINESE]
    assert pd.read_csv(batch / "failures.csv")["article"].tolist() == ["broken.txt"]
    places = pd.read_csv(batch / "places.csv")
    assert CHINESE in set(places["article"]) and "Shenyang" in set(places["name"])


@pytest.mark.slow
def test_an_official_with_two_posts_has_two_rows(batch):
    officials = pd.read_csv(batch / "officials.csv")
    li = officials[(officials["article"] == CHINESE) & (officials["name"] == "Li Ming")]
    assert len(li) >= 2, officials
    assert {"secretary", "mayor"} <= set(li["title"]), li  # one form in the table
    assert (li["title"] == li["title_as_written"].str.lower()).all(), li  # the article's beside it
    assert set(li["organisation_source"]) == {"stated"}, li  # "of Shenyang": the body is written beside the post
    assert "Shenyang Municipal People's Government" in set(li["organisation"]), li  # the mayor heads the government


@pytest.mark.slow
def test_the_database_holds_the_same_rows_with_indexes(batch):
    db = sqlite3.connect(batch / "mtclean.sqlite")
    for name in TABLES:
        header, *rows = _rows(batch / f"{name}.csv")
        stored = db.execute(f'SELECT * FROM "{name}"').fetchall()
        assert [[_norm(v) for v in row] for row in stored] == [[_norm(v) for v in row] for row in rows], name
        indexes = {row[1] for row in db.execute(f"PRAGMA index_list('{name}')")}
        assert f"{name}_article" in indexes
        if name in ("officials", "places", "organisations"):
            assert f"{name}_name" in indexes
    (count,) = db.execute(
        "SELECT COUNT(*) FROM officials o JOIN articles a ON a.article = o.article WHERE o.name = 'Li Ming'"
    ).fetchone()
    assert count >= 2


@pytest.mark.slow
def test_the_workbook_holds_the_same_rows(batch):
    from openpyxl import load_workbook

    book = load_workbook(batch / "mtclean.xlsx", read_only=True)
    assert book.sheetnames == list(TABLES)
    for name in TABLES:
        header, *rows = _rows(batch / f"{name}.csv")
        width = len(header)  # a row's empty cells at its end are not stored
        sheet = [(list(r) + [None] * width)[:width] for r in book[name].iter_rows(values_only=True)]
        assert sheet[0] == header
        assert [[_norm(v) for v in row] for row in sheet[1:]] == [[_norm(v) for v in row] for row in rows], name


def test_workbook_text_never_becomes_a_formula(tmp_path):
    from openpyxl import load_workbook

    tables = Tables()
    tables.flags.append(
        FlagRow("a.txt", "junk.spam", "warning", '=HYPERLINK("http://x.org","click")', "bell\x07 here", 1, 2)
    )
    counts = dict.fromkeys(("edits", "flags_error", "flags_warning", "flags_info", "officials", "places"), 0)
    empty = dict.fromkeys(("source", "published", "url", "author", "headline", "key_points"), None)
    events = dict.fromkeys(("event_kind", "event_date", "event_place", "event_place_parent", "event_organiser"), None)
    tables.articles.append(
        ArticleRow(
            "a.txt", "+1 title", **empty, **events, **counts, organisations=0, figures=0, format="text", outputs=""
        )
    )
    write_workbook(tmp_path / "t.xlsx", tables)
    book = load_workbook(tmp_path / "t.xlsx")
    text, message = book["flags"]["D2"], book["flags"]["E2"]
    assert text.value == '=HYPERLINK("http://x.org","click")' and text.data_type == "s"
    assert message.value == "bell here"  # a control character a workbook cannot hold is dropped
    assert book["articles"]["B2"].value == "+1 title"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_tables_with_the_chinese_names_intact(batch, tmp_path):
    from openpyxl import load_workbook

    profile = tmp_path / "profile"
    for name in ("articles", "officials", "places"):
        done = subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--infilter=CSV:44,34,76",  # comma, double quote, UTF-8: what a user picks in the import dialog
                "--convert-to",
                "xlsx",
                "--outdir",
                str(tmp_path),
                str(batch / f"{name}.csv"),
            ],
            capture_output=True,
            timeout=180,
        )
        assert done.returncode == 0, done.stderr
        sheet = load_workbook(tmp_path / f"{name}.xlsx", read_only=True).active
        cells = [list(r) for r in sheet.iter_rows(values_only=True)]
        assert cells[0][0] == "article", cells[0]  # the BOM read as such, not as part of the first name
        assert CHINESE in {row[0] for row in cells[1:]}, name
    # the workbook (--excel) opens with no import options at all; its first sheet written back as UTF-8 CSV
    command = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to"]
    command.append("csv:Text - txt - csv (StarCalc):44,34,76")
    done = subprocess.run([*command, "--outdir", str(tmp_path), str(batch / "mtclean.xlsx")], timeout=180)
    assert done.returncode == 0
    rows = _rows(tmp_path / "mtclean.csv")
    assert rows[0][0] == "article" and CHINESE in {row[0] for row in rows[1:]}


def test_tables_are_rebuilt_from_the_manifest_records_only(tmp_path):
    """No models: the records go through the real manifest (JSON), and only current, done ones make rows."""
    from dataclasses import replace

    from pipeline import Settings, process
    from pipeline.article import Metadata
    from pipeline.batch.manifest import Manifest, ManifestRow

    settings = Settings(entities=False)
    text = "Shenyang held a meeting on May 16, 2024.\n\nIt will benefit more than ,000 households.\n"
    article = process(text, settings=settings, metadata=Metadata(title="=1+1 沈阳", source_name="沈阳日报"))
    manifest = Manifest(tmp_path / "manifest.sqlite")
    record = aggregate_record(CHINESE, article, ["沈阳新闻.json"])
    manifest.put(ManifestRow(CHINESE, "h1", "f", "done", ("沈阳新闻.json",), record=record))
    old = replace(aggregate_record("old.txt", article, ["old.json"]), version=RECORD_VERSION - 1)
    manifest.put(ManifestRow("old.txt", "h2", "f", "done", ("old.json",), record=old))
    manifest.put(ManifestRow("broken.txt", "h3", "f", "failed", error="broken.txt: not text"))
    manifest.mark_pending([("later.txt", "h4", "f", None)])
    write_aggregates(tmp_path, manifest.records(), manifest.failures(), [[CHINESE, "old.txt"]], excel=True)
    manifest.close()

    articles = pd.read_csv(tmp_path / "articles.csv")
    assert articles["article"].tolist() == [CHINESE]  # not the record of another version, not the pending one
    (row,) = articles.to_dict("records")
    assert (row["title"], row["source"], row["outputs"]) == ("=1+1 沈阳", "沈阳日报", "沈阳新闻.json")
    assert row["flags_warning"] == sum(f.severity == "warning" for f in article.flags) > 0
    assert row["edits"] == len(article.edits) and row["format"] == "text"
    flags = pd.read_csv(tmp_path / "flags.csv")
    assert flags["rule"].tolist() == [f.rule for f in article.flags]
    assert pd.read_csv(tmp_path / "failures.csv").to_dict("records") == [
        {"article": "broken.txt", "error": "broken.txt: not text"}
    ]
    dups = pd.read_csv(tmp_path / "duplicates.csv", keep_default_na=False)
    assert dups["kept"].tolist() == ["", ""]  # nothing was skipped: none is marked kept or not
    (tmp_path / "skipped").mkdir()
    write_aggregates(tmp_path / "skipped", [], [], [[CHINESE, "old.txt"]], skipped_duplicates=True)
    assert pd.read_csv(tmp_path / "skipped" / "duplicates.csv")["kept"].tolist() == ["yes", "no"]
    assert [json.loads(x)["article"] for x in (tmp_path / "articles.jsonl").read_text("utf-8").splitlines()] == [
        CHINESE
    ]
    assert json.loads((tmp_path / "errors.jsonl").read_text("utf-8")) == {
        "article": "broken.txt",
        "error": "broken.txt: not text",
    }
    db = sqlite3.connect(tmp_path / "mtclean.sqlite")
    assert db.execute("SELECT article, title, url FROM articles").fetchall() == [(CHINESE, "=1+1 沈阳", None)]
    from openpyxl import load_workbook

    cell = load_workbook(tmp_path / "mtclean.xlsx")["articles"]["B2"]
    assert (cell.value, cell.data_type) == ("=1+1 沈阳", "s")
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left


@pytest.mark.slow
def test_figures_name_their_sentence_and_the_rule_of_their_flag(batch):
    figures, flags = pd.read_csv(batch / "figures.csv"), pd.read_csv(batch / "flags.csv")
    assert CHINESE in set(figures["article"])
    for fig in figures.to_dict("records"):
        assert fig["as_written"] in fig["sentence"], fig
    flagged = figures[figures["flag"].notna()]
    assert len(flagged) > 0
    rules = set(zip(flags["article"], flags["rule"]))
    assert all((f["article"], f["flag"]) in rules for f in flagged.to_dict("records"))


@pytest.mark.slow
def test_a_run_with_nothing_to_do_rebuilds_the_same_tables(batch_run):
    """The tables come from the records of earlier runs: a run that skips everything writes them again alike
    (the last test of the module: it runs the batch again in the shared output folder)."""
    from conftest import run_cli

    src, out = batch_run
    before = {name: (out / f"{name}.csv").read_bytes() for name in TABLES}
    result = run_cli("batch", src, "-o", out, "-w", "1", "--excel")
    assert result.returncode == 1, result.stderr  # the empty file fails again
    assert "processed 0, skipped as done 2" in result.stderr, result.stderr
    assert {name: (out / f"{name}.csv").read_bytes() for name in TABLES} == before


def test_a_bank_has_a_row_per_branch_with_its_level_and_place():
    from pipeline.article import Article, Bank, Branch, Entities, Mention, Source

    text = "People's Bank of China Chenzhou Branch and the Hunan Branch met Zigong Bank."
    article = Article(Source(None, "0" * 64, "utf-8"), text, text)
    at = Mention(0, 22, "People's Bank of China", None)
    article.entities = Entities(
        banks=[
            Bank(
                "People's Bank of China",
                "central_bank",
                ["People's Bank of China"],
                [at],
                branch="Chenzhou Branch",
                branches=[
                    Branch("Chenzhou Branch", "city_branch", "Chenzhou", [Mention(23, 38, "Chenzhou Branch", None)]),
                    Branch("Hunan Branch", "provincial_branch", "Hunan", [Mention(47, 59, "Hunan Branch", None)]),
                ],
            ),
            Bank("Zigong Bank", "city_commercial_bank", ["Zigong Bank"], [Mention(64, 75, "Zigong Bank", None)]),
        ]
    )
    rows = aggregate_record("a.txt", article, []).banks
    assert [(r.name, r.kind, r.branch, r.branch_level, r.place, r.mentions) for r in rows] == [
        ("People's Bank of China", "central_bank", "Chenzhou Branch", "city_branch", "Chenzhou", 1),
        ("People's Bank of China", "central_bank", "Hunan Branch", "provincial_branch", "Hunan", 1),
        ("Zigong Bank", "city_commercial_bank", None, None, None, 1),
    ]
    assert "banks" in TABLES and [c for c, _ in columns(TABLES["banks"])][:3] == ["article", "name", "kind"]


def test_one_title_has_one_form_in_the_officials_table():
    from pipeline import Settings, process
    from pipeline.article import Entities, Official, Post

    article = process("Li Ming spoke.", settings=Settings(entities=False))
    article.entities = Entities(
        officials=[
            Official("Li Ming", [Post("Secretary", None), Post("deputy  Secretary", "Shenyang")]),
            Official("Wang Hua", [Post("secretary", None), Post("Deputy secretary", "Shenyang")]),
        ]
    )
    rows = [*aggregate_record("a.txt", article, []).officials]
    assert [(r.title, r.title_as_written) for r in rows] == [
        ("secretary", "Secretary"),
        ("deputy secretary", "deputy  Secretary"),
        ("secretary", "secretary"),
        ("deputy secretary", "Deputy secretary"),
    ]
    assert [p.title for o in article.entities.officials for p in o.roles][0] == "Secretary"  # the JSON's as written
