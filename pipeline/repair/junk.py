"""Junk: site navigation, script markers, leftover editor lines, contact blocks, counters, spam.

Aggregator pages prepend breadcrumbs (``Job Recruitment Website - Property
management - ``), keep TV-script markers (``[Explanation]``), and append
``Read on`` links, contact details and like/share counters to the article.
"""

from __future__ import annotations

import re

from ..core.tokens import line_spans
from ..edits import Change, Found, Notice
from .registry import Context, rule

_SITE_WORDS = re.compile(
    r"\b(?:website|web site|homepage|home page|home|portal|network|net|news|channel|column|"
    r"forum|bbs|official account|platform|online|\.com|\.cn)\b",
    re.IGNORECASE,
)
_CRUMB_SEP = re.compile(r"\s+(?:-|–|—|>|»|›|\||/)\s+|\s*(?:»|›)\s*")
_MARKERS = re.compile(
    r"[\[【](?:explanation|concurrent|commentary|narration|voice ?over|subtitles?|captions?|host|anchor|"
    r"presenter|reporter|interview(?:ee)?|synchronous|sync|sound ?bite|on-?screen text|lead|"
    r"editor'?s note|image|photo|pictures?|video|audio|graphics?|music|live|exclusive|headline|"
    r"original|reprint|transcript|solution|explain|simultaneous|concurrence|title|text|print|close|"
    r"back|top|favorites?|bookmark)[\]】][ ]*",
    re.IGNORECASE,
)
_LEFTOVER_LINE = re.compile(
    r"^(?:(?:(?:responsible |executive |chief )?editors?|editor in charge|proofread(?:er|ing)?|reviewer|"
    r"(?:original )?source|disclaimer|statement|copyright|original title|links?|tags?|keywords?)\s*[:：]"
    r"|(?:read on|read more|related reading|recommended reading|related news|click to read|"
    r"extended reading|share to|share this|scan the qr code|long press|leave a (?:reply|comment)|"
    r"your email address will not be published|required fields are marked|today is \d{4}-\d{1,2}-\d{1,2}|"
    r"previous (?:article|post)|next (?:article|post))\b)[^\n]{0,120}$",
    re.IGNORECASE | re.MULTILINE,
)
_CONTACT_LINE = re.compile(
    r"^(?:tel|telephone|phone|mobile|fax|e-?mail|email address|address|postcode|post code|zip code|"
    r"contact(?: person| number| us)?|wechat|qq|website|hotline)\s*[:：][^\n]{0,160}$",
    re.IGNORECASE | re.MULTILINE,
)
# A short labelled line that gives a person's telephone number ("Information complaint: Chen Jie
# 021-26093100"): the site's contact block, whatever its label says.
_PHONE = r"(?:\(?0\d{2,3}\)?[- ]?\d{7,8}|(?<!\d)1[3-9]\d{9}(?!\d)|400[- ]?\d{3}[- ]?\d{4})"
_PHONE_LINE = re.compile(
    rf"^(?:[A-Za-z]+ ){{0,3}}[A-Za-z]+\s*[:：]\s*(?:[A-Z][\w'’-]*\s+){{0,3}}{_PHONE}(?:\s*[,;/、]\s*{_PHONE})*\s*$",
    re.MULTILINE,
)
_TRAILING_COUNTER = re.compile(
    r"(?<=[.!?)\]\"”。])(?:\s+\d{1,7}){1,4}\s*$|^\s*(?:\d{1,7}\s+){0,3}\d{1,7}\s*$", re.MULTILINE
)
# What is left of a page's markup: tags, and the attributes of a tag whose start was cut off
# ('news-page paging-photo" id="wp_automatic_ReadabilityBody">').
_HTML = re.compile(
    r"</?(?:p|div|span|br|a|img|strong|em|b|i|u|li|ul|ol|h[1-6]|table|tr|td|th|tbody|section|article|font|center)"
    r"(?:\s+[\w:-]+\s*=\s*(?:\"[^\"\n]{0,200}\"|'[^'\n]{0,200}'|[^\s<>\"']{1,100})){0,10}\s*/?>"
    r"|(?m:^)[\w -]{0,80}\"\s*(?:id|class|style|name)=\"[^\"\n]{0,200}\"\s*>",
    re.IGNORECASE,
)
_SPAM = re.compile(
    r"(?:https?://|www\.)\S+|\b(?:click here|scan the (?:qr )?code|follow (?:us|our official account)|"
    r"for more (?:information|details),? (?:please )?(?:visit|click|call)|add (?:wechat|qq)|"
    r"official wechat account|limited[- ]time offer|buy now|free trial|contact customer service)\b",
    re.IGNORECASE,
)


@rule("junk.breadcrumb", "site navigation before the title or text")
def strip_breadcrumbs(text: str, ctx: Context) -> Found:
    """``Job Recruitment Website - Property management - Title`` keeps only ``Title``.

    >>> t = "Job Recruitment Website - Property management - Old areas renovated"
    >>> [t[c.start:c.end] for c in strip_breadcrumbs(t, Context())[0]]
    ['Job Recruitment Website - Property management - ']
    """
    changes = []
    for start, end in line_spans(text):
        cut = breadcrumb_end(text[start:end])
        if cut:
            changes.append(Change(start, start + cut, "", "junk.breadcrumb", 0.85, "site navigation before the text"))
    return changes, []


def breadcrumb_end(line: str) -> int:
    """Length of a navigation prefix at the start of ``line`` (0 when there is none)."""
    seps = list(_CRUMB_SEP.finditer(line[:200]))
    if len(seps) < 2:
        return 0
    crumbs, pos = [], 0
    for m in seps:
        crumbs.append(line[pos : m.start()])
        pos = m.end()
    arrows = any(m.group().strip() in {">", "»", "›"} for m in seps)
    short = all(1 <= len(c.split()) <= 5 and not re.search(r"[.!?,;:<>()\[\]{}\"=]", c) for c in crumbs)
    if not short or not (arrows or _SITE_WORDS.search(crumbs[0])):
        return 0
    if len(line[pos:].split()) < 3:
        return 0
    return pos


@rule("junk.marker", "script markers such as [Explanation] or [Concurrent]")
def strip_markers(text: str, ctx: Context) -> Found:
    """Script markers such as ``[Explanation]`` and ``【Concurrent】`` are removed."""
    changes = [
        Change(m.start(), m.end(), "", "junk.marker", 0.9, f"script marker '{m.group().strip()}'")
        for m in _MARKERS.finditer(text)
    ]
    return changes, []


# Spam that sites inject into articles to sell search rank: adult, gambling and loan phrases.
_SPAM_EN = (
    "sugar daddy|sugar baby|sugar mommy|escort service|online casino|casino|baccarat|sports betting|"
    "online betting|slot machines?|payday loans?|viagra"
)
# Glued to the word before it, with its own capital ("a flagSugar daddy"): injected, not written.
# Or glued to the word after it ("Sugar daddyPoverty alleviation").
_GLUED_SPAM = re.compile(
    rf"(?-i:(?<=[a-z])(?=[A-Z]))(?:{_SPAM_EN})\b|(?<![A-Za-z])(?:{_SPAM_EN})(?-i:(?=[A-Z][a-z]))", re.IGNORECASE
)
# Chinese gambling terms: football/sports betting platforms, casinos, lotteries, sign-up bonuses.
_SPAM_ZH = re.compile(r"外围|博彩|赌场|赌博|娱乐城|彩票|棋牌|百家乐|老虎机|真人视讯|足球平台|体育平台|开户|注册送|投注")
_CJK_RUN = re.compile(r"《[^》\n]{1,40}》|[\u3400-\u9fff\uff00-\uffef《》“”]{2,}")


@rule(
    "junk.injected_spam", "spam a site injected: a phrase glued to a word ('flagSugar daddy'), a Chinese gambling title"
)
def strip_injected_spam(text: str, ctx: Context) -> Found:
    """Spam a site injected into the article: an English advertising phrase glued to the word before it
    (``a flagSugar daddy``), or a Chinese gambling title in an English text (``《全球十大外围足球平台》``).

    >>> t = "A cadre has a flagSugar daddy and a plan for the village, its roads, schools and clinics, all new.《全球十大外围足球平台》"
    >>> [t[c.start:c.end] for c in strip_injected_spam(t, Context())[0]]
    ['Sugar daddy', '《全球十大外围足球平台》']
    >>> t = "The goal is set.\\nSugar daddyPoverty alleviation is the task."
    >>> [t[c.start:c.end] for c in strip_injected_spam(t, Context())[0]]
    ['Sugar daddy']
    >>> strip_injected_spam("The casino bill and the sugar daddy film were debated.", Context())[0]
    []
    """
    changes = [
        Change(m.start(), m.end(), "", "junk.injected_spam", 0.9, f"spam glued into the text: '{m.group()}'")
        for m in _GLUED_SPAM.finditer(text)
    ]
    cjk = len(re.findall(r"[\u3400-\u9fff]", text))
    if cjk * 10 <= len(text):  # an English text: Chinese in it is quoted, or injected
        for m in _CJK_RUN.finditer(text):
            if _SPAM_ZH.search(m.group()) and len(m.group()) <= 40:
                changes.append(
                    Change(m.start(), m.end(), "", "junk.injected_spam", 0.9, f"Chinese gambling spam: '{m.group()}'")
                )
    return changes, []


@rule("junk.html", "markup a scraper left: tags, cut-off tag attributes")
def strip_html(text: str, ctx: Context) -> Found:
    """Tags and cut-off tag attributes left by a scraper (``</p> <p>``) are removed; the text between stays.

    >>> [c.start for c in strip_html('news-main" id="content">The road opened.</p> <p>More.', Context())[0]]
    [0, 40, 45]
    """
    changes = [
        Change(m.start(), m.end(), "", "junk.html", 0.9, f"markup '{m.group()[:40]}'") for m in _HTML.finditer(text)
    ]
    return changes, []


@rule("junk.leftover_line", "Editor:, Read on and similar lines left in the body", line_mode=False)
def strip_leftover_lines(text: str, ctx: Context) -> Found:
    """``Editor:``, ``Read on`` and the like, on lines of their own, are removed (never the only line).

    Not in line mode, where every line is an independent segment.

    >>> t = "The road opened.\\nRead more: other news"
    >>> [t[c.start:c.end] for c in strip_leftover_lines(t, Context())[0]]
    ['\\nRead more: other news']
    """
    return _strip_lines(text, _LEFTOVER_LINE, "junk.leftover_line"), []


@rule("junk.contact", "contact lines (telephone, e-mail, address) left in the body", line_mode=False)
def strip_contact_lines(text: str, ctx: Context) -> Found:
    """Telephone, e-mail and address lines at the foot of an article are removed (never the only line),
    and short labelled lines that give a telephone number (``Information complaint: Chen Jie 021-26093100``).

    >>> t = "The team will go on.\\n\\nInformation Supervision: Le Weiyang 021-26093827"
    >>> [t[c.start:c.end] for c in strip_contact_lines(t, Context())[0]]
    ['\\n\\nInformation Supervision: Le Weiyang 021-26093827']
    """
    return _dedupe(
        _strip_lines(text, _CONTACT_LINE, "junk.contact") + _strip_lines(text, _PHONE_LINE, "junk.contact")
    ), []


def _strip_lines(text: str, pattern: re.Pattern[str], name: str) -> list[Change]:
    lines = line_spans(text)
    if _is_only_line(lines, text):
        return []
    changes = [
        _remove_line(text, m.start(), m.end(), name, f"'{m.group()[:40]}' is not article text")
        for m in pattern.finditer(text)
    ]
    return _dedupe(changes)


# ----------------------------------------------------------------- a site's template, by its shape
# The lines a page template prints around an article, each recognised by its shape and the template's
# small vocabulary rather than by a site's exact words.
_READING_TIME = re.compile(
    r"(?:\d{1,2}\s*(?:min|mins|minutes?)\.?\s*read(?:ing)?(?: time)?|(?:estimated )?reading time\s*[:：]?\s*"
    r"(?:about |less than )?\d{1,2}\s*(?:min|mins|minutes?)\.?)",
    re.IGNORECASE,
)
_LANGUAGES = (
    r"chinese|english|中文|英文|简体|繁體|繁体|简体中文|繁體中文|simplified chinese|traditional chinese|japanese|日本語|"
    r"korean|한국어|french|français|russian|русский|spanish|español|german|deutsch|arabic|العربية|portuguese|português"
)
_LANGUAGE_SWITCH = re.compile(rf"(?:(?:{_LANGUAGES})\s*[|/·,]?\s*){{2,6}}", re.IGNORECASE)
_WELCOME = re.compile(
    r"welcome to (?:visit )?(?:the )?[\w .'’-]{2,60}?(?:website|web site|site|portal|homepage|home page|"
    r"network|net|online)[!.]?|(?:today is|it is now) [^\n]{4,40}?(?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)[^\n]{0,20}",
    re.IGNORECASE,
)
# A section's name above the headline ("News information", "Local News", "Work dynamics").
_SECTION_WORDS = frozenset(
    """news information dynamics dynamic updates update notices notice announcements announcement latest local
    current affairs headlines headline focus column channel center centre home homepage trends work industry
    company bank party government press releases release media reports report photo photos video""".split()
)
TEMPLATE_TOP = 4  # a section label stands among the first lines, above the headline


@rule(
    "junk.template_line",
    "a line of the site's template: reading time, language switch, welcome line, section name above the headline",
    line_mode=False,
)
def strip_template_lines(text: str, ctx: Context) -> Found:
    """Lines a page template prints around the article, by their shape: a reading time (``1 min read``), a
    language switch (``Chinese English``), a welcome line (``Welcome to the Jilin Bank website!``), and a
    section's name of one to three site words above the headline (``News information``).

    >>> t = "Chinese English\\n\\nNews information\\n\\nThe bank lent 3.3 billion yuan to the city\\n\\n1 min read\\n\\nThe loan helps."
    >>> [t[c.start:c.end].strip() for c in strip_template_lines(t, Context())[0]]
    ['Chinese English', 'News information', '1 min read']
    """
    lines = [(s, e) for s, e in line_spans(text) if text[s:e].strip()]
    if len(lines) < 3:
        return [], []
    changes = []
    for k, (s, e) in enumerate(lines):
        line = text[s:e].strip()
        what = None
        if _READING_TIME.fullmatch(line) or _LANGUAGE_SWITCH.fullmatch(line) or _WELCOME.fullmatch(line):
            what = "the site's template"
        elif k < TEMPLATE_TOP and _is_section_label(line) and k + 1 < len(lines):
            nxt = text[lines[k + 1][0] : lines[k + 1][1]]
            if len(nxt.split()) >= 4 or _is_section_label(nxt.strip()):  # above the headline, not a heading
                what = "a section name above the headline"
        if what:
            changes.append(_remove_line(text, s, e, "junk.template_line", f"'{line[:40]}' is {what}"))
    return _dedupe(changes), []


def _is_section_label(line: str) -> bool:
    words = line.lower().split()
    return 1 <= len(words) <= 3 and all(w in _SECTION_WORDS for w in words) and not line.endswith(".")


# "... the headline | Corruption | The Central Commission for Discipline Inspection": the page's tags and
# section after the headline, on the first line, between bars.
_BAR = re.compile(r"\s+\|\s+")
HEADLINE_TAG_WORDS = 8


@rule(
    "junk.headline_furniture",
    "tags after the headline ('Title | Corruption | Site'), a site's path before a headline it prints again",
    line_mode=False,
)
def strip_headline_furniture(text: str, ctx: Context) -> Found:
    """What a template runs into the headline line: tags and a section after it between bars
    (``Title | Corruption | The Central Commission``: two bars or more, short parts, no sentence), and the
    site's path before it where the next line prints the headline again (``Home News Title`` / ``Title``).

    >>> t = "Ring the alarm for cadres | Corruption | The Commission\\n\\nThe commission released four cases."
    >>> [t[c.start:c.end] for c in strip_headline_furniture(t, Context())[0]]
    [' | Corruption | The Commission']
    >>> t = "Home News City leaders went to the district\\nCity leaders went to the district\\n\\nXiong Ming led."
    >>> [t[c.start:c.end] for c in strip_headline_furniture(t, Context())[0]]
    ['Home News ']
    """
    lines = [(s, e) for s, e in line_spans(text) if text[s:e].strip()]
    if len(lines) < 2:
        return [], []
    changes = []
    s, e = lines[0]
    bars = list(_BAR.finditer(text, s, e))
    if len(bars) >= 2:
        parts = [text[a.end() : b.start()] for a, b in zip(bars, bars[1:])] + [text[bars[-1].end() : e]]
        head = text[s : bars[0].start()]
        if len(head.split()) >= 4 and all(
            1 <= len(p.split()) <= HEADLINE_TAG_WORDS and not re.search(r"[.!?,;:]", p) for p in parts
        ):
            changes.append(
                Change(bars[0].start(), e, "", "junk.headline_furniture", 0.85, "tags and section after the headline")
            )
    for (s, e), (ns, ne) in zip(lines[:3], lines[1:4]):
        line, nxt = text[s:e].rstrip(), text[ns:ne].strip()
        if len(nxt.split()) >= 4 and line.lower().endswith(" " + nxt.lower()):
            prefix = line[: -len(nxt)]
            if len(prefix.split()) <= 4 and not re.search(r"[.!?,;:]", prefix):
                changes.append(
                    Change(
                        s,
                        s + len(prefix),
                        "",
                        "junk.headline_furniture",
                        0.85,
                        f"'{prefix.strip()}': the site's path before the headline",
                    )
                )
    return _dedupe(changes), []


# Runs of two or more ornaments (stars, dingbats, geometric shapes) between sentences: "response.✦ ✦ inspection".
# (the spaces before a run are taken by hand: a pattern that began with them would try every space of a
# long run of spaces again)
_ORNAMENTS = re.compile(
    r"[\u2605\u2606\u2600-\u26ff\u2700-\u27bf\u25a0-\u25ff](?:[ ]*[\u2600-\u27bf\u25a0-\u25ff]){1,9}[ ]*"
)


@rule("junk.ornaments", "a run of ornaments (✦ ✦, ★★★) in the text")
def strip_ornaments(text: str, ctx: Context) -> Found:
    """Runs of two or more ornaments (``✦ ✦``, ``★★★``, ``■ ■``) a page set between parts of the article.

    >>> t = "ready to respond.✦ ✦ Inspection teams checked the reservoirs."
    >>> [(t[c.start:c.end], c.after) for c in strip_ornaments(t, Context())[0]]
    [('✦ ✦ ', ' ')]
    """
    changes = []
    for m in _ORNAMENTS.finditer(text):
        start = m.start()
        while start > 0 and text[start - 1] == " ":
            start -= 1
        before = text[start - 1] if start else "\n"
        after = text[m.end()] if m.end() < len(text) else "\n"
        gap = " " if before not in " \n" and after not in " \n" else ""
        changes.append(Change(start, m.end(), gap, "junk.ornaments", 0.9, f"ornaments '{m.group().strip()}'"))
    return changes, []


@rule("junk.counter", "like/share counters after the last sentence", line_mode=False)
def strip_trailing_counters(text: str, ctx: Context) -> Found:
    """Like/share/view counters at the end of the article (``... meeting. 14 1356``) go."""
    body = text.rstrip()
    tail = body[-60:]
    m = _TRAILING_COUNTER.search(tail)
    if not m or len(body) < 80:
        return [], []
    start = len(body) - len(tail) + m.start()
    return [Change(start, len(body), "", "junk.counter", 0.8, "counters after the article's last sentence")], []


@rule("junk.spam", "flag links and advertising phrases in the body", "flag")
def flag_spam(text: str, ctx: Context) -> Found:
    """Links and advertising phrases injected into the body are flagged, not removed."""
    notices = [
        Notice(m.start(), m.end(), "junk.spam", f"link or advertising phrase: '{m.group()[:60]}'", "info", 0.5)
        for m in _SPAM.finditer(text)
    ]
    return [], notices


def _is_only_line(lines: list[tuple[int, int]], text: str) -> bool:
    return sum(1 for s, e in lines if text[s:e].strip()) <= 1


def _remove_line(text: str, start: int, end: int, rule: str, reason: str) -> Change:
    if end < len(text) and text[end] == "\n":
        end += 1
        while end < len(text) and text[end] == "\n" and (start == 0 or text[start - 1] == "\n"):
            end += 1
    elif start > 0:
        while start > 0 and text[start - 1] == "\n":
            start -= 1
    return Change(start, end, "", rule, 0.85, reason)


def _dedupe(changes: list[Change]) -> list[Change]:
    changes.sort(key=lambda c: (c.start, c.end))
    out: list[Change] = []
    for c in changes:
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return out
