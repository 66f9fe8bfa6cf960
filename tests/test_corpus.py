"""Corpus files in (pipeline/corpus.py): JSONL and CSV records as articles, broken records as recorded
failures, resume after a kill; web pages and text files side by side in one batch folder."""

import csv
import json
import signal
import sqlite3
import subprocess
import sys

import pytest

from conftest import ROOT, one_line_error
from pipeline.corpus import Fields, output_name, read_record, record_text, scan

STORY = (
    "On May {day}, the the county held meeting number {i} on the work of the river chiefs. "
    "Zhang Wei, secretary of the county Party committee, asked {i} townships to check their rivers."
)


def corpus(path, n, broken=()):
    """A JSONL corpus of ``n`` records; the line numbers in ``broken`` (1-based) are broken, each its own way."""
    kinds = [
        lambda i: '{"id": "art-' + str(i) + '", "text": "an unclosed string',
        lambda i: json.dumps({"id": f"art-{i}", "title": "no text field"}),
        lambda i: json.dumps([i, "a list, not an object"]),
        lambda i: json.dumps({"id": f"art-{i}", "text": "   "}),
        lambda i: json.dumps({"id": "art-1", "text": "an id that an earlier record has"}),
    ]
    lines = []
    for i in range(1, n + 1):
        if i in broken:
            lines.append(kinds[sorted(broken).index(i) % len(kinds)](i))
        else:
            record = {"id": f"art-{i}", "title": f"Meeting {i}", "date": "2024-05-17T09:00:00+08:00"}
            record.update(url=f"https://news.example.org/{i}", text=STORY.format(day=1 + i % 28, i=i))
            lines.append(json.dumps(record, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_scan_names_records_and_says_what_is_wrong_with_the_broken_ones(tmp_path):
    path = corpus(tmp_path / "c.jsonl", 12, broken={3, 5, 7, 9, 11})
    records = list(scan(path, Fields(), 1 << 20))
    ok = [r for r in records if r.error is None]
    assert [r.id for r in ok] == ["art-1", "art-2", "art-4", "art-6", "art-8", "art-10", "art-12"]
    errors = {r.id: r.error for r in records if r.error}
    assert "not valid JSON" in errors["line-3"]
    assert errors["art-5"] == "no 'text' field"
    assert "not a JSON object" in errors["line-7"]
    assert errors["art-9"] == "an empty 'text' field"
    assert errors["line-11"].startswith("id 'art-1' repeats line 1")
    data = read_record(path, ok[2].offset, ok[2].length)  # a worker reads its record's bytes alone
    assert data["id"] == "art-4"


def test_csv_records_with_quoted_line_breaks_a_bom_and_semicolons(tmp_path):
    path = tmp_path / "c.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["id", "headline", "body"])
        writer.writerow(["r1", "First", 'Line one of the story.\nLine two, with a "quote"; and a semicolon.'])
        writer.writerow(["沈阳-2", "第二", "The city of Shenyang held a meeting on May 5."])
        writer.writerow(["r3", "Empty", ""])
    fields = Fields(text="body", title="headline")
    records = list(scan(path, fields, 1 << 20))
    assert [(r.id, r.where, r.error) for r in records] == [
        ("r1", "row 1", None),
        ("沈阳-2", "row 2", None),
        ("r3", "row 3", "an empty 'body' field"),
    ]
    text, meta = record_text(read_record(path, records[0].offset, records[0].length), fields)
    assert text == 'Line one of the story.\nLine two, with a "quote"; and a semicolon.' and meta.title == "First"


def test_a_csv_without_the_text_column_is_refused_whole(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("id,content\n1,hello\n", encoding="utf-8")
    with pytest.raises(Exception, match="no 'text' column .*--text-field"):
        list(scan(path, Fields(), 1 << 20))


def test_record_fields_give_title_date_and_url():
    text, meta = record_text(
        {"text": "Body.", "title": " A  title ", "date": "2024/5/7 10:00", "url": "https://x.org/a"}, Fields()
    )
    assert (text, meta.title, meta.published, meta.url) == ("Body.", "A title", "2024-05-07", "https://x.org/a")
    assert record_text({"text": "Body.", "date": "yesterday"}, Fields())[1].published is None
    assert record_text({"text": "Body.", "date": "2024-13-40"}, Fields())[1].published is None


def test_output_names_are_safe_and_distinct():
    assert output_name("art-1") == "art-1"
    assert output_name("沈阳-2") == "沈阳-2"
    unsafe = [output_name(rid) for rid in ("../../etc/passwd", "a/b", "a_b", "", ".hidden")]
    assert all("/" not in name and not name.startswith(".") and name for name in unsafe)
    assert len(set(unsafe)) == len(unsafe)


def _outputs(out):
    return sorted(p.stem for p in out.glob("*.json"))


def _statuses(out):
    with sqlite3.connect(out / "manifest.sqlite") as db:
        return dict(db.execute("SELECT status, COUNT(*) FROM articles GROUP BY status").fetchall())


@pytest.mark.slow  # a thousand articles through two workers, twice: about 10 s
def test_a_thousand_records_with_ten_broken(cli, tmp_path):
    broken = set(range(50, 1001, 100))  # 10 records
    path = corpus(tmp_path / "news.jsonl", 1000, broken)
    out = tmp_path / "out"
    result = cli("batch", path, "-o", out, "-w", "2", "--no-entities")
    assert result.returncode == 1, result.stderr
    assert "processed 990" in result.stderr and "failed 10" in result.stderr
    assert len(_outputs(out)) == 990 and "art-1000" in _outputs(out)
    assert _statuses(out) == {"done": 990, "failed": 10}
    article = json.loads((out / "art-1.json").read_text(encoding="utf-8"))
    assert article["source"]["record"] == "art-1" and article["source"]["path"] == "art-1"
    assert article["metadata"]["title"] == "Meeting 1" and article["metadata"]["published"] == "2024-05-17"
    assert article["metadata"]["url"] == "https://news.example.org/1"
    assert article["text"]["clean"].startswith("On May 2, the county")
    again = cli("batch", path, "-o", out, "-w", "1", "--no-entities")
    assert "processed 0, skipped as done 990" in again.stderr and again.returncode == 1


@pytest.mark.slow  # a record of 200,000 characters cleaned in a spawned worker: about 3.5 s
def test_a_csv_record_longer_than_csvs_default_field_limit_is_read_by_the_worker(cli, tmp_path):
    """csv's default limit is 131,072 characters a field; the batch workers (spawned, so with the default)
    read such a record as well as the scan in the parent does."""
    body = " ".join(f"In district {n}, the county built {n} new roads and repaired bridges." for n in range(3000))
    assert len(body) > 200_000
    path = tmp_path / "long.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text"])
        writer.writerow(["long", body])
        writer.writerow(["short", "The ministry held a meeting on housing in Shenyang on May 16."])
    out = tmp_path / "out"
    result = cli("batch", path, "-o", out, "-w", "2", "--no-entities", "--formats", "json")
    assert result.returncode == 0, (out / "errors.jsonl").read_text(encoding="utf-8")
    article = json.loads((out / "long.json").read_text(encoding="utf-8"))
    assert article["text"]["original"] == body


@pytest.mark.slow
def test_a_corpus_batch_resumes_after_sigkill_without_loss(tmp_path):
    from test_batch import _done, _wait_until_done, batch_process

    path = corpus(tmp_path / "news.jsonl", 1000, set(range(50, 1001, 100)))
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "pipeline", "batch", str(path), "-o", str(out), "-w", "1", "-q", "--no-entities"]
    with batch_process(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as proc:
        _wait_until_done(out, 100)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert _done(out) < 990  # killed midway
    resumed = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 1, resumed.stderr
    assert len(_outputs(out)) == 990 and not list(out.rglob("*.tmp"))
    for name in _outputs(out):
        json.loads((out / f"{name}.json").read_text(encoding="utf-8"))  # complete, parseable
    assert _statuses(out) == {"done": 990, "failed": 10}


@pytest.mark.slow  # two batches, each spawning its worker: about 3 s
def test_a_folder_of_pages_texts_and_corpora(cli, tmp_path):
    from benchmarks.html_inputs import page_for

    src = tmp_path / "in"
    (src / "feeds").mkdir(parents=True)
    story = STORY.format(day=5, i=3)
    (src / "a.txt").write_text(story, encoding="utf-8")
    (src / "a.html").write_text(page_for(story, "A page", "2024-05-06"), encoding="utf-8")
    corpus(src / "feeds" / "wire.jsonl", 3)
    (src / "notes.md").write_text("not read by default")
    out = tmp_path / "out"
    result = cli("batch", src, "-o", out, "-w", "1", "--no-entities")
    assert result.returncode == 0, result.stderr
    assert (out / "a.json").is_file() and (out / "a.html.json").is_file()  # one stem, two inputs
    assert sorted(p.stem for p in (out / "feeds" / "wire").glob("*.json")) == ["art-1", "art-2", "art-3"]
    page = json.loads((out / "a.html.json").read_text())
    assert page["source"]["format"] == "html" and page["metadata"]["published"] == "2024-05-06"
    assert json.loads((out / "feeds" / "wire" / "art-2.json").read_text())["source"]["path"] == "feeds/wire.jsonl#art-2"
    assert not (out / "notes.json").exists()
    narrowed = cli("batch", src, "-o", tmp_path / "only", "-w", "1", "--no-entities", "--glob", "*.html")
    assert narrowed.returncode == 0 and _outputs(tmp_path / "only") == ["a"]


def test_a_record_holding_a_web_page_is_extracted(cli, tmp_path):
    from benchmarks.html_inputs import page_for

    path = tmp_path / "pages.jsonl"
    page = page_for(STORY.format(day=5, i=3), "A scraped page", None)
    path.write_text(json.dumps({"id": "p1", "html": page}) + "\n", encoding="utf-8")
    result = cli("batch", path, "-o", tmp_path / "out", "--no-entities", "-w", "1", "--text-field", "html")
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "out" / "p1.json").read_text())
    assert data["source"]["format"] == "html" and data["metadata"]["title"] == "A scraped page"
    assert "Navigation home" not in data["text"]["original"]


def test_clean_on_a_corpus_file_points_to_batch(cli, tmp_path):
    path = corpus(tmp_path / "c.jsonl", 2)
    one_line_error(cli("clean", path), 2, "a corpus file", "mtclean batch")


def test_batch_on_a_file_that_is_no_corpus_is_a_usage_error(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(STORY)
    one_line_error(cli("batch", path, "-o", tmp_path / "out"), 2, "not a folder or a corpus file")
