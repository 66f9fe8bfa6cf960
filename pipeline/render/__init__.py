"""Render an Article as JSON, Markdown or plain text."""

from .jsonout import to_json
from .markdown import to_markdown
from .text import to_text

FORMATS = {"json": to_json, "md": to_markdown, "txt": to_text}

__all__ = ["FORMATS", "to_json", "to_markdown", "to_text"]
