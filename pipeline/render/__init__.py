"""Render an Article as JSON, Markdown, plain text or a review page (HTML)."""

from __future__ import annotations

from collections.abc import Iterable

from ..article import Article
from .diff import to_diff
from .html import html_parts, to_html
from .jsonout import json_parts, to_json
from .markdown import markdown_parts, to_markdown
from .text import to_text

FORMATS = {"json": to_json, "md": to_markdown, "txt": to_text, "html": to_html}


def parts(fmt: str, article: Article) -> Iterable[str]:
    """``FORMATS[fmt](article)`` in pieces to write one after another (JSON: a row at a time, Markdown:
    the cleaned text a paragraph at a time, HTML: a piece of each view at a time)."""
    if fmt == "json":
        return json_parts(article)
    if fmt == "md":
        return markdown_parts(article)
    if fmt == "html":
        return html_parts(article)
    if fmt == "diff":  # printed only, never one of the files written
        return [to_diff(article)]
    return [FORMATS[fmt](article)]


__all__ = ["FORMATS", "parts", "to_diff", "to_html", "to_json", "to_markdown", "to_text"]
