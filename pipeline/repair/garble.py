"""Garble flags: spans that are probably garbled and cannot be repaired safely.

A transliterated name rendered as English words (``Qin SE WING``) or with an
implausible given name (``Huang Qingchejian``) is flagged, never replaced; so is
a clause whose passive cannot be English (``good luck should be insisted on
making good use``): what the source meant cannot be read back from it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from .. import gazetteer
from ..config import Settings
from ..core.lexicon import FUNCTION_WORDS, NO_PASSIVE, PREPOSITIONAL_VERBS, zipf
from ..core.tokens import Token, inner_tokens, line_spans, tokenize
from ..dates import MONTHS, WEEKDAYS
from ..edits import Change, Notice

_ACRONYMS = frozenset("CPC CCP NPC CPPCC PLA PRC GDP CEO CFO CTO UN US USA UK EU WTO SOE SME".split())


def flag_garbled_names(text: str, settings: Settings) -> tuple[list[Change], list[Notice]]:
    """A Chinese surname followed by words in capitals, or by a given name that is not pinyin.

    >>> [n.message[:24] for n in flag_garbled_names("Qin SE WING, member of the Party group", Settings())[1]]
    ["'Qin SE WING' looks like"]
    """
    notices = []
    surnames = gazetteer.surnames()
    for start, end in line_spans(text):
        toks = tokenize(text[start:end], start)
        for i, tok in enumerate(toks):
            if not (tok.text.istitle() and tok.lower in surnames) or (i and toks[i - 1].text.istitle()):
                continue
            if len(tok.text) < 2:
                continue  # "A Hundred Years Ago": a one-letter surname is an article in a title
            given = _given_name(toks, i + 1)
            if not given or given[-1].lower in _NOT_PERSON_HEADS:
                continue  # "Zhi Yun Restaurant" names a business or a place, not a person
            score = _garble_score(given)
            if score:
                span = text[tok.start : given[-1].end]
                notices.append(
                    Notice(
                        tok.start,
                        given[-1].end,
                        "garble.name",
                        f"'{span}' looks like a garbled transliteration of a name; not replaced without evidence",
                        "warning",
                        score,
                    )
                )
    return [], notices


# Words that end the name of a business, body or place, never a person's.
_NOT_PERSON_HEADS = frozenset(
    """restaurant hotel company group store shop bank school hospital university college factory
    center centre park temple mountain river lake bridge building plaza mall market tower press road
    street town village county city district province station airport port studio club association""".split()
)


def _given_name(toks: list[Token], j: int) -> list[Token]:
    out: list[Token] = []
    while j < len(toks) and len(out) < 3 and toks[j].is_word and toks[j].text[:1].isupper():
        out.append(toks[j])
        j += 1
    followed_by_apposition = j < len(toks) and toks[j].text == ","
    return out if out and (followed_by_apposition or any(t.text.isupper() for t in out)) else []


def _garble_score(given: list[Token]) -> float:
    caps = [t for t in given if t.text.isupper() and len(t.text) >= 2 and t.text not in _ACRONYMS]
    if caps:
        not_pinyin = [t for t in caps if gazetteer.split_syllables(t.lower) is None]
        return 0.85 if not_pinyin else 0.6
    joined = "".join(t.lower for t in given)
    sylls = gazetteer.split_syllables(joined)
    if sylls is not None and len(sylls) <= 2:
        return 0.0
    if len(given) == 1:
        return 0.6  # "Huang Qingchejian": three syllables or not pinyin at all
    # "Xu East Sea", "Zhang Spring Lin": a given name translated word by word
    english = [t for t in given if gazetteer.split_syllables(t.lower) is None and zipf(t.lower) >= 3.0]
    return 0.7 if english else 0.0


# ----------------------------------------------------------------- run-on clauses
# Words that open the object of a verb or follow a particle: a capitalised common word before
# one of them starts a clause ("Consolidate the", "Carried out"); a name rarely stands there.
_OBJECT_OPENERS = frozenset("the a an this these those its their our his her out up".split())
# Capitalised common words that are parts of names ("the district Public Security Bureau").
_NAME_WORDS = frozenset(
    """party committee government bureau office congress council court bank university college school
    hospital department ministry association federation union group company corporation center centre
    station park road river lake mountain bridge square hall museum library institute academy zone area
    region state national central people republic communist standing general secretary president
    premier minister mayor governor chairman director deputy vice member""".split()
)


def flag_run_on(text: str, settings: Settings) -> tuple[list[Change], list[Notice]]:
    """A common word capitalised inside a sentence where a clause starts: a stop or words were lost.

    The capital is a function word (``people With a sense``) or opens a verb's object (``in their
    jurisdiction Carried out``); after a lowercase word or a closing quote. Flagged, not repaired:
    where the sentence ends, and what was lost, is a guess.

    >>> [n.message[:36] for n in flag_run_on("staff in their jurisdiction Carried out the work", Settings())[1]]
    ["'jurisdiction Carried': a capital in"]
    >>> flag_run_on("the city of Hope and visitors from Acer said", Settings())[1]
    []
    """
    generics = {w.lower() for g in gazetteer.PLACE_GENERICS for w in g.split()}
    notices = []
    for toks, i in inner_tokens(text):
        tok, prev, nxt = toks[i], toks[i - 1], toks[i + 1]
        word = tok.lower
        if not (tok.text.isalpha() and tok.text[0].isupper() and tok.text[1:].islower()):
            continue
        if nxt.text[:1].isupper() or not (word in FUNCTION_WORDS or nxt.lower in _OBJECT_OPENERS):
            continue
        if prev.text in '”"' and i >= 2:
            prev = toks[i - 2]
        if not (prev.text.isalpha() and prev.text.islower() and prev.lower not in FUNCTION_WORDS):
            continue
        if word in _NAME_WORDS or word in generics or word in MONTHS or word in WEEKDAYS:
            continue
        if gazetteer.split_syllables(word) is not None or zipf(word) < 3.0:
            continue
        span = text[prev.start : tok.end]
        notices.append(
            Notice(
                prev.start,
                tok.end,
                "garble.run_on",
                f"'{span}': a capital inside a sentence; a full stop or words were probably lost; not repaired",
                "info",
                0.6,
            )
        )
    return [], notices


# ----------------------------------------------------------------- cut off
_LINE_END_OK = re.compile(r"[.!?。！？:：;\"”’)\]】…]$")


def flag_cut_off(text: str, settings: Settings) -> tuple[list[Change], list[Notice]]:
    """A line that stops mid-word (``the constructi``, where the text has ``construction``) or a
    paragraph that stops mid-sentence (on ``the``, ``of``, or ``, attended``): words were lost, or the
    page was cut. Flagged; what is missing is not in the text.

    >>> t = "Plans to build the constructi\\nThe construction of roads goes on, and the county will fund the"
    >>> [n.message[:26] for n in flag_cut_off(t, Settings())[1]]
    ["'constructi': the line sto", 'the paragraph stops mid-se']
    """
    words = {w.lower() for w in re.findall(r"[A-Za-z]{5,}", text)}
    notices = []
    first = True
    for start, end in line_spans(text):
        line = text[start:end].rstrip()
        if not line.strip():
            continue
        is_first, first = first, False
        if _LINE_END_OK.search(line):
            continue
        last = re.search(r"([A-Za-z]+)$", line)
        if last is None:
            continue
        word = last.group(1)
        lower = word.lower()
        if (
            len(word) >= 4
            and word.islower()
            and zipf(lower) == 0
            and gazetteer.split_syllables(lower) is None
            and any(w.startswith(lower) and len(w) > len(word) for w in words)
        ):
            notices.append(
                Notice(
                    start + last.start(),
                    start + len(line),
                    "garble.cut_off",
                    f"'{word}': the line stops mid-word; the rest was cut off",
                    "info",
                    0.7,
                )
            )
            continue
        tokens = line.split()
        if is_first or len(tokens) < 8:
            continue  # a headline or a short heading needs no full stop
        if lower in FUNCTION_WORDS or (lower.endswith("ed") and line[: last.start()].rstrip().endswith(",")):
            notices.append(
                Notice(
                    start + max(0, last.start() - 40),
                    start + len(line),
                    "garble.cut_off",
                    f"the paragraph stops mid-sentence ('... {' '.join(tokens[-3:])}'): words were lost or cut off",
                    "info",
                    0.6,
                )
            )
    return [], notices


# ----------------------------------------------------------------- clauses
_BE = r"\b(?P<be>be|is|are|was|were|been|being|am)\s+"
_ADVERB = r"(?:(?:not|also|already|still|always|never|further|often|then|thus|even|only|\w{1,20}ly)\s+)?"
_NO_PASSIVE = re.compile(
    _BE + _ADVERB + r"(?P<verb>" + "|".join(sorted(NO_PASSIVE)) + r")\b(?!\s+upon\b)", re.IGNORECASE
)
_PREP_PASSIVE = re.compile(
    _BE + _ADVERB + r"(?P<verb>" + "|".join(sorted(PREPOSITIONAL_VERBS)) + r")\s+(?P<prep>[a-z]+)\s+"
    r"(?P<object>the|an?|these|those|its|their|our|his|her|my|your|[a-z]{2,20}ing)\b",
    re.IGNORECASE,
)
# Words in -ing that are not gerunds, or that start an adjunct rather than an object.
_NOT_GERUNDS = frozenset(
    "during according nothing something anything everything morning evening king thing spring string ceiling".split()
)
_CLAUSE_END = re.compile(r"[,;:.!?]")
# Weights of the signals; a clause's score joins them as independent evidence (1 - product of misses).
NO_PASSIVE_WEIGHT = 0.75
STRANDED_OBJECT_WEIGHT = 0.6
GERUND_OBJECT_BONUS = 0.15
MAX_REASONS = 3


def flag_garbled_clauses(text: str, settings: Settings) -> tuple[list[Change], list[Notice]]:
    """A clause built on a passive English does not have is flagged with a score and the reason.

    Two signals, each a frame fluent English does not produce: the passive of a verb that
    takes no object (``was happened``, ``is consisted of``), and the passive of a verb that
    takes its object through a preposition, with an object still after the preposition
    (``should be insisted on making``: 'insist on' has already given its object to the subject).

    >>> ns = flag_garbled_clauses("The meeting demanded that good luck should be insisted on making good use "
    ...                           "of the experience, and the rules must be adhered to.", Settings())[1]
    >>> [(n.rule, round(n.score, 2)) for n in ns]
    [('garble.clause', 0.75)]
    """
    signals: list[tuple[int, int, float, str]] = []
    for m in _NO_PASSIVE.finditer(text):
        signals.append(
            (
                m.start(),
                m.end(),
                NO_PASSIVE_WEIGHT,
                f"'{m.group()}' is a passive of '{NO_PASSIVE[m.group('verb').lower()]}', which takes no object",
            )
        )
    for m in _PREP_PASSIVE.finditer(text):
        base, preps = PREPOSITIONAL_VERBS[m.group("verb").lower()]
        prep, obj = m.group("prep").lower(), m.group("object").lower()
        if prep not in preps or obj in _NOT_GERUNDS:
            continue
        gerund = obj.endswith("ing")
        signals.append(
            (
                m.start(),
                m.end(),
                STRANDED_OBJECT_WEIGHT + GERUND_OBJECT_BONUS * gerund,
                f"'{m.group()}': the passive gives the object of '{base} {prep}' to the "
                f"subject, yet '{prep}' still takes {'an action' if gerund else 'an object'}",
            )
        )
    return [], _clause_notices(text, signals)


def _clause_notices(text: str, signals: list[tuple[int, int, float, str]]) -> list[Notice]:
    """One flag per clause (between punctuation marks or line ends) that holds signals."""
    if not signals:
        return []
    bounds = sorted({m.start() for m in _CLAUSE_END.finditer(text)} | {i for i, c in enumerate(text) if c == "\n"})
    clauses: dict[tuple[int, int], list[tuple[float, str]]] = {}
    for start, end, weight, reason in signals:
        k = bisect_right(bounds, start) - 1
        c_start = bounds[k] + 1 if k >= 0 else 0
        j = bisect_left(bounds, end)
        c_end = bounds[j] if j < len(bounds) else len(text)
        clauses.setdefault((c_start, c_end), []).append((weight, reason))
    notices = []
    for (c_start, c_end), found in sorted(clauses.items()):
        while c_start < c_end and text[c_start].isspace():
            c_start += 1
        while c_end > c_start and text[c_end - 1].isspace():
            c_end -= 1
        miss = 1.0
        for weight, _ in found:
            miss *= 1 - weight
        distinct = list(dict.fromkeys(reason for _, reason in found))
        reasons = "; ".join(distinct[:MAX_REASONS]) + (
            f"; and {len(distinct) - MAX_REASONS} more" if len(distinct) > MAX_REASONS else ""
        )
        notices.append(
            Notice(
                c_start,
                c_end,
                "garble.clause",
                f"probably garbled: {reasons}; not rewritten",
                "warning",
                round(1 - miss, 2),
            )
        )
    return notices
