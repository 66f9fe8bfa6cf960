"""Place and body names the translation probably got wrong: flagged, never rewritten.

Three shapes, each a trace of how machine translation handles Chinese names:

- one place spelt two ways in one article (``Majiacun`` / ``Ma Jia Cun`` / ``Majia Village``,
  ``Tawo Town`` / ``Tawu Town``): which spelling is right is for the reader to decide;
- a place name translated word by word (``Persimmon Garden Town`` for 柿子园镇): the pinyin
  cannot be read back from the English;
- ``National People's Congress`` or ``NPC`` in an article about a local people's congress:
  人大 is often rendered as the national body where the province's or city's is meant.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from .. import gazetteer
from ..config import Settings
from ..core.lexicon import zipf
from ..edits import Change, Notice

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


def flag_place_spellings(text: str, settings: Settings) -> tuple[list[Change], list[Notice]]:
    """One place written two ways: the forms that are not the most frequent one are flagged.

    >>> t = "The secretary of Ma Jia Cun led Majia Village; Majia Village grew, and Tawu Town helped Tawo Town."
    >>> [t[n.start:n.end] for n in flag_place_spellings(t, Settings())[1]]
    ['Ma Jia Cun', 'Tawu Town']
    >>> flag_place_spellings("Majia Village and Lijia Village met; Majia Village won.", Settings())[1]
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


def flag_translated_places(text: str, settings: Settings) -> tuple[list[Change], list[Notice]]:
    """A place name made of English nouns (``Persimmon Garden Town``): translated word by word.

    Only in a text that names Chinese places in pinyin (``Shenxian County``).

    >>> [n.rule for n in flag_translated_places("He visited Brick Temple Town and Weiwan Town.", Settings())[1]]
    ['garble.place_words']
    >>> flag_translated_places("The Olympic Village, New Town and Weiwan Town were shown.", Settings())[1]
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


def flag_congress_level(text: str, settings: Settings) -> tuple[list[Change], list[Notice]]:
    """``National People's Congress`` / ``NPC`` where the text is about a local people's congress.

    >>> t = "The Standing Committee of the Provincial People's Congress met to improve the work of the NPC."
    >>> [t[n.start:n.end] for n in flag_congress_level(t, Settings())[1]]
    ['NPC']
    >>> flag_congress_level("Deputies to the National People's Congress met in Beijing.", Settings())[1]
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
