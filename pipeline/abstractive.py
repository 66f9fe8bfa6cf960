"""An optional abstractive summary from a local sequence-to-sequence model (``--abstractive-model DIR``).

Never the default: generated text can say what the article does not. So the output is labelled
as generated, a long article is cut on sentence boundaries into chunks that fit the model's input
(nothing is truncated silently), and every generated sentence is checked against the cleaned text:
numbers and names that do not occur there are listed on the sentence and flagged on the article.
The model is loaded once per process (:func:`load_summariser`) and passed in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from .article import Abstractive, Article, Claim, GeneratedSentence
from .core.numbers import number_value, numbers
from .core.sentences import sentence_spans
from .errors import ModelError, UsageError

RULE = "summary.abstractive_unsupported"
# Attention grows with the square of the input: longer windows cost much for little gain in a summary.
INPUT_CAP = 1024
SUMMARY_TOKENS = 128  # per chunk, for a model that sets no summary length of its own
_GENERATE_KEYS = ("max_length", "min_length", "num_beams", "length_penalty", "no_repeat_ngram_size", "early_stopping")


def check_model_folder(model_dir: Path) -> Any:
    """The folder's config if it holds a sequence-to-sequence model; a :class:`ModelError` otherwise."""
    if not model_dir.is_dir():
        raise ModelError("no such abstractive model folder", str(model_dir))
    if not (model_dir / "config.json").is_file():
        raise ModelError("not a model folder (no config.json)", str(model_dir))
    from transformers import AutoConfig

    try:
        config = AutoConfig.from_pretrained(str(model_dir), local_files_only=True)
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"cannot read the model config: {_first_line(exc)}", str(model_dir)) from None
    if not getattr(config, "is_encoder_decoder", False):
        raise ModelError(f"not a sequence-to-sequence model ({config.model_type})", str(model_dir))
    return config


class Summariser:
    """A local seq2seq model: ``preprocess -> _forward -> postprocess``, greedy or beam, never sampled."""

    def __init__(self, model_dir: Path) -> None:
        config = check_model_folder(model_dir)
        import torch
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(str(model_dir), local_files_only=True)
            self.model = AutoModelForSeq2SeqLM.from_pretrained(str(model_dir), local_files_only=True).eval()
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelError(f"cannot load the model: {_first_line(exc)}", str(model_dir)) from None
        self.torch = torch
        self.name = model_dir.resolve().name
        task = (getattr(config, "task_specific_params", None) or {}).get("summarization", {})
        self.prefix = task.get("prefix", "")  # T5: "summarize: "
        self.generate_kwargs = {k: task[k] for k in _GENERATE_KEYS if k in task}
        self.max_input = input_limit(self.tokenizer, config)
        own = self.model.generation_config
        set_by_model = own.to_diff_dict()  # transformers 4 defaults max_length to 20: only the model's own counts
        if "max_length" not in task and "max_length" not in set_by_model and "max_new_tokens" not in set_by_model:
            self.generate_kwargs["max_new_tokens"] = min(SUMMARY_TOKENS, self.max_input)

    def fits(self, text: str) -> bool:
        """Whether ``text`` (with the prefix and special tokens) fits the model's input."""
        return len(self.tokenizer(self.prefix + text)["input_ids"]) <= self.max_input

    def summarise(self, chunks: list[str], batch_size: int = 8) -> list[str]:
        """One summary per chunk, in order; chunks go through the model in padded batches."""
        summaries: list[str] = []
        for k in range(0, len(chunks), batch_size):
            summaries += self.postprocess(self._forward(self.preprocess(chunks[k : k + batch_size])))
        return summaries

    def preprocess(self, chunks: list[str]) -> dict[str, Any]:
        # Chunks are planned to fit; truncation only guards a single word longer than the whole input.
        return self.tokenizer(
            [self.prefix + c for c in chunks],
            padding=True,
            truncation=True,
            max_length=self.max_input,
            return_tensors="pt",
        )

    def _forward(self, inputs: dict[str, Any]) -> Any:
        with self.torch.inference_mode():
            return self.model.generate(**inputs, do_sample=False, **self.generate_kwargs)

    def postprocess(self, output_ids: Any) -> list[str]:
        return [" ".join(t.split()) for t in self.tokenizer.batch_decode(output_ids, skip_special_tokens=True)]


def input_limit(tokenizer: Any, config: Any) -> int:
    """Tokens one chunk may take: the tokenizer's and the position table's limits, capped."""
    limits = [INPUT_CAP, getattr(config, "max_position_embeddings", None), getattr(config, "n_positions", None)]
    model_max = getattr(tokenizer, "model_max_length", None)
    if isinstance(model_max, int) and model_max < 1_000_000:  # unset: a huge sentinel
        limits.append(model_max)
    return min(n for n in limits if isinstance(n, int) and n > 0)


@lru_cache(maxsize=2)
def load_summariser(model_dir: str) -> Summariser:
    return Summariser(Path(model_dir))


@dataclass(frozen=True)
class Chunk:
    """Consecutive sentences of the cleaned text (ids ``first`` to ``last``) summarised together."""

    first: int
    last: int
    start: int  # offsets into the cleaned text
    end: int
    text: str


def plan_chunks(article: Article, fits: Callable[[str], bool]) -> list[Chunk]:
    """Pack whole sentences into chunks that fit; a sentence too long alone is cut between words."""
    chunks: list[Chunk] = []
    for sentence in article.sentences:
        for piece in split_to_fit(sentence.text, fits):
            last = chunks[-1] if chunks else None
            joined = f"{last.text} {piece}" if last else piece
            if last and fits(joined):
                chunks[-1] = Chunk(last.first, sentence.id, last.start, sentence.end, joined)
            else:
                chunks.append(Chunk(sentence.id, sentence.id, sentence.start, sentence.end, piece))
    return chunks


def split_to_fit(text: str, fits: Callable[[str], bool]) -> list[str]:
    """``text`` whole if it fits, else runs of its words that each fit."""
    if fits(text):
        return [text]
    pieces: list[str] = []
    for word in text.split():
        if pieces and fits(f"{pieces[-1]} {word}"):
            pieces[-1] = f"{pieces[-1]} {word}"
        else:
            pieces.append(word)
    return pieces


def add_abstractive(article: Article, summariser: Summariser) -> Abstractive:
    """Summarise the article chunk by chunk; check each generated sentence and flag what it adds (where
    the settings keep that flag); store the result in ``article.summary`` (the event stage comes first)."""
    if article.summary is None:
        raise UsageError("the generated summary goes with the analysing stages: run pipeline.process first")
    chunks = plan_chunks(article, summariser.fits)
    generated = summariser.summarise([c.text for c in chunks])
    sentences: list[GeneratedSentence] = []
    for number, (chunk, text) in enumerate(zip(chunks, generated)):
        rows = [
            GeneratedSentence(s, number, (chunk.first, chunk.last), unsupported_claims(s, article.clean), None)
            for s in split_sentences(text)
        ]
        claims = [u.text for r in rows for u in r.unsupported]
        flag_id = _flag_chunk(article, chunk, claims) if claims else None
        for row in rows:
            row.flag = flag_id if row.unsupported else None
        sentences += rows
    result = Abstractive(summariser.name, True, len(chunks), summariser.max_input, sentences)
    article.summary.abstractive = result
    return result


def split_sentences(text: str) -> list[str]:
    return [text[s:e].strip() for s, e in sentence_spans(text) if text[s:e].strip()]


def _flag_chunk(article: Article, chunk: Chunk, claims: list[str]) -> int | None:
    """One flag on the chunk's span of the article naming what its summary added; its id (None: the
    flag is off)."""
    quoted = ", ".join(f"'{c}'" for c in dict.fromkeys(claims))
    flag = article.add_flag(
        RULE,
        chunk.start,
        chunk.end,
        f"the machine-generated summary of sentences "
        f"{chunk.first}-{chunk.last} mentions {quoted}, which the article does not contain",
        "warning",
    )
    return flag.id if flag else None


# ----------------------------------------------------------------- the faithfulness check
_NUMBER_WORDS = dict(
    zip(
        (
            "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
            "fifteen sixteen seventeen eighteen nineteen twenty"
        ).split(),
        range(1, 21),
    )
)
_NUMBER_WORDS |= {w: 10 * i for i, w in enumerate("thirty forty fifty sixty seventy eighty ninety".split(), 3)}
_NAME = re.compile(r"\b[A-Z][A-Za-z]*(?:(?:\s+of(?:\s+the)?)?\s+[A-Z][A-Za-z]*|-[A-Z][A-Za-z]*)*")
_WORD = re.compile(r"[A-Za-z]+")
# A capital that only starts the sentence does not make a name.
_OPENERS = frozenset(
    "a an the in on at as by for from to it its this that these those there he she they we i "
    "his her their our after before during while when with since also meanwhile however "
    "according".split()
)


def unsupported_claims(sentence: str, article_text: str) -> list[Claim]:
    """Numbers and capitalised names in a generated ``sentence`` that ``article_text`` never states.

    >>> unsupported_claims("Shenyang renovated 3,250,000 homes in Beijing.", "Shenyang: 3.25 million homes.")
    [Claim(text='Beijing', kind='name')]
    """
    values, words = _stated(article_text)
    claims = [
        Claim(sentence[n.start : n.end].strip(), "number")
        for n in numbers(sentence)
        if n.value is not None and n.value not in values
    ]
    for m in _NAME.finditer(sentence):
        name = _strip_opener(m.group(), at_start=not sentence[: m.start()].strip(" \"'“‘("))
        if name and any(len(w) > 1 and w[0].isupper() and w.lower() not in words for w in _WORD.findall(name)):
            claims.append(Claim(name, "name"))
    return list({c.text: c for c in sorted(claims, key=lambda c: sentence.find(c.text))}.values())


@lru_cache(maxsize=4)
def _stated(article_text: str) -> tuple[frozenset[Decimal], frozenset[str]]:
    """The article's numbers and words, computed once for all the generated sentences checked against it."""
    return frozenset(_values(article_text)), frozenset(w.lower() for w in _WORD.findall(article_text))


def _values(text: str) -> set[Decimal]:
    """Every number the text states: as written, scaled ('3.25 million'), and in words ('five')."""
    values = {Decimal(n) for w, n in _NUMBER_WORDS.items() if re.search(rf"\b{w}\b", text, re.I)}
    for number in numbers(text):
        if number.value is not None:  # ",000": its digits were lost
            values |= {number.value, number_value(number.digits)}
    return values


def _strip_opener(name: str, at_start: bool) -> str:
    """'In Beijing' at the start of a sentence is the name 'Beijing'; 'It' there is no name."""
    first, _, rest = name.partition(" ")
    return rest.strip() if at_start and first.lower() in _OPENERS else name


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
