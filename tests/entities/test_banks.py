"""Banks and financial institutions: local banks read from their shape and the places gazetteer, branches
kept as structure, the central bank a bank. The quick tests read a text with the places a Doc would hold
given by hand; the slow ones go through the chain (spaCy and the gazetteer component)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from pipeline import gazetteer
from pipeline.article import Article, Bank, Mention, Organisation, Source
from pipeline.entities.banks import read_banks


def _place(name: str, kind: str | None = None) -> gazetteer.PlaceEntry:
    (place,) = [p for p in gazetteer.places() if p.name == name and (kind is None or p.kind == kind)]
    return place


def _banks(text: str, places: tuple[str, ...] = (), curated: list[Organisation] | None = None) -> dict[str, Bank]:
    """The banks of ``text`` whose Doc holds ``places`` (each named once where the text names it)."""
    ents = []
    for name in places:
        place = _place(name)
        at = text.find(gazetteer.bare_name(place))
        ents.append(SimpleNamespace(kb_id_=f"place:{place.code}", start_char=max(at, 0)))
    article = Article(Source(None, "0" * 64, "utf-8"), text, text)
    return {b.name: b for b in read_banks(SimpleNamespace(ents=ents), article, curated or [])}


# ----------------------------------------------------------------- local banks by their shape
def test_a_local_bank_is_its_place_and_its_shape_under_one_name():
    banks = _banks(
        "Sichuan Zigong Bank helped the village. Zigong Bank sent cadres and set out the “zigong bank co., LTD. "
        "Service rural revitalization of ten measures”; the Bank of Zigong lent 5 million yuan."
    )
    assert list(banks) == ["Zigong Bank"]
    zigong = banks["Zigong Bank"]
    assert zigong.kind == "city_commercial_bank"
    assert zigong.aliases_seen == ["Sichuan Zigong Bank", "Zigong Bank", "zigong bank co., LTD.", "Bank of Zigong"]
    assert len(zigong.mentions) == 4


@pytest.mark.parametrize(
    "text, name, kind",
    [
        ("The Daiyue Rural Commercial Bank opened.", "Daiyue Rural Commercial Bank", "rural_commercial_bank"),
        ("Shandong Laiwu Rural Commercial Bank lent.", "Laiwu Rural Commercial Bank", "rural_commercial_bank"),
        ("the Lankao agricultural commercial bank lent", "Lankao Rural Commercial Bank", "rural_commercial_bank"),
        ("Jiangyin Rural Cooperative Bank lent.", "Jiangyin Rural Cooperative Bank", "rural_cooperative_bank"),
        (
            "Guizhou Leishan Rural Credit Cooperative lent.",
            "Leishan County Rural Credit Cooperative Union",
            "rural_credit_cooperative",
        ),
        (
            "This is one example of leishan Rural Credit Union support.",
            "Leishan County Rural Credit Cooperative Union",
            "rural_credit_cooperative",
        ),
        ("The Guizhou Rural Credit Union met.", "Guizhou Rural Credit Union", "provincial_credit_union"),
        ("The Rural Credit Union of Guizhou met.", "Guizhou Rural Credit Union", "provincial_credit_union"),
        ("The Lankao Xinghe Village Bank opened.", "Lankao Xinghe Village Bank", "village_bank"),
        ("Hebei Bank and the Bank of Beijing lent.", "Hebei Bank", "city_commercial_bank"),
    ],
)
def test_every_shape_with_a_place_of_its_kind_is_a_bank(text, name, kind):
    banks = _banks(text)
    assert name in banks and banks[name].kind == kind, banks


@pytest.mark.parametrize(
    "text",
    [
        "They walked down Bank Street to the river bank.",
        "Boats moored on the bank of the Yangtze.",
        "Hefei Investment Co., Ltd. and Hefei Construction Investment signed.",
        "A Zigong bank and some Zigong banks lent.",  # any bank there: no name
        "Leishan Bank lent.",  # a city commercial bank is named after a city or a province, never a county
        "The Agricultural Bank of Jilin Branch lent.",  # the end of a longer name: not the Bank of Jilin
        "Each county rural credit union and the rural commercial banks of Hunan lent.",
        "The Bank of China and the World Bank met.",
        "Zigong Bank Road was widened.",
    ],
)
def test_words_that_only_look_like_a_bank_are_none(text):
    assert _banks(text) == {}


def test_a_level_word_names_the_article_places_body():
    banks = _banks("Leishan County held a fair; the county Rural Credit Union lent.", ("Leishan County",))
    assert list(banks) == ["Leishan County Rural Credit Cooperative Union"]
    assert _banks("The county Rural Credit Union lent.") == {}  # no county in the article: none guessed


def test_a_town_credit_cooperative_is_an_outlet_of_the_county_union():
    banks = _banks("Xijiang Credit Cooperative of Leishan County, Guizhou province issued a loan.")
    union = banks["Leishan County Rural Credit Cooperative Union"]
    assert [(b.name, b.level) for b in union.branches] == [("Xijiang Credit Cooperative", "outlet")]
    assert union.branch == "Xijiang Credit Cooperative"


def _curated(text: str, name: str, kind: str, *forms: str) -> list[Organisation]:
    """A curated bank as the gazetteer component finds it: each form at its next place in the text."""
    org = Organisation(name, kind, list(dict.fromkeys(forms)))
    start = 0
    for form in forms:
        at = text.index(form, start)
        org.mentions.append(Mention(at, at + len(form), form, None))
        start = at + len(form)
    return [org]


def test_a_local_bank_inside_a_curated_one_is_not_read_again():
    text = "Shanghai Pudong Development Bank lent."
    curated = _curated(text, "Shanghai Pudong Development Bank", "joint_stock_bank", "Shanghai Pudong Development Bank")
    assert list(_banks(text, curated=curated)) == ["Shanghai Pudong Development Bank"]


# ----------------------------------------------------------------- branches


@pytest.mark.parametrize(
    "text, bank, kind, form, branch, level, place",
    [
        (
            "People's Bank of China Lanzhou Central Branch met.",
            "People's Bank of China",
            "central_bank",
            "People's Bank of China",
            "Lanzhou Central Branch",
            "city_branch",
            "Lanzhou",
        ),
        (
            "China Development Bank Anhui Branch signed.",
            "China Development Bank",
            "policy_bank",
            "China Development Bank",
            "Anhui Branch",
            "provincial_branch",
            "Anhui",
        ),
        (
            "the Hebei branch of agricultural issuance lent",
            "Agricultural Development Bank of China",
            "policy_bank",
            "agricultural issuance",
            "Hebei Branch",
            "provincial_branch",
            "Hebei",
        ),
        (
            "the Agricultural Bank of China's Jilin branch lent",
            "Agricultural Bank of China",
            "state_bank",
            "Agricultural Bank of China",
            "Jilin Branch",
            "provincial_branch",  # a bank's branch named after Jilin is the province's, not the city's
            "Jilin",
        ),
        (
            "the Chengbu County Branch of the Agricultural Development Bank lent",
            "Agricultural Development Bank of China",
            "policy_bank",
            "Agricultural Development Bank",
            "Chengbu County Branch",
            "county_sub_branch",
            "Chengbu Miao Autonomous County",
        ),
    ],
)
def test_a_branch_is_kept_as_structure_under_the_institutions_name(text, bank, kind, form, branch, level, place):
    banks = _banks(text, curated=_curated(text, bank, kind, form))
    found = banks[bank]
    assert found.branch == branch
    assert [(b.name, b.level, b.place) for b in found.branches] == [(branch, level, place)]
    assert found.branches[0].mentions[0].text.lower().startswith(branch.split()[0].lower())


def test_a_local_banks_branch_is_an_outlet_and_a_party_branch_is_no_branch():
    text = "The party branch of the Yamaguchi branch of Daiyue Rural Commercial Bank carried out the month."
    (bank,) = _banks(text).values()
    assert [(b.name, b.level, b.place) for b in bank.branches] == [("Yamaguchi Branch", "outlet", None)]
    text = "The Party branch of China Construction Bank met; the Bank of China and the Lanzhou Branch of it spoke."
    curated = _curated(text, "China Construction Bank", "state_bank", "China Construction Bank")
    curated += _curated(text, "Bank of China", "state_bank", "Bank of China")
    assert all(not b.branches for b in _banks(text, curated=curated).values())


# ----------------------------------------------------------------- through the chain
@pytest.mark.slow
def test_the_central_bank_is_a_bank_and_its_branch_no_part_of_a_regulator(entities_of):
    ents = entities_of(
        "Qu Hai checked some departments of People’s Bank of China Chenzhou Branch and Chenzhou Banking "
        "Regulatory Bureau in Chenzhou, Hunan."
    )
    (pboc,) = ents.banks
    assert (pboc.name, pboc.kind, pboc.branch) == ("People's Bank of China", "central_bank", "Chenzhou Branch")
    assert pboc.branches[0].level == "city_branch"
    names = {o.name for o in ents.organizations}
    assert "Chenzhou Banking Regulatory Bureau" in names
    assert not any("Branch and" in n for n in names)


@pytest.mark.slow
def test_national_banks_are_not_confused_and_renamings_are_read(entities_of):
    ents = entities_of(
        "The Bank of China, the People's Bank of China and China Development Bank met the State Development "
        "Bank team. AGRICULTURAL Development Bank lent, and the Zigong Bank joined."
    )
    names = [b.name for b in ents.banks]
    assert names == [
        "Bank of China",
        "People's Bank of China",
        "China Development Bank",
        "Agricultural Development Bank of China",
        "Zigong Bank",
    ]
    cdb = next(b for b in ents.banks if b.name == "China Development Bank")
    assert cdb.aliases_seen == ["China Development Bank", "State Development Bank"]


def test_a_general_bank_is_the_head_office_of_the_bank_it_names():
    # 农业银行总行 rendered word for word: the Agricultural Bank of China's head office, not the Bank of China
    text = "It won the attention of Agricultural General Bank of China; the Bank of China lent."
    at = text.index("Bank of China")
    boc = Organisation("Bank of China", "state_bank", ["Bank of China"], [Mention(at, at + 13, "Bank of China", None)])
    later = text.index("Bank of China", at + 1)
    boc.mentions.append(Mention(later - 4, later + 13, "the Bank of China", None))
    banks = _banks(text, curated=[boc])
    abc = banks["Agricultural Bank of China"]
    assert abc.aliases_seen == ["Agricultural General Bank of China"] and abc.branch == "Head Office"
    assert abc.branches[0].level == "head_office"
    assert len(banks["Bank of China"].mentions) == 1  # the Bank of China named on its own stays
