"""The one registry of rules, and the loop that runs them.

Every name that can appear in an output (an edit's or a flag's ``rule``) is an
entry here: the reading repairs (line breaks, mojibake, spaces), the metadata
rules (credits, header lines), the repair families, and the flags that later
stages raise. An entry with a function runs in the repair loop, in the order of
:data:`REGISTRY`; an entry without one names what another entry or a later stage
records (``raised_by``), so that ``mtclean rules`` lists it and ``--disable``
takes it. Each function is pure: ``(text, settings) -> (changes, notices)`` on
the text the rules before it produced (the metadata rules also return the fields
they found). :func:`repair_text` runs them all, pass after pass, until the text
no longer changes, so cleaning cleaned text changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from . import metadata, normalise
from .article import Metadata
from .config import Settings
from .edits import Change, EditLog, Found, MetadataFound, Notice
from .repair import capitals, garble, junk, numbers, places, repetition, spacing
from .safety import UNGUARDED_FAMILIES, safe_changes

RuleFn = Callable[[str, Settings], "Found | MetadataFound"]
MAX_PASSES = 5  # real text settles in two; a cap so that two rules can never undo each other forever


@dataclass(frozen=True)
class Rule:
    name: str  # family.rule: what edits and flags carry
    description: str
    fn: RuleFn | None = None  # None: recorded by ``raised_by``, not run by the loop
    kind: str = "edit"  # edit | flag | edit+flag | metadata: what it records
    default: bool = True  # on unless disabled
    in_line_mode: bool = True  # on by default in line mode too
    raised_by: str | None = None  # the rule or stage that records this name

    @property
    def family(self) -> str:
        return self.name.split(".", 1)[0]


def _sub(name: str, description: str, raised_by: str, kind: str = "flag", in_line_mode: bool = True) -> Rule:
    return Rule(name, description, None, kind, True, in_line_mode, raised_by)


REGISTRY: tuple[Rule, ...] = (
    # reading repairs, first
    Rule(
        "whitespace.line_breaks", "Windows/Mac line ends and Unicode separators become \\n", normalise.fix_line_breaks
    ),
    Rule("unicode.control_chars", "remove control and zero-width characters", normalise.remove_control_chars),
    Rule("whitespace.spaces", "tabs, odd spaces and runs of spaces become one space", normalise.fix_spaces),
    Rule("whitespace.line_edges", "strip spaces at the start and end of lines", normalise.strip_line_edges),
    Rule("unicode.mojibake", "repair text decoded with the wrong codec (ftfy), line by line", normalise.fix_mojibake),
    Rule(
        "whitespace.blank_lines",
        "collapse blank-line runs; drop blank lines at the edges",
        normalise.collapse_blank_lines,
    ),
    # metadata out of the body (never in line mode)
    Rule(
        "metadata.credits",
        "move credits (Photography: ...; Editor: ...) to metadata (off: read, left in the text)",
        metadata.extract_credits,
        "metadata",
        in_line_mode=False,
    ),
    Rule(
        "metadata.header",
        "move header lines (from:, date:, reading:) to metadata; find the title (off: read, left in the text)",
        metadata.extract_header,
        "metadata",
        in_line_mode=False,
    ),
    # the repair families, in a fixed order
    Rule("junk.breadcrumb", "site navigation before the title or text", junk.strip_breadcrumbs),
    Rule("junk.marker", "script markers such as [Explanation] or [Concurrent]", junk.strip_markers),
    Rule(
        "junk.injected_spam",
        "spam a site injected: a phrase glued to a word ('flagSugar daddy'), a Chinese gambling title",
        junk.strip_injected_spam,
    ),
    Rule("junk.html", "markup a scraper left: tags, cut-off tag attributes", junk.strip_html),
    Rule("junk.leftover_line", "Editor:, Read on and similar lines left in the body", junk.strip_leftover_lines),
    _sub("junk.contact", "contact lines (telephone, e-mail, address) left in the body", "junk.leftover_line", "edit"),
    Rule("junk.counter", "like/share counters after the last sentence", junk.strip_trailing_counters),
    Rule("junk.spam", "flag links and advertising phrases in the body", junk.flag_spam, "flag"),
    Rule("punctuation.fullwidth", "Chinese full-width punctuation in English text", spacing.convert_fullwidth),
    Rule(
        "spacing.detokenize",
        "tokeniser spaces (won 't, word ,) in tokenised text",
        spacing.detokenize,
        in_line_mode=False,
    ),
    Rule("spacing.missing_space", "missing space after a full stop, comma or colon", spacing.add_missing_space),
    Rule("punctuation.doubled", "doubled punctuation (,, ;; , .)", spacing.collapse_doubled_punctuation),
    Rule(
        "punctuation.stray",
        "a space before a comma, '; ,', 'real . -time', a comma opening a paragraph",
        spacing.remove_stray_punctuation,
    ),
    Rule(
        "repetition.phrase_loop",
        "a phrase repeated back to back, kept once",
        repetition.collapse_phrase_loops,
        "edit+flag",
    ),
    Rule("repetition.and_double", "'old and old', 'brand-new new'", repetition.collapse_and_doubles, "edit+flag"),
    _sub(
        "repetition.meaning_lost",
        "flag: a loop or a doubled word where the source probably said more",
        "repetition.phrase_loop, repetition.and_double",
    ),
    Rule("repetition.list_item", "repeated items in a list", repetition.drop_repeated_list_items, "edit+flag"),
    _sub(
        "repetition.list_meaning_lost",
        "flag: list items dropped where the source probably named others",
        "repetition.list_item",
    ),
    Rule("repetition.sentence", "repeated sentences", repetition.drop_repeated_sentences),
    Rule(
        "repetition.near_repeat",
        "flag a phrase said twice that no repair took away ('on behalf of, on behalf of')",
        repetition.flag_near_repeats,
        "flag",
    ),
    _sub("repetition.paragraph", "repeated paragraphs", "repetition.sentence", "edit", in_line_mode=False),
    Rule("numbers.lost_digits", "flag numbers that lost leading digits (,000)", numbers.flag_lost_digits, "flag"),
    Rule(
        "numbers.bad_grouping",
        "flag a number grouped no way one is written ('2400,300 mu')",
        numbers.flag_bad_grouping,
        "flag",
    ),
    Rule(
        "numbers.no_noun",
        "flag a number that lost its noun ('the role of the 2280.')",
        numbers.flag_number_without_noun,
        "flag",
    ),
    Rule("numbers.small_magnitude", "0.1 billion -> 100 million", numbers.fix_small_magnitude),
    Rule("numbers.false_precision", "flag counts with implausible precision", numbers.flag_false_precision, "flag"),
    Rule("numbers.run_together", "numbers or words run together (yearsmore)", numbers.split_run_together),
    Rule("numbers.group_digits", "thousands separators: 220000 -> 220,000", numbers.group_digits, in_line_mode=False),
    Rule("capitals.dates", "months and weekdays", capitals.capitalize_dates),
    Rule("capitals.names", "places, organisations, party bodies (gazetteers)", capitals.capitalize_known_names),
    Rule(
        "capitals.body_name",
        "a body's name written half in capitals ('Department of emergency management')",
        capitals.capitalize_body_names,
    ),
    Rule("capitals.titled_name", "a title before a Chinese name", capitals.capitalize_titled_names),
    Rule(
        "capitals.chinese_name",
        "a romanised Chinese name in lowercase, by its shape ('Tang derong')",
        capitals.capitalize_chinese_names,
    ),
    Rule(
        "capitals.article_evidence", "names the article itself writes with capitals", capitals.capitalize_from_article
    ),
    Rule("capitals.named_place", "'peony community and Duofu community'", capitals.capitalize_named_places),
    Rule(
        "capitals.shouted_word",
        "an English word in capitals inside a lowercase sentence ('the DISTRICT heating office')",
        capitals.lower_shouted_words,
    ),
    Rule(
        "capitals.pinyin_word",
        "a lowercase pinyin word that is no English word ('qingming', 'xinglinli')",
        capitals.capitalize_pinyin_words,
    ),
    Rule("capitals.sentence_start", "a sentence's first letter", capitals.capitalize_sentence_start),
    Rule("whitespace.tidy", "spaces and blank lines left by removals", normalise.tidy_whitespace),
    Rule("garble.name", "flag garbled transliterated names", garble.flag_garbled_names, "flag"),
    Rule(
        "garble.clause",
        "flag clauses on a passive English lacks ('was happened', 'be insisted on making')",
        garble.flag_garbled_clauses,
        "flag",
    ),
    Rule(
        "garble.run_on",
        "flag a capital inside a sentence where a clause starts ('jurisdiction Carried out')",
        garble.flag_run_on,
        "flag",
    ),
    Rule(
        "garble.cut_off",
        "flag a line that stops mid-word or a paragraph that stops mid-sentence",
        garble.flag_cut_off,
        "flag",
        in_line_mode=False,
    ),
    Rule(
        "garble.place_spelling",
        "flag one place spelt two ways ('Majiacun' / 'Majia Village', 'Tawo Town' / 'Tawu Town')",
        places.flag_place_spellings,
        "flag",
    ),
    Rule(
        "garble.place_words",
        "flag a place name translated word by word ('Persimmon Garden Town')",
        places.flag_translated_places,
        "flag",
    ),
    Rule(
        "garble.congress_level",
        "flag 'National People's Congress' / 'NPC' in a text about a local people's congress",
        places.flag_congress_level,
        "flag",
    ),
    Rule("punctuation.unbalanced", "flag unbalanced brackets and quotes", spacing.flag_unbalanced, "flag"),
    # raised by the stages after the repairs
    _sub(
        "input.edit_limit",
        "flag a text the rules would change more often than any article (one change in 20 characters): the "
        "changes past the limit are not made",
        "the repair loop",
    ),
    _sub("input.untranslated", "flag a text that is mostly Chinese (not translated)", "the segment stage"),
    _sub(
        "analysis.skipped",
        "flag text the analysing pass did not parse: not prose (no words, runs without spaces, a phrase looping)",
        "the parse stage",
    ),
    _sub(
        "entities.place_outside",
        "flag a city or county of another province among places of one province ('Ningbo' in Nanjing news)",
        "the entities stage",
    ),
    _sub(
        "entities.name_variants",
        "flag a mention that looks like another spelling of one official",
        "the entities stage",
    ),
    _sub(
        "summary.abstractive_unsupported",
        "flag what a generated summary says that the article does not",
        "the abstractive stage (--abstractive-model)",
    ),
)


@lru_cache(maxsize=1)
def by_name() -> dict[str, Rule]:
    return {r.name: r for r in REGISTRY}


@lru_cache(maxsize=1)
def known_names() -> frozenset[str]:
    """Every rule name and every family name (what --disable and --enable take)."""
    return frozenset(by_name()) | frozenset(r.family for r in REGISTRY)


def is_on(name: str, settings: Settings) -> bool:
    """Whether rule ``name`` runs (or its records are kept) under ``settings``."""
    rule = by_name()[name]
    return settings.rule_on(name, rule.default and (rule.in_line_mode or not settings.lines))


def _reads_metadata(rule: Rule, settings: Settings) -> bool:
    """A metadata rule switched off still reads the metadata (title, date, credits): only its edits, the
    removal of those lines from the text, are off. Never in line mode."""
    return rule.kind == "metadata" and not settings.lines


def edit_limit(text: str) -> int:
    """The most edits and flags the rules record on ``text``: news has at most one in 60 characters."""
    return max(10_000, len(text) // 20)


def _within_limit(
    log: EditLog, changes: list[Change], notices: list[Notice], room: int, limit: int, settings: Settings
) -> tuple[list[Change], list[Notice]]:
    """The first changes and notices that fit in ``room``, and one ``input.edit_limit`` flag (once) where
    the first change left out stood."""
    room = max(0, room)
    ordered = sorted(changes, key=lambda c: (c.start, c.end))
    kept_changes, left = ordered[:room], ordered[room:]
    kept_notices = sorted(notices, key=lambda n: (n.start, n.end))[: max(0, room - len(kept_changes))]
    if is_on("input.edit_limit", settings) and not log.has_notice("input.edit_limit"):
        at = left[0].start if left else 0
        kept_notices.append(
            Notice(
                at,
                min(len(log.text), at + 1),
                "input.edit_limit",
                f"the rules would change or flag this text more than {limit:,} times (one in 20 characters): it "
                "is no article; the changes from here on are not made",
                "warning",
                1.0,
            )
        )
    return kept_changes, kept_notices


def repair_text(text: str, settings: Settings) -> tuple[EditLog, Metadata]:
    """Run every rule that is on, in registry order, pass after pass until the text no longer changes.

    Flags are recorded in the first pass (later passes see text the repairs already
    settled); records of a name that is switched off are dropped.

    >>> log, meta = repair_text("Title\\n\\nthe the meeting opened on may 16.", Settings())
    >>> log.text, meta.title
    ('Title\\n\\nThe meeting opened on May 16.', 'Title')
    """
    log = EditLog(text)
    meta = Metadata()
    rules = [r for r in REGISTRY if r.fn is not None and (is_on(r.name, settings) or _reads_metadata(r, settings))]
    limit = edit_limit(text)
    for pass_no in range(MAX_PASSES):
        before = log.text
        for rule in rules:
            assert rule.fn is not None
            found = rule.fn(log.text, settings)
            changes = [c for c in found[0] if is_on(c.rule, settings)]
            if rule.family not in UNGUARDED_FAMILIES:  # never a number's value, never a name's only mention
                changes = safe_changes(log.text, changes)
            notices = [n for n in found[1] if is_on(n.rule, settings)] if pass_no == 0 else []
            room = limit - log.edit_count() - log.notice_count()
            if len(changes) + len(notices) > room:  # not an article: bounded memory and time instead
                changes, notices = _within_limit(log, changes, notices, room, limit, settings)
            log.apply(changes, notices)
            if len(found) > 2:
                metadata.merge_metadata(meta, found[2])
        if log.text == before:
            break
    if meta.title and is_on("junk.injected_spam", settings):  # the headline as printed, less injected spam
        title = EditLog(meta.title)
        title.apply(junk.strip_injected_spam(meta.title, settings)[0])
        meta.title = title.text.strip()
    return log, meta
