"""The event and the headline: what happened, when, where, who organised it; built only from facts
the article states (missing facts are left out, never filled in). Key points: :mod:`pipeline.keypoints`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from itertools import islice

from . import gazetteer
from .article import Article, Entities, Event, HeadlinePart, Official, Place, Sentence, Summary
from .dates import month_number

_KINDS = (  # first match wins: the more specific first
    ("press conference", re.compile(r"\bpress conference|news conference|press briefing\b", re.I)),
    ("signing", re.compile(r"\bsign(?:ed|ing)\b.{0,60}\b(?:agreement|contract|memorandum)", re.I)),
    ("inspection", re.compile(r"\b(?:inspect\w*|investigat\w*|research(?:ed)? on)\b", re.I)),
    ("visit", re.compile(r"\bvisit(?:ed|s|ing)?\b", re.I)),
    ("notice", re.compile(r"\b(?:notice|circular)\b", re.I)),
    ("forum", re.compile(r"\b(?:forum|summit|symposium|seminar)\b", re.I)),
    ("meeting", re.compile(r"\b(?:meeting|conference|session|plenary)\b", re.I)),
    ("launch", re.compile(r"\blaunch(?:ed|es)?\b", re.I)),
)
_EVENT_VERB = re.compile(
    r"\b(?:held|convened|hosted|opened|inspected|visited|investigated|issued|released|"
    r"signed|launched|chaired|presided|went to)\b",
    re.I,
)
_DAY_MONTH = re.compile(
    r"\b(?:on\s+)?(?:(?P<m1>[A-Z][a-z]+)\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?|(?P<d2>\d{1,2})\s+"
    r"(?P<m2>[A-Z][a-z]+))(?:,?\s+(?P<y>(?:19|20)\d\d))?\b"
)
# What an official present at the event does; a leader whose instructions or thought are cited does none of it.
ACTS = re.compile(
    r"\b(?:attended|presided|chaired|hosted|convened|delivered|addressed|spoke|said|stated|noted|told|"
    r"made (?:\w+ ){0,2}(?:speech|speeches|report|address|remarks)|visited|inspected|investigated|"
    r"went to|came to|met with|met|introduced|reported|signed|took part|participated|announced|"
    r"released|issued|unveiled|accompanied|stressed|emphasi[sz]ed|pointed out|urged|called for)\b",
    re.I,
)
# Between two names of one list of subjects ("X, mayor of Y, and Z, ... attended"): "and", or an appositive.
_LISTED = re.compile(r"\s*(?:(?:,[^;]*)?\band|,[^;]+,)\s*")
_ACTED_ON = re.compile(
    r"\b(?:presided over|chaired|hosted|attended|addressed|convened|accompanied)\s+by\s+[^.;]{0,80}$", re.I
)
_RELATIVE = {"yesterday": -1, "today": 0, "this morning": 0, "this afternoon": 0, "tonight": 0}


def build_summary(article: Article) -> Summary:
    event = extract_event(article)
    clause = clause_headline(article)
    said = next((s.text for s in article.sentences if s.id == event.sentence), "")
    if clause is not None and event.sentence is not None and clause[4] > event.sentence and headline(event, said):
        clause = None  # the event sentence's own act, in its verb, before a later sentence's
    if clause is not None:
        text, parts, actor, other, sid = clause
        event.actor, event.other_party = actor, other
        if event.organiser is None and actor in {o.name for o in _bodies(article.entities or Entities())}:
            event.organiser = actor
        if event.sentence != sid:  # the event is the one the headline states: its date and place
            sentence = next(s for s in article.sentences if s.id == sid)
            ents = article.entities or Entities()
            day, day_text = _event_date(_outside_bodies(sentence, ents), article.metadata.published)
            if day_text:
                event.date, event.date_text = day, day_text
            event.sentence = sid
        return Summary(event, text, headline_parts=parts)
    line = headline(event, said)
    if line is not None and event.sentence is not None:
        kind_actor = event.organiser or (
            event.participants[0] if event.actor_is_official and event.participants else None
        )
        event.actor = kind_actor
        return Summary(event, line, headline_parts=_kind_parts(event, kind_actor))
    return Summary(event, line)


def _bodies(ents: Entities) -> list:  # type: ignore[type-arg]
    return [*ents.organizations, *ents.banks]


def _kind_parts(event: Event, actor: str | None) -> list[HeadlinePart]:
    parts = [HeadlinePart("actor", actor, event.sentence)] if actor else []
    parts.append(HeadlinePart("object", event.phrase or event.kind or "", event.sentence))
    if event.place:
        parts.append(HeadlinePart("place", event.place, event.sentence))
    if event.date:
        parts.append(HeadlinePart("date", event.date_text or event.date, event.sentence))
    return parts


def extract_event(article: Article) -> Event:
    """Kind, date, place (with its parent), organiser and participants of the article's event."""
    sentence = _event_sentence(article)
    ents = article.entities or Entities()
    # the words of the sentence outside the names of bodies: "the Commission for Discipline Inspection"
    # names no inspection, "the Information Office of the Press Conference Centre" no press conference
    text = _outside_bodies(sentence, ents) if sentence else (article.metadata.title or "")
    kind = next((name for name, pattern in _KINDS if pattern.search(text)), None)
    if kind is None and article.metadata.title:
        kind = next((name for name, pattern in _KINDS if pattern.search(article.metadata.title)), None)
    day, day_text = _event_date(text, article.metadata.published)
    place = _place(ents, sentence)
    organiser = _organiser(ents, sentence, sentence.text if sentence else "")
    first_official = _first_official(ents, sentence)
    acting = acting_officials(article)
    participants = sorted(acting, key=lambda name: (name != first_official, acting[name][0]))
    return Event(
        kind=kind,
        phrase=_event_phrase(text, kind),
        date=day,
        date_text=day_text,
        place=place.name if place else None,
        place_parent=place.parent if place else None,
        organiser=organiser,
        participants=participants,
        mentioned=[o.name for o in ents.officials if o.name not in participants],
        actor_is_official=organiser is None and first_official in acting,
        sentence=sentence.id if sentence else None,
        participant_sentences={name: acting[name] for name in participants},
    )


def _outside_bodies(sentence: Sentence, ents: Entities) -> str:
    text = sentence.text
    for org in ents.organizations + ents.banks:
        for m in org.mentions:
            if m.sentence == sentence.id:
                a, b = m.start - sentence.start, m.end - sentence.start
                if 0 <= a < b <= len(text):
                    text = text[:a] + " " * (b - a) + text[b:]
    return text


def acting_officials(article: Article) -> dict[str, list[int]]:
    """Officials who take part in the article's events (``X, minister of Y, attended the meeting``,
    ``presided over by X``), with the sentences where they do; an official only cited (``the
    important instructions of General Secretary X``) is not among them."""
    text = article.clean
    by_sentence: dict[int, list[tuple[int, int, str]]] = {}
    for official in (article.entities or Entities()).officials:
        for m in official.mentions:
            if m.sentence is not None:
                by_sentence.setdefault(m.sentence, []).append((m.start, m.end, official.name))
    sentences = {s.id: s for s in article.sentences if s.id in by_sentence}  # never a map of every sentence
    acting: dict[str, list[int]] = {}
    for sid, mentions in sorted(by_sentence.items()):
        mentions.sort()
        acts_after = False  # right to left: a name acts if the words up to the next name say so, or if
        nxt = sentences[sid].end  # it heads a list whose last name acts
        for start, end, name in reversed(mentions):
            gap = max(end, nxt)
            acts_after = bool(ACTS.search(text, end, gap)) or (
                acts_after and nxt < sentences[sid].end and bool(_LISTED.fullmatch(text, end, gap))
            )
            if acts_after or _ACTED_ON.search(text, max(sentences[sid].start, start - 120), start):
                acting.setdefault(name, []).append(sid)
            nxt = start
    return {name: sorted(set(sids)) for name, sids in acting.items()}


def _event_sentence(article: Article) -> Sentence | None:
    body = list(  # the first six: a long input has hundreds of thousands of sentences
        islice(
            (
                s
                for s in article.sentences
                if not (
                    article.metadata.title and s.paragraph == 0 and s.text.strip() == article.metadata.title.strip()
                )
            ),
            6,
        )
    )
    for s in body:
        if _EVENT_VERB.search(s.text):
            return s
    return body[0] if body else None


def _event_date(text: str, published: str | None) -> tuple[str | None, str | None]:
    """``On May 16`` resolved against the published date; a year is never guessed without one."""
    lower = text.lower()
    for word, shift in _RELATIVE.items():
        if re.search(rf"\b{word}\b", lower):
            if published:
                return (date.fromisoformat(published) + timedelta(days=shift)).isoformat(), word
            return None, word
    for m in _DAY_MONTH.finditer(text):
        month = month_number(m.group("m1") or m.group("m2"))
        if month is None:
            continue
        day = int(m.group("d1") or m.group("d2"))
        year = int(m.group("y")) if m.group("y") else None
        if year is None and published:
            pub = date.fromisoformat(published)
            year = pub.year if (month, day) <= (pub.month, pub.day) else pub.year - 1  # never after publishing
        try:
            return (date(year, month, day).isoformat() if year else None), m.group().strip()
        except ValueError:
            return None, m.group().strip()
    return None, None


def _place(ents: Entities, sentence: Sentence | None) -> Place | None:
    """The most specific place the event sentence names."""
    if sentence is None:
        return None
    here = [p for p in ents.places if p.code and any(m.sentence == sentence.id for m in p.mentions)]
    # a place named outside the names of bodies ("went to Gucheng District") before one inside them
    # ("Bank of China Jiangsu Branch" was not where the meeting took place)
    outside = _outside_bodies(sentence, ents)
    free = [
        p
        for p in here
        if any(
            m.sentence == sentence.id and outside[m.start - sentence.start : m.end - sentence.start].strip()
            for m in p.mentions
        )
    ]
    pool = free or here
    return min(pool, key=lambda p: gazetteer.place_level(p.kind, unknown=99)) if pool else None


def _organiser(ents: Entities, sentence: Sentence | None, text: str) -> str | None:
    """The organisation the event sentence makes the subject of its event verb (``the Sichuan Provincial
    People's Government held a video dispatch meeting``); a body named in an official's post (``Mu
    Zhengyu, secretary of the Lijiang Municipal Party Committee, went to``) or where the event took place
    (``held in the hall of the Information Office of X``) organises nothing that the sentence says."""
    if sentence is None:
        return None
    firsts = []
    for org in ents.organizations + ents.banks:
        ends = [
            m.end
            for m in org.mentions
            if m.sentence == sentence.id
            and _SUBJECT_OF_EVENT.match(text, m.end - sentence.start)
            and not re.search(r"\b(?:of|in|at|by)\s+(?:the\s+)?(?:\w+\s+)?$", text[: m.start - sentence.start])
        ]
        if ends:
            firsts.append((min(ends), org.name))
    return min(firsts)[1] if firsts else None


_SUBJECT_OF_EVENT = re.compile(
    r"\s+(?:(?:\w+ly|also|jointly|recently|today|yesterday)\s+)?(?:held|convened|hosted|organi[sz]ed|opened|"
    r"issued|released|launched|signed|inspected|visited|investigated|went to|came to)\b",
    re.I,
)


def _first_official(ents: Entities, sentence: Sentence | None) -> str | None:
    if sentence is None:
        return None
    firsts = [
        (min(m.start for m in o.mentions if m.sentence == sentence.id), o.name)
        for o in ents.officials
        if any(m.sentence == sentence.id for m in o.mentions)
    ]
    return min(firsts)[1] if firsts else None


def _event_phrase(text: str, kind: str | None) -> str | None:
    """``a national on-site meeting``: the words that name the event, as the article wrote them."""
    if kind is None:
        return None
    nouns = _KIND_NOUNS.get(kind, kind)
    m = re.search(
        rf"\b(?:a|an|the)\s+((?:(?!(?:a|an|the|held|was|were|is|has|had)\b)[\w-]+\s+){{0,3}}?)({nouns})\b", text, re.I
    )
    if not m:
        return kind
    return m.group(1) + m.group(2).lower()  # "Shenyang Held a Meeting of Leading Cadres": a meeting


# The nouns that name an event of each kind: a symposium held on an inspection tour is no inspection's name.
_KIND_NOUNS = {
    "press conference": "press conference|news conference|press briefing",
    "signing": "signing ceremony|ceremony",
    "inspection": "inspection|investigation",
    "visit": "visit",
    "notice": "notice|circular",
    "forum": "forum|summit|symposium|seminar",
    "meeting": "meeting|conference|session|plenary session",
    "launch": "launch ceremony|launch",
}


# Kinds read from a verb ("launched", "visited", "inspected", "signed"): without who did it, the sentence
# says too little to make a headline of ("the purchase of new wheat was fully launched" is no launch event).
_VERB_KINDS = frozenset({"launch", "visit", "inspection", "signing"})
_VERBS = {"inspection": "made", "visit": "made", "notice": "issued"}


def headline(event: Event, said: str | None = None) -> str | None:
    """One sentence from the extracted facts only: who did what, where, when; none where the facts are
    too few to be sure of (a kind read from a verb with no one doing it, or nothing but the kind)."""
    if not event.kind:
        return None
    what = event.phrase or event.kind
    actor = event.organiser or (event.participants[0] if event.actor_is_official and event.participants else None)
    if actor is None and (event.kind in _VERB_KINDS or not (event.place or event.date)):
        return None
    verb = _VERBS.get(event.kind, "held")
    if said is not None and not re.search(rf"\b{verb}\b", said, re.I):
        return None  # a verb in the headline is one the article uses for the act
    if said is not None and actor is None and not re.search(rf"\b(?:was|were) {verb}\b", said, re.I):
        return None  # "A meeting was held": only where the article says so
    article_word = "an" if what[:1].lower() in "aeiou" else "a"
    words = [f"{actor} {verb} {article_word} {what}" if actor else f"{article_word.capitalize()} {what} was {verb}"]
    if event.place:
        words.append(f"in {event.place}" + (f", {event.place_parent}," if event.place_parent else ""))
    if event.date:
        day = date.fromisoformat(event.date)
        words.append(f"on {day.day} {day.strftime('%B')} {day.year}")
    sentence = " ".join(words).rstrip(",")
    return sentence[0].upper() + sentence[1:] + "."


# ------------------------------------------------------------------ the headline read from a clause
# The verbs of news acts, as the articles write them (past tense): the headline's verb is the article's.
_CLAUSE_VERB = re.compile(
    r"(?:(?:has|have|had)\s+)?(?:(?:\w+ly|also|jointly|recently|successively|together)\s+)?"
    r"(?P<verb>held|convened|hosted|organi[sz]ed|met(?: with)?|signed|visited|inspected|investigated|issued|"
    r"released|launched|lent|granted|approved|announced|exposed|filed|decided|appointed|elected|led|"
    r"went(?: deep)? (?:to|into)|came to|presided over|chaired|carried out|sent|presented|received|published|"
    r"reported|completed|opened|disbursed|investigated|sentenced|expelled|dismissed|removed|punished|"
    r"notified|accepted|awarded|delivered)\b",
    re.I,
)
# An appositive after a name (", secretary of the county party committee,") and a second subject joined by
# "and" ("X, mayor, and Y, director of Z, went to").
_APPOSITIVE = re.compile(r"\s*(?:-|,)\s*[^,;.:()\"“”]{2,140}?(?:,\s*|(?=\s+(?:\w+ly\s+)?[a-z]+ed\b))")
_BEFORE_SUBJECT_BAD = re.compile(r"\b(?:of|in|at|by|to|with|for|from|on|and|which|the)\s*$", re.I)
_REPORTED = re.compile(r"^.*\b(?:reported|learned|said|announced|shows?)\s+that\s+", re.I)
_OF_BEFORE = re.compile(r"\b(?:of|in|at|by|to|with|for|from)\s+(?:the\s+)?\w+\s+$", re.I)
_AND = re.compile(r",?\s*and\s+")
# A post or a page written before the subject's name, after the clause's start: "the Deputy Secretary of
# Lengshuijiang Municipal Party Committee and Mayor ", "the website of the ".
_TITLE_LEAD = re.compile(
    r"(?:^|(?<=, )|(?<=that ))(?:the\s+)?(?:(?:[A-Z][\w'’-]*|of|the|and|party|committee|municipal|county|"
    r"provincial|deputy|secretary|mayor|director|governor|chairman|head|member|standing)\s+){1,14}$|"
    r"(?:^|(?<=, ))the\s+(?:official\s+)?(?:website|spokes(?:man|person|woman))\s+of\s+(?:the\s+)?$"
)
# Where the object of the verb ends: a clause mark, a date, "accompanied by".
_OBJECT_END = re.compile(
    r"(?<!\d),|,(?!\d{3})|[;:()?!]|(?<!\bCo)(?<!\bLtd)(?<!\bInc)\.(?!\d)|\s+(?:on|since|from)\s+(?:the\s+)?(?:morning|afternoon|evening|\d|[A-Z][a-z]+\s+\d)|"
    r"\s+accompanied by\b|\s+(?:and|while)\s+(?:\w+\s+){0,3}(?:said|stressed|pointed|emphasi[sz]ed)\b"
)
_OBJECT_CUT = re.compile(r"\s+(?=(?:to|for|in order to|with|at|by|and|so as to|which|that)\b)")
_MAX_OBJECT_WORDS = 16
_DATE_LEAD = re.compile(
    r"^(?:[^,]{0,40}\b(?:on|in|at|since)\b[^,]{0,40},\s*|recently,\s*|yesterday,\s*|today,\s*|"
    r"(?:according to [^,]{0,80}),\s*)",
    re.I,
)


def clause_headline(
    article: Article,
) -> tuple[str, list[HeadlinePart], str, str | None, int] | None:
    """``X, post, VERB object[ in place][ on date].``: the first sentence of the opening whose subject is a
    body or an official the entities found, followed by one of the news verbs; the verb and its object are
    the article's words. None where no sentence has such a subject (a part not sure is left out; no
    headline where the actor is not sure)."""
    ents = article.entities or Entities()
    title = (article.metadata.title or "").strip()
    opening = list(
        islice(
            (
                s
                for s in article.sentences
                if len(s.text.split()) >= 6
                and s.text.strip() != title
                and s.text.strip() not in title
                and s.text.rstrip()[-1:] in ".!\"”'"  # a cut-off sentence or a heading states no act
            ),
            6,
        )
    )
    for sentence in opening:
        found = _subject_and_verb(sentence, ents)
        if found is None:
            continue
        actor_text, actor_name, verb_m, head = found
        text = sentence.text
        rest = text[verb_m.end() :]
        end = _OBJECT_END.search(rest)
        obj = rest[: end.start()] if end else rest
        words = obj.split()
        if len(words) > _MAX_OBJECT_WORDS:
            cuts = [m.start() for m in _OBJECT_CUT.finditer(obj) if len(obj[: m.start()].split()) <= _MAX_OBJECT_WORDS]
            if not cuts or len(obj[: cuts[-1]].split()) < 2:
                continue
            obj = obj[: cuts[-1]]
        verb = verb_m.group("verb")
        if not obj.strip() and verb.lower() not in {"met", "visited"}:
            continue
        other, obj_text = _other_party(obj, sentence, verb_m.end(), ents)
        parts = [
            HeadlinePart("actor", actor_text, sentence.id),
            HeadlinePart("verb", verb, sentence.id),
        ]
        if obj_text:
            parts.append(HeadlinePart("object", obj_text, sentence.id))
        line = " ".join([actor_text, verb, obj_text]).strip()
        place = _headline_place(sentence, ents, line)
        if place:
            line += f" in {place}"
            parts.append(HeadlinePart("place", place, sentence.id))
        # the date of the clause ("On March 14, X went"), not a dateline's ("Rednet March 16 - On March 14")
        outside = _outside_bodies(sentence, ents)
        leads = [m.start() for m in _DAY_MONTH.finditer(outside[:head])]
        day, day_text = _event_date(outside[leads[-1] : head] if leads else outside, article.metadata.published)
        if day:
            d = date.fromisoformat(day)
            line += f" on {d.day} {d.strftime('%B')} {d.year}"
        elif day_text and re.fullmatch(r"(?:on\s+)?[A-Z][a-z]+ \d{1,2}", day_text):
            line += f" on {day_text.removeprefix('on ')} (year not given)"
        if day or day_text:
            parts.append(HeadlinePart("date", day_text or day or "", sentence.id))
        line = line.rstrip(", ")
        line = line if line.endswith(".") else line + "."  # "Co., Ltd.": the name's own stop
        return line[0].upper() + line[1:], parts, actor_name, other, sentence.id
    return None


def _subject_and_verb(sentence: Sentence, ents: Entities) -> tuple[str, str, re.Match[str], int] | None:
    """The first name (an official's or a body's) that is the subject of a news verb in the sentence."""
    text = sentence.text
    names: list[tuple[int, int, str, Official | None]] = []
    for o in ents.officials:
        names += [(m.start, m.end, o.name, o) for m in o.mentions if m.sentence == sentence.id]
    for b in _bodies(ents):
        names += [(m.start, m.end, b.name, None) for m in b.mentions if m.sentence == sentence.id]
    names.sort(key=lambda n: (n[0], -n[1]))
    for start, end, name, _official in names:
        a, b = start - sentence.start, end - sentence.start
        if not (0 <= a < b <= len(text)):
            continue
        before = text[:a]
        reported = _REPORTED.search(before)
        if reported:  # "It was reported that X investigated": the report's verb is not the event's
            before = before[reported.end() :]
        if _BEFORE_SUBJECT_BAD.search(before) and not re.search(
            r"\b(?:mayor|and)\s*$|\b(?:website|spokes\w+) of (?:the )?$", before, re.I
        ):
            continue
        if _OF_BEFORE.search(before) and not _TITLE_LEAD.search(before):  # "the first meeting of the 12th X"
            continue  # a body of a post ("secretary of the X committee"), a place ("in X"), an object
        if re.search(r"(?:,|\band)\s*$", before) and any(n[1] <= start and n[3] is not None for n in names):
            continue  # the middle of a list of officials: the list's head is the subject
        if _CLAUSE_VERB.search(before) or ACTS.search(before):
            continue  # the name comes after the sentence's verb: it is no subject
        pos = b
        for _ in range(4):  # appositives and names joined by "and"
            m = _APPOSITIVE.match(text, pos)
            if m and not _CLAUSE_VERB.search(m.group()) and not ACTS.search(m.group()):
                pos = m.end()
                continue
            m = _AND.match(text, pos)
            nxt = next((n for n in names if n[0] - sentence.start == (m.end() if m else -1)), None)
            if m and nxt:
                pos = nxt[1] - sentence.start
                continue
            break
        gap = text[pos:]
        verb_m = _CLAUSE_VERB.match(text, pos + len(gap) - len(gap.lstrip()))
        if verb_m is None:
            continue
        # the subject as the article writes it, with a post written before the name ("the Deputy Secretary
        # of X and Mayor Zeng Boyi") or the body's page ("the website of the CCDI")
        lead = _TITLE_LEAD.search(before)
        head = a - len(before) + lead.start() if lead and lead.group().strip() else a
        actor_text = text[head : verb_m.start()].strip().rstrip("-").strip()
        if actor_text.endswith(",") and "," not in actor_text[:-1]:
            actor_text = actor_text[:-1]
        if len(actor_text.split()) > 30:
            continue
        return actor_text, name, verb_m, head
    return None


def _other_party(obj: str, sentence: Sentence, offset: int, ents: Entities) -> tuple[str | None, str]:
    """The official or body the object names first (the other side of a meeting or a signing), and the
    object with the post the sentence writes after that name where the object ends at it (``met with Liu
    Xiaoyu, Secretary of the Party Committee and President of Bank of China Jiangsu Branch``)."""
    base = sentence.start + offset
    lead = len(obj) - len(obj.lstrip())
    first = None
    for ent in [*ents.officials, *_bodies(ents)]:
        for m in ent.mentions:
            if m.sentence == sentence.id and base + lead <= m.start < base + len(obj):
                if first is None or m.start < first[0]:
                    first = (m.start, m.end, ent.name)
    if first is None:
        return None, obj.strip()
    start, end, name = first
    if end - base == len(obj.rstrip()):
        post = re.match(r",\s*([^,;:()\"“”]{3,120}?)\s*(?:[.;]\s*$|$)", sentence.text[end - sentence.start :])
        if post and not _CLAUSE_VERB.search(post.group(1)) and not ACTS.search(post.group(1)):
            return name, f"{obj.strip()}, {post.group(1)},"
    return name, obj.strip()


def _headline_place(sentence: Sentence, ents: Entities, line: str) -> str | None:
    """The place the sentence says the act took place in (``in X``, ``at X``), where the headline does not
    name it already; a place in a body's name is no place of the event."""
    outside = _outside_bodies(sentence, ents)
    best = None
    for p in ents.places:
        if not p.code:
            continue
        for m in p.mentions:
            if m.sentence != sentence.id:
                continue
            a = m.start - sentence.start
            if outside[a : a + 1] == " " or not re.search(r"\b(?:in|at)\s+(?:the\s+)?$", outside[:a]):
                continue
            if best is None or gazetteer.place_level(p.kind, unknown=99) > gazetteer.place_level(best.kind, unknown=99):
                best = p
    if best is None or best.name.split()[0].lower() in line.lower():
        return None
    return best.name + (f", {best.parent}" if best.parent else "")
