"""The repair loop: the rules in their one order, and the only gate that decides which run.

Each rule is declared beside its function in the module of its family (:mod:`.registry`);
:data:`ORDER` lists the functions in the order they run. :func:`repair_text` runs every rule that is
on, pass after pass, until the text no longer changes (cleaning cleaned text changes nothing), and
keeps only the records (edits, flags) of names that are on. No rule function asks whether it is on.
"""

from __future__ import annotations

from typing import cast

from ..article import Metadata
from ..config import Settings
from ..edits import Change, EditLog, MetadataFound, Notice
from ..safety import UNGUARDED_FAMILIES, safe_changes
from . import capitals, garble, junk, metadata, numbers, punctuation, repetition, spacing, unicode, whitespace
from .registry import Context, Record, Rule, declared

MAX_PASSES = 5  # real text settles in two; a cap so that two rules can never undo each other forever

ORDER = (
    # reading repairs, first
    whitespace.fix_line_breaks,
    unicode.remove_control_chars,
    whitespace.fix_spaces,
    whitespace.strip_line_edges,
    unicode.fix_mojibake,
    whitespace.collapse_blank_lines,
    # metadata out of the body (never in line mode)
    metadata.extract_credits,
    metadata.extract_header,
    # the repair families
    junk.strip_breadcrumbs,
    junk.strip_markers,
    junk.strip_injected_spam,
    junk.strip_html,
    junk.strip_leftover_lines,
    junk.strip_contact_lines,
    junk.strip_template_lines,
    junk.strip_headline_furniture,
    junk.strip_ornaments,
    junk.strip_trailing_counters,
    junk.flag_spam,
    punctuation.convert_fullwidth,
    spacing.detokenize,
    spacing.add_missing_space,
    spacing.split_joined_words,
    spacing.split_camel_case,
    punctuation.collapse_doubled_punctuation,
    punctuation.remove_stray_punctuation,
    repetition.collapse_phrase_loops,
    repetition.collapse_and_doubles,
    repetition.drop_repeated_list_items,
    repetition.drop_repeated_paragraphs,
    repetition.drop_repeated_sentences,
    repetition.flag_near_repeats,
    numbers.flag_lost_digits,
    numbers.flag_bad_grouping,
    numbers.flag_number_without_noun,
    numbers.fix_small_magnitude,
    numbers.flag_false_precision,
    numbers.flag_conversion_artefact,
    numbers.flag_impossible_share,
    numbers.split_run_together,
    numbers.group_digits,
    capitals.capitalize_dates,
    capitals.capitalize_known_names,
    capitals.capitalize_body_names,
    capitals.capitalize_titled_names,
    capitals.capitalize_chinese_names,
    capitals.capitalize_from_article,
    capitals.join_split_places,
    capitals.fix_inner_capitals,
    capitals.capitalize_named_places,
    capitals.lower_shouted_words,
    capitals.capitalize_pinyin_words,
    capitals.capitalize_sentence_start,
    # the tidy-up after removals, then the flags on the settled text
    whitespace.tidy_whitespace,
    garble.flag_garbled_names,
    garble.flag_garbled_clauses,
    garble.flag_run_on,
    garble.flag_cut_off,
    garble.flag_place_spellings,
    garble.flag_translated_places,
    garble.flag_congress_level,
    punctuation.flag_unbalanced,
)
RULES: tuple[Rule, ...] = tuple(declared(fn) for fn in ORDER)

EDIT_LIMIT = Record(
    "input.edit_limit",
    "flag a text the rules would change more often than any article (one change in 20 characters): the "
    "changes past the limit are not made",
    "flag",
    raised_by="the repair loop",
)


# Every name the repair loop records, in order: each rule's own, the others it records, the loop's.
RECORDS: tuple[Record, ...] = (*{r.name: r for rule in RULES for r in rule.names}.values(), EDIT_LIMIT)


def _runs(rule: Rule, settings: Settings) -> bool:
    """A rule runs when any name it records is on. A metadata rule switched off still reads the
    metadata (title, date, credits); only its edits, the removal of those lines, are dropped. Never in
    line mode."""
    if rule.record.kind == "metadata":
        return not settings.lines
    return any(r.is_on(settings) for r in rule.names)


def _names_on(settings: Settings) -> frozenset[str]:
    return frozenset(r.name for r in RECORDS if r.is_on(settings))


def edit_limit(text: str) -> int:
    """The most edits and flags the rules record on ``text``: news has at most one in 60 characters."""
    return max(10_000, len(text) // 20)


def _within_limit(
    log: EditLog, changes: list[Change], notices: list[Notice], room: int, limit: int, flag: bool
) -> tuple[list[Change], list[Notice]]:
    """The first changes and notices that fit in ``room``, and (with ``flag``) one ``input.edit_limit``
    flag (once) where the first change left out stood."""
    room = max(0, room)
    ordered = sorted(changes, key=lambda c: (c.start, c.end))
    kept_changes, left = ordered[:room], ordered[room:]
    kept_notices = sorted(notices, key=lambda n: (n.start, n.end))[: max(0, room - len(kept_changes))]
    if flag and not log.has_notice(EDIT_LIMIT.name):
        at = left[0].start if left else 0
        kept_notices.append(
            Notice(
                at,
                min(len(log.text), at + 1),
                EDIT_LIMIT.name,
                f"the rules would change or flag this text more than {limit:,} times (one in 20 characters): it "
                "is no article; the changes from here on are not made",
                "warning",
                1.0,
            )
        )
    return kept_changes, kept_notices


TITLE_KEPT = 0.5  # a headline the repairs cut below half its length was removed, not repaired


def _title_span(log: EditLog, title: str | None) -> tuple[int, int] | None:
    """Where the headline the metadata rule found stands, as a span of the original text."""
    if not title:
        return None
    at = log.text.find(title)
    if at < 0:
        return None
    return log.to_original(at), log.to_original(at + len(title), end=True)


def _repaired_title(log: EditLog, span: tuple[int, int] | None) -> str | None:
    """The headline as the repairs left it in the text: the title is repaired by the same rules as the body,
    so the report, the tables and the index show what the text shows."""
    if span is None:
        return None
    start, end = log.to_clean(span[0]), log.to_clean(span[1], end=True)
    title = " ".join(log.text[start:end].split()).strip()
    if "\n" in log.text[start:end].strip() or len(title) < TITLE_KEPT * (span[1] - span[0]):
        return None
    return title


def repair_text(text: str, settings: Settings) -> tuple[EditLog, Metadata]:
    """Run every rule that is on, in :data:`ORDER`, pass after pass until the text no longer changes.

    Flags are recorded in the first pass (later passes see text the repairs already
    settled); records of a name that is switched off are dropped.

    >>> log, meta = repair_text("Title\\n\\nthe the meeting opened on may 16.", Settings())
    >>> log.text, meta.title
    ('Title\\n\\nThe meeting opened on May 16.', 'Title')
    """
    log = EditLog(text)
    meta = Metadata()
    ctx = Context.of(settings)
    on = _names_on(settings)
    rules = [r for r in RULES if _runs(r, settings)]
    limit = edit_limit(text)
    title_at: tuple[int, int] | None = None  # the headline's span in the original text
    for pass_no in range(MAX_PASSES):
        before = log.text
        for rule in rules:
            found = rule.fn(log.text, ctx)
            changes = [c for c in found[0] if c.rule in on]
            if rule.record.family not in UNGUARDED_FAMILIES:  # never a number's value, never a name's only mention
                changes = safe_changes(log.text, changes)
            notices = [n for n in found[1] if n.rule in on] if pass_no == 0 else []
            room = limit - log.edit_count() - log.notice_count()
            if len(changes) + len(notices) > room:  # not an article: bounded memory and time instead
                changes, notices = _within_limit(log, changes, notices, room, limit, EDIT_LIMIT.name in on)
            if rule.record.kind == "metadata" and title_at is None:
                title_at = _title_span(log, cast(MetadataFound, found)[2].title)
            log.apply(changes, notices)
            if rule.record.kind == "metadata":
                meta.fill_from(cast(MetadataFound, found)[2])
        if log.text == before:
            break
    meta.title = _repaired_title(log, title_at) or meta.title
    if meta.title and "junk.injected_spam" in on:  # the headline as printed, less injected spam
        title = EditLog(meta.title)
        title.apply(junk.strip_injected_spam(meta.title, ctx)[0])
        meta.title = title.text.strip()
    return log, meta
