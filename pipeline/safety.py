"""The repairs' safety invariants: no edit changes a number's value, no edit removes the only mention of a name.

A value-preserving rewrite (``0.1 billion`` to ``100 million``, ``220000`` to ``220,000``) keeps every value;
dropping a repeated copy keeps the value or the name elsewhere in the text. :func:`safe_changes` is the guard
the repair loop puts in front of every rule that rewrites article text (the junk and metadata rules, which
move what is not article text out of the body, are not guarded); :func:`violations` checks a finished
article the same way, independently of the rules, for the benchmarks and the tests.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal

from .article import Article, apply_edits
from .core.numbers import numbers
from .edits import Change

_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]+")
_WORD = re.compile(r"[\w'’-]+")
UNGUARDED_FAMILIES = frozenset({"junk", "metadata"})  # they remove what is not article text


def number_values(text: str) -> Counter[Decimal]:
    """Every number the text states, by value (``3.25 million`` is 3250000; ``220,000`` is 220000), as
    :func:`pipeline.core.numbers.numbers` reads them (a number whose digits were lost, ``,000``, has none).

    >>> sorted(number_values("0.1 billion yuan for 220,000 homes, 220000 in all, RMB5 each").items())
    [(Decimal('5'), 1), (Decimal('220000'), 2), (Decimal('100000000'), 1)]
    """
    values: Counter[Decimal] = Counter()
    for number in numbers(text):
        value = number.value
        if value is not None:
            values[Decimal(int(value)) if value == value.to_integral_value() else value.normalize()] += 1
    return values


def name_words(text: str) -> set[str]:
    """The capitalised words of the text, lowercased (the words of names)."""
    return {m.group().lower() for m in _CAPITALISED.finditer(text)}


def _words(text: str) -> set[str]:
    return {m.group().lower() for m in _WORD.finditer(text)}


class _Whole:
    """The numbers and words of the whole text after a rule's changes, counted once, when first asked."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._values: set[Decimal] | None = None
        self._words: set[str] | None = None

    @property
    def values(self) -> set[Decimal]:
        if self._values is None:
            self._values = set(number_values(self.text))
        return self._values

    @property
    def words(self) -> set[str]:
        if self._words is None:
            self._words = _words(self.text)
        return self._words


def problem(before: str, after: str, text_after: str | _Whole) -> str | None:
    """Why changing ``before`` (a stretch of text holding a change) into ``after`` is unsafe when the whole
    text becomes ``text_after``; None when it is safe.

    >>> problem("about 6,000 yuan, under 10,000 yuan", "about 6,000 yuan, under 10", "about 6,000 yuan, under 10")
    "changes a number's value (to 10)"
    >>> problem("A Co., Ltd. and B Co., Ltd.", "A Co. and B Co.", "A Co. and B Co.")
    "removes the only mention of the name word 'ltd'"
    >>> problem("220000 homes", "220,000 homes", "220,000 homes") is None
    True
    """
    whole = text_after if isinstance(text_after, _Whole) else _Whole(text_after)
    old, new = number_values(before), number_values(after)
    invented = set(new) - set(old)
    if invented:
        return f"changes a number's value (to {min(invented)})"
    lost = set(old) - set(new) - whole.values
    if lost:
        return f"removes the only mention of the number {min(lost)}"
    gone = name_words(before) - _words(after) - whole.words
    # A copy cut off inside a word at the end of a loop ("Gautama Gautama Gautam") names nothing new.
    gone = set(_lost_names(gone, whole.words))
    if gone:
        return f"removes the only mention of the name word {sorted(gone)[0]!r}"
    return None


def safe_changes(text: str, changes: list[Change]) -> list[Change]:
    """The changes (one rule's, on ``text``) that keep every number's value and a mention of every name."""
    if not changes:
        return changes
    ordered = sorted(changes, key=lambda c: (c.start, c.end))
    whole = _Whole(apply_edits(text, ordered, overlapping="skip"))
    kept = []
    for c in ordered:
        lo = text.rfind("\n", 0, c.start) + 1
        hi = text.find("\n", c.end)
        hi = len(text) if hi < 0 else hi
        if hi - lo > 2000:  # a very long line: the change's own surroundings are enough
            lo, hi = max(lo, c.start - 500), min(hi, c.end + 500)
        before = text[lo:hi]
        after = text[lo : c.start] + c.after + text[c.end : hi]
        if problem(before, after, whole) is None:
            kept.append(c)
    if kept and _breaks(
        text, apply_edits(text, kept, overlapping="skip")
    ):  # safe one by one, not together ("0\x1f1 0\x1f1")
        together: list[Change] = []
        for c in kept:
            if not _breaks(text, apply_edits(text, [*together, c], overlapping="skip")):
                together.append(c)
        kept = together
    return kept


def _lost_names(missing: set[str], kept: set[str]) -> list[str]:
    """The name words of ``missing`` that no kept word continues: a copy cut off inside a word at a loop's
    end ("Gautama Gautama Gautam") or a word a repair completed names nothing that is lost; nor does a
    word a repair split in two, both halves kept ("ZengBoyi" -> "Zeng Boyi").

    >>> _lost_names({"gautam", "zengboyi", "onthe", "wang"}, {"gautama", "zeng", "boyi", "on", "the"})
    ['wang']
    """
    return sorted(
        w
        for w in missing
        if not any(len(w) >= 2 and k.startswith(w) for k in kept)
        and not any(w[:i] in kept and w[i:] in kept for i in range(1, len(w)))
    )


def _breaks(text: str, text_after: str) -> bool:
    """Whether the whole text, changed, lost or gained a number's value or lost a name word."""
    before, after = set(number_values(text)), set(number_values(text_after))
    if before != after:
        return True
    words = _words(text_after)
    return bool(_lost_names(name_words(text) - words, words))


def removed_spans(article: Article) -> list[tuple[int, int]]:
    """Spans of the original that the junk and metadata rules took out as not article text."""
    return [(e.start, e.end) for e in article.edits if any(r.split(".")[0] in UNGUARDED_FAMILIES for r in e.rules)]


def violations(original: str, clean: str, removed: Sequence[tuple[int, int]] = ()) -> list[str]:
    """What a cleaned text broke: number values it changed or lost, name words it lost (``removed``:
    spans of the original taken out as not article text, by the junk and metadata rules, not counted)."""
    kept, pos = [], 0
    for start, end in sorted(removed):
        kept.append(original[pos:start])
        pos = max(pos, end)
    body = "\n".join(kept + [original[pos:]])
    out = []
    invented = set(number_values(clean)) - set(number_values(original))
    lost = set(number_values(body)) - set(number_values(clean))
    out += [f"number {v} appears" for v in sorted(invented)]
    out += [f"number {v} lost" for v in sorted(lost)]
    words = _words(clean)
    lost_names = _lost_names(name_words(body) - words, words)
    out += [f"name word {w!r} lost" for w in sorted(lost_names)]
    return out
