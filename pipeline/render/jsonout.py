"""The Article as JSON (the schema is ``pipeline/data/article.schema.json``).

:func:`json_parts` gives the text in pieces, a row of the long lists at a time, so that a file of a
long input is written without its whole JSON (or a dict of every row) in memory; :func:`to_json` is
the same text in one string (``json.dumps(article.to_dict(), indent=2)``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..article import ROW_KEYS, Article


def to_json(article: Article) -> str:
    return "".join(json_parts(article))


def json_parts(article: Article) -> Iterator[str]:
    yield "{"
    for k, (key, value) in enumerate(article.json_items()):
        yield ("\n  " if k == 0 else ",\n  ") + _dumps(key) + ": "
        if key not in ROW_KEYS:
            yield _dumps(value).replace("\n", "\n  ")  # JSON strings hold no raw line break
            continue
        empty = True
        for row in value:
            yield ("[\n    " if empty else ",\n    ") + _dumps(row).replace("\n", "\n    ")
            empty = False
        yield "[]" if empty else "\n  ]"
    yield "\n}\n"


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
