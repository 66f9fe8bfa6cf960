"""The article's paragraphs and sentences, with offsets into the cleaned text.

Every non-empty line is a paragraph; where a sentence ends is :func:`pipeline.core.sentences.sentence_spans`.
"""

from __future__ import annotations

from .article import Article, Paragraph, Sentence
from .core.sentences import sentence_spans


def paragraphs(text: str) -> list[Paragraph]:
    result: list[Paragraph] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + (len(line) - len(line.lstrip()))
            result.append(Paragraph(len(result), start, start + len(stripped)))
        pos += len(line) + 1
    return result


def sentences(text: str, paras: list[Paragraph]) -> list[Sentence]:
    result: list[Sentence] = []
    for para in paras:
        for start, end in sentence_spans(text[para.start : para.end]):
            s, e = para.start + start, para.start + end
            result.append(Sentence(len(result), para.id, s, e, text[s:e]))
    return result


def flag_untranslated(article: Article) -> None:
    """A text that is mostly Chinese was not translated: the English repairs and entities do not apply."""
    sample = article.clean[:20000]
    letters = sum(ch.isalpha() for ch in sample)
    cjk = sum("\u3400" <= ch <= "\u9fff" for ch in sample)
    if letters and cjk > 0.3 * letters:
        article.add_flag(
            "input.untranslated",
            0,
            min(len(article.clean), 40),
            f"{cjk / letters:.0%} of the letters are Chinese: the text looks untranslated; the English "
            "repairs and entities do not apply to it",
            "warning",
            0.9,
        )
