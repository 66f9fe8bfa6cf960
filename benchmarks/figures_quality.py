"""Figures against the gold: value, what they count, period, lost digits.

    python benchmarks/figures_quality.py [--shared ../shared]

Data: first the 40 real machine-translated pages of ``../shared/eval/web/`` (their
expected files, written by human editors), then the sample against
``../shared/eval/seed/...gold.json`` and the dev set (corpus/dev/*.expected.json).
The held-out set is not measured here. ``--misses`` lists the gold figures not
accepted on each set (the sample's table is printed always).

Matching, gold figure by gold figure: an extracted figure with the same value
(``null`` for lost digits), used once. What it counts is acceptable when the
head nouns agree: the head is the last word before the first preposition,
article or bracket (``parking spaces with electric-car charging piles``:
``space``), trailing participles dropped (``people transferred``: ``people``),
plurals and British spellings folded (``kilometres``, ``kilometers``:
``kilometer``); after a measure with ``of`` (``kilometres of pipelines``) the head
of what follows (``pipeline``) must be in ours too (``rounds of rainfall``
needs only ``round``: rounds are not a measure). "Every word" is stricter:
every word of the gold outside brackets is in ours. A gold figure with a period
must have that period; a gold ``null`` must be ``null`` in ours and point to a flag.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import Article, Models, Settings, load, process  # noqa: E402
from pipeline.article import Figure  # noqa: E402

SAMPLE = "000_63418d9d2f262613"
_CUT = frozenset("of with for in per a an to on at from by above below over under into than that which".split())
# Units of measure: after one of these, what follows "of" is what is counted.
_MEASURES = frozenset(
    "meter kilometer square cubic hectare mu ton kilogram liter yuan dollar kilowatt megawatt "
    "gigawatt kwh percent hour day year".split()
)
_SPELLING = {"metre": "meter", "kilometre": "kilometer", "tonne": "ton", "centre": "center"}
_STOP = frozenset("a an the and of with for in per to on at from by".split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--misses", action="store_true", help="list the gold figures not accepted, per set")
    args = parser.parse_args()
    settings = Settings(points=0)  # the analysing stages; no key points
    models = load(settings)
    _NLP.append(models.get("nlp"))
    web = args.shared / "eval" / "web"
    if web.is_dir():
        print_set("web", sorted(web.glob("*.expected.json")), models, settings, args.misses)
    else:
        print(f"web: {web} not found (the real pages are not in the project); skipped\n")
    gold = json.loads((args.shared / "eval" / "seed" / f"{SAMPLE}.gold.json").read_text(encoding="utf-8"))
    sample = process(ROOT / "corpus" / f"{SAMPLE}.txt", models, settings)
    rows = match(gold["figures"], sample)
    print("Sample, gold figures side by side with ours:\n")
    print_rows(rows)
    print()
    print(summary_line("sample", rows))
    extra = unmatched(rows, sample)
    print(f"ours, not in the gold: {len(extra)}" + "".join(f"\n  {f.text} {f.unit!r} (s{f.sentence})" for f in extra))
    print()
    print_set("dev", sorted((ROOT / "corpus" / "dev").glob("*.expected.json")), models, settings, True)


def print_set(name: str, paths: list[Path], models: Models, settings: Settings, show_misses: bool) -> None:
    """Totals over a set of expected files; with ``show_misses``, the rows not accepted, side by side."""
    all_rows: list[dict[str, Any]] = []
    extras: list[str] = []
    misses = []
    for path in paths:
        expected = json.loads(path.read_text(encoding="utf-8"))
        article = process(path.parent / expected["article"], models, settings)
        rows = match(expected.get("figures", []), article)
        all_rows += rows
        extras += [f"  {path.name[:3]} {f.text} {f.unit!r} (s{f.sentence})" for f in unmatched(rows, article)]
        misses += [{**r, "article": path.name[:3]} for r in rows if not r["accepted"]]
    print(summary_line(f"{name} ({len(paths)} articles)", all_rows))
    print(f"ours, not in the gold: {len(extras)}" + ("".join(f"\n{e}" for e in extras) if show_misses else ""))
    if misses and show_misses:
        print(f"\n{name} figures not accepted:\n")
        print_rows(misses)
    print()


def match(gold_figures: list[dict[str, Any]], article: Article) -> list[dict[str, Any]]:
    ours = list(article.figures or [])
    used: set[int] = set()
    rows = []
    for g in gold_figures:
        same = [i for i, f in enumerate(ours) if i not in used and same_value(g.get("value"), f.value)]
        pick = next((i for i in same if head_match(g["unit"], ours[i].unit)), same[0] if same else None)
        f = ours[pick] if pick is not None else None
        if pick is not None:
            used.add(pick)
        rows.append(row(g, f, article))
    return rows


def row(g: dict[str, Any], f: Figure | None, article: Article) -> dict[str, Any]:
    head = f is not None and head_match(g["unit"], f.unit)
    flagged = f is not None and f.value is None and any(fl.id == f.flag for fl in article.flags)
    period_ok = not g.get("period") or (f is not None and f.period == g["period"])
    accepted = head and period_ok and (g.get("value") is not None or flagged)
    return {
        "gold": g,
        "ours": f,
        "head": head,
        "words": f is not None and every_word(g["unit"], f.unit),
        "flagged": flagged,
        "period_ok": period_ok,
        "accepted": accepted,
    }


def same_value(gold: Any, ours: Any) -> bool:
    if gold is None or ours is None:
        return gold is None and ours is None
    return Decimal(str(gold)) == Decimal(str(ours))


def word(w: str) -> str:
    """One word folded: lower case, American spelling, singular."""
    w = w.lower().strip(".,;:\"'")
    for gb, us in _SPELLING.items():
        w = w.replace(gb, us)
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


_NLP: list[Any] = []  # the spaCy pipeline, once loaded: heads from the parse


def heads(unit: str) -> tuple[str, str | None]:
    """The head noun, and after ``of`` the head of what follows (``kilometres of pipelines``): the root
    of the first noun chunk when the spaCy pipeline is loaded (``days the project was held up``: days;
    ``delegates present``: delegates), else the last word before the first preposition or article."""
    if _NLP:
        parsed = _parsed_heads(re.sub(r"\(.*?\)", " ", unit).strip())
        if parsed is not None:
            return parsed
    words = re.sub(r"\(.*?\)", " ", unit).split()
    cut = next((i for i, w in enumerate(words) if w.lower() in _CUT), len(words))
    phrase = words[:cut]
    while len(phrase) > 1 and phrase[-1].lower().endswith("ed"):
        phrase.pop()
    head = word(phrase[-1]) if phrase else ""
    of = heads(" ".join(words[cut + 1 :]))[0] if cut < len(words) and words[cut].lower() == "of" else None
    return head, of or None


def _parsed_heads(unit: str) -> tuple[str, str | None] | None:
    doc = _NLP[0](unit)
    chunks = list(doc.noun_chunks)
    if not chunks:
        return None
    root = chunks[0].root
    lead = 0
    while lead < len(doc) and (doc[lead].pos_ in {"NOUN", "PROPN"} or doc[lead].dep_ == "compound"):
        lead += 1
    if lead and chunks[0].start >= lead:  # "days the project was held up": the chunk parse left out "days"
        root = doc[lead - 1]
    if word(root.text) in _MEASURES and root.i + 1 < len(doc) and doc[root.i + 1].lower_ == "of":
        after = [c for c in chunks if c.start > root.i + 1]
        return word(root.text), word(after[0].root.text) if after else None
    return word(root.text), None


def head_match(gold: str, ours: str | None) -> bool:
    if not ours:
        return False
    gold_head, gold_of = heads(gold)
    our_head, _ = heads(ours)
    measured = gold_of is None or gold_head not in _MEASURES
    return gold_head == our_head and (measured or gold_of in {word(w) for w in ours.split()})


def every_word(gold: str, ours: str | None) -> bool:
    want = {word(w) for w in re.sub(r"\(.*?\)", " ", gold).split() if w.lower() not in _STOP}
    return bool(ours) and want <= {word(w) for w in (ours or "").split()}


def unmatched(rows: list[dict[str, Any]], article: Article) -> list[Figure]:
    matched = {id(r["ours"]) for r in rows if r["ours"] is not None}
    return [f for f in article.figures or [] if id(f) not in matched]


def summary_line(label: str, rows: list[dict[str, Any]]) -> str:
    valued = [r for r in rows if r["gold"].get("value") is not None]
    nulls = [r for r in rows if r["gold"].get("value") is None]
    periods = [r for r in rows if r["gold"].get("period")]
    parts = [
        f"{label}: {sum(r['accepted'] for r in rows)}/{len(rows)} gold figures accepted",
        f"right value {sum(r['ours'] is not None for r in valued)}/{len(valued)}",
        f"value and head nouns {sum(r['head'] for r in valued)}/{len(valued)}",
        f"value and every word {sum(r['words'] for r in valued)}/{len(valued)}",
        f"lost digits null with a flag {sum(r['flagged'] and r['head'] for r in nulls)}/{len(nulls)}",
    ]
    if periods:
        parts.append(f"period {sum(r['period_ok'] for r in periods)}/{len(periods)}")
    return "; ".join(parts)


def print_rows(rows: list[dict[str, Any]]) -> None:
    has_article = any("article" in r for r in rows)
    print(
        ("| article " if has_article else "") + "| gold value | gold counts | our value | our counts | heads "
        "(gold / ours) | head nouns | every word | period (gold / ours) | null with flag |"
    )
    print(("| --- " if has_article else "") + "| ---: | --- | ---: | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        g, f = r["gold"], r["ours"]
        unit = f.unit if f else ""
        gh, go = heads(g["unit"])
        oh, oo = heads(unit) if unit else ("", None)
        flag = ("yes" if r["flagged"] else "NO") if g.get("value") is None else ""
        cells = [
            _num(g.get("value")),
            g["unit"],
            _num(f.value) if f else "(none)",
            unit or "",
            f"{gh}{' of ' + go if go else ''} / {oh}{' of ' + oo if oo else ''}",
            "yes" if r["head"] else "NO",
            "yes" if r["words"] else "no",
            f"{g.get('period') or '-'} / {(f.period if f else None) or '-'}",
            flag,
        ]
        print(("| " + r["article"] + " " if has_article else "") + "| " + " | ".join(cells) + " |")


def _num(value: Any) -> str:
    if value is None:
        return "null"
    return f"{value:,}" if isinstance(value, int) else str(value)


if __name__ == "__main__":
    main()
