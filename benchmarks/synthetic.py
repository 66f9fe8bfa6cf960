"""Inject each defect family into clean English at known places, then measure the repairs.

The clean side is the human post-edits of the fluent MLQE-PE pairs. Each injector
returns the damaged line (or None when the line offers no place for it); a repair
counts when cleaning gives back the clean line exactly, or (for what must be
flagged) when a flag covers the damaged span.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

from pipeline import Settings, clean_text

PAIRS = ("ro-en", "et-en", "ru-en")
# Each post-edit is a segment: line mode, as for aligned MT files, with digit grouping switched on.
SETTINGS = Settings(lines=True, enabled=frozenset({"numbers.group_digits"}))
_WORD = re.compile(r"\b[a-z]{4,}\b")
_MONTH = re.compile(r"\b(January|February|April|June|July|September|October|November|December)\b")
_GROUPED = re.compile(r"(?<![\d,.])([1-9]\d{1,2}),(\d{3})(?![\d,])")


def _loop(line: str, rng: random.Random) -> tuple[str, tuple[int, int]] | None:
    toks = line.split(" ")
    spots = [i for i in range(len(toks) - 3) if all(t.isalpha() for t in toks[i : i + 3])]
    if not spots:
        return None
    i = rng.choice(spots)
    n = rng.randint(1, 3)
    phrase = " ".join(toks[i : i + n])
    sep = rng.choice([" ", " , "])
    reps = rng.randint(3, 4)
    damaged = " ".join(toks[:i] + [sep.join([phrase] * reps).strip()] + toks[i + n :])
    return damaged, (0, len(damaged))


def _doubled(line: str, rng: random.Random) -> tuple[str, tuple[int, int]] | None:
    words = [m for m in _WORD.finditer(line) if not m.group().endswith(("s", "er", "ly"))]
    if not words:
        return None
    m = rng.choice(words)
    joiner = rng.choice([" ", " and "])
    damaged = line[: m.end()] + joiner + m.group() + line[m.end() :]
    return damaged, (m.start(), m.end())


def _lost_digits(line: str, rng: random.Random) -> tuple[str, tuple[int, int]] | None:
    m = _GROUPED.search(line)
    if not m:
        return None
    damaged = line[: m.start()] + line[m.start(2) - 1 :]
    return damaged, (m.start(), m.start() + 4)


def _ungrouped(line: str, rng: random.Random) -> tuple[str, tuple[int, int]] | None:
    m = _GROUPED.search(line)
    if not m or int(m.group(1)) < 10:
        return None
    damaged = line[: m.start()] + m.group(1) + m.group(2) + line[m.end() :]
    return damaged, (m.start(), m.end() - 1)


def _lower_month(line: str, rng: random.Random) -> tuple[str, tuple[int, int]] | None:
    m = _MONTH.search(line)
    if not m or m.start() == 0:
        return None
    return line[: m.start()] + m.group().lower() + line[m.end() :], (m.start(), m.end())


def _marker(line: str, rng: random.Random) -> tuple[str, tuple[int, int]] | None:
    marker = rng.choice(["[Explanation] ", "[Concurrent] ", "【Commentary】 "])
    return marker + line, (0, len(marker))


def _missing_space(line: str, rng: random.Random) -> tuple[str, tuple[int, int]] | None:
    m = re.search(r"\b([a-z]{3,}) \. ([A-Z][a-z]+)\b", line)
    if not m:
        return None
    return line[: m.start(2) - 3] + " ." + line[m.start(2) :], (m.start(), m.end())


INJECTORS: dict[str, tuple[Callable[[str, random.Random], tuple[str, tuple[int, int]] | None], str]] = {
    "repetition (loop)": (_loop, "fix"),
    "repetition (doubled word)": (_doubled, "fix_or_flag"),
    "numbers (lost digits)": (_lost_digits, "flag"),
    "numbers (grouping)": (_ungrouped, "fix"),
    "capitals (month)": (_lower_month, "fix"),
    "junk (script marker)": (_marker, "fix"),
}


FLAG_RULES = {"numbers.lost_digits", "repetition.meaning_lost"}


def _clean_one(line: str) -> tuple[str, object]:
    article = clean_text(line, SETTINGS)
    return article.clean, article


def _load(shared: Path) -> list[str]:
    lines: list[str] = []
    for pair in PAIRS:
        path = shared / "eval" / "mlqe-pe" / pair / "dev.pe"
        lines += [x for x in path.read_text(encoding="utf-8").split("\n") if x.strip()]
    return lines


def evaluate_synthetic(shared: Path, seed: int = 13, per_family: int = 300) -> tuple[list[tuple[str, ...]], int]:
    """Rows of (family, injected, repaired, recall, lines edited, precision), and edits on the clean lines.

    Each line is cleaned on its own in line mode. A defect is repaired when the
    damaged line cleans to the same text as the undamaged one; one that must be
    flagged (a lost number) is caught when a flag covers it; a doubled word joined
    by 'and' counts when repaired or flagged (line mode flags it, article mode repairs it).
    """
    clean = _load(shared)
    baseline: dict[str, str] = {}
    edits_on_clean = 0
    rows = []
    for family, (inject, expect) in INJECTORS.items():
        rng = random.Random(f"{seed}-{family}")
        repaired = acted = injected = 0
        for line in rng.sample(clean, len(clean)):
            got = inject(line, rng)
            if not got or got[0] == line:
                continue
            if line not in baseline:
                cleaned, article = _clean_one(line)
                baseline[line] = cleaned
                edits_on_clean += len(article.edits)  # type: ignore[attr-defined]
            damaged, (s, e) = got
            out, article = _clean_one(damaged)
            injected += 1
            flags = [f for f in article.flags if f.rule in FLAG_RULES]  # type: ignore[attr-defined]
            flagged = any(f.start < e and s < f.end for f in flags)
            fixed = out == baseline[line]
            repaired += fixed if expect == "fix" else (fixed or flagged if expect == "fix_or_flag" else flagged)
            acted += out != damaged or (expect != "fix" and bool(flags))
            if injected >= per_family:
                break
        if injected:
            rows.append((family, str(injected), str(repaired), f"{repaired / injected:.1%}", str(acted),
                         f"{repaired / max(1, acted):.1%}"))
    return rows, edits_on_clean
