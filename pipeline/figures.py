"""Figures: every quantity that carries meaning, with its value, what it counts and its period.

``220,000 old urban communities`` gives value 220000 counting "old urban
communities"; ``3.25 million parking spaces`` gives 3250000; a number that lost
its digits (``more than ,000 households``) gives ``value: null`` and points to
its flag. Years, dates, ordinals and bare numbers with nothing counted are left out.
"""

from __future__ import annotations

import re
from typing import Any

from .analyse import first_token_from
from .article import Article, Figure, Sentence
from .core.numbers import Number, number_value, quantities

_MEASURES = frozenset(
    "meters metres kilometers kilometres km square cubic hectares mu tons tonnes yuan kilowatts kilowatt kwh "
    "megawatts gigawatts percent hours days years kilograms kg".split()
)
# Measures of length, area, volume and weight: what they measure may be the verb's object ("pipelines ...
# 300,000 kilometers"); money, time and shares are never read that way ("24 hours" is not hours of cadres).
_LENGTHS = frozenset("meters metres kilometers kilometres km square cubic hectares mu tons tonnes kilograms kg".split())
_UNIT_STOP = frozenset({"such", "per", "each", "more", "less", "than", "which", "that"})
_PERIOD_RANGE = re.compile(
    r"\b(?:from|between)\s+((?:19|20)\d\d)\s+(?:to|and|through)\s+((?:19|20)\d\d)\b"
    r"|\b((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_PERIOD_YEAR = re.compile(r"\b(in|during|by|since|until|as of)\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_PERIOD_PLAN = re.compile(r"\b(\d{1,2}(?:st|nd|rd|th))\s+Five-Year Plan\b", re.IGNORECASE)


# A count written in words ("five members", "ten measures", "four days of inspection") and a scale after
# "a" ("a trillion GDP"); "one" is left out (a pronoun as often as a count), and so is a count after "the",
# "these" or a quote mark: "the two committees", "these four cases" name or repeat, "'three rural issues'"
# is a slogan. The word after it must be lower case ("Four Winds" is a name).
_WORD_NUMBERS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
    if i >= 2
}
_WORD_NUMBER = re.compile(
    r"(?<![\w'‘“\"-])(?P<word>(?i:" + "|".join(_WORD_NUMBERS) + r")(?=\s+[a-z])"
    r"|(?i:a\s+(?:hundred|thousand|million|billion|trillion))(?=\s+\w))"
)
_NAMING_BEFORE = re.compile(r"(?:\b(?:the|these|those|this|its|their|both|all|every|each)|['‘“\"])\s*$", re.I)
# "603 1 yuan", "63 1.37 million": a number whose digits a space split; neither piece is a figure.
_SPLIT_BEFORE = re.compile(r"\d[ \u00a0]$")
_SPLIT_AFTER = re.compile(r"[ \u00a0]\d")
# Between the numbers of one list that share what they count: "up 4.4 and 5.4 percentage points".
_SHARED_UNIT = re.compile(r"\s*(?:,\s*and\s+|and\s+|or\s+|to\s+)(?=\d)")
# A list after a figure that gives its parts: "199 local cases ..., including 191 in Quanzhou, 3 in Xiamen".
_PARTS = re.compile(r"\b(?:including|of which|of whom|among them|among which)\b", re.I)
# Written between a count and what it counts: "20 or so officials", "500 or more households".
_OR_SO = re.compile(r"\s+or\s+(?:so|more)\b")
_CURRENCY_BEFORE = {"RMB": "yuan", "CNY": "yuan", "¥": "yuan", "US$": "US dollars", "$": "US dollars"}
_CURRENCY = re.compile(r"(?<!\w)(RMB|CNY|US\$|\$|¥)\s?$")


def extract_figures(doc: Any, article: Article) -> list[Figure]:
    """The figures of the cleaned text, in order (offsets into ``clean``)."""
    figures = []
    for sent in article.sentences:
        found: list[Figure] = []
        numbers = [*quantities(article.clean, sent.start, sent.end), *_word_numbers(article.clean, sent)]
        for number in sorted(numbers, key=lambda n: n.start):
            figure = _figure(doc, article, number, sent, found)
            if figure:
                found.append(figure)
        figures += found
    return figures


def _word_numbers(text: str, sent: Sentence) -> list[Number]:
    """Counts written in words (``five members``): as numbers whose digits are the count's."""
    out = []
    for m in _WORD_NUMBER.finditer(text, sent.start, sent.end):
        if _NAMING_BEFORE.search(text, max(sent.start, m.start() - 12), m.start()):
            continue
        lead = text[sent.start : m.start()]
        word = m.group("word").lower()
        if word in _WORD_NUMBERS and (lead.count("“") > lead.count("”") or lead.count('"') % 2):
            continue  # inside a quotation: '"one place, two districts"' is a slogan
        if word in _WORD_NUMBERS:
            out.append(Number(m.start(), m.end(), str(_WORD_NUMBERS[word]), ""))
        else:  # "a trillion"
            out.append(Number(m.start(), m.end(), "1", " " + word.split()[-1]))
    return out


def _figure(
    doc: Any, article: Article, number: Number, sent: Sentence, before: list[Figure] | None = None
) -> Figure | None:
    end = number.end
    text = article.clean
    if number.digits[:1].isdigit() and (
        _SPLIT_BEFORE.search(text, sent.start, number.start) or _SPLIT_AFTER.match(text, number.end, sent.end)
    ):
        return None  # a number split by a space: its digits are not sure
    percent = re.match(r"\s*(?:%|per\s?cent\b)", text[end : sent.end])
    unit: str | None
    if percent:  # "an increase of 16.5%", "45% of which", "80 percent of residents"
        end += percent.end()
        unit = "percent" + _percent_of(doc, end, sent)
    else:
        or_so = _OR_SO.match(text, number.end, sent.end)
        unit = _unit(doc, or_so.end() if or_so else number.end, sent)
        if not unit and number.digits[:1].isdigit():
            unit = _unit_elsewhere(doc, text, number, sent, before or [])
    if not unit or _not_counted(text, number.start, unit):
        return None
    lost = number.headless or number.misgrouped  # its value is unknown
    if not lost and not number.scales and _looks_like_year(number.digits):
        return None
    value: int | float | None = None
    flag = None
    if lost:
        flag = _lost_digits_flag(article, number.start, number.end)
    else:
        amount = number_value(number.digits, number.scales)
        value = int(amount) if amount == amount.to_integral_value() else float(amount)
    qualifier = _qualifier(doc, article.clean, number.start, sent)
    return Figure(
        value,
        article.clean[number.start : end].strip(),
        unit,
        _period(sent.text),
        sent.id,
        number.start,
        end,
        flag,
        " ".join(qualifier.group(1).lower().split()) if qualifier else None,
    )


def _unit_elsewhere(doc: Any, text: str, number: Number, sent: Sentence, before: list[Figure]) -> str | None:
    """What a bare number counts where the sentence says it elsewhere: the next number of its list
    (``4.4 and 5.4 percentage points``), the currency before it (``RMB 1 million``), or the figure whose
    parts a list gives (``199 local cases, including 191 in Quanzhou``: local cases in Quanzhou)."""
    shared = _SHARED_UNIT.match(text, number.end, sent.end)
    if shared:
        nxt = next(quantities(text, shared.end(), sent.end), None)
        if nxt is not None and nxt.start == shared.end():
            percent = re.match(r"\s*(?:%|per\s?cent\b)", text[nxt.end : sent.end])
            if percent:
                return "percent"
            unit = _unit(doc, nxt.end, sent)
            if unit:
                return unit
    currency = _CURRENCY.search(text, sent.start, number.start)
    if currency and currency.end() == number.start:
        return _CURRENCY_BEFORE[currency.group(1)]
    place = re.match(r"\s+in\s+(?:the\s+)?([A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)", text[number.end : sent.end])
    if place is None:
        return None
    for whole in reversed(before):  # back over the list's parts to the figure before "including"
        between = text[whole.end : number.start]
        if ";" in between:
            break
        if not _PARTS.search(between):
            continue
        if whole.value is not None and not whole.unit.startswith("percent"):
            return f"{whole.unit.split(' in ')[0]} in {place.group(1)}"
        break
    return None


# The qualifier written before a number: "nearly 300,000 km", "more than 2,000 households".
_QUALIFIER = re.compile(
    r"(?<![\w-])(more than|over|nearly|almost|about|around|approximately|roughly|some|close to|at least|"
    r"no less than|not less than|up to|no more than|less than|fewer than|under|above|below)\s+$",
    re.IGNORECASE,
)
# Words that qualify a number only when the parse says so: "talked about 3 issues", "handed over 500 tons".
_PREPOSITIONS = frozenset({"over", "about", "around", "under", "above", "below", "some"})


def _qualifier(doc: Any, text: str, start: int, sent: Sentence) -> re.Match[str] | None:
    base = max(sent.start, start - 30)
    m = _QUALIFIER.search(text[base:start])
    if m is None or m.group(1).lower() not in _PREPOSITIONS:
        return m
    i = first_token_from(doc, base + m.start(1))
    if i is None or doc[i].lower_ != m.group(1).lower() or doc[i].dep_ not in {"advmod", "quantmod"}:
        return None
    if i > 0 and doc[i - 1].pos_ == "VERB" and _stem(doc[i - 1].lower_) & _PHRASAL:
        return None  # "talked about 3 issues", "handed over 500 tons": a preposition or a particle
    return m


def _stem(word: str) -> set[str]:
    """The forms a verb's base may have (the pipeline runs without its lemmatizer)."""
    return {word, word[:-1], word[:-2], word[:-3], word[:-3] + "e"}


_PHRASAL = frozenset(
    "talk speak spoke learn know knew ask care think thought hear heard tell told write wrote worry complain "
    "inquire read argue report chat bring brought hand take took turn pass look watch preside win won go went "
    "come came hold held give gave".split()
)


_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


def _not_counted(text: str, start: int, unit: str) -> bool:
    """A number that counts nothing: a date (``10 January``), a time (``10 o'clock``), a part of a
    compound adjective (``63-year-old``, ``24-hour``), a number in a name (``No. 2 Middle School``)."""
    first = unit.split()[0].lower().strip(".")
    month = re.search(r"([A-Za-z]+)\.?\s+$", text[max(0, start - 12) : start])
    if month and month.group(1).lower() in _MONTHS and month.group(1)[0].isupper():
        return True  # "March 18": a date
    if first in _MONTHS or first.startswith(("o'clock", "o’clock")) or unit.startswith("-"):
        return True
    return bool(re.search(r"\bNo\.?\s*$", text[max(0, start - 5) : start])) and unit[:1].isupper()


def _percent_of(doc: Any, end: int, sent: Sentence) -> str:
    """``of residents`` after ``80 percent``: what the share is of, from the parse; else nothing."""
    i = first_token_from(doc, end)
    if i is None or doc[i].idx >= sent.end:
        return ""
    if doc[i].lower_ != "of":
        after = _unit(doc, end, sent)  # "more than 80% residents": of the residents
        last = i + len(after.split()) - 1 if after else -1
        plural = after and " of " not in after and 0 <= last < len(doc) and doc[last].tag_ == "NNS"
        return f" of {after}" if plural else ""
    return _of_phrase(doc, i - 1, sent)


def _looks_like_year(text: str) -> bool:
    return text.isdigit() and len(text) == 4 and 1900 <= int(text) <= 2100


def _unit(doc: Any, end: int, sent: Sentence) -> str | None:
    """What the number counts: the noun phrase right after it (``old urban communities``), with an
    ``of`` phrase after a measure (``square meters of sports and fitness venues``), or, for a bare
    measure, the thing measured earlier in the sentence (``pipelines ... 300,000 kilometers``)."""
    start = first_token_from(doc, end)
    if start is None:
        return None
    words: list[Any] = []
    i = start
    while i < len(doc):
        tok = doc[i]
        if tok.lower_ in _UNIT_STOP or tok.is_punct and tok.text != "-" or tok.idx >= sent.end:
            break
        if (
            tok.lower_ in {"and", "or"}
            and words
            and all(w.pos_ == "ADJ" or w.lower_ in _RANKS for w in words)
            and i + 1 < len(doc)
            and doc[i + 1].idx < sent.end
        ):  # "22 former provincial and ministerial level cadres", "51 provincial and above leaders"
            words.append(tok)
            i += 1
            continue
        if tok.lower_ in _RANKS and words and words[-1].lower_ in {"and", "or"}:
            words.append(tok)
            i += 1
            continue
        if (
            tok.pos_ in {"NOUN", "PROPN", "ADJ"}
            or tok.dep_ in {"compound", "amod"}
            or tok.text == "-"
            or (tok.pos_ == "VERB" and tok.text.endswith("ing") and i + 1 < len(doc) and doc[i + 1].pos_ == "NOUN")
        ):
            words.append(tok)
            i += 1
            continue
        break
    while words and (words[-1].pos_ == "ADJ" or words[-1].text == "-"):
        words.pop()
    if not words:
        return None
    unit = doc[words[0].i : words[-1].i + 1].text
    if words[-1].lower_ in _MEASURES:
        unit += _measured(doc, words[-1].i, sent)
    elif len(words) == 1 and words[0].lower_ in {"times", "time"}:
        return _done(doc, words[0].i, sent) or unit
    return unit


# Rank words of a list of levels: "provincial and above leaders", "county level and below cadres".
_RANKS = frozenset({"above", "below"})


def _done(doc: Any, i: int, sent: Sentence) -> str | None:
    """What ``386 times`` counts: the object of the verb it hangs from, a bare plural written before it
    (``carry out combat drills for 386 times``: drills), with its compounds; None when the parse gives
    none (``visited the village 3 times``: the times are visits)."""
    verb = _governing_verb(doc[i])
    if verb is None:
        return None
    done = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"} and c.tag_ == "NNS"]
    # a bare plural ("combat drills"): "visited the village 3 times" counts visits, not villages
    done = [
        c for c in done if sent.start <= c.idx < doc[i].idx and not any(t.dep_ in {"det", "poss"} for t in c.children)
    ]
    if not done:
        return None
    c = done[-1]  # the nearest before the number: "learning 18 times, special research 10 times"
    first = min((t.i for t in c.children if t.dep_ == "compound" and t.i < c.i), default=c.i)
    return doc[first : c.i + 1].text


def _measured(doc: Any, i: int, sent: Sentence) -> str:
    """What a measure measures: its ``of`` phrase (``of the country's autumn grain``), else, for a length,
    area or weight, the plural noun the verb it hangs from takes as object or subject (``pipelines ...
    300,000 kilometers``), else nothing: money and time are not guessed from the next noun."""
    of = _of_phrase(doc, i, sent)
    if of:
        return of
    verb = _governing_verb(doc[i])
    if verb is not None and doc[i].lower_ in _LENGTHS:  # "transform the aging pipelines ... for nearly 300,000 km"
        for c in verb.children:
            if (
                c.dep_ in {"dobj", "nsubj", "nsubjpass"}
                and c.tag_ == "NNS"
                and c.lower_ not in _MEASURES
                and sent.start <= c.idx < doc[i].idx
            ):
                return f" of {c.text}"
    return ""


def _of_phrase(doc: Any, i: int, sent: Sentence) -> str:
    """`` of the country's autumn grain`` after the measure at ``i``, or ''."""
    if i + 2 < len(doc) and doc[i + 1].lower_ == "of":
        first = i + 2 + (doc[i + 2].pos_ == "DET")  # "of the ...": the words after the article
        tail: list[Any] = []
        for tok in doc[first:]:
            if tok.idx >= sent.end:
                break
            if tok.pos_ in {"NOUN", "PROPN", "ADJ", "CCONJ"} or tok.dep_ == "compound" or (tail and tok.tag_ == "POS"):
                tail.append(tok)
                continue
            break
        while tail and tail[-1].pos_ in {"CCONJ", "ADJ"}:
            tail.pop()
        if tail:
            return " of " + doc[i + 2 : tail[-1].i + 1].text
    return ""


def _governing_verb(tok: Any) -> Any:
    """The verb a measure's phrase hangs from, a few steps up the parse, or None."""
    for _ in range(6):
        if tok.pos_ in {"VERB", "AUX"}:
            return tok
        if tok.head.i == tok.i:  # the root
            return None
        tok = tok.head
    return None


def _period(sentence: str) -> str | None:
    m = _PERIOD_RANGE.search(sentence)
    if m:
        a, b = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        return f"{a}-{b}"
    plan = _PERIOD_PLAN.search(sentence)
    if plan:
        return f"{plan.group(1)} Five-Year Plan"
    year = _PERIOD_YEAR.search(sentence)
    if year:
        return (
            year.group(2) if year.group(1).lower() in {"in", "during"} else f"{year.group(1).lower()} {year.group(2)}"
        )
    return None


_UNKNOWN_VALUE = frozenset({"numbers.lost_digits", "numbers.bad_grouping"})


def _lost_digits_flag(article: Article, start: int, end: int) -> int | None:
    original = article.offsets.to_original(start)
    for flag in article.flags:
        if flag.rule in _UNKNOWN_VALUE and flag.start <= original < max(flag.end, flag.start + 1):
            return flag.id
    return None
