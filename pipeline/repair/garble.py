"""Garble flags: spans that are probably garbled and cannot be repaired safely.

A transliterated name rendered as English words (``Qin SE WING``) or with an
implausible given name (``Huang Qingchejian``) is flagged, never replaced; so is
a clause whose passive cannot be English (``good luck should be insisted on
making good use``): what the source meant cannot be read back from it.

Place and body names the translation probably got wrong are flagged too, never rewritten, in
three shapes, each a trace of how machine translation handles Chinese names:

- one place spelt two ways in one article (``Majiacun`` / ``Ma Jia Cun`` / ``Majia Village``,
  ``Tawo Town`` / ``Tawu Town``): which spelling is right is for the reader to decide;
- a place name translated word by word (``Persimmon Garden Town`` for 柿子园镇): the pinyin
  cannot be read back from the English;
- ``National People's Congress`` or ``NPC`` in an article about a local people's congress:
  人大 is often rendered as the national body where the province's or city's is meant.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict

from .. import gazetteer
from ..core.lexicon import FUNCTION_WORDS, NO_PASSIVE, PREPOSITIONAL_VERBS, completes_word, zipf
from ..core.tokens import Token, inner_tokens, line_spans, tokenize
from ..dates import MONTHS, WEEKDAYS
from ..edits import Found, Notice
from .registry import Context, rule

_ACRONYMS = frozenset("CPC CCP NPC CPPCC PLA PRC GDP CEO CFO CTO UN US USA UK EU WTO SOE SME".split())


@rule("garble.name", "flag garbled transliterated names", "flag")
def flag_garbled_names(text: str, ctx: Context) -> Found:
    """A Chinese surname followed by words in capitals, or by a given name that is not pinyin.

    >>> [n.message[:24] for n in flag_garbled_names("Qin SE WING, member of the Party group", Context())[1]]
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


@rule("garble.run_on", "flag a capital inside a sentence where a clause starts ('jurisdiction Carried out')", "flag")
def flag_run_on(text: str, ctx: Context) -> Found:
    """A common word capitalised inside a sentence where a clause starts: a stop or words were lost.

    The capital is a function word (``people With a sense``) or opens a verb's object (``in their
    jurisdiction Carried out``); after a lowercase word or a closing quote. Flagged, not repaired:
    where the sentence ends, and what was lost, is a guess.

    >>> [n.message[:36] for n in flag_run_on("staff in their jurisdiction Carried out the work", Context())[1]]
    ["'jurisdiction Carried': a capital in"]
    >>> flag_run_on("the city of Hope and visitors from Acer said", Context())[1]
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


# A fragment this rare in English, at the end of a segment, that starts a common word, was cut there.
FRAGMENT_ZIPF = 2.5


@rule("garble.cut_off", "flag a line that stops mid-word or a paragraph that stops mid-sentence", "flag")
def flag_cut_off(text: str, ctx: Context) -> Found:
    """A line that stops mid-word (``the constructi``, where the text has ``construction``; at the end of
    the text or of a segment, ``take the initiativ``, the start of a common word, or ``Cao Huiq``, a
    name stopping inside a syllable) or a paragraph that stops mid-sentence (on ``the``, ``of``, or
    ``, attended``): words were lost, or the page was cut. Flagged; what is missing is not in the text.
    In line mode each line is a segment of its own.

    >>> t = "Plans to build the constructi\\nThe construction of roads goes on, and the county will fund the"
    >>> [n.message[:26] for n in flag_cut_off(t, Context())[1]]
    ["'constructi': the line sto", 'the paragraph stops mid-se']
    >>> [n.message[:18] for n in flag_cut_off("We must take the initiativ", Context(line_segments=True))[1]]
    ["'initiativ': the l"]
    >>> [n.message[:13] for n in flag_cut_off("The report was written by Cao Huiq", Context())[1]]
    ["'Cao Huiq': t"]
    """
    notices = []
    for seg_start, seg_end in ctx.segments(text):
        notices += _cut_off_in(text, seg_start, seg_end)
    return [], notices


def _cut_off_in(text: str, seg_start: int, seg_end: int) -> list[Notice]:
    words = {w.lower() for w in re.findall(r"[A-Za-z]{5,}", text[seg_start:seg_end])}
    spans = [(seg_start + s, seg_start + e) for s, e in line_spans(text[seg_start:seg_end])]
    lines = [(s, e) for s, e in spans if text[s:e].strip()]
    notices = []
    for k, (start, end) in enumerate(lines):
        line = text[start:end].rstrip()
        if _LINE_END_OK.search(line):
            continue
        last = re.search(r"([A-Za-z]+)$", line)
        if last is None:
            continue
        word = last.group(1)
        lower = word.lower()
        at_end = k == len(lines) - 1  # where a page's excerpt, or a segment, was cut
        mid_word = (
            len(word) >= 4
            and word.islower()
            and gazetteer.split_syllables(lower) is None
            and (
                (zipf(lower) == 0 and any(w.startswith(lower) and len(w) > len(word) for w in words))
                or (at_end and zipf(lower) < FRAGMENT_ZIPF and completes_word(lower))
            )
        )
        if mid_word:
            notices.append(_cut_notice(start + last.start(), start + len(line), f"'{word}': the line stops mid-word"))
            continue
        name = _cut_name(line[: last.start()], word) if at_end else None
        if name:
            notices.append(
                _cut_notice(
                    start + last.start() - len(name) - 1,
                    start + len(line),
                    f"'{name} {word}': the name stops mid-syllable",
                )
            )
            continue
        tokens = line.split()
        if k == 0 or len(tokens) < 8:
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
    return notices


def _cut_notice(start: int, end: int, what: str) -> Notice:
    return Notice(start, end, "garble.cut_off", f"{what}; the rest was cut off", "info", 0.7)


def _cut_name(before: str, word: str) -> str | None:
    """The surname before ``word`` when ``word`` is a given name stopped inside a syllable (``Cao Huiq``)."""
    prev = re.search(r"([A-Z][a-z]+) $", before)
    lower = word.lower()
    if prev is None or not word.istitle() or prev.group(1).lower() not in gazetteer.surnames():
        return None
    if gazetteer.split_syllables(lower) is not None or zipf(lower) >= FRAGMENT_ZIPF:
        return None
    for cut in (1, 2):
        head, tail = lower[:-cut], lower[-cut:]
        if (
            head
            and gazetteer.split_syllables(head) is not None
            and any(s.startswith(tail) for s in gazetteer.syllables())
        ):
            return prev.group(1)
    return None


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


@rule("garble.clause", "flag clauses on a passive English lacks ('was happened', 'be insisted on making')", "flag")
def flag_garbled_clauses(text: str, ctx: Context) -> Found:
    """A clause built on a passive English does not have is flagged with a score and the reason.

    Two signals, each a frame fluent English does not produce: the passive of a verb that
    takes no object (``was happened``, ``is consisted of``), and the passive of a verb that
    takes its object through a preposition, with an object still after the preposition
    (``should be insisted on making``: 'insist on' has already given its object to the subject).

    >>> ns = flag_garbled_clauses("The meeting demanded that good luck should be insisted on making good use "
    ...                           "of the experience, and the rules must be adhered to.", Context())[1]
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


# ----------------------------------------------------------------- place and body names
# Pinyin place words and the English generic each stands for.
_PINYIN_GENERICS = {"cun": "village", "zhen": "town", "xiang": "township", "jie": "street"}
_GENERICS = "Village|Town|Township|Street|Community|County|District"
_NAMED = re.compile(rf"(?<![\w'-])((?:[A-Z][a-z']+ ){{1,3}})({_GENERICS})(?![\w'-])")
_SPACED = re.compile(r"(?<![\w'-])((?:[A-Z][a-z]+ ){1,3})(Cun|Zhen|Xiang)(?![\w'-])")
_JOINED = re.compile(r"(?<![\w'-])([A-Z][a-z]+(?:cun|zhen|xiang))(?![\w'-])")


def _pinyin_key(name: str) -> str | None:
    """The name's syllables run together, when every word of it is pinyin (``Ma Jia`` -> ``majia``)."""
    joined = re.sub(r"[\s'’-]", "", name).lower()
    return joined if len(joined) >= 4 and gazetteer.split_syllables(joined) is not None else None


def _mentions(text: str) -> list[tuple[int, int, tuple[str, str]]]:
    """(start, end, (pinyin name, generic)) of each place mention whose name is pinyin."""
    out = []
    for m in _NAMED.finditer(text):
        key = _pinyin_key(m.group(1))
        if key is not None:
            out.append((m.start(1), m.end(), (key, m.group(2).lower())))
    for m in _SPACED.finditer(text):
        key = _pinyin_key(m.group(1))
        if key is not None:
            out.append((m.start(), m.end(), (key, _PINYIN_GENERICS[m.group(2).lower()])))
    for m in _JOINED.finditer(text):
        word = m.group(1).lower()
        for syllable, english in _PINYIN_GENERICS.items():
            stem = word[: -len(syllable)]
            if word.endswith(syllable) and len(stem) >= 4 and gazetteer.split_syllables(stem) is not None:
                out.append((m.start(), m.end(), (stem, english)))
                break
    return sorted(set(out))


def _one_letter_apart(a: str, b: str) -> bool:
    """One letter changed, added or dropped (``tawo``/``tawu``, ``huaining``/``huining``)."""
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = sorted((a, b), key=len)
    return len(long) - len(short) == 1 and any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


@rule(
    "garble.place_spelling",
    "flag one place spelt two ways ('Majiacun' / 'Majia Village', 'Tawo Town' / 'Tawu Town')",
    "flag",
)
def flag_place_spellings(text: str, ctx: Context) -> Found:
    """One place written two ways: the forms that are not the most frequent one are flagged.

    >>> t = "The secretary of Ma Jia Cun led Majia Village; Majia Village grew, and Tawu Town helped Tawo Town."
    >>> [t[n.start:n.end] for n in flag_place_spellings(t, Context())[1]]
    ['Ma Jia Cun', 'Tawu Town']
    >>> flag_place_spellings("Majia Village and Lijia Village met; Majia Village won.", Context())[1]
    []
    """
    mentions = _mentions(text)
    forms: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for start, end, key in mentions:
        forms[key][re.sub(r"\s+", " ", text[start:end])] += 1
    # near spellings of one place: same place word, names one letter apart ("Tawo Town" / "Tawu Town")
    keys = sorted(forms)
    same = {k: k for k in keys}
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if a[1] == b[1] and _one_letter_apart(a[0], b[0]) and len(a[0]) >= 4:
                same[b] = same[a]
    groups: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for key, counter in forms.items():
        groups[same[key]].update(counter)
    notices = []
    for start, end, key in mentions:
        written = groups[same[key]]
        if len(written) < 2:
            continue
        main = max(sorted(written), key=lambda f: written[f])
        form = re.sub(r"\s+", " ", text[start:end])
        if form == main:
            continue
        notices.append(
            Notice(
                start,
                end,
                "garble.place_spelling",
                f"'{form}' and '{main}' look like one place spelt two ways; not unified",
                "info",
                0.6,
            )
        )
    return [], notices


# English words that name kinds of settlement rather than translate a name ("New Town", "Old Street").
_DESIGNATIONS = frozenset(
    """new old ancient model pilot demonstration central east west south north upper lower inner outer
    great little big small global international national provincial county city district town village
    deputy vice executive acting former party
    the this that our their its each every one two three four five first second third""".split()
)
_ADJECTIVE_ENDINGS = ("al", "ed", "ic", "ive", "ful", "ous", "ern", "ing", "ly", "ese", "ian", "ish", "ary")


_CHINESE_PLACE = re.compile(
    r"(?<![\w'-])([A-Z][a-z']+) (?:County|Town|Township|Village|Street|District|City|Province)\b"
)


@rule("garble.place_words", "flag a place name translated word by word ('Persimmon Garden Town')", "flag")
def flag_translated_places(text: str, ctx: Context) -> Found:
    """A place name made of English nouns (``Persimmon Garden Town``): translated word by word.

    Only in a text that names Chinese places in pinyin (``Shenxian County``).

    >>> [n.rule for n in flag_translated_places("He visited Brick Temple Town and Weiwan Town.", Context())[1]]
    ['garble.place_words']
    >>> flag_translated_places("The Olympic Village, New Town and Weiwan Town were shown.", Context())[1]
    []
    """
    chinese_places = _CHINESE_PLACE.findall(text)
    if not any(_pinyin_key(name) for name in chinese_places):
        return [], []  # only where the text names Chinese places: "Strange Town" in a book title stays
    notices = []
    for m in _NAMED.finditer(text):
        words = m.group(1).split()
        lowers = [w.lower().strip("'") for w in words]
        if any(
            w in _DESIGNATIONS
            or w.endswith(_ADJECTIVE_ENDINGS)
            or gazetteer.split_syllables(w) is not None
            or zipf(w) < 3.0
            for w in lowers
        ):
            continue
        if gazetteer.places_named(f"{m.group(1)}{m.group(2)}".strip()):
            continue
        notices.append(
            Notice(
                m.start(),
                m.end(),
                "garble.place_words",
                f"'{m.group()}' reads as a place name translated word by word; its pinyin cannot be read back",
                "info",
                0.55,
            )
        )
    return [], notices


_LOCAL_CONGRESS = re.compile(
    r"\b(?:provincial|municipal|city|county|district|prefectural|regional|township|town) people[’']s congress\b",
    re.IGNORECASE,
)
_NATIONAL_CONGRESS = re.compile(
    r"(?<!deputy to the )(?<!deputies to the )(?<!session of the )"
    r"\b(?:National People[’']s Congress|NPC)\b(?!\s+(?:deputy|deputies|delegation|session|delegates))",
)


@rule(
    "garble.congress_level",
    "flag 'National People's Congress' / 'NPC' in a text about a local people's congress",
    "flag",
)
def flag_congress_level(text: str, ctx: Context) -> Found:
    """``National People's Congress`` / ``NPC`` where the text is about a local people's congress.

    >>> t = "The Standing Committee of the Provincial People's Congress met to improve the work of the NPC."
    >>> [t[n.start:n.end] for n in flag_congress_level(t, Context())[1]]
    ['NPC']
    >>> flag_congress_level("Deputies to the National People's Congress met in Beijing.", Context())[1]
    []
    """
    local = _LOCAL_CONGRESS.search(text)
    if local is None:
        return [], []
    notices = [
        Notice(
            m.start(),
            m.end(),
            "garble.congress_level",
            f"'{m.group()}' in a text about the {local.group().lower()}: 人大 may mean the local congress; not replaced",
            "info",
            0.5,
        )
        for m in _NATIONAL_CONGRESS.finditer(text)
    ]
    return [], notices
