"""Repetition: loops, doubled words, repeated list items, repeated sentences.

Machine translation (neural decoders in particular) loops: it emits a phrase
again and again (``ask the people, ask the people, ask the people``), repeats
items of a list, doubles words (``old and old``, ``the the``) and sometimes whole
sentences. Each function keeps the first occurrence and removes the others.
"""

from __future__ import annotations

import re

from ..config import Settings
from ..edits import Change, Notice
from ..segment import sentence_spans
from .tokens import Token, line_spans, tokenize

MAX_PHRASE = 8
_SEPARATORS = {",", ";", "、", "，", "；"}
# Doubled words that are good English ("had had", "very very", "bye bye").
_LEGIT_DOUBLES = frozenset(
    """that had is do does very so no yes bye ha hah hey well now there too knock tut chop blah bla
    boo la oh ah cha hush pooh tom yo ho ta go dum bang tick tock ding dong far many much long
    back out round fifty twenty thirty forty sixty seventy eighty ninety mm hmm tsk""".split()
)
# "X and X" is idiomatic for these ("more and more", "on and on", "round and round").
_LEGIT_AND_DOUBLES = frozenset(
    """more less again over on round through by out up down back forth far near in off around here
    there now then so such why what how this that one two ever time""".split()
)
_INTERJECTIONS = frozenset("ha hah he hee ho la na oh ah no yes bye hey yo blah bla wow".split())
_PRONOUNS = frozenset("i you he she it we they me him her us them his its their our my your".split())


def collapse_phrase_loops(text: str, settings: Settings) -> tuple[list[Change], list[Notice]]:
    """A phrase repeated back to back is kept once.

    >>> cs, ns = collapse_phrase_loops("ask the people, ask the people, ask the people, give", Settings())
    >>> [(c.start, c.end, c.after) for c in cs], len(ns)
    ([(14, 46, '')], 1)
    """
    changes: list[Change] = []
    notices: list[Notice] = []
    for start, end in line_spans(text):
        toks = tokenize(text[start:end], start)
        _loops_in(toks, text, changes, notices)
    return changes, notices


def _loops_in(toks: list[Token], text: str, changes: list[Change], notices: list[Notice]) -> None:
    words = [t for t in toks if t.text not in _SEPARATORS]
    index = {id(t): i for i, t in enumerate(toks)}
    lowers = [t.lower for t in words]
    i = 0
    while i < len(words):
        best = _best_loop(words, lowers, toks, index, i)
        if best is None:
            i += 1
            continue
        n, reps = best
        first_end = words[i + n - 1].end
        last_end = words[i + n * reps - 1].end
        phrase = text[words[i].start : first_end]
        changes.append(
            Change(first_end, last_end, "", "repetition.phrase_loop", 0.95 if reps > 2 or n > 1 else 0.9,
                   f"'{phrase}' repeated {reps} times; kept once")
        )
        if reps >= 3:
            notices.append(Notice(words[i].start, last_end, "repetition.meaning_lost",
                                  f"'{phrase}' was repeated {reps} times: the source probably said "
                                  "different things here, which the translation lost", "info", 0.6))
        i += n * reps


def _best_loop(words: list[Token], lowers: list[str], toks: list[Token], index: dict[int, int],
               i: int) -> tuple[int, int] | None:
    best: tuple[int, int] | None = None
    for n in range(1, MAX_PHRASE + 1):
        if i + 2 * n > len(words):
            break
        reps = 1
        while (i + (reps + 1) * n <= len(words)
               and lowers[i + reps * n : i + (reps + 1) * n] == lowers[i : i + n]
               and _joinable(words, toks, index, i + reps * n - 1, n)):
            reps += 1
        if reps < 2 or not _worth_collapsing(words, toks, index, i, n, reps):
            continue
        if best is None or n * reps > best[0] * best[1]:
            best = (n, reps)
    return best


def _joinable(words: list[Token], toks: list[Token], index: dict[int, int], last: int, n: int) -> bool:
    """Only separators (and a single-word phrase: nothing) may stand between two repeats."""
    a, b = index[id(words[last])], index[id(words[last + 1])]
    between = toks[a + 1 : b]
    if n == 1:
        return not between or all(t.text in _SEPARATORS for t in between)
    return all(t.text in _SEPARATORS for t in between)


def _worth_collapsing(words: list[Token], toks: list[Token], index: dict[int, int], i: int, n: int,
                      reps: int) -> bool:
    phrase = words[i : i + n]
    if not any(t.is_word for t in phrase) or all(t.text.isdigit() for t in phrase):
        return False
    if n == 1:
        word = phrase[0]
        has_sep = index[id(words[i + 1])] != index[id(word)] + 1
        if reps >= 3:
            return word.lower not in _INTERJECTIONS
        return (not has_sep and word.text.islower() and word.text.isalpha()
                and words[i + 1].text == word.text and word.lower not in _LEGIT_DOUBLES)
    if reps >= 3:
        return True
    # Two repeats of a multi-word phrase: not for names ("New York, New York") or pure function words,
    # and not across a bare comma, where two list items may have collapsed into one translation
    # ("good communities, good communities"): that is left to the list rule and the flag below.
    if all(t.text[:1].isupper() for t in phrase if t.is_word):
        return False
    span = toks[index[id(words[i])] : index[id(words[i + 2 * n - 1])] + 1]
    if any(t.text in _SEPARATORS for t in span):
        return False
    return sum(len(t.text) > 3 for t in phrase) >= 1


_AND_DOUBLE = re.compile(r"\b([a-z]+(?:[- ][a-z]+){0,4})((?:,)? and \1)\b")
_HYPHEN_ECHO = re.compile(r"\b([A-Za-z]+-([a-z]+))( \2)\b")


def collapse_and_doubles(text: str, settings: Settings) -> tuple[list[Change], list[Notice]]:
    """``old and old`` and ``brand-new new`` keep one copy; ``more and more`` stays.

    >>> [c.before if hasattr(c, 'before') else (c.start, c.end) for c in collapse_and_doubles("220,000 old and old urban", Settings())[0]]
    [(11, 19)]
    """
    changes = []
    for m in _AND_DOUBLE.finditer(text):
        word = m.group(1)
        if " " in word:
            if not any(len(w) > 3 for w in word.split()):
                continue
        elif word in _LEGIT_AND_DOUBLES or _comparative_or_plural(word):
            continue
        changes.append(Change(m.start(2), m.end(2), "", "repetition.and_double", 0.9,
                              f"'{m.group()}' doubles a word; kept once"))
    for m in _HYPHEN_ECHO.finditer(text):
        changes.append(Change(m.start(3), m.end(3), "", "repetition.and_double", 0.85,
                              f"'{m.group()}' repeats the end of a compound"))
    return changes, []


def _comparative_or_plural(word: str) -> bool:
    return word.endswith(("er", "est", "s", "ly"))


# ----------------------------------------------------------------- list items
_CHUNK_SPLIT = re.compile(r"\s*[,;、，；]\s*")
_LEADING = re.compile(r"^(?:(?:and|or|as well as|plus)\s+)?(?:(?:the|a|an)\s+)?", re.IGNORECASE)
MAX_ITEM_WORDS = 6


def drop_repeated_list_items(text: str, settings: Settings) -> tuple[list[Change], list[Notice]]:
    """In a list of short items, an item equal to an earlier one is dropped.

    >>> t = "the Agricultural Bank, the Construction Bank, the Agricultural Bank, and Bank of China"
    >>> cs, ns = drop_repeated_list_items(t, Settings())
    >>> [t[c.start:c.end] for c in cs]
    [', the Agricultural Bank']
    """
    changes: list[Change] = []
    notices: list[Notice] = []
    for para_start, para_end in line_spans(text):
        para = text[para_start:para_end]
        for s, e in sentence_spans(para):
            _list_dups(text, para_start + s, para_start + e, changes, notices)
    return changes, notices


def _chunks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in _CHUNK_SPLIT.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return out


def _item_key(chunk: str) -> str | None:
    body = _LEADING.sub("", chunk.strip().rstrip(".!?")).lower()
    words = body.split()
    if not 1 <= len(words) <= MAX_ITEM_WORDS or any(w in _PRONOUNS for w in words):
        return None
    if not any(c.isalpha() for c in body):
        return None
    return " ".join(words)


def _list_dups(text: str, start: int, end: int, changes: list[Change], notices: list[Notice]) -> None:
    chunks = _chunks(text, start, end)
    keys = [_item_key(text[s:e]) for s, e in chunks]
    run: list[int] = []
    for j in range(len(chunks) + 1):
        if j < len(chunks) and keys[j] is not None:
            run.append(j)
            continue
        if len(run) >= 3:
            _dedupe_run(text, chunks, keys, run, changes, notices)
        run = []


def _dedupe_run(text: str, chunks: list[tuple[int, int]], keys: list[str | None], run: list[int],
                changes: list[Change], notices: list[Notice]) -> None:
    seen: set[str] = set()
    dropped: list[int] = []
    for j in run:
        key = keys[j]
        assert key is not None
        if key in seen and j > 0:
            dropped.append(j)
        seen.add(key)
    if not dropped:
        return
    kept = [j for j in run if j not in dropped]
    for j in dropped:
        prev_end = chunks[j - 1][1]
        changes.append(Change(prev_end, chunks[j][1], "", "repetition.list_item", 0.9,
                              f"list item '{text[chunks[j][0]:chunks[j][1]].strip()}' repeats an earlier item"))
    last = run[-1]
    conj = re.match(r"(and|or)\s", text[chunks[last][0] : chunks[last][1]])
    if last in dropped and conj and len(kept) > 1:
        tail = kept[-1]
        if not re.match(r"(and|or)\s", text[chunks[tail][0] : chunks[tail][1]]):
            changes.append(Change(chunks[tail][0], chunks[tail][0], conj.group(), "repetition.list_item", 0.9,
                                  "keep the list's conjunction before its last item"))
    first, final = chunks[run[0]][0], chunks[run[-1]][1]
    notices.append(Notice(first, final, "repetition.list_meaning_lost",
                          f"{len(dropped)} repeated list item(s) dropped: the source probably named "
                          "different items here", "info", 0.6))


# ----------------------------------------------------------------- sentences
_NORM = re.compile(r"[\W_]+")


def drop_repeated_sentences(text: str, settings: Settings) -> tuple[list[Change], list[Notice]]:
    """A sentence (or paragraph) that repeats an earlier one, exactly or almost, is dropped.

    Whole paragraphs are compared across the article; sentences within a
    paragraph. In line mode nothing is compared across lines.
    """
    changes: list[Change] = []
    seen_paragraphs: dict[str, int] = {}
    lines = line_spans(text)
    for k, (ps, pe) in enumerate(lines):
        key = _NORM.sub(" ", text[ps:pe].lower()).strip()
        if not settings.lines and len(key.split()) >= 6 and key in seen_paragraphs:
            start = ps
            while start > 0 and text[start - 1] == "\n":
                start -= 1
            changes.append(Change(start, pe, "", "repetition.paragraph", 0.95,
                                  f"paragraph repeats paragraph {seen_paragraphs[key] + 1}"))
            continue
        if key:
            seen_paragraphs.setdefault(key, k)
        _sentence_dups(text, ps, pe, changes)
    return changes, []


def _sentence_dups(text: str, ps: int, pe: int, changes: list[Change]) -> None:
    spans = [(ps + s, ps + e) for s, e in sentence_spans(text[ps:pe])]
    kept: list[tuple[str, set[str]]] = []
    prev_end = None
    for s, e in spans:
        key = _NORM.sub(" ", text[s:e].lower()).strip()
        words = key.split()
        dup = len(words) >= 4 and any(key == k or (len(words) >= 8 and _near(set(words), ws, len(words), k))
                                      for k, ws in kept[-3:])
        if dup and prev_end is not None:
            changes.append(Change(prev_end, e, "", "repetition.sentence", 0.9,
                                  "sentence repeats an earlier sentence"))
        else:
            kept.append((key, set(words)))
            prev_end = e
    return None


def _near(words: set[str], other: set[str], n: int, other_key: str) -> bool:
    m = len(other_key.split())
    if min(n, m) / max(n, m) < 0.85:
        return False
    return len(words & other) / len(words | other) >= 0.85
