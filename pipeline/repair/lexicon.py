"""Word frequencies (wordfreq, offline) for telling common words from names and run-together words."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """Zipf frequency of a lowercase English word (0 when unknown), from wordfreq's offline data."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en", wordlist="large")
