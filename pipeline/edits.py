"""Compose the edits of successive repair stages into edits on the original text.

Each repair family proposes :class:`Change` objects on the text it sees (the
output of the families before it). :class:`EditLog` maps them back to offsets in
the original. A change that touches text an earlier change produced is merged
with it into one edit, so the invariant ``apply_edits(original, edits) == text``
always holds (checked after every stage).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from .article import Edit, Flag, Metadata, OffsetMap, Severity, Span, apply_edits

# Normalisation that rides along with another change; the other rule names the merged edit.
_COSMETIC_FAMILIES = frozenset({"whitespace", "unicode"})
# The flag that says where the rules stopped: it names the input, never text a later change removed.
_EDIT_LIMIT = "input.edit_limit"


@dataclass(frozen=True, slots=True)
class Change:
    """A proposed replacement of ``text[start:end]`` by ``after`` in the current text."""

    start: int
    end: int
    after: str
    rule: str
    confidence: float
    reason: str


@dataclass(frozen=True, slots=True)
class Notice:
    """A proposed flag on ``text[start:end]`` of the current text."""

    start: int
    end: int
    rule: str
    message: str
    severity: Severity = "warning"
    score: float | None = None


# What a rule returns: the changes it proposes and the flags it raises, on the text it was given;
# the metadata rules return the fields they took out of the text as well.
Found = tuple[list[Change], list[Notice]]
MetadataFound = tuple[list[Change], list[Notice], Metadata]


@dataclass(slots=True)
class _Span:
    """An edit in both coordinate systems: original [ostart, oend), current [cstart, cend)."""

    ostart: int
    oend: int
    cstart: int
    cend: int
    rules: tuple[str, ...]
    confidence: float
    reasons: tuple[str, ...]


class EditLog:
    """The original text, the current text, and the edits between them."""

    def __init__(self, original: str) -> None:
        self.original = original
        self.text = original
        self._spans: list[_Span] = []
        self._notices: list[tuple[int, int, Notice]] = []
        self._map = OffsetMap([])

    # ------------------------------------------------------------------ mapping
    def to_original(self, pos: int, *, end: bool = False) -> int:
        """Map a position of the current text to the original text (see :class:`OffsetMap`)."""
        return self._map.to_original(pos, end=end)

    def to_clean(self, pos: int, *, end: bool = False) -> int:
        """Map a position of the original text to the current text (see :class:`OffsetMap`)."""
        return self._map.to_clean(pos, end=end)

    # ------------------------------------------------------------------ applying
    def apply(self, changes: list[Change], notices: tuple[Notice, ...] | list[Notice] = ()) -> None:
        """Apply one rule's changes (current-text offsets; of two that overlap the first is kept).

        A flag an earlier rule raised on text that these changes remove (a repeated copy dropped by
        the repetition rules) goes with that text: every flag stands on text the cleaned article keeps,
        or on an edit's span. The rule's own notices are kept (a rule may flag what it removes)."""
        if changes:
            changes = _without_conflicts(sorted(changes, key=lambda c: (c.start, c.end)))
            self._drop_removed_notices(changes)
        for n in notices:
            self._notices.append((self.to_original(n.start), self.to_original(n.end, end=True), n))
        if not changes:
            return
        new_text = apply_edits(self.text, changes)
        self._spans = self._merge(changes)
        self._map = OffsetMap([Span(s.ostart, s.oend, s.cstart, s.cend) for s in self._spans])
        self.text = new_text
        self._check()

    def _drop_removed_notices(self, changes: list[Change]) -> None:
        """Forget the notices whose original span lies inside text that one of ``changes`` (sorted, not
        overlapping) replaces by text that does not hold the flagged words (a deletion above all)."""
        if not self._notices:
            return
        ranges = [
            (self.to_original(c.start), self.to_original(c.end, end=True), c.after) for c in changes if c.end > c.start
        ]
        if not ranges:
            return
        starts = [r[0] for r in ranges]

        def removed(s: int, e: int, n: Notice) -> bool:
            if n.rule == _EDIT_LIMIT or e <= s:
                return False
            i = bisect_right(starts, s) - 1
            if i < 0:
                return False
            lo, hi, after = ranges[i]
            return lo <= s and e <= hi and self.original[s:e] not in after

        self._notices = [t for t in self._notices if not removed(*t)]

    def _merge(self, changes: list[Change]) -> list[_Span]:
        items: list[tuple[int, int, int, _Span | Change]] = []
        for span in self._spans:
            items.append((span.cstart, span.cend, 0, span))
        for change in changes:
            items.append((change.start, change.end, 1, change))
        items.sort(key=lambda t: (t[0], t[1], t[2]))
        clusters: list[list[tuple[int, int, int, _Span | Change]]] = []
        hi = -1
        last_empty = False
        for item in items:
            s, e = item[0], item[1]
            if clusters and (s < hi or (s == hi and (s == e or last_empty))):
                clusters[-1].append(item)
                last_empty = s == e if s >= hi else last_empty
                hi = max(hi, e)
            else:
                clusters.append([item])
                hi = e
                last_empty = s == e
        return self._spans_from_clusters(clusters)

    def _spans_from_clusters(self, clusters: list[list[tuple[int, int, int, _Span | Change]]]) -> list[_Span]:
        out: list[_Span] = []
        old_delta = 0  # current - original, before the cluster (old current text)
        shift = 0  # new current - old current, before the cluster
        for cluster in clusters:
            lo = min(t[0] for t in cluster)
            hi = max(t[1] for t in cluster)
            old = [t[3] for t in cluster if isinstance(t[3], _Span)]
            new = [t[3] for t in cluster if isinstance(t[3], Change)]
            ostart = old[0].ostart if old and old[0].cstart == lo else lo - old_delta
            cluster_delta = old_delta + sum((s.cend - s.cstart) - (s.oend - s.ostart) for s in old)
            oend = old[-1].oend if old and old[-1].cend == hi else hi - cluster_delta
            after = apply_edits(self.text[lo:hi], [_shifted(c, -lo) for c in new])
            new_shift = shift + sum(len(c.after) - (c.end - c.start) for c in new)
            rules = tuple(r for s in old for r in s.rules) + tuple(c.rule for c in new)
            reasons = tuple(r for s in old for r in s.reasons) + tuple(c.reason for c in new)
            conf = min([s.confidence for s in old] + [c.confidence for c in new])
            if self.original[ostart:oend] != after:  # a change undone by a later one vanishes
                out.append(_Span(ostart, oend, lo + shift, lo + shift + len(after), rules, conf, reasons))
            old_delta = cluster_delta
            shift = new_shift
        return out

    def _check(self) -> None:
        if apply_edits(self.original, self.edits()) != self.text:
            raise AssertionError("edit log out of step with the text")

    # ------------------------------------------------------------------ results
    def edit_count(self) -> int:
        return len(self._spans)

    def notice_count(self) -> int:
        return len(self._notices)

    def has_notice(self, rule: str) -> bool:
        return any(n.rule == rule for _, _, n in self._notices)

    def edits(self) -> list[Edit]:
        result = []
        for i, s in enumerate(self._spans, 1):
            rules = tuple(dict.fromkeys(s.rules))
            reasons = tuple(dict.fromkeys(s.reasons))
            result.append(
                Edit(
                    rule=primary_rule(rules),
                    start=s.ostart,
                    end=s.oend,
                    before=self.original[s.ostart : s.oend],
                    after=self.text[s.cstart : s.cend],
                    confidence=round(s.confidence, 3),
                    reason="; ".join(reasons),
                    id=i,
                    rules=rules,
                )
            )
        return result

    def flags(self) -> list[Flag]:
        ordered = sorted(self._notices, key=lambda t: (t[0], t[1], t[2].rule))
        return [
            Flag(
                rule=n.rule,
                start=s,
                end=e,
                text=self.original[s:e],
                message=n.message,
                severity=n.severity,
                score=None if n.score is None else round(n.score, 3),
                id=i,
            )
            for i, (s, e, n) in enumerate(ordered, 1)
        ]


def primary_rule(rules: tuple[str, ...]) -> str:
    """The rule a merged edit is reported under: the first that is not mere normalisation.

    >>> primary_rule(("whitespace.blank_lines", "metadata.credits", "whitespace.tidy"))
    'metadata.credits'
    """
    return next((r for r in rules if r.split(".", 1)[0] not in _COSMETIC_FAMILIES), rules[0])


def _without_conflicts(changes: list[Change]) -> list[Change]:
    """Keep the first of any two changes that overlap or meet at an insertion point."""
    kept: list[Change] = []
    for c in changes:
        if c.start == c.end and not c.after:
            continue
        if kept:
            a = kept[-1]
            if c.start < a.end or (c.start == a.end and (a.start == a.end or c.start == c.end)):
                continue
        kept.append(c)
    return kept


def _shifted(change: Change, by: int) -> Change:
    return Change(change.start + by, change.end + by, change.after, change.rule, change.confidence, change.reason)
