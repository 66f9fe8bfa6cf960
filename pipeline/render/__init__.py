"""Render an Article as JSON, Markdown, plain text or a review page (HTML)."""

from .html import to_html
from .jsonout import to_json
from .markdown import to_markdown
from .text import to_text

FORMATS = {"json": to_json, "md": to_markdown, "txt": to_text, "html": to_html}

__all__ = ["FORMATS", "to_html", "to_json", "to_markdown", "to_text"]
