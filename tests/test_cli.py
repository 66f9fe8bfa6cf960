"""The command line, run in-process as the entry point runs it: outputs, options, one-line errors, exit codes."""

import codecs
import json
import os
import stat

import pytest

from conftest import SAMPLE, one_line_error, run_entry_point
from pipeline import apply_edits
from pipeline.article import Edit


def _edits(data):
    keys = ("id", "rule", "start", "end", "before", "after", "confidence", "reason")
    return [Edit(**{k: e[k] for k in keys}) for e in data["edits"]]


# ----------------------------------------------------------------- outputs
@pytest.mark.slow
def test_clean_writes_four_files(cli, tmp_path, validate, models):
    result = cli("clean", SAMPLE, "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    stem = SAMPLE.stem
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == [".mtclean-outputs.json", f"{stem}.html", f"{stem}.json", f"{stem}.md", f"{stem}.txt"]
    assert (tmp_path / "out" / f"{stem}.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    data = json.loads((tmp_path / "out" / f"{stem}.json").read_text(encoding="utf-8"))
    validate(data)
    assert data["entities"]["officials"] and data["summary"]["key_points"]
    assert (tmp_path / "out" / f"{stem}.txt").read_text(encoding="utf-8") == data["text"]["clean"] + "\n"
    md = (tmp_path / "out" / f"{stem}.md").read_text(encoding="utf-8")
    assert md.startswith("# Ministry of Housing") and "## Flags" in md


@pytest.mark.parametrize("fmt", ["txt", "md", "json", "html"])
def test_clean_prints_the_chosen_format(cli, fmt):
    result = cli("clean", SAMPLE, "--format", fmt, "--no-entities")
    assert result.returncode == 0, result.stderr
    if fmt == "json":
        data = json.loads(result.stdout)
        assert apply_edits(data["text"]["original"], _edits(data)) == data["text"]["clean"]
    elif fmt == "md":
        assert result.stdout.startswith("# ")
    elif fmt == "html":
        assert result.stdout.startswith("<!DOCTYPE html>") and "<h1>Ministry of Housing" in result.stdout
    else:
        assert result.stdout.startswith("Ministry of Housing") and "from:Network" not in result.stdout


def test_clean_reads_standard_input(cli):
    result = cli("clean", "-", "--format", "txt", stdin=b"on may 16 the the meeting opened.")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "On May 16 the meeting opened.\n"


def test_version_and_help_show_no_python_types(cli):
    assert cli("--version").stdout.startswith("mtclean ")
    for args in (["--help"], ["clean", "--help"], ["batch", "--help"], ["rules", "--help"], ["entities", "--help"]):
        result = cli(*args)
        assert result.returncode == 0 and "Usage" in result.stdout
        for python_type in ("<str>", "<int", "<bool>", "list[", "{path}", "<path>", "x>=0"):
            assert python_type not in result.stdout, (args, python_type)
    batch_help = " ".join(cli("batch", "--help").stdout.split())
    assert "default: (the number of cores)" in batch_help and "default: 0" not in batch_help
    assert "ARTICLE is a text file" in " ".join(cli("clean", "--help").stdout.split())


def test_mtclean_alone_prints_the_help(cli):
    result = cli()
    assert result.returncode == 2
    assert "Usage" in result.stdout + result.stderr and "internal error" not in result.stderr


def test_rules_lists_every_rule_of_the_registry(cli):
    from pipeline.chain import catalogue

    listed = {line.split()[0] for line in cli("rules").stdout.splitlines()}
    assert listed == {r.name for r in catalogue()}


def test_disable_switches_a_rule_off(cli):
    text = b"About 0.1 billion people live in 220000 homes."
    on = cli("clean", "-", "-f", "txt", stdin=text).stdout
    off = cli("clean", "-", "-f", "txt", "--disable", "numbers", stdin=text).stdout
    assert on.strip() == "About 100 million people live in 220,000 homes."
    assert off.strip() == "About 0.1 billion people live in 220000 homes."


def test_config_file_disables_rules(cli, tmp_path):
    config = tmp_path / "c.json"
    config.write_text(json.dumps({"disable": ["numbers.group_digits"]}))
    out = cli("clean", "-", "-f", "txt", "--config", config, stdin=b"There are 220000 homes.").stdout
    assert out.strip() == "There are 220000 homes."


def test_line_mode_keeps_one_line_per_line(cli, tmp_path):
    lines = [
        "the the first line , with a loop loop loop .",
        "",
        "Title-like line",
        "from:Network date:2024-05-17",
        "ask the people , ask the people , ask the people",
    ]
    path = tmp_path / "seg.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = cli("clean", path, "--lines", "-f", "txt").stdout.split("\n")[:-1]
    assert len(out) == len(lines)
    assert out[1] == "" and out[2] == "Title-like line" and out[3] == lines[3]
    assert out[4] == "ask the people"


def test_encodings_are_read_and_recorded(cli, tmp_path):
    text = "沈阳市 held a meeting on may 16."
    for name, data in {"u16": codecs.BOM_UTF16_LE + text.encode("utf-16-le"), "gb": text.encode("gb18030")}.items():
        path = tmp_path / f"{name}.txt"
        path.write_bytes(data)
        out = json.loads(cli("clean", path, "-f", "json", "--no-entities").stdout)
        assert out["text"]["clean"] == "沈阳市 held a meeting on May 16."
        assert out["source"]["encoding"] in {"utf-16-le", "gb18030"}


# ----------------------------------------------------------------- bad files: exit 1, one line
@pytest.mark.parametrize(
    "content, code, fragment",
    [
        (b"", 1, "empty"),
        (b" \n\n\t ", 1, "only whitespace"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, 1, "PNG image"),
        (bytes(range(256)) * 40, 1, "binary"),
        (b"\xff\xfe" + "ab".encode("utf-16-le")[:-1], 1, "cannot decode"),
    ],
)
def test_bad_files_give_one_line_errors(cli, tmp_path, content, code, fragment):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    one_line_error(cli("clean", path, "--no-entities"), code, "bad.txt", fragment)


def test_size_limit(cli, tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000)
    one_line_error(cli("clean", path, "--max-size", "100"), 1, "over the limit")
    one_line_error(cli("clean", "-", "--max-size", "100", stdin=b"word " * 100), 1, "over the limit")


# ----------------------------------------------------------------- wrong usage: exit 2, one line
@pytest.mark.parametrize(
    "args, fragment",
    [
        (["clean", SAMPLE, "--bogus"], "--bogus"),
        (["clean"], "Missing argument 'ARTICLE...'"),
        (["clean", SAMPLE, "--points", "-1"], "--points"),
        (["clean", SAMPLE, "--points", "many"], "--points"),
        (["clean", SAMPLE, "-f", "pdf"], "pdf"),
        (["frobnicate"], "frobnicate"),
        (["batch", "corpus"], "--output-dir"),
        (["clean", SAMPLE, "--max-size", "1e9"], "--max-size"),
        (["clean", SAMPLE, "--max-size", "0"], "--max-size"),
        (["batch", "corpus", "-o", "out", "--workers", "-1"], "--workers"),
        (["batch", "corpus", "-o", "out", "--workers", "0"], "--workers"),
        (["batch", "corpus", "-o", "out", "--formats", "pdf"], "unknown format"),
        (["clean", SAMPLE, "--disable", "numbers.nonsense"], "unknown rule 'numbers.nonsense'"),
        (["clean", SAMPLE, "--enable", "capital"], "unknown rule 'capital'"),
        (["clean", SAMPLE, "--lines", "--abstractive-model", "corpus"], "--abstractive-model"),
        (["entities", SAMPLE, "-f", "xml"], "xml"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(cli, args, fragment):
    one_line_error(cli(*args), 2, fragment)


def test_missing_file_and_directory_are_usage_errors(cli, tmp_path):
    one_line_error(cli("clean", tmp_path / "nope.txt"), 2, "nope.txt", "no such file")
    one_line_error(cli("clean", tmp_path), 2, "is a directory")
    one_line_error(cli("batch", tmp_path / "nope", "-o", tmp_path / "out"), 2, "not a folder")


def test_an_output_that_names_a_file_is_a_usage_error(cli, tmp_path):
    target = tmp_path / "file.txt"
    target.write_text("x")
    one_line_error(cli("clean", SAMPLE, "-o", target), 2, "file.txt", "is a file, not a folder")
    one_line_error(cli("batch", SAMPLE.parent, "-o", target), 2, "file.txt", "is a file, not a folder")


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root may write anywhere")
def test_an_unwritable_output_folder_is_one_line_before_any_work(cli, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        one_line_error(cli("clean", SAMPLE, "-o", locked), 1, "locked", "cannot write")
        one_line_error(cli("batch", SAMPLE.parent, "-o", locked, "--glob", "*.txt"), 1, "locked", "cannot write")
    finally:
        locked.chmod(stat.S_IRWXU)


def test_an_unwritable_output_folder_fails_before_any_model_is_loaded(tmp_path):
    """As root a folder's permissions do not stop writes, so a file standing where the folder must be
    made does: the check runs first, in a fresh process that has loaded nothing."""
    (tmp_path / "blocker").write_text("x")
    for args in (["clean", SAMPLE], ["batch", SAMPLE.parent, "--glob", "*.txt"]):
        result = run_entry_point(*args, "-o", tmp_path / "blocker" / "out")
        one_line_error(result, 1, "blocker", "cannot write")
        assert "loaded: []" in result.stdout


def test_config_file_with_a_string_for_a_list_is_a_usage_error(cli, tmp_path):
    config = tmp_path / "c.json"
    config.write_text(json.dumps({"disable": "capitals"}))
    one_line_error(cli("clean", SAMPLE, "--config", config), 2, "'disable' must be a list")
    config.write_text(json.dumps({"max_bytes": "big"}))
    one_line_error(cli("clean", SAMPLE, "--config", config), 2, "'max_bytes'")
    config.write_text("{not json")
    one_line_error(cli("clean", SAMPLE, "--config", config), 2, "cannot read config file")


def test_a_batch_folder_with_nothing_to_read_says_so(cli, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.md").write_text("not an article")
    one_line_error(
        cli("batch", tmp_path / "in", "-o", tmp_path / "out"), 1, "no .txt, .html, .htm, .jsonl or .csv file"
    )


def test_plain_text_with_an_abstractive_model_prints_the_text(cli, tmp_path):
    (tmp_path / "m").mkdir()
    result = cli("clean", "-", "-f", "txt", "--abstractive-model", tmp_path / "m", stdin=b"the the road opened.")
    assert result.returncode == 0 and result.stdout == "The road opened.\n"


# ----------------------------------------------------------------- several articles, and files of someone else's
DEV = SAMPLE.parent / "dev"


def _files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


def test_several_articles_give_the_files_each_gets_alone(cli, tmp_path):
    a, b = SAMPLE, DEV / "001_hefei_inclusive_finance.txt"
    together = cli("clean", a, b, "-o", tmp_path / "together", "--no-entities")
    assert together.returncode == 0, together.stderr
    for path in (a, b):
        alone = cli("clean", path, "-o", tmp_path / "alone", "--no-entities")
        assert alone.returncode == 0, alone.stderr
    assert len(_files(tmp_path / "together")) == 8
    assert _files(tmp_path / "together") == _files(tmp_path / "alone")


def test_several_articles_without_an_output_folder_is_a_usage_error(cli):
    one_line_error(cli("clean", SAMPLE, DEV / "001_hefei_inclusive_finance.txt"), 2, "add -o DIR")


def test_several_articles_with_one_stem_is_a_usage_error(cli, tmp_path):
    other = tmp_path / "x" / SAMPLE.name
    other.parent.mkdir()
    other.write_bytes(SAMPLE.read_bytes())
    one_line_error(cli("clean", SAMPLE, other, "-o", tmp_path / "out"), 2, "the same files")
    assert not (tmp_path / "out" / f"{SAMPLE.stem}.txt").exists()


def test_one_bad_article_of_several_does_not_stop_the_others(cli, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = cli("clean", empty, SAMPLE, "-o", tmp_path / "out", "--no-entities")
    assert result.returncode == 1
    assert "empty.txt: file is empty" in result.stderr and "Traceback" not in result.stderr
    assert (tmp_path / "out" / f"{SAMPLE.stem}.json").exists()


def test_clean_does_not_overwrite_a_file_it_did_not_write(cli, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    mine = out / f"{SAMPLE.stem}.txt"
    mine.write_text("the user's own notes")
    one_line_error(cli("clean", SAMPLE, "-o", out, "--no-entities"), 1, "not written by mtclean", "--force")
    assert mine.read_text() == "the user's own notes" and not (out / f"{SAMPLE.stem}.json").exists()
    assert cli("clean", SAMPLE, "-o", out, "--no-entities", "--force").returncode == 0
    assert mine.read_text() != "the user's own notes"
    mine.write_text("edited since")  # a file mtclean wrote is its own to write again
    assert cli("clean", SAMPLE, "-o", out, "--no-entities").returncode == 0
    assert mine.read_text() != "edited since"


@pytest.mark.slow  # a batch spawns its worker: about 3 s
def test_clean_and_batch_share_what_mtclean_wrote(cli, tmp_path):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SAMPLE.read_bytes())
    assert cli("clean", folder / "a.txt", "-o", out, "--no-entities").returncode == 0
    assert cli("batch", folder, "-o", out, "-w", "1", "--no-entities", "-q").returncode == 0  # clean's: mtclean's
    (out / "a.md").write_text("after the batch")
    assert cli("clean", folder / "a.txt", "-o", out, "--no-entities").returncode == 0  # the batch's: mtclean's
    assert (out / "a.md").read_text() != "after the batch"


def test_a_batch_names_its_failures_up_to_a_number():
    from pathlib import Path

    from pipeline.cli import failure_lines

    failures = [(f"{i}.txt", f"{i}.txt: file is empty") for i in range(25)] + [("c.csv#row-3", "no text")]
    lines = failure_lines(failures, Path("out/errors.jsonl"))
    assert lines[0] == "failed: 0.txt: file is empty" and len(lines) == 21
    assert lines[-1] == "and 6 more failures (all in out/errors.jsonl)"
    assert failure_lines(failures[-1:], Path("e")) == ["failed: c.csv#row-3: no text"]


# ----------------------------------------------------------------- config files
HOMES = b"There are 220000 homes in the county."


def test_a_toml_config_sets_any_option_and_the_command_line_wins(cli, tmp_path):
    config = tmp_path / "mine.toml"
    config.write_text('disable = ["numbers.group_digits"]\nformat = "txt"\n[batch]\nworkers = 1\n')
    assert cli("clean", "-", "-c", config, stdin=HOMES).stdout == "There are 220000 homes in the county.\n"
    assert cli("clean", "-", "-c", config, "-d", "capitals", stdin=HOMES).stdout.startswith("There are 220,000")
    data = json.loads(cli("clean", "-", "-c", config, "-f", "json", "--no-entities", stdin=HOMES).stdout)
    assert data["settings"]["disabled"] == ["numbers.group_digits"]


def test_the_config_file_is_found_here_then_in_the_users_folder(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    user = tmp_path / "xdg" / "mtclean" / "config.toml"
    user.parent.mkdir(parents=True)
    user.write_text('format = "txt"\n')
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert cli("clean", "-", stdin=HOMES).stdout == "There are 220,000 homes in the county.\n"
    (tmp_path / "mtclean.toml").write_text('format = "txt"\n[clean]\ndisable = ["numbers"]\n')
    assert cli("clean", "-", stdin=HOMES).stdout == "There are 220000 homes in the county.\n"
    shown = cli("config").stdout
    assert "# config file: mtclean.toml" in shown
    assert 'disable = ["numbers"]  # mtclean.toml' in shown.split("[batch]")[0]
    assert "disable = []  # default" in shown.split("[batch]")[1]
    assert "points = 5  # default" in shown and "workers" in shown


def test_a_config_file_with_an_unknown_key_or_a_bad_value_is_a_usage_error(cli, tmp_path):
    config = tmp_path / "c.toml"
    config.write_text("pointz = 2\n")
    one_line_error(cli("clean", SAMPLE, "-c", config), 2, "c.toml", "unknown config key 'pointz'")
    config.write_text("[clean]\nworkers = 2\n")
    one_line_error(cli("clean", SAMPLE, "-c", config), 2, "unknown key 'workers' in [clean]")
    config.write_text('points = "many"\n')
    one_line_error(cli("clean", SAMPLE, "-c", config), 2, "--points")
    config.write_text("points = [\n")
    one_line_error(cli("config", "-c", config), 2, "cannot read config file (TOML)")


def test_progress_names_each_stage_on_stderr_only_when_asked(cli, tmp_path, monkeypatch):
    import io

    article = tmp_path / "a.txt"
    article.write_text("the the meeting opened on may 16 in Shenyang.\n", encoding="utf-8")
    quiet = cli("clean", article, "-f", "txt", "--no-entities")  # stderr is no terminal here: quiet
    assert quiet.returncode == 0 and quiet.stderr == ""
    shown = cli("clean", article, "-f", "txt", "--no-entities", "--progress")
    assert shown.returncode == 0 and shown.stdout == quiet.stdout  # the output is the same
    assert [line.rsplit(": ", 1)[1] for line in shown.stderr.splitlines()] == ["read...", "repair...", "segment..."]
    assert shown.stderr.startswith(f"mtclean: {article}: read...")

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    from pipeline import cli as cli_module

    terminal = Terminal()
    monkeypatch.setattr(cli_module.sys, "stderr", terminal)
    cli_module._process_one(str(article), cli_module.build_settings(entities=False), True)
    written = terminal.getvalue()
    assert "\r" in written and "repair..." in written and "\n" not in written  # one line, rewritten
    assert written.endswith("\r") and written.rsplit("\r", 2)[1].strip() == ""  # and cleared at the end
    off = cli("clean", article, "-f", "txt", "--no-entities", "--no-progress")
    assert off.stderr == ""
