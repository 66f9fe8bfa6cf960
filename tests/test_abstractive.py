"""The optional abstractive summary, run end to end with a tiny random seq2seq model built here."""

import json

import pytest

from conftest import SAMPLE, run_cli
from pipeline import clean_file, clean_text
from pipeline.abstractive import (
    RULE,
    add_abstractive,
    load_summariser,
    plan_chunks,
    split_to_fit,
    unsupported_claims,
)
from pipeline.article import Claim, Event, Summary
from pipeline.batch import BatchOptions
from pipeline.config import Settings
from pipeline.errors import ModelError
from pipeline.render.markdown import to_markdown

ARTICLE = (
    "From 2019 to 2023, 220,000 old urban communities were renovated in Shenyang, benefiting "
    "3.25 million households. Ni Hong attended the meeting. Five cities joined, at a cost of 100 million yuan."
)


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    """A BART with d_model 16, one layer each side and 128 positions, and a word-level tokenizer."""
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import BartConfig, BartForConditionalGeneration, PreTrainedTokenizerFast

    folder = tmp_path_factory.mktemp("models") / "tiny-bart"
    words = Tokenizer(models.WordLevel(unk_token="<unk>"))
    words.pre_tokenizer = pre_tokenizers.Whitespace()
    words.train_from_iterator(
        SAMPLE.read_text(encoding="utf-8").splitlines(),
        trainers.WordLevelTrainer(vocab_size=400, special_tokens=["<pad>", "<s>", "</s>", "<unk>"]),
    )
    words.post_processor = processors.TemplateProcessing(single="<s> $A </s>", special_tokens=[("<s>", 1), ("</s>", 2)])
    words.decoder = decoders.WordPiece()
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=words, pad_token="<pad>", bos_token="<s>", eos_token="</s>", unk_token="<unk>"
    )
    torch.manual_seed(0)
    config = BartConfig(
        vocab_size=words.get_vocab_size(),
        d_model=16,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=32,
        decoder_ffn_dim=32,
        max_position_embeddings=128,
        pad_token_id=0,
        bos_token_id=1,
        eos_token_id=2,
        decoder_start_token_id=2,
        forced_eos_token_id=2,
    )
    model = BartForConditionalGeneration(config)
    model.generation_config.min_new_tokens = 4  # random weights would end at once
    model.generation_config.max_new_tokens = 8  # gibberish either way: keep it short and fast
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def _with_summary(article):
    """What the event stage leaves for the abstractive stage to add to."""
    article.summary = Summary(Event(), None)
    return article


def test_checker_flags_numbers_and_names_the_article_never_states():
    claims = unsupported_claims("In Beijing, Li Qiang said 1.2 billion yuan went to 5 cities.", ARTICLE)
    assert claims == [Claim("Beijing", "name"), Claim("Li Qiang", "name"), Claim("1.2 billion", "number")]


def test_checker_accepts_numbers_written_another_way():
    sentence = "Shenyang renovated 220 thousand communities for 3,250,000 households with 100,000,000 yuan."
    assert unsupported_claims(sentence, ARTICLE) == []
    assert unsupported_claims("Ni Hong met five mayors in 2019.", ARTICLE) == []


def test_checker_ignores_a_capital_that_only_starts_the_sentence():
    assert unsupported_claims("It was held in Shenyang.", ARTICLE) == []
    assert unsupported_claims("The Ministry of Finance paid.", ARTICLE) == [Claim("Ministry of Finance", "name")]


def test_split_to_fit_cuts_a_long_sentence_between_words():
    fits = lambda text: len(text.split()) <= 3  # noqa: E731
    assert split_to_fit("one two", fits) == ["one two"]
    assert split_to_fit("a b c d e f g", fits) == ["a b c", "d e f", "g"]


def test_chunks_keep_whole_sentences_and_cover_the_text():
    article = clean_text("One two three. Four five six. Seven eight. Nine.")
    chunks = plan_chunks(article, lambda text: len(text.split()) <= 5)
    assert [(c.first, c.last) for c in chunks] == [(0, 0), (1, 2), (3, 3)]
    assert " ".join(c.text for c in chunks) == " ".join(s.text for s in article.sentences)


def test_summary_of_a_long_article_is_chunked_and_labelled(tiny_model):
    article = _with_summary(clean_file(SAMPLE))
    result = add_abstractive(article, load_summariser(str(tiny_model)))
    assert result is article.summary.abstractive
    assert result.model == "tiny-bart" and result.generated is True
    assert result.max_input_tokens == 128 and result.chunks > 1 and result.sentences
    assert {s.chunk for s in result.sentences} <= set(range(result.chunks))


def test_the_generated_summary_needs_the_analysing_stage_first(tiny_model):
    from pipeline.errors import UsageError

    article = clean_file(SAMPLE)
    with pytest.raises(UsageError, match="run pipeline.process first"):
        add_abstractive(article, load_summariser(str(tiny_model)))
    assert not [f for f in article.flags if f.rule == RULE]


def test_unsupported_claims_become_flags(tiny_model):
    class Inventive:  # the random model writes gibberish: this one states what the article does not
        name, max_input, fits = "inventive", 128, staticmethod(load_summariser(str(tiny_model)).fits)

        def summarise(self, chunks):
            return ["Ni Hong visited Kunming. It cost 9.9 billion yuan."] + ["Ni Hong spoke."] * (len(chunks) - 1)

    article = _with_summary(clean_file(SAMPLE))
    result = add_abstractive(article, Inventive())
    first, second = result.sentences[:2]
    assert first.unsupported == [Claim("Kunming", "name")]
    assert second.unsupported == [Claim("9.9 billion", "number")]
    flag = next(f for f in article.flags if f.id == first.flag)
    assert flag.rule == RULE and "'Kunming', '9.9 billion'" in flag.message
    assert all(s.flag is None for s in result.sentences[2:])
    assert f"**Not in the article: “Kunming”** (flag {flag.id})" in to_markdown(article)
    unflagged = _with_summary(clean_file(SAMPLE))
    unflagged.flags_off = frozenset({RULE})  # as the chain sets it for settings that switch the flag off
    assert add_abstractive(unflagged, Inventive()).sentences[0].flag is None
    assert not [f for f in unflagged.flags if f.rule == RULE]


def test_generation_is_deterministic(tiny_model):
    runs = []
    for _ in range(2):
        runs.append(add_abstractive(_with_summary(clean_file(SAMPLE)), load_summariser(str(tiny_model))))
    assert runs[0] == runs[1] and runs[0].sentences


@pytest.mark.slow  # transformers reads the config and imports torch: about 3 s
def test_a_folder_that_is_no_seq2seq_model_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="no config.json"):
        load_summariser(str(tmp_path))
    (tmp_path / "config.json").write_text(json.dumps({"model_type": "bert"}))
    with pytest.raises(ModelError, match="not a sequence-to-sequence model"):
        load_summariser(str(tmp_path))


def test_cli_writes_the_generated_summary(tiny_model, tmp_path, validate):
    result = run_cli("clean", SAMPLE, "-o", tmp_path, "--points", "0", "--abstractive-model", tiny_model)
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / f"{SAMPLE.stem}.json").read_text(encoding="utf-8"))
    validate(data)
    assert data["summary"]["abstractive"]["chunks"] > 1
    assert "## Machine-generated summary (not from the article)" in (tmp_path / f"{SAMPLE.stem}.md").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize("folder", ["missing", "empty"])
def test_cli_bad_model_folder_is_one_line(tmp_path, folder):
    (tmp_path / "empty").mkdir()
    result = run_cli("clean", SAMPLE, "--abstractive-model", tmp_path / folder)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("mtclean: error:")
    assert "Traceback" not in result.stderr


def test_batch_workers_add_the_generated_summary(tiny_model, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    with_model = Settings(points=0, abstractive_model=str(tiny_model))
    options = BatchOptions(in_dir=tmp_path, out_dir=tmp_path, settings=with_model)
    assert (
        options.fingerprint()
        != BatchOptions(in_dir=tmp_path, out_dir=tmp_path, settings=Settings(points=0)).fingerprint()
    )
    # A subprocess, as a user runs it (workers are spawned and load the model themselves).
    result = run_cli(
        "batch",
        tmp_path / "in",
        "-o",
        tmp_path / "out",
        "--formats",
        "json",
        "--points",
        "0",
        "--workers",
        "1",
        "--quiet",
        "--abstractive-model",
        tiny_model,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "out" / "a.json").read_text(encoding="utf-8"))
    assert data["summary"]["abstractive"]["generated"] is True


def test_batch_cli_refuses_a_bad_model_folder_in_one_line(tmp_path):
    (tmp_path / "in").mkdir()
    result = run_cli("batch", tmp_path / "in", "-o", tmp_path / "out", "--abstractive-model", tmp_path / "nope")
    assert result.returncode == 1 and result.stderr.count("\n") == 1 and "no such abstractive model" in result.stderr
