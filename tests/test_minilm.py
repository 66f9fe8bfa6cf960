"""MiniLM on ONNX Runtime (pipeline/minilm.py): the embeddings and key points of the torch path, the graph
kept in the cache, and a cold one-off that imports neither torch nor transformers."""

from __future__ import annotations

import json

import numpy as np
import pytest

from conftest import ROOT, SAMPLE, run_entry_point
from pipeline import Settings, process
from pipeline.errors import ModelError
from pipeline.keypoints import default_model_dir, key_points, load_encoder
from pipeline.minilm import OnnxEncoder, supports

pytestmark = pytest.mark.slow


def _texts(article):
    return [s.text for s in article.sentences]


def test_onnx_gives_the_embeddings_and_key_points_of_torch(models, analysed_sample):
    torch_encoder = load_encoder(None, False, "torch")
    assert models.encoder.backend == "onnx" and torch_encoder.backend == "torch"
    texts = _texts(analysed_sample)
    onnx_vectors, torch_vectors = models.encoder.encode(texts), torch_encoder.encode(texts)
    assert onnx_vectors.shape == torch_vectors.shape == (len(texts), 384)
    assert float(np.abs(onnx_vectors - torch_vectors).max()) < 1e-5
    for article in (
        analysed_sample,
        process((ROOT / "tests" / "data" / "keypoints_meeting.txt").read_text(encoding="utf-8"), models, Settings()),
    ):
        ours, theirs = article.summary.key_points, key_points(article, torch_encoder)
        assert [(p.sentence, p.score) for p in ours] == [(p.sentence, p.score) for p in theirs]


def test_onnx_embeddings_do_not_depend_on_threads_or_input_order(models, sample_article):
    texts = _texts(sample_article)
    one_thread = OnnxEncoder(default_model_dir(), threads=1)
    vectors = models.encoder.encode(texts)
    assert bool((one_thread.encode(texts) == vectors).all())  # a batch worker's single thread
    assert bool((models.encoder.encode(texts[::-1])[::-1] == vectors).all())
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    assert models.encoder.encode([]).shape == (0, 384)


def test_the_graph_is_cached_and_a_broken_cache_entry_is_rebuilt(tmp_path, monkeypatch, sample_article):
    monkeypatch.setenv("MTCLEAN_CACHE", str(tmp_path))
    texts = _texts(sample_article)[:6]
    first = OnnxEncoder(default_model_dir())
    (entry,) = tmp_path.glob("bert-*.onnx")
    assert 1_000 < entry.stat().st_size < 100_000  # the graph alone: the weights stay in the package
    entry.write_bytes(b"not a graph")
    again = OnnxEncoder(default_model_dir())
    assert bool((again.encode(texts) == first.encode(texts)).all())
    assert entry.stat().st_size > 1_000  # written again


def test_only_bert_folders_with_safetensors_and_a_fast_tokenizer_run_on_onnx(tmp_path):
    assert supports(default_model_dir())
    folder = tmp_path / "model"
    folder.mkdir()
    for name in ("model.safetensors", "tokenizer.json"):
        (folder / name).write_bytes(b"")
    config = json.loads((default_model_dir() / "config.json").read_text(encoding="utf-8"))
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
    assert supports(folder)
    for change in ({"model_type": "roberta"}, {"hidden_act": "gelu_new"}, {"position_embedding_type": "relative_key"}):
        (folder / "config.json").write_text(json.dumps({**config, **change}), encoding="utf-8")
        assert not supports(folder), change
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
    (folder / "tokenizer.json").unlink()
    assert not supports(folder)  # vocab.txt alone: transformers' tokenizer, on torch
    with pytest.raises(ModelError, match="BERT model folder"):
        OnnxEncoder(folder)
    assert load_encoder(None, True).backend == "torch"  # --int8 is torch's dynamic quantisation
    with pytest.raises(ModelError, match="int8"):
        load_encoder(None, True, "onnx")


def test_a_cold_one_off_with_key_points_imports_neither_torch_nor_transformers(tmp_path):
    result = run_entry_point("clean", SAMPLE, "-o", tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith("loaded: ['onnxruntime', 'spacy', 'thinc']"), result.stdout[-200:]
    article = json.loads((tmp_path / f"{SAMPLE.stem}.json").read_text(encoding="utf-8"))
    assert len(article["summary"]["key_points"]) == 5
    result = run_entry_point("clean", SAMPLE, "--int8", "-f", "json")
    assert result.returncode == 0, result.stderr
    assert "'torch'" in result.stdout.rstrip().splitlines()[-1]


def test_without_onnx_runtime_the_encoder_falls_back_to_torch(monkeypatch):
    import pipeline.minilm

    def missing(*args, **kwargs):
        raise ImportError("No module named 'onnxruntime'")

    monkeypatch.setattr(pipeline.minilm, "OnnxEncoder", missing)
    assert load_encoder().backend == "torch"
    with pytest.raises(ModelError, match="not installed"):
        load_encoder(None, False, "onnx")


def test_another_bert_checkpoint_runs_on_onnx_with_the_embeddings_of_torch(tmp_path, sample_article):
    """The graph is built from the folder's config: other sizes, heads, layers and epsilon, and weights
    saved under a ``bert.`` prefix, give the embeddings transformers gives."""
    import shutil

    import torch
    from safetensors.torch import save_file
    from transformers import BertConfig, BertModel

    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=30522,
        hidden_size=64,
        num_hidden_layers=2,
        num_attention_heads=4,
        intermediate_size=96,
        max_position_embeddings=64,
        layer_norm_eps=1e-7,
    )
    model = BertModel(config, add_pooling_layer=False).eval()
    folder = tmp_path / "tiny-bert"
    model.save_pretrained(folder)
    for name in ("tokenizer.json", "tokenizer_config.json", "vocab.txt", "special_tokens_map.json"):
        shutil.copy(default_model_dir() / name, folder / name)
    texts = _texts(sample_article)[:12] + ["word " * 100]  # one longer than the positions: truncated
    torch_vectors = load_encoder(str(folder), False, "torch").encode(texts)
    onnx_encoder = OnnxEncoder(folder)
    assert float(np.abs(onnx_encoder.encode(texts) - torch_vectors).max()) < 1e-5
    prefixed = tmp_path / "prefixed"
    shutil.copytree(folder, prefixed)
    state = {f"bert.{k}": v.contiguous() for k, v in model.state_dict().items()}
    save_file(state, str(prefixed / "model.safetensors"))
    assert float(np.abs(OnnxEncoder(prefixed).encode(texts) - torch_vectors).max()) < 1e-5
