"""detect_language on the shared language-ID development set (public lingua test data).

Accuracy floors, not timings: bench/langid.py prints the full figures and the speed.
The whole set: about 27,000 items, some 20 seconds.
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from translation import detect_language


def _bench() -> ModuleType:
    """bench/langid.py, whose loader and vocabulary measure the tests share."""
    path = Path(__file__).resolve().parents[2] / "bench" / "langid.py"
    spec = importlib.util.spec_from_file_location("bench_langid", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


bench = _bench()
DEV_SET: Path = bench.DEFAULT_DATA
LANGUAGES: tuple[str, ...] = bench.LANGUAGES
TARGETS = {"single-words": 0.82, "word-pairs": 0.92}
OVERALL_TARGET = 0.90
SENTENCE_FLOOR = 0.98
"""Every language but the Malay/Indonesian pair, on sentences."""

Item = tuple[str, str, str]


@pytest.fixture(scope="module")
def answers() -> list[tuple[Item, str]]:
    """(category, label, text) with detect_language's answer, for every item of the set."""
    if not DEV_SET.is_dir():  # it lies beside the project (../shared), not in it
        pytest.skip(f"shared dev set not found at {DEV_SET} (set LANGID_DEV_DIR)")
    items: list[Item] = bench.load(DEV_SET, None)
    assert items, f"no items under {DEV_SET}"
    return [(item, detect_language(item[2], LANGUAGES).language) for item in items]


def accuracy(answers: list[tuple[Item, str]], category: str | None = None) -> float:
    chosen = [answer == item[1] for item, answer in answers if category in (None, item[0])]
    return sum(chosen) / len(chosen)


@pytest.mark.parametrize("category", sorted(TARGETS))
def test_short_texts_meet_the_targets(answers: list[tuple[Item, str]], category: str) -> None:
    assert accuracy(answers, category) > TARGETS[category]


def test_overall_accuracy_meets_the_target(answers: list[tuple[Item, str]]) -> None:
    assert accuracy(answers) > OVERALL_TARGET


def test_sentences_of_every_language_but_malay_and_indonesian(
    answers: list[tuple[Item, str]],
) -> None:
    right: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for (category, label, _), answer in answers:
        if category == "sentences" and label not in ("ms", "id"):
            seen[label] += 1
            right[label] += answer == label
    weak = {label: right[label] / seen[label] for label in seen}
    assert seen and all(value >= SENTENCE_FLOOR for value in weak.values()), weak


def test_malay_and_indonesian_sentences_follow_their_vocabulary(
    answers: list[tuple[Item, str]],
) -> None:
    """The set's "ms" lines are mostly Indonesian by word frequencies: follow the words.

    Where the words clearly lean one way (wordfreq's Malay vs Indonesian frequencies,
    corpora independent of this set), the detection goes that way.
    """
    agree = total = 0
    for (category, label, text), answer in answers:
        if category != "sentences" or label not in ("ms", "id"):
            continue
        lean = bench.vocabulary_lean(text)
        if abs(lean) > bench.VOCABULARY_MARGIN:
            total += 1
            agree += answer == ("ms" if lean > 0 else "id")
    assert total and agree / total >= 0.95, (agree, total)
