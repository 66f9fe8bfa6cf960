"""The Article model: the one object that travels through the stages.

It keeps the original text untouched, the cleaned text, and the edits between
them (offsets into the original). Applying the edits to the original gives the
cleaned text exactly; :func:`apply_edits` is the one place that does it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA_VERSION = "1.0"


@dataclass(frozen=True)
class Edit:
    """One change: ``original[start:end]`` (== before) becomes ``after``."""

    rule: str
    start: int
    end: int
    before: str
    after: str
    confidence: float
    reason: str
    id: int = 0


@dataclass(frozen=True)
class Flag:
    """Something noticed but not guessed: offsets into the original text."""

    rule: str
    start: int
    end: int
    text: str
    message: str
    severity: str = "warning"  # info | warning | error
    score: float | None = None
    id: int = 0


@dataclass(frozen=True)
class Paragraph:
    id: int
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    id: int
    paragraph: int
    start: int
    end: int
    text: str


@dataclass
class Metadata:
    title: str | None = None
    source_name: str | None = None
    published: str | None = None
    views: int | None = None
    author: str | None = None
    credits: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Source:
    path: str | None
    sha256: str
    encoding: str


@dataclass
class Article:
    source: Source
    original: str
    clean: str = ""
    metadata: Metadata = field(default_factory=Metadata)
    edits: list[Edit] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    entities: dict[str, Any] | None = None  # filled by the entity stage (pipeline.entities)
    figures: list[dict[str, Any]] | None = None  # filled by pipeline.figures
    summary: dict[str, Any] | None = None  # filled by pipeline.summary

    def original_offset(self, pos: int, *, end: bool = False) -> int:
        """Map an offset of ``clean`` back to ``original`` (inside a replacement: its edge)."""
        delta = 0
        for edit in sorted(self.edits, key=lambda e: (e.start, e.end)):
            cstart = edit.start + delta
            cend = cstart + len(edit.after)
            if pos < cstart or (pos == cstart and not end):
                break
            if pos < cend or (pos == cend and end):
                return edit.end if end else edit.start
            delta += len(edit.after) - (edit.end - edit.start)
        return pos - delta

    def add_flag(self, rule: str, clean_start: int, clean_end: int, message: str, severity: str = "info",
                 score: float | None = None) -> None:
        """Add a flag found on the cleaned text (later stages), with offsets mapped to the original."""
        start, end = self.original_offset(clean_start), self.original_offset(clean_end, end=True)
        flag = Flag(rule, start, end, self.original[start:end], message, severity, score, len(self.flags) + 1)
        if not any(f.rule == rule and f.start == start and f.end == end for f in self.flags):
            self.flags.append(flag)

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON shape (see ``pipeline/data/article.schema.json``)."""
        return {
            "schema_version": SCHEMA_VERSION,
            "source": asdict(self.source),
            "metadata": asdict(self.metadata),
            "text": {"original": self.original, "clean": self.clean},
            "paragraphs": [asdict(p) for p in self.paragraphs],
            "sentences": [asdict(s) for s in self.sentences],
            "edits": [_edit_dict(e) for e in self.edits],
            "flags": [_flag_dict(f) for f in self.flags],
            "settings": self.settings,
            **({"entities": self.entities} if self.entities is not None else {}),
            **({"figures": self.figures} if self.figures is not None else {}),
            **({"summary": self.summary} if self.summary is not None else {}),
        }


def _edit_dict(edit: Edit) -> dict[str, Any]:
    keys = ("id", "rule", "start", "end", "before", "after", "confidence", "reason")
    return {k: getattr(edit, k) for k in keys}


def _flag_dict(flag: Flag) -> dict[str, Any]:
    keys = ("id", "rule", "start", "end", "text", "message", "severity", "score")
    return {k: getattr(flag, k) for k in keys}


def apply_edits(original: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits (offsets into ``original``) and return the result."""
    parts: list[str] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < pos:
            raise ValueError(f"overlapping edit {edit.id} at {edit.start}")
        parts.append(original[pos : edit.start])
        parts.append(edit.after)
        pos = edit.end
    parts.append(original[pos:])
    return "".join(parts)
