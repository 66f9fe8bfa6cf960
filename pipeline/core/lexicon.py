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


# Verbs that take no object, as they stand after 'be' (with their base form): their passive is not
# English ('the accident was happened', 'the team is consisted of'). Machine translation makes it
# from a Chinese passive marker or a copula it could not place.
NO_PASSIVE: dict[str, str] = dict(
    pair.split(":")
    for pair in """happened:happen occurred:occur existed:exist consisted:consist belonged:belong
    resulted:result appeared:appear seemed:seem lasted:last died:die emerged:emerge remained:remain""".split()
)
# Verbs that reach their object only through a preposition (participle: base, prepositions). Their
# passive strands the preposition ('the rules must be adhered to'); a passive whose preposition still
# takes an object ('should be insisted on making good use') has two objects for one slot.
PREPOSITIONAL_VERBS: dict[str, tuple[str, frozenset[str]]] = {
    participle: (base, frozenset(preps.split("/")))
    for participle, base, preps in (
        ("insisted", "insist", "on/upon"),
        ("adhered", "adhere", "to"),
        ("persisted", "persist", "in"),
        ("persevered", "persevere", "in"),
        ("complied", "comply", "with"),
        ("relied", "rely", "on/upon"),
        ("depended", "depend", "on/upon"),
        ("abided", "abide", "by"),
        ("refrained", "refrain", "from"),
        ("resorted", "resort", "to"),
        ("participated", "participate", "in"),
        ("clung", "cling", "to"),
        ("coped", "cope", "with"),
        ("interfered", "interfere", "with"),
    )
}


COMMON_WORDS = 50_000  # the words a cut-off fragment is completed from


@lru_cache(maxsize=1)
def _common_sorted() -> tuple[str, ...]:
    from wordfreq import top_n_list

    return tuple(sorted(w for w in top_n_list("en", COMMON_WORDS) if w.isalpha()))


def completes_word(fragment: str) -> bool:
    """Whether a lowercase ``fragment`` is the start of a common English word longer than it (``initiativ``)."""
    from bisect import bisect_right

    words = _common_sorted()
    i = bisect_right(words, fragment)
    return i < len(words) and words[i].startswith(fragment) and len(words[i]) > len(fragment)
