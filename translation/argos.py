"""Argos Translate packages run directly on CTranslate2 + SentencePiece.

argostranslate's own ``translate`` module imports stanza and torch (seconds) and
downloads sentence-splitting models at run time; this engine reads the same
package files and needs neither: sentences are split by
:func:`translation.layout.split_sentences`, every sentence of a batch goes to
CTranslate2 in one call, models are loaded once per package and kept, int8 is
used where the CPU supports it, and the thread count is bounded.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translation.engines import EngineError
from translation.layout import split_sentences
from translation.packages import PackageInfo, installed_packages

_NO_SPACE_BETWEEN_SENTENCES = frozenset({"zh", "zt", "ja"})

BATCH_TOKENS = 144
"""Budget of one CTranslate2 call, counted as sentences x longest sentence (tokens).

Memory grows with both (beam hypotheses x decoding length), so long sentences go in
small batches and short ones in larger. Measured with bench/translate.py on 2 cores
(transformer base, int8, beam 4, two workers), inbox messages/s and peak RSS:
fixed batches of 8 sentences 12.5-13.4 at 236-250 MB, of 12 15.5 at 298 MB, of 32
16.7 at 496 MB; this budget with at most 12 sentences 14.5-14.9 at 263-274 MB."""

BATCH_SENTENCES = 12
"""At most this many sentences per call, however short: every hypothesis also holds
vocabulary-sized buffers, whatever its length."""

MIN_SENTENCE_COST = 8
"""A very short sentence still costs a few decoding steps: count it as this many tokens."""


def length_chunks(
    lengths: Sequence[int], max_tokens: int = BATCH_TOKENS, max_sentences: int = BATCH_SENTENCES
) -> list[list[int]]:
    """Indices of ``lengths`` sorted by length, cut into batches within the budget.

    Sentences of like length share a batch, so one decoding cap fits them all; a
    sentence longer than the whole budget goes alone.
    """
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    chunks: list[list[int]] = []
    current: list[int] = []
    for index in order:
        longest = max(lengths[index], MIN_SENTENCE_COST)  # ascending: the new one is longest
        if current and (len(current) == max_sentences or (len(current) + 1) * longest > max_tokens):
            chunks.append(current)
            current = []
        current.append(index)
    if current:
        chunks.append(current)
    return chunks


def default_threads() -> int:
    """Intra-op threads: half the cores, between 1 and 4.

    The other half stays with the UI, the store thread and other programs; on a
    shared 2-core machine one thread gave lower latency than two (measured with
    bench/translate.py: CTranslate2's threads wait on each other when a core is busy).
    """
    cores = os.cpu_count() or 1
    return max(1, min(4, cores // 2))


def default_workers() -> int:
    """Batches decoded in parallel (CTranslate2 ``inter_threads``): 2 from 2 cores on.

    One message uses one worker (its latency is unchanged); a background batch of
    many messages is cut into chunks that two workers decode side by side.
    """
    return 2 if (os.cpu_count() or 1) >= 2 else 1


def best_compute_type() -> str:
    import ctranslate2

    supported = ctranslate2.get_supported_compute_types("cpu")
    for kind in ("int8_float32", "int8", "float32"):
        if kind in supported:
            return kind
    return "default"


@dataclass
class _Loaded:
    translator: Any  # ctranslate2.Translator
    tokenizer: Any  # sentencepiece.SentencePieceProcessor
    info: PackageInfo


class ArgosEngine:
    """Translation with installed Argos packages (see :mod:`translation.packages`)."""

    name = "argos"
    priority = 20

    def __init__(
        self,
        package_dir: Path,
        *,
        threads: int | None = None,
        workers: int | None = None,
        compute_type: str | None = None,
        beam_size: int = 4,
        max_batch_size: int = BATCH_SENTENCES,
        batch_tokens: int = BATCH_TOKENS,
        max_length_ratio: float = 2.0,
        max_length_extra: int = 10,
        min_length_ratio: float = 0.0,
        min_length_extra: int = 0,
    ) -> None:
        """``max_decoding_length`` is ``ratio * longest input (tokens) + extra`` for a batch
        (likewise the minimum); it caps run-away output of a damaged model."""
        self.package_dir = Path(package_dir)
        self.threads = threads or default_threads()
        self.workers = workers or default_workers()
        self.compute_type = compute_type
        self.beam_size = beam_size
        self.max_batch_size = max_batch_size
        self.batch_tokens = batch_tokens
        self.max_length = (max_length_ratio, max_length_extra)
        self.min_length = (min_length_ratio, min_length_extra)
        self._lock = threading.Lock()
        self._packages: dict[tuple[str, str], PackageInfo] | None = None
        self._loaded: dict[Path, _Loaded] = {}
        self.decoded_tokens = 0
        """Target tokens decoded so far (for benchmarks)."""

    # -- packages -----------------------------------------------------------------

    def _scan(self) -> dict[tuple[str, str], PackageInfo]:
        if self._packages is None:
            packages: dict[tuple[str, str], PackageInfo] = {}
            for info in installed_packages(self.package_dir):  # newest first per pair
                packages.setdefault(info.pair, info)
            self._packages = packages
        return self._packages

    def refresh(self) -> None:
        """Re-read the package folder (after install or removal); unload models."""
        with self._lock:
            self._packages = None
            self._loaded.clear()

    def pairs(self) -> frozenset[tuple[str, str]]:
        with self._lock:
            return frozenset(self._scan())

    def package(self, source: str, target: str) -> PackageInfo:
        with self._lock:
            info = self._scan().get((source, target))
        if info is None:
            raise EngineError(f"No Argos package installed for {source}->{target}")
        return info

    def version(self, source: str, target: str) -> str:
        info = self.package(source, target)
        assert info.path is not None
        stat = (info.path / "model" / "model.bin").stat()
        # The inode changes with every install (files are written anew), so a
        # reinstalled package never serves translations cached from the old one.
        return f"{info.package_version}/{stat.st_size}-{stat.st_mtime_ns}-{stat.st_ino}"

    def load(self, source: str, target: str) -> _Loaded:
        """Load (once) and return the pair's model and tokenizer."""
        info = self.package(source, target)
        assert info.path is not None
        with self._lock:
            loaded = self._loaded.get(info.path)
            if loaded is not None:
                return loaded
            import ctranslate2
            import sentencepiece

            try:
                translator = ctranslate2.Translator(
                    str(info.path / "model"),
                    device="cpu",
                    compute_type=self.compute_type or best_compute_type(),
                    inter_threads=self.workers,
                    intra_threads=self.threads,
                )
                tokenizer = sentencepiece.SentencePieceProcessor(
                    model_file=str(info.path / "sentencepiece.model")
                )
            except Exception as err:  # ctranslate2/sentencepiece raise RuntimeError variants
                raise EngineError(f"Cannot load the {source}->{target} package: {err}") from err
            loaded = _Loaded(translator, tokenizer, info)
            self._loaded[info.path] = loaded
            return loaded

    # -- inference ----------------------------------------------------------------

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        if not texts:
            return []
        model = self.load(source, target)
        sentences: list[str] = []
        counts: list[int] = []
        for text in texts:
            parts = split_sentences(text) or [text]
            sentences.extend(parts)
            counts.append(len(parts))
        outputs = self.translate_sentences(model, sentences)
        joiner = "" if target in _NO_SPACE_BETWEEN_SENTENCES else " "
        results: list[str] = []
        position = 0
        for count in counts:
            results.append(joiner.join(outputs[position : position + count]).strip())
            position += count
        return results

    def translate_sentences(self, model: _Loaded, sentences: list[str]) -> list[str]:
        """Translate sentences in length-sorted chunks (one decoding cap per chunk).

        The model's workers decode chunks side by side; the chunks' token budget
        (see :data:`BATCH_TOKENS`) bounds the memory in use.
        """
        tokens: list[list[str]] = model.tokenizer.encode(sentences, out_type=str)
        chunks = length_chunks([len(t) for t in tokens], self.batch_tokens, self.max_batch_size)
        prefix = model.info.target_prefix

        def submit(chunk: list[int]) -> Any:
            batch = [tokens[i] for i in chunk]
            longest = max((len(t) for t in batch), default=1)
            max_length = max(1, int(self.max_length[0] * longest + self.max_length[1]))
            min_length = min(max_length, int(self.min_length[0] * longest + self.min_length[1]))
            return model.translator.translate_batch(
                batch,
                target_prefix=[[prefix]] * len(batch) if prefix else None,
                beam_size=self.beam_size,
                max_batch_size=len(batch),
                length_penalty=0.2,
                replace_unknowns=True,
                max_decoding_length=max_length,
                min_decoding_length=min_length,
                asynchronous=True,
            )

        # No lock (a CTranslate2 translator is thread-safe) and at most one chunk per
        # worker in flight: a caller on another thread while a background batch runs
        # waits for one chunk (under a second), not for the whole batch.
        results: list[Any] = [None] * len(chunks)
        in_flight: deque[tuple[int, Any]] = deque()
        submitted = 0
        try:
            while submitted < len(chunks) or in_flight:
                while submitted < len(chunks) and len(in_flight) < self.workers:
                    in_flight.append((submitted, submit(chunks[submitted])))
                    submitted += 1
                index, pending = in_flight.popleft()
                results[index] = [r.result() for r in pending]
        except Exception as err:  # ctranslate2 raises RuntimeError variants
            raise EngineError(f"CTranslate2 failed: {err}") from err
        outputs: list[str] = [""] * len(tokens)
        for chunk, chunk_results in zip(chunks, results, strict=True):
            for i, result in zip(chunk, chunk_results, strict=True):
                pieces = list(result.hypotheses[0])
                if prefix and pieces and pieces[0] == prefix:
                    pieces = pieces[1:]
                self.decoded_tokens += len(pieces)
                outputs[i] = model.tokenizer.decode_pieces(pieces).strip()
        return outputs
