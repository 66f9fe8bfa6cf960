"""The post reader on hand-built Docs: words, entity spans and (where it matters) a parse, no model."""

import pytest
import spacy
from spacy.tokens import Doc, Span

from pipeline.article import Article, Source
from pipeline.entities.posts import PostReader
from pipeline.segment import paragraphs, sentences

NO_SPACE_BEFORE = {",", "."}


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


def reader_for(vocab, words, ents=(), names=(), **parse) -> PostReader:
    """A reader over the text of ``words`` (no space before a comma or a full stop), with entity spans
    ``(first token, end token, label, kb_id)``, and the two-word names that begin with ``names`` (what the
    officials reader tells it)."""
    spaces = [i + 1 < len(words) and words[i + 1] not in NO_SPACE_BEFORE for i in range(len(words))]
    doc = Doc(vocab, words=words, spaces=spaces, **parse)
    doc.ents = [Span(doc, start, end, label=label, kb_id=kb_id) for start, end, label, kb_id in ents]
    article = Article(Source(None, "0" * 64, "utf-8"), doc.text, doc.text)
    article.paragraphs = paragraphs(article.clean)
    article.sentences = sentences(article.clean, article.paragraphs)
    reader = PostReader(doc, article)
    reader.name_spans = [(doc[i].idx, doc[i + 1].idx + len(doc[i + 1])) for i, w in enumerate(words) if w in names]
    reader.name_starts = [start for start, _ in reader.name_spans]
    return reader


def read(posts):
    return [(p.title, p.organization, p.plural) for p in posts]


def test_a_post_after_a_name_takes_the_body_the_gazetteer_marked(vocab):
    words = "Ni Hong , minister of the Ministry of Housing and Urban-Rural Development , attended .".split()
    ministry = (6, 11, "ORG", "org:Ministry of Housing and Urban-Rural Development")
    reader = reader_for(vocab, words, [ministry], names={"Ni"})
    assert read(reader.after(len("Ni Hong"))) == [
        ("minister", "Ministry of Housing and Urban-Rural Development", False)
    ]


def test_a_body_named_by_its_level_is_that_of_the_articles_place(vocab):
    words = "Yunyang County held a meeting . Wang Li , secretary of the county Party committee , spoke .".split()
    reader = reader_for(vocab, words, [(0, 2, "GPE", "place:500235")], names={"Wang"})
    start = reader.text.index("Wang")
    posts = reader.after(start + len("Wang Li"))
    for post in posts:
        reader.resolve(post)
    assert read(posts) == [("secretary", "Yunyang County Party Committee", False)]


def test_a_title_in_the_plural_before_names_is_read_in_the_singular(vocab):
    reader = reader_for(vocab, "Deputy directors Wu Hong and Gu Jin spoke .".split(), names={"Wu", "Gu"})
    assert read(reader.before(reader.text.index("Wu"))) == [("deputy director", None, True)]


def test_an_apposition_that_titles_the_next_name_is_not_a_post(vocab):
    words = "Director Huang Zhiliang , deputy director Xiong Ying , attended .".split()
    reader = reader_for(vocab, words, names={"Huang", "Xiong"})
    assert reader.after(reader.text.index(",")) == []
    assert read(reader.before(reader.text.index("Xiong"))) == [("deputy director", None, False)]


def test_the_parse_ties_a_post_to_the_subject_of_serves_as(vocab):
    words = "Li Hua serves as mayor of Jinan .".split()
    parse = {
        "heads": [1, 2, 2, 2, 3, 4, 5, 2],
        "deps": ["compound", "nsubj", "ROOT", "prep", "pobj", "prep", "pobj", "punct"],
        "pos": ["PROPN", "PROPN", "VERB", "ADP", "NOUN", "ADP", "PROPN", "PUNCT"],
    }
    jinan = (6, 7, "GPE", "place:370100")
    assert read(reader_for(vocab, words, [jinan], names={"Li"}, **parse).from_parse(0, len("Li Hua"))) == [
        ("mayor", "Jinan", False)
    ]
    assert reader_for(vocab, words, [jinan], names={"Li"}).from_parse(0, len("Li Hua")) == []  # no parse, no post


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Wang Li , acting mayor , spoke .", [("acting mayor", None, False)]),
        ("Wang Li , former deputy secretary , spoke .", [("deputy secretary", None, False)]),
        ("Wang Li , original deputy governor , spoke .", [("deputy governor", None, False)]),
        ("Wang Li , executive vice mayor , spoke .", [("executive vice mayor", None, False)]),
        ("Wang Li and Gu Jin , executive chairmen , attended .", [("executive chairman", None, True)]),
    ],
)
def test_a_qualifier_before_a_title_is_part_of_the_post(vocab, words, expected):
    reader = reader_for(vocab, words.split(), names={"Wang", "Gu"})
    assert read(reader.after(reader.text.index(","))) == expected  # read after the last name


@pytest.mark.parametrize(
    ("words", "status"),
    [
        ("Wang Li , acting mayor , spoke .", "acting"),
        ("Wang Li , former deputy secretary , spoke .", "former"),
        ("Wang Li , original deputy governor , spoke .", "former"),  # 原 as machine translation writes it
        ("Wang Li , executive vice mayor , spoke .", None),
        ("Wang Li , deputy secretary , spoke .", None),
    ],
)
def test_a_qualifier_says_what_became_of_the_post(vocab, words, status):
    reader = reader_for(vocab, words.split(), names={"Wang"})
    assert [p.status for p in reader.after(reader.text.index(","))] == [status]


def test_a_career_lists_past_posts_up_to_and_other_positions(vocab):
    words = (
        "Li Qian used to serve as a member of the standing committee , the agency mayor , the mayor , and the "
        "CPC Hengshui Municipal Party Committee Secretary and other positions , for others to seek benefits ."
    ).split()
    committee = (22, 27, "ORG", "org:Hengshui Municipal Party Committee")  # "CPC Hengshui ... Committee"
    reader = reader_for(vocab, words, [committee], names={"Li"})
    posts = reader.after(len("Li Qian"))
    assert [(p.title, p.organization, p.status) for p in posts] == [
        ("member of the standing committee", None, "former"),
        ("mayor", None, "former"),  # "the agency mayor" is passed over: no title the table holds
        ("Secretary", "Hengshui Municipal Party Committee", "former"),
    ]


def test_a_career_without_its_end_reads_only_the_pieces_that_begin_with_a_title(vocab):
    words = "Li Qian served as mayor , the city developed fast , and the party committee secretary spoke .".split()
    reader = reader_for(vocab, words, names={"Li"})
    assert [(p.title, p.status) for p in reader.after(len("Li Qian"))] == [("mayor", None)]


@pytest.mark.parametrize("dash", ["-", "–", " —"])
def test_a_dash_after_a_name_opens_its_apposition(vocab, dash):
    words = f"Qu Hai{dash} deputy secretary and mayor , investigated banks .".split()
    reader = reader_for(vocab, words, names={"Qu"})
    end = reader.text.index("Hai") + len("Hai")
    assert [p.title for p in reader.after(end)] == ["deputy secretary", "mayor"]


def test_a_hyphenated_word_after_a_name_is_no_apposition(vocab):
    reader = reader_for(vocab, "Qu Hai-based mayor spoke .".split(), names={"Qu"})
    assert reader.after(reader.text.index("Hai") + len("Hai")) == []


def test_a_qualifier_before_no_title_is_no_post(vocab):
    reader = reader_for(vocab, "Wang Li , first meeting , spoke .".split(), names={"Wang"})
    assert reader.after(reader.text.index(",")) == []


@pytest.mark.parametrize(
    ("tail", "title"),
    [
        (
            "and other more than 41 former provincial and ministerial level cadres .",
            "former provincial and ministerial level cadre",
        ),
        ("and other county-level cadres .", "county-level cadre"),
    ],
)
def test_a_list_ending_on_other_cadres_of_a_rank_holds_that_rank(vocab, tail, title):
    reader = reader_for(vocab, f"They investigated Ling Hua , Su Rong {tail}".split(), names={"Ling", "Su"})
    assert read(reader.after(reader.text.index("Su Rong") + len("Su Rong"))) == [(title, None, True)]


def test_a_list_ending_on_other_officials_of_no_rank_holds_no_post(vocab):
    reader = reader_for(vocab, "They met Ling Hua , Su Rong and other officials .".split(), names={"Ling", "Su"})
    assert reader.after(reader.text.index("Su Rong") + len("Su Rong")) == []


def test_a_title_with_its_body_before_the_next_name_is_that_names_post(vocab):
    words = "Wang Li , former deputy director of the village committee Shen Qin , and others .".split()
    reader = reader_for(vocab, words, names={"Wang", "Shen"})
    assert reader.after(reader.text.index(",")) == []
