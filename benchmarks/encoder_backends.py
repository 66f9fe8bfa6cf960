"""The sentence encoder on ONNX Runtime (the default) against torch and transformers (the path before it,
and still ``--int8``'s): the same key points, article by article, on real text first.

    python benchmarks/encoder_backends.py [--shared ../shared] [--wmt-chunks 10]

Sets: the 40 real machine-translated pages of ``../shared/eval/web/``; real Chinese-to-English news MT
of ``../shared/eval/wmt22-zhen/`` (each of the 12 systems' outputs cut into articles of 30 consecutive
segments, the test set's documents running in order; ``--wmt-chunks`` per system); then the sample and
``corpus/dev`` and ``corpus/heldout``. Each article goes through the chain once (spaCy and the ONNX
encoder); its key points are then chosen again with the torch encoder on the same analysed article, so
the encoder is the only difference. Printed: articles with the same picks, the largest difference in
a key point's score and in an embedding (cosine), the time spent encoding with each, and each encoder's
loading time in this process (torch's includes importing torch and transformers).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SEGMENTS_PER_ARTICLE = 30


def web_articles(shared: Path) -> list[tuple[str, str]]:
    folder = shared / "eval" / "web"
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]


def wmt_articles(shared: Path, chunks: int) -> list[tuple[str, str]]:
    out = []
    for path in sorted((shared / "eval" / "wmt22-zhen").glob("*.hyp.*.en")):
        lines = path.read_text(encoding="utf-8").splitlines()
        system = path.name.split(".hyp.")[1].removesuffix(".en")
        for k in range(min(chunks, len(lines) // SEGMENTS_PER_ARTICLE)):
            part = lines[k * SEGMENTS_PER_ARTICLE : (k + 1) * SEGMENTS_PER_ARTICLE]
            out.append((f"{system}#{k}", "\n\n".join(line.strip() for line in part if line.strip())))
    return out


def project_articles() -> list[tuple[str, str]]:
    paths = [ROOT / "corpus" / "000_63418d9d2f262613.txt"]
    paths += sorted((ROOT / "corpus" / "dev").glob("*.txt")) + sorted((ROOT / "corpus" / "heldout").glob("*.txt"))
    return [(p.name, p.read_text(encoding="utf-8")) for p in paths]


def compare(name: str, articles: list[tuple[str, str]], models: Any, torch_encoder: Any) -> dict[str, Any]:
    import numpy as np

    from pipeline import Settings, process
    from pipeline.keypoints import key_points

    same, score_diff, min_cos, spent = 0, 0.0, 1.0, {"onnx": 0.0, "torch": 0.0}
    differing = []
    for label, text in articles:
        article = process(text, models, Settings())
        points = article.summary.key_points
        t0 = time.perf_counter()
        again = key_points(article, torch_encoder)
        spent["torch"] += time.perf_counter() - t0
        t0 = time.perf_counter()
        key_points(article, models.encoder)
        spent["onnx"] += time.perf_counter() - t0
        if [p.sentence for p in points] == [p.sentence for p in again]:
            same += 1
            score_diff = max([score_diff] + [abs(a.score - b.score) for a, b in zip(points, again)])
        else:
            differing.append(label)
        texts = [s.text for s in article.sentences if len(s.text.split()) >= 6]
        if texts:
            a, b = models.encoder.encode(texts), torch_encoder.encode(texts)
            min_cos = min(min_cos, float(np.min((a * b).sum(1))))
    return {
        "set": name,
        "articles": len(articles),
        "same": same,
        "differing": differing,
        "score_diff": score_diff,
        "min_cos": min_cos,
        "onnx_ms": 1000 * spent["onnx"] / max(1, len(articles)),
        "torch_ms": 1000 * spent["torch"] / max(1, len(articles)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--wmt-chunks", type=int, default=10, help="articles per wmt22 system")
    args = parser.parse_args()

    from pipeline import Settings, load
    from pipeline.keypoints import load_encoder

    t0 = time.perf_counter()
    models = load(Settings())
    loading = {"onnx (with spaCy)": time.perf_counter() - t0}
    t0 = time.perf_counter()
    torch_encoder = load_encoder(None, False, "torch")
    loading["torch"] = time.perf_counter() - t0
    assert models.encoder.backend == "onnx" and torch_encoder.backend == "torch"

    sets = []
    if (args.shared / "eval" / "web").is_dir():
        sets.append(("eval/web (real pages)", web_articles(args.shared)))
    else:
        print(f"(no {args.shared}/eval/web: real pages left out)")
    if (args.shared / "eval" / "wmt22-zhen").is_dir():
        sets.append(
            (f"wmt22-zhen ({SEGMENTS_PER_ARTICLE} segments an article)", wmt_articles(args.shared, args.wmt_chunks))
        )
    sets.append(("sample, corpus/dev, corpus/heldout", project_articles()))
    rows = [compare(name, articles, models, torch_encoder) for name, articles in sets]

    print(
        "\n| set | articles | same key points | largest score difference | lowest cosine | encoding ms an article, onnx | torch |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(
            f"| {r['set']} | {r['articles']} | {r['same']} | {r['score_diff']:.5f} | {r['min_cos']:.7f} | "
            f"{r['onnx_ms']:.0f} | {r['torch_ms']:.0f} |"
        )
    for r in rows:
        if r["differing"]:
            print(f"\n{r['set']}: different picks in {', '.join(r['differing'])}")
    print("\nloading in this process (s): " + ", ".join(f"{k} {v:.2f}" for k, v in loading.items()))


if __name__ == "__main__":
    main()
