"""Batch: mirrored outputs, manifest and resume, isolated failures, aggregates, duplicates; kill -9 and
Ctrl-C (no process left behind); stale results redone."""

import csv
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import contextmanager, suppress
from pathlib import Path

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
    assert {(d["article"], d["kept"]) for d in dups} == {("nested/a.txt", ""), ("nested/syndicated.txt", "")}
    flags = list(csv.DictReader((out / "flags.csv").open(encoding="utf-8-sig")))
    assert any(f["rule"] == "numbers.lost_digits" and f["article"] == "sample.txt" for f in flags)


@pytest.mark.slow  # four batches, each spawning its worker: about 3.5 s
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
    dups = list(csv.DictReader((out / "duplicates.csv").open(encoding="utf-8-sig")))
    assert {(d["article"], d["kept"]) for d in dups} == {("nested/a.txt", "yes"), ("nested/syndicated.txt", "no")}


@pytest.mark.slow  # two batches, each spawning its worker: about 2.5 s
def test_batch_does_not_overwrite_files_it_did_not_write(cli, folder, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "b.txt").write_text("someone else's file")
    result = cli("batch", folder, "-o", out, "-w", "1", "--no-entities")
    assert (out / "b.txt").read_text() == "someone else's file"
    assert "--force" in (out / "errors.jsonl").read_text()
    assert "failed: " in result.stderr and "b.txt: exists and was not written by mtclean (use --force)" in result.stderr
    again = cli("batch", folder, "-o", out, "-w", "1", "--no-entities")  # the refusal is not forgotten
    assert again.returncode == 1 and (out / "b.txt").read_text() == "someone else's file"
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


# ----------------------------------------------------------------- processes: kill -9, Ctrl-C
needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")


def until(condition, timeout):
    """Poll ``condition`` until it holds (True) or ``timeout`` seconds pass (False)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def group_alive(group):
    """The processes of the process group ``group`` still running (a zombie has ended)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            state, _parent, process_group = (entry / "stat").read_text().rsplit(")", 1)[1].split()[:3]
        except (OSError, ValueError):  # ended meanwhile
            continue
        if int(process_group) == group and state != "Z":
            alive.append(int(entry.name))
    return alive


def ready_workers(group):
    """The batch's worker processes in ``group`` that have begun their work: their initializer set Ctrl-C
    to ignored (SIGINT's bit in SigIgn), so they are past starting up."""
    ready = []
    for pid in group_alive(group):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        ignored = int(next(line.split()[1] for line in status.splitlines() if line.startswith("SigIgn:")), 16)
        if b"spawn_main" in command and ignored & (1 << (signal.SIGINT - 1)):
            ready.append(pid)
    return ready


@contextmanager
def batch_process(cmd, **kwargs):
    """``cmd`` started as a terminal starts a command, in a process group of its own; whatever is left of
    the group is killed when the block ends."""
    proc = subprocess.Popen(cmd, cwd=ROOT, start_new_session=True, **kwargs)
    try:
        yield proc
    finally:
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


class Lines:
    """A process's standard error, read as it comes (by a thread), so that a test can wait for a line."""

    def __init__(self, stream):
        self.lines = []
        self._thread = threading.Thread(target=lambda: self.lines.extend(stream), daemon=True)
        self._thread.start()

    def has(self, fragment):
        return any(fragment in line for line in list(self.lines))

    @property
    def text(self):
        self._thread.join(timeout=20)
        return "".join(self.lines)


@needs_proc
def test_kill_9_of_the_batch_alone_ends_its_workers(tmp_path):
    src = dev_folder(tmp_path, 24)
    cmd = [sys.executable, "-m", "pipeline", "batch", src, "-o", tmp_path / "out", "-w", "2", "-q", "--no-entities"]
    with batch_process(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as proc:
        assert until(lambda: ready_workers(proc.pid), 120), "no worker started"
        assert proc.poll() is None, "the batch ended before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)  # the batch alone, as the out-of-memory killer does
        proc.wait()
        assert until(lambda: not group_alive(proc.pid), 15), (
            f"alive after the batch was killed: {group_alive(proc.pid)}"
        )


@pytest.mark.slow
@needs_proc
def test_batch_survives_sigkill_and_resumes_without_loss_or_duplication(tmp_path):
    src = dev_folder(tmp_path, 24)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "pipeline", "batch", str(src), "-o", str(out), "-w", "1", "--quiet"]
    with batch_process(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as proc:
        _wait_until_done(out, 3)
        assert ready_workers(proc.pid), "its worker is at work"
        os.kill(proc.pid, signal.SIGKILL)  # the batch alone: its worker must end with it
        proc.wait()
        assert until(lambda: not group_alive(proc.pid), 15), (
            f"alive after the batch was killed: {group_alive(proc.pid)}"
        )
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
@needs_proc
def test_batch_stops_cleanly_on_sigint_and_resumes(tmp_path):
    src = dev_folder(tmp_path, 16)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "pipeline", "batch", str(src), "-o", str(out), "-w", "1"]
    with batch_process(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as proc:
        _wait_until_done(out, 1)
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C in a terminal: the whole group gets it
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 130
        assert "interrupted; run the same command again to resume" in err and "Traceback" not in err
        assert until(lambda: not group_alive(proc.pid), 15), group_alive(proc.pid)
    assert _done(out) < 16  # stopped early
    resumed = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    paths = [json.loads(x)["article"] for x in (out / "articles.jsonl").read_text().splitlines()]
    assert sorted(paths) == [f"{i:02d}.txt" for i in range(16)]


@pytest.mark.slow
@needs_proc
def test_a_second_ctrl_c_ends_the_batch_at_once_and_the_resume_completes(tmp_path):
    """The second Ctrl-C comes while the workers load the models (the first waits for them): it ends the
    batch then, with the same exit code and message, no traceback, and no process left."""
    src = dev_folder(tmp_path, 8)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "pipeline", "batch", str(src), "-o", str(out), "-w", "2"]
    with batch_process(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) as proc:
        err = Lines(proc.stderr)
        assert until(lambda: ready_workers(proc.pid), 120), "no worker started"
        os.killpg(proc.pid, signal.SIGINT)
        assert until(lambda: err.has("Ctrl-C again to stop now"), 20), err.text
        with suppress(ProcessLookupError):  # (had the batch already stopped, the test shows nothing wrong)
            os.killpg(proc.pid, signal.SIGINT)
        assert until(lambda: proc.poll() is not None, 20), "still running 20 s after the second Ctrl-C"
        assert proc.returncode == 130
        assert "interrupted; run the same command again to resume" in err.text and "Traceback" not in err.text
        assert until(lambda: not group_alive(proc.pid), 15), group_alive(proc.pid)
    resumed = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    paths = [json.loads(x)["article"] for x in (out / "articles.jsonl").read_text().splitlines()]
    assert sorted(paths) == [f"{i:02d}.txt" for i in range(8)]


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


@pytest.mark.slow  # the worker imports spaCy and tries to load the model: about 4 s
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


# ----------------------------------------------------------------- results that never go stale
def _without_shenyang(gazetteers):
    places = json.loads((gazetteers / "places.json").read_text(encoding="utf-8"))
    places["places"] = [p for p in places["places"] if p["name"] != "Shenyang"]
    (gazetteers / "places.json").write_text(json.dumps(places, ensure_ascii=False), encoding="utf-8")


def test_the_fingerprint_changes_with_the_gazetteers_content_and_only_then(tmp_path):
    from pipeline import Settings
    from pipeline.batch import BatchOptions
    from pipeline.gazetteer import models_dir
    from pipeline.resources import describe

    settings = Settings(entities=False)
    options = BatchOptions(in_dir=tmp_path, out_dir=tmp_path / "out", settings=settings)
    gazetteers = tmp_path / "models"
    shutil.copytree(models_dir(), gazetteers)
    before = options.fingerprint(describe(settings, gazetteers).hash)
    assert before == options.fingerprint(describe(settings).hash)  # the same files elsewhere: the same
    _without_shenyang(gazetteers)
    assert options.fingerprint(describe(settings, gazetteers).hash) != before


@pytest.mark.slow
def test_a_changed_gazetteer_redoes_the_article_and_an_unchanged_resume_redoes_nothing(cli, tmp_path, monkeypatch):
    """The capitals repair reads the places gazetteer: without Shenyang in it, "shenyang city" stays as written.
    The gazetteer folder is part of the batch fingerprint (its content hash), so the article is redone."""
    from pipeline.gazetteer import models_dir

    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text("The meeting was held in shenyang city on May 16, 2024.\n", encoding="utf-8")
    args = ("batch", src, "-o", out, "-w", "1", "--no-entities", "--formats", "txt,json")
    assert "processed 1," in cli(*args).stderr
    assert "Shenyang City" in (out / "a.txt").read_text(encoding="utf-8")
    assert "processed 0, skipped as done 1" in cli(*args).stderr

    gazetteers = tmp_path / "models"
    shutil.copytree(models_dir(), gazetteers)
    _without_shenyang(gazetteers)
    monkeypatch.setenv("MTCLEAN_MODELS", str(gazetteers))
    assert "processed 1, skipped as done 0" in cli(*args).stderr
    assert "shenyang city" in (out / "a.txt").read_text(encoding="utf-8")
    assert "processed 0, skipped as done 1" in cli(*args).stderr


def test_a_resumed_batch_finds_the_same_duplicates_without_reading_its_inputs(tmp_path, monkeypatch):
    from pipeline import Settings
    from pipeline.batch import BatchOptions, dedupe, run_batch

    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    shutil.copy(DEV[0], src / "a.txt")
    shutil.copy(DEV[0], src / "syndicated.txt")
    shutil.copy(DEV[1], src / "b.txt")
    options = BatchOptions(in_dir=src, out_dir=out, formats=("json",), settings=Settings(entities=False))
    first = run_batch(options)
    assert (first.processed, first.duplicates) == (3, 1)
    groups = (out / "duplicates.csv").read_text(encoding="utf-8-sig").splitlines()
    assert groups == ["article,group,kept", "a.txt,1,", "syndicated.txt,1,"]  # none skipped: none marked

    def refuse(task, fields):
        raise AssertionError(f"read {task.rel} for its signature, which the manifest holds")

    monkeypatch.setattr(dedupe, "signature_of", refuse)
    again = run_batch(options)
    assert (again.processed, again.skipped, again.duplicates) == (0, 3, 1)
    assert (out / "duplicates.csv").read_text(encoding="utf-8-sig").splitlines() == groups


def _page(text: str) -> str:
    """``text`` as a saved web page with navigation, a sidebar, a footer and a script around it."""
    import html

    body = "\n".join(f"<p>{html.escape(b.strip())}</p>" for b in text.split("\n\n") if b.strip())
    return (
        "<!DOCTYPE html><html><head><title>News</title><script>var tracking = 1;</script></head><body>"
        "<nav><ul><li><a href='/'>Home page of the site</a></li><li><a href='/local'>Local news</a></li></ul></nav>"
        f"<div class='main'><article>{body}</article>"
        "<aside class='sidebar'><h3>Hot topics</h3><ul><li><a href='/a'>A story about something else</a></li>"
        "</ul></aside></div><footer><p>Copyright of the site, all rights reserved.</p></footer></body></html>"
    )


def test_the_same_story_as_text_and_as_a_web_page_is_one_near_duplicate_group(tmp_path):
    """The signature reads a page's article text, not its markup (issue 31: similarity 0.66 on the raw HTML)."""
    from datasketch import LeanMinHash

    from pipeline.batch import dedupe
    from pipeline.batch.discover import Task
    from pipeline.corpus import Fields

    text = SAMPLE.read_text(encoding="utf-8")
    (tmp_path / "story.txt").write_text(text, encoding="utf-8")
    (tmp_path / "story.html").write_text(_page(text), encoding="utf-8")
    (tmp_path / "other.txt").write_text(DEV[1].read_text(encoding="utf-8"), encoding="utf-8")
    sigs = {
        name: dedupe.signature_of(Task(name, str(tmp_path / name), name), Fields())
        for name in ("story.txt", "story.html", "other.txt")
    }
    as_text, as_page = (LeanMinHash.deserialize(sigs[n], byteorder="<") for n in ("story.txt", "story.html"))
    assert as_text.jaccard(as_page) > 0.9
    assert dedupe.find_duplicates(sigs) == [["story.html", "story.txt"]]
    (tmp_path / "empty.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert dedupe.signature_of(Task("empty.html", str(tmp_path / "empty.html"), "empty"), Fields()) == dedupe.NONE
