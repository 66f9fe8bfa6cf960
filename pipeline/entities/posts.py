"""Posts: the title and the body of an official's post, read around the official's name.

A post comes from the apposition after a name (``Ni Hong, Party secretary and minister of the Ministry
of ..., attended``), from a title directly before it (``General Secretary Xi Jinping``), from a list of
posts before such a title, or from the parse (``Li Hua serves as mayor of Jinan``). A title without an
organisation takes the one of a later title (``Party secretary and minister of X``: both at X); a head
of government without one takes the place of the body named with it (``deputy secretary of Liaoning
Provincial Party Committee and governor``); a body named by its level alone (``the county Party
committee``) is the body of the article's place of that level.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace
from typing import Any

from .. import gazetteer
from ..analyse import tokens_starting_in
from ..article import Article, BodySource, Post, PostStatus
from ..core.tokens import tokenize
from ..gazetteer import PlaceEntry, PlaceKind, TitleEntry, TitleKind, TitleLevel
from .refs import LEVEL_KINDS, LEVEL_NAMES, body_of_level, ref, salient_place, salient_places

# The rank of the cadres a list of names ends on (级别: 省部级, 厅局级, 县处级, 乡科级 as machine translation
# writes them), after "and other": the names listed hold that rank, "former" kept as the editors keep it.
_RANK_LEVEL = r"(?:deputy\s+)?(?:provincial|ministerial|prefectural|prefecture|departmental|department|bureau|county|division|section|township)"
_AND_OTHER_RANK = re.compile(
    rf"\s+and\s+other(?:\s+(?:more\s+than|over|nearly|about)\s+\d+)?\s+"
    rf"(?P<rank>(?:former\s+)?{_RANK_LEVEL}(?:\s*(?:and|/|-)\s*{_RANK_LEVEL})?[\s-]+level\s+(?:leading\s+)?(?:cadres|officials))\b",
    re.IGNORECASE,
)

# A word before a title that qualifies the post it names: "acting mayor" (代市长, the title as the editors
# write it, status acting), "former deputy secretary" and "original deputy governor" (原副书记, 原副省长:
# machine translation writes 原 "original"; the title without it, status former), "executive chairmen"
# (执行主席), "first secretary" (第一书记). "standing" is not one: "standing committee" is a body.
TITLE_QUALIFIERS = frozenset({"acting", "former", "original", "executive", "first"})
_FORMER = frozenset({"former", "original"})

# What the text says became of a post, by the verb of the act (see Post.status). Before the names the act
# concerns ("decided to appoint Cui Jindu, Gou Lijun ... as vice mayors", "accepted the resignation of");
# after a name and its apposition ("Zhang Wenling being removed from office", "Li Qian, deputy governor,
# was suspected of accepting bribes"). An appointment or an election is of the post it names ("as ...");
# a removal, a resignation or a case concerns the posts the person holds.
_ACT = (
    r"(?P<appointed>appoint(?:ed|s)?|nominat(?:ed|es?)|promot(?:ed|es?))|(?P<elected>elect(?:ed|s)?)|"
    r"(?P<removed>remov(?:ed?|es|al\s+of)|dismiss(?:ed|es|al\s+of)?|relie(?:ved?|f\s+of)|expel(?:led|s)?)|"
    r"(?P<resigned>resign(?:ed|s)?|(?:accept(?:ed|s)?\s+)?(?:the\s+)?resignation\s+of)|"
    r"(?P<investigated>investigat(?:ed?|es)|suspected|placed\s+under\s+investigation|under\s+investigation|"
    r"(?:accepted?|accepting|under)\s+(?:disciplinary|discipline)\s+review)"
)
ACT_BEFORE = re.compile(rf"\b(?:{_ACT})\s+(?:(?:comrades?|the|former|original|defendant)\s+)*$", re.IGNORECASE)
# after a name, the act in the passive (an official who "investigated" the market is not under
# investigation); a resignation is the official's own act
ACT_AFTER = re.compile(
    rf"(?:\s*,[^,.;:]{{1,160}},)?\s*(?:(?:(?:has|have|had)\s+)?(?:was|were|is|are|being|been)\s+(?:also\s+)?(?:{_ACT})|"
    r"(?P<resigned_self>resigned|has\s+resigned)|(?P<no_longer>(?:(?:is|was)\s+)?no\s+longer\s+(?:serves?|served|holds?|is|the)))\b",
    re.IGNORECASE,
)
# An apposition after a name: ", who is ...", and a dash for the comma ("Qu Hai- Deputy Secretary of ...",
# "Li — mayor"; not "Hai-based").
_APPOSITION = re.compile(
    r"\s*(?:,|\(|（|(?<=\w)[-–—](?=\s)|\s[-–—](?=\s))\s*(?:who\s+(?:is|was|serves\s+as|served\s+as)\s+(?:also\s+)?|also\s+)?"
)
# "appoint Deng Xiaodong as deputy mayor of ...", "elected ... and Wang Li as vice chairmen of ..."
_AS_POST = re.compile(r"\s+as\s+(?:the\s+)?(?=[a-zA-Z])(?!well\b|a\b|an\b|soon\b|long\b|much\b)")
# "Li Side, Wang Wuji and Zhao Liuming were elected vice chairmen", "was appointed as deputy mayor"
_PASSIVE_ACT = re.compile(
    r"\s+(?:(?:has|have|had)\s+)?(?:was|were|is|are|been|be)\s+(?:also\s+)?"
    r"(?P<verb>(?:re-?)?elected|appointed|named|promoted|nominated)"
    r"(?:\s+(?:as|to\s+be|to\s+the\s+posts?\s+of))?\s+(?:the\s+)?(?=[a-zA-Z])"
)
# What a résumé says of a person after the name, no post: sex, ethnicity, birth, age, origin, membership,
# education, the start of work.
_DESCRIPTOR = re.compile(
    r"(?i:male|female|man|woman|(?:of\s+)?(?:han|hui|miao|tujia|yi|zhuang|tibetan|uyghur|uygur|mongolian|manchu|"
    r"bai|dong|yao|li|she|korean|buyi|hani|kazakh|dai|lisu|gelao|lahu|dongxiang|wa|shui|naxi|qiang|tu)"
    r"(?:\s+(?:nationality|ethnicity|ethnic\s+group|ethnic|people))?|"
    r"(?:was\s+)?born\s+(?:in|on)\b.*|aged?\s+\d+|\d{1,2}(?:\s+years\s+old)?|(?:a\s+)?native\s+of\b.*|"
    r"(?:a\s+)?(?:cpc|party|communist\s+party|ccp)\s+member|(?:a\s+)?member\s+of\s+the\s+(?:cpc|ccp|communist\s+party)"
    r"(?:\s+of\s+china)?|(?:joined|entered)\s+the\s+(?:party|cpc|ccp|communist\s+party)\b.*|"
    r"(?:started|began|joined)\s+work(?:ing)?\b.*|(?:a\s+)?(?:university|college|graduate|postgraduate|"
    r"in-service|on-the-job)\b.*|(?:with\s+)?(?:a\s+)?(?:bachelor|master|doctor|doctoral)['’]?s?\b.*degree.*)"
)
# "removed Qian Liuhe from the post of director of ...": the post the act concerns
_FROM_POST = re.compile(r"\s+(?:from|of)\s+(?:the|his|her|their)\s+posts?\s+(?:of|as)\s+(?:the\s+)?(?=[a-zA-Z])")
# "used to serve as", "successively served as" (历任): the posts listed after it are past ones.
_CAREER = re.compile(
    r"\s+(?P<past>(?:(?:used\s+to|once|successively|formerly|previously|had)\s+)+)?"
    r"(?:(?:has|have|also)\s+)*(?:serve[sd]?|serving|worked|acted|held\s+the\s+posts?\s+of)\s+as\s+",
    re.IGNORECASE,
)
# "... and other positions" (等职务) ends a career's list.
_AND_OTHER_POSTS = re.compile(r"\s+and\s+other\s+(?:positions|posts|duties|jobs|offices)\b", re.IGNORECASE)


def act_status(match: re.Match[str] | None) -> PostStatus | None:
    """The status an act's verb gives (``_ACT``'s group that matched)."""
    if match is None:
        return None
    for group, status in (
        ("appointed", "appointed"),
        ("elected", "elected"),
        ("removed", "removed"),
        ("resigned", "resigned"),
        ("resigned_self", "resigned"),
        ("no_longer", "removed"),  # 不再担任: "no longer serves as"
        ("investigated", "under investigation"),
    ):
        if group in match.re.groupindex and match.group(group):
            return status  # type: ignore[return-value]
    return None


def unqualified(title: str) -> tuple[str, PostStatus | None]:
    """A title without the word that says its post is past, and the status it gave: ``former deputy party
    branch secretary`` -> (``deputy party branch secretary``, ``former``); ``acting mayor`` keeps its word
    (the title the editors write) with status ``acting``.

    >>> unqualified("original deputy governor"), unqualified("Acting Mayor"), unqualified("mayor")
    (('deputy governor', 'former'), ('Acting Mayor', 'acting'), ('mayor', None))
    """
    first, _, rest = title.partition(" ")
    if first.lower() in _FORMER and rest:
        return rest, "former"
    if first.lower() == "acting" and rest:
        return title, "acting"
    return title, None


def _match_title(words: list[str]) -> tuple[int, TitleEntry] | None:
    """The longest title at the start of ``words`` (lowercase), as (length, entry); a qualifier before
    a title (:data:`TITLE_QUALIFIERS`) is part of it where the title table has no longer form.

    >>> [(n, e.title) for n, e in filter(None, [_match_title(["acting", "mayor", "of"]), _match_title(["executive", "vice", "mayor"])])]
    [(2, 'Mayor'), (3, 'Executive Vice Mayor')]
    >>> _match_title(["first", "meeting"]) is None
    True
    """
    exact = _title_at_start(words)
    if len(words) > 1 and words[0] in TITLE_QUALIFIERS:
        qualified = _title_at_start(words[1:])
        if qualified and (exact is None or qualified[0] + 1 > exact[0]):
            return qualified[0] + 1, qualified[1]
    return exact


def _title_at_start(words: list[str]) -> tuple[int, TitleEntry] | None:
    titles = gazetteer.title_index()
    for n in range(min(9, len(words)), 0, -1):
        entry = titles.get(tuple(words[:n]))
        if entry:
            return n, entry
    return None


_RELATIVE_BODY = re.compile(
    r"^(?:the\s+)?(provincial|municipal|city|county|district|autonomous regional|regional)\s+(.+)$", re.IGNORECASE
)
# "the city's emergency management Bureau": a body the possessive gives to the article's place of that level.
_POSSESSIVE_BODY = re.compile(
    r"^(?:the\s+)?(province|city|county|district)['’]s\s+((?:[\w-]+\s+){0,4}"
    r"(?i:bureau|committee|commission|department|office|administration|center|centre|court|procuratorate))$",
    re.IGNORECASE,
)
# "education bureau", "emergency management office": a few lowercase words and a body's noun (no Party body:
# those have their templates)
_LOWER_BODY = re.compile(
    r"(?:(?!party\b|people)[a-z][a-z-]*\s+){1,4}(?:bureau|commission|department|office|administration|center|centre)",
)
# Where an apposition's post ends: a mark, or the verb of the sentence.
_POST_END = re.compile(
    r",|;|:|\n|\)|）|\.(?:\s|$)|\s(?:attended|presided|said|went|made|delivered|visited|introduced|"
    r"reported|stressed|pointed|inspected|chaired)\b"
)
# A coordinated piece still to come after a piece that is no title ("party member and deputy director").
_LATER_TITLE = re.compile(r"^\s*(?:and|,)\s+")
# A government's executive heads (市长, 省长, 县长, 区长 and their deputies, however translated): the body of
# their post is the place's People's Government ("deputy governor" of Hebei: of the Hebei Provincial People's
# Government); a town's head stays the town's (its government has no name of its own in the texts).
_EXECUTIVE = re.compile(
    r"^(?:(?:acting|executive|first)\s+)?(?:(?:vice|deputy)[\s-]+)?(?:(?:acting|executive)\s+)?"
    r"(?:mayor|governor|(?:county|district|city|municipal)\s+(?:mayor|magistrate|head|chief)|magistrate)$",
    re.IGNORECASE,
)


def is_executive(title: str) -> bool:
    """Whether a title is the head (or a deputy head) of a people's government.

    >>> [is_executive(t) for t in ("Executive Deputy County Magistrate", "acting mayor", "vice governor", "director")]
    [True, True, True, False]
    """
    return bool(_EXECUTIVE.match(" ".join(title.split())))


def government_of(place: PlaceEntry) -> str | None:
    """The people's government of a place: ``Hebei`` -> ``Hebei Provincial People's Government``; None for
    a town or a village."""
    return gazetteer.body_of_place("government", place)


_STANDING_OF = re.compile(
    r"^(?:the\s+)?standing committee of (?:the\s+)?(provincial|municipal|city|county|district) people's congress$",
    re.IGNORECASE,
)
# A body named by its level before a title: "County people's congress standing committee", "county court".
# The words between a level and a body's noun: capitalised, or words of bodies' names ("County people's
# congress standing committee"); "Provincial leaders including the department" names no body.
_BODY_WORD = (
    r"(?:[A-Z][\w'’-]*|party|people['’]s|congress|standing|committee|commission|discipline|inspection|for|of|"
    r"and|political|legal|affairs|consultative|conference|cppcc|cpc|public|security|supervisory|supervision|"
    r"people|intermediate|higher|agricultural|agriculture|rural|finance|financial|education|health|"
    r"housing|urban-rural|development|reform|emergency|management|natural|resources|ecology|environment|"
    r"organization|organisation|propaganda|united|front|work)"
)
_BODY_BEFORE = re.compile(
    rf"(?:^|(?<=[\s.,;:]))((?i:provincial|municipal|city|county|district)(?:\s+{_BODY_WORD}){{0,5}}?\s+"
    r"(?i:committee|commission|bureau|department|office|court|procuratorate|government|congress))\s+$",
)
_PROPER_BODY = re.compile(
    r"(?:Provincial|Municipal|County|District)(?: (?:[A-Z][\w'’-]*|and|of|for))*? [A-Z][\w'’-]* "
    r"(?:Committee|Commission|Bureau|Department|Office|Center|Centre|Administration|Headquarters)"
)
_LEVEL_BODY = re.compile(
    r"(?<![\w'’-])(?:(?i:standing committee of (?:the )?(?:provincial|municipal|city|county|district) people['’]s "
    r"congress)|(?i:provincial|municipal|city|county|district)"
    rf"(?:\s+{_BODY_WORD}){{0,5}}\s+(?i:committee|commission|bureau|department|office|court|procuratorate|"
    r"government|congress))(?![\w'’-])"
)
_LEVEL_WORD = r"(?i:provincial|municipal|city|county|district|town|township)"
_TOWN = re.compile(r"(?:[A-Z][a-z'-]+ ){1,3}(?:Town|Township)")
_PARTY_SECRETARIES = frozenset({"party secretary", "party committee secretary", "secretary of the party committee"})
# The heads of a town's government, as translations write them (a town's 镇长 is its "mayor").
TOWN_HEADS = frozenset(
    {"mayor", "deputy mayor", "vice mayor", "town head", "deputy town head", "township head", "deputy township head"}
)
# A Party committee's standing committee named in a list of posts before a name: its membership.
_STANDING_MEMBER = re.compile(
    r"(?:(?<=[,;:])|(?<=\bby)|(?<=\bincluding)|(?<=\band)|(?<=\bwith)|^)\s*(?:the\s+)?standing\s+committee\s+of\s+(?:the\s+)?((?:provincial|municipal|city|county|district)\s+"
    r"(?:party|cpc)\s+committee)\s*$",
    re.IGNORECASE,
)
# "secretary of the party committee" (of a town): the title, and the body it names.
TITLE_WITH_BODY = re.compile(
    r"^((?:deputy |vice )?secretary) of the ((?:party|CPC) committee|commission for discipline inspection)$",
    re.IGNORECASE,
)


def _names_a_person(text: str) -> bool:
    """Whether a piece of text holds a romanised Chinese name (the capitals repair's reading of one)."""
    toks = tokenize(text)
    return any(
        tok.text.istitle() and toks[j + 1].text.istitle() and gazetteer.chinese_name_length(toks, j)
        for j, tok in enumerate(toks[:-1])
    )


def _singular(words: list[str]) -> list[str]:
    """``members``, ``chairmen``, ``secretaries``, ``directors`` -> their singular (a title's words)."""
    out = []
    for w in words:
        if w.endswith("men") and len(w) > 4:
            w = w[:-3] + "man"
        elif w.endswith("ies") and len(w) > 4:
            w = w[:-3] + "y"
        elif w.endswith("s") and not w.endswith(("ss", "us", "'s")) and len(w) > 3:
            w = w[:-1]
        out.append(w)
    return out


def _title_case(words: str) -> str:
    return " ".join(w if w.lower() in {"of", "for", "the", "and"} else w[0].upper() + w[1:] for w in words.split())


_LEVEL_NOUN = re.compile(r"^(.*?)\s+of\s+the\s+(province|city|county|district|autonomous region)$", re.IGNORECASE)
_BARE_LEVEL = re.compile(r"^(province|city|county|district|autonomous region)$", re.IGNORECASE)
LOCAL_UNIT = re.compile(r"^((?:[A-Z][a-z'-]+ ){1,3}(?:Township|Town|Village|Community|Street|Sub-district))\b")
_COMPANY = re.compile(
    r"\b(?:Co|Company|Ltd|Limited|(?<!Party )(?<!Leading )(?<!Working )Group|Corporation|Corp|Inc|Enterprise|Factory|Plant|Firm|"
    r"Technology|Technologies|Holdings|Industries|Industry|Electronics|Textile|Cooperative)\b\.?"
)


@dataclass
class PostReading:
    """A post as read around a name, with what resolving its body needs."""

    title: str
    organization: str | None
    entry: TitleEntry | None  # the gazetteer's title; None for one it does not hold ("Chief Chain Leader")
    place: PlaceEntry | None  # a place named in this piece of the apposition
    level: str | None = None  # "province" etc. when the title itself says where ("governor of the province")
    at: int = 0  # where the title stands in the text
    raw_organization: bool = False  # the body is the article's words, not a known institution
    plural: bool = False  # written in the plural ("vice chairmen"): several names before it share it
    by_level: bool = False  # the body is the article's place of the title's level, not written beside it
    status: PostStatus | None = None  # what the text says became of the post
    act: bool = False  # read as the object of an act ("appoint X as ...", "X was elected ...")

    @property
    def is_enterprise(self) -> bool:
        named_company = self.raw_organization and _COMPANY.search(self.organization or "")
        return self.title_kind == "enterprise" or bool(named_company)

    @property
    def title_kind(self) -> TitleKind | None:
        return self.entry.kind if self.entry else None

    def as_post(self, body: BodySource | None = None) -> Post:
        return Post(self.title, self.organization, self.status, body if self.organization else None)


class PostReader:
    """Reads the posts around a name, with the article's places to resolve 'the county Party committee'."""

    def __init__(self, doc: Any, article: Article) -> None:
        self.doc = doc
        self.article = article
        self.text = article.clean
        self.ents = [(e.start_char, e.end_char, ref(e)) for e in doc.ents if e.kb_id_]
        self.places = salient_places(doc)
        self._last_place: PlaceEntry | None = None  # the place of a body resolved from context
        self._last_raw = False  # whether the last body was the article's own words
        self.name_starts: list[int] = []  # where the article's names begin
        self.name_spans: list[tuple[int, int]] = []
        self._local_forms: dict[str, str] | None = None  # the article's places' bodies by their written forms

    def after(self, end: int) -> list[PostReading]:
        """``, Party secretary and minister of the Ministry of X,`` after a name."""
        rank = _AND_OTHER_RANK.match(self.text, end)
        if rank:  # "Ling Jihua, Su Rong and other more than 41 former provincial and ministerial level cadres"
            post = PostReading(" ".join(_singular(rank.group("rank").lower().split())), None, None, None)
            post.at, post.plural = rank.start("rank"), True
            return [post]
        described = self._past_descriptors(end)
        if described > end:  # "Zhang San, female, Han nationality, born in March 1970, is the director of"
            closing = re.match(r"\s*,?(?=\s)", self.text[described:])
            end = described + (closing.end() if closing else 0)
            if re.match(r"\s+(?:is|was)\s+(?!(?:re-?)?elected|appointed|named|promoted|nominated)", self.text[end:]):
                return self.copula(end)
        career = _CAREER.match(self.text, end)
        m = career or _APPOSITION.match(self.text, end)
        act = plain = False
        status: PostStatus | None = "former" if career and career.group("past") else None
        if not m:
            passive = _PASSIVE_ACT.match(self.text, end)
            if passive:  # "Li Side, Wang Wuji and Zhao Liuming were elected vice chairmen"
                m, status = passive, "elected" if passive.group("verb").lower().endswith("elected") else "appointed"
            elif self._after_act(end):  # "elected Sun Qiming, Ma Xiaolong, Liu Dehua vice mayors"
                m = re.compile(r"\s+").match(self.text, end)
            elif self._title_follows(end):  # "Zhao Wenhua deputy secretary of the county party committee
                # presided": the apposition without its commas
                m, plain = re.compile(r"\s+").match(self.text, end), True
            else:
                m = _AS_POST.match(self.text, end) or _FROM_POST.match(self.text, end)
            if not m:
                return []
            act = not plain
        start = m.end()
        close = _POST_END.search(self.text[start:])
        stop = start + close.start() if close else len(self.text)
        listed = self._career_end(start) if career else None
        if listed is not None:
            stop = min(stop, listed)
        if self._names_within(start, stop):
            return []  # "director Huang Zhiliang, deputy director Xiong Ying": the next name's title
        posts = self._parse(start, stop)
        # ", Member of the Standing Committee of the Municipal Party Committee, Secretary of the Municipal
        # Commission for Discipline Inspection, ...": each piece that begins with a title is a post too;
        # in a career that ends "and other positions", every piece up to it is one of its posts (a piece
        # the title table does not hold is passed over: "the agency mayor").
        while (posts or listed is not None) and close and close.group() == ",":
            if listed is not None and stop >= listed:
                break
            start = stop + 1
            close = _POST_END.search(self.text[start:])
            stop = start + close.start() if close else len(self.text)
            if listed is not None:
                stop = min(stop, listed)
            words = [w.group().lower() for w in re.finditer(r"[\w'-]+", self.text[start:stop])]
            words = words[1:] if words[:1] in (["and"], ["the"], ["a"], ["an"]) else words
            words = words[1:] if words[:1] == ["the"] else words
            if _names_a_person(self.text[start:stop]) or self._names_within(start, stop):
                break  # ", and Comrade Liu Jianguo, secretary of ...": the next person's posts
            if words and words[0] not in HONORIFICS and _match_title(words) is not None:
                more = self._parse(start, stop)
            elif listed is not None:
                # "the CPC Hengshui Municipal Party Committee Secretary": a body's name, then its title
                title = self._title_before(stop)
                named = title and re.fullmatch(
                    r"(?:(?:[A-Z][\w'’-]*|of|the|and)\s+)+", self.text[start : title.at].strip() + " "
                )
                more = [title] if title and title.organization and named else []
            else:
                break
            if not more and listed is None:
                break
            posts += more
        for post in posts:
            post.act = act or career is not None
            post.status = post.status or status
        return posts

    def _past_descriptors(self, end: int) -> int:
        """Where the words that describe a person after the name end (``, male, Han nationality, born in
        March 1965,``, ``(female)``): résumé details of appointment and discipline news, no post."""
        pos = end
        for _ in range(8):
            m = re.match(r"\s*(?:,\s*|[(（]\s*)([^,()（）.;:]{1,60}?)\s*(?:[)）])?(?=\s*[,()（）.;:])", self.text[pos:])
            if not m or not _DESCRIPTOR.fullmatch(m.group(1).strip()):
                break
            pos += m.end()
            closing = re.match(r"\s*[)）]", self.text[pos:])
            pos += closing.end() if closing else 0
        return pos

    def copula(self, end: int) -> list[PostReading]:
        """``He is the director of the Xiangxi Prefecture Finance Bureau``: the post after ``is``/``was``
        (a pronoun's; a name's is read by the parse)."""
        m = re.compile(r"\s+(?:is|was)\s+(?:also\s+|now\s+|currently\s+)?(?:the\s+)?(?=[a-zA-Z])").match(self.text, end)
        if not m:
            return []
        close = _POST_END.search(self.text, m.end())
        stop = close.start() if close else len(self.text)
        words = [w.lower() for w in re.findall(r"[\w'-]+", self.text[m.end() : stop])]
        if not words or _match_title(words) is None:
            return []
        return self._parse(m.end(), stop)

    def _title_follows(self, end: int) -> bool:
        """Whether a title in lowercase follows the name ending at ``end`` directly, its post ending before
        the clause's verb or mark (``Zhao Wenhua deputy secretary of the county party committee presided``)."""
        m = re.match(
            r"\s+([a-z][\w'-]*(?:\s+[\w'-]+){0,8}?)(?=\s+(?:of|at)\b|[,;.]|\s+[a-z]+ed\b|\s+(?:attended|said))",
            self.text[end : end + 120],
        )
        if not m:
            return False
        words = [w.lower() for w in re.findall(r"[\w'-]+", m.group(1))]
        hit = _match_title(words)
        return bool(hit and hit[0] == len(words) and words[0] not in HONORIFICS)

    def _after_act(self, end: int) -> bool:
        """Whether the name ending at ``end`` is the object of an act whose post follows it without ``as``
        (``elected Zhou Tianyi mayor of Yangzhou``, ``appointed Sun Qiming, Ma Xiaolong vice mayors``): the
        words after it begin a title, and an act's verb stands before the names coordinated with it."""
        words = [w.lower() for w in re.findall(r"[\w'-]+", self.text[end : end + 80])]
        if not words or (_match_title(words) is None and _match_title(_singular(words)) is None):
            return False
        start = next((s for s, e in self.name_spans if e == end), None)
        while start is not None:
            before = next(
                (
                    s
                    for s, e in self.name_spans
                    if e < start and re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)", self.text[e:start])
                ),
                None,
            )
            if before is None:
                break
            start = before
        if start is None:
            return False
        sentence = self.article.sentence_at(start)
        s0 = sentence.start if sentence is not None and sentence.start <= start else max(0, start - 200)
        act = ACT_BEFORE.search(self.text, s0, start)
        return act is not None and act_status(act) in ("appointed", "elected")

    def _career_end(self, start: int) -> int | None:
        """Where a career's list ends: at ``and other positions`` in its sentence (``used to serve as A,
        B, ... and the CPC X Committee Secretary and other positions``), None where it has no such end."""
        sentence = self.article.sentence_at(start)
        stop = sentence.end if sentence is not None and sentence.end > start else len(self.text)
        found = _AND_OTHER_POSTS.search(self.text, start, stop)
        return found.start() if found else None

    def _names_within(self, start: int, stop: int) -> bool:
        """Whether the piece is a title and the name it stands before (``deputy director Xiong Ying``)."""
        for s in self.name_starts:
            if start < s < stop:
                written = re.findall(r"[\w'-]+", self.text[start:s])
                words = [w.lower() for w in written]
                hit = _match_title(words) or _match_title(_singular(words))
                if not (words and hit):
                    continue
                # "deputy director Xiong Ying"; "former deputy director of the village committee Shen Qin": a
                # body in lowercase words, then a Chinese name (not "secretary of the party committee of
                # Brick Temple Town", a place the tagger took for a person)
                rest = written[hit[0] :]
                surname = self.text[s:].split(" ", 1)[0].lower()
                if not rest or (rest[0] == "of" and all(w.islower() for w in rest) and surname in gazetteer.surnames()):
                    return True
        return False

    def from_parse(self, start: int, end: int) -> list[PostReading]:
        """Posts the dependency parse ties to the name: ``Li Hua serves as mayor of Jinan``,
        ``Chen Gang was appointed secretary of the X Committee``, ``Wang Lin, as director of ...``."""
        head = next(
            (
                self.doc[i]
                for i in tokens_starting_in(self.doc, start, end)
                if end <= self.doc[i].idx + len(self.doc[i].text) + 1
            ),
            None,
        )
        if head is None or head.dep_ not in {"nsubj", "nsubjpass"}:
            return []
        verb = head.head
        spans = []
        for child in verb.children:
            if child.dep_ in {"attr", "oprd"} and verb.lower_ in _POST_VERBS:
                spans.append(child)
            elif child.dep_ == "prep" and child.lower_ == "as":
                spans += [g for g in child.children if g.dep_ == "pobj"]
        posts: list[PostReading] = []
        for token in spans:
            first = min(t.idx for t in token.subtree)
            last = max(t.idx + len(t.text) for t in token.subtree)
            posts += self._parse(first, last)
        for post in posts:
            post.act = True  # the post the verb gives: "was appointed secretary of ..."
        return posts

    def before(self, start: int) -> list[PostReading]:
        """``General Secretary Xi Jinping``, ``district chief Wei Zhendong``, and the posts listed before
        such a title: ``Secretary of the Municipal Party Committee, Director of the Standing Committee of
        the Municipal People's Congress, and Chief Chain Leader Yang Hongtao``."""
        post = self._title_before(start)
        first = post.at if post else start
        unnamed = None
        if post is None:  # "..., and Chief Chain Leader Yang Hongtao": a title no list holds, after posts
            m = re.search(r"(?:,\s*and|,)\s+((?:[A-Z][\w'-]*\s+){1,4})$", self.text[max(0, start - 80) : start])
            if m:
                first = start - len(m.group(1))
                title = m.group(1).strip()
                unnamed = PostReading(title, None, None, None, None, first)
        chain = self._chain_before(first)
        if unnamed is not None:
            return [*chain, unnamed] if chain else []
        if post is None:
            return self._list_introduced_before(start) or self._title_and_comma_before(start)
        if chain:
            self._distribute([*chain, post])  # "Party Group Secretary and Director of X Name": both at X
            if post.status is None and chain[0].status == "former":
                post.status = "former"  # "Former A and B Name": both past
        return [*chain, post]

    def _list_introduced_before(self, start: int) -> list[PostReading]:
        """A list of names introduced by its post: ``Vice chairmen: A, B``, ``The following were elected vice
        chairmen: A, B``, ``Elected vice mayors of the municipal government: A, B``, ``The vice-chairmen
        elected were A, B and C``, ``Elected as vice chairman of the Standing Committee were A, B``. The
        clause before a colon (or before ``were``, ``are``, ``include``), from the start of its sentence
        or a semicolon, names no one and holds a title: the last title there (with its ``of`` body) is the
        post of every name listed (shared as a post in the plural)."""
        window = self.text[max(0, start - 200) : start]
        intro = re.search(r"(?:[:：]|\b(?:were|are|include[sd]?|including|namely)\s*[:：]?)\s*$", window)
        if not intro:
            return []
        end = start - len(window) + intro.start()
        sentence = self.article.sentence_at(end)
        s0 = sentence.start if sentence is not None and sentence.start <= end else max(0, end - 200)
        s0 = max(s0, self.text.rfind(";", s0, end) + 1, self.text.rfind("\n", s0, end) + 1)
        if any(s0 <= s < end for s in self.name_starts):
            return []  # "Secretary Li Ming said the members are: ...": the clause names someone
        clause = re.sub(r"[(（][^()（）]*[)）]", lambda p: " " * len(p.group()), self.text[s0:end])
        words = list(re.finditer(r"[\w'-]+", clause))
        for k in range(len(words) - 1, -1, -1):
            lowers = [w.group().lower() for w in words[k:]]
            if lowers[0] in HONORIFICS:
                continue
            hit = _match_title(lowers) or _match_title(_singular(lowers))
            if hit:
                reach = k + hit[0]  # a longer title ending there: "vice chairmen", not "chairmen"
                for j in range(k - 1, max(-1, k - 4), -1):
                    wider = [w.group().lower() for w in words[j:]]
                    longer = _match_title(wider) or _match_title(_singular(wider))
                    if longer and j + longer[0] >= reach:
                        k = j
                posts = self._parse(s0 + words[k].start(), s0 + len(clause.rstrip()))
                if not posts:
                    continue
                posts[0].plural = True  # every name of the list holds it
                verb = act_status(re.search(rf"\b(?:{_ACT})", clause, re.IGNORECASE))
                if verb in ("appointed", "elected") and posts[0].status is None:
                    posts[0].status, posts[0].act = verb, True  # "The following were elected ...:"
                return posts[:1]
        return []

    def _title_and_comma_before(self, start: int) -> list[PostReading]:
        """``On the 20th, the secretary of the county party committee, Hu Xiaohai, ...`` (县委书记胡晓海 as
        machine translation writes it): a post set off by commas before a name, where it opens its sentence
        or follows a clause that names nobody (after a name it is that name's apposition: ``Li Ming,
        secretary of X, Wang Hua, ...``)."""
        comma = re.search(r",\s*$", self.text[max(0, start - 3) : start])
        if not comma:
            return []
        end = start - 3 + comma.start() if start >= 3 else comma.start()
        sentence = self.article.sentence_at(end)
        s0 = sentence.start if sentence and sentence.start <= end else max(0, end - 200)
        ps = max(self.text.rfind(",", s0, end) + 1, s0)
        ps += len(self.text[ps:end]) - len(self.text[ps:end].lstrip())
        words = [w.lower() for w in re.findall(r"[\w'-]+", self.text[ps:end])]
        words = words[1:] if words[:1] in (["the"], ["and"]) else words
        if not words or words[0] in HONORIFICS or _match_title(words) is None:
            return []
        if any(s0 <= s < end for s in self.name_starts):
            return []  # a name in the clause or before it in the sentence: the post is that name's
        return self._parse(ps, end)

    def _chain_before(self, pos: int) -> list[PostReading]:
        """Posts in a list that ends at ``pos``, each piece a post (``Director of X``, ``X Secretary``),
        from the start of the sentence or a word that is no name; none where the list follows a name
        (``Zhang Lei, secretary of X, and Li Tao``: Zhang Lei's posts)."""
        sentence = self.article.sentence_at(pos)
        s0 = sentence.start if sentence and sentence.start <= pos else max(0, pos - 400)
        posts: list[PostReading] = []
        while True:
            sep = re.search(r"(?:,\s*(?:and\s+)?|\s+and\s+)$", self.text[s0:pos])
            if not sep:
                break
            end = s0 + sep.start()
            ps = max(self.text.rfind(",", s0, end) + 1, s0)
            ps += len(self.text[ps:end]) - len(self.text[ps:end].lstrip())
            if ps >= end or self._names_within(ps - 1, end) or any(ps < e <= end for _, e in self.name_spans):
                break
            words = [w.lower() for w in re.findall(r"[\w'-]+", self.text[ps:end])]
            words = words[1:] if words[:1] in (["and"], ["the"]) else words
            got: list[PostReading] = []
            if words and _match_title(words):
                got = self._parse(ps, end)
            else:
                title = self._title_before(end)
                standing = _STANDING_MEMBER.search(self.text, ps, end)
                if (
                    title
                    and title.organization
                    and re.fullmatch(rf"(?:(?:[A-Z][\w'’-]*|of|the|and|{_LEVEL_WORD})\s+)+", self.text[ps : title.at])
                ):
                    got = [title]  # "Hefei Municipal Party Committee Secretary", "county deputy secretary"
                elif standing:
                    # "the Standing Committee of the County Party Committee and Executive Deputy County Magistrate
                    # He Bin" (县委常委、常务副县长: "member of" lost): a member of that standing committee
                    at = standing.start() + len(standing.group()) - len(standing.group().lstrip())
                    member = PostReading("member of the standing committee", None, None, None, None, at)
                    member.organization = self._level_body(standing.group(1))
                    got = [member]
            if not got:
                break
            posts, pos = got + posts, ps
        if posts and re.search(r",\s*$", self.text[s0:pos]):
            before = self.text[s0:pos].rstrip()[:-1].rstrip()
            if any(s0 + len(before) == e for _, e in self.name_spans):
                return []  # the apposition of the name before the list
        self._distribute(posts)
        return posts

    def _title_before(self, start: int) -> PostReading | None:
        before = self.text[max(0, start - 80) : start]
        words = list(re.finditer(r"[\w'-]+", before))
        for n in range(min(9, len(words)), 0, -1):
            chosen = words[-n:]
            if before[chosen[-1].end() :].strip():
                return None
            lowers = [w.group().lower() for w in chosen]
            hit = _match_title(lowers)
            plural = False
            if not (hit and hit[0] == n):
                hit = _match_title(_singular(lowers))  # "deputy directors Wu Hong, Wang Li and Gu Jin"
                plural = bool(hit and hit[0] == n and lowers != _singular(lowers))
            if hit and hit[0] == n:
                at = start - len(before) + chosen[0].start()
                if any(s < at < e and r is not None and r.kind != "place" for s, e, r in self.ents):
                    # "... Municipal Party Committee Secretary": the committee is a body's name (but the level
                    # word of a place is the title's too: "Shapotou District chief", 区长)
                    continue
                title = (
                    " ".join(_singular(lowers)) if plural else self.text[at : start - len(before) + chosen[-1].end()]
                )
                # a title a company word qualifies is a manager's
                entry = replace(hit[1], kind="enterprise") if self._company_title(at) else hit[1]
                title, status = unqualified(title)
                post = PostReading(title, None, entry, None, None, at, status=status)
                post.plural = plural
                post.organization = self._body_before_title(at, post)
                if post.organization and post.organization.endswith("Party Committee"):
                    # "Hefei Municipal Party Committee Secretary": the committee's secretary
                    post.title = re.sub(r"^party committee\s+", "", post.title, flags=re.IGNORECASE)
                named = None if plural else self._body_in_title(at, at + len(title))
                if named and post.organization is None:  # "Vice Premier of the State Council Sun Chunlan"
                    post.title, post.organization = named
                self._distribute([post])
                return post
        return self._title_of_body_before(start)

    def _title_of_body_before(self, start: int) -> PostReading | None:
        """``Former Party Secretary of Xiangxi Prefecture Ye Hongzhuan``, ``Mayor of Xiamen Huang Wenhui``
        (a headline's word order): a title, ``of``, and a place or a body the gazetteer marked, right
        before the name."""
        for s, e, r in self.ents:
            if r is None or not start - 2 <= e <= start or self.text[e:start].strip():
                continue
            lead = re.search(r"((?:[\w'-]+\s+){1,6})of\s+(?:the\s+)?$", self.text[max(0, s - 70) : s])
            if not lead:
                return None
            post = _title_ending(lead.group(1), max(0, s - 70) + lead.start(1))
            if post is not None:
                post.organization, post.place = r.name, r.place
                if r.place and post.title_kind == "party":
                    post.organization = _party_committee(r.place) or r.name
            return post
        return self._title_of_named_body_before(start)

    def _title_of_named_body_before(self, start: int) -> PostReading | None:
        """``Former Party Group Secretary and Director of the Hunan Provincial Department of Water Resources
        Wang Qiang``: a title, ``of``, and a body's name in capitals (a place's level word and a body's noun
        in it) right before the name, where the gazetteer knows no such body."""
        m = re.search(
            r"((?:[\w'-]+\s+){1,6})of\s+(?:the\s+)?((?:[A-Z][\w'’-]*|of|and|for|the)(?:\s+(?:[A-Z][\w'’-]*|of|and|for|the)){1,12})\s+$",
            self.text[max(0, start - 160) : start],
        )
        if not m or not _NAMED_BODY.search(m.group(2)) or not m.group(2).split()[-1][:1].isupper():
            return None
        post = _title_ending(m.group(1), max(0, start - 160) + m.start(1))
        if post is not None:
            post.organization, post.raw_organization = self._local_form(m.group(2)) or m.group(2), True
        return post

    def _company_title(self, at: int) -> bool:
        """``... Investment Management Co., LTD. Project minister Ju Yankai``: a title a company word
        qualifies, after a company's name in the same sentence, is a manager's, not an official's."""
        sentence = self.article.sentence_at(at)
        start = sentence.start if sentence and sentence.start <= at else max(0, at - 200)
        if re.search(
            r"(?i)\b(?:company|enterprise|factory|firm|plant|corporation)['’]s\s+$", self.text[max(0, at - 30) : at]
        ):
            return True  # "The company's executive director Hu Xiangzhong"
        word = re.search(r"([A-Z][a-z]+)\s+$", self.text[max(0, at - 30) : at])
        lead = self.text[max(start - 120, 0) : at]
        return bool(word and _COMPANY.search(lead) and word.group(1).lower() not in LEVEL_KINDS)

    def _body_before_title(self, at: int, post: PostReading) -> str | None:
        """``Hefei mayor Liu``, ``Yunyang County Party Secretary Wang``, ``county Party secretary Li``."""
        for _, e, r in self.ents:
            if r and e in (at - 1, at):
                if r.place and post.title_kind == "party":
                    return _party_committee(r.place) or r.name
                return r.name
        written = _BODY_BEFORE.search(self.text[max(0, at - 90) : at])
        if written:  # "County people's congress standing committee director Huang", "District Party
            # Committee Deputy Secretary Luo": a body named by its level alone, before the title
            return self._level_body(written.group(1))
        level = re.search(
            r"\b(provincial|municipal|city|county|district)\s*$", self.text[max(0, at - 20) : at], re.IGNORECASE
        )
        if level and post.title_kind == "party":
            place = self._place_of_level(LEVEL_KINDS[level.group(1).lower()], at)
            return _party_committee(place) if place else None
        if level and post.title_kind == "court":  # "county court President", "county prosecutor general"
            body = "procuratorate" if re.search(r"procurat|prosecut", post.title, re.IGNORECASE) else "court"
            if post.title.lower() == "court president":
                post.title = post.title.split()[-1]
            return self._level_body(f"{level.group(1)} {body}")
        return None

    def _parse(self, start: int, stop: int) -> list[PostReading]:
        posts: list[PostReading] = []
        for ps, pe in _split_and(self.text, start, stop):
            words = list(re.finditer(r"[\w'-]+", self.text[ps:pe]))
            if words and words[0].group().lower() in ("the", "a", "an"):
                words = words[1:]
            lowers = [w.group().lower() for w in words]
            hit = _match_title(lowers)
            plural = False
            if hit is None:
                hit = _match_title(_singular(lowers))  # "members of the standing committee"
                plural = hit is not None
            if hit is None:
                if not posts and not _LATER_TITLE.search(self.text[pe:stop]):
                    return []  # "a resident and ...": not a post; "party member and deputy director": go on
                continue
            n, entry = hit
            title_start, title_end = ps + words[0].start(), ps + words[n - 1].end()
            title_text = " ".join(_singular(lowers[:n])) if plural else self.text[title_start:title_end]
            title, level = _split_level(title_text)
            title, status = unqualified(title)
            self._last_place, self._last_raw = None, False
            org = self._organization(title_end, pe)
            named = self._body_in_title(title_start, title_end)
            if named and org is None:  # "vice premier of the State Council": the title and its body
                title, org = named
            place = self._place_in(ps, pe) or self._last_place
            if status is None and posts and posts[0].status == "former" and self.text[ps - 5 : ps].strip() == "and":
                status = "former"  # "former secretary of the Party group and director of X": both past
            reading = PostReading(title, org, entry, place, level, title_start, self._last_raw, status=status)
            reading.plural = plural
            posts.append(reading)
        self._distribute(posts)
        return posts

    def _body_in_title(self, start: int, end: int) -> tuple[str, str] | None:
        """A title written with its body (``Vice Premier of the State Council``): (title, body) where the
        words after ``of the`` are a known organisation."""
        m = re.match(r"(.+?)\s+of\s+(?:the\s+)?", self.text[start:end])
        if not m:
            return None
        for s, e, r in self.ents:
            if s == start + m.end() and e == end and r and r.kind == "org":
                return self.text[start : start + m.start(1) + len(m.group(1))], r.name
        return None

    def _organization(self, start: int, stop: int) -> str | None:
        """The body after the title: ``of the Anqing Municipal Party Committee``, ``of Huaishu Township``."""
        m = re.match(r"\s+(?:of|at|in(?!\s+charge\b))\s+(?:the\s+)?", self.text[start:stop])
        if not m:
            return None
        at = start + m.end()
        phrase = self.text[at:stop].strip()
        level = _BARE_LEVEL.match(phrase)
        if level:  # "vice chairman of the autonomous region": the article's region
            place = self._place_of_level(LEVEL_KINDS[level.group(1).lower()], start)
            return place.name if place else None
        relative = self._relative_body(phrase)
        if relative:  # "the Municipal Committee of the Chinese People's Political Consultative Conference"
            self._last_place = relative[1]
            return relative[0]
        for s, e, r in self.ents:
            if s == at and r:
                if r.kind == "place" and re.match(r"\s+[A-Z]", self.text[e:stop]):
                    break  # "Hangzhou Jinlun Textile Group": the place begins a longer name
                return r.name
        unit = LOCAL_UNIT.match(phrase)
        if unit:
            return unit.group(1)
        relative = self._relative_body(phrase)
        if relative:
            self._last_place = relative[1]
            return relative[0]
        # "the Hunan Provincial Department of Transportation", "the Party Working Committee of Xiaolan Economic
        # Development Zone": a body's name goes on past "of"; "the office in Hangzhou" stops at "in"
        raw = re.split(r"\s+in\s+(?=[A-Z])", phrase)[0] or None
        known = self._local_form(raw) if raw else None
        if known:  # "Standing Committee of Yangzhou Municipal People's Congress" ("the" lost): the template's
            return known
        self._last_raw = True
        return raw

    def _local_form(self, phrase: str) -> str | None:
        """A body of one of the article's places written as a template writes it, save for ``the``, case and
        apostrophes: its canonical name."""
        if self._local_forms is None:
            forms: dict[str, str] = {}
            for place in self.places:
                for template in gazetteer.org_templates():
                    name = gazetteer.local_body_name(template, place)
                    for form in (template.pattern, *template.aliases):
                        forms.setdefault(_folded(form.replace("{place}", gazetteer.bare_name(place))), name)
                    forms.setdefault(_folded(name), name)
            self._local_forms = forms
        return self._local_forms.get(_folded(phrase))

    def resolve(self, post: PostReading) -> None:
        """A body named by its level alone is the article's place's: ``the District Court``, ``Standing
        Committee of the Municipal People's Congress``, ``county CPPCC committee``; and a title that
        names the body goes with its place: ``secretary of the party committee`` of ``Wucheng Town`` is
        the secretary of the Wucheng Town Party Committee, the ``Party secretary`` of Putian the
        secretary of the Putian Municipal Party Committee."""
        org = post.organization
        group = _PARTY_GROUP_OF.match(org or "")
        if group:  # "secretary of the county CPPCC leading group": the Party group of the county's committee
            inner = self._relative_body(" ".join(group.group(1).replace("’", "'").split()))
            if inner:
                post.organization, post.place = f"Party Group of the {inner[0]}", inner[1]
                return
        if org:
            phrase = " ".join(org.replace("’", "'").split()).rstrip(",")
            standing = _STANDING_OF.match(phrase)
            if standing:
                phrase = f"{standing.group(1)} People's Congress Standing Committee"
            relative = self._relative_body(phrase)
            if relative:
                post.organization, post.place = relative
        if post.organization and is_executive(post.title):
            place = self._place_named(post.organization, post.place)
            government = government_of(place) if place else None
            if government:  # the mayor of Xiamen: of the Xiamen Municipal People's Government
                post.organization, post.place = government, place
        town = _TOWN.fullmatch(post.organization or "")
        if town and post.title.lower() in _PARTY_SECRETARIES:
            # "party secretary of Changdong Town": the secretary of the Changdong Town Party Committee
            post.title, post.organization = "secretary", f"{post.organization} Party Committee"
            return
        if town and (is_executive(post.title) or post.title.lower() in TOWN_HEADS):
            post.organization = f"{post.organization} People's Government"  # "mayor of Wucheng Town" (镇长)
            return
        body = TITLE_WITH_BODY.match(post.title)
        if body and post.organization and LOCAL_UNIT.match(post.organization + " "):
            post.title, post.organization = body.group(1), f"{post.organization} {_title_case(body.group(2))}"
        elif (
            post.title.lower() == "party secretary"
            and post.place is not None
            and post.organization == post.place.name
            and _party_committee(post.place)
        ):
            post.title, post.organization = "secretary", _party_committee(post.place)

    def _place_named(self, name: str, place: PlaceEntry | None) -> PlaceEntry | None:
        """The place a body's name is (``Hebei``, ``Jingtai County``): the post's own place, the article's
        place of that name, or the one place the gazetteer has under it."""
        key = " ".join(name.replace("’", "'").split()).lower()
        for candidate in [place, *self.places, *(r.place for _, _, r in self.ents if r and r.place)]:
            if candidate is not None and key in {candidate.name.lower(), gazetteer.bare_name(candidate).lower()}:
                return candidate
        named = gazetteer.places_named(name)
        return named[0] if len(named) == 1 else None

    def body_written_before(self, start: int, at: int) -> str | None:
        """The last body named by its level between ``start`` and ``at`` (``the Standing Committee of the
        District People's Congress``), resolved to the article's place of that level."""
        found = list(_LEVEL_BODY.finditer(self.text, start, at))
        return self._level_body(found[-1].group()) if found else None

    def _level_body(self, phrase: str) -> str:
        """A body named by its level alone (``county court``): the body of the article's place of that
        level, under the template's name; with no such place, the template's name without a place
        (``County People's Court``), or the words as written."""
        phrase = " ".join(phrase.replace("’", "'").split())
        standing = _STANDING_OF.match(phrase)
        if standing:
            phrase = f"{standing.group(1)} People's Congress Standing Committee"
        department = _LEVEL_PARTY_DEPARTMENT.match(phrase)
        if department:  # "municipal organization department": of the Party committee of the article's city
            committee = self._relative_body(f"{department.group(1)} party committee")
            if committee:
                return f"{_title_case(department.group(2).lower())} of the {committee[0]}"
        relative = self._relative_body(phrase)
        if relative:
            return relative[0]
        template = gazetteer.template_for_suffix(phrase)
        if template and template.pattern.startswith("{place} "):
            return template.pattern.removeprefix("{place} ")
        return _title_case(phrase)

    def _relative_body(self, phrase: str) -> tuple[str, PlaceEntry] | None:
        """``the county Party committee``: the body of the article's county; ``the city's emergency
        management Bureau``: the body the possessive gives to the article's city."""
        owned = _POSSESSIVE_BODY.match(phrase)
        if owned:
            level = LEVEL_NAMES[owned.group(1).lower()]
            relative = self._relative_body(f"{level} {owned.group(2)}")
            if relative:
                return relative
            place = salient_place(self.places, LEVEL_KINDS[level.lower()])
            if place is not None:
                return f"{gazetteer.bare_name(place)} {level} {_title_case(owned.group(2).lower())}", place
            return None
        m = _RELATIVE_BODY.match(phrase)
        if not m:
            return None
        template = gazetteer.template_for_suffix(f"{m.group(1)} {m.group(2)}")
        if template is not None:
            return body_of_level(m.group(1), template, self.places)
        # "the Municipal Industrial Promotion Committee": a body's own name, in capitals, no template; "the
        # county education bureau": a level, a few words and a body's noun, in lowercase
        place = salient_place(self.places, LEVEL_KINDS.get(m.group(1).lower(), set()))
        if place is None:
            return None
        if _PROPER_BODY.fullmatch(f"{m.group(1)} {m.group(2)}"):
            return f"{gazetteer.bare_name(place)} {m.group(1)} {m.group(2)}", place
        if _LOWER_BODY.fullmatch(m.group(2)) and m.group(1).lower() in LEVEL_NAMES:
            level = LEVEL_NAMES[m.group(1).lower()]
            return f"{gazetteer.bare_name(place)} {level} {_title_case(m.group(2).lower())}", place
        return None

    def _place_of_level(self, kinds: Collection[PlaceKind], at: int) -> PlaceEntry | None:
        """A place of these kinds in the sentence around ``at``, else the article's most mentioned one."""
        sentence = self.article.sentence_at(at)
        s_start, s_end = (sentence.start, sentence.end) if sentence else (0, len(self.text))
        for s, _, r in self.ents:
            if s_start <= s < s_end and r and r.place and r.place.kind in kinds:
                return r.place
        return salient_place(self.places, kinds)

    def _place_in(self, ps: int, pe: int) -> PlaceEntry | None:
        for s, e, r in self.ents:
            if ps <= s and e <= pe and r and r.place:
                return r.place
        return None

    def _distribute(self, posts: list[PostReading]) -> None:
        """A post without a body takes the place of its level, or the body of a later post."""
        committee = next(
            (p.organization for p in posts if p.organization and PARTY_COMMITTEE.search(p.organization)), None
        )
        for post in posts:
            if post.organization and committee and _PARTY_DEPARTMENT.match(post.organization):
                # "member of the Standing Committee of the Provincial CPC Committee and director of the
                # Organization Department": the department of that committee
                department = (
                    "Political and Legal Affairs Commission"
                    if _POLITICAL_AND_LEGAL.match(post.organization)
                    else post.organization
                )
                post.organization, post.raw_organization = f"{department} of the {committee}", False
        for i, post in enumerate(posts):
            later = next((p.organization for p in posts[i + 1 :] if p.organization), None)
            if post.organization and later and _BARE_PARTY_GROUP.match(post.organization):
                # "Deputy Secretary of the Party Group and Deputy Director of the Standing Committee of X"
                post.organization, post.raw_organization = f"Party Group of the {later}", False
            if post.organization:
                continue
            level = post.level or (_TITLE_LEVEL.get(post.entry.level) if post.entry else None)
            if level and (post.level or post.title_kind == "state"):
                kinds = LEVEL_KINDS[level]
                named = next((p.place for p in posts if p.place and p.place.kind in kinds), None)
                place = named or self._place_of_level(kinds, post.at)
                if place:
                    post.organization, post.by_level = place.name, named is None
                    continue
            post.organization = later


PARTY_COMMITTEE = re.compile(
    r"(?:Provincial|Regional|Municipal|County|District|Prefectural|Prefecture|Autonomous County) Party Committee$"
)
# 政法委 under the commission's own English name, whatever the translation wrote
_POLITICAL_AND_LEGAL = re.compile(r"^Political and Legal (?:Affairs )?(?:Commission|Committee)$", re.IGNORECASE)
_PARTY_DEPARTMENT = re.compile(
    rf"^(?:Organization|Organisation|Propaganda|United Front Work) Department$|{_POLITICAL_AND_LEGAL.pattern}",
    re.IGNORECASE,
)
# A department of a Party committee named by its level alone ("the municipal organization department",
# 市委组织部): the department of that level's committee.
_LEVEL_PARTY_DEPARTMENT = re.compile(
    r"^(?:the\s+)?(provincial|municipal|city|county|district)\s+(?:party\s+committee\s+|committee\s+)?"
    r"((?:organization|organisation|propaganda|united\s+front\s+work)\s+department)$",
    re.IGNORECASE,
)
_PARTY_GROUP_OF = re.compile(r"^(?:the\s+)?(.+?)\s+(?:leading\s+party|leading|party)\s+group$", re.IGNORECASE)
_BARE_PARTY_GROUP = re.compile(r"^(?:the\s+)?(?:leading\s+)?party\s+group$", re.IGNORECASE)
HONORIFICS = frozenset({"comrade"})
_POST_VERBS = frozenset(
    "is was are were serves served serving acts acted works worked appointed elected named "
    "promoted became becomes remains remained".split()
)
_TITLE_LEVEL: dict[TitleLevel, str] = {"provincial": "provincial", "municipal": "municipal", "county": "county level"}


# The words of bodies' names that name no particular body: a body whose other words are all written in
# the sentence of its post is stated there; one whose place came from the article's places is inferred.
_GENERIC_BODY_WORDS = frozenset(
    "the of and for in at party committee commission provincial municipal city county district town township "
    "village autonomous regional region prefecture prefectural people people's government congress standing "
    "cpc communist chinese china bureau department office court procuratorate political consultative "
    "conference cppcc discipline inspection supervisory supervision working group leading branch".split()
)


def body_source(organization: str | None, written: str) -> BodySource | None:
    """``stated`` where the body's own words (its place, its name) are in ``written``, the text of the
    post's sentence; ``inferred`` where the body was completed from elsewhere (``the county Party
    committee`` of an article about Qianshan: the Qianshan County Party Committee).

    >>> body_source("Qianshan County Party Committee", "the secretary of the county party committee, Hu")
    'inferred'
    >>> body_source("Tianjin Municipal People's Government", "appoint Cui as vice mayor of Tianjin")
    'stated'
    """
    if organization is None:
        return None
    seen = set(re.findall(r"[a-z0-9]+", written.lower().replace("’", "'")))
    own = [w for w in re.findall(r"[a-z0-9]+", organization.lower().replace("’", "'")) if w not in _GENERIC_BODY_WORDS]
    return "stated" if all(w in seen for w in own if w != "s") else "inferred"


# A body's name in capitals: a level word and a body's noun ("Hunan Provincial Department of Water Resources").
_NAMED_BODY = re.compile(
    r"\b(?:Provincial|Municipal|County|District|Prefectural|Township|Town)\b.*\b(?:Department|Bureau|Commission|"
    r"Committee|Office|Administration|Court|Procuratorate|Government|Congress|Conference|Center|Centre)\b"
)


def _title_ending(lead: str, offset: int) -> PostReading | None:
    """The longest title the words of ``lead`` end on (``Former Party Secretary`` of ``... Former Party
    Secretary``), as a post without a body; ``offset``: where ``lead`` stands in the text."""
    written = list(re.finditer(r"[\w'-]+", lead))
    for k in range(len(written)):
        lowers = [w.group().lower() for w in written[k:]]
        hit = _match_title(lowers)
        if hit and hit[0] == len(lowers):
            title, status = unqualified(" ".join(w.group() for w in written[k:]))
            return PostReading(title, None, hit[1], None, None, offset + written[k].start(), status=status)
    return None


def _folded(text: str) -> str:
    """A body's name for comparison: lowercase words, without ``the``, the apostrophes one.

    >>> _folded("Standing Committee of Yangzhou Municipal People’s Congress")
    "standing committee of yangzhou municipal people's congress"
    """
    words = re.findall(r"[\w']+", text.lower().replace("’", "'"))
    return " ".join(w for w in words if w != "the")


def _party_committee(place: PlaceEntry) -> str | None:
    """The Party committee of a place: ``Yunyang County`` -> ``Yunyang County Party Committee``."""
    return gazetteer.body_of_place("party_committee", place)


def _split_level(title: str) -> tuple[str, str | None]:
    """``governor of the province`` -> (``governor``, ``province``)."""
    m = _LEVEL_NOUN.match(title)
    if m and m.group(1):
        return m.group(1), m.group(2).lower()
    return title, None


def _split_and(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """Split an apposition on ' and ' where the next word starts a title."""
    cuts = [start]
    for m in re.finditer(r"\s+and\s+", text[start:stop]):
        rest = [w.lower() for w in re.findall(r"[\w'-]+", text[start + m.end() : stop])]
        if rest[:1] == ["the"]:
            rest = rest[1:]
        if _match_title(rest) or _match_title(_singular(rest)):  # "... and Deputy Directors"
            cuts.append(start + m.start())
            cuts.append(start + m.end())
    cuts.append(stop)
    pairs = list(zip(cuts[0::2], cuts[1::2]))
    return [(s, e) for s, e in pairs if text[s:e].strip()]
