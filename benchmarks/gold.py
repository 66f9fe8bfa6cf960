"""Check a cleaned article against a gold file (``shared/eval/seed/*.gold.json``).

The gold lists each defect with how it must be handled: ``fix`` (the defect is
gone and the text reads as ``accept``), ``flag`` (a flag or edit covers it,
nothing invented) or ``fix_or_flag``. Edits elsewhere must be of the kinds the
gold allows; moving metadata (header, credits) out of the body is the
foundation's job and is reported as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pipeline import Article


@dataclass
class DefectResult:
    id: str
    required: bool
    expect: str
    passed: bool
    detail: str


def check_defects(article: Article, gold: dict[str, Any]) -> list[DefectResult]:
    return [_check(article, d) for d in gold["defects"]]


def _covered(article: Article, start: int, end: int) -> bool:
    spans = [(e.start, e.end) for e in article.edits] + [(f.start, f.end) for f in article.flags]
    return any(s < end and start < e for s, e in spans)


def _fixed(article: Article, defect: dict[str, Any]) -> tuple[bool, str]:
    clean = article.clean
    if defect.get("accept_absent"):
        return defect["find"] not in clean, "absent" if defect["find"] not in clean else "still present"
    if "accept_max_count" in defect:
        rule = defect["accept_max_count"]
        count = len(re.findall(rule["pattern"], clean))
        return count <= rule["max"], f"{count} matches (max {rule['max']})"
    if defect["find"] in clean and defect["find"] != defect.get("accept"):
        return False, "defect still in the cleaned text"
    ok = re.search(defect["accept"], clean) is not None
    return ok, "accepted form found" if ok else f"no match for {defect['accept']!r}"


def _digits_invented(find: str, clean: str) -> bool:
    """Whether digits now stand where the defect had lost them (``more than 2,000 households``)."""
    lost = re.search(r"[,.]\d{3}", find)
    if lost is None:
        return False
    prefix, rest = find[: lost.start()].rstrip(), find[lost.start() :]
    return re.search(re.escape(prefix) + r"\s*\d[\d,.]*" + re.escape(rest), clean) is not None


def _check(article: Article, defect: dict[str, Any]) -> DefectResult:
    start = article.original.find(defect["find"])
    end = start + len(defect["find"])
    expect = defect["expect"]
    if expect == "fix":
        ok, detail = _fixed(article, defect)
    elif expect == "flag":
        ok = start >= 0 and _covered(article, start, end)
        detail = "flagged" if ok else "not covered by a flag or edit"
        if defect.get("must_not_invent_digits"):
            invented = _digits_invented(defect["find"], article.clean)
            ok = ok and not invented
            detail += "; digits invented" if invented else "; nothing invented"
    else:
        fixed, detail = _fixed(article, defect)
        flagged = start >= 0 and _covered(article, start, end)
        ok = fixed or flagged
        detail = "fixed" if fixed else ("flagged" if flagged else detail)
    return DefectResult(defect["id"], bool(defect.get("required")), expect, ok, detail)


def other_edits(article: Article, gold: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """Edits outside the gold's defects: (rule, before, after, kind), kind '' when not an allowed kind."""
    spans = []
    for d in gold["defects"]:
        s = article.original.find(d["find"])
        if s >= 0:
            spans.append((s, s + len(d["find"])))
    out = []
    for e in article.edits:
        if any(s < e.end and e.start < t or (e.start == e.end and s <= e.start <= t) for s, t in spans):
            continue
        out.append((e.rule, e.before, e.after, allowed_kind(e.rule, e.before, e.after)))
    return out


def allowed_kind(rule: str, before: str, after: str) -> str:
    if rule.startswith("metadata."):
        return "metadata moved out of the body"
    if before.split() == after.split():
        return "whitespace"
    if before.replace(",", "") == after.replace(",", "") and before.isdigit():
        return "digit grouping"
    if before.lower() == after.lower():
        return "capitalising a known proper name"
    return ""
