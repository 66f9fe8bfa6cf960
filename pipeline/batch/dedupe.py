"""Near-duplicate articles (the same story on two sites): MinHash over each input's word 5-shingles.

Each article's signature is made once, by the run that processes it (before its workers start, as the
article is marked to do), and kept in the manifest; the groups are found from the kept signatures
(MinHash LSH), so a resumed run reads no input it does not process. A signature is made from the article's
text as read (a file's first 2,000,000 bytes, decoded; a corpus record's text field; of a web page, the
article text extracted from it, so that a story as a ``.txt`` and as a page are one), not from the cleaned
text, so that it does not change with the settings.
"""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

from ..corpus import Fields
from ..errors import MtcleanError
from .discover import Task

PERMUTATIONS, SEED = 64, 1
THRESHOLD = 0.8  # estimated Jaccard similarity of the shingles above which two articles are one story
SHINGLE = 5  # words
LIMIT = 2_000_000  # what is read of an input: bytes of a file, characters of a record
NONE = b""  # the signature of an input too short (or unreadable) to have one: in no group


def scheme() -> str:
    """What makes signatures comparable: kept beside them, so that signatures another version of
    datasketch made are made again rather than compared with these."""
    return (
        f"minhash {PERMUTATIONS} seed {SEED}, word {SHINGLE}-shingles of a page's article text; "
        f"datasketch {metadata.version('datasketch')}"
    )


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """The lowercased runs of ``size`` words (one run for a shorter text).

    >>> sorted(shingles("A b c", size=2))
    ['a b', 'b c']
    """
    words = text.lower().split()
    return {" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}


def signature(text: str) -> bytes:
    """The MinHash of the text's shingles, serialised (:data:`NONE` for fewer than 5 shingles)."""
    from datasketch import LeanMinHash, MinHash

    grams = shingles(text)
    if len(grams) < 5:
        return NONE
    minhash = MinHash(num_perm=PERMUTATIONS, seed=SEED)
    minhash.update_batch([g.encode("utf-8") for g in grams])
    lean = LeanMinHash(minhash)
    buffer = bytearray(lean.bytesize(byteorder="<"))
    lean.serialize(buffer, byteorder="<")
    return bytes(buffer)


def signature_of(task: Task, fields: Fields) -> bytes:
    """The signature of an article as its input holds it (:data:`NONE` when it cannot be read as text)."""
    from ..corpus import read_record
    from ..decode import decode

    try:
        if task.offset < 0:
            with open(task.src, "rb") as handle:
                text, _ = decode(handle.read(LIMIT))
            name: str | None = str(task.src)
        else:
            text = str(read_record(Path(task.src), task.offset, task.length).get(fields.text) or "")[:LIMIT]
            name = None
        text = article_text(text, name)
    except (MtcleanError, OSError):
        return NONE
    return signature(text)


def article_text(text: str, name: str | None = None) -> str:
    """What the chain reads as the article: a web page's extracted text, else the text itself (the
    page's markup, navigation and scripts would make one story as a page and as a text two).
    :class:`InputError` for a page with no article text."""
    from ..extract import extract_html, looks_like_html

    return extract_html(text, name).text if looks_like_html(text, name) else text


def find_duplicates(signatures: dict[str, bytes], threshold: float = THRESHOLD) -> list[list[str]]:
    """Groups of near-duplicate articles by their signatures, each group sorted (the first is kept), the
    groups sorted."""
    from datasketch import LeanMinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS)
    sketches = {}
    for key, kept in signatures.items():
        if kept == NONE:
            continue
        sketch = LeanMinHash.deserialize(kept, byteorder="<")
        lsh.insert(key, sketch)
        sketches[key] = sketch
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for key, sketch in sketches.items():
        for other in lsh.query(sketch):
            a, b = sorted((root(key), root(other)))
            if a != b:
                parent[b] = a
    groups: dict[str, list[str]] = {}
    for key in sketches:
        groups.setdefault(root(key), []).append(key)
    return sorted(sorted(g) for g in groups.values() if len(g) > 1)
