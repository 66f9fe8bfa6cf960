"""Garble flags: spans that are probably garbled and cannot be repaired safely.

A transliterated name rendered as English words (``Qin SE WING``) or with an
implausible given name (``Huang Qingchejian``) is flagged, never replaced.
"""

from __future__ import annotations

from .. import gazetteer
from ..config import Settings
from ..edits import Change, Notice
from .lexicon import zipf
from .tokens import Token, line_spans, tokenize

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
            given = _given_name(toks, i + 1)
            if not given:
                continue
            score = _garble_score(given)
            if score:
                span = text[tok.start : given[-1].end]
                notices.append(Notice(tok.start, given[-1].end, "garble.name",
                                      f"'{span}' looks like a garbled transliteration of a name; "
                                      "not replaced without evidence", "warning", score))
    return [], notices


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
