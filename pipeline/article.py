"""The Article model: the one object that travels through the stages, and the typed results they add.

It keeps the original text untouched, the cleaned text, and the edits between
them (offsets into the original). Applying the edits to the original gives the
cleaned text exactly; :func:`apply_edits` is the one place that does it, and
:class:`OffsetMap` the one place that maps offsets between the two texts.

Offsets: edits and flags count into ``original``; paragraphs, sentences,
mentions, figures and key points count into ``clean``. Results are dataclasses;
they become plain dicts only in :meth:`Article.to_dict`, for rendering.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, Protocol

# How much a flag asks of the reader: a note, a probable defect to check, a defect that blocks use.
Severity = Literal["info", "warning", "error"]

SCHEMA_VERSION = "1.5"  # 1.4: resources; 1.5: a post's status and body source, banks' branches, the headline's parts


@dataclass(frozen=True, slots=True)  # slots: a long input has hundreds of thousands
class Edit:
    """One change: ``original[start:end]`` (== before) becomes ``after``.

    ``rule`` is the rule the edit is reported under; ``rules`` every rule that
    contributed to it, in the order they ran (a later change that touches text an
    earlier one produced is merged into one edit)."""

    rule: str
    start: int
    end: int
    before: str
    after: str
    confidence: float
    reason: str
    id: int = 0
    rules: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Flag:
    """Something noticed but not guessed: offsets into the original text."""

    rule: str
    start: int
    end: int
    text: str
    message: str
    severity: Severity = "warning"
    score: float | None = None
    id: int = 0


@dataclass(frozen=True, slots=True)
class Paragraph:
    id: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
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
    url: str | None = None  # a web page's canonical address, a corpus record's url field

    def fill_from(self, other: Metadata) -> None:
        """The one merge of metadata: what this record already holds wins (the first value found, the
        text's own before a page's or a corpus record's); ``other`` fills the empty fields; credits
        accumulate, each name once.

        >>> meta = Metadata(title="Headline", credits={"editor": ["Li Na"]})
        >>> meta.fill_from(Metadata(title="Other", published="2024-05-17", credits={"editor": ["Li Na", "Wu Qi"]}))
        >>> meta.title, meta.published, meta.credits
        ('Headline', '2024-05-17', {'editor': ['Li Na', 'Wu Qi']})
        """
        for name in ("title", "source_name", "published", "views", "author", "url"):
            if getattr(self, name) in (None, "") and getattr(other, name) is not None:
                setattr(self, name, getattr(other, name))
        for role, names in other.credits.items():
            self.credits[role] = list(dict.fromkeys(self.credits.get(role, []) + names))


@dataclass
class Source:
    """Where the article came from. ``sha256`` is the hash of the input's own bytes (the web page, the
    corpus record); ``format`` says whether ``original`` is the input's text or the article text the
    extractor found in a web page."""

    path: str | None
    sha256: str
    encoding: str
    format: str = "text"  # text | html
    extractor: str | None = None  # for a web page: "trafilatura 2.3.1"
    record: str | None = None  # for a corpus record: its id


# ----------------------------------------------------------------- entities
@dataclass
class Mention:
    """Where an entity is named: offsets into the cleaned text, and the sentence id."""

    start: int
    end: int
    text: str
    sentence: int | None


# Where the text says what became of a post: 原 "former", 代 "acting", and the acts of appointments,
# elections, removals, resignations and discipline cases.
PostStatus = Literal["former", "acting", "appointed", "elected", "removed", "resigned", "under investigation"]
POST_STATUSES: tuple[PostStatus, ...] = (
    "former",
    "acting",
    "appointed",
    "elected",
    "removed",
    "resigned",
    "under investigation",
)
# Whether the body's name is in the text beside the post ("stated") or was completed from the article's
# places and levels ("the county Party committee" of an article about Qianshan: "inferred").
BodySource = Literal["stated", "inferred"]


@dataclass(frozen=True)
class Post:
    """A post the article gives a person: a title and the body or place it belongs to, with what the text
    says became of it (``status``, None where it says nothing) and whether the body is written beside the
    post or inferred (``organization_source``, None without a body)."""

    title: str
    organization: str | None
    status: PostStatus | None = None
    organization_source: BodySource | None = None


@dataclass
class Official:
    name: str
    roles: list[Post] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)  # other spellings of the same person
    flags: list[str] = field(default_factory=list)


@dataclass
class Person:
    """Someone named who holds no public post (a resident, a company manager)."""

    name: str
    roles: list[Post] = field(default_factory=list)  # company posts
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Place:
    name: str
    kind: str
    parent: str | None
    code: str | None  # the division code, None for a community the article names
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Organisation:
    """A bank or another organisation under its canonical name, with the forms the article used."""

    name: str
    kind: str
    aliases_seen: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


BranchLevel = Literal["head_office", "provincial_branch", "city_branch", "county_sub_branch", "outlet"]


@dataclass
class Branch:
    """A bank's branch the article names: as written (``Chenzhou Branch``), its level where the name or its
    place tells it (a province's branch is a provincial branch; the central bank's central sub-branch, in a
    prefecture city, is a city branch), and its place's canonical name."""

    name: str
    level: BranchLevel | None
    place: str | None
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Bank(Organisation):
    """A bank or other financial institution under the institution's canonical name, with the branches the
    article names (in order of first mention); ``branch``: the one it names most (ties: the first), None
    where it names none."""

    branch: str | None = None
    branches: list[Branch] = field(default_factory=list)


@dataclass
class Entities:
    officials: list[Official] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    banks: list[Bank] = field(default_factory=list)
    organizations: list[Organisation] = field(default_factory=list)


@dataclass
class Figure:
    """A quantity: its value (None when digits were lost), what it counts (empty when the text does not
    say), its period, and the qualifier written before it (``nearly 300,000 km``)."""

    value: int | float | None
    text: str
    unit: str
    period: str | None
    sentence: int
    start: int
    end: int
    flag: int | None  # the id of the flag on it (lost digits)
    qualifier: str | None = None  # "about", "nearly", "more than", "at least", "up to", ... as written


# ----------------------------------------------------------------- summary
@dataclass
class Event:
    kind: str | None = None
    phrase: str | None = None
    date: str | None = None
    date_text: str | None = None
    place: str | None = None
    place_parent: str | None = None
    organiser: str | None = None
    participants: list[str] = field(default_factory=list)  # officials taking part, the event's actor first
    mentioned: list[str] = field(default_factory=list)  # officials only named (a leader cited)
    actor_is_official: bool = False
    sentence: int | None = None
    participant_sentences: dict[str, list[int]] = field(default_factory=dict)  # where each takes part
    actor: str | None = None  # the subject of the event's verb (a body or a person), as the headline names it
    other_party: str | None = None  # the one met, signed with, lent to, inspected: the object of that verb


@dataclass
class HeadlinePart:
    """A part of the headline and the sentence it is read from (``sentence`` None: the published date)."""

    part: str  # actor | verb | object | place | date
    text: str
    sentence: int | None


@dataclass
class KeyPoint:
    """A sentence of the cleaned text, verbatim: its id, offsets into ``clean`` and score."""

    sentence: int
    text: str
    score: float
    start: int
    end: int


@dataclass
class Claim:
    """A number or name in generated text that the article does not state."""

    text: str
    kind: str  # number | name


@dataclass
class GeneratedSentence:
    text: str
    chunk: int
    source: tuple[int, int]  # the first and last sentence ids the chunk covers
    unsupported: list[Claim]
    flag: int | None


@dataclass
class Abstractive:
    model: str
    generated: bool
    chunks: int
    max_input_tokens: int
    sentences: list[GeneratedSentence]


@dataclass
class Summary:
    event: Event
    headline: str | None
    key_points: list[KeyPoint] = field(default_factory=list)
    # each part of the headline (actor, verb, object, place, date) with the sentence it comes from
    headline_parts: list[HeadlinePart] = field(default_factory=list)
    abstractive: Abstractive | None = None


# ----------------------------------------------------------------- offsets
@dataclass(frozen=True)
class Span:
    """One edit in both texts: original ``[ostart, oend)`` is clean ``[cstart, cend)``."""

    ostart: int
    oend: int
    cstart: int
    cend: int


class OffsetMap:
    """Maps offsets between the original and the cleaned text through the edits' spans.

    A start maps to the other text's position of the character at it; an end
    (exclusive) to the position just after the character before it. A position
    inside replaced text maps to the edge of the edit, so a span covers all of it.
    """

    def __init__(self, spans: list[Span]) -> None:
        self.spans = sorted(spans, key=lambda s: (s.cstart, s.ostart))
        self._cstarts = [s.cstart for s in self.spans]
        self._ostarts = [s.ostart for s in self.spans]

    @classmethod
    def from_edits(cls, edits: list[Edit]) -> OffsetMap:
        spans, delta = [], 0
        for e in sorted(edits, key=lambda e: (e.start, e.end)):
            spans.append(Span(e.start, e.end, e.start + delta, e.start + delta + len(e.after)))
            delta += len(e.after) - (e.end - e.start)
        return cls(spans)

    def to_original(self, pos: int, *, end: bool = False) -> int:
        return _map(self.spans, self._cstarts, pos, end, forward=False)

    def to_clean(self, pos: int, *, end: bool = False) -> int:
        return _map(self.spans, self._ostarts, pos, end, forward=True)


def _map(spans: list[Span], starts: list[int], pos: int, end: bool, forward: bool) -> int:
    i = (bisect_left(starts, pos) if end else bisect_right(starts, pos)) - 1
    if i < 0:
        return pos
    s = spans[i]
    lo, hi, to_lo, to_hi = (s.ostart, s.oend, s.cstart, s.cend) if forward else (s.cstart, s.cend, s.ostart, s.oend)
    if end:
        return to_hi if pos <= hi else pos - hi + to_hi
    return to_lo if pos < hi else pos - hi + to_hi


# ----------------------------------------------------------------- the article
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
    entities: Entities | None = None  # the entities stage
    figures: list[Figure] | None = None  # the figures stage
    summary: Summary | None = None  # the event and key-point stages
    resources: dict[str, Any] | None = None  # what was loaded besides the settings (pipeline.resources)
    # Names switched off under the settings: a later stage's flag of one is not raised (the chain sets it).
    flags_off: frozenset[str] = field(default_factory=frozenset, repr=False, compare=False)

    @property
    def offsets(self) -> OffsetMap:
        """Between ``clean`` and ``original``, built from the edits once (again only if they are replaced)."""
        return self._derived("_offsets", self.edits, lambda: OffsetMap.from_edits(self.edits))

    def _derived(self, name: str, source: list[Any], build: Any) -> Any:
        """A value derived from ``source``, kept until that list is replaced or changes length."""
        key = (id(source), len(source))
        kept = self.__dict__.get(name)
        if kept is None or kept[0] != key:
            kept = self.__dict__[name] = (key, build())
        return kept[1]

    def original_span(self, clean_start: int, clean_end: int) -> tuple[int, int]:
        return self.offsets.to_original(clean_start), self.offsets.to_original(clean_end, end=True)

    def clean_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.to_clean(start), self.offsets.to_clean(end, end=True)

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence of the cleaned text that ``offset`` falls in (or last starts before it)."""
        starts = self._derived("_sentence_starts", self.sentences, lambda: [s.start for s in self.sentences])
        i = bisect_right(starts, offset) - 1
        return self.sentences[i] if i >= 0 else None

    def add_flag(
        self,
        rule: str,
        clean_start: int,
        clean_end: int,
        message: str,
        severity: Severity = "info",
        score: float | None = None,
    ) -> Flag | None:
        """Add a flag found on the cleaned text (later stages), with offsets mapped to the original;
        the same rule on the same span is kept once. Returns the flag, or None where its rule is off."""
        if rule in self.flags_off:
            return None
        start, end = self.original_span(clean_start, clean_end)
        for flag in self.flags:
            if flag.rule == rule and flag.start == start and flag.end == end:
                return flag
        flag = Flag(rule, start, end, self.original[start:end], message, severity, score, len(self.flags) + 1)
        self.flags.append(flag)
        return flag

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON shape (see ``pipeline/data/article.schema.json``)."""
        return {key: list(value) if key in ROW_KEYS else value for key, value in self.json_items()}

    def json_items(self) -> list[tuple[str, Any]]:
        """:meth:`to_dict`'s keys and values in order, the long lists (:data:`ROW_KEYS`) as iterators of
        their rows' dicts, made one at a time (a long input has hundreds of thousands of rows)."""
        items: list[tuple[str, Any]] = [
            ("schema_version", SCHEMA_VERSION),
            ("source", asdict(self.source)),
            ("metadata", asdict(self.metadata)),
            ("text", {"original": self.original, "clean": self.clean}),
            ("paragraphs", (_row_dict(p) for p in self.paragraphs)),
            ("sentences", (_row_dict(s) for s in self.sentences)),
            ("edits", (_edit_dict(e) for e in self.edits)),
            ("flags", (_flag_dict(f) for f in self.flags)),
            ("settings", self.settings),
        ]
        if self.resources is not None:
            items.append(("resources", self.resources))
        if self.entities is not None:
            items.append(("entities", asdict(self.entities)))
        if self.figures is not None:
            items.append(("figures", [asdict(f) for f in self.figures]))
        if self.summary is not None:
            items.append(("summary", summary_dict(self.summary)))
        return items


ROW_KEYS = frozenset({"paragraphs", "sentences", "edits", "flags"})


def _row_dict(row: Paragraph | Sentence) -> dict[str, Any]:
    return {f: getattr(row, f) for f in row.__dataclass_fields__}


def summary_dict(summary: Summary) -> dict[str, Any]:
    """The summary as JSON: without the ``abstractive`` part unless one was generated."""
    out = asdict(summary)
    if summary.abstractive is None:
        del out["abstractive"]
    return out


def _edit_dict(edit: Edit) -> dict[str, Any]:
    keys = ("id", "rule", "start", "end", "before", "after", "confidence", "reason")
    return {**{k: getattr(edit, k) for k in keys}, "rules": list(edit.rules or (edit.rule,))}


def _flag_dict(flag: Flag) -> dict[str, Any]:
    keys = ("id", "rule", "start", "end", "text", "message", "severity", "score")
    return {k: getattr(flag, k) for k in keys}


class Replacement(Protocol):
    """What replaces a span: an :class:`Edit` (offsets into the original) or a repair's proposed change
    (offsets into the text it saw)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def after(self) -> str: ...


def apply_edits(original: str, edits: Iterable[Replacement], *, overlapping: str = "raise") -> str:
    """The one way edits are applied: each ``original[start:end]`` replaced by its ``after``, in order of
    position, and the result returned. Of two edits that overlap, ``overlapping="raise"`` refuses
    (an article's edits never overlap), ``"skip"`` keeps the first (a rule's proposed changes).

    >>> apply_edits("the the cat", [Edit("repetition.phrase_loop", 0, 4, "the ", "", 0.9, "doubled word")])
    'the cat'
    """
    parts: list[str] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < pos:
            if overlapping == "skip":
                continue
            raise ValueError(f"overlapping edit at {edit.start}")
        parts.append(original[pos : edit.start])
        parts.append(edit.after)
        pos = edit.end
    parts.append(original[pos:])
    return "".join(parts)
