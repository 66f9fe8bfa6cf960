"""Word frequencies (wordfreq, offline) for telling common words from names and run-together words."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """Zipf frequency of a lowercase English word (0 when unknown), from wordfreq's offline data."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en", wordlist="large")


# Closed-class words (articles, pronouns, prepositions, conjunctions, auxiliaries): a phrase made
# mostly of them recurs in fluent text ("and the", "of the"), one with content words rarely does.
FUNCTION_WORDS = frozenset(
    """a an the this that these those some any each every all both no not my your his her its our their
    i me you he him she it we us they them who whom whose which what there here
    of in on at to for from by with about as into onto upon over under than through after before between
    among against during without within along across around behind beyond near off out up down
    and or but nor so yet if then because while when where whether though although
    is are was were be been being am do does did have has had will would shall should can could may
    might must s t""".split()
)


def is_content_word(word: str) -> bool:
    """A word that carries meaning of its own: alphabetic and not a function word."""
    return word.isalpha() and word.lower() not in FUNCTION_WORDS
