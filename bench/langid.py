"""Benchmark: translation.detect_language against plain langdetect on the langid dev set.

Prints accuracy per category, per language and overall, and mean milliseconds per text.
It is a measurement, not a test: it never fails on low figures.

It also prints what the words of the Malay- and Indonesian-labelled sentences say by
themselves: the log ratio of their Malay and Indonesian frequencies in wordfreq's lists
(corpora independent of this set). Most "ms" sentences score as Indonesian there, which
bounds what any detector that follows the language can reach on the sentences.

    .venv/bin/python bench/langid.py [--data DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from translation import detect_language  # noqa: E402

LANGUAGES: tuple[str, ...] = (
    "en", "zh", "es", "de", "fr", "ja", "ko", "ru", "pt", "ar",
    "it", "nl", "pl", "tr", "th", "vi", "id", "ms", "sv",
)  # fmt: skip
CATEGORIES: tuple[str, ...] = ("single-words", "word-pairs", "sentences")
DEFAULT_DATA = Path(
    os.environ.get("LANGID_DEV_DIR", str(ROOT.parent / "shared" / "data" / "langid-dev"))
)

Detector = Callable[[str], str]


@dataclass
class Tally:
    """Correct answers and counts, per category and language, plus time spent."""

    correct: dict[tuple[str, str], int] = field(default_factory=dict)
    total: dict[tuple[str, str], int] = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, category: str, language: str, ok: bool) -> None:
        key = (category, language)
        self.total[key] = self.total.get(key, 0) + 1
        self.correct[key] = self.correct.get(key, 0) + int(ok)

    def accuracy(self, category: str | None = None, language: str | None = None) -> float:
        keys = [
            key for key in self.total if category in (None, key[0]) and language in (None, key[1])
        ]
        total = sum(self.total[key] for key in keys)
        return sum(self.correct[key] for key in keys) / total if total else float("nan")

    def ms_per_text(self) -> float:
        count = sum(self.total.values())
        return 1000 * self.seconds / count if count else float("nan")


def load(data: Path, limit: int | None) -> list[tuple[str, str, str]]:
    """(category, language, text) for every non-empty line of the dev set."""
    items: list[tuple[str, str, str]] = []
    for category in CATEGORIES:
        for language in LANGUAGES:
            path = data / category / f"{language}.txt"
            if not path.exists():
                continue
            lines = [line.strip() for line in path.read_text(encoding="utf-8").split("\n")]
            texts = [line for line in lines if line][:limit]
            items.extend((category, language, text) for text in texts)
    return items


def ours(text: str) -> str:
    return detect_language(text, LANGUAGES).language


def make_plain_langdetect() -> Detector:
    """langdetect as shipped, restricted by taking its best-ranked candidate."""
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    aliases = {"zh-cn": "zh", "zh-tw": "zh"}

    def plain(text: str) -> str:
        try:
            ranked = detect_langs(text)
        except LangDetectException:
            return "und"
        for guess in ranked:
            lang = str(guess.lang)
            code = aliases.get(lang, lang)
            if code in LANGUAGES:
                return code
        return "und"

    return plain


def run(detector: Detector, items: Sequence[tuple[str, str, str]]) -> Tally:
    tally = Tally()
    for category, language, text in items:
        start = time.perf_counter()
        answer = detector(text)
        tally.seconds += time.perf_counter() - start
        tally.add(category, language, answer == language)
    return tally


def warm(detector: Detector) -> float:
    start = time.perf_counter()
    for sample in ("warm up the models", "Aufwärmen", "précharger", "ทดสอบ", "проверка"):
        detector(sample)
    return time.perf_counter() - start


def report(results: dict[str, Tally], items: Sequence[tuple[str, str, str]]) -> None:
    names = list(results)
    print(f"{'category':<14}{'items':>7}" + "".join(f"{name:>20}" for name in names))
    for category in CATEGORIES:
        count = sum(1 for item in items if item[0] == category)
        row = "".join(f"{results[name].accuracy(category):>20.4f}" for name in names)
        print(f"{category:<14}{count:>7}{row}")
    print(
        f"{'overall':<14}{len(items):>7}"
        + "".join(f"{results[name].accuracy():>20.4f}" for name in names)
    )
    print(
        f"{'ms per text':<21}" + "".join(f"{results[name].ms_per_text():>20.3f}" for name in names)
    )
    print()
    print("per language (single-words / word-pairs / sentences):")
    for language in LANGUAGES:
        cells = []
        for name in names:
            figures = [results[name].accuracy(category, language) for category in CATEGORIES]
            cells.append(" ".join("  -  " if f != f else f"{f:.3f}" for f in figures))
        print(
            f"  {language:<4}"
            + "".join(f"  {name}: {cell}" for name, cell in zip(names, cells, strict=True))
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="items per file")
    args = parser.parse_args()
    items = load(args.data, args.limit)
    if not items:
        raise SystemExit(f"no dev-set items under {args.data}")
    detectors: dict[str, Detector] = {
        "detect_language": ours,
        "plain langdetect": make_plain_langdetect(),
    }
    for name, detector in detectors.items():
        print(f"warm-up {name}: {warm(detector):.2f} s (model loading, not counted below)")
    results = {name: run(detector, items) for name, detector in detectors.items()}
    print()
    report(results, items)
    print()
    report_malay_indonesian(items)
    print()
    print(f"peak memory of this process (both detectors): {peak_memory_mb():.0f} MB")


VOCABULARY_MARGIN = 2.0
"""Nats of summed word evidence that count as a clear lean to one language."""


def vocabulary_lean(text: str) -> float:
    """Sum over words of log(Malay frequency / Indonesian frequency); > 0 leans Malay."""
    from wordfreq import tokenize, word_frequency

    floor = 1e-6
    total = 0.0
    for word in tokenize(text, "ms"):
        malay, indonesian = word_frequency(word, "ms"), word_frequency(word, "id")
        if malay or indonesian:
            total += math.log((malay + floor) / (indonesian + floor))
    return total


def report_malay_indonesian(items: Sequence[tuple[str, str, str]]) -> None:
    """How the id/ms sentences lean by vocabulary alone, and the ceiling that puts on accuracy."""
    sentences = [item for item in items if item[0] == "sentences"]
    print("Malay/Indonesian sentences by vocabulary alone (wordfreq ms vs id frequencies):")
    follows = 0
    for label in ("ms", "id"):
        leans = [vocabulary_lean(text) for _, language, text in sentences if language == label]
        malay = sum(lean > 0 for lean in leans)
        agree = malay if label == "ms" else len(leans) - malay
        follows += agree
        print(
            f"  labelled {label}: {len(leans):>4}  lean ms {malay:>4} "
            f"(clearly {sum(lean > VOCABULARY_MARGIN for lean in leans):>4})  "
            f"lean id {len(leans) - malay:>4} "
            f"(clearly {sum(lean < -VOCABULARY_MARGIN for lean in leans):>4})"
        )
    others = sum(1 for item in sentences if item[1] not in ("ms", "id"))
    if sentences:
        ceiling = (others + follows) / len(sentences)
        print(
            f"  sentences accuracy if every other language were perfect and id/ms followed "
            f"the vocabulary: {ceiling:.4f}"
        )


def peak_memory_mb() -> float:
    """Peak resident memory in MB (Linux reports KiB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main()
