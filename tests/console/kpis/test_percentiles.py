"""Nearest-rank percentiles from (value, count) histograms."""

from __future__ import annotations

import math
import random

from console.kpis.percentiles import nearest_rank


def _by_sorting(values: list[int], share: int) -> int:
    return sorted(values)[math.ceil(share * len(values) / 100) - 1]


def test_rank_is_ceil_of_share_times_count() -> None:
    counts = {value: 1 for value in range(1, 11)}  # 1..10
    assert nearest_rank(counts, (50, 90)) == {50: 5, 90: 9}
    assert nearest_rank({7: 1}, (50, 90)) == {50: 7, 90: 7}
    assert nearest_rank({1: 1, 2: 1, 10: 1}, (90, 50)) == {50: 2, 90: 10}


def test_repeated_values_count_once_per_conversation() -> None:
    assert nearest_rank({3: 4, 8: 1}, (50, 90)) == {50: 3, 90: 8}  # 3 3 3 3 8
    assert nearest_rank({3: 1, 8: 4}, (50, 90)) == {50: 8, 90: 8}  # 3 8 8 8 8


def test_nothing_to_rank() -> None:
    assert nearest_rank({}, (50, 90)) == {}
    assert nearest_rank({4: 0}, (50,)) == {}


def test_same_as_sorting_every_value() -> None:
    rng = random.Random(15)
    for _ in range(200):
        values = [rng.randrange(0, 40) for _ in range(rng.randrange(1, 60))]
        counts: dict[int, int] = {}
        for value in values:
            counts[value] = counts.get(value, 0) + 1
        for share in (1, 50, 90, 99, 100):
            assert nearest_rank(counts, (share,)) == {share: _by_sorting(values, share)}
