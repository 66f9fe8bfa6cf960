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


def test_bodies_named_by_their_level_are_the_article_places(entities_of):
    ents = entities_of(
        "Hefei held a meeting. Following the provincial Party committee, the Municipal People's Government and "
        "the Standing Committee of the 16th Municipal People's Congress set out the plan. Feixi County People's "
        "Congress deputies attended."
    )
    names = {o.name for o in ents.organizations}
    assert {
        "Anhui Provincial Party Committee",
        "Hefei Municipal People's Government",
        "Standing Committee of the Hefei Municipal People's Congress",
    } <= names
    assert "Hefei Municipal People's Congress" not in names  # the congress named is its standing committee's
    none = {o.name for o in entities_of("The municipal Party committee held a meeting on Monday.").organizations}
    assert not any("Municipal Party Committee" in n for n in none)  # no city in the article: none guessed


def test_the_work_of_the_npc_in_a_local_congress_article_is_no_national_body(entities_of):
    local = entities_of(
        "The Standing Committee of the Zhejiang Provincial People's Congress met. It will promote the work of "
        "the National People's Congress and the responsibility of the NPC."
    )
    assert "National People's Congress" not in {o.name for o in local.organizations}
    national = entities_of(
        "The Standing Committee of the Zhejiang Provincial People's Congress met. Deputies to the National "
        "People's Congress reported."
    )
    assert "National People's Congress" in {o.name for o in national.organizations}


def test_a_local_committee_of_a_national_body_is_not_the_national_one(entities_of):
    ents = entities_of(
        "Shenyang held a meeting. Han Dong, chairman of the Municipal Committee of the Chinese People's "
        "Political Consultative Conference, and Ma Ji, chairman of the county CPPCC, attended."
    )
    names = {o.name for o in ents.organizations}
    assert "Shenyang Municipal Committee of the CPPCC" in names
    assert not names & {
        "Chinese People's Political Consultative Conference",
        "National Committee of the Chinese People's Political Consultative Conference",
    }


def test_no_one_body_for_each_committee_and_a_body_from_a_post_keeps_its_mention(entities_of):
    ents = entities_of(
        "The CPC Central Committee issued a notice in Beijing requiring each provincial party committee to act."
    )
    assert "Beijing Provincial Party Committee" not in {o.name for o in ents.organizations}
    ents = entities_of(
        "The county party committee held a meeting in Lankao County on June 2, and county party secretary "
        "Wang Fang spoke."
    )
    (body,) = [o for o in ents.organizations if o.name == "Lankao County Party Committee"]
    assert body.mentions and body.mentions[0].text.lower() == "county party committee"
