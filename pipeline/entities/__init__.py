"""Entities: officials with their posts, places with their hierarchy, banks and organisations.

:func:`extract_entities` reads the one spaCy Doc of the cleaned text and returns
plain dicts (offsets into the cleaned text, sentence ids) for the Article.
"""

from __future__ import annotations

from typing import Any

from ..article import Article
from .officials import find_people
from .organizations import collect_organizations
from .places import collect_places


def extract_entities(doc: Any, article: Article) -> dict[str, Any]:
    sentence_of = _sentence_index(article)
    places = collect_places(doc, article, sentence_of)
    banks, organizations = collect_organizations(doc, sentence_of)
    officials, people = find_people(doc, article, sentence_of)
    return {"officials": officials, "people": people, "places": places, "banks": banks,
            "organizations": organizations}


def _sentence_index(article: Article):  # type: ignore[no-untyped-def]
    starts = [s.start for s in article.sentences]
    from bisect import bisect_right

    def sentence_of(offset: int) -> int | None:
        i = bisect_right(starts, offset) - 1
        return article.sentences[i].id if i >= 0 else None

    return sentence_of
