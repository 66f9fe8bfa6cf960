"""Separate metadata from the body: the title, header lines and credits.

The title stays in the text as its first paragraph (so cleaning cleaned text
finds it again); header lines and credits are removed, as recorded edits.
"""

from __future__ import annotations

import re
from datetime import date

from ..article import Metadata
from ..core.tokens import line_spans
from ..dates import MONTHS, month_number
from ..edits import Change, MetadataFound
from .registry import Context, rule

_KEYS = {
    "from": "source",
    "information source": "source",
    "article source": "source",
    "news source": "source",
    "source of information": "source",
    "release": "date",
    "source": "source",
    "sources": "source",
    "origin": "source",
    "date": "date",
    "time": "date",
    "published": "date",
    "publish time": "date",
    "publish date": "date",
    "publication date": "date",
    "release time": "date",
    "release date": "date",
    "released": "date",
    "posted": "date",
    "posted time": "date",
    "post time": "date",
    "posting time": "date",
    "upload time": "date",
    "upload date": "date",
    "uploaded": "date",
    "updated": "date",
    "reading": "views",
    "readings": "views",
    "read": "views",
    "reads": "views",
    "views": "views",
    "view": "views",
    "page views": "views",
    "visits": "views",
    "clicks": "views",
    "hits": "views",
    "author": "author",
    "authors": "author",
    "by": "author",
    "writer": "author",
    "editor": "editor",
    "responsible editor": "editor",
    "editor in charge": "editor",
    "reporter": "reporter",
    "correspondent": "reporter",
    "font size": "ignore",
    "share": "ignore",
    "share to": "ignore",
}
_KEY_RE = "|".join(sorted((re.escape(k) for k in _KEYS), key=len, reverse=True))
_FIELD = re.compile(rf"(?<![A-Za-z])({_KEY_RE})\s*[:：]\s*", re.IGNORECASE)
_DATE = re.compile(
    r"(?P<y>(?:19|20)\d\d)\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*(?:T|\s)?\s*\d{1,2}:\d{2}(?::\d{2})?)?"
)
_MONTH_RE = "|".join(list(MONTHS) + [m[:3] for m in MONTHS])
_DATE_WORDS = re.compile(
    rf"(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH_RE})\.?,?\s+(?P<y1>(?:19|20)\d\d))"
    rf"|(?:(?P<m2>{_MONTH_RE})\.?\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>(?:19|20)\d\d))",
    re.IGNORECASE,
)
_TIME_PREFIX = re.compile(r"^\s*\d{1,2}:\d{2}(?::\d{2})?\s*")
# What a page template leaves beside a date: counters (views, comments) and keys with no value.
_COUNTERS = re.compile(
    r"(?:(?:\d[\d,]*|by|views?|reads?|comments?|likes?|shares?|author|source|editor)\s*[:：]?\s*)*", re.IGNORECASE
)
# A date field that starts a line of body text: "date 2023-01-31 On January 30, ...".
_DATE_FIELD_PREFIX = re.compile(
    r"\s*(?:(?:date|time|published|release date|release time|posted|last updated|updated)\s*[:：]?\s*)?"
    rf"(?P<date>{_DATE.pattern})"
    r"\s*[,，]?\s+(?=[A-Z\"“])",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d[\d,]*(?:\s*(?:times|views|reads|次))?", re.IGNORECASE)
_BRACKETED = re.compile(r"[\[【][^\]】]{0,40}(?:font|size|print|close|share)[^\]】]{0,40}[\]】]", re.IGNORECASE)
_POSTED = re.compile(r"^posted\s+(?:on\s+)?(?P<date>.+?)\s+by\s+(?P<author>[\w .'-]{1,40})$", re.IGNORECASE)

_ROLES = {
    "photography": "photography",
    "photo": "photography",
    "photos": "photography",
    "photographer": "photography",
    "photographed by": "photography",
    "image": "photography",
    "picture": "photography",
    "pictures": "photography",
    "editor": "editor",
    "editors": "editor",
    "responsible editor": "editor",
    "editor in charge": "editor",
    "executive editor": "editor",
    "edited by": "editor",
    "editing": "editor",
    "reporter": "reporter",
    "reporters": "reporter",
    "correspondent": "reporter",
    "author": "author",
    "writer": "author",
    "text": "author",
    "written by": "author",
    "translator": "translator",
    "translated by": "translator",
    "translation": "translator",
    "proofreader": "proofreader",
    "proofreading": "proofreader",
    "reviewer": "reviewer",
    "review": "reviewer",
    "producer": "producer",
    "video": "video",
    "design": "design",
    "designer": "design",
}
_ROLES.update(
    {
        "text/photo": "author+photography",
        "text and photo": "author+photography",
        "text and photos": "author+photography",
        "photo by": "photography",
        "photo courtesy of": "photography",
        "photos courtesy of": "photography",
        "picture courtesy of": "photography",
        "image courtesy of": "photography",
        "photos by": "photography",
        "text by": "author",
        "reported by": "reporter",
        "source": "source",
    }
)
_ROLE_RE = "|".join(sorted((re.escape(r) for r in _ROLES), key=len, reverse=True))
_CREDIT_KEY = re.compile(
    rf"(?:^|(?<=[\s,，;；|]))(?P<role>{_ROLE_RE})(?:\s*[:：]\s*|(?<=\bby|\bof)\s+)|^(?P<bare>reporter|correspondent)\s+(?=[A-Z])",
    re.IGNORECASE,
)
# A run of bracketed blocks and the spaces around them; _credits keeps a run only where it ends its line.
# Not "(?=\n|$)" in the pattern, and no start just after a space: a long run of spaces, or of blocks, that
# does not end a line is then scanned once, not retried from each of its spaces (quadratic time).
_CREDIT_BLOCKS = re.compile(r"(?<![ ])(?:[ ]*[(（\[【][^()（）\[\]【】\n]{3,160}[)）\]】])+[ ]*")
_ONE_BLOCK = re.compile(r"[(（\[【]([^()（）\[\]【】\n]{3,160})[)）\]】]")
_CREDIT_LINE = re.compile(r"^[^\n]{3,160}$", re.MULTILINE)
_NAMEISH = re.compile(r"^[^\d@#%<>{}=]{1,60}$")


def parse_credits(content: str) -> list[tuple[str, list[str]]] | None:
    """``Editor: Li Hua, Proofreader: Chen Bo`` -> [(editor, [Li Hua]), (proofreader, [Chen Bo])];
    None unless the whole content is credits.

    >>> parse_credits("Reporter: Zhang San Correspondent: Li Si")
    [('reporter', ['Zhang San']), ('reporter', ['Li Si'])]
    >>> parse_credits("Photo by Wang Jun") and parse_credits("the meeting: it opened") is None
    True
    """
    content = content.strip()
    keys = list(_CREDIT_KEY.finditer(content))
    if not keys or keys[0].start() != 0:
        return _byline(content)
    pairs = []
    for key, nxt in zip(keys, keys[1:] + [None]):
        value = content[key.end() : nxt.start() if nxt else len(content)].strip(" ,，;；|/")
        if not value or not _NAMEISH.match(value) or len(value.split()) > 12:
            return None
        role = _ROLES[(key.group("role") or key.group("bare")).lower()]
        names = split_names(value)
        if not all(_is_name(n) for n in names):
            return None  # "Review: the plan was good" is a sentence, not a credit
        pairs.append((role, names))
    return pairs


_AGENCY_BYLINE = re.compile(
    r"^(?P<agency>(?:[A-Z][\w'’.-]*\s+){1,5}?)(?P<role>reporters?|correspondents?|photographers?)\s+(?P<names>[A-Z].*)$",
    re.IGNORECASE,
)


def _byline(content: str) -> list[tuple[str, list[str]]] | None:
    """``Xinhua News Agency reporters Xu Shunda and Wei Yijun`` (an agency, a role, Chinese names) or a
    line of Chinese names only (``Xiao Yong and Sun Weitie``): a byline; None for anything else.

    >>> _byline("Cover News Reporter Chai Fengju")
    [('source', ['Cover News']), ('reporter', ['Chai Fengju'])]
    >>> _byline("Xiao Yong and Sun Weitie"), _byline("Beijing and Shanghai")
    ([('author', ['Xiao Yong', 'Sun Weitie'])], None)
    """
    m = _AGENCY_BYLINE.match(content)
    if m and m["agency"].split()[0][:1].isupper():
        names = split_names(m["names"])
        if names and all(is_chinese_name(n) for n in names):
            return [("source", [m["agency"].strip()]), (_ROLES[m["role"].lower().rstrip("s")], names)]
    names = split_names(content)
    if 1 <= len(names) <= 4 and all(is_chinese_name(n) for n in names):
        return [("author", names)]
    return None


def is_chinese_name(text: str) -> bool:
    """A romanised Chinese name, capitalised: a surname of the pinyin table and a given name of one or two
    pinyin syllables (``Chai Fengju``, ``Wang Ke``)."""
    from .. import gazetteer

    words = text.split()
    if len(words) != 2 or not all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words):
        return False
    sylls = gazetteer.split_syllables(words[1].lower())
    return words[0].lower() in gazetteer.surnames() and sylls is not None and 1 <= len(sylls) <= 2


def _is_name(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 6 and all(
        w[:1].isupper() or w[:1].isdigit() or "\u3400" <= w[:1] <= "\u9fff" or w.lower() in {"of", "and", "the", "de"}
        for w in words
    )


_NAME_SPLIT = re.compile(r"\s*(?:,|，|、|/|\band\b|&)\s*")
_TITLE_MAX = 250


@rule(
    "metadata.credits",
    "move credits (Photography: ...; Editor: ...) to metadata (off: read, left in the text)",
    "metadata",
    line_mode=False,
)
def extract_credits(text: str, ctx: Context) -> MetadataFound:
    """Credits (``(Photography: X; Editor: Y)``, ``Editor: Y`` lines) are taken out of the text:
    their removals, and the metadata they give.

    >>> changes, _, meta = extract_credits("The road opened.\\n(Photography: Wang Jun)", Context())
    >>> meta.credits, [c.rule for c in changes]
    ({'photography': ['Wang Jun']}, ['metadata.credits'])
    """
    meta = Metadata()
    changes: list[Change] = []
    _credits(text, meta, changes)
    return changes, [], meta


@rule(
    "metadata.header",
    "move header lines (from:, date:, reading:) to metadata; find the title (off: read, left in the text)",
    "metadata",
    line_mode=False,
)
def extract_header(text: str, ctx: Context) -> MetadataFound:
    """Header lines near the top are taken out of the text and the title is found: the removals, and
    the metadata they give.

    Run after :func:`extract_credits`, so that a header line with credits on it is seen whole.
    """
    meta = Metadata()
    changes: list[Change] = []
    lines = line_spans(text)
    header_idx = _header_lines(text, lines, meta, changes)
    _title(text, lines, header_idx, meta)
    meta.source_name = meta.source_name or _source_in_byline(text[:_BYLINE_REACH])
    return changes, [], meta


def _nonblank(text: str, lines: list[tuple[int, int]], limit: int) -> list[int]:
    return [i for i, (s, e) in enumerate(lines) if text[s:e].strip()][:limit]


def _header_lines(text: str, lines: list[tuple[int, int]], meta: Metadata, changes: list[Change]) -> list[int]:
    found = []
    others = 0
    for i in _nonblank(text, lines, len(lines)):
        s, e = lines[i]
        fields = parse_header(text[s:e])
        if fields is None:
            prefix = _DATE_FIELD_PREFIX.match(text, s, e)
            if prefix and iso_date(prefix["date"]) and len(text[prefix.end() : e].split()) >= 4:
                _merge_fields(meta, {"date": prefix["date"]})
                changes.append(Change(s, prefix.end(), "", "metadata.header", 0.9, "move the date run into the text"))
            others += 1
            if others > 5:
                break
            continue
        _merge_fields(meta, fields)
        found.append(i)
        end = e
        while end < len(text) and text[end] == "\n":
            end += 1
        if end == len(text) and s > 0:  # the last line: remove the break before it instead
            s -= 1
            while s > 0 and text[s - 1] == "\n":
                s -= 1
        changes.append(Change(s, end, "", "metadata.header", 0.95, "move header line to metadata"))
    return found


def parse_header(line: str) -> dict[str, str] | None:
    """Parse a header line such as ``from:Network date:2024-05-17 reading:728``.

    Returns the fields, or None when the line is not a header line (anything
    but recognised ``key: value`` pairs and dates in it).

    >>> parse_header("from:Network date:2024-05-17 reading:728")
    {'source': 'Network', 'date': '2024-05-17', 'views': '728'}
    >>> parse_header("Source: People's Daily 2023-03-15")
    {'date': '2023-03-15', 'source': "People's Daily"}
    >>> parse_header("The source: a long sentence about water.") is None
    True
    """
    if len(line) > 300:
        return None
    fields: dict[str, str] = {}
    rest = _BRACKETED.sub("", line).strip()
    posted = _POSTED.match(rest)
    if posted and (_DATE.search(posted["date"]) or _DATE_WORDS.search(posted["date"])):
        return {"date": posted["date"], "author": posted["author"].strip()}
    lead = _DATE.match(rest) or _DATE_WORDS.match(rest)
    if lead:
        fields["date"] = lead.group()
        rest = rest[lead.end() :].strip()
    rest = _TIME_PREFIX.sub("", rest)
    if fields and _COUNTERS.fullmatch(rest):  # "2022-06-05 0 By": a page template's counters, empty byline
        return fields
    matches = list(_FIELD.finditer(rest))
    if not matches or matches[0].start() != 0:
        return fields if fields and not rest else None
    for m, nxt in zip(matches, matches[1:] + [None]):
        value = rest[m.end() : nxt.start() if nxt else len(rest)].strip(" |/,;·-")
        kind = _KEYS[m.group(1).lower()]
        if kind == "source":
            dated = _DATE.search(value) or _DATE_WORDS.search(value)
            if dated:
                fields.setdefault("date", dated.group())
                value = (value[: dated.start()] + value[dated.end() :]).strip(" |/,;·-")
        if kind == "date" and not (_DATE.search(value) or _DATE_WORDS.search(value)):
            if not re.fullmatch(r"[\d:\s]*", value):
                return None
        if kind == "views" and not _NUMBER.fullmatch(value):
            return None
        if kind != "ignore" and value:
            fields.setdefault(kind, value)
    return fields or None


def _merge_fields(meta: Metadata, fields: dict[str, str]) -> None:
    """A header line's fields into ``meta`` (what it holds already wins)."""
    meta.fill_from(
        Metadata(
            source_name=fields.get("source"),
            published=iso_date(fields["date"]) if "date" in fields else None,
            views=int(re.sub(r"\D", "", fields["views"])) if "views" in fields else None,
            author=fields.get("author"),
            credits={role: split_names(fields[role]) for role in ("editor", "reporter") if role in fields},
        )
    )


def iso_date(value: str) -> str | None:
    """``2024/5/17 10:07`` or ``17 May 2024`` to ``2024-05-17``; None when not a valid date."""
    m = _DATE.search(value)
    try:
        if m:
            return date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
        w = _DATE_WORDS.search(value)
        if w:
            y, mo, d = (w["y1"], w["m1"], w["d1"]) if w["y1"] else (w["y2"], w["m2"], w["d2"])
            month = month_number(mo)
            return date(int(y), month, int(d)).isoformat() if month else None
    except ValueError:
        return None
    return None


def _title(text: str, lines: list[tuple[int, int]], header_idx: list[int], meta: Metadata) -> None:
    """The page's headline: a line the top of the page repeats (pages print it two or three times), else
    the first line that is not a header line or a breadcrumb, when a break follows it; less a section
    label before it (``News Story | ``), a ``Title:`` label, and a site name after it (``- Xinhuanet
    Henan Channel``, which is the source)."""
    top = _nonblank(text, lines, 8)
    body = [i for i in top if i not in header_idx]
    said = {i: " ".join(text[lines[i][0] : lines[i][1]].split()) for i in top}
    for i in body[:4]:
        line = said[i]
        repeats = sum(said[j] == line or said[j].endswith(" " + line) for j in top)
        if repeats >= 2 and len(line.split()) >= 4 and len(line) <= _TITLE_MAX:
            meta.title = line
            return
    candidates = [i for i in body[:3] if not _BREADCRUMB_LINE.match(said[i])]
    if not candidates or (candidates[0] != body[0] and body.index(candidates[0]) > 1):
        return
    i = candidates[0]
    nxt = next((j for j in top if j > i), None)
    line = said[i]
    label = _TITLE_LABEL.search(line)
    if not label and (nxt is None or not (nxt > i + 1 or nxt in header_idx)):
        return  # a labelled title needs no break after it
    line = label.group(1).strip() if label else line
    section = _SECTION_PREFIX.match(line)
    line = section.group(1) if section else line
    site = _SITE_SUFFIX.match(line)
    if site and _SITE_WORDS.search(site.group(2)):
        line = site.group(1).rstrip(" -_|–—")
        meta.source_name = meta.source_name or site.group(2)
    if is_title_like(line):
        meta.title = line
    elif _titled_sentence(line):
        meta.title = line[:-1]


# "index/ Zizhou Today / article", "home > NEWS": the site's path, not the article's title.
_BREADCRUMB_LINE = re.compile(
    r"^(?:home|index|homepage|首页)\s*[/>»]|^[^/>»|]{1,30}(?:\s*[/>»]\s*[^/>»|]{1,30}){2,}$", re.IGNORECASE
)
_TITLE_LABEL = re.compile(r"(?:^|,\s*)Title:\s*(.+)$")
# "News Story | Livelihood Projects resume work": a section label of a few words before a bar.
_SECTION_PREFIX = re.compile(r"^(?:[\w'’]+ ){0,3}[\w'’]+ \| (.+)$")
# "... the summer harvest battle- Xinhuanet Henan Channel": a site's name of a few capitalised words.
_SITE_SUFFIX = re.compile(r"^(.+?)\s*[-_|–—]\s+((?:[A-Z][\w.'’]*\s){0,4}[A-Z][\w.'’]*)$")
_SITE_WORDS = re.compile(r"(?i)net\b|news|channel|daily|network|online|times|\.com|\.cn|weekly|radio|media|xinhua|tv\b")


_BYLINE_REACH = 800  # a dateline or byline stands in the first lines
# "Beijing, 10 Oct (People's Daily) --": a dateline with its source in brackets.
_DATELINE_SOURCE = re.compile(r"(?m)^[A-Z][a-z]+,[^()\n]{1,30}\(([A-Z][^()\n]{2,40})\)\s*[-—–]")
# "Rednet Moment news reporter Zhang Xingcheng": the outlet before its reporter.
_OUTLET_REPORTER = re.compile(r"\b((?:[A-Z][\w'’.]*\s){0,3}[A-Z][\w'’.]*)\s+news\s+reporters?\b")


def _source_in_byline(head: str) -> str | None:
    """The source a dateline or a byline near the top names."""
    m = _DATELINE_SOURCE.search(head) or _OUTLET_REPORTER.search(head)
    return m.group(1).strip() if m else None


def _titled_sentence(line: str) -> bool:
    """A headline in title case may end with a full stop (``Yuan Jiajun Attended the ... Committees.``)."""
    words = [w for w in line.rstrip(".").split() if w[:1].isalpha()]
    capitalised = [w for w in words if w[0].isupper()]
    return line.endswith(".") and 3 <= len(words) <= 25 and len(capitalised) >= 0.6 * len(words)


def is_title_like(line: str) -> bool:
    """A short line with no sentence-final full stop reads as a title."""
    words = line.split()
    return 1 <= len(words) <= 40 and len(line) <= _TITLE_MAX and not line.endswith((".", "。", ",", ";", ":"))


def _credits(text: str, meta: Metadata, changes: list[Change]) -> None:
    taken = [(c.start, c.end) for c in changes]
    for pattern in (_CREDIT_BLOCKS, _CREDIT_LINE, _CREDIT_TAIL):
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            contents = _ONE_BLOCK.findall(m.group()) if pattern is _CREDIT_BLOCKS else [m.group()]
            parsed = [parse_credits(c) for c in contents]
            if not contents or any(p is None for p in parsed):
                continue
            if pattern is _CREDIT_BLOCKS and not _block_is_credit(text, m, contents):
                continue
            if pattern is _CREDIT_LINE and m.start() == 0 and not _AGENCY_BYLINE.match(m.group()):
                continue  # the first line is the title, unless it is an agency's byline
            for role, names in (pair for pairs in parsed for pair in pairs or []):
                _add_credit(meta, role, names)
            start, end = m.start(), m.end()
            while start > 0 and text[start - 1] == " ":  # the space before "(Photography: ...)"
                start -= 1
            if pattern is _CREDIT_LINE:
                end = min(len(text), end + 1) if end < len(text) else end
                if end == len(text) and start > 0:
                    while start > 0 and text[start - 1] == "\n":
                        start -= 1
            inside = 0 < start and end < len(text) and text[start - 1] != "\n" and text[end] not in "\n.,;:!?)"
            gap = " " if inside and text[start:end].startswith(" ") and text[start:end].endswith(" ") else ""
            changes.append(Change(start, end, gap, "metadata.credits", 0.95, "move credits to metadata"))
            taken.append((start, end))
    for role in meta.credits:
        meta.credits[role] = list(dict.fromkeys(meta.credits[role]))


# A caption's credit after its sentence, at the end of the line: "... in Anyang County. Photo by Wang Ke".
_CREDIT_TAIL = re.compile(
    r"(?<=[.!?。])[ ]*(?:Photos?|Text and photos?|Photographed|Pictured) by [A-Z][^\n.]{2,60}$", re.MULTILINE
)


def _block_is_credit(text: str, m: re.Match[str], contents: list[str]) -> bool:
    """A bracketed credit with its role (``(author: Sheng Nan)``) may stand anywhere; bare names in
    brackets (``(Ding Yan)``) only at the very end of the article, where sites put the writer."""
    if all(_CREDIT_KEY.match(c.strip()) or _AGENCY_BYLINE.match(c.strip()) for c in contents):
        return True
    return not text[m.end() :].strip()


def _add_credit(meta: Metadata, role: str, names: list[str]) -> None:
    if role == "source":
        meta.fill_from(Metadata(source_name=", ".join(names) or None))
    else:
        meta.fill_from(Metadata(credits={one: names for one in role.split("+")}))


def split_names(value: str) -> list[str]:
    return [n.strip(" .") for n in _NAME_SPLIT.split(value.strip()) if n.strip(" .")]
