"""The built wheel ships the gazetteers (models/ as pipeline/models/) and every module of the package.

The wheel is built from a copy of the checkout (pip builds in the source folder, and a build/ left
in the working tree would leak stale files into later builds), without dependencies or network.
"""

import importlib.metadata
import importlib.util
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pipeline import gazetteer
from pipeline.errors import ModelError

ROOT = Path(__file__).resolve().parent.parent
IGNORED = (
    ".git",
    ".venv",
    "build",
    "dist",
    "out",
    "*.egg-info",
    "__pycache__",
    ".pytest_cache",
    ".hypothesis",
    ".ruff_cache",
)


def _wheel_tools_missing() -> str | None:
    if importlib.util.find_spec("pip") is None:
        return "pip is not installed"
    try:  # not imported here: setuptools replaces distutils in the process that imports it
        version = importlib.metadata.version("setuptools")
    except importlib.metadata.PackageNotFoundError:
        return "setuptools is not installed (the wheel is built without build isolation)"
    major_minor = tuple(int(part) for part in re.findall(r"\d+", version)[:2])
    if major_minor < (70, 1) and importlib.util.find_spec("wheel") is None:
        return f"setuptools {version} needs the wheel package to build wheels"
    return None


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory) -> set[str]:
    reason = _wheel_tools_missing()
    if reason:
        pytest.skip(reason)
    tmp = tmp_path_factory.mktemp("packaging")
    source, dist = tmp / "src", tmp / "dist"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*IGNORED))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--disable-pip-version-check",
            "-q",
            "-w",
            str(dist),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    (wheel,) = dist.glob("mtclean-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        return set(zf.namelist())


@pytest.mark.slow  # pip builds the wheel (once for both tests): about 3 s
def test_wheel_ships_the_gazetteers_and_their_cards(wheel_names):
    shipped = sorted((ROOT / "models").glob("*.json")) + sorted((ROOT / "models").glob("*.md"))
    assert {p.name for p in shipped} >= {"places.json", "organizations.json", "titles.json", "pinyin.json"}
    missing = [p.name for p in shipped if f"pipeline/models/{p.name}" not in wheel_names]
    assert not missing, f"not in the wheel: {missing}"
    assert not any(name.startswith("models/") for name in wheel_names), "models/ must not be top-level"


@pytest.mark.slow  # pip builds the wheel (once for both tests): about 3 s
def test_wheel_ships_every_module_and_the_schema(wheel_names):
    # pyproject.toml lists the packages by hand (find ignores the models/ mapping): a new
    # subpackage missing from that list shows here.
    modules = [
        p.relative_to(ROOT).as_posix() for p in (ROOT / "pipeline").rglob("*.py") if "__pycache__" not in p.parts
    ]
    missing = [m for m in modules if m not in wheel_names]
    assert not missing, f"not in the wheel (add the package to [tool.setuptools] packages): {missing}"
    assert "pipeline/data/article.schema.json" in wheel_names


def test_models_dir_in_the_checkout_is_the_top_level_models(monkeypatch):
    monkeypatch.delenv("MTCLEAN_MODELS", raising=False)
    folder = gazetteer.models_dir()
    assert (folder / "places.json").is_file()
    if Path(gazetteer.__file__).resolve().parent == ROOT / "pipeline":
        assert folder == ROOT / "models"


def test_models_dir_prefers_mtclean_models(monkeypatch, tmp_path):
    monkeypatch.setenv("MTCLEAN_MODELS", str(tmp_path))
    assert gazetteer.models_dir() == tmp_path


def test_models_dir_without_any_folder_says_what_to_do(monkeypatch, tmp_path):
    if (Path(gazetteer.__file__).resolve().parent / "models").is_dir():
        pytest.skip("an installed package with its own models/")
    monkeypatch.delenv("MTCLEAN_MODELS", raising=False)
    # A package whose checkout has no models/ next to it.
    monkeypatch.setattr(gazetteer, "__file__", str(tmp_path / "pkg" / "pipeline" / "gazetteer.py"))
    with pytest.raises(ModelError) as info:
        gazetteer.models_dir()
    message = str(info.value)
    assert "\n" not in message and "MTCLEAN_MODELS" in message
