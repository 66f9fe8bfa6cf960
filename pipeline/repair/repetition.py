"""Repetition: loops, doubled words, repeated list items, repeated sentences.

Machine translation (neural decoders in particular) loops: it emits a phrase
again and again (``ask the people, ask the people, ask the people``), repeats
items of a list, doubles words (``old and old``, ``the the``) and sometimes whole
sentences. Each function keeps the first occurrence and removes the others.
"""

from __future__ import annotations

import re

from ..core.lexicon import is_content_word
from ..core.sentences import sentence_spans
from ..core.tokens import Token, line_spans, tokenize
from ..edits import Change, Found, Notice
from .registry import Context, Record, rule

# Decoders loop on whole clauses too (", who lived by the fourth part of the virgin" is nine words).
MAX_PHRASE = 12
# Two copies of a clause side by side, after a comma, are a loop when the clause is this long and says
# something; shorter pairs ("the ship, the ship") and pairs joined by 'and' ("those who go to the
# summit area and those who go to the summit area") are as often two source items translated alike.
ECHO_MIN_WORDS = 5
ECHO_MIN_CONTENT = 2
# A sentence this long said again is dropped as a sentence, not collapsed as a phrase loop.
SENTENCE_MIN_WORDS = 4

# Flags two repairs raise beside their edits: what the repeated words probably stood for is lost.
MEANING_LOST = Record(
    "repetition.meaning_lost", "flag: a loop or a doubled word where the source probably said more", "flag"
)
LIST_MEANING_LOST = Record(
    "repetition.list_meaning_lost", "flag: list items dropped where the source probably named others", "flag"
)
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
    there now then so such why what how this that one two ever time something nothing everything
    anything someone anyone everyone somebody nobody he she it they we you i can could will would
    shall should may might must do does did is are was were be been have has had""".split()
)
_LAUGHTER = frozenset("ha hah haha hee ho la na".split())
_INTERJECTIONS = frozenset("oh ah no yes bye hey yo blah bla wow go come".split())
_PRONOUNS = frozenset("i you he she it we they me him her us them his its their our my your".split())


@rule("repetition.phrase_loop", "a phrase repeated back to back, kept once", "edit+flag", records=(MEANING_LOST,))
def collapse_phrase_loops(text: str, ctx: Context) -> Found:
    """A phrase repeated back to back is kept once.

    >>> cs, ns = collapse_phrase_loops("ask the people, ask the people, ask the people, give", Context())
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
        best, reach = _best_loop(words, lowers, toks, index, i)
        if best is None:
            # Inside a long run that is not worth collapsing ("1, 1, 1, ..."), every later start
            # finds the same run again: jump near its end, so that the scan stays linear.
            i = max(i + 1, reach - 2 * MAX_PHRASE)
            continue
        n, reps, last = best
        first_end = words[i + n - 1].end
        last_end = _cut_off_copy_end(words, lowers, i, n, last) or words[last].end
        phrase = text[words[i].start : first_end]
        changes.append(
            Change(
                first_end,
                last_end,
                "",
                "repetition.phrase_loop",
                0.95 if reps > 2 or n > 1 else 0.9,
                f"'{phrase}' repeated {reps} times; kept once",
            )
        )
        if reps >= 3 and any(t.is_word for t in words[i : i + n]):
            notices.append(
                Notice(
                    words[i].start,
                    last_end,
                    "repetition.meaning_lost",
                    f"'{phrase}' was repeated {reps} times: the source probably said "
                    "different things here, which the translation lost",
                    "info",
                    0.6,
                )
            )
        i = last + 1


_CONJUNCTIONS = frozenset({"and", "or"})


def _cut_off_copy_end(words: list[Token], lowers: list[str], i: int, n: int, last: int) -> int | None:
    """Where a copy of the phrase ends that the line cut off inside a word, when it is all that follows.

    A decoder stopped at its length limit leaves the start of one more copy
    (``of my lords, of my lords, of my l``); it belongs to the loop. A copy that
    ends on a whole word may be the sentence's own end (``the birth of the birth``)
    and stays.
    """
    if not 0 < len(words) - last - 1 <= n:
        return None
    rest = words[last + 1 :]
    if not rest[-1].is_word:
        return None
    phrase = lowers[i : i + n]
    k = len(rest) - 1
    if lowers[last + 1 : last + 1 + k] != phrase[:k]:
        return None
    cut = rest[-1].lower
    return rest[-1].end if cut != phrase[k] and phrase[k].startswith(cut) else None


def _repeats(
    words: list[Token], lowers: list[str], toks: list[Token], index: dict[int, int], i: int, n: int
) -> tuple[int, int, bool]:
    """How often the phrase at ``i`` repeats back to back: (repeats, index of its last word, via 'and')."""
    phrase = lowers[i : i + n]
    reps, last, via_and = 1, i + n - 1, False
    while True:
        p = last + 1
        if p < len(lowers) and lowers[p] in _CONJUNCTIONS and phrase[0] not in _CONJUNCTIONS:
            if lowers[p + 1 : p + 1 + n] != phrase:
                break
            p += 1
            via_and = True
        if lowers[p : p + n] != phrase or not _joinable(words, toks, index, last, p, n):
            break
        reps += 1
        last = p + n - 1
    return reps, last, via_and


def _best_loop(
    words: list[Token], lowers: list[str], toks: list[Token], index: dict[int, int], i: int
) -> tuple[tuple[int, int, int] | None, int]:
    """The loop starting at ``i`` worth collapsing (phrase length, repeats, last word), and how far
    any run starting at ``i`` reaches."""
    best: tuple[int, int, int] | None = None
    reach = i
    first = lowers[i]
    for n in range(1, MAX_PHRASE + 1):
        if i + 2 * n > len(words):
            break
        after = i + n  # a repeat starts there with the phrase's first word, or with 'and' before it
        if lowers[after] != first and not (
            lowers[after] in _CONJUNCTIONS and after + 1 < len(lowers) and lowers[after + 1] == first
        ):
            continue  # the phrase does not repeat: one copy
        reps, last, via_and = _repeats(words, lowers, toks, index, i, n)
        if reps >= 3:
            reach = max(reach, last)
        if reps < 2 or (via_and and reps < 3) or not _worth_collapsing(words, toks, index, i, n, reps):
            continue
        if best is None or last > best[2]:
            best = (n, reps, last)
    return best, reach


def _starts_sentence(toks: list[Token], index: dict[int, int], word: Token) -> bool:
    """``The the committee``: the first copy carries the sentence's capital."""
    k = index[id(word)]
    return k == 0 or toks[k - 1].text in {".", "!", "?", '"', "“"}


def _joinable(words: list[Token], toks: list[Token], index: dict[int, int], last: int, nxt: int, n: int) -> bool:
    """Only separators (and 'and'/'or') may stand between two repeats; punctuation needs spaces."""
    a, b = index[id(words[last])], index[id(words[nxt])]
    between = [t for t in toks[a + 1 : b] if t.lower not in _CONJUNCTIONS]
    if not all(t.text in _SEPARATORS for t in between):
        return False
    if not words[nxt].is_word and toks[b - 1].end == words[nxt].start:
        return False  # "!!!" or "..." is punctuation, not a loop
    return True


_SENTENCE_ENDS = frozenset({".", "!", "?"})
_LOOPABLE_MARKS = frozenset("'\"`[]()<>|_~^")


def _worth_collapsing(words: list[Token], toks: list[Token], index: dict[int, int], i: int, n: int, reps: int) -> bool:
    phrase = words[i : i + n]
    if all(t.text.isdigit() for t in phrase):
        return False
    if reps < 3 and (any(any(c.isdigit() for c in t.text) for t in phrase) or phrase[0].text in "[(【（"):
        return False  # a quantity or a bracketed tag said twice is usually two items ("120ml+120ml")
    if reps < 4 and _conjunction_between(toks, index, words, i, n, reps):
        return False  # "talents, talents and talents": a list; four or more copies are a loop all the same
    if (
        phrase[-1].text in _SENTENCE_ENDS
        and _starts_sentence(toks, index, phrase[0])
        and sum(t.is_word for t in phrase) >= SENTENCE_MIN_WORDS
    ):
        return False  # a whole sentence said again: repetition.sentence drops it
    if not any(t.is_word for t in phrase):
        # ''' is wiki bold and ")))" a smiley; a hallucinated run of marks is longer.
        return reps >= 8 and all(t.text in _LOOPABLE_MARKS for t in phrase)
    if n == 1:
        word = phrase[0]
        has_sep = index[id(words[i + 1])] != index[id(word)] + 1
        if reps >= 3:  # "ha ha ha" laughs and "No, no, no!" insists; "no no no evidence" loops
            return word.lower not in _LAUGHTER and not (has_sep and word.lower in _INTERJECTIONS)
        nxt = words[i + 1].text
        same = nxt == word.text or (
            nxt.islower() and word.text == nxt.capitalize() and _starts_sentence(toks, index, word)
        )
        return not has_sep and nxt.islower() and word.text.isalpha() and same and word.lower not in _LEGIT_DOUBLES
    if reps >= 3:
        return True
    # Two repeats of a multi-word phrase: not for names ("New York, New York") or pure function words,
    # and not across a comma, where two list items may have collapsed into one translation
    # ("good communities, good communities"): that is left to the list rule. A whole clause said twice
    # is a loop, comma or not.
    if all(t.text[:1].isupper() for t in phrase if t.is_word):
        return False
    if _is_echo(words, i, n):
        return True
    span = toks[index[id(words[i])] : index[id(words[i + 2 * n - 1])] + 1]
    if any(t.text in _SEPARATORS for t in span):
        return False
    return sum(len(t.text) > 3 for t in phrase) >= 1


def _conjunction_between(
    toks: list[Token], index: dict[int, int], words: list[Token], i: int, n: int, reps: int
) -> bool:
    """Whether 'and' or 'or' joins two of the copies."""
    a, b = index[id(words[i])], index[id(words[i + n * reps - 1])]
    return any(t.lower in _CONJUNCTIONS for t in toks[a : b + 1]) and not any(
        w.lower in _CONJUNCTIONS for w in words[i : i + n]
    )


def _is_echo(words: list[Token], i: int, n: int) -> bool:
    """A clause long and full enough that saying it twice in a row, even after a comma, is a loop.

    ``there is no serpent's wings in the air, there is no serpent's wings in the air``;
    not ``the ship, the ship``, which may be two things the source named, nor a stretch of a
    list of names (``the Agricultural Bank, the Construction Bank``), which the list rule sees whole.
    """
    phrase = [t.text for t in words[i : i + n] if t.is_word]
    content = {w for w in phrase if is_content_word(w)}
    if len(phrase) < ECHO_MIN_WORDS or len({w.lower() for w in content}) < ECHO_MIN_CONTENT:
        return False
    return not all(w[:1].isupper() for w in content)


_AND_DOUBLE = re.compile(r"\b([a-z]+(?:[- ][a-z]+){0,4})((?:,)? and \1)\b")
# "brand-new new", "well-known known": an intensifier compound whose adjective the translation said again.
# Not "low-power power line" or "self-address address": there the compound modifies the noun that follows.
_HYPHEN_ECHO = re.compile(r"\b((?:[Bb]rand|[Ww]ell|[Ww]orld|[Aa]ll|[Ee]ver|[Nn]ewly|[Ll]ong|[Hh]ard)-([a-z]+))( \2)\b")


@rule("repetition.and_double", "'old and old', 'brand-new new'", "edit+flag", records=(MEANING_LOST,))
def collapse_and_doubles(text: str, ctx: Context) -> Found:
    """``old and old`` and ``brand-new new`` keep one copy; ``more and more`` stays.

    The source most likely joined two near-synonyms (老旧, "old and worn"), so a
    flag goes with the repair. In line mode (aligned segments for post-editing)
    only the flag is given: measured on MLQE-PE, post-editors restore the lost
    word ("difficult and complicated"), so collapsing moves a segment away from them.

    >>> [c.before if hasattr(c, 'before') else (c.start, c.end) for c in collapse_and_doubles("220,000 old and old urban", Context())[0]]
    [(11, 19)]
    """
    changes = []
    notices = []
    for m in _AND_DOUBLE.finditer(text):
        word = m.group(1)
        if " " in word:
            if not any(len(w) > 3 for w in word.split()) or word.split()[0] in {"a", "an", "the"}:
                continue
        elif word in _LEGIT_AND_DOUBLES or _comparative_or_plural(word):
            continue
        notices.append(
            Notice(
                m.start(),
                m.end(),
                "repetition.meaning_lost",
                f"'{m.group()}': the source probably joined two different words here",
                "info",
                0.5,
            )
        )
        if not ctx.line_segments:  # an aligned segment keeps both words (see above)
            changes.append(
                Change(
                    m.start(2), m.end(2), "", "repetition.and_double", 0.9, f"'{m.group()}' doubles a word; kept once"
                )
            )
    for m in _HYPHEN_ECHO.finditer(text):
        changes.append(
            Change(
                m.start(3), m.end(3), "", "repetition.and_double", 0.85, f"'{m.group()}' repeats the end of a compound"
            )
        )
    return changes, notices


def _comparative_or_plural(word: str) -> bool:
    return word.endswith(("er", "est", "s"))  # "bigger and bigger", "years and years"


# ----------------------------------------------------------------- list items
# List items are split at commas, but not at a thousands separator (``6,000 yuan``) nor before a company
# suffix (``Co., Ltd.``): those commas are inside an item.
_CHUNK_SPLIT = re.compile(
    r"\s*(?:[、，]|(?:(?<!\d),|,(?!\d))(?!\s*(?:Ltd|Limited|Inc|LLC|L\.L\.C|Corp|Co|Plc|PLC|GmbH|S\.A)\b))\s*"
)
_LEADING = re.compile(r"^(?:(?:and|or|as well as|plus)\s+)?(?:(?:the|a|an)\s+)?", re.IGNORECASE)
MAX_ITEM_WORDS = 6


@rule("repetition.list_item", "repeated items in a list", "edit+flag", records=(LIST_MEANING_LOST,))
def drop_repeated_list_items(text: str, ctx: Context) -> Found:
    """In a list of short items, an item equal to an earlier one is dropped.

    >>> t = ("Loans came from the Bank of Communications, the Postal Savings Bank, the Bank of Communications, "
    ...      "and the Industrial Bank.")
    >>> cs, ns = drop_repeated_list_items(t, Context())
    >>> [t[c.start:c.end] for c in cs]
    [', the Bank of Communications']
    """
    changes: list[Change] = []
    notices: list[Notice] = []
    for para_start, para_end in line_spans(text):
        para = text[para_start:para_end]
        for s, e in sentence_spans(para):
            _list_dups(text, para_start + s, para_start + e, changes, notices)
    return changes, notices


_AND_THE = re.compile(r"\s+(?=(?:and|or)\s+(?:the|a|an)\s)")


def _chunks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Comma-separated chunks; ``A and the B`` is two chunks (``Industrial and Commercial Bank`` is one)."""
    out, pos = [], start
    for m in _CHUNK_SPLIT.finditer(text, start, end):
        out += _split_and_the(text, pos, m.start())
        pos = m.end()
    out += _split_and_the(text, pos, end)
    return out


def _split_and_the(text: str, start: int, end: int) -> list[tuple[int, int]]:
    found = list(_AND_THE.finditer(text, start, end))
    m = found[-1] if found else None
    if m is None or _item_key(text[start : m.start()]) is None or _item_key(text[m.end() : end]) is None:
        return [(start, end)]
    return [(start, m.start()), (m.end(), end)]


def _item_key(chunk: str) -> str | None:
    """The comparison key of a list item, or None when the chunk does not read as a list item.

    Items are short; a one-word item must be a name (capitalised), so that
    rhetorical repeats of common words (``yes, ...; no, yes``) are not touched.
    """
    body = _LEADING.sub("", chunk.strip().rstrip(".!?"))
    words = body.split()
    if not 1 <= len(words) <= MAX_ITEM_WORDS or any(w.lower() in _PRONOUNS for w in words):
        return None
    if not all(any(c.isalnum() for c in w) for w in words) or not any(c.isalpha() for c in body):
        return None
    if len(words) == 1 and not words[0][:1].isupper():
        return None
    return " ".join(words).lower()


def _list_dups(text: str, start: int, end: int, changes: list[Change], notices: list[Notice]) -> None:
    # "A, soldier; B, soldier" is a list of pairs: lists are looked for between semicolons.
    pos = start
    for m in re.finditer(r"\s*[;；]\s*", text[start:end]):
        _list_dups_in(text, pos, start + m.start(), changes, notices)
        pos = start + m.end()
    _list_dups_in(text, pos, end, changes, notices)


def _list_dups_in(text: str, start: int, end: int, changes: list[Change], notices: list[Notice]) -> None:
    chunks = _chunks(text, start, end)
    keys = [_item_key(text[s:e]) for s, e in chunks]
    run: list[int] = []
    for j in range(len(chunks) + 1):
        if j < len(chunks) and keys[j] is not None:
            run.append(j)
            continue
        if len(run) >= 2:
            _dedupe_run(text, chunks, keys, run, changes, notices)
        run = []


_BOUNDARY_WORDS = frozenset(
    "the a an from by with of and or to at in for as including include includes such "
    "like than from between among".split()
)


def _edge_keys(chunk: str, from_end: bool) -> list[tuple[int, str]]:
    """Keys of whole phrases at the end (or start) of a chunk that holds more than a list item.

    A phrase at the end must follow a function word (``from the Postal Savings Bank of
    China`` ends with that bank, not with ``Bank of China``); one at the start must be
    followed by a word that cannot continue a name (``Hubei attended``, not ``Bank of``).
    """
    words = _LEADING.sub("", chunk.strip().rstrip(".!?")).split()
    keys = []
    for n in range(1, min(MAX_ITEM_WORDS, len(words)) + 1):
        if from_end:
            before = words[-n - 1].lower() if n < len(words) else "the"
            if before in _BOUNDARY_WORDS:
                keys.append((n, " ".join(words[-n:]).lower()))
        else:
            after = words[n] if n < len(words) else ""
            if after and after.lower() != "of" and not after[:1].isupper():
                keys.append((n, " ".join(words[:n]).lower()))
    return keys


def _dedupe_run(
    text: str,
    chunks: list[tuple[int, int]],
    keys: list[str | None],
    run: list[int],
    changes: list[Change],
    notices: list[Notice],
) -> None:
    """Drop items of ``run`` that repeat an earlier item; the chunks around it may hold its ends.

    ``from the Bank of Communications, the Postal Savings Bank, ..., and Hubei attended``:
    the chunk before the run ends with an item, the chunk after it starts with one.
    """
    head = run[0] - 1
    seen = {key for _, key in _edge_keys(text[chunks[head][0] : chunks[head][1]], True)} if head >= 0 else set()
    distinct: set[str] = set()
    dropped: list[int] = []
    last_at: dict[str, int] = {k: head for k in seen}
    looped = False  # an item repeated after other items: the list itself looped
    earlier: dict[int, int] = {}  # a repeated item: where it stood before
    for j in run:
        key = keys[j]
        assert key is not None
        if key in seen or key in distinct:
            dropped.append(j)
            earlier[j] = last_at[key]
            looped = looped or last_at[key] < j - 1
        distinct.add(key)
        last_at[key] = j
    # A name said again further on is the list looping; a common phrase said again further on is often the
    # source repeating itself (the same period, the same effect, for two things): it goes only when it
    # repeats at once, or with its neighbour as part of a repeated run of items.
    dropped = [
        j
        for j in dropped
        if _is_name(text[chunks[j][0] : chunks[j][1]]) or earlier[j] == j - 1 or _in_repeated_run(j, earlier)
    ]
    # Counts or dates between an item and its repeat ("100 cases in Quanzhou, Putian, March 23, 4 cases,
    # 65 cases of Quanzhou, Putian"): a run of clauses with figures, not one list looping.
    dropped = [
        j
        for j in dropped
        if not any(re.search(r"\d", text[chunks[k][0] : chunks[k][1]]) for k in range(max(earlier[j], 0), j + 1))
    ]
    tail, tail_cut = _tail_item(text, chunks, run, dropped, keys, distinct)
    if tail == run[-1]:
        run = run[:-1]
    last_dup = max(dropped, default=run[0])
    items = len({keys[j] for j in run if j <= last_dup}) + (head >= 0)
    if (not dropped and tail_cut is None) or items < 3 or not (looped or (tail_cut and dropped)):
        # A real list names at least three things, and a looping one repeats an item after
        # others; "Lincoln Heights, Lincoln Heights" alone may stand for two different places.
        return
    kept = [j for j in run if j not in dropped]
    for j in dropped:
        changes.append(
            Change(
                chunks[j - 1][1],
                chunks[j][1],
                "",
                "repetition.list_item",
                0.9,
                f"list item '{text[chunks[j][0] : chunks[j][1]].strip()}' repeats an earlier item",
            )
        )
    last_conj = None
    if tail_cut is not None:
        changes.append(
            Change(
                chunks[tail - 1][1],
                tail_cut,
                "",
                "repetition.list_item",
                0.9,
                f"list item '{text[chunks[tail][0] : tail_cut].strip()}' repeats an earlier item",
            )
        )
        last_conj = re.match(r"(and|or)\s", text[chunks[tail][0] : chunks[tail][1]])
        if kept:
            changes[-1] = Change(chunks[tail - 1][1], tail_cut, "", "repetition.list_item", 0.9, changes[-1].reason)
    elif run[-1] in dropped:
        last_conj = re.match(r"(and|or)\s", text[chunks[run[-1]][0] : chunks[run[-1]][1]])
    if last_conj and kept:
        final = kept[-1]
        if not re.match(r"(and|or)\s", text[chunks[final][0] : chunks[final][1]]):
            changes.append(
                Change(
                    chunks[final][0],
                    chunks[final][0],
                    last_conj.group(),
                    "repetition.list_item",
                    0.9,
                    "keep the list's conjunction before its last item",
                )
            )
    first, final_end = chunks[run[0]][0], chunks[run[-1]][1]
    notices.append(
        Notice(
            first,
            final_end,
            "repetition.list_meaning_lost",
            f"{len(dropped) + (tail_cut is not None)} repeated list item(s) dropped: the source "
            "probably named different items here",
            "info",
            0.6,
        )
    )


_NAME_JOINERS = frozenset("of and the for de in on at".split())


def _is_name(chunk: str) -> bool:
    """Whether a list item is a name: each of its words (but the joining ones) starts with a capital."""
    words = [w for w in _LEADING.sub("", chunk.strip()).split() if w.lower() not in _NAME_JOINERS]
    return bool(words) and all(w[:1].isupper() for w in words)


def _in_repeated_run(j: int, earlier: dict[int, int]) -> bool:
    """Whether item ``j`` and a neighbour both repeat, the two earlier items side by side (``A, B, A, B``)."""
    return any(k in earlier and earlier[k] - earlier[j] == k - j for k in (j - 1, j + 1))


def _tail_item(
    text: str,
    chunks: list[tuple[int, int]],
    run: list[int],
    dropped: list[int],
    keys: list[str | None],
    distinct: set[str],
) -> tuple[int, int | None]:
    """The chunk that ends the list with a repeated item and more words (``and Hubei attended``)."""
    for tail in (run[-1], run[-1] + 1):
        if tail >= len(chunks) or tail in dropped:
            continue
        earlier = {keys[j] for j in run if j < tail}
        tail_text = text[chunks[tail][0] : chunks[tail][1]]
        for n, key in _edge_keys(tail_text, False):
            if key in earlier and len(_LEADING.sub("", tail_text.strip()).split()) > n:
                return tail, _prefix_end(text, chunks[tail][0], chunks[tail][1], n)
    return -1, None


def _prefix_end(text: str, start: int, end: int, n_words: int) -> int:
    """Offset just after the first ``n_words`` words (after 'and'/'the') of ``text[start:end]``."""
    lead = _LEADING.match(text[start:end])
    pos = start + (lead.end() if lead else 0)
    for m in re.finditer(r"\S+", text[pos:end]):
        n_words -= 1
        if n_words == 0:
            return pos + m.end()
    return end


# ----------------------------------------------------------------- sentences
_NORM = re.compile(r"[\W_]+")


@rule("repetition.paragraph", "repeated paragraphs", line_mode=False)
def drop_repeated_paragraphs(text: str, ctx: Context) -> Found:
    """A paragraph of six words or more that repeats an earlier one (the same words) is dropped.

    Not in line mode, where lines are independent segments and nothing is compared across them.

    >>> t = "The city opened six new schools this year.\\n\\nMore news.\\n\\nThe city opened six new schools this year."
    >>> [c.rule for c in drop_repeated_paragraphs(t, Context())[0]]
    ['repetition.paragraph']
    """
    changes: list[Change] = []
    seen: dict[str, int] = {}
    for k, (ps, pe) in enumerate(line_spans(text)):
        key = _NORM.sub(" ", text[ps:pe].lower()).strip()
        if len(key.split()) >= 6 and key in seen:
            start = ps
            while start > 0 and text[start - 1] == "\n":
                start -= 1
            changes.append(
                Change(start, pe, "", "repetition.paragraph", 0.95, f"paragraph repeats paragraph {seen[key] + 1}")
            )
        elif key:
            seen.setdefault(key, k)
    cut = _cut_off_copy(text, seen)
    if cut and not any(c.end > cut.start for c in changes):
        changes.append(cut)
    return changes, []


def _cut_off_copy(text: str, seen: dict[str, int]) -> Change | None:
    """The last paragraph, where the page's excerpt cut off a copy of an earlier one (``... Municipal Party
    C``): the start of that paragraph, six words or more, stopping mid-sentence."""
    lines = [(s, e) for s, e in line_spans(text) if text[s:e].strip()]
    if len(lines) < 2:
        return None
    ps, pe = lines[-1]
    last = text[ps:pe].rstrip()
    key = _NORM.sub(" ", last.lower()).strip()
    if len(key.split()) < 6 or last.endswith((".", "!", "?", "。", "”", '"')):
        return None
    earlier = [k for k, i in seen.items() if i < len(line_spans(text[:ps])) and k != key and k.startswith(key)]
    if not earlier:
        return None
    start = ps
    while start > 0 and text[start - 1] == "\n":
        start -= 1
    return Change(start, pe, "", "repetition.paragraph", 0.9, "the last paragraph is a cut-off copy of an earlier one")


@rule("repetition.sentence", "repeated sentences")
def drop_repeated_sentences(text: str, ctx: Context) -> Found:
    """A sentence that repeats an earlier one of its paragraph, exactly or almost, is dropped."""
    changes: list[Change] = []
    for ps, pe in line_spans(text):
        _sentence_dups(text, ps, pe, changes)
    return changes, []


def _sentence_dups(text: str, ps: int, pe: int, changes: list[Change]) -> None:
    spans = [(ps + s, ps + e) for s, e in sentence_spans(text[ps:pe])]
    kept: list[tuple[str, set[str]]] = []
    prev_end = None
    for s, e in spans:
        key = _NORM.sub(" ", text[s:e].lower()).strip()
        words = key.split()
        dup = len(words) >= SENTENCE_MIN_WORDS and any(
            key == k or (len(words) >= 8 and _near(set(words), ws, len(words), k)) for k, ws in kept[-3:]
        )
        if dup and prev_end is not None:
            changes.append(Change(prev_end, e, "", "repetition.sentence", 0.9, "sentence repeats an earlier sentence"))
        else:
            kept.append((key, set(words)))
            prev_end = e
    return None


def _near(words: set[str], other: set[str], n: int, other_key: str) -> bool:
    m = len(other_key.split())
    if min(n, m) / max(n, m) < 0.85:
        return False
    return len(words & other) / len(words | other) >= 0.85


# ----------------------------------------------------------------- phrases said twice, left to a reader
_NEAR_REPEAT_MAX = 4  # words in the phrase


@rule(
    "repetition.near_repeat", "flag a phrase said twice that no repair took away ('on behalf of, on behalf of')", "flag"
)
def flag_near_repeats(text: str, ctx: Context) -> Found:
    """A phrase of two to four words said twice with only punctuation between that no repair took
    away (``on behalf of, on behalf of the group``, ``one by one by one step``): flagged, since which
    copy the source meant, or what it said in between, is not in the text.

    >>> [n.message[:30] for n in flag_near_repeats("We act on behalf of, on behalf of the group.", Context())[1]]
    ["'on behalf of' is said twice; "]
    >>> flag_near_repeats("They walked faster and faster along the road, side by side.", Context())[1]
    []
    """
    notices = []
    for start, end in line_spans(text):
        toks = tokenize(text[start:end], start)
        words = [(k, t) for k, t in enumerate(toks) if t.is_word]
        lowers = [t.lower for _, t in words]
        i = 0
        while i < len(words):
            hit = None
            for n in range(_NEAR_REPEAT_MAX, 1, -1):
                a = lowers[i : i + n]
                if len(a) < n or lowers[i + n : i + 2 * n] != a or any(w.isdigit() for w in a):
                    continue
                if "and" in (a[0], a[-1]) or "or" in (a[0], a[-1]):
                    continue  # "faster and faster and", "more and more and"
                between = toks[words[i + n - 1][0] + 1 : words[i + n][0]]
                inside = toks[words[i][0] : words[i + 2 * n - 1][0] + 1]
                marks = [t.text for t in inside if not t.is_word]
                if any(t.text not in ",、" for t in between) or len(marks) != len(between):
                    continue  # only a comma between the copies, no mark inside them ("it was on; it was")
                if a[-1] == "as" and i and lowers[i - 1] == "as":
                    continue  # "as good as, as good as" is a comparison said twice on purpose
                hit = n
                break
            if hit is None:
                i += 1
                continue
            first, last = words[i][1], words[i + 2 * hit - 1][1]
            phrase = " ".join(t.text for _, t in words[i : i + hit])
            notices.append(
                Notice(
                    first.start,
                    last.end,
                    "repetition.near_repeat",
                    f"'{phrase}' is said twice; what the source meant is not in the text: not repaired",
                    "info",
                    0.5,
                )
            )
            i += 2 * hit
    return [], notices
