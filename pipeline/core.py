"""The chain of stages for one article: read, normalise, metadata, repair, segment."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from . import metadata as metadata_stage
from . import normalise, repair, segment
from .article import Article, Metadata, Source
from .config import Settings
from .decode import decode
from .edits import EditLog
from .errors import InputError, UsageError
from .timing import stage


def clean_text(text: str, settings: Settings | None = None, *, path: str | None = None,
               encoding: str = "utf-8", sha256: str | None = None) -> Article:
    """Clean one article given as text; return the :class:`Article` with edits, flags and segments."""
    settings = settings or Settings()
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    log = EditLog(text)
    meta = Metadata()
    with stage("repair"):
        _repair(log, meta, settings)
    article = Article(source=Source(path, sha256, encoding), original=text, clean=log.text, metadata=meta,
                      edits=log.edits(), flags=log.flags(), settings=settings.fingerprint())
    with stage("segment"):
        article.paragraphs = segment.paragraphs(article.clean)
        article.sentences = segment.sentences(article.clean, article.paragraphs)
        _flag_untranslated(article)
    return article


def _repair(log: EditLog, meta: Metadata, settings: Settings) -> None:
    """Normalise, take out the metadata and repair, pass after pass until nothing changes."""
    for pass_no in range(repair.MAX_PASSES):  # until nothing changes: cleaning clean text is a no-op
        before = log.text
        for name, fn, _ in normalise.RULES:
            if settings.rule_on(name):
                log.apply(fn(log.text, settings))
        if not settings.lines:
            for extract in (metadata_stage.extract_credits, metadata_stage.extract_header):
                changes = extract(log.text, meta)
                log.apply([c for c in changes if settings.rule_on(c.rule)])
        repair.run(log, settings, record_notices=pass_no == 0)
        if log.text == before:
            break


def _flag_untranslated(article: Article) -> None:
    """A text that is mostly Chinese was not translated: the English repairs and entities do not apply."""
    sample = article.clean[:20000]
    letters = sum(ch.isalpha() for ch in sample)
    cjk = sum("\u3400" <= ch <= "\u9fff" for ch in sample)
    if letters and cjk > 0.3 * letters:
        article.add_flag("input.untranslated", 0, min(len(article.clean), 40),
                         f"{cjk / letters:.0%} of the letters are Chinese: the text looks untranslated; the English "
                         "repairs and entities do not apply to it", "warning", 0.9)


def clean_bytes(data: bytes, settings: Settings | None = None, *, path: str | None = None) -> Article:
    """Decode bytes (any common encoding) and clean them."""
    settings = settings or Settings()
    if len(data) > settings.max_bytes:
        raise InputError(f"file is {len(data):,} bytes, over the limit of {settings.max_bytes:,} "
                         "(raise it with --max-size)", path)
    with stage("decode"):
        text, encoding = decode(data, path)
    return clean_text(text, settings, path=path, encoding=encoding, sha256=hashlib.sha256(data).hexdigest())


def read_input(path: Path | str, settings: Settings | None = None) -> bytes:
    """Read a file's bytes with a clear error for what cannot be read ('-' is standard input)."""
    import sys

    settings = settings or Settings()
    if str(path) == "-":
        return sys.stdin.buffer.read(settings.max_bytes + 1)
    p = Path(path)
    if not p.exists():
        raise UsageError("no such file", str(p))
    if p.is_dir():
        raise UsageError("is a directory, not a file (use 'mtclean batch' for folders)", str(p))
    try:
        size = p.stat().st_size
        if size > settings.max_bytes:
            raise InputError(f"file is {size:,} bytes, over the limit of {settings.max_bytes:,} "
                             "(raise it with --max-size)", str(p))
        return p.read_bytes()
    except PermissionError:
        raise UsageError("permission denied", str(p)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", str(p)) from None


def clean_file(path: Path | str, settings: Settings | None = None) -> Article:
    """Read, decode and clean one file."""
    settings = settings or Settings()
    name = "<stdin>" if str(path) == "-" else str(path)
    return clean_bytes(read_input(path, settings), settings, path=name)


def add_entities(article: Article, nlp: Any, doc: Any = None, encoder: Any = None, points: int = 5) -> Article:
    """The analysing stage: one spaCy pass over the cleaned text (or the ``doc`` of it given), then the
    entity tables, the figures, the event with its headline, and (with an ``encoder``) the key points."""
    from .entities import extract_entities
    from .figures import extract_figures
    from .summary import build_summary

    if doc is None:
        from .analyse import parse

        with stage("spacy"):
            doc = parse(nlp, article.clean)
    with stage("entities"):
        article.entities = extract_entities(doc, article)
    with stage("figures"):
        article.figures = extract_figures(doc, article)
    for official in article.entities["officials"]:
        if official["variants"]:
            names = ", ".join([official["name"], *official["variants"]])
            for m in official["mentions"]:
                if m["text"] in official["variants"]:
                    article.add_flag("entities.name_variants", m["start"], m["end"],
                                     f"'{m['text']}' looks like another spelling of one official ({names}); "
                                     "not changed", "info", 0.6)
    with stage("summary"):
        article.summary = build_summary(article)
    if encoder is not None and points > 0:
        from .keypoints import key_points

        with stage("key_points"):
            article.summary["key_points"] = key_points(article, encoder, points)
    return article
