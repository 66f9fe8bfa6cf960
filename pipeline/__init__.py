"""mtclean: clean up and summarise machine-translated news.

Public API::

    from pipeline import clean_text, clean_file, Settings
    article = clean_file("corpus/000_63418d9d2f262613.txt")
    print(article.clean, article.edits, article.flags)
"""

__version__ = "0.1.0"

import os as _os

# Offline by construction: no model hub, ever (models come from installed packages or local folders).
for _name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE"):
    _os.environ.setdefault(_name, "1")

from .article import Article, Edit, Flag, apply_edits  # noqa: E402
from .config import Settings  # noqa: E402
from .core import add_entities, clean_bytes, clean_file, clean_text  # noqa: E402

__all__ = ["add_entities", "Article", "Edit", "Flag", "Settings", "apply_edits", "clean_bytes", "clean_file", "clean_text",
           "__version__"]
