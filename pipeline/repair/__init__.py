"""The repair families and the fixed order they run in.

Each rule is a pure function ``(text, settings) -> (changes, notices)`` that
sees the output of the rules before it. :data:`RULES` is the registry; ``mtclean
rules`` prints it. Re-running the chain on its own output changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..config import Settings
from ..edits import Change, EditLog, Notice
from ..normalise import tidy_whitespace
from . import capitals, garble, junk, numbers, repetition, spacing

RuleFn = Callable[[str, Settings], "tuple[list[Change], list[Notice]]"]


@dataclass(frozen=True)
class Rule:
    name: str
    fn: RuleFn
    description: str
    default: bool = True  # on unless disabled
    in_line_mode: bool = True  # on by default in line mode too


RULES: list[Rule] = [
    Rule("junk.breadcrumb", junk.strip_breadcrumbs, "site navigation before the title or text"),
    Rule("junk.marker", junk.strip_markers, "script markers such as [Explanation] or [Concurrent]"),
    Rule("junk.leftover_line", junk.strip_leftover_lines, "Editor:, Read on, contact lines and the like"),
    Rule("junk.counter", junk.strip_trailing_counters, "like/share counters after the last sentence"),
    Rule("junk.spam", junk.flag_spam, "flag links and advertising phrases in the body"),
    Rule("punctuation.fullwidth", spacing.convert_fullwidth, "Chinese full-width punctuation in English text"),
    Rule("spacing.detokenize", spacing.detokenize, "tokeniser spaces (won 't, word ,) in tokenised text",
         in_line_mode=False),
    Rule("spacing.missing_space", spacing.add_missing_space, "missing space after a full stop or comma"),
    Rule("punctuation.doubled", spacing.collapse_doubled_punctuation, "doubled punctuation (,, ;; , .)"),
    Rule("repetition.phrase_loop", repetition.collapse_phrase_loops, "a phrase repeated back to back"),
    Rule("repetition.and_double", repetition.collapse_and_doubles, "'old and old', 'brand-new new'"),
    Rule("repetition.list_item", repetition.drop_repeated_list_items, "repeated items in a list"),
    Rule("repetition.sentence", repetition.drop_repeated_sentences, "repeated sentences and paragraphs"),
    Rule("numbers.lost_digits", numbers.flag_lost_digits, "flag numbers that lost leading digits (,000)"),
    Rule("numbers.small_magnitude", numbers.fix_small_magnitude, "0.1 billion -> 100 million"),
    Rule("numbers.false_precision", numbers.flag_false_precision, "flag counts with implausible precision"),
    Rule("numbers.run_together", numbers.split_run_together, "numbers or words run together (yearsmore)"),
    Rule("numbers.group_digits", numbers.group_digits, "thousands separators: 220000 -> 220,000",
         in_line_mode=False),
    Rule("capitals.dates", capitals.capitalize_dates, "months and weekdays"),
    Rule("capitals.names", capitals.capitalize_known_names, "places, organisations, party bodies (gazetteers)"),
    Rule("capitals.titled_name", capitals.capitalize_titled_names, "a title before a Chinese name"),
    Rule("capitals.article_evidence", capitals.capitalize_from_article,
         "names the article itself writes with capitals"),
    Rule("capitals.named_place", capitals.capitalize_named_places, "'peony community and Duofu community'"),
    Rule("capitals.sentence_start", capitals.capitalize_sentence_start, "a sentence's first letter"),
    Rule("whitespace.tidy", tidy_whitespace, "spaces and blank lines left by removals"),
    Rule("garble.name", garble.flag_garbled_names, "flag garbled transliterated names"),
    Rule("garble.clause", garble.flag_garbled_clauses,
         "flag clauses on a passive English lacks ('was happened', 'be insisted on making')"),
    Rule("punctuation.unbalanced", spacing.flag_unbalanced, "flag unbalanced brackets and quotes"),
]
RULE_NAMES = frozenset(r.name for r in RULES)
FAMILIES = frozenset(n.split(".")[0] for n in RULE_NAMES)
MAX_PASSES = 3


def active_rules(settings: Settings) -> list[Rule]:
    return [r for r in RULES if settings.rule_on(r.name, r.default and (r.in_line_mode or not settings.lines))]


def run(log: EditLog, settings: Settings, record_notices: bool = True) -> None:
    """Run every active rule in order, repeating the chain until nothing changes (idempotence)."""
    rules = active_rules(settings)
    for pass_no in range(MAX_PASSES):
        before = log.text
        for rule in rules:
            changes, notices = rule.fn(log.text, settings)
            log.apply(changes, notices if pass_no == 0 and record_notices else [])
        if log.text == before:
            break
