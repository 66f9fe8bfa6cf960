"""The event and the headline: what happened, when, where, who organised it; built only from facts
the article states (missing facts are left out, never filled in). Key points: :mod:`pipeline.keypoints`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from itertools import islice

from . import gazetteer
from .article import Article, Entities, Event, Place, Sentence, Summary
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
    return Summary(event, headline(event))


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
    return min(here, key=lambda p: gazetteer.place_level(p.kind, unknown=99)) if here else None


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
            and not re.search(r"\b(?:of|in|at|by)\s+(?:the\s+)?$", text[: m.start - sentence.start])
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


def headline(event: Event) -> str | None:
    """One sentence from the extracted facts only: who did what, where, when; none where the facts are
    too few to be sure of (a kind read from a verb with no one doing it, or nothing but the kind)."""
    if not event.kind:
        return None
    what = event.phrase or event.kind
    actor = event.organiser or (event.participants[0] if event.actor_is_official and event.participants else None)
    if actor is None and (event.kind in _VERB_KINDS or not (event.place or event.date)):
        return None
    verb = _VERBS.get(event.kind, "held")
    article_word = "an" if what[:1].lower() in "aeiou" else "a"
    words = [f"{actor} {verb} {article_word} {what}" if actor else f"{article_word.capitalize()} {what} was {verb}"]
    if event.place:
        words.append(f"in {event.place}" + (f", {event.place_parent}," if event.place_parent else ""))
    if event.date:
        day = date.fromisoformat(event.date)
        words.append(f"on {day.day} {day.strftime('%B')} {day.year}")
    sentence = " ".join(words).rstrip(",")
    return sentence[0].upper() + sentence[1:] + "."
