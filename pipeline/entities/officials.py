"""People and officials: the names of the article, the posts read around them, later mentions and spellings.

The posts themselves are read by :mod:`pipeline.entities.posts`; here a name's posts are gathered (a
post in the plural is shared by the names listed with it, a post without a body takes the one its
sentence named), ``Secretary Liu`` points back to the official, and spellings of one name are merged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from .. import gazetteer
from ..article import Article, Mention, Official, Person, Post
from .posts import (
    ACT_AFTER,
    ACT_BEFORE,
    HONORIFICS,
    LOCAL_UNIT,
    PARTY_COMMITTEE,
    TITLE_WITH_BODY,
    TOWN_HEADS,
    PostReader,
    PostReading,
    act_status,
    body_source,
)
from .refs import mention

_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Madam|Aunt|Uncle|Grandma|Grandpa)\.? ([A-Z][a-z]+)\b")


@dataclass
class _Named:
    """A name found in the article, with what is read around its mentions (one per spelling)."""

    name: str
    mentions: list[Mention] = field(default_factory=list)
    roles: list[Post] = field(default_factory=list)
    company_roles: list[Post] = field(default_factory=list)  # managers: people, not officials
    variants: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    listed: bool = False  # holds a post in the plural, shared with the names listed beside it


def find_people(doc: Any, article: Article) -> tuple[list[Official], list[Person]]:
    """Officials (people the article gives a public post) and the other people it names."""
    text = article.clean
    spans = _name_spans(doc, article)
    reader = PostReader(doc, article)
    reader.name_starts = [start for start, _, _ in spans]
    reader.name_spans = [(start, end) for start, end, _ in spans]
    people: dict[str, _Named] = {}
    found: list[tuple[int, int, list[PostReading]]] = []
    for start, end, _ in spans:
        end = end - 2 if text[start:end].endswith(("'s", "’s")) else end
        honorific = _HONORIFIC_PREFIX.match(text, start, end)
        start = honorific.end() if honorific else start  # "Comrade Liu Jianguo" is Liu Jianguo
        found.append((start, end, reader.after(end) + reader.before(start) + reader.from_parse(start, end)))
    _share_plural_posts(text, found)
    _pronoun_posts(article, reader, found)
    _post_acts(article, found)
    bodies: dict[int, str] = {}  # the last body each sentence has named
    units: dict[int, str] = {}  # the last town, township or village each sentence has named
    for (start, end, posts), (_, _, garbled) in zip(found, spans):
        name = text[start:end]
        person = people.setdefault(name, _Named(name))
        person.mentions.append(mention(article, start, end, name))
        if garbled and "name garbled by translation" not in person.flags:
            person.flags.append("name garbled by translation")
        for post in posts:
            person.listed = person.listed or post.plural
            reader.resolve(post)
            sentence = article.sentence_at(post.at)
            sid = sentence.id if sentence is not None else -1
            if post.organization is None and sid in bodies and (post.plural or _holds_at(post.title, bodies[sid])):
                # "..., Deputy Director of the Standing Committee of the Municipal People's Congress, Zheng
                # Hui, Lin Qijun and Li Jie, Members of the Party Group and Deputy Directors": a list's post
                # without a body is of the body the sentence has named
                post.organization = bodies[sid]
            elif (post.organization is None or post.by_level) and sid in units:
                if (
                    post.title.lower() in TOWN_HEADS
                    or TITLE_WITH_BODY.match(post.title)
                    or _OF_A_UNIT.search(post.title)
                ):
                    # "Guo, Mayor of Wucheng Town, Wang, secretary of the Commission for Discipline Inspection,
                    # and Yang, deputy mayor": the town's; "Huang, party branch secretary of Caiyuan Village, Wang,
                    # deputy party branch secretary, and Shen, deputy director of the village committee": the village's
                    post.organization = units[sid]
                    reader.resolve(post)
            if post.organization is None and sentence is not None:
                # "38 members of the Standing Committee of the District People's Congress, including deputy
                # directors Wu Hong and Gu Jin": the body the sentence named before the title
                written = reader.body_written_before(sentence.start, post.at)
                if written and _holds_at(post.title, written):
                    post.organization = written
            if post.organization:
                bodies[sid] = post.organization
                unit = LOCAL_UNIT.match(post.organization)
                if unit and post.organization.startswith(unit.group(1)):
                    units[sid] = unit.group(1)
            if post.title.lower() in HONORIFICS:
                continue  # "Comrade Zhang Lei": a form of address, not a post
            target = person.company_roles if post.is_enterprise else person.roles
            key = _role_key(post.title, post.organization)
            held = next((k for k, r in enumerate(target) if _role_key(r.title, r.organization) == key), None)
            sentence_text = text[sentence.start : sentence.end] if sentence is not None else text
            read = post.as_post(body_source(post.organization, sentence_text))
            if held is None:
                target.append(read)
            elif target[held].status is None and read.status is not None:
                target[held] = read  # the mention that says what became of the post
    _link_surname_mentions(article, people)
    merged = _group_spellings(list(people.values()))
    for person in merged:
        _bodies_from_own_posts(person)
    credited = {n for names in article.metadata.credits.values() for n in names}
    officials = [
        Official(p.name, p.roles, sorted(p.mentions, key=lambda m: m.start), p.variants, p.flags)
        for p in merged
        if p.roles and p.name not in credited
    ]
    others = [Person(p.name, p.company_roles, p.mentions) for p in merged if not p.roles and p.name not in credited]
    return officials, others


def _bodies_from_own_posts(person: _Named) -> None:
    """A title without a body (``Director Shao Xudong`` in a headline) is of the body of the person's
    other post where that body has such an officer (``deputy commander of the ... Emergency Management
    Bureau``: a bureau has a director); the body is inferred. Once per body: a second reading of the same
    post is dropped."""
    for k, post in enumerate(person.roles):
        if post.organization is not None:
            continue
        bodies = {r.organization for r in person.roles if r.organization and _holds_at(post.title, r.organization)}
        if len(bodies) != 1:
            continue
        body = bodies.pop()
        person.roles[k] = Post(post.title, body, post.status, "inferred")
    seen: set[tuple[str, str | None]] = set()
    kept = []
    for post in person.roles:
        key = _role_key(post.title, post.organization)
        if key not in seen:
            seen.add(key)
            kept.append(post)
    person.roles = kept


_COORDINATION = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)")


_PRONOUN = re.compile(r"(?:He|She)\b")


def _pronoun_posts(article: Article, reader: PostReader, found: list[tuple[int, int, list[PostReading]]]) -> None:
    """``Li Qian, male, born in 1964, ... He successively served as ...`` (a career in discipline and
    appointment news): a sentence that opens with ``He`` or ``She`` and a post (a career, an act, ``is
    the ...``) gives it to the one person named in the sentence before (none where that sentence names
    several, or no one)."""
    text = article.clean
    for k, sentence in enumerate(article.sentences):
        pronoun = _PRONOUN.match(text, sentence.start)
        if pronoun is None or k == 0:
            continue
        before = article.sentences[k - 1]
        named = [i for i, (start, _, _) in enumerate(found) if before.start <= start < before.end]
        if len({text[found[i][0] : found[i][1]] for i in named}) != 1:
            continue
        posts = reader.after(pronoun.end()) or reader.copula(pronoun.end())
        found[named[0]][2].extend(posts)


def _runs(text: str, found: list[tuple[int, int, list[PostReading]]]) -> list[list[int]]:
    """The names coordinated with each other (``A, B and C``), as lists of their indices in ``found``."""
    runs: list[list[int]] = []
    for k, (start, _, _) in enumerate(found):
        if runs and _COORDINATION.fullmatch(text[found[runs[-1][-1]][1] : start]):
            runs[-1].append(k)
        else:
            runs.append([k])
    return runs


def _post_acts(article: Article, found: list[tuple[int, int, list[PostReading]]]) -> None:
    """What the text says became of the posts of the names it coordinates: an act's verb before them
    (``decided to appoint Cui Jindu, Gou Lijun ... as vice mayors``, ``accepted the resignation of``) or
    after them and their apposition (``Zhang Wenling being removed from office``, ``Li Qian, deputy
    governor, was suspected of accepting bribes``). An appointment or an election is of the posts the act
    names (read after ``as`` or from the parse); a removal, a resignation or a case, of every post read
    there. A title's own word (``former``, ``acting``) is not overridden."""
    text = article.clean
    for run in _runs(text, found):
        first, last = found[run[0]][0], found[run[-1]][1]
        sentence = article.sentence_at(first)
        s0 = sentence.start if sentence is not None and sentence.start <= first else max(0, first - 200)
        before = act_status(ACT_BEFORE.search(text, s0, first))
        after = act_status(ACT_AFTER.match(text, last))
        for k in run:
            for post in found[k][2]:
                if post.status is not None:
                    continue
                for status in (before, after):
                    if status is not None and (post.act or status not in ("appointed", "elected")):
                        post.status = status
                        break


# Titles of posts several people hold at once (deputies, members): shared by the names listed after them.
_DEPUTY = re.compile(r"(?i)^(?:(?:executive|standing)\s+)?(?:vice|deputy|member)\b")


def _share_plural_posts(text: str, found: list[tuple[int, int, list[PostReading]]]) -> None:
    """Names coordinated with a post in the plural all hold it: ``Sun Ping, Lin Tao and Yang Fan, members
    of the standing committee`` (read after the last name), ``deputy directors Wu Hong, Wang Li and Gu
    Jin`` (before the first), ``Li Hui, Huang Zhou and Chen Yu were elected vice mayors`` (the parse gives
    it to the first). Chinese titles have no plural, so a deputy's title before a list (``Vice chairman of
    the Standing Committee, Cui Jindu, Gou Lijun and Zhang Junfang attended``: 副主任) is every listed
    name's; a title of one holder (``Secretary Li Ming, Wang Hua and Zhou Tao``) is the first name's only."""
    for run in _runs(text, found):
        if len(run) < 2:
            continue
        plural = [p for k in run for p in found[k][2] if p.plural]
        first = found[run[0]][0]
        plural += [p for p in found[run[0]][2] if not p.plural and p.at < first and _DEPUTY.match(p.title)]
        for k in run:
            if not found[k][2]:
                found[k][2].extend(replace(p) for p in plural)


# ----------------------------------------------------------------- names
def _name_spans(doc: Any, article: Article) -> list[tuple[int, int, bool]]:
    """(start, end, garbled) of person names in the cleaned text, in order, not overlapping. Garbled
    names are the ``garble.name`` flags of the repairs (none when that rule is off)."""
    text = article.clean
    spans: list[tuple[int, int, bool]] = []
    for flag in article.flags:
        if flag.rule == "garble.name":
            start, end = article.clean_span(flag.start, flag.end)
            if end > start and text[start:end].strip()[:1].isalpha():  # a later pass may have cut the flagged text
                spans.append((start, end, True))
    surnames = gazetteer.surnames()
    tokens = list(doc)
    for i, tok in enumerate(tokens[:-1]):
        nxt = tokens[i + 1]
        given = nxt.text.rstrip("-–—") if nxt.whitespace_ else nxt.text  # "Qu Hai- Deputy Secretary"
        if tok.text.istitle() and tok.lower_ in surnames and given.istitle() and not tok.whitespace_ == "":
            sylls = gazetteer.split_syllables(given.lower())
            if sylls and 1 <= len(sylls) <= 2 and not tok.ent_kb_id_ and not nxt.ent_kb_id_:
                spans.append((tok.idx, nxt.idx + len(given), False))
    for ent in doc.ents:
        if ent.label_ == "PERSON" and not ent.kb_id_ and len(ent) >= 2 and ent.text[:1].isupper():
            first = ent[0]
            if len(ent) >= 3 and first.lower_ not in surnames and ent[1].lower_ in surnames and ent[1].text.istitle():
                # "Appoint Chen Jianguo", "Accompanied Li Ming": a sentence's first word taken into the name
                first = ent[1]
            spans.append((first.idx, ent.end_char, False))
    for m in _HONORIFIC.finditer(text):
        spans.append((m.start(), m.end(), False))
    # "Wangzang Town", "Guangming Village": a place the tagger took for a person is never one
    spans = [s for s in spans if text[s[0] : s[1]].rsplit(None, 1)[-1].lower() not in _PLACE_WORDS]
    return _no_overlaps(spans)


# Titles of a village's or a community's own bodies (its Party branch, its committee).
_OF_A_UNIT = re.compile(r"(?i)\bparty branch\b|\bvillage\b|\bneighbou?rhood committee\b|\bresidents'? committee\b")

_PLACE_WORDS = frozenset(
    "town township village county district city province community street sub-district prefecture".split()
)


def _no_overlaps(spans: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0]), not s[2]))
    out: list[tuple[int, int, bool]] = []
    for s in spans:
        if out and s[0] < out[-1][1]:
            continue
        out.append(s)
    return out


# The titles a body's officers hold, by the word its name ends on: a title without a body, in a sentence
# that has named such a body, is of that body ("..., director of the Standing Committee of the Municipal
# People's Congress, Zheng Zhixue, Deputy Director, ..."); a mayor or a governor is never read this way.
_OFFICERS = {
    "Committee": {
        "director",
        "deputy director",
        "secretary-general",
        "deputy secretary-general",
        "secretary",
        "deputy secretary",
        "member",
        "member of the party group",
        "member of the standing committee",
    },
    "Congress": {
        "director",
        "deputy director",
        "secretary-general",
        "deputy secretary-general",
        "member of the party group",
    },
    "Commission": {"director", "deputy director", "secretary", "deputy secretary", "member"},
    "Bureau": {"director", "deputy director", "member of the party group"},
    "Department": {"director", "deputy director", "member of the party group"},
    "Office": {"director", "deputy director"},
    "Court": {"president", "vice president"},
    "Procuratorate": {"procurator-general", "deputy procurator-general", "prosecutor general", "chief procurator"},
}


_PARTY_SECRETARY = frozenset({"party secretary", "party committee secretary"})


def _role_key(title: str, organization: str | None) -> tuple[str, str | None]:
    """One post however written: the Party secretary of the X Party Committee is its secretary."""
    t = title.lower()
    if t in _PARTY_SECRETARY and organization and PARTY_COMMITTEE.search(organization):
        t = "secretary"
    return t, organization.replace("’", "'") if organization else None


def _holds_at(title: str, body: str) -> bool:
    """Whether a title without a body may be an officer of ``body``, the body its sentence named (a Party
    committee has secretaries and members, no director)."""
    if re.search(r"Party Committee$|CPC Committee$", body):
        return title.lower() in _PARTY_OFFICERS
    noun = body.rsplit(" ", 1)[-1]
    return title.lower() in _OFFICERS.get(noun, set())


_PARTY_OFFICERS = frozenset({"secretary", "deputy secretary", "member of the standing committee"})
_HONORIFIC_PREFIX = re.compile(r"(?:Comrade|comrade)\s+(?=[A-Z])")


# ----------------------------------------------------------------- later mentions and spellings
def _link_surname_mentions(article: Article, people: dict[str, _Named]) -> None:
    """``Secretary Liu`` or ``Governor Li`` points back to the official with that surname and title."""
    officials = [p for p in people.values() if p.roles]
    for p in officials:
        surname = p.name.split()[0]
        titles = {r.title.split()[-1].lower() for r in p.roles}
        for m in re.finditer(rf"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?) {re.escape(surname)}\b(?! [A-Z])", article.clean):
            start = m.start()
            if m.group(1).split()[-1].lower() in titles and not any(x.start <= start < x.end for x in p.mentions):
                p.mentions.append(mention(article, start, m.end(), m.group()))


def _group_spellings(people: list[_Named]) -> list[_Named]:
    """Officials with one surname and one post are one person spelled several ways (not names listed
    together under one post in the plural: ``Chen Zixuan, Chen Chen ... as vice chairmen`` are two)."""
    out: list[_Named] = []
    for p in sorted(people, key=lambda x: not x.roles):  # officials first, so bare mentions can join them
        twin = next(
            (
                q
                for q in out
                if q.roles
                and q.name.split()[0] == p.name.split()[0]
                and q.name != p.name
                and (_same_post(q, p) and not (q.listed or p.listed) if p.roles else _same_first_syllable(q, p))
            ),
            None,
        )
        if twin is None:
            out.append(p)
            continue
        twin.variants.append(p.name)
        twin.mentions += p.mentions
        twin.flags += [f for f in p.flags if f not in twin.flags]
        note = "several spellings of one name: " + ", ".join([twin.name, *twin.variants])
        twin.flags = [f for f in twin.flags if not f.startswith("several spellings")] + [note]
    return out


def _same_first_syllable(a: _Named, b: _Named) -> bool:
    """``Liu Zhiyuan`` and a post-less ``Liu Zhiyong``: one official, probably, spelled twice."""
    ga, gb = a.name.split()[1:], b.name.split()[1:]
    if not ga or not gb:
        return False
    sa, sb = gazetteer.split_syllables(ga[0].lower()), gazetteer.split_syllables(gb[0].lower())
    return bool(sa and sb and len(sa) == len(sb) == 2 and sa[0] == sb[0] and sa != sb)


def _same_post(a: _Named, b: _Named) -> bool:
    key = {(r.title.lower(), r.organization) for r in a.roles}
    return any((r.title.lower(), r.organization) in key for r in b.roles)
