"""Numbers as articles write them, and what they are worth: the one grammar of the safety guard, the
figures and the abstractive check.

A number is a run of digits, grouped by thousands with commas or not, with decimals (``220,000``,
``220000``, ``3.25``), and the scale words after it (``3.25 million``, ``0.1 Billion``). It begins
wherever no other number goes on (not after a digit, nor after a digit and a comma or a full stop), so a
number glued to a word is one too (``RMB467 million``, ``S4``). Translation leaves two shapes of its own:

- a number that lost its leading digits (``more than ,000 households``) is *headless*: it has no value;
- four or more digits before a group of three (``2400,300 mu``) are *misgrouped*: the digits read as one
  number (2400300), which the guard and the abstractive check compare; the figures call its value unknown.

:func:`numbers` finds every number (what the guard and the abstractive check compare); :func:`quantities`
keeps those that stand alone as a quantity (what the figures report).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}

_NUMBER = re.compile(
    r"(?<!\d)(?<!\d[.,])"  # no other number goes on here
    r"(?P<digits>,\d{3}(?:,\d{3})*(?!\d|[.,]\d)|\d+(?:,\d{3})*(?:\.\d+)?)"
    # ASCII letters in any case: a scale word folded from other letters ('thouſand') is none; a scale
    # word glued to the digits ('193.902billion': a space lost) is the number's scale all the same
    r"(?P<scales>(?:\s*(?ai:hundred|thousand|million|billion|trillion)\b)*)"
)
_MISGROUPED = re.compile(r"\d{4,}(?:,\d{3})+")
_WELL_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
# A quantity stands alone: no word or comma before it (a letter's full stop may be, a space lost: "No.5",
# "compaction.32"), no word or more digits after it ("5th", "424.10.0.20").
_ALONE_BEFORE = re.compile(r"(?<![\w,])(?<![^A-Za-z]\.)")
_ALONE_AFTER = re.compile(r"(?![\w,.]\d|\w)")
# "By 2025,100 villages": a year run into a count (a space lost), not a misgrouped number.
_YEAR_AND_COUNT = re.compile(r"(?:19|20)\d\d,")


@dataclass(frozen=True, slots=True)
class Number:
    """A number in a text: ``text[start:end]`` is its digits and its scale words (``3.25 million``)."""

    start: int
    end: int
    digits: str  # as written: "220,000", "3.25", ",000"
    scales: str  # the scale words as written, each with the space before it (" million"; none if glued), or ""

    @property
    def headless(self) -> bool:
        """``,000``: the leading digits were lost in translation."""
        return self.digits.startswith(",")

    @property
    def misgrouped(self) -> bool:
        """``2400,300``: four or more digits before a group of three, which no English number writes."""
        return bool(_MISGROUPED.fullmatch(self.digits))

    @property
    def value(self) -> Decimal | None:
        """What the number is worth (``3.25 million``: 3250000); None when its digits were lost."""
        return None if self.headless else number_value(self.digits, self.scales)


def number_value(digits: str, scales: str = "") -> Decimal:
    """``'3.25'`` with ``' million'`` is 3,250,000; ``'220,000'`` is 220,000 (scales: words of SCALES).

    >>> number_value("3.25", " million"), number_value("220,000"), number_value("5", " Hundred thousand")
    (Decimal('3250000.00'), Decimal('220000'), Decimal('500000'))
    """
    value = Decimal(digits.replace(",", ""))
    for scale in scales.lower().split():
        value *= SCALES[scale]
    return value


def numbers(text: str, start: int = 0, end: int | None = None) -> Iterator[Number]:
    """Every number of ``text[start:end]``, in order (the text before ``start`` decides whether one
    begins there, as a number cannot begin inside another).

    >>> [n.digits + n.scales for n in numbers("RMB0.1 billion for 220,000 homes; ,000 jobs; 2400,300 mu; 9.8billion")]
    ['0.1 billion', '220,000', ',000', '2400,300', '9.8billion']
    >>> [n.value for n in numbers("0.1 billion, ,000 and 2400,300")]
    [Decimal('100000000.0'), None, Decimal('2400300')]
    """
    for m in _NUMBER.finditer(text, start, len(text) if end is None else end):
        yield Number(m.start(), m.end(), m.group("digits"), m.group("scales"))


def quantities(text: str, start: int = 0, end: int | None = None) -> Iterator[Number]:
    """The numbers of ``text[start:end]`` that stand alone as quantities: not glued to a word on either
    side (``RMB467``, ``5th``), nor a piece of a longer run of digits (``424.10.0.20``), nor a year run
    into a count (``By 2025,100 villages``). Headless and misgrouped ones are quantities of unknown value.

    >>> [n.digits + n.scales for n in quantities("the 5th of 424.10.0, RMB467, No.2; 3 million and ,000 people")]
    ['2', '3 million', ',000']
    """
    end = len(text) if end is None else end
    for number in numbers(text, start, end):
        if not (_ALONE_BEFORE.match(text, number.start) and _ALONE_AFTER.match(text, number.end, end)):
            continue
        if number.misgrouped:
            if not _YEAR_AND_COUNT.match(number.digits):
                yield number
        elif number.headless or _WELL_GROUPED.fullmatch(number.digits):
            yield number
