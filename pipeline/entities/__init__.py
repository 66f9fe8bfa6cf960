"""Entities: officials with their posts, places with their hierarchy, banks and organisations.

:func:`extract_entities` reads the one spaCy Doc of the cleaned text and returns
the typed :class:`~pipeline.article.Entities` (offsets into the cleaned text,
sentence ids) for the Article.
"""

from __future__ import annotations

from typing import Any

from ..article import Article, Entities
from .banks import read_banks
from .officials import find_people
from .organizations import bodies_named_by_level, bodies_named_in_text, bodies_of_posts, collect_organizations
from .places import collect_places
from .refs import home_province, province_weights


def extract_entities(doc: Any, article: Article) -> Entities:
    places = collect_places(doc, article)
    curated, organizations = collect_organizations(doc, article)
    banks = read_banks(doc, article, curated)
    officials, people = find_people(doc, article)
    organizations += bodies_of_posts(officials, {o.name for o in banks + organizations})
    taken = [(m.start, m.end) for o in banks + organizations for m in o.mentions]
    taken += [(m.start, m.end) for b in banks for branch in b.branches for m in branch.mentions]
    organizations += bodies_named_in_text(article, places, {o.name for o in banks + organizations}, taken)
    taken = [(m.start, m.end) for o in banks + organizations for m in o.mentions]
    organizations += bodies_named_by_level(doc, article, banks + organizations, taken)
    return Entities(officials=officials, people=people, places=places, banks=banks, organizations=organizations)


# Kinds a translation can misplace; provinces and the four municipalities are named across articles.
_MISPLACEABLE = frozenset({"city", "prefecture", "county", "county_city", "district"})
_MUNICIPALITIES = frozenset({"110000", "120000", "310000", "500000"})


def flag_places_outside(article: Article) -> None:
    """A city or county of another province, named once, in an article whose places lie in one province
    (``Ningbo`` among Nanjing and Jiangsu): machine translation often reads a place name wrong
    (在宁, 'in Nanjing', as Ningbo). Flagged, never changed in the text; not listed among the article's
    places, which are facts (the flag keeps where it stood). Places of several provinces named together
    (``Chongqing, Changsha and Guangzhou``) are not flagged."""
    assert article.entities is not None
    places = [p for p in article.entities.places if p.code and len(p.code) == 6]
    weight = province_weights(places)
    if not weight:
        return
    home = home_province(weight)
    home_weight = weight[home]
    named_provinces = {p.code[:2] for p in places if p.code and p.code.endswith("0000")}
    for p in places:
        assert p.code is not None
        province = p.code[:2]
        if province == home or p.kind not in _MISPLACEABLE or f"{province}0000" in _MUNICIPALITIES:
            continue
        if province in named_provinces or home_weight < 3 or home_weight < 3 * weight[province]:
            continue
        sentences = {m.sentence for m in p.mentions}
        if any(
            q is not p and q.code and q.code[:2] != home and {m.sentence for m in q.mentions} & sentences
            for q in places
        ):
            continue  # "Chongqing, Changsha and Guangzhou": places of several provinces named together
        article.entities.places = [q for q in article.entities.places if q is not p]
        for m in p.mentions:
            article.add_flag(
                "entities.place_outside",
                m.start,
                m.end,
                f"'{m.text}' lies in another province than the article's other places; the translation may "
                "have misread a place name: not changed",
                "info",
                0.5,
            )


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
