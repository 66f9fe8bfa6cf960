"""Batch: mirrored outputs, manifest and resume, isolated failures, aggregates, duplicates, SIGKILL."""

import csv
import json
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from conftest import DEV, ROOT, SAMPLE, run_process


@pytest.fixture
def folder(tmp_path):
    src = tmp_path / "in"
    (src / "nested").mkdir(parents=True)
    shutil.copy(SAMPLE, src / "sample.txt")
    shutil.copy(DEV[0], src / "nested" / "a.txt")
    shutil.copy(DEV[1], src / "b.txt")
    shutil.copy(DEV[0], src / "nested" / "syndicated.txt")  # the same story on another site
    (src / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (src / "notes.md").write_text("not matched by the default glob")
    return src


@pytest.mark.slow
def test_batch_mirrors_outputs_records_failures_and_writes_aggregates(cli, folder, tmp_path, validate):
    out = tmp_path / "out"
    result = cli("batch", folder, "-o", out, "-w", "2")
    assert result.returncode == 1  # one file failed
    assert "processed 4" in result.stderr and "failed 1" in result.stderr
    for stem in ("sample", "b", "nested/a", "nested/syndicated"):
        for fmt in ("json", "md", "txt"):
            assert (out / f"{stem}.{fmt}").is_file()
    validate(json.loads((out / "nested" / "a.json").read_text()))
    assert not (out / "notes.json").exists()
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert [e["article"] for e in errors] == ["broken.txt"] and "PNG" in errors[0]["error"]
    articles = [json.loads(line) for line in (out / "articles.jsonl").read_text().splitlines()]
    assert [a["article"] for a in articles] == ["b.txt", "nested/a.txt", "nested/syndicated.txt", "sample.txt"]
    rows = list(csv.DictReader((out / "organisations.csv").open(encoding="utf-8-sig")))
    bank = {"article": "sample.txt", "name": "China Construction Bank", "kind": "state_bank", "mentions": "1"}
    assert any(bank.items() <= row.items() for row in rows), rows
    dups = list(csv.DictReader((out / "duplicates.csv").open(encoding="utf-8-sig")))
    assert {(d["article"], d["kept"]) for d in dups} == {("nested/a.txt", "yes"), ("nested/syndicated.txt", "no")}
    flags = list(csv.DictReader((out / "flags.csv").open(encoding="utf-8-sig")))
    assert any(f["rule"] == "numbers.lost_digits" and f["article"] == "sample.txt" for f in flags)


def test_batch_resumes_skips_done_and_redoes_changed(cli, folder, tmp_path):
    out = tmp_path / "out"
    cli("batch", folder, "-o", out, "-w", "1", "--no-entities")
    again = cli("batch", folder, "-o", out, "-w", "1", "--no-entities")
    assert "processed 0, skipped as done 4" in again.stderr
    (folder / "b.txt").write_text((folder / "b.txt").read_text() + "\nA new closing line.\n")
    changed = cli("batch", folder, "-o", out, "-w", "1", "--no-entities")
    assert "processed 1, skipped as done 3" in changed.stderr
    assert "A new closing line." in (out / "b.txt").read_text()
    dedup = cli("batch", folder, "-o", out, "-w", "1", "--no-entities", "--skip-duplicates")
    assert "duplicates 1" in dedup.stderr
    paths = [json.loads(x)["article"] for x in (out / "articles.jsonl").read_text().splitlines()]
    assert "nested/syndicated.txt" not in paths


def test_batch_does_not_overwrite_files_it_did_not_write(cli, folder, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "b.txt").write_text("someone else's file")
    result = cli("batch", folder, "-o", out, "-w", "1", "--no-entities")
    assert (out / "b.txt").read_text() == "someone else's file"
    assert "--force" in (out / "errors.jsonl").read_text()
    cli("batch", folder, "-o", out, "-w", "1", "--no-entities", "--force")
    assert (out / "b.txt").read_text() != "someone else's file"
    assert result.returncode == 1


def _wait_until_done(out, articles, timeout=120):
    """Wait until the batch writing to ``out`` has finished ``articles`` articles (or time runs out)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if _done(out) >= articles:
            return
        time.sleep(0.2)


def _done(out):
    """Articles done so far; 0 while the batch has not yet made its manifest or its table."""
    if not (out / "manifest.sqlite").exists():
        return 0
    try:
        with sqlite3.connect(f"file:{out / 'manifest.sqlite'}?mode=ro", uri=True) as db:
            return db.execute("SELECT COUNT(*) FROM articles WHERE status = 'done'").fetchone()[0]
    except sqlite3.OperationalError:  # created but its table not yet there, or locked for a moment
        return 0


def dev_folder(tmp_path, n):
    """A folder of ``n`` copies of the dev articles, numbered."""
    src = tmp_path / "in"
    src.mkdir()
    for i in range(n):
        shutil.copy(DEV[i % len(DEV)], src / f"{i:02d}.txt")
    return src


@pytest.mark.slow
def test_batch_survives_sigkill_and_resumes_without_loss_or_duplication(tmp_path):
    src = dev_folder(tmp_path, 24)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "pipeline", "batch", str(src), "-o", str(out), "-w", "1", "--quiet"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_until_done(out, 3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    subprocess.run(["pkill", "-9", "-f", str(out)], check=False)  # the worker processes too
    resumed = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    for i in range(24):
        for fmt in ("json", "md", "txt"):
            assert (out / f"{i:02d}.{fmt}").is_file()
        json.loads((out / f"{i:02d}.json").read_text())  # complete, parseable
    assert not list(out.rglob("*.tmp"))
    paths = [json.loads(x)["article"] for x in (out / "articles.jsonl").read_text().splitlines()]
    assert sorted(paths) == [f"{i:02d}.txt" for i in range(24)]


@pytest.mark.slow
def test_ray_engine_writes_the_same_outputs_as_the_local_engine(cli, folder, tmp_path):
    pytest.importorskip("ray")
    local, distributed = tmp_path / "local", tmp_path / "ray"
    cli("batch", folder, "-o", local, "-w", "2", "--quiet")
    # Ray talks to its own processes over local TCP, which the tests' socket guard blocks in this process.
    result = run_process("batch", folder, "-o", distributed, "-w", "2", "--quiet", "--engine", "ray")
    assert result.returncode == 1  # the broken file fails there too
    names = sorted(
        p.relative_to(local).as_posix() for p in local.rglob("*") if p.is_file() and not p.name.startswith("manifest")
    )
    assert names == sorted(
        p.relative_to(distributed).as_posix()
        for p in distributed.rglob("*")
        if p.is_file() and not p.name.startswith("manifest")
    )
    for name in names:
        assert (local / name).read_bytes() == (distributed / name).read_bytes(), name


@pytest.mark.slow
def test_batch_stops_cleanly_on_sigint_and_resumes(tmp_path):
    src = dev_folder(tmp_path, 16)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "pipeline", "batch", str(src), "-o", str(out), "-w", "1"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_until_done(out, 1)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130
    assert "interrupted; run the same command again to resume" in err and "Traceback" not in err
    resumed = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    paths = [json.loads(x)["article"] for x in (out / "articles.jsonl").read_text().splitlines()]
    assert sorted(paths) == [f"{i:02d}.txt" for i in range(16)]


def test_batch_never_writes_through_a_link_that_points_out_of_the_output_folder(cli, folder, tmp_path):
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "nested").symlink_to(elsewhere, target_is_directory=True)
    result = cli("batch", folder, "-o", out, "-w", "1", "--no-entities", "--quiet")
    assert result.returncode == 1
    assert list(elsewhere.iterdir()) == []
    assert "refusing to write outside the output folder" in (out / "errors.jsonl").read_text()
    assert (out / "sample.json").is_file()


def test_fail_fast_stops_at_the_first_failure(cli, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "00_broken.txt").write_bytes(b"")
    for i in range(1, 13):
        shutil.copy(DEV[i % len(DEV)], src / f"{i:02d}.txt")
    out = tmp_path / "out"
    result = cli("batch", src, "-o", out, "-w", "1", "--no-entities", "--fail-fast")
    assert result.returncode == 1
    done = (out / "articles.jsonl").read_text().splitlines()
    assert len(done) < 12  # stopped early; what is done is kept
    assert "00_broken.txt" in (out / "errors.jsonl").read_text()


def test_a_failure_is_named_by_the_input_path_relative_to_the_folder(cli, tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "big.txt").write_text("word " * 500)
    (src / "small.txt").write_text("The county opened a road.")
    out = tmp_path / "out"
    result = cli("batch", src, "-o", out, "-w", "1", "--no-entities", "--quiet", "--max-size", "1000")
    assert result.returncode == 1
    (error,) = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
    assert error["article"] == "sub/big.txt" and error["error"].startswith("sub/big.txt: file is 2,500 bytes")
    assert (out / "small.txt").is_file()


def test_an_input_that_cannot_be_read_fails_alone(tmp_path, monkeypatch):
    import builtins

    from pipeline import Settings
    from pipeline.batch import BatchOptions, run_batch

    src = tmp_path / "in"
    src.mkdir()
    for name in ("a.txt", "locked.txt"):
        (src / name).write_text("The county opened a road.")
    real_open = builtins.open

    def refusing_open(path, *args, **kwargs):  # root reads any file: refuse this one as a locked file would be
        if str(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)
    report = run_batch(BatchOptions(in_dir=src, out_dir=tmp_path / "out", settings=Settings(entities=False)))
    monkeypatch.undo()
    assert (report.processed, report.failed) == (1, 1)
    errors = (tmp_path / "out" / "errors.jsonl").read_text()
    assert "locked.txt: cannot read: Permission denied" in errors


def test_a_model_missing_everywhere_is_one_line_before_any_worker_starts(cli, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("The county opened a road.")
    result = cli("batch", src, "-o", tmp_path / "out", "--spacy-model", "no_such_spacy_model", "--points", "0")
    assert result.returncode == 1 and "not installed" in result.stderr and len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "out" / "manifest.sqlite").exists()


def test_a_model_a_worker_cannot_load_fails_each_article_with_the_reason(cli, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a.txt", "b.txt"):
        (src / name).write_text("The county opened a road.")
    (tmp_path / "empty_model").mkdir()
    out = tmp_path / "out"
    result = cli(
        "batch", src, "-o", out, "-w", "1", "--quiet", "--spacy-model", tmp_path / "empty_model", "--points", "0"
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
    assert [e["article"] for e in errors] == ["a.txt", "b.txt"]
    assert all("not installed or not a model folder" in e["error"] for e in errors)


def test_a_bad_glob_is_a_usage_error(cli, tmp_path):
    from conftest import one_line_error

    one_line_error(cli("batch", tmp_path, "-o", tmp_path / "out", "--glob", ""), 2, "bad --glob pattern")
    one_line_error(cli("batch", tmp_path, "-o", tmp_path / "out", "--glob", "/etc/*.txt"), 2, "bad --glob pattern")


def test_an_article_that_kills_its_worker_fails_alone_and_the_others_go_on(tmp_path):
    from crashing_worker import work

    from pipeline import Settings
    from pipeline.batch import BatchOptions
    from pipeline.batch.discover import Task
    from pipeline.batch.engines.local import run_local

    options = BatchOptions(in_dir=tmp_path, out_dir=tmp_path, workers=1, settings=Settings(entities=False))
    names = ("a.txt", "b.txt", "crash.txt", "c.txt", "d.txt", "e.txt")
    results = []
    run_local(options, [Task(name, str(tmp_path / name), name) for name in names], results.extend, work=work)
    by_rel = {result.rel: result for result in results}
    assert sorted(by_rel) == sorted(names) and len(results) == len(names)
    assert not by_rel["crash.txt"].ok and "the worker processing it died" in by_rel["crash.txt"].error
    assert all(by_rel[rel].ok for rel in names if rel != "crash.txt")
