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
from typing import Any

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


def _clause_twice(line: str, rng: random.Random) -> tuple[str, tuple[int, int]] | None:
    """A clause of 5 to 8 words said again after a comma (a loop of two copies)."""
    from pipeline.core.lexicon import is_content_word

    toks = line.split(" ")
    spots = []
    for n in range(5, 9):
        for i in range(len(toks) - n + 1):
            span = toks[i : i + n]
            content = {w.lower() for w in span if is_content_word(w)}
            if (
                all(t.isalpha() for t in span)
                and len(content) >= 2
                and not all(w[:1].isupper() for w in span if is_content_word(w))
            ):
                spots.append((i, n))
    if not spots:
        return None
    i, n = rng.choice(spots)
    damaged = " ".join(toks[: i + n] + [","] + toks[i : i + n] + toks[i + n :])
    return damaged, (0, len(damaged))


def _cut_off_loop(line: str, rng: random.Random) -> tuple[str, tuple[int, int], str] | None:
    """The line's last words looped until the decoder stopped inside a word (``county gov``)."""
    toks = line.rstrip(" .!?").split(" ")
    n = rng.randint(1, 3)
    phrase = toks[-n:]
    if len(toks) <= n or not all(t.isalpha() and len(t) >= 2 for t in phrase):
        return None
    k = rng.randrange(n)
    cut = phrase[k][: rng.randint(1, len(phrase[k]) - 1)]
    damaged = " ".join(toks + phrase * rng.randint(2, 3) + phrase[:k] + [cut])
    return damaged, (0, len(damaged)), " ".join(toks)


def _doubled(line: str, rng: random.Random) -> tuple[str, tuple[int, int]] | None:
    from pipeline.repair.repetition import _LEGIT_AND_DOUBLES, _LEGIT_DOUBLES

    ambiguous = _LEGIT_AND_DOUBLES | _LEGIT_DOUBLES  # "will and will not" is good English: not a defect
    words = [
        m for m in _WORD.finditer(line) if not m.group().endswith(("s", "er", "ly")) and m.group() not in ambiguous
    ]
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


def _names() -> list[str]:
    """Proper names from the gazetteers to inject, lowercased, into clean sentences."""
    from pipeline import gazetteer

    orgs = [o.name for o in gazetteer.organizations() if len(o.name.split()) >= 2]
    places = [p.aliases[0] for p in gazetteer.places() if p.kind in {"city", "province"} and p.aliases]
    return sorted(orgs) + sorted(places)


_NAMES = _names()


def _lower_name(line: str, rng: random.Random) -> tuple[str, tuple[int, int], str] | None:
    name = rng.choice(_NAMES)
    clean = f"Officials from the {name} attended . {line}"
    start = len("Officials from the ")
    return clean[:start] + name.lower() + clean[start + len(name) :], (start, start + len(name)), clean


def _magnitude(line: str, rng: random.Random) -> tuple[str, tuple[int, int], str] | None:
    digit = rng.randint(1, 9)
    unit = rng.choice(["people", "yuan", "tonnes", "visitors"])
    clean = f"{line} It reached about {digit}00 million {unit} ."
    damaged = f"{line} It reached about 0.{digit} billion {unit} ."
    start = damaged.index("0.")
    return damaged, (start, start + 13), clean


def _lost_number(line: str, rng: random.Random) -> tuple[str, tuple[int, int], str] | None:
    noun = rng.choice(["households", "jobs", "residents", "homes"])
    clean = f"{line} It helped more than {rng.randint(2, 99)},000 {noun} ."
    damaged = re.sub(r"than \d+,000", "than ,000", clean)
    start = damaged.index(",000")
    return damaged, (start, start + 4), clean


def _list_loop(line: str, rng: random.Random) -> tuple[str, tuple[int, int], str] | None:
    banks = rng.sample(
        [
            "the Bank of China",
            "the Postal Savings Bank of China",
            "the Industrial Bank",
            "the China Merchants Bank",
            "the Bank of Communications",
            "the Export-Import Bank of China",
        ],
        4,
    )
    clean = f"{line} Loans came from {', '.join(banks[:3])} and {banks[3]} ."
    damaged = f"{line} Loans came from {', '.join(banks[:3])}, {banks[1]}, {banks[2]} and {banks[3]} ."
    start = damaged.index("Loans")
    return damaged, (start, len(damaged)), clean


def _glued_sentences(line: str, rng: random.Random) -> tuple[str, tuple[int, int], str] | None:
    m = re.search(r"([a-z]{3,}) \.$", line.strip())
    if not m:
        return None
    head = line.strip()[:-2]
    nxt = rng.choice(["District officials agreed", "Work starts next year", "Residents welcomed the plan"])
    return f"{head}.{nxt} .", (len(head) - 3, len(head) + 5), f"{head}. {nxt} ."


def _doubled_comma(line: str, rng: random.Random) -> tuple[str, tuple[int, int]] | None:
    at = line.find(" , ")
    if at < 0:
        return None
    return line[: at + 2] + "," + line[at + 2 :], (at, at + 4)


INJECTORS: dict[str, tuple[Callable[[str, random.Random], Any], str]] = {
    "repetition (loop)": (_loop, "fix"),
    "repetition (clause said twice)": (_clause_twice, "fix"),
    "repetition (loop cut off at the line end)": (_cut_off_loop, "fix"),
    "repetition (doubled word)": (_doubled, "fix_or_flag"),
    "numbers (lost digits)": (_lost_digits, "flag"),
    "numbers (grouping)": (_ungrouped, "fix"),
    "capitals (month)": (_lower_month, "fix"),
    "junk (script marker)": (_marker, "fix"),
    "capitals (lowercased name)": (_lower_name, "fix"),
    "numbers (0.x billion)": (_magnitude, "fix"),
    "numbers (lost digits, inserted)": (_lost_number, "flag"),
    "repetition (list items)": (_list_loop, "fix"),
    "spacing (missing space)": (_glued_sentences, "fix"),
    "punctuation (doubled comma)": (_doubled_comma, "fix"),
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


def evaluate_synthetic(
    shared: Path, seed: int = 13, per_family: int = 300
) -> tuple[list[tuple[str, ...]], tuple[int, int]]:
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
            clean_line = got[2] if len(got) > 2 else line  # injectors that add text give the clean form
            if clean_line not in baseline:
                cleaned, article = _clean_one(clean_line)
                baseline[clean_line] = cleaned
                edits_on_clean += len(article.edits)  # type: ignore[attr-defined]
            damaged, (s, e) = got[0], got[1]
            line = clean_line
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
            rows.append(
                (
                    family,
                    str(injected),
                    str(repaired),
                    f"{repaired / injected:.1%}",
                    str(acted),
                    f"{repaired / max(1, acted):.1%}",
                )
            )
    return rows, (edits_on_clean, len(baseline))
