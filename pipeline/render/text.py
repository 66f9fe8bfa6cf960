"""The cleaned text, as a file: exactly ``text.clean`` plus a final newline."""

from __future__ import annotations

from ..article import Article


def to_text(article: Article) -> str:
    return article.clean if article.clean.endswith("\n") or not article.clean else article.clean + "\n"
