"""Nearest-rank percentiles from a histogram of whole values.

The store counts the values of each group by value (``GROUP BY group, value``),
so only (value, count) pairs leave it, never the rows behind them. The
nearest-rank ``p``-th percentile of ``n`` values is the value at rank
``ceil(p * n / 100)`` in ascending order: the smallest value whose running
count reaches ``p * n / 100``. It is always one of the values, so the same
counts give the same answer on every engine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def nearest_rank(counts: Mapping[int, int], shares: Sequence[int]) -> dict[int, int]:
    """The value at rank ``ceil(share * n / 100)`` for each share (1-100), ``n`` the sum of
    the counts; empty when there are no values."""
    total = sum(counts.values())
    if total == 0:
        return {}
    wanted = sorted(shares)
    found: dict[int, int] = {}
    running = 0
    for value in sorted(counts):
        running += counts[value]
        while wanted and running * 100 >= wanted[0] * total:
            found[wanted.pop(0)] = value
        if not wanted:
            break
    return found
