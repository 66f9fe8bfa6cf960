"""Spacing and punctuation: missing spaces, tokenised text, doubled marks, CJK punctuation.

Scraped machine translation often loses the space after a full stop
(``research.District``), keeps the tokeniser's spaces (``won 't``, ``word ,``),
doubles punctuation (``,,``) or leaves Chinese full-width marks in English text.
"""

from __future__ import annotations

import re

from ..core.lexicon import FUNCTION_WORDS, zipf
from ..edits import Change, Found
from ..gazetteer import places_named, split_syllables, surnames
from .registry import Context, rule

# "regulations.The meeting", "etc.A series" (a one-letter word only where a lowercase word follows it).
_NO_SPACE_AFTER_STOP = re.compile(r"(?<![A-Za-z.][.])\b([A-Za-z][a-z]+[)\"”]?)([.!?;])([A-Z][a-z]+\b|[AI](?= [a-z]))")
# "cadres reached 41.As the report": a number ends the sentence (not "No.5", "3.5", "v2.0.Beta", "1.2.As").
_NO_SPACE_AFTER_NUMBER = re.compile(r"(?<![\w.,])(\d+)([.!?])([A-Z][a-z]+)\b")
# "of compaction.32 county-level": a word, its stop, a number opening the next sentence (a word of four
# letters or more, lowercase and common, so no abbreviation: "No.32", "Art.3", "Fig.2", "vol.3").
_NO_SPACE_BEFORE_NUMBER = re.compile(r"(?<![\w.@/\-])([a-z]{4,})(\.)(\d+)(?= [a-z])")
_NO_SPACE_AFTER_COMMA = re.compile(r"\b([A-Za-z]?[a-z]{2,})([,;])([a-z]{2,}|[A-Z][a-z]+)\b")
# "as follows:On March 18": a colon glued to a capitalised word mid-sentence (not "http:", not "10:37",
# not a label opening a line or following another field: "from:Network date:...").
_NO_SPACE_AFTER_COLON = re.compile(r"(?<=[a-z] )\b([a-z]{2,})(:)([A-Z][a-z]+)\b")
# "carried out.”Before": the stop, its closing quote, no space, the next sentence.
_NO_SPACE_AFTER_QUOTE = re.compile(r"\b([A-Za-z][a-z]+[.!?])([”\"])([A-Z][a-z]+)\b")
_ABBREVIATIONS = frozenset("para sect vols figs tabs".split())  # abbreviations of four letters or more
_URL_TOKEN = re.compile(r"^(?:https?://|www\.)|@|\.(?:com|cn|org|net|gov|edu|html?|php|aspx?)\b", re.IGNORECASE)


def _url_spans(text: str) -> list[tuple[int, int]]:
    """Spans of words that are addresses (linear: each word is looked at once)."""
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", text) if _URL_TOKEN.search(m.group())]


_TOKENISED_GAP = re.compile(
    r" (?=[,.;:!?%)\]](?:\s|$))|(?<=[(\[]) | (?=n't\b)| (?='(?:s|t|re|ve|ll|d|m)\b)|(?<=\w) (?='(?:s|t|re|ve|ll|d|m)\b)"
)
_TOKENISED_SIGNS = re.compile(r"\w [,.;:?!](?:\s|$)| n't\b| '(?:s|t|re|ve|ll|d|m)\b")


@rule("spacing.missing_space", "missing space after a full stop, comma or colon")
def add_missing_space(text: str, ctx: Context) -> Found:
    """``research.District`` and ``ports,roads`` get the space machine translation dropped.

    >>> [c.after for c in add_missing_space("field research.District committee, see www.Example.com", Context())[0]]
    [' ']
    >>> text = "reached 41.As the rate, etc.A series of compaction.32 county-level; U.S. No.5 3.5 e.g. Co.,Ltd"
    >>> [text[c.start - 3 : c.start + 2] for c in add_missing_space(text, Context())[0]]
    ['tc.A ', '41.As', 'on.32']
    """
    urls = _url_spans(text)
    changes = []
    for pattern, confidence in (
        (_NO_SPACE_AFTER_STOP, 0.9),
        (_NO_SPACE_AFTER_QUOTE, 0.9),
        (_NO_SPACE_AFTER_COMMA, 0.8),
        (_NO_SPACE_AFTER_COLON, 0.8),
        (_NO_SPACE_AFTER_NUMBER, 0.8),
        (_NO_SPACE_BEFORE_NUMBER, 0.8),
    ):
        for m in pattern.finditer(text):
            at = m.end(2)
            if any(s <= at < e for s, e in urls):
                continue
            if pattern is _NO_SPACE_BEFORE_NUMBER and (m.group(1) in _ABBREVIATIONS or zipf(m.group(1)) < 1.5):
                continue
            changes.append(
                Change(
                    at, at, " ", "spacing.missing_space", confidence, f"no space after '{m.group(2)}' in '{m.group()}'"
                )
            )
    return changes, []


def is_tokenised(text: str) -> bool:
    """Moses-style tokenised text: most punctuation has a space before it."""
    signs = len(_TOKENISED_SIGNS.findall(text))
    marks = len(re.findall(r"[,.;:?!]", text)) + len(re.findall(r"'(?:s|t|re|ve|ll|d|m)\b", text))
    return signs >= 3 and signs >= 0.6 * marks


@rule("spacing.detokenize", "tokeniser spaces (won 't, word ,) in tokenised text", line_mode=False)
def detokenize(text: str, ctx: Context) -> Found:
    """Tokeniser spaces (``won 't``, ``word ,``) go, when the whole text is clearly tokenised.

    Off in line mode unless enabled: aligned MT files are usually tokenised on purpose.
    """
    if not is_tokenised(text):
        return [], []
    changes = [
        Change(m.start(), m.end(), "", "spacing.detokenize", 0.85, "tokeniser space")
        for m in _TOKENISED_GAP.finditer(text)
    ]
    return changes, []


# Words run together where machine translation or a scraper lost the space ('preventionand control',
# 'Onthe morning', 'Thecompany's'): a word wordfreq does not know, made of two it knows well, one of them a
# function word. Two content words ('currentepidemic', 'departmentleaders') only where the same segment
# has lost two spaces that way already: compounds that are words ('microecology', 'footbaths') are left.
# a run of 5 to 30 letters: two words joined are never longer (a longer run is no pair of words, and trying
# every split of it would take the time of its square)
_JOINED = re.compile(r"(?<![\w@/#&.’'\-])([A-Za-z][a-z]{4,29})(?![\w@/#\-]|\.\w)")
_SENTENCE_START = re.compile(r"(?:^|[.!?][”\"’)]? )$", re.MULTILINE)
_JOIN_LEAD = frozenset(
    "the and of to on at as by is or it we for are was were with from that this has have can will all its "
    "his their our not but".split()
)
_JOIN_TRAIL = frozenset("the and of to in is at for on with it as or are was by".split())
# Words that make compounds ('microecology', 'superhigh', 'photostudio'): never the first of two content words.
_COMBINING = frozenset(
    "micro macro meta mega super mini multi over under photo auto anti inter self tele hyper ultra post semi "
    "well hand foot head back side home work water fire wood land road rail field life time".split()
)


def _known(word: str, floor: float = 3.0) -> bool:
    """A word of four letters or more that wordfreq knows well, or a function word ('jog is', 'his nan',
    'wan was' are no splits)."""
    return (len(word) >= 4 and zipf(word) >= floor) or word in _JOIN_LEAD or word in _JOIN_TRAIL


def _join_split(word: str) -> tuple[int, bool] | None:
    """Where ``word`` splits into two known words, and whether one is a function word; None if nowhere
    (or if the word is known, or is romanised Chinese)."""
    low = word.lower()
    known = zipf(low)
    if known >= 3.0 or split_syllables(low):
        return None
    best: tuple[float, int, bool] | None = None
    for i in range(2, len(low) - 1):
        a, b = low[:i], low[i:]
        function = (a in _JOIN_LEAD and _known(b)) or (b in _JOIN_TRAIL and _known(a))
        if known > 0 and not (function and b == "the"):  # 'onthe' is a frequent slip, 'thereof' a word
            continue
        if word[0].isupper() and not (a in _JOIN_LEAD and (b == "the" or zipf(b) >= 4.0)):
            continue  # a capitalised run: a function word and a common word ('Onthe', 'Thecompany'), no name
        content = len(a) >= 4 and len(b) >= 4 and zipf(a) >= 3.5 and zipf(b) >= 3.5 and a not in _COMBINING
        if not (function or content):
            continue
        score = min(zipf(a), zipf(b))
        if best is None or score > best[0]:
            best = (score, i, function)
    if best is None or _misspelt(low) >= best[0]:
        return None  # 'toether', 'attraced': one letter from a word at least as common as the halves
    return best[1], best[2]


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _misspelt(word: str) -> float:
    """The Zipf frequency of the commonest word one letter away from ``word`` (a letter lost, added,
    changed or two swapped), 0 if none."""
    near = {word[:i] + word[i + 1 :] for i in range(len(word))}
    near |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    near |= {word[:i] + c + word[i:] for i in range(len(word) + 1) for c in _LETTERS}
    near |= {word[:i] + c + word[i + 1 :] for i in range(len(word)) for c in _LETTERS}
    near.discard(word)
    return max((zipf(w) for w in near), default=0.0)


@rule("spacing.joined_words", "words run together ('preventionand control', 'Onthe morning')")
def split_joined_words(text: str, ctx: Context) -> Found:
    """A space lost between two words: one a function word, or two content words on a segment that lost
    such spaces twice already. Known words, romanised Chinese and addresses are left.

    >>> text = "So. Onthe morning the epidemic preventionand control of theenterprises in the currentepidemic"
    >>> [text[c.start - 3 : c.start + 3] for c in split_joined_words(text, Context())[0]]
    [' Onthe', 'ionand', 'theent', 'entepi']
    >>> split_joined_words("microecology footbaths onto thereof xinglinli www.asfinancing.com", Context())[0]
    []
    """
    changes = []
    for start, end in ctx.segments(text):
        found = []
        for m in _JOINED.finditer(text, start, end):
            if m.group(1)[0].isupper() and not _SENTENCE_START.search(text, max(start, m.start() - 3), m.start()):
                continue  # capitalised inside a sentence: a name ('Allani', 'Torim'), not 'Onthe morning'
            split = _join_split(m.group(1))
            if split:
                found.append((m, *split))
        evidence = sum(function for _, _, function in found) >= 2
        for m, at, function in found:
            if function or evidence:
                word = m.group(1)
                changes.append(
                    Change(
                        m.start() + at,
                        m.start() + at,
                        " ",
                        "spacing.joined_words",
                        0.85 if function else 0.7,
                        f"'{word}' is two words run together ('{word[:at]} {word[at:]}')",
                    )
                )
    return changes, []


# A capitalised word glued to the word before it ('LengshuijiangMunicipal Party Committee', 'MayorZeng
# Boyi', 'theMunicipal Party Committee'), split where both halves are known for what they are in such a
# name. Brand-like camel case ('WeChat', 'YouTube', 'PetroChina', 'LinkedIn', 'McDonald', 'JinkoSolar') is
# left: wordfreq knows the famous ones whole, and no brand's halves are a place and a level, a title and a
# surname, a function word and a name, or a pair the text itself writes apart.
_CAMEL = re.compile(r"(?<![\w@/#&.’'\-])([A-Z][a-z]+|[a-z]{2,})([A-Z][a-z]+)\b(?![@/#\-]|\.\w)")
_NAME_WORDS = frozenset(
    "Municipal Provincial County City Province District Town Township Village Community Street Subdistrict "
    "Party Committee Commission Bureau Department Office Government People People's People’s Development "
    "Zone Congress Court Procuratorate Bank Branch Association Federation Administration Center Centre "
    "Station Group Corporation Company".split()
)
_TITLE_WORDS = frozenset(
    "Mayor Governor Secretary Director Chairman Chairwoman President Minister Premier Deputy Vice Comrade "
    "Member Head Chief Commissioner Inspector Procurator Judge Captain Commander Magistrate".split()
)


def _camel_split(left: str, right: str, text: str) -> str | None:
    """Why ``left + right`` is two words run together, or None."""
    if zipf((left + right).lower()) > 0:
        return None  # a word or a brand known whole ('WeChat', 'YouTube', 'McDonald')
    if f"{left} {right}" in text:
        return "the text writes them apart"
    if left.islower():
        return "a function word before a name" if left in FUNCTION_WORDS else None
    if len(left) < 3:
        return None
    if left in _TITLE_WORDS and right.lower() in surnames():
        return "a title before a surname"
    place = bool(places_named(left)) or split_syllables(left) is not None
    if right in _NAME_WORDS and (place or zipf(left.lower()) >= 3.5):
        return "a name word after a place or a word"
    return None


@rule("spacing.camel_case", "a capitalised word glued to the word before ('LengshuijiangMunicipal', 'MayorZeng')")
def split_camel_case(text: str, ctx: Context) -> Found:
    """``LengshuijiangMunicipal Party Committee``, ``MayorZeng Boyi``, ``theMunicipal``, ``ZengBoyi`` (where
    the text writes ``Zeng Boyi``) get their space; ``WeChat``, ``iPhone``, ``JinkoSolar`` are left.

    >>> text = "LengshuijiangMunicipal Party and MayorZeng Boyi thanked theMunicipal Party, EconomicDevelopment Zone"
    >>> [text[c.start - 3 : c.start + 3] for c in split_camel_case(text, Context())[0]]
    ['angMun', 'yorZen', 'theMun', 'micDev']
    >>> split_camel_case("WeChat YouTube iPhone PetroChina LinkedIn McDonald JinkoSolar SenseTime Group", Context())[0]
    []
    """
    changes = []
    for start, end in ctx.segments(text):
        segment = text[start:end]
        for m in _CAMEL.finditer(text, start, end):
            why = _camel_split(m.group(1), m.group(2), segment)
            if why:
                changes.append(
                    Change(
                        m.start(2),
                        m.start(2),
                        " ",
                        "spacing.camel_case",
                        0.85,
                        f"'{m.group()}': two words run together ({why})",
                    )
                )
    return changes, []
