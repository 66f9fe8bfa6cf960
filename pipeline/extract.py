"""Web pages in: find the article's text and the page's metadata with trafilatura.

A saved page (``.html``, ``.htm``, or HTML content in any file) is parsed by lxml
and its main text found by trafilatura, a maintained boilerplate remover: the
navigation, sidebars, footers, comments, scripts and styles stay out. Nothing in
the page is run or fetched: trafilatura reads the markup only (no script engine,
no network; the address it reports is the page's canonical link as written).

What a hostile page can do is bounded here: the page is at most ``--max-size``
bytes before it is parsed (the read stage checks), lxml's HTML parser expands no
entity declarations and caps the depth of nesting, and the tree trafilatura
walks is capped at :data:`MAX_TREE_SIZE` elements (a larger page is an input
error, not a long wait).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .errors import InputError

# The start of a page, or layout tags dense enough that the text is markup, not an article with a stray
# tag. Only tags a page's body is made of count: an article that quotes a <script>, an <img> or a link
# (markup injected into a story, a story about markup) is still a text, and its page shows them as text.
_HTML = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!doctype html|<html\b|<head\b|<body\b)", re.IGNORECASE)
_TAG = re.compile(
    r"</?(?:p|div|span|table|td|tr|li|ul|ol|br|meta|link|article|section|header|footer|nav|h[1-6])\b[^>]*>",
    re.IGNORECASE,
)
_ANY_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*\b[^>]*>")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")

# trafilatura walks the whole tree in Python: past this many elements a page is refused (a real news
# page has a few thousand; 4 MiB of nothing but empty tags would be about 600,000).
MAX_TREE_SIZE = 200_000


@dataclass(frozen=True)
class Page:
    """What the extractor found in a page: the article's text and the page's own metadata."""

    text: str
    title: str | None
    author: str | None
    published: str | None  # YYYY-MM-DD
    site_name: str | None
    url: str | None


def looks_like_html(text: str, name: str | None = None) -> bool:
    """Whether ``text`` is a web page: it starts like one, its tags are dense, or it is named ``.html``
    and has tags at all. A text article with a stray ``<br>`` is not one.

    >>> looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    True
    >>> looks_like_html("The county held a meeting.<br>It opened on May 16.")
    False
    >>> looks_like_html('A reader wrote <script>x()</script> <img src=x onerror="y()"> <a href="z">z</a> <svg></svg>.')
    False
    """
    sample = text[:20000]
    if _HTML.match(sample) or len(_TAG.findall(sample)) > max(5, len(sample) // 400):
        return True
    return bool(name and name.lower().endswith(HTML_SUFFIXES) and _ANY_TAG.search(sample))


@lru_cache(maxsize=1)
def extractor_name() -> str:
    """What the JSON records as the extractor: its name and version."""
    import trafilatura

    return f"trafilatura {trafilatura.__version__}"


def extract_html(html: str, path: str | None = None) -> Page:
    """The article in the page ``html``, with the page's metadata; :class:`InputError` when the page has
    no article text (a page of navigation only, an empty body) or is too large a tree to walk."""
    trafilatura = _trafilatura()
    from trafilatura.utils import load_html

    try:
        tree = load_html(html)
        if tree is None:  # lxml could not make a document of it (an entity declaration, garbage)
            raise ValueError("no document")
        size = sum(1 for _ in tree.iter())
        if size > MAX_TREE_SIZE:
            raise InputError(f"a web page of {size:,} elements, over the limit of {MAX_TREE_SIZE:,}", path)
        repeated = _repeated_blocks(tree)  # before the extractor changes the tree
        links = {_key(a.text_content()) for a in tree.iter("a")}
        doc = trafilatura.bare_extraction(
            tree,
            with_metadata=True,
            include_comments=False,  # readers' comments are not the article
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
            config=_config(),
        )
    except (ValueError, RecursionError):  # lxml gives up on a broken document; very deep nesting
        raise InputError("cannot read this web page (not a document lxml can parse)", path) from None
    text = _blocks(doc.body, repeated) if doc is not None and doc.body is not None else ""
    if not text or _all_links(text, links):
        raise InputError("a web page with no article text in it (navigation or an empty body only)", path)
    return Page(
        text=text + "\n",
        title=_clean(doc.title),
        author=_clean(doc.author),
        published=_date(doc.date),
        site_name=_clean(doc.sitename),
        url=_clean(doc.url),
    )


def _trafilatura():  # type: ignore[no-untyped-def]
    import trafilatura

    # trafilatura and its helpers log every page they find short or odd: a batch reports by itself.
    for name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    return trafilatura


def _blocks(body: Any, repeated: dict[str, int]) -> str:
    """The extracted text, a blank line between its blocks (paragraphs, headings, lists, tables), as a text
    article separates its paragraphs; a line break inside a paragraph stays one newline.

    trafilatura drops a long block that repeats the one before it. In machine-translated news that
    repetition is usually the page's own (a headline printed twice, a paragraph pasted twice): such a
    block is put back as many times as the page has it in a row, so that the repair rules see the
    repetition and record its removal like any other edit."""
    from trafilatura.xml import xmltotxt

    parts: list[str] = []
    for block in body:
        part = xmltotxt(block, False).strip()
        if not part:
            continue
        key = _key(part)
        times = repeated.get(key, 1) if not parts or _key(parts[-1]) != key else 1
        parts.extend([part] * times)
    return "\n\n".join(parts)


_LEAF_BLOCKS = frozenset("p h1 h2 h3 h4 h5 h6 li td th pre dt dd div blockquote section article".split())


def _repeated_blocks(tree: Any) -> dict[str, int]:
    """Long texts that the page has in consecutive blocks, with how many times in a row (the most): the
    blocks that hold text themselves, not a block only because a block inside it does."""
    from trafilatura.settings import MIN_DUPLICATE_LENGTH

    blocks = list(tree.iter(*_LEAF_BLOCKS))
    holders: set[Any] = set()  # elements with a block inside: each marked once, so the pass stays linear
    for element in blocks:
        parent = element.getparent()
        while parent is not None and parent not in holders:
            holders.add(parent)
            parent = parent.getparent()
    runs: dict[str, int] = {}
    previous, run = "", 0
    for element in blocks:
        if element in holders:
            continue
        key = _key(element.text_content())
        if not key:
            continue
        run = run + 1 if key == previous else 1
        previous = key
        if run > 1 and len(key) > MIN_DUPLICATE_LENGTH:
            runs[key] = max(runs.get(key, 1), run)
    return runs


def _all_links(text: str, links: set[str]) -> bool:
    """The extractor fell back on a list of links (a page of navigation only): most of its text is the
    text of the page's links, line by line."""
    lines = [_key(line) for line in text.split("\n") if line.strip()]
    linked = sum(len(line) for line in lines if line.lstrip("-• ") in links or line in links)
    return linked > 0.8 * sum(len(line) for line in lines)


def _key(text: str) -> str:
    return " ".join(text.split())


@lru_cache(maxsize=1)
def _config():  # type: ignore[no-untyped-def]
    from trafilatura.settings import use_config

    config = use_config()  # the package's own settings.cfg, read once
    config.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_TREE_SIZE))
    return config


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def _date(value: str | None) -> str | None:
    return value if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None
