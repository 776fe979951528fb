"""Build real (but untrained) Argos packages: for tests and benchmarks.

Real Argos weights cannot be downloaded on the build machines, so tests and
``bench/translate.py`` make their own packages in argostranslate's format: a
SentencePiece model trained on the fly and a CTranslate2 Transformer written
through ctranslate2's model spec API with small random weights. The output is
nonsense but the files, loading and inference paths are the real ones.

The end-of-sentence token is made unreachable (a very low output bias), so a
package decodes to exactly its ``max_decoding_length``: timings stay comparable.
"""

from __future__ import annotations

import io
import json
import random
import shutil
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_WORDS = [
    "order",
    "ship",
    "track",
    "refund",
    "parcel",
    "where",
    "when",
    "please",
    "thank",
    "hello",
    "help",
    "return",
    "size",
    "colour",
    "blue",
    "red",
    "small",
    "large",
    "price",
    "week",
    "today",
    "tomorrow",
    "address",
    "card",
    "payment",
    "delivered",
    "missing",
    "broken",
    "box",
    "label",
    "store",
    "item",
    "number",
    "customer",
    "reply",
    "message",
    "arrive",
    "late",
    "early",
    "cancel",
    "pedido",
    "envío",
    "gracias",
    "hola",
    "dónde",
    "cuándo",
    "precio",
    "semana",
    "tamaño",
    "devolver",
    "caja",
    "número",
    "bestellung",
    "danke",
    "wann",
    "paket",
    "commande",
    "merci",
    "colis",
    "livraison",
]


def sample_corpus(lines: int = 400, seed: int = 0) -> list[str]:
    """Deterministic pseudo-sentences to train a tokenizer on."""
    rng = random.Random(seed)
    corpus = []
    for _ in range(lines):
        words = [rng.choice(_WORDS) for _ in range(rng.randint(3, 14))]
        number = str(rng.randint(1, 99999))
        words.insert(rng.randint(0, len(words)), number)
        corpus.append(" ".join(words).capitalize() + rng.choice([".", "?", "!", ""]))
    return corpus


@dataclass(frozen=True)
class ModelSize:
    encoder_layers: int = 2
    decoder_layers: int = 2
    d_model: int = 32
    heads: int = 2
    ffn: int = 64
    vocabulary: int = 128
    """Target size of the CTranslate2 vocabulary (SentencePiece pieces plus fillers)."""


TINY = ModelSize()
BASE = ModelSize(6, 6, 512, 8, 2048, 32000)
"""The standard Argos size: transformer base with a 32k vocabulary."""


def _train_sentencepiece(corpus: Sequence[str], vocab_size: int) -> bytes:
    import sentencepiece

    model = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(corpus),
        model_writer=model,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        byte_fallback=False,
        minloglevel=2,
        num_threads=1,
    )
    return model.getvalue()


def _pieces(spm_model: bytes) -> list[str]:
    import sentencepiece

    processor = sentencepiece.SentencePieceProcessor(model_proto=spm_model)
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def _random_spec(size: ModelSize, vocabulary: list[str], seed: int) -> Any:
    import numpy as np
    from ctranslate2.specs import common_spec, transformer_spec

    rng = np.random.default_rng(seed)
    d, ff, v = size.d_model, size.ffn, len(vocabulary)

    def matrix(rows: int, cols: int) -> Any:
        return (rng.standard_normal((rows, cols), dtype=np.float32) * (1.0 / np.sqrt(cols))).astype(
            np.float32
        )

    def linear(spec: common_spec.LinearSpec, rows: int, cols: int) -> None:
        spec.weight = matrix(rows, cols)
        spec.bias = np.zeros(rows, dtype=np.float32)

    def norm(spec: common_spec.LayerNormSpec) -> None:
        spec.gamma = np.ones(d, dtype=np.float32)
        spec.beta = np.zeros(d, dtype=np.float32)

    def attention(spec: Any, self_attention: bool) -> None:
        norm(spec.layer_norm)
        if self_attention:
            linear(spec.linear[0], 3 * d, d)
        else:
            linear(spec.linear[0], d, d)
            linear(spec.linear[1], 2 * d, d)
        linear(spec.linear[-1], d, d)

    def ffn(spec: Any) -> None:
        norm(spec.layer_norm)
        linear(spec.linear_0, ff, d)
        linear(spec.linear_1, d, ff)

    spec = transformer_spec.TransformerSpec.from_config(
        (size.encoder_layers, size.decoder_layers), size.heads
    )
    spec.encoder.embeddings[0].weight = matrix(v, d)
    norm(spec.encoder.layer_norm)
    for layer in spec.encoder.layer:
        attention(layer.self_attention, True)
        ffn(layer.ffn)
    spec.decoder.embeddings.weight = matrix(v, d)
    norm(spec.decoder.layer_norm)
    for layer in spec.decoder.layer:
        attention(layer.self_attention, True)
        attention(layer.attention, False)
        ffn(layer.ffn)
    linear(spec.decoder.projection, v, d)
    spec.decoder.projection.bias[vocabulary.index("</s>")] = -1e4  # never end early
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    return spec


def build_package(
    dest: Path,
    from_code: str,
    to_code: str,
    *,
    size: ModelSize = TINY,
    quantization: str | None = "int8",
    corpus: Sequence[str] | None = None,
    seed: int = 0,
    package_version: str = "1.0",
    extra_metadata: dict[str, Any] | None = None,
) -> Path:
    """Write an unpacked Argos package folder at ``dest`` and return it."""
    spm_model = _train_sentencepiece(corpus or sample_corpus(seed=seed), min(size.vocabulary, 200))
    pieces = _pieces(spm_model)
    vocabulary = ["<unk>", "<s>", "</s>", "<blank>"]
    vocabulary += [p for p in pieces if p not in vocabulary]
    filler = 0
    while len(vocabulary) < size.vocabulary:
        vocabulary.append(f"▁w{filler}")
        filler += 1
    spec = _random_spec(size, vocabulary, seed)
    spec.config.unk_token = "<unk>"
    spec.config.bos_token = "<s>"
    spec.config.eos_token = "</s>"
    spec.config.decoder_start_token = "<s>"
    spec.validate()
    spec.optimize(quantization=quantization)
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    (dest / "model").mkdir()
    spec.save(str(dest / "model"))
    (dest / "sentencepiece.model").write_bytes(spm_model)
    metadata = {
        "package_version": package_version,
        "argos_version": "1.9",
        "from_code": from_code,
        "from_name": from_code,
        "to_code": to_code,
        "to_name": to_code,
        "type": "translate",
        **(extra_metadata or {}),
    }
    (dest / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
    (dest / "README.md").write_text("Untrained test package (random weights).\n")
    return dest


def zip_package(folder: Path, archive: Path) -> Path:
    """Pack a package folder as an ``.argosmodel`` (a zip with one top folder)."""
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_STORED) as out:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                out.write(path, Path(folder.name) / path.relative_to(folder))
    return archive
