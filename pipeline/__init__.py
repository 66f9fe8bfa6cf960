"""mtclean: clean up and summarise machine-translated news.

Public API: load the models the settings need once, then run each article through the whole chain::

    from pathlib import Path
    import pipeline

    settings = pipeline.Settings()                 # pipeline.Settings(entities=False): cleaning only
    models = pipeline.load(settings)               # spaCy, the sentence encoder: only what settings need
    article = pipeline.process(Path("corpus/000_63418d9d2f262613.txt"), models, settings)
    article.clean, article.edits, article.flags, article.entities, article.summary
    print(pipeline.render.to_json(article))

``process`` takes a file (``Path``), bytes or text (``str``). :func:`clean_text` and
:func:`clean_file` are the same chain with the analysing stages off.
"""

# Offline by construction: models come from installed packages or local folders, each loaded with
# local_files_only; importing the library leaves the caller's environment alone (the mtclean command
# sets the hub's offline switches for its own process: pipeline.cli.main).
from pathlib import Path as _Path

from . import render
from .article import Article, Edit, Flag, apply_edits
from .chain import Chain, Models, load, process
from .config import Settings
from .version import __version__


def clean_text(text: str, settings: Settings | None = None) -> Article:
    """Clean an article given as text: :func:`process` with the analysing stages off."""
    return process(text, None, (settings or Settings()).with_(entities=False))


def clean_file(path: "_Path | str", settings: Settings | None = None) -> Article:
    """Read, decode and clean one file: :func:`process` with the analysing stages off."""
    return process(_Path(path), None, (settings or Settings()).with_(entities=False))


__all__ = [
    "Article",
    "Chain",
    "Edit",
    "Flag",
    "Models",
    "Settings",
    "__version__",
    "apply_edits",
    "clean_file",
    "clean_text",
    "load",
    "process",
    "render",
]
