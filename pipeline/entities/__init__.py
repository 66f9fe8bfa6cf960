"""Entities: officials with their posts, places with their hierarchy, banks and organisations.

:func:`extract_entities` reads the one spaCy Doc of the cleaned text and returns
the typed :class:`~pipeline.article.Entities` (offsets into the cleaned text,
sentence ids) for the Article.
"""

from __future__ import annotations

from typing import Any

from ..article import Article, Entities
from .officials import find_people
from .organizations import collect_organizations
from .places import collect_places


def extract_entities(doc: Any, article: Article) -> Entities:
    places = collect_places(doc, article)
    banks, organizations = collect_organizations(doc, article)
    officials, people = find_people(doc, article)
    return Entities(officials=officials, people=people, places=places, banks=banks, organizations=organizations)


def flag_name_variants(article: Article) -> None:
    """A mention spelt like another official's name (``Huang Feng`` beside ``Huang Peng``) is flagged,
    never changed."""
    assert article.entities is not None
    for official in article.entities.officials:
        if not official.variants:
            continue
        names = ", ".join([official.name, *official.variants])
        for m in official.mentions:
            if m.text in official.variants:
                article.add_flag(
                    "entities.name_variants",
                    m.start,
                    m.end,
                    f"'{m.text}' looks like another spelling of one official ({names}); not changed",
                    "info",
                    0.6,
                )
