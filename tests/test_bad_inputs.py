"""The bad-input suite (scripts/make_bad_inputs.py, tests/data/bad/EXPECTED.json): every file is refused
with its one-line message and exit code, or processed with the expected encoding and flags."""

import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from make_bad_inputs import large_files, small_files  # noqa: E402

BAD = ROOT / "tests" / "data" / "bad"
EXPECTED = json.loads((BAD / "EXPECTED.json").read_text())["files"]
SMALL = [name for name, e in EXPECTED.items() if not e.get("large")]
LARGE = [name for name, e in EXPECTED.items() if e.get("large")]


def test_committed_small_files_are_what_the_script_makes():
    made = small_files()
    assert sorted(made) == sorted(SMALL)
    for name, data in made.items():
        assert (BAD / name).read_bytes() == data, name


def check(cli, path, expected):
    result = cli("clean", path, "-f", "json", *expected.get("options", []))
    err = result.stderr.strip()
    assert "Traceback" not in err
    if expected["outcome"] == "refused":
        assert result.returncode == expected["exit"] and len(err.splitlines()) == 1, err
        assert expected["message"] in err and path.name in err
        return
    assert result.returncode == 0, err
    data = json.loads(result.stdout)
    assert data["source"]["encoding"] == expected["encoding"]
    assert data["source"]["format"] == expected.get("format", "text")
    rules = {f["rule"] for f in data["flags"]}
    assert set(expected["flags"]) <= rules, rules
    assert set(expected.get("edit_rules", [])) <= {r for e in data["edits"] for r in e["rules"]}


def _small(name: str):
    """A refused file is refused before any model is loaded; a processed one goes through the whole chain,
    with spaCy and MiniLM (slow: a model is loaded)."""
    refused = EXPECTED[name]["outcome"] == "refused"
    return pytest.param(name, id=name, marks=() if refused else pytest.mark.slow)


@pytest.mark.parametrize("name", [_small(name) for name in SMALL])
def test_small_bad_input(cli, name):
    check(cli, BAD / name, EXPECTED[name])


@pytest.mark.slow
@pytest.mark.parametrize("name", LARGE)
def test_large_bad_input(cli, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(large_files()[name])
    check(cli, path, EXPECTED[name])


@pytest.mark.slow  # the whole chain: spaCy and MiniLM are loaded
def test_markdown_report_cannot_be_used_to_inject_markup(cli):
    md = cli("clean", BAD / "markup_injection.txt", "-f", "md").stdout
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert not re.search(r"(?<!\\)\]\(javascript:", md) and not re.search(r"(?<!\\)!\[img(?<!\\)\]", md)
    assert "\\*\\*bold\\*\\*" in md


@pytest.mark.slow
def test_batch_over_the_bad_suite_records_each_failure_and_finishes_the_rest(cli, tmp_path):
    src = tmp_path / "in"
    shutil.copytree(BAD, src, ignore=shutil.ignore_patterns("*.json"))
    out = tmp_path / "out"
    result = cli("batch", src, "-o", out, "-w", "2", "--quiet")
    assert result.returncode == 1
    refused = {n for n in SMALL if EXPECTED[n]["outcome"] == "refused"}
    errors = {json.loads(x)["article"] for x in (out / "errors.jsonl").read_text().splitlines()}
    assert errors == refused
    done = {json.loads(x)["article"] for x in (out / "articles.jsonl").read_text().splitlines()}
    assert done == set(SMALL) - refused


def test_output_names_are_sanitised_and_stay_inside_the_output_folder(tmp_path):
    from pipeline.batch.discover import output_paths
    from pipeline.files import safe_relative

    assert safe_relative("../../etc/passwd.txt") == Path("etc/passwd.txt")
    assert safe_relative("/abs/x.txt") == Path("abs/x.txt")
    assert safe_relative("a\x07b/c?.txt") == Path("a_b/c_.txt")
    out = tmp_path / "out"
    for path in output_paths(out, "../../evil.txt", ("json",)).values():
        assert out in path.parents
    assert re.fullmatch(r"[\w./_-]+", str(safe_relative("..\\x/..\\y.txt")))
