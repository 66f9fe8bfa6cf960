"""The review page (pipeline/render/html.py) and the batch's index.html, read as HTML (lxml): the three
views hold the texts exactly, every edit, flag, entity and figure is marked where it is, and markup from an
article stays text. The same pages in a real browser: tests/test_browser.py."""

import copy
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from conftest import SAMPLE, one_line_error, run_cli
from pipeline import Settings, process
from pipeline.article import Article, Bank, Branch, Entities, Figure, Mention, Official, Place, Post, Source
from pipeline.render import FORMATS, to_html
from pipeline.render.html import Mark, marked, marked_pieces

EVIL = (
    "The <script>window.pwned = 1</script> ministry held a meeting.\n\n"
    'Residents said <img src=x onerror="window.pwned = 2"> that the the plan helps "more than ,000 households".\n\n'
    'See <a href="javascript:window.pwned=3">this</a> &amp; <b>that</b>.\n'
)


def parse(page: str):
    return lxml_html.document_fromstring(page)


def view(doc, name: str):
    (found,) = doc.xpath(f'//div[@id="view-{name}"]')
    return found


def without(element, tag: str) -> str:
    """The text of ``element`` with every ``tag`` element (and its text) taken out."""
    element = copy.deepcopy(element)
    for child in element.xpath(f".//{tag}"):
        child.drop_tree()
    return element.text_content()


def plain(text: str, **changes) -> Article:
    return process(text, settings=Settings(entities=False, **changes))


# ----------------------------------------------------------------- marks
@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="ab<>&\"' \n", max_size=40),
    st.lists(st.tuples(st.integers(0, 45), st.integers(0, 45), st.sampled_from(["b", "i", "span"])), max_size=8),
)
def test_marked_keeps_the_text_exactly_and_always_nests(text, spans):
    marks = [Mark(min(a, b), max(a, b), tag, (("class", "m"),)) for a, b, tag in spans]
    out = marked(text, marks)
    # The tags balance (a stack of open elements never closes one that is not on top)...
    stack = []
    for closing, tag in re.findall(r"<(/?)([a-z]+)[^>]*>", out):
        if closing:
            assert stack and stack.pop() == tag, out
        else:
            stack.append(tag)
    assert not stack, out
    # ... and the text content is the text, however the marks cross.
    assert lxml_html.fragment_fromstring(f"<div>{out}</div>").text_content() == text


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="ab<& \n", max_size=40),
    st.lists(st.tuples(st.integers(0, 45), st.integers(0, 45)), max_size=8),
    st.integers(1, 12),
)
def test_a_view_in_pieces_is_the_view_whole(text, spans, size):
    """The views are rendered a piece at a time (bounded memory): the same text, each id once, nesting."""
    marks = sorted(
        (Mark(min(a, b), max(a, b), "b", (("id", f"m{i}"),)) for i, (a, b) in enumerate(spans)), key=lambda m: m.start
    )
    out = "".join(marked_pieces(text, marks, size=size))
    assert lxml_html.fragment_fromstring(f"<div>{out}</div>").text_content() == text
    whole = marked(text, marks)
    for mark in marks:
        ident = f'id="{mark.attrs[0][1]}"'
        if mark.start < len(text) or (mark.start == len(text) and mark.start == mark.end):
            assert out.count(ident) == whole.count(ident) == 1


def test_a_mark_split_by_another_keeps_its_id_once():
    out = marked("abcdef", [Mark(0, 4, "i", (("id", "x"), ("class", "c"))), Mark(2, 6, "b", (("id", "y"),))])
    assert out.count('id="x"') == 1 and out.count('id="y"') == 1
    assert out == '<i id="x" class="c">ab<b id="y">cd</b></i><b>ef</b>'


# ----------------------------------------------------------------- the page, without models
def test_the_views_hold_the_original_and_the_cleaned_text_exactly():
    article = plain(SAMPLE.read_text(encoding="utf-8"))
    doc = parse(to_html(article))
    assert view(doc, "clean").text_content() == article.clean
    assert view(doc, "original").text_content() == article.original
    changes = view(doc, "changes")
    assert without(changes, "ins") == article.original  # the removed text struck through, in place
    assert without(changes, "del") == article.clean  # the inserted text marked, in place


def test_every_edit_is_marked_with_its_before_after_rule_and_confidence():
    article = plain(SAMPLE.read_text(encoding="utf-8"))
    assert len(article.edits) > 20
    doc = parse(to_html(article))
    for edit in article.edits:
        (element,) = doc.xpath(f'//span[@id="e-{edit.id}"]')
        assert element.xpath("string(./del)") == edit.before
        assert element.xpath("string(./ins)") == edit.after
        assert element.get("data-rule") == edit.rule and element.get("tabindex") == "0"  # focus shows the tip
        tip = element.get("data-tip")
        assert edit.rule in tip and edit.reason in tip and f"{edit.confidence:.2f}" in tip
        assert element.getparent().get("id") == "view-changes"


def test_a_line_break_edit_shows_what_it_removed():
    article = plain("One line here.\n\n\n\nAnother line here.\n")
    assert article.edits and not article.edits[0].before.strip()
    doc = parse(to_html(article))
    (removed,) = doc.xpath(f'//span[@id="e-{article.edits[0].id}"]/del')
    assert "ws" in removed.get("class") and "⏎" in removed.get("data-show")


def test_every_flag_is_marked_in_the_original_with_its_whole_message():
    article = plain(SAMPLE.read_text(encoding="utf-8"))
    assert article.flags
    page = to_html(article)
    doc = parse(page)
    for flag in article.flags:
        (element,) = doc.xpath(f'//span[@id="flag-{flag.id}"]')
        assert flag.severity in element.get("class").split()
        assert flag.message in element.get("data-tip")  # whole, never cut
        parts = doc.xpath(f'//div[@id="view-original"]//span[@id="flag-{flag.id}"]')
        assert parts and parts[0].text_content() in flag.text
        # the flags table gives the whole message and links to the flag in the text
        (row,) = doc.xpath(f'//section[@id="flags"]//a[@href="#flag-{flag.id}"]/ancestor::tr')
        assert flag.message in row.text_content()


def test_markup_in_an_article_stays_text():
    article = plain(EVIL)
    article.metadata.title = '<img src=x onerror="window.pwned=4"> "Title" & <b>more</b>'
    article.metadata.url = "javascript:window.pwned=5"
    page = to_html(article)
    doc = parse(page)
    assert not doc.xpath("//img") and not doc.xpath("//b") and not doc.xpath("//main//a[not(starts-with(@href, '#'))]")
    assert len(doc.xpath("//script")) == 1  # the page's own
    assert "window.pwned" not in doc.xpath("string(//script)")
    assert not [e for e in doc.iter() if any(name.startswith("on") for name in e.attrib)]
    assert view(doc, "original").text_content() == article.original  # shown, as text
    assert doc.xpath("string(//h1)") == article.metadata.title
    assert "javascript:window.pwned=5" in doc.xpath("string(//dl)")  # an address is text, never a link


def test_the_page_loads_nothing_and_runs_only_its_own_script():
    import base64
    import hashlib

    page = to_html(plain(EVIL))
    doc = parse(page)
    (policy,) = doc.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')
    assert "default-src 'none'" in policy
    script = doc.xpath("string(//script)")
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy
    for element in doc.iter():
        for name in ("src", "href", "action", "srcset", "poster"):
            value = element.get(name)
            assert value is None or value.startswith("#"), (element.tag, name, value)
    assert not doc.xpath("//link | //iframe | //object | //embed")


def test_the_views_switch_without_script():
    """Radio buttons and CSS: each label chooses its view even where script is off."""
    doc = parse(to_html(plain("A short article.\n")))
    style = doc.xpath("string(//style)")
    for name in ("clean", "original", "changes"):
        (radio,) = doc.xpath(f'//input[@type="radio"][@id="v-{name}"]')
        assert doc.xpath(f'//label[@for="v-{name}"]')
        assert f"#v-{name}:checked~#view-{name}" in style
        assert radio.getparent() is view(doc, name).getparent()  # siblings: the CSS `~` reaches the view
    assert doc.xpath('//input[@id="v-clean"]/@checked')


def _article_with_entities() -> Article:
    clean = (
        "Li Ming, mayor of Shenyang, met the Bank of China Liaoning Branch in Shenyang on 12 May; 3,000 homes "
        "were built."
    )
    article = Article(Source(None, "0" * 64, "utf-8"), clean, clean)

    def at(text: str, nth: int = 0) -> Mention:
        start = -1
        for _ in range(nth + 1):
            start = clean.index(text, start + 1)
        return Mention(start, start + len(text), text, 0)

    li = Official(
        "Li Ming",
        [Post("mayor", "Shenyang Municipal People's Government"), Post("secretary", "Party Committee")],
        [at("Li Ming")],
    )
    article.entities = Entities(
        officials=[li],
        places=[Place("Shenyang", "city", "Liaoning", "210100", [at("Shenyang"), at("Shenyang", 1)])],
        banks=[
            Bank(
                "Bank of China",
                "state_bank",
                ["Bank of China"],
                [at("Bank of China")],
                branch="Liaoning Branch",
                branches=[Branch("Liaoning Branch", "provincial_branch", "Liaoning", [at("Liaoning Branch")])],
            )
        ],
    )
    three = at("3,000")
    article.figures = [Figure(3000, "3,000", "homes", None, 0, three.start, three.end, None)]
    return article


def test_entities_and_figures_are_marked_by_kind_with_their_cards():
    article = _article_with_entities()
    doc = parse(to_html(article))
    clean = view(doc, "clean")
    for kind, entity in (
        ("official", article.entities.officials[0]),
        ("place", article.entities.places[0]),
        ("bank", article.entities.banks[0]),
    ):
        marks = clean.xpath(f'.//mark[contains(concat(" ", @class, " "), " {kind} ")]')
        assert [m.text_content() for m in marks] == [m.text for m in entity.mentions]
        key = marks[0].get("data-ent")
        (card,) = doc.xpath(f'//div[@id="card-{key}"]')
        assert entity.name in card.text_content()
        for k in range(1, len(entity.mentions) + 1):  # each mention linked from the card
            assert card.xpath(f'.//a[@href="#m-{key}-{k}"]') and doc.xpath(f'//*[@id="m-{key}-{k}"]')
    (official,) = doc.xpath('//div[@id="card-o1"]')
    assert "mayor (Shenyang Municipal People's Government)" in official.text_content()
    assert "secretary (Party Committee)" in official.text_content()
    (bank,) = doc.xpath('//div[@id="card-b1"]')
    assert "Liaoning Branch (provincial branch, Liaoning)" in bank.text_content()  # the branch as structure
    (figure,) = clean.xpath('.//span[@id="fig-1"]')
    assert figure.text_content() == "3,000" and "homes" in figure.get("data-tip")
    assert doc.xpath('//section[@id="figures"]//a[@href="#fig-1"]')
    legend = doc.xpath('string(//div[@class="legend"])')
    assert all(word in legend for word in ("Official", "Place", "Bank", "Figure"))


def test_every_link_in_the_page_has_its_target():
    for article in (_article_with_entities(), plain(SAMPLE.read_text(encoding="utf-8"))):
        doc = parse(to_html(article))
        ids = set(doc.xpath("//@id"))
        assert len(ids) == len(doc.xpath("//@id")), "an id used twice"
        for href in doc.xpath("//a/@href"):
            assert href[1:] in ids, href


# ----------------------------------------------------------------- the command line
def test_clean_prints_the_page_and_writes_it_with_the_others(tmp_path):
    article = tmp_path / "story.txt"
    article.write_text(EVIL, encoding="utf-8")
    printed = run_cli("clean", article, "-f", "html", "--no-entities")
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout.startswith("<!DOCTYPE html>") and "&lt;script&gt;" in printed.stdout
    out = tmp_path / "out"
    written = run_cli("clean", article, "-o", out, "--no-entities")
    assert written.returncode == 0, written.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [".mtclean-outputs.json"] + [f"story.{name}" for name in FORMATS]
    )
    assert (out / "story.html").read_text(encoding="utf-8") == printed.stdout


def test_clean_never_writes_its_page_over_the_input(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><article><p>" + "The ministry held a meeting on housing. " * 20 + "</p></article></body></html>"
    )
    before = page.read_bytes()
    result = run_cli("clean", page, "-o", tmp_path, "--no-entities")
    one_line_error(result, 2, "replace the input")
    assert page.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]


# ----------------------------------------------------------------- the batch's index
@pytest.fixture(scope="module")
def batch_pages(tmp_path_factory):
    src = tmp_path_factory.mktemp("in")
    shutil.copy(SAMPLE, src / "sample.txt")
    (src / "evil.txt").write_text("<b>Bold</b> headline\n\n" + EVIL, encoding="utf-8")
    (src / "index.txt").write_text("An article whose name is the index's.\n", encoding="utf-8")
    (src / "a b#c.txt").write_text("A name a link must encode.\n", encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    out = tmp_path_factory.mktemp("out")
    result = run_cli("batch", src, "-o", out, "-w", "1", "--no-entities", "--quiet")
    assert result.returncode == 1, result.stderr  # the empty file fails
    return src, out


def test_the_index_lists_every_article_and_links_to_its_page(batch_pages):
    _, out = batch_pages
    doc = parse((out / "index.html").read_text(encoding="utf-8"))
    rows = doc.xpath('//table[@id="articles"]/tbody/tr')
    assert len(rows) == 4
    from urllib.parse import unquote

    targets = sorted(unquote(href) for href in doc.xpath('//table[@id="articles"]//a/@href'))
    assert targets == ["a b#c.html", "evil.html", "index.txt.html", "sample.html"]
    for target in targets:
        assert (out / target).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not doc.xpath("//b | //img") and len(doc.xpath("//script")) == 1
    # counts of edits and of flags by severity, as the CSV has them
    import csv

    with open(out / "articles.csv", encoding="utf-8-sig", newline="") as handle:
        table = {row["article"]: row for row in csv.DictReader(handle)}
    for row in rows:
        key = row.xpath('string(./td[1]/span[@class="muted"])')
        cells = [c.text_content() for c in row.xpath("./td")]
        assert cells[4:8] == [table[key][c] for c in ("edits", "flags_error", "flags_warning", "flags_info")]


def test_the_index_lists_the_failures_with_their_messages(batch_pages):
    _, out = batch_pages
    doc = parse((out / "index.html").read_text(encoding="utf-8"))
    (failure,) = doc.xpath('//h2[@id="failures"]/following-sibling::table//tbody/tr')
    assert "empty.txt" in failure.text_content() and "empty" in failure.xpath("string(./td[2])")


def test_a_record_named_index_never_takes_the_index_page():
    from pipeline.batch.discover import output_paths
    from pipeline.corpus import output_name

    name = output_name("index")
    assert name != "index" and name.startswith("index-")
    assert output_name("story-1") == "story-1"
    assert output_paths(Path("out"), name, ("html",))["html"].name != "index.html"


def test_a_short_article_with_markup_written_into_it_is_read_as_text_and_shown_as_text(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(
        "The county built 12 roads.\n\nA reader wrote <script>window.pwned = 1</script> and "
        '<img src=x onerror="window.pwned = 2"> and <svg onload="window.pwned = 3"></svg> and '
        '<a href="javascript:window.pwned=4">a link</a> here.\n',
        encoding="utf-8",
    )
    result = run_cli("clean", story, "-f", "html", "--no-entities")
    assert result.returncode == 0, result.stderr
    doc = parse(result.stdout)
    assert "<script>window.pwned = 1</script>" in view(doc, "original").text_content()
    assert not doc.xpath("//img | //svg | //main//a[not(starts-with(@href, '#'))]")


def test_entity_cards_escape_what_the_gazetteer_and_the_article_give():
    article = _article_with_entities()
    place = article.entities.places[0]
    place.name, place.kind, place.parent = "<b>Shenyang</b>", "city<img src=x>", "Liao<script>x</script>ning"
    doc = parse(to_html(article))
    assert not doc.xpath("//b | //img") and len(doc.xpath("//script")) == 1
    (card,) = doc.xpath('//div[starts-with(@id, "card-l")]')
    assert "city<img src=x>, in Liao<script>x</script>ning" in card.text_content()


def test_a_party_committee_is_marked_as_a_body_with_its_place_on_its_card():
    """The entities give Liaoning a mention spanning the committee's name: the page marks the committee,
    and its card and tip name its place (issue 31: it was shaded and carded as Liaoning)."""
    from pipeline.article import Organisation

    clean = "Zhang Wei, deputy secretary of Liaoning Provincial Party Committee, visited Liaoning Province."
    article = Article(Source(None, "0" * 64, "utf-8"), clean, clean)
    body = "Liaoning Provincial Party Committee"
    committee = Mention(clean.index(body), clean.index(body) + len(body), body, 0)
    province = Mention(clean.index("Liaoning Province"), len(clean) - 1, "Liaoning Province", 0)
    article.entities = Entities(
        places=[Place("Liaoning", "province", None, "210000", [committee, province])],
        organizations=[Organisation(body, "party_committee", [body], [committee])],
    )
    doc = parse(to_html(article))
    clean_view = view(doc, "clean")
    marks = [(m.get("class"), m.text_content()) for m in clean_view.xpath(".//mark")]
    assert marks == [("ent org", body), ("ent place", "Liaoning Province")]
    (org,) = clean_view.xpath('.//mark[contains(@class, "org")]')
    assert "place: Liaoning" in org.get("data-tip")
    (card,) = doc.xpath(f'//div[@id="card-{org.get("data-ent")}"]')
    assert "place: Liaoning" in card.text_content()
    (place_card,) = doc.xpath('//div[@id="card-l1"]')
    assert f"named in {body}" in place_card.text_content() and "Mentions (1)" in place_card.text_content()


def test_the_legend_explains_every_mark_of_the_text():
    article = process(SAMPLE.read_text(encoding="utf-8"), settings=Settings(entities=False))
    doc = parse(to_html(article))
    legend = doc.xpath('//div[@class="legend"]')[0]
    for cls in ("sent key", "changed", "edited", "flag error", "flag warning", "flag info"):
        assert legend.xpath(f'.//span[@class="{cls}"]'), cls
    assert "key point" in legend.text_content()
