"""Web pages in (pipeline/extract.py): the article's text and the page's metadata found by trafilatura,
the page's own hash kept, boilerplate left out, and hostile pages refused in one line or read safely.
Every page here is written for the tests (no page of the evaluation sets)."""

import hashlib
import json
import sys

import pytest

from conftest import ROOT, one_line_error
from pipeline import Settings, process
from pipeline.errors import InputError
from pipeline.extract import MAX_TREE_SIZE, extract_html, looks_like_html

sys.path.insert(0, str(ROOT))
from benchmarks.html_inputs import BOILERPLATE, page_for  # noqa: E402

CLEAN_ONLY = Settings(entities=False)
ARTICLE = (
    "On May 16, the county held a meeting on the work of the river chiefs.\n\n"
    "Zhang Wei, secretary of the county Party committee, spoke at the meeting. He asked every "
    "township to check its rivers before the flood season and to report what it found.\n\n"
    "The county will spend 12 million yuan on the banks of the Qing River this year.\n"
)
PARA = "<p>The county held a meeting on the work of the river chiefs, and the officials spoke about the plan.</p>"


def test_what_is_a_web_page():
    assert looks_like_html(page_for(ARTICLE, "A title", None))
    assert looks_like_html("<div><p>One.</p><p>Two.</p><p>Three.</p><p>Four.</p><p>Five.</p><p>Six.</p></div>")
    assert looks_like_html("A page<br>saved without its head", "saved.html")
    assert not looks_like_html("The county held a meeting.<br>It opened on May 16.", "article.txt")
    assert not looks_like_html(ARTICLE, "page.html")  # named .html, but no tag at all: text
    assert not looks_like_html("Use the <html> tag, the report said, and then a <p> for each paragraph.")


def test_page_gives_the_article_its_metadata_and_its_own_hash():
    page = page_for(ARTICLE, "County meets on the river chiefs", "2024-05-17")
    page = page.replace("<head>", '<head><meta name="author" content="Li Ming">')
    data = page.encode("utf-8")
    article = process(data, settings=CLEAN_ONLY, path="river.html")
    assert article.source.format == "html" and article.source.extractor.startswith("trafilatura ")
    assert article.source.sha256 == hashlib.sha256(data).hexdigest()
    meta = article.metadata
    assert meta.title == "County meets on the river chiefs"
    assert meta.published == "2024-05-17"
    assert meta.source_name == "Example News"
    assert meta.url == "https://news.example.org/2024/article.html"
    assert meta.author == "Li Ming"
    assert article.clean == process(ARTICLE, settings=CLEAN_ONLY).clean
    for text in BOILERPLATE + ("written by a script",):
        assert text not in article.original


def test_the_texts_own_metadata_wins_over_the_pages():
    text = "Source: County Daily\nDate: 2024-03-02\n\n" + ARTICLE
    article = process(page_for(text, "The page's title", "2024-05-17"), settings=CLEAN_ONLY, path="p.html")
    assert article.metadata.source_name == "County Daily"
    assert article.metadata.published == "2024-03-02"
    assert article.metadata.title == "The page's title"  # the text names none: the page's fills it


def test_a_plain_text_article_stays_text():
    article = process(ARTICLE, settings=CLEAN_ONLY, path="a.txt")
    assert article.source.format == "text" and article.source.extractor is None
    assert article.metadata.url is None


def test_a_paragraph_the_page_repeats_is_kept_for_the_repair_rules_to_record():
    repeated = "The county will spend 12 million yuan on the banks of the Qing River this year, the plan says."
    text = ARTICLE + "\n" + repeated + "\n\n" + repeated + "\n"
    page = process(page_for(text, "Title", None), settings=CLEAN_ONLY, path="p.html")
    assert page.original.count(repeated) == 2  # the extractor alone would drop the second
    assert page.clean.count(repeated) == 1
    assert any(repeated in e.before for e in page.edits)
    assert page.clean == process(text, settings=CLEAN_ONLY).clean


def test_two_different_paragraphs_are_both_kept():
    page = process(page_for(ARTICLE, "Title", None), settings=CLEAN_ONLY, path="p.html")
    assert page.original.count("river chiefs") == 1


@pytest.mark.parametrize(
    "name, page, message",
    [
        (
            "navigation",
            "<html><body><nav><ul>"
            + "".join(f'<li><a href="/{i}">Section {i}</a></li>' for i in range(200))
            + "</ul></nav><footer><a href='/p'>Privacy</a></footer></body></html>",
            "no article text",
        ),
        (
            "empty body",
            "<!DOCTYPE html><html><head><title>Nothing</title></head><body></body></html>",
            "no article text",
        ),
        (
            "entity declarations",
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            "<html><body><article>" + PARA + "<p>&b;&b;&b;</p></article></body></html>",
            "cannot read this web page",
        ),
        (
            "too many elements",
            "<html><body>" + "<p></p>" * (MAX_TREE_SIZE + 10) + PARA + "</body></html>",
            "over the limit of",
        ),
    ],
)
def test_hostile_pages_are_refused_in_one_line(name, page, message):
    with pytest.raises(InputError, match=message) as caught:
        extract_html(page, "page.html")
    assert "\n" not in str(caught.value)


def test_deep_nesting_does_not_crash():
    page = "<html><body>" + "<div>" * 50_000 + PARA * 3 + "</div>" * 50_000 + "</body></html>"
    try:
        text = extract_html(page).text
    except InputError as exc:  # lxml stops at its depth limit: then the page has no text it can reach
        assert "no article text" in str(exc)
    else:
        assert "river chiefs" in text


def test_megabytes_of_script_and_style_are_left_out():
    script = "var tracking = 'x';\n" * 150_000  # 3 MB
    page = f"<html><head><script>{script}</script><style>{'.a{{color:red}}' * 20_000}</style></head>"
    page += f"<body><article>{PARA}</article></body></html>"
    assert len(page) > 3_000_000
    text = extract_html(page).text
    assert "river chiefs" in text and "tracking" not in text and "color" not in text


def test_nothing_in_a_page_is_run_or_fetched():
    # pytest-socket refuses every connection in this suite: a fetch would fail the test
    page = (
        '<html><head><link rel="stylesheet" href="http://127.0.0.1:9/a.css">'
        '<script src="http://127.0.0.1:9/a.js"></script><script>document.title = "changed";</script>'
        "<title>Unchanged</title></head><body><article>" + PARA + '<img src="http://127.0.0.1:9/i.png" '
        'onerror="alert(1)"><iframe src="http://127.0.0.1:9/"></iframe></article></body></html>'
    )
    page_read = extract_html(page)
    assert "river chiefs" in page_read.text and page_read.title == "Unchanged"
    assert "alert" not in page_read.text and "document.title" not in page_read.text


def test_lines_mode_refuses_a_page(cli, tmp_path):
    path = tmp_path / "segments.html"
    path.write_text(page_for(ARTICLE, "Title", None), encoding="utf-8")
    one_line_error(cli("clean", path, "--lines", "-f", "txt"), 1, "--lines reads plain text", "segments.html")


def test_cli_cleans_a_saved_page(cli, tmp_path, validate):
    path = tmp_path / "river.htm"
    path.write_bytes(page_for(ARTICLE, "County meets", "2024-05-17").encode("gb18030"))
    result = cli("clean", path, "-f", "json", "--no-entities")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    validate(data)
    assert data["source"]["format"] == "html" and data["metadata"]["title"] == "County meets"
    assert data["source"]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert "Navigation home" not in data["text"]["original"]


def test_cli_page_without_article_text_is_one_line(cli, tmp_path):
    path = tmp_path / "menu.html"
    path.write_text("<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>")
    one_line_error(cli("clean", path, "--no-entities"), 1, "no article text", "menu.html")
