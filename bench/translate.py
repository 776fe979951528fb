"""Offline translation speed: our CTranslate2 engine against argostranslate's own.

    .venv/bin/python bench/translate.py [--messages 200] [--runs 20] [--work DIR]

Builds (once, cached in --work) an Argos package of the standard size with
random weights: transformer base (6+6 layers, d_model 512, 8 heads, ffn 2048),
32k vocabulary, int8. Both sides then run in fresh processes on the same
package, one after the other, and print side by side:

- cold start: process start (spawn) to the first translation returned, with
  interpreter start, imports and model load included;
- p50/p95 latency of a 1-sentence and a 5-sentence message (distinct texts, so
  no cache helps either side);
- messages/s over an inbox of N messages (ours: ``Translator.translate_many``,
  the console's background path; argostranslate: ``translate`` per message);
- decoded target tokens per second over the inbox;
- peak RSS of the process.

Same decoding on both sides. Random weights never emit end-of-sentence, so
every sentence decodes to a fixed length: ``max_decoding_length`` and
``min_decoding_length`` are both ``1.3 x longest input (tokens) + 5`` of the
batch CTranslate2 receives, beam size 4 (argostranslate's default), length
penalty 0.2. On the argostranslate side this is done by wrapping
``ctranslate2.Translator`` as argostranslate's translate module sees it (the
wrapper adds the two lengths to each ``translate_batch`` call; nothing else
changes). Its MiniSBD sentence splitter downloads a model at run time, which
fails offline, so it is given our regex splitter (cheaper than MiniSBD: this
favours argostranslate). Its stanza/torch import is measured as is.

Threads: ours uses translation.argos defaults (intra threads = half the cores,
at most 4; two workers from 2 cores on: on a 2-core machine 1 x 2 threads);
argostranslate uses its defaults (1 worker, intra_threads 0 = all cores).
Figures swing with other load on a shared machine; run it on a quiet one.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RATIO, EXTRA = 1.3, 5
SOURCE, TARGET = "de", "en"

_WORDS = [
    "hallo",
    "danke",
    "bitte",
    "paket",
    "bestellung",
    "wann",
    "wo",
    "ist",
    "mein",
    "meine",
    "nicht",
    "noch",
    "heute",
    "morgen",
    "woche",
    "lieferung",
    "rückgabe",
    "größe",
    "farbe",
    "blau",
    "rot",
    "klein",
    "groß",
    "preis",
    "karte",
    "zahlung",
    "adresse",
    "kaputt",
    "fehlt",
    "karton",
    "etikett",
    "artikel",
    "nummer",
    "kunde",
    "antwort",
    "nachricht",
    "spät",
    "früh",
    "storniert",
    "erstattung",
    "versand",
    "schnell",
    "leider",
    "gerne",
    "gestern",
]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 16))]
    return " ".join(words).capitalize() + rng.choice([".", "?", "!"])


def message(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def workload(messages: int, runs: int) -> dict[str, list[str]]:
    rng = random.Random(42)
    return {
        "warm": [message(rng, 1)],
        "one": [message(rng, 1) for _ in range(runs)],
        "five": [message(rng, 5) for _ in range(runs)],
        "inbox": [message(rng, rng.randint(1, 5)) for _ in range(messages)],
    }


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


# --- the two sides, each in its own process ----------------------------------------


def run_ours(package_dir: Path, work: dict[str, list[str]], spawned: float) -> dict[str, float]:
    sys.path.insert(0, str(ROOT))
    import translation
    from translation.argos import ArgosEngine
    from translation.memory import InMemoryMemory

    engine = ArgosEngine(
        package_dir,
        max_length_ratio=RATIO, max_length_extra=EXTRA,
        min_length_ratio=RATIO, min_length_extra=EXTRA,
    )  # fmt: skip
    translator = translation.configure(engines=[engine], memory=InMemoryMemory())
    translator.translate(work["warm"][0], SOURCE, TARGET)
    cold = time.time() - spawned
    one = [_timed(lambda t=t: translator.translate(t, SOURCE, TARGET)) for t in work["one"]]
    five = [_timed(lambda t=t: translator.translate(t, SOURCE, TARGET)) for t in work["five"]]
    before = engine.decoded_tokens
    start = time.perf_counter()
    translator.translate_many(work["inbox"], SOURCE, TARGET)
    inbox = time.perf_counter() - start
    return _figures(cold, one, five, inbox, len(work["inbox"]), engine.decoded_tokens - before)


def run_argos(work: dict[str, list[str]], spawned: float) -> dict[str, float]:
    import ctranslate2
    from argostranslate import sbd
    from argostranslate import translate as argos_translate

    sys.path.insert(0, str(ROOT))
    from translation.layout import split_sentences

    counter = {"tokens": 0}

    class CappedTranslator:
        """ctranslate2.Translator with the bench's fixed decoding length added."""

        def __init__(self, *args: object, **kwargs: object) -> None:
            self._inner = ctranslate2.Translator(*args, **kwargs)

        def translate_batch(self, tokens: list[list[str]], **kwargs: object) -> object:
            longest = max(len(t) for t in tokens)
            length = int(RATIO * longest + EXTRA)
            kwargs.update(max_decoding_length=length, min_decoding_length=length)
            results = self._inner.translate_batch(tokens, **kwargs)
            counter["tokens"] += sum(len(r.hypotheses[0]) for r in results)
            return results

    class Shim:
        Translator = CappedTranslator

    argos_translate.ctranslate2 = Shim  # type: ignore[assignment]
    sbd.MiniSBDSentencizer.split_sentences = lambda self, text: split_sentences(text)  # type: ignore[method-assign]

    def run(text: str) -> str:
        return str(argos_translate.translate(text, SOURCE, TARGET))

    run(work["warm"][0])
    cold = time.time() - spawned
    one = [_timed(lambda t=t: run(t)) for t in work["one"]]
    five = [_timed(lambda t=t: run(t)) for t in work["five"]]
    before = counter["tokens"]
    start = time.perf_counter()
    for text in work["inbox"]:
        run(text)
    inbox = time.perf_counter() - start
    return _figures(cold, one, five, inbox, len(work["inbox"]), counter["tokens"] - before)


def _timed(call: object) -> float:
    start = time.perf_counter()
    call()  # type: ignore[operator]
    return (time.perf_counter() - start) * 1000


def _figures(
    cold: float, one: list[float], five: list[float], inbox: float, count: int, tokens: int
) -> dict[str, float]:
    return {
        "cold_start_s": cold,
        "one_sentence_p50_ms": statistics.median(one),
        "one_sentence_p95_ms": pct(one, 0.95),
        "five_sentences_p50_ms": statistics.median(five),
        "five_sentences_p95_ms": pct(five, 0.95),
        "inbox_messages_per_s": count / inbox,
        "decoded_tokens_per_s": tokens / inbox,
        "peak_rss_mb": peak_rss_mb(),
    }


# --- the driver ----------------------------------------------------------------------


def _package_dir(work_dir: Path) -> Path:
    return work_dir / "packages"


def ensure_package(work_dir: Path) -> Path:
    """Build the package in a process of its own when it is missing.

    Linux keeps ``ru_maxrss`` across fork and exec: had this process built the
    package (about 700 MB at its peak), every side spawned after it would report
    that peak instead of its own.
    """
    package_dir = _package_dir(work_dir)
    if not _package_built(package_dir):
        out = subprocess.run(
            [sys.executable, __file__, "--build", str(work_dir)],
            env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False,
        )  # fmt: skip
        if out.returncode != 0 or not _package_built(package_dir):
            raise SystemExit("building the package failed")
    return package_dir


def _package_built(package_dir: Path) -> bool:
    return (package_dir / f"translate-{SOURCE}_{TARGET}" / "model" / "model.bin").exists()


def build_package_here(work_dir: Path) -> None:
    """In the ``--build`` child: build and install the package."""
    package_dir = _package_dir(work_dir)
    if not _package_built(package_dir):
        sys.path.insert(0, str(ROOT))
        from translation.argos_builder import BASE, build_package
        from translation.packages import install_package

        print("building a transformer-base package with random weights (once)...", flush=True)
        # The tokenizer learns the workload's words, so a sentence is about as many
        # tokens as a real Argos SentencePiece model gives (not one per character).
        rng = random.Random(7)
        corpus = [sentence(rng) for _ in range(3000)]
        folder = build_package(
            work_dir / "build", SOURCE, TARGET, size=BASE, quantization="int8", corpus=corpus
        )
        install_package(folder, package_dir)


def spawn(side: str, package_dir: Path, work_file: Path, work_dir: Path) -> dict[str, float]:
    env = {
        **os.environ,
        "ARGOS_PACKAGES_DIR": str(package_dir),
        "XDG_DATA_HOME": str(work_dir / "xdg-data"),
        "XDG_CONFIG_HOME": str(work_dir / "xdg-config"),
        "XDG_CACHE_HOME": str(work_dir / "xdg-cache"),
        "PYTHONPATH": str(ROOT),
    }
    spawned = time.time()
    out = subprocess.run(
        [sys.executable, __file__, "--side", side, "--package-dir", str(package_dir),
         "--work-file", str(work_file), "--spawned", repr(spawned)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if out.returncode != 0:
        raise SystemExit(f"{side} failed:\n{out.stderr[-3000:]}")
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument(
        "--work", type=Path, default=Path(tempfile.gettempdir()) / "bench-translate"
    )
    parser.add_argument("--only", choices=["ours", "argos"])
    parser.add_argument("--side", choices=["ours", "argos"], help=argparse.SUPPRESS)
    parser.add_argument("--package-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work-file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--spawned", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--build", type=Path, metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.build:
        build_package_here(args.build)
        return

    if args.side:
        work = json.loads(args.work_file.read_text())
        if args.side == "ours":
            figures = run_ours(args.package_dir, work, args.spawned)
        else:
            figures = run_argos(work, args.spawned)
        print(json.dumps(figures))
        return

    args.work.mkdir(parents=True, exist_ok=True)
    package_dir = ensure_package(args.work)
    work_file = args.work / "workload.json"
    work_file.write_text(json.dumps(workload(args.messages, args.runs)))
    sides = [args.only] if args.only else ["ours", "argos"]
    results = {side: spawn(side, package_dir, work_file, args.work) for side in sides}
    print(f"package: transformer base 6+6, d512, 8 heads, ffn 2048, 32k vocab, int8; "
          f"{args.messages} inbox messages, {args.runs} runs per latency; beam 4; "
          f"decoding length fixed at {RATIO} x longest input + {EXTRA}")  # fmt: skip
    print(f"{'figure':26}" + "".join(f"{side:>14}" for side in sides))
    for key in results[sides[0]]:
        print(f"{key:26}" + "".join(f"{results[side][key]:14.2f}" for side in sides))
    if len(sides) == 2:
        speedup = results["ours"]["inbox_messages_per_s"] / results["argos"]["inbox_messages_per_s"]
        print(f"{'inbox_speedup_x':26}{speedup:14.1f}")


if __name__ == "__main__":
    main()
