import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "corpus" / "000_63418d9d2f262613.txt"
GOLD = SHARED / "eval" / "seed" / "000_63418d9d2f262613.gold.json"
SCHEMA = ROOT / "pipeline" / "data" / "article.schema.json"

sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def gold():
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sample_article():
    from pipeline import clean_file

    return clean_file(SAMPLE)


@pytest.fixture(scope="session")
def validate():
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)

    def check(data):
        errors = sorted(validator.iter_errors(data), key=str)
        assert not errors, errors[0]

    return check


def run_cli(*args, stdin=None, cwd=None):
    """Run ``python -m pipeline`` as a user would; returns the CompletedProcess."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    result = subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], input=stdin, capture_output=True,
                            cwd=cwd or ROOT, env=env, timeout=120)
    result.stdout = result.stdout.decode("utf-8")
    result.stderr = result.stderr.decode("utf-8")
    return result


@pytest.fixture
def cli():
    return run_cli
