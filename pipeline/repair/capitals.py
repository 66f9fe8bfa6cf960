"""Capitals: restore the capitals machine translation lost on proper names.

Translation systems that lowercase their output (or copy lowercased source
glosses) leave ``on may 16``, ``shenyang city in the liaoning province``,
``general secretary xi jinping``. Names come from the gazetteers in ``models/``
and from the article itself (a name it writes with capitals elsewhere); common
words are never capitalised.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .. import gazetteer
from ..core.lexicon import FUNCTION_WORDS, zipf
from ..core.sentences import ABBREVIATIONS, sentence_spans
from ..core.tokens import Token, inner_tokens, line_spans, tokenize
from ..dates import AMBIGUOUS_MONTHS, MONTHS, WEEKDAYS
from ..edits import Change, Found
from ..gazetteer import chinese_name_length
from .registry import Context, rule

_PLAIN_MONTHS = [m for m in MONTHS if m not in AMBIGUOUS_MONTHS]
_MONTH_RE = re.compile(r"\b(" + "|".join(_PLAIN_MONTHS + list(WEEKDAYS)) + r")\b")
_AMBIGUOUS_RE = re.compile(
    r"\b(?:(" + "|".join(AMBIGUOUS_MONTHS) + r")(?=\s+\d{1,2}\b|\s+(?:19|20)\d\d\b)"
    r"|(?<=\b\d\s)(" + "|".join(AMBIGUOUS_MONTHS) + r")\b|(?<=\b\d\d\s)(" + "|".join(AMBIGUOUS_MONTHS) + r")\b)"
)
_CONNECTORS = frozenset("of and for the in on at to de".split())
_STOP = frozenset("the a an of and or for in on at to by with from as is are was were be this that it".split())


@rule("capitals.dates", "months and weekdays")
def capitalize_dates(text: str, ctx: Context) -> Found:
    """Months and weekdays are capitalised; ``may``, ``march`` and ``august`` only next to a day or year.

    >>> [c.after for c in capitalize_dates("On may 16, a monday in june, you may go", Context())[0]]
    ['Monday', 'June', 'May']
    """
    changes = []
    for pattern in (_MONTH_RE, _AMBIGUOUS_RE):
        for m in pattern.finditer(text):
            word = m.group()
            changes.append(
                Change(m.start(), m.end(), word.capitalize(), "capitals.dates", 0.95, f"'{word}' is a month or weekday")
            )
    return changes, []


@rule("capitals.names", "places, organisations, party bodies (gazetteers)")
def capitalize_known_names(text: str, ctx: Context) -> Found:
    """Places, organisations and party bodies from the gazetteers get their capitals back.

    Only the case changes, never a word: ``the ministry of housing and urban-rural
    development`` becomes ``the Ministry of Housing and Urban-Rural Development``.
    """
    forms = gazetteer.name_forms()
    suffixes = _template_suffixes()
    changes: list[Change] = []

    def recase(toks: list[Token], lowers: list[str], i: int, j: int, form: gazetteer.NameForm) -> int:
        j = _extend_with_suffix(lowers, j, suffixes, form)
        target = _target_words(form.text, suffixes, lowers[i + len(gazetteer.token_key(form.text)) : j])
        change = _recase(text, toks[i:j], target, "capitals.names", f"'{form.text}' is a known name")
        if change:
            changes.append(change)
        return j

    _scan(text, forms, recase)
    return changes, []


def _scan(text: str, table: dict[tuple[str, ...], Any], handle: Any) -> None:
    """Walk each line's tokens; at every longest match in ``table`` call
    ``handle(toks, lowers, start, end, value)``, which returns where to go on."""
    longest = _longest_by_first_word(table)
    for start, end in line_spans(text):
        toks = tokenize(text[start:end], start)
        lowers = [t.lower for t in toks]
        i = 0
        while i < len(toks):
            most = longest.get(lowers[i])  # a match starts with its first word: most tokens start none
            hit = None if most is None else _longest_match(lowers, i, table, most)
            i = i + 1 if hit is None else handle(toks, lowers, i, *hit)


_LONGEST: dict[int, tuple[dict[tuple[str, ...], Any], dict[str, int]]] = {}


def _longest_by_first_word(table: dict[tuple[str, ...], Any]) -> dict[str, int]:
    """The longest key of ``table`` by its first word (kept for the tables the gazetteer caches)."""
    kept = _LONGEST.get(id(table))
    if kept is not None and kept[0] is table:
        return kept[1]
    longest: dict[str, int] = {}
    for key in table:
        if key:
            longest[key[0]] = max(longest.get(key[0], 0), len(key))
    if len(_LONGEST) > 8:
        _LONGEST.clear()
    _LONGEST[id(table)] = (table, longest)
    return longest


def _longest_match(
    lowers: list[str], i: int, forms: dict[tuple[str, ...], Any], longest: int
) -> tuple[int, Any] | None:
    for n in range(min(longest, len(lowers) - i), 0, -1):
        form = forms.get(tuple(lowers[i : i + n]))
        if form is not None:
            return i + n, form
    return None


@lru_cache(maxsize=1)
def _template_suffixes() -> dict[tuple[str, ...], list[str]]:
    """``Provincial Party Committee`` and the like, from the organisation templates (built once; read only)."""
    out: dict[tuple[str, ...], list[str]] = {}
    for template in gazetteer.org_templates():
        for pattern in [template.pattern, *template.aliases]:
            if pattern.startswith("{place} "):
                suffix = pattern[len("{place} ") :]
                if "{" not in suffix:
                    out.setdefault(gazetteer.token_key(suffix), suffix.split())
    for generic in gazetteer.PLACE_GENERICS:
        out.setdefault(gazetteer.token_key(generic), generic.split())
    return out


def _extend_with_suffix(
    lowers: list[str], j: int, suffixes: dict[tuple[str, ...], list[str]], form: gazetteer.NameForm
) -> int:
    if form.category != "place":
        return j
    for n in range(6, 0, -1):
        if tuple(lowers[j : j + n]) in suffixes:
            return j + n
    return j


def _target_words(form_text: str, suffixes: dict[tuple[str, ...], list[str]], suffix_lowers: list[str]) -> list[str]:
    words = [t.text for t in tokenize(form_text)]
    if suffix_lowers:
        words += [t.text for t in tokenize(" ".join(suffixes[tuple(suffix_lowers)]))]
    return words


def _recase(
    text: str, toks: list[Token], target: list[str], rule: str, reason: str, confidence: float = 0.9
) -> Change | None:
    """A change that gives ``toks`` the case of ``target`` (same words), if anything differs.

    Words already capitalised are left alone (never lowered), and so is text in capitals.
    """
    if len(toks) != len(target):
        return None
    words = []
    changed = False
    for tok, want in zip(toks, target):
        if tok.text.lower() != want.lower():
            return None
        if tok.text.islower() and want != tok.text and not want.islower():
            words.append(want)
            changed = True
        else:
            words.append(tok.text)
    if not changed:
        return None
    start, end = toks[0].start, toks[-1].end
    after = _rebuild(text, toks, words)
    return Change(start, end, after, rule, confidence, reason)


def _rebuild(text: str, toks: list[Token], words: list[str]) -> str:
    parts = []
    for k, (tok, word) in enumerate(zip(toks, words)):
        parts.append(word)
        if k + 1 < len(toks):
            parts.append(text[tok.end : toks[k + 1].start])
    return "".join(parts)


# ----------------------------------------------------------------- titles and names
# Before these a title describes rather than names: "the mayor Chen", "its former secretary Li".
# A lowercase word before a title that makes it a longer title ("county governor", "department minister").
_TITLE_MODIFIERS = frozenset(
    """county provincial municipal city district town township village prefectural prefecture regional
    autonomous national central state party department bureau committee commission office group company
    corporation bank branch government executive standing general chief deputy vice assistant associate
    honorary permanent league federation association union court procuratorate""".split()
)
_DESCRIPTIVE_BEFORE_TITLE = frozenset("the a an its their his her our former then new acting deputy vice and".split())


@rule("capitals.titled_name", "a title before a Chinese name")
def capitalize_titled_names(text: str, ctx: Context) -> Found:
    """A lowercase title directly before a Chinese name: ``general secretary xi jinping``, ``mayor Chen Li``."""
    changes: list[Change] = []

    def recase(toks: list[Token], lowers: list[str], i: int, j: int, entry: gazetteer.TitleEntry) -> int:
        title = entry.title
        n = chinese_name_length(toks, j)
        lower_title = all(t.text.islower() for t in toks[i:j])
        title_ok = lower_title or toks[i].text.istitle()  # "Premier li qiang"
        name_lower = n and all(t.text.islower() for t in toks[j : j + n])
        # "mayor Chen Zhichang": a lowercase title as the name's own title (not "the city's mayor Chen")
        name_titled = (
            n
            and lower_title
            and all(t.text.istitle() for t in toks[j : j + n])
            and not (i and (toks[i - 1].lower in _DESCRIPTIVE_BEFORE_TITLE or toks[i - 1].lower.endswith(("'s", "’s"))))
        )
        if not n or not title_ok or not (name_lower or name_titled):
            return j
        target = title.split() + [t.text.capitalize() for t in toks[j : j + n]]
        if lower_title and i and toks[i - 1].lower in _TITLE_MODIFIERS and toks[i - 1].text.islower():
            # "county governor Tu Wajia": the title is longer than the entry found; capitalised whole or not at all
            target = [t.text for t in toks[i:j]] + target[j - i :]
        change = _recase(
            text, toks[i : j + n], target, "capitals.titled_name", f"title '{title}' before a Chinese name", 0.9
        )
        if change:
            changes.append(change)
        return j + n

    _scan(text, gazetteer.title_index(), recase)
    return changes, []


# ----------------------------------------------------------------- Chinese names by their shape
# Pinyin words English writes in lowercase on their own ("qi and blood", "yin and yang").
_LOANWORDS = frozenset("qi yin yang".split())
_PLACE_WORDS = frozenset(
    "village town township county city district province street road community mountain "
    "river lake bridge park station campus".split()
)


@rule("capitals.chinese_name", "a romanised Chinese name in lowercase, by its shape ('Tang derong')")
def capitalize_chinese_names(text: str, ctx: Context) -> Found:
    """A romanised Chinese name half or wholly in lowercase gets its capitals: ``Tang derong``,
    ``sun Chunlan``, ``huang zhiliang``, ``LV Minghui``.

    By shape only: a surname of the pinyin table and a given name of two pinyin syllables that is no
    English word. A lowercase surname needs a capitalised given name, or, with the given name in
    lowercase too, must itself be rare in English (not ``sun``, ``he``, ``long``). One-syllable given
    names, words that run on in pinyin and names before a place word are left alone.

    >>> [c.after for c in capitalize_chinese_names("Tang derong met sun Chunlan and huang zhiliang.", Context())[0]]
    ['Tang Derong', 'Sun Chunlan', 'Huang Zhiliang']
    >>> capitalize_chinese_names("The sun Shines; he Has come; huang shan mountain.", Context())[0]
    []
    """
    changes = []
    for start, end in line_spans(text):
        toks = tokenize(text[start:end], start)
        for k in range(len(toks) - 1):
            surname, given = toks[k], toks[k + 1]
            if not _name_pair(toks, k):
                continue
            target = [surname.text.capitalize(), given.text.capitalize()]
            if surname.text.isupper():
                changes.append(
                    Change(
                        surname.start,
                        surname.end,
                        target[0],
                        "capitals.chinese_name",
                        0.8,
                        f"'{surname.text}' is the surname of '{' '.join(target)}', in capitals",
                    )
                )
                continue
            change = _recase(
                text,
                [surname, given],
                target,
                "capitals.chinese_name",
                f"'{' '.join(target)}' has the shape of a Chinese name",
                0.85,
            )
            if change:
                changes.append(change)
    return changes, []


def _name_pair(toks: list[Token], k: int) -> bool:
    surname, given = toks[k], toks[k + 1]
    if surname.lower not in gazetteer.surnames() or given.start - surname.end != 1:  # one space between
        return False
    if not _pinyin_given_name(given.text) or (k > 0 and toks[k - 1].end == surname.start):
        return False
    after = toks[k + 2] if k + 2 < len(toks) else None
    if after is not None and (after.lower in _PLACE_WORDS or (after.text.islower() and _pinyin_given_name(after.text))):
        return False  # "huang shan mountain", or a longer run of pinyin: not a person's name
    if surname.text.istitle() and given.text.islower():
        return True
    if surname.text.islower() and given.text.istitle():
        return (
            zipf(surname.lower) < 5.5
            and surname.lower not in _LOANWORDS
            and (given.lower,) not in gazetteer.name_forms()
        )
    if surname.text.islower() and given.text.islower():
        return zipf(surname.lower) < 4.0
    if surname.text.isupper() and len(surname.text) >= 2 and given.text.istitle():
        return zipf(surname.lower) < 5.5  # "LV Minghui": a surname in capitals, not "US" or "IT"
    return False


def _pinyin_given_name(word: str) -> bool:
    sylls = gazetteer.split_syllables(word.lower()) if word.isalpha() else None
    return sylls is not None and len(sylls) == 2 and zipf(word.lower()) < 2.5


# ----------------------------------------------------------------- evidence in the article
_CAPWORD = re.compile(r"[A-Z][\w'’-]*")


@rule("capitals.article_evidence", "names the article itself writes with capitals")
def capitalize_from_article(text: str, ctx: Context) -> Found:
    """A lowercase phrase the same article writes with capitals mid-sentence gets them too.

    Title-case lines (headlines) are not taken as evidence. In line mode, only
    the same line counts.
    """
    changes: list[Change] = []
    scopes = ctx.segments(text)
    for s, e in scopes:
        evidence = _capitalised_phrases(text, s, e)
        if evidence:
            changes.extend(_apply_evidence(text, s, e, evidence))
    return changes, []


def _capitalised_phrases(text: str, s: int, e: int) -> dict[tuple[str, ...], list[str]]:
    phrases: dict[tuple[str, ...], list[str]] = {}
    for ls, le in line_spans(text[s:e]):
        line = text[s + ls : s + le]
        words = line.split()
        if not words or sum(w[:1].isupper() for w in words) > 0.5 * len(words):
            continue
        for ss, se in sentence_spans(line):
            toks = tokenize(line[ss:se])
            _collect(toks, phrases)
    return phrases


def _collect(toks: list[Token], phrases: dict[tuple[str, ...], list[str]]) -> None:
    """Record the names the sentence writes with capitals, each whole: a run of capitalised words, with the
    short words that join the parts of one name (``Socialism with Chinese Characteristics for a New Era``
    is one name, not evidence for ``new era``). A run right after a number or another capitalised token
    (``No. 5 Critical Illness Insurance``, ``ICBC Wealth Management``) is the end of a longer name, and
    no evidence either."""
    i = 1  # the sentence's first word is capitalised anyway
    while i < len(toks):
        if not _is_capword(toks[i]):
            i += 1
            continue
        j = i + 1
        while j < len(toks):
            if _is_capword(toks[j]):
                j += 1
                continue
            links = 0
            while j + links < len(toks) and links < 2 and toks[j + links].lower in _NAME_LINKS:
                links += 1
            if links and j + links < len(toks) and _is_capword(toks[j + links]):
                j += links + 1
                continue
            break
        span = toks[i:j]
        if len(span) >= 2 and _stands_alone(toks, i):
            phrases.setdefault(tuple(t.lower for t in span), [t.text for t in span])
        i = j


_NAME_LINKS = frozenset("of and for the in on at to de with a an ' ’".split())


def _is_capword(tok: Token) -> bool:
    return bool(_CAPWORD.fullmatch(tok.text)) and not tok.text.isupper()


def _stands_alone(toks: list[Token], i: int) -> bool:
    """Whether the name that starts at token ``i`` starts there, not inside a longer name: the last word
    before it, past any short function words, is a lowercase word or the sentence's first word, or there
    is a clause mark (``... Experience of the Party over the Past Century`` is one title)."""
    k = i - 1
    while k > 0 and toks[k].lower in FUNCTION_WORDS:
        k -= 1
    before = toks[k]
    if before.text in {",", ";", ":", "(", "“", '"', "‘", "'", "—"}:
        return True
    return before.text.islower() or (k == 0 and before.text[:1].isupper() and not before.text.isupper())


def _apply_evidence(text: str, s: int, e: int, evidence: dict[tuple[str, ...], list[str]]) -> list[Change]:
    longest = max(len(k) for k in evidence)
    changes = []
    for ls, le in line_spans(text[s:e]):
        toks = tokenize(text[s + ls : s + le], s + ls)
        lowers = [t.lower for t in toks]
        i = 0
        while i < len(toks):
            hit = None
            for n in range(min(longest, len(toks) - i), 1, -1):
                if tuple(lowers[i : i + n]) in evidence:
                    hit = n
                    break
            if hit is None:
                i += 1
                continue
            target = evidence[tuple(lowers[i : i + hit])]
            if sum(t.text.islower() and t.lower not in _CONNECTORS for t in toks[i : i + hit]) >= 1:
                change = _recase(
                    text,
                    toks[i : i + hit],
                    target,
                    "capitals.article_evidence",
                    f"the article writes '{' '.join(target)}' with capitals",
                    0.85,
                )
                if change:
                    changes.append(change)
            i += hit
    return changes


# ----------------------------------------------------------------- body names
# The portfolios of Chinese government and Party bodies: a bureau, department or commission named by
# one of them is a body's name ("Hubei Provincial Department of Emergency Management").
BODY_PORTFOLIOS = (
    "public security",
    "emergency management",
    "discipline inspection and supervision",
    "discipline inspection",
    "natural resources and planning",
    "natural resources",
    "housing and urban-rural development",
    "agriculture and rural affairs",
    "agriculture and rural",
    "ecology and environment",
    "ecological environment",
    "human resources and social security",
    "civil affairs",
    "veterans affairs",
    "market supervision and administration",
    "market supervision",
    "market regulation",
    "industry and information technology",
    "science and technology",
    "development and reform",
    "culture and tourism",
    "water resources",
    "forestry and grassland",
    "urban management",
    "political and legal affairs",
    "united front work",
    "health and family planning",
    "land and resources",
    "environmental protection",
    "education",
    "finance",
    "transport",
    "commerce",
    "statistics",
    "taxation",
    "audit",
    "justice",
    "health",
    "forestry",
)
_BODIES = "bureau|department|commission|office|administration|ministry"
_PORTFOLIO = "|".join(re.escape(p) for p in BODY_PORTFOLIOS)
_BODY_NAME = re.compile(
    rf"(?<![\w'-])(?:(?:{_BODIES}) (?:of|for) (?:{_PORTFOLIO})|(?:{_PORTFOLIO}) (?:affairs )?(?:{_BODIES}))(?![\w'-])",
    re.IGNORECASE,
)
_MINOR = frozenset("of for and".split())


@rule("capitals.body_name", "a body's name written half in capitals ('Department of emergency management')")
def capitalize_body_names(text: str, ctx: Context) -> Found:
    """A body's name written half in capitals gets the rest: ``Department of emergency management``.

    The evidence is the article's own capital on one of the name's words (not a sentence's first
    word); a name wholly in lowercase (``the public security bureau``) may be generic and stays.

    >>> [c.after for c in capitalize_body_names("Staff of the district Public security bureau came.", Context())[0]]
    ['Public Security Bureau']
    >>> capitalize_body_names("Public security bureaus and the health department met.", Context())[0]
    []
    """
    changes = []
    for m in _BODY_NAME.finditer(text):
        words = [(w.start(), w.group()) for w in re.finditer(r"[\w'-]+", m.group())]
        content = [(at, w) for at, w in words if w.lower() not in _MINOR]
        capitals = [at for at, w in content if w[0].isupper()]
        if not capitals or len(capitals) == len(content):
            continue
        if capitals == [0] and _at_sentence_start(text, m.start()):
            continue
        target = " ".join(
            w if w.lower() in _MINOR else "-".join(p[:1].upper() + p[1:] for p in w.split("-")) for _, w in words
        )
        after = _respace(m.group(), target)
        if after != m.group():
            changes.append(
                Change(
                    m.start(),
                    m.end(),
                    after,
                    "capitals.body_name",
                    0.8,
                    f"'{m.group()}' is a body's name, in part capitalised",
                )
            )
    return changes, []


def _respace(original: str, words: str) -> str:
    """``words`` laid over ``original``'s separators (the case changes, nothing else)."""
    out, it = [], iter(words.split(" "))
    for piece in re.split(r"(\s+)", original):
        out.append(piece if not piece or piece.isspace() else next(it))
    return "".join(out)


def _at_sentence_start(text: str, at: int) -> bool:
    line_start = text.rfind("\n", 0, at) + 1
    return at == line_start or _after_sentence_end(text, line_start, at)


# ----------------------------------------------------------------- words in capitals
@rule(
    "capitals.shouted_word", "an English word in capitals inside a lowercase sentence ('the DISTRICT heating office')"
)
def lower_shouted_words(text: str, ctx: Context) -> Found:
    """An English word in capitals inside a lowercase sentence (``the DISTRICT heating office``) gets the
    case of its neighbours: a capital only where a name goes on after it (``the POLITICAL and Legal
    Committee``) or a sentence starts. Acronyms (not English words), pinyin and text in capitals stay.

    >>> [c.after for c in lower_shouted_words("Next, the DISTRICT heating office and the POLITICAL and Legal "
    ...                                       "Committee met the CPPCC and WANG.", Context())[0]]
    ['district', 'Political']
    """
    changes = []
    for toks, i in inner_tokens(text):
        tok, prev, nxt = toks[i], toks[i - 1], toks[i + 1]
        word = tok.lower
        if not (tok.text.isalpha() and tok.text.isupper() and len(tok.text) >= 4):
            continue
        if prev.text.isupper() or nxt.text.isupper() or not (prev.text.islower() or nxt.text.islower()):
            continue
        if "#" in text[tok.start - 1 : tok.start] + text[tok.end : tok.end + 1]:
            continue  # a template placeholder ("#NUMBER#")
        if len(word) < 5 or zipf(word) < 4.0 or gazetteer.split_syllables(word) is not None:
            continue  # "NATO", "USSR", "DART" are acronyms, however common as words
        names_on = any(t.is_word and t.text[:1].isupper() for t in toks[i + 1 : i + 3])
        after = tok.text.capitalize() if names_on or _at_sentence_start(text, tok.start) else word
        changes.append(
            Change(tok.start, tok.end, after, "capitals.shouted_word", 0.8, f"'{tok.text}' in capitals mid-sentence")
        )
    return changes, []


# ----------------------------------------------------------------- pinyin words
# Chinese words English writes in lowercase: units, foods, customs, arts, institutions.
_PINYIN_COMMON_NOUNS = frozenset(
    """yuan jiao fen renminbi tofu kungfu gongfu hutong jiaozi baozi baijiu putonghua mahjong majiang
    qigong taiji taichi wushu fengshui gaokao zhongkao hukou guanxi hongbao dibao danwei laowai erhu
    guzheng pipa pinyin qipao zongzi mantou youtiao tangyuan yuebing lamian shuijiao huoguo wenming
    jianghu shanzhai tuhao dama wanghong shengjin jingcai""".split()
)
# English endings a pinyin split can hide: "resending" is re-sen-ding, and "resend" is English.
_ENGLISH_ENDINGS = ("ing", "ed", "er", "ers", "ly", "s")


def _english_stem(word: str) -> bool:
    """Whether the word is an English word with an ending (``resending``), not a pinyin name (``qingming``)."""
    for ending in _ENGLISH_ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 3 and max(zipf(stem), zipf(stem + "e")) >= 2.0:
            return True
    return False


# A text about China: Chinese characters, the words China or Chinese, or a capitalised pinyin name of
# two syllables or more that is no English word (Zhangzhou, Xiangtan, Jianguo).
_CHINA = re.compile(r"[\u3400-\u9fff]|\bChin(?:a|ese)\b")
_CAPITALISED = re.compile(r"(?<![\w'-])[A-Z][a-z]{3,}(?![\w'-])")


def _chinese_context(text: str) -> bool:
    if _CHINA.search(text):
        return True
    for m in _CAPITALISED.finditer(text):
        word = m.group().lower()
        sylls = gazetteer.split_syllables(word)
        if sylls is not None and len(sylls) >= 2 and (zipf(word) < 2.0 or gazetteer.places_named(m.group())):
            return True
    return False


_LOWER_WORD = re.compile(r"(?<![\w'’@./#-])([a-z]{5,})(?![\w'’@/#-]|\.[a-z])")


@rule("capitals.pinyin_word", "a lowercase pinyin word that is no English word ('qingming', 'xinglinli')")
def capitalize_pinyin_words(text: str, ctx: Context) -> Found:
    """A lowercase word of two or more pinyin syllables that is no English word is a name (a place,
    a festival, a station): ``the qingming festival`` -> ``the Qingming festival``.

    Only in a text about China (Chinese characters, 'China', a capitalised pinyin name): elsewhere a word
    of that shape is more often a foreign word (``a laser sabie``).

    >>> [c.after for c in capitalize_pinyin_words("Fires in Hebei before qingming at xinglinli; yuan.", Context())[0]]
    ['Qingming', 'Xinglinli']
    >>> capitalize_pinyin_words("In Hebei they ate jiaozi and paid in renminbi.", Context())[0]
    []
    >>> capitalize_pinyin_words("Luke is a Jedi with a new laser sabie.", Context())[0]
    []
    """
    # In line mode each line is its own text: the context is the line's.
    spans = ctx.segments(text)
    changes: list[Change] = []
    for start, end in spans:
        if _chinese_context(text[start:end]):
            _pinyin_words_in(text, start, end, changes)
    return changes, []


def _pinyin_words_in(text: str, start: int, end: int, changes: list[Change]) -> None:
    for m in _LOWER_WORD.finditer(text, start, end):
        word = m.group(1)
        sylls = gazetteer.split_syllables(word)
        if sylls is None or len(sylls) < 2 or word in _PINYIN_COMMON_NOUNS or word in _LOANWORDS:
            continue
        if zipf(word) >= 1.5 or _english_stem(word):
            continue
        changes.append(
            Change(
                m.start(),
                m.end(),
                word.capitalize(),
                "capitals.pinyin_word",
                0.75,
                f"'{word}' is pinyin and no English word: a name",
            )
        )


# ----------------------------------------------------------------- named communities
_GENERIC_NOUNS = "community|village|street|road|park|bridge|township|town|lake|mountain|temple|square|garden"
_COORDINATED = re.compile(
    rf"(?<![\w'-])([a-z][a-z'-]+) ({_GENERIC_NOUNS})((?:,| and| or|, and) )([A-Z][\w'-]+) \2\b"
    rf"|(?<![\w'-])([A-Z][\w'-]+) ({_GENERIC_NOUNS})((?:,| and| or|, and) )([a-z][a-z'-]+) \6\b"
)


_PINYIN_PLACE = re.compile(
    r"(?<![\w'-])([a-z]{4,}) (village|town|township|street|community|mountain|lake|river|"
    r"county|district|road)\b"
)


def _generic_case(word: str, text: str = "", end: int = 0) -> str:
    """The place word after a name is part of the name (``Xisai Mountain``, ``the Cuihe Community of``);
    a county, district or road keeps its case, and so does a place word that qualifies the noun after
    it (``Zhakou community officials``)."""
    if word in {"mountain", "lake", "river"}:
        return word.capitalize()
    after = _NEXT_WORD.match(text, end)
    if word in _NAMED_GENERICS and not (after and after.group(1) not in FUNCTION_WORDS):
        return word.capitalize()
    return word


# The lowercase word right after a place word: a content word there is qualified by it.
_NEXT_WORD = re.compile(r" ([a-z]{2,})\b")


_NAMED_GENERICS = frozenset("mountain lake river village town township street community".split())
# "the Cuihe community": a capitalised pinyin name, then its place word in lowercase.
_NAME_THEN_GENERIC = re.compile(r"(?<![\w'-])([A-Z][a-z]{3,}) (village|town|township|street|community)\b")


@rule("capitals.named_place", "'peony community and Duofu community'")
def capitalize_named_places(text: str, ctx: Context) -> Found:
    """``peony community and Duofu community``: a name coordinated with a capitalised one is a name; and a
    pinyin word that is no English word before a place word is a place's name (``jiliping village``).

    >>> [c.after for c in capitalize_named_places("They reached jiliping village by xisai mountain.", Context())[0]]
    ['Jiliping Village', 'Xisai Mountain']
    """
    changes = []
    for m in _PINYIN_PLACE.finditer(text):
        word = m.group(1)
        sylls = gazetteer.split_syllables(word)
        if sylls is None or len(sylls) < 2 or zipf(word) >= 1.5 or word in _LOANWORDS:
            continue
        changes.append(
            Change(
                m.start(),
                m.end(),
                f"{word.capitalize()} {_generic_case(m.group(2), text, m.end())}",
                "capitals.named_place",
                0.75,
                f"'{m.group()}': a pinyin name before a place word",
            )
        )
    for m in _NAME_THEN_GENERIC.finditer(text):
        word = m.group(1).lower()
        sylls = gazetteer.split_syllables(word)
        if sylls is None or len(sylls) < 2 or zipf(word) >= 3.0 or word in _LOANWORDS:
            continue
        if _generic_case(m.group(2), text, m.end()) == m.group(2):
            continue
        changes.append(
            Change(
                m.start(2),
                m.start(2) + 1,
                m.group(2)[0].upper(),
                "capitals.named_place",
                0.75,
                f"'{m.group()}': the place word of a pinyin name is part of the name",
            )
        )
    for m in _COORDINATED.finditer(text):
        group = 1 if m.group(1) else 8
        word = m.group(group)
        if word in _STOP or zipf(word) >= 4.5:
            continue
        generic = m.group(2) if group == 1 else m.group(6)
        changes.append(
            Change(
                m.start(group),
                m.end(group) + 1 + len(generic),
                f"{word[0].upper()}{word[1:]} {_generic_case(generic, text, m.end(group) + 1 + len(generic))}",
                "capitals.named_place",
                0.75,
                f"'{m.group()}': '{word}' names a place like its neighbour",
            )
        )
    return changes, []


# ----------------------------------------------------------------- place names split or cased wrongly
_PLACE_GENERIC = r"(?:county|district|city|town|township|village|community|street)"
_APOSTROPHE = r"\s*['’‘]\s*"
# "pan ‘an County", "gu rao town", "Da ‘an District": a place's pinyin name split into its syllables.
_SPLIT_PLACE = re.compile(
    rf"(?<![\w'’‘-])(?=(?P<all>(?P<name>[A-Za-z][a-z]{{0,5}}(?:(?:{_APOSTROPHE}|[ ])[a-z][a-z]{{0,5}}){{1,2}}|"
    rf"[A-Z][a-z]{{0,5}}(?:{_APOSTROPHE}[a-z][a-z]{{0,5}}))[ ](?P<generic>(?i:{_PLACE_GENERIC}))\b))"
)
_SYLLABLE_BREAK = re.compile(rf"{_APOSTROPHE}|[ ]")


@rule("capitals.split_place", "a place's pinyin name split and lowercased ('pan ‘an County', 'gu rao town')")
def join_split_places(text: str, ctx: Context) -> Found:
    """A place's name in pinyin split into its syllables and lowercased (``pan ‘an County``, ``gu rao
    town``) is written as one capitalised word (``Pan'an County``, ``Gurao Town``), only where the
    gazetteer lists the place or the article itself writes the name so.

    >>> [c.after for c in join_split_places("He led a team to pan ‘an County and to panan.", Context())[0]]
    ["Pan'an County"]
    >>> [c.after for c in join_split_places("Gurao is near. He went to gu rao town.", Context())[0]]
    ['Gurao Town']
    >>> join_split_places("He went to gu rao town, and then to an county.", Context())[0]
    []
    """
    changes: list[Change] = []
    for m in _SPLIT_PLACE.finditer(text):  # overlapping tries: "to pan ‘an County" is tried from "pan" too
        if changes and m.start() < changes[-1].end:
            continue
        words = _SYLLABLE_BREAK.split(m.group("name"))
        if not all(gazetteer.split_syllables(w.lower()) == [w.lower()] for w in words):
            continue
        joined = words[0].lower() + "".join(("'" if w[0].lower() in "aeo" else "") + w.lower() for w in words[1:])
        name = joined.capitalize()
        generic = m.group("generic").capitalize()
        evidence = gazetteer.places_named(f"{name} {generic}") or re.search(
            rf"(?<![\w'’-]){re.escape(name)}(?![\w'’-])", text
        )
        if not evidence or m.group("all") == f"{name} {generic}":
            continue
        changes.append(
            Change(
                m.start(),
                m.end("all"),
                f"{name} {generic}",
                "capitals.split_place",
                0.8,
                f"'{m.group('all')}': the place's pinyin name is one word"
                + (
                    " (the gazetteer lists it)" if not isinstance(evidence, re.Match) else " (as the article writes it)"
                ),
            )
        )
    return changes, []


# "GongHe Village": a capital inside a place's pinyin name, at a syllable.
_INNER_CAPITALS = re.compile(
    r"(?<![\w'’-])(?P<name>[A-Z][a-z]{1,5}(?:[A-Z][a-z]{1,5}){1,3})[ ](?P<generic>[A-Z][a-z]+)\b"
)


@rule("capitals.inner_capitals", "a capital inside a place's pinyin name ('GongHe Village')")
def fix_inner_capitals(text: str, ctx: Context) -> Found:
    """``GongHe Village``: pinyin writes a place's name as one word with one capital (``Gonghe Village``);
    only where every part is a pinyin syllable and a place word follows.

    >>> [c.after for c in fix_inner_capitals("The GongHe Village team met at McDonald Street.", Context())[0]]
    ['Gonghe']
    """
    changes = []
    for m in _INNER_CAPITALS.finditer(text):
        if m.group("generic").lower() not in _NAMED_GENERICS | {"county", "district", "city"}:
            continue
        parts = re.findall(r"[A-Z][a-z]*", m.group("name"))
        if not all(gazetteer.split_syllables(p.lower()) == [p.lower()] for p in parts):
            continue
        changes.append(
            Change(
                m.start("name"),
                m.end("name"),
                m.group("name").capitalize(),
                "capitals.inner_capitals",
                0.8,
                f"'{m.group()}': a place's pinyin name has one capital",
            )
        )
    return changes, []


# ----------------------------------------------------------------- sentence starts
@rule("capitals.sentence_start", "a sentence's first letter")
def capitalize_sentence_start(text: str, ctx: Context) -> Found:
    """A sentence's first word gets its capital (plain lowercase words only: not ``iPhone``)."""
    changes = []
    for ls, le in line_spans(text):
        for ss, se in sentence_spans(text[ls:le]):
            m = re.match(r"[\"'“‘(\[]?([a-z]+)\b(?![-.'’@\d])", text[ls + ss : ls + se])
            if not m:
                continue
            at = ls + ss + m.start(1)
            if at > ls and not _after_sentence_end(text, ls, at):
                continue
            if ctx.line_segments and ss == 0:
                continue  # a line of an aligned file may be a fragment, not a sentence
            changes.append(
                Change(
                    at,
                    at + 1,
                    text[at].upper(),
                    "capitals.sentence_start",
                    0.9,
                    "sentence starts with a lowercase letter",
                )
            )
    seen = {c.start for c in changes}
    for at in _lowercase_starts_after_stops(text):
        if at not in seen:
            changes.append(
                Change(at, at + 1, text[at].upper(), "capitals.sentence_start", 0.85, "lowercase after a full stop")
            )
    return sorted(changes, key=lambda c: c.start), []


# "and government. firmly grasp": a stop after a whole lowercase word, then a lowercase word; the
# sentence splitter wants a capital, so these starts are found here (abbreviations excepted).
_LOWER_AFTER_STOP = re.compile(r"\b([a-z]{3,})[.][”\"’']? [\"“‘]?([a-z]+)\b(?![-.'’@\d])")
_NOT_A_STOP = ABBREVIATIONS | frozenset("etc esp incl viz approx govt yrs hrs mins km kg cm mm sq".split())


def _lowercase_starts_after_stops(text: str) -> list[int]:
    """Offsets of the first letter of sentences that begin in lowercase after a full stop."""
    return [m.start(2) for m in _LOWER_AFTER_STOP.finditer(text) if m.group(1) not in _NOT_A_STOP]


def _after_sentence_end(text: str, line_start: int, at: int) -> bool:
    before = text[line_start:at].rstrip(" \"'“‘([")
    return not before or before.endswith((".", "!", "?", "。", "！", "？"))
