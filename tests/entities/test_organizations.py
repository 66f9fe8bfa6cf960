"""Banks and organisations under canonical names (slow: the spaCy model, loaded once per session)."""

import pytest

pytestmark = pytest.mark.slow


def test_banks_get_canonical_names_once(entities_of):
    banks = entities_of(
        "Loans came from the Construction Bank, ICBC, the Merchants Bank and the Construction Bank."
    ).banks
    names = [b.name for b in banks]
    assert names == sorted(set(names), key=names.index)
    assert {"China Construction Bank", "Industrial and Commercial Bank of China"} <= set(names)
    ccb = next(b for b in banks if b.name == "China Construction Bank")
    assert ccb.aliases_seen == ["Construction Bank"] and len(ccb.mentions) == 2


def test_small_spelling_slips_still_find_the_institution(entities_of):
    ents = entities_of(
        "Officials of the Ministry of Housing and Urban Rural Development met staff of the "
        "Agricultural Developement Bank of China in Hefei."
    )
    names = {o.name for o in ents.organizations + ents.banks}
    assert {"Ministry of Housing and Urban-Rural Development", "Agricultural Development Bank of China"} <= names


def test_the_bodies_posts_name_are_organisations_and_generic_ones_are_not(entities_of):
    ents = entities_of(
        "Wuhou District opened a school. Xu Lihua, secretary of the Municipal Party Committee, and Li Ming, "
        "secretary of the Party Branch, attended."
    )
    names = {o.name for o in ents.organizations}
    assert "Chengdu Municipal Party Committee" in names
    assert "Party Branch" not in names
    (body,) = [o for o in ents.organizations if o.name == "Chengdu Municipal Party Committee"]
    assert body.kind == "party_committee"


def test_bodies_the_text_names_after_its_places(entities_of):
    ents = entities_of(
        "Feixi County held a meeting. The Feixi County Agricultural Machinery Center and the Hefei Forestry "
        "Bureau reported. The Hefei Municipal People's Congress and Municipal Government agreed."
    )
    names = {o.name for o in ents.organizations}
    assert {"Feixi County Agricultural Machinery Center", "Hefei Forestry Bureau"} <= names
    assert not any(" and Municipal" in n for n in names)
