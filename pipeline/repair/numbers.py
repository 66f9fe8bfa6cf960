"""Numbers: lost digits, awkward magnitudes, false precision, run-together words, grouping.

Chinese counts in 万 (10,000) and 亿 (100 million) often come out of machine
translation as ``0.1 billion`` or lose their leading digits (``more than ,000
households``). A lost number is flagged and never guessed.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..core.lexicon import zipf
from ..edits import Change, Found, Notice
from .registry import Context, rule

_LOST_DIGITS = re.compile(r"(?:(?<=\s)|^|(?<=[$¥€£(]))(,\d{3})+(?![\d,])(?=\s|$|[.;:)])", re.MULTILINE)
_SMALL_MAGNITUDE = re.compile(r"\b0\.(\d{1,3})( +)(trillion|billion|million)\b")
_SCALE_DOWN = {"trillion": "billion", "billion": "million", "million": None}
_COUNT_NOUNS = (
    "people|persons|residents|inhabitants|citizens|households|families|visitors|tourists|passengers|"
    "students|pupils|workers|employees|staff|jobs|members|patients|farmers|villagers|volunteers|"
    "children|births|deaths|users|subscribers|units|homes|houses|flats|apartments|dwellings|buildings|"
    "communities|elevators|lifts|vehicles|cars|trucks|buses|enterprises|companies|firms|projects|"
    "schools|hospitals|beds|villages|towns|cases|trees|animals|pigs|cattle|sheep"
)
_FALSE_PRECISION = re.compile(
    rf"\b\d+\.\d{{2,}}\s+(?:million|billion|thousand)\s+(?:[a-z-]+\s+){{0,2}}(?:{_COUNT_NOUNS})\b", re.IGNORECASE
)
_DIGITS_GLUED = re.compile(r"(?<![\d,.])\b(\d[\d,.]*)([a-z]{3,}|mu)\b")  # starts only where a number starts
# "project9.8 billion yuan", "increase of12%": a word glued to the number after it, where the number is
# followed by what it measures (a scale word, a unit, a per cent), so that it is a quantity and no code
# ("mp4", "covid19 cases", "win10 system" are left: nothing measured follows them).
_WORD_GLUED = re.compile(
    r"(?<![\w.@/#&+\-])([a-z]{2,})(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?=%|\s*(?:hundred|thousand|million|billion|trillion|percent|per cent|yuan|mu|hectares|tons|tonnes|"
    r"square|cubic|kilometres|kilometers|households|people|persons)\b)"
)
_GLUE_SHORT = frozenset("of to in on at by as".split())  # two-letter words glued to a number
_CURRENCY = frozenset("rmb usd cny hkd eur gbp jpy us hk".split())  # 'RMB5 million' is a house style
_UNITS = frozenset(
    "kwh mwh gwh mph kph sqm bps kbps mbps gbps mah ghz mhz khz rpm ppm ppb cbm mln bln bn yrs hrs mins "
    "secs kgs lbs mgs mls tcm bcm".split()
)
_NUMBER_WORD = re.compile(
    r"(?<![\d,.])\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    r"fifty|hundred|thousand|million|billion|several|many|few) +([a-z]{6,})\b"
)
_PLAIN_DIGITS = re.compile(r"(?<![\w.,/:#+\-$€£¥])([1-9]\d{4,9})(?![\w/])(?![.,:\-]\d)")
_IDENTIFIER_CONTEXT = re.compile(
    r"(?:tel|phone|telephone|mobile|fax|hotline|contact|call|dial|no\.|code|zip|postcode|post code|id|"
    r"account|qq|wechat|isbn|issn|serial|patent|license|licence|registration|icp)"
    r"(?:\W+[a-z]{1,4}){0,2}\W{0,3}$",
    re.IGNORECASE,
)


@rule("numbers.lost_digits", "flag numbers that lost leading digits (,000)", "flag")
def flag_lost_digits(text: str, ctx: Context) -> Found:
    """``more than ,000 households``: the leading digits are gone; flag, never invent.

    >>> [n.rule for n in flag_lost_digits("benefiting more than ,000 households", Context())[1]]
    ['numbers.lost_digits']
    """
    notices = [
        Notice(
            m.start(),
            m.end(),
            "numbers.lost_digits",
            f"the number '{m.group()}' lost its leading digits in translation; its value is unknown",
            "warning",
            0.95,
        )
        for m in _LOST_DIGITS.finditer(text)
    ]
    return [], notices


# "2400,300 mu": four or more digits before a group of three; no grouping reads that way in English (nor a
# decimal comma of an amount): digits were lost or doubled in translation (万 turned twice). A year run into
# a count ("By 2025,100 villages") is a missing space, not this.
_BAD_GROUPING = re.compile(r"(?<![\w,])(?<![^A-Za-z]\.)(?!(?:19|20)\d\d,)\d{4,}(?:,\d{3})+(?![\d,]|\.\d)")


@rule("numbers.bad_grouping", "flag a number grouped no way one is written ('2400,300 mu')", "flag")
def flag_bad_grouping(text: str, ctx: Context) -> Found:
    """``more than 2400,300 mu``: digits grouped no way a number is written; flag, never guess which.

    >>> [n.rule for n in flag_bad_grouping("planted more than 2400,300 mu of corn", Context())[1]]
    ['numbers.bad_grouping']
    >>> flag_bad_grouping("planted 2,400,300 mu in 2024, 300 more", Context())[1]
    []
    """
    notices = [
        Notice(
            m.start(),
            m.end(),
            "numbers.bad_grouping",
            f"the number '{m.group()}' is grouped no way a number is written (four or more digits before a "
            "comma): digits were lost or doubled in translation; its value is unknown",
            "warning",
            0.8,
        )
        for m in _BAD_GROUPING.finditer(text)
    ]
    return [], notices


# "the important role of the 2280." / "projects in the province of the 3.": 'the' and a number, then
# the clause ends; the noun the number counted is lost (a year, "the 1990s" or "the 3rd" are not this).
_NO_NOUN = re.compile(r"\b[Tt]he (\d[\d,]*(?:\.\d+)?)(?=[.,;:](?:\s|$))")


@rule("numbers.no_noun", "flag a number that lost its noun ('the role of the 2280.')", "flag")
def flag_number_without_noun(text: str, ctx: Context) -> Found:
    """``the role of the 2280.``: a number that ends its clause after 'the' has lost what it counted.

    >>> [n.rule for n in flag_number_without_noun("They stressed the role of the 2280. Then they left.", Context())[1]]
    ['numbers.no_noun']
    >>> flag_number_without_noun("It began in the 2020 plan and ended in 2021. The 3 teams met.", Context())[1]
    []
    """
    notices = []
    for m in _NO_NOUN.finditer(text):
        value = m.group(1)
        if re.fullmatch(r"(?:19|20)\d\d", value):
            continue  # "in the 2020" is a year's leftover more often than a count's
        notices.append(
            Notice(
                m.start(),
                m.end(),
                "numbers.no_noun",
                f"'{m.group()}': the number has lost the noun it counted; not guessed",
                "warning",
                0.6,
            )
        )
    return [], notices


@rule("numbers.small_magnitude", "0.1 billion -> 100 million")
def fix_small_magnitude(text: str, ctx: Context) -> Found:
    """``0.1 billion`` becomes ``100 million`` (exact decimal arithmetic).

    >>> [c.after for c in fix_small_magnitude("about 0.1 billion people and 0.25 million yuan", Context())[0]]
    ['100 million', '250,000']
    """
    changes = []
    for m in _SMALL_MAGNITUDE.finditer(text):
        value = Decimal("0." + m.group(1)) * 1000
        if value != value.to_integral_value():
            continue
        smaller = _SCALE_DOWN[m.group(3)]
        after = f"{int(value)} {smaller}" if smaller else f"{int(value) * 1000:,}"
        changes.append(
            Change(
                m.start(),
                m.end(),
                after,
                "numbers.small_magnitude",
                0.9,
                f"'{m.group()}' reads better as '{after}' (same value)",
            )
        )
    return changes, []


@rule("numbers.false_precision", "flag counts with implausible precision", "flag")
def flag_false_precision(text: str, ctx: Context) -> Found:
    """``654.38 million residents``: implausible precision for a count; flag it."""
    notices = [
        Notice(
            m.start(),
            m.end(),
            "numbers.false_precision",
            f"'{m.group()}': a count of people or things with this precision is unusual; check the source figure",
            "info",
            0.5,
        )
        for m in _FALSE_PRECISION.finditer(text)
    ]
    return [], notices


# "748,065,438+10,000 yuan", "654.38+10,000": a Chinese number converted digit by digit where a character
# was read as 65438 (or 654.38) and its rest added with '+'. What the number was cannot be read back.
_CONVERSION_ARTEFACT = re.compile(r"(?<![\w.,])(?:\d[\d,.]*?)?6[,.]?5[,.]?4[,.]?3[,.]?8\s*\+\s*\d(?:[\d,.]*\d)?")


@rule("numbers.conversion_artefact", "flag the '65438+' digits of a Chinese number converted wrongly", "flag")
def flag_conversion_artefact(text: str, ctx: Context) -> Found:
    """``748,065,438+10,000 yuan``, ``654.38+10,000``: the trace of a Chinese number converted wrongly
    (a character read as 65438, the rest added with '+'); flag, never guess the value.

    >>> [n.rule for n in flag_conversion_artefact("the GDP was 748,065,438+10,000 yuan", Context())[1]]
    ['numbers.conversion_artefact']
    >>> flag_conversion_artefact("the 654,380 residents and 38+10 seats", Context())[1]
    []
    """
    notices = [
        Notice(
            m.start(),
            m.end(),
            "numbers.conversion_artefact",
            f"'{m.group()}': the '65438+' digits are an artefact of converting a Chinese number; its value cannot "
            "be read back",
            "warning",
            0.95,
        )
        for m in _CONVERSION_ARTEFACT.finditer(text)
    ]
    return [], notices


# "accounting for 134% of the total": a share of a whole cannot pass 100 %. Growth ("rose by 150%") can.
_SHARE = re.compile(
    r"\b(?:accounting for|accounted for|accounts for|account for|a share of|the share of|proportion of|"
    r"coverage(?: rate)? of|coverage rate reached|(?:occupancy|pass|qualified|utili[sz]ation|coverage|enrol?lment) "
    r"rate (?:of|was|is|reached))\s+(?:about |nearly |over |more than |up to )?(?P<value>\d{1,3}(?:,\d{3})*(?:\.\d+)?)"
    r"\s*(?:%|percent\b|per cent\b)",
    re.IGNORECASE,
)


@rule("numbers.impossible_share", "flag a share of a whole over 100 % ('accounting for 134%')", "flag")
def flag_impossible_share(text: str, ctx: Context) -> Found:
    """``accounting for 134% of the total``: a part of a whole over 100 % lost or gained a digit; flag it.

    >>> [n.rule for n in flag_impossible_share("loans accounting for 134% of the total", Context())[1]]
    ['numbers.impossible_share']
    >>> flag_impossible_share("loans accounting for 34% rose by 150%", Context())[1]
    []
    """
    notices = [
        Notice(
            m.start(),
            m.end(),
            "numbers.impossible_share",
            f"'{m.group()}': a share of a whole cannot be over 100 %; digits were probably lost or added",
            "warning",
            0.8,
        )
        for m in _SHARE.finditer(text)
        if float(m.group("value").replace(",", "")) > 100
    ]
    return [], notices


@rule("numbers.run_together", "numbers or words run together (yearsmore)")
def split_run_together(text: str, ctx: Context) -> Found:
    """``220000households``, ``193.902billion``, ``20mu``, ``project9.8 billion`` and ``two yearsmore`` get
    the missing space; codes (``G20``, ``mp4``, ``COVID-19``, ``Win10``, ``RMB5``, ``2nd``) are left.

    >>> [c.after for c in split_run_together("in two yearsmore than 500households", Context())[0]]
    [' ', ' ']
    >>> text = "the project9.8 billion yuan, 193.902billion, 20mu; G20, mp4 files, 5G, win10 system, RMB5 million"
    >>> [text[c.start - 3 : c.start + 3] for c in split_run_together(text, Context())[0]]
    ['902bil', ' 20mu;', 'ect9.8']
    """
    changes = []
    for m in _DIGITS_GLUED.finditer(text):
        word = m.group(2)
        if word in _UNITS or zipf(word) < 3.0:
            continue
        changes.append(
            Change(
                m.start(2), m.start(2), " ", "numbers.run_together", 0.85, f"'{m.group()}': a number run into a word"
            )
        )
    for m in _WORD_GLUED.finditer(text):
        word = m.group(1)
        if word in _CURRENCY or (len(word) == 2 and word not in _GLUE_SHORT) or zipf(word) < 3.0:
            continue
        changes.append(
            Change(
                m.start(2), m.start(2), " ", "numbers.run_together", 0.85, f"'{m.group()}': a word run into a number"
            )
        )
    for m in _NUMBER_WORD.finditer(text):
        split = best_split(m.group(1))
        if split:
            at = m.start(1) + split
            changes.append(
                Change(at, at, " ", "numbers.run_together", 0.8, f"'{m.group(1)}' is two words run together")
            )
    return changes, []


def best_split(word: str, floor: float = 3.5) -> int | None:
    """Where to split an unknown word into two common ones, or None."""
    if zipf(word) > 0:
        return None
    best, best_score = None, floor
    for i in range(3, len(word) - 1):
        score = min(zipf(word[:i]), zipf(word[i:]))
        if score > best_score:
            best, best_score = i, score
    return best


@rule("numbers.group_digits", "thousands separators: 220000 -> 220,000", line_mode=False)
def group_digits(text: str, ctx: Context) -> Found:
    """``220000`` becomes ``220,000``; codes, phone numbers and years are left alone.

    >>> [c.after for c in group_digits("220000 communities, tel: 13812345678, 2024", Context())[0]]
    ['220,000']
    """
    changes = []
    for m in _PLAIN_DIGITS.finditer(text):
        if _IDENTIFIER_CONTEXT.search(text[max(0, m.start() - 24) : m.start()]):
            continue
        after = f"{int(m.group(1)):,}"
        changes.append(
            Change(m.start(), m.end(), after, "numbers.group_digits", 0.95, "thousands separators for a plain number")
        )
    return changes, []
