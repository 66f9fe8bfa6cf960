"""The packaged MiniLM (or any BERT checkpoint like it) on ONNX Runtime, without torch or transformers.

A cold one-off spent more than half its time importing torch and transformers and building MiniLM
through them (6.7 s of 12.2 on the sample). Here the BERT graph is written once with the ``onnx``
package from ``config.json`` (a few kilobytes, no weights: each weight is an external initializer)
and kept in mtclean's cache; each process memory-maps ``model.safetensors``, hands the tensors to
ONNX Runtime as they are, and tokenizes with ``tokenizer.json``: a few tenths of a second in all.
The embeddings are those of the torch path to float32 rounding (``tests/test_minilm.py`` compares
them, and ``benchmarks/encoder_backends.py`` the key points on real text), and encoding is faster.

It covers the BERT family with absolute positions and exact GELU (MiniLM, BERT and most
sentence-transformers checkpoints built on them) stored as float32 safetensors with a fast tokenizer
file; :func:`supports` says which folders. Any other folder, ``--int8``, and a machine without ONNX
Runtime run on torch (:class:`pipeline.keypoints.TorchEncoder`).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np

from . import cache
from .errors import ModelError

MAX_TOKENS = 128  # as the torch path: sentence-transformers' MiniLM was trained on 128 tokens
GRAPH_VERSION = "2"  # bump when build_graph changes: cached graphs are keyed by it


def supports(model_dir: Path) -> bool:
    """Whether ``model_dir`` is a BERT checkpoint this module runs as transformers would."""
    config = _config(model_dir)
    return (
        config is not None
        and config.get("model_type") == "bert"
        and config.get("hidden_act", "gelu") == "gelu"
        and config.get("position_embedding_type", "absolute") == "absolute"
        and (model_dir / "model.safetensors").is_file()
        and (model_dir / "tokenizer.json").is_file()
    )


def _config(model_dir: Path) -> dict[str, Any] | None:
    try:
        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return config if isinstance(config, dict) else None


def weights(model_dir: Path, layers: int) -> dict[str, np.ndarray]:
    """The graph's initializers by name (the checkpoint's, less a ``bert.`` prefix), read in place from
    ``model.safetensors``: the file is memory-mapped and each float32 tensor is a view of it, so nothing
    is copied or transposed (the linear layers are ``Gemm`` with ``transB``, as the weights are stored)."""
    path = model_dir / "model.safetensors"
    try:
        with path.open("rb") as f:
            size = int.from_bytes(f.read(8), "little")
            header = json.loads(f.read(size))
        data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + size)
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot read the weights ({exc})", str(path)) from None
    out: dict[str, np.ndarray] = {}
    for name, entry in header.items():
        if name == "__metadata__" or not isinstance(entry, dict) or entry.get("dtype") != "F32":
            continue
        begin, stop = entry["data_offsets"]
        out[name.removeprefix("bert.")] = data[begin:stop].view(np.float32).reshape(entry["shape"])
    wanted = ["embeddings.word_embeddings.weight", "embeddings.position_embeddings.weight"]
    wanted += ["embeddings.LayerNorm.weight", "embeddings.LayerNorm.bias"]
    wanted += [f"encoder.layer.{i}.{part}" for i in range(layers) for part in _LAYER_TENSORS]
    missing = [name for name in [*wanted, "embeddings.token_type_embeddings.weight"] if name not in out]
    if missing:
        raise ModelError(f"the weights lack {missing[0]} (float32)", str(path))
    # every token is of type 0 (one sentence at a time): its row is added to each token's embedding
    return {**{name: out[name] for name in wanted}, "token_type_0": out["embeddings.token_type_embeddings.weight"][0]}


_LAYER_TENSORS = [
    f"{module}.{kind}"
    for module in (
        "attention.self.query",
        "attention.self.key",
        "attention.self.value",
        "attention.output.dense",
        "attention.output.LayerNorm",
        "intermediate.dense",
        "output.dense",
        "output.LayerNorm",
    )
    for kind in ("weight", "bias")
]


def build_graph(config: dict[str, Any], shapes: dict[str, tuple[int, ...]]) -> bytes:
    """The BERT encoder as an ONNX graph (opset 17) whose weights are external initializers named as
    :func:`weights` names them. Inputs: ``input_ids`` (batch, tokens) int64 and ``key_bias`` (batch, 1,
    1, tokens) float32, 0 for a token and the most negative float for padding (as transformers adds);
    output ``hidden``, the last hidden state (batch, tokens, hidden)."""
    from onnx import TensorProto, helper, numpy_helper

    heads, layers = int(config["num_attention_heads"]), int(config["num_hidden_layers"])
    eps = float(config.get("layer_norm_eps", 1e-12))
    hidden = shapes["embeddings.word_embeddings.weight"][1]
    size = hidden // heads
    initializers: list[Any] = []
    nodes: list[Any] = []

    def external(name: str) -> str:
        tensor = TensorProto(name=name, data_type=TensorProto.FLOAT, dims=list(shapes[name]))
        tensor.data_location = TensorProto.EXTERNAL
        for key, value in (("location", "weights"), ("offset", "0"), ("length", "0")):
            entry = tensor.external_data.add()
            entry.key, entry.value = key, value
        initializers.append(tensor)
        return name

    def const(name: str, value: Any, dtype: Any) -> str:
        initializers.append(numpy_helper.from_array(np.asarray(value, dtype=dtype), name))
        return name

    def op(kind: str, *inputs: str, **attrs: Any) -> str:
        out = f"n{len(nodes)}"
        nodes.append(helper.make_node(kind, list(inputs), [out], **attrs))
        return out

    def linear(x: str, name: str) -> str:  # x (batch * tokens, in) @ weight (out, in).T + bias
        return op("Gemm", x, external(name + ".weight"), external(name + ".bias"), transB=1)

    def norm(x: str, name: str) -> str:
        return op("LayerNormalization", x, external(name + ".weight"), external(name + ".bias"), axis=-1, epsilon=eps)

    zero, one, two, rows = (const(f"i{v}", [v], np.int64) for v in (0, 1, 2, -1))
    scale = const("scale", 1 / math.sqrt(size), np.float32)
    root2, unit, half = (const(n, v, np.float32) for n, v in (("root2", math.sqrt(2)), ("unit", 1), ("half", 0.5)))

    tokens = op("Slice", op("Shape", "input_ids"), one, two)
    by_heads = op("Concat", rows, tokens, const("heads", [heads, size], np.int64), axis=0)
    flat = const("flat", [-1, hidden], np.int64)
    positions = op("Slice", external("embeddings.position_embeddings.weight"), zero, tokens, zero)
    x = op("Gather", external("embeddings.word_embeddings.weight"), "input_ids")
    x = op("Add", op("Add", x, positions), external("token_type_0"))
    x = op("Reshape", norm(x, "embeddings.LayerNorm"), flat)  # (batch * tokens, hidden) from here on
    for i in range(layers):
        p, a = f"encoder.layer.{i}.", f"encoder.layer.{i}.attention."
        q, v = (
            op("Transpose", op("Reshape", linear(x, a + "self." + n), by_heads), perm=[0, 2, 1, 3])
            for n in ("query", "value")
        )
        k = op("Transpose", op("Reshape", linear(x, a + "self.key"), by_heads), perm=[0, 2, 3, 1])
        scores = op("Softmax", op("Add", op("Mul", op("MatMul", q, k), scale), "key_bias"), axis=-1)
        context = op("Reshape", op("Transpose", op("MatMul", scores, v), perm=[0, 2, 1, 3]), flat)
        x = norm(op("Add", linear(context, a + "output.dense"), x), a + "output.LayerNorm")
        up = linear(x, p + "intermediate.dense")
        gelu = op("Mul", op("Mul", up, op("Add", op("Erf", op("Div", up, root2)), unit)), half)
        x = norm(op("Add", linear(gelu, p + "output.dense"), x), p + "output.LayerNorm")
    out_shape = op("Concat", rows, tokens, const("width", [hidden], np.int64), axis=0)
    nodes.append(helper.make_node("Reshape", [x, out_shape], ["hidden"]))
    graph = helper.make_graph(
        nodes,
        "bert",
        [
            helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "tokens"]),
            helper.make_tensor_value_info("key_bias", TensorProto.FLOAT, ["batch", 1, 1, "tokens"]),
        ],
        [helper.make_tensor_value_info("hidden", TensorProto.FLOAT, ["batch", "tokens", hidden])],
        initializers,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="mtclean")
    model.ir_version = 8
    return bytes(model.SerializeToString())


def _graph_name(config: dict[str, Any], shapes: dict[str, tuple[int, ...]]) -> str:
    return (
        "bert-" + cache.key(GRAPH_VERSION, json.dumps(config, sort_keys=True), repr(sorted(shapes.items()))) + ".onnx"
    )


class OnnxEncoder:
    """Mean-pooled, L2-normalised sentence embeddings, as :class:`pipeline.keypoints.TorchEncoder`
    gives; ``threads``: ONNX Runtime's threads for one article (None: one per core)."""

    backend = "onnx"

    def __init__(self, model_dir: Path, threads: int | None = None) -> None:
        from tokenizers import Tokenizer

        config = _config(model_dir)
        if config is None or not supports(model_dir):
            raise ModelError("not a BERT model folder with model.safetensors and tokenizer.json", str(model_dir))
        self._weights = weights(model_dir, int(config["num_hidden_layers"]))  # ONNX Runtime reads them in place
        shapes = {name: value.shape for name, value in self._weights.items()}
        name = _graph_name(config, shapes)
        graph = cache.read_bytes(name)
        if graph is not None:
            try:
                self.session = self._session(graph, threads)
            except Exception:  # noqa: BLE001 - a cache entry that is not what it should be: build it again
                graph = None
        if graph is None:
            graph = build_graph(config, shapes)
            try:
                self.session = self._session(graph, threads)
            except Exception as exc:  # noqa: BLE001 - ONNX Runtime raises its own types; say which model
                raise ModelError(f"ONNX Runtime cannot run it ({exc})", str(model_dir)) from None
            cache.write_bytes(name, graph)
        self.hidden = shapes["embeddings.word_embeddings.weight"][1]
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(min(MAX_TOKENS, shapes["embeddings.position_embeddings.weight"][0]))
        self.tokenizer.enable_padding(pad_id=int(config.get("pad_token_id") or 0))  # to the batch's longest

    def _session(self, graph: bytes, threads: int | None) -> Any:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or 0  # 0: one per core
        options.inter_op_num_threads = 1
        options.log_severity_level = 3  # errors only
        names = list(self._weights)
        options.add_external_initializers(names, [ort.OrtValue.ortvalue_from_numpy(self._weights[n]) for n in names])
        return ort.InferenceSession(graph, options, providers=["CPUExecutionProvider"])

    def encode(self, sentences: list[str], batch_size: int = 8) -> np.ndarray:
        """Embeddings (rows in input order), float32 (n, hidden); sentences sorted by length so that
        batches pad little (batches of 8 beat 32 on CPU: news sentences run from 20 to 130 tokens)."""
        out = np.zeros((len(sentences), self.hidden), dtype=np.float32)
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        lowest = np.finfo(np.float32).min
        for k in range(0, len(order), batch_size):
            chunk = order[k : k + batch_size]
            encodings = self.tokenizer.encode_batch([sentences[i] for i in chunk])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
            bias = np.where(mask > 0, np.float32(0), lowest).astype(np.float32)[:, None, None, :]
            states = self.session.run(["hidden"], {"input_ids": ids, "key_bias": bias})[0]
            pooled = (states * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
            out[chunk] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return out
