"""How a rule is declared: one decorator beside its function, in the module of its family.

::

    @rule("junk.html", "markup a scraper left: tags, cut-off tag attributes")
    def strip_html(text: str, ctx: Context) -> Found: ...

The declaration is the rule's one home: its name (what its edits and flags carry), what it does,
what it records (``kind``), whether it is on by default and whether it runs in line mode. A rule
function is pure, ``(text, ctx) -> (changes, notices)``, and never asks whether it is on: the repair
loop (:mod:`pipeline.repair.loop`) alone decides, from the declarations and the settings, which
functions run and which of their records are kept. ``mtclean rules`` is printed from the
declarations, so it cannot be wrong about a rule.

A name that a function records besides its own (a flag raised by a repair, as
``repetition.meaning_lost``) is a :class:`Record` passed in ``records=``; a name that a later stage
raises is a :class:`Record` declared beside that stage (:mod:`pipeline.chain`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, TypeVar

from ..config import Settings
from ..core.tokens import line_spans
from ..edits import Found, MetadataFound

# What a name records: edits, flags, both, or metadata fields moved out of the text.
Kind = Literal["edit", "flag", "edit+flag", "metadata"]


@dataclass(frozen=True)
class Context:
    """What a rule may know besides the text: how the text is segmented. In line mode every line is an
    independent segment (aligned MT output, one segment a line): a rule never joins, splits or
    compares across lines there."""

    line_segments: bool = False

    def segments(self, text: str) -> list[tuple[int, int]]:
        """The spans of the text's independent segments: each line in line mode, else the whole text."""
        return line_spans(text) if self.line_segments else [(0, len(text))]

    @classmethod
    def of(cls, settings: Settings) -> Context:
        return cls(line_segments=settings.lines)


@dataclass(frozen=True)
class Record:
    """A name an edit or a flag carries (``family.rule``), with what it does."""

    name: str
    description: str
    kind: Kind = "edit"
    default: bool = True  # on unless disabled
    line_mode: bool = True  # on by default in line mode too
    raised_by: str | None = None  # a stage that raises it (names recorded by rule functions: see Rule)

    @property
    def family(self) -> str:
        return self.name.split(".", 1)[0]

    def is_on(self, settings: Settings) -> bool:
        """Whether this name runs (or its records are kept) under ``settings``."""
        return settings.rule_on(self.name, self.default and (self.line_mode or not settings.lines))


RuleFn = Callable[[str, Context], "Found | MetadataFound"]
F = TypeVar("F", bound=Callable[..., "Found | MetadataFound"])


@dataclass(frozen=True)
class Rule:
    """A rule function with its declaration and the other names it records."""

    record: Record
    fn: RuleFn
    records: tuple[Record, ...] = ()

    @property
    def name(self) -> str:
        return self.record.name

    @property
    def names(self) -> tuple[Record, ...]:
        """Its own name and the others it records."""
        return (self.record, *self.records)


# Every function declared with @rule, by function: filled as the family modules are imported; the
# loop's ORDER lists each exactly once (tests/test_rules.py checks).
DECLARED: dict[Callable[..., object], Rule] = {}


def rule(
    name: str,
    description: str,
    kind: Kind = "edit",
    *,
    default: bool = True,
    line_mode: bool = True,
    records: tuple[Record, ...] = (),
) -> Callable[[F], F]:
    """Declare the function below as rule ``name`` (see the module's docstring)."""

    def declare(fn: F) -> F:
        if fn in DECLARED:
            raise ValueError(f"{fn.__qualname__} is declared twice")
        DECLARED[fn] = Rule(Record(name, description, kind, default, line_mode), fn, records)
        return fn

    return declare


def declared(fn: Callable[..., object]) -> Rule:
    """The declaration of a rule function."""
    try:
        return DECLARED[fn]
    except KeyError:
        raise ValueError(f"{getattr(fn, '__qualname__', fn)!r} has no @rule declaration") from None
