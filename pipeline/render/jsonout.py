"""The Article as JSON (the schema is ``pipeline/data/article.schema.json``)."""

from __future__ import annotations

import json

from ..article import Article


def to_json(article: Article) -> str:
    return json.dumps(article.to_dict(), ensure_ascii=False, indent=2) + "\n"
