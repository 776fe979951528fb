"""A scorecard's total: the weighted share of points, or 0 when an auto-fail item happened.

Each weighted item scores ``NOT_MET`` (0), ``PARTLY`` (1) or ``MET`` (2), or
``None`` when it does not apply (left out of both sides of the share). An
auto-fail item scores ``FAILED`` (it happened) or ``PASSED``; it cannot be left out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from console.problems import define, problem
from console.quality.access import QualityError
from console.quality.rubrics import RubricItem, localized

NOT_MET, PARTLY, MET = 0, 1, 2
FAILED, PASSED = 0, 2
TOP = MET
WEIGHTED_SCORES = (NOT_MET, PARTLY, MET, None)
AUTO_FAIL_SCORES = (FAILED, PASSED)

ITEM_UNSCORED = define(
    "quality.item_unscored",
    "“{item}” has no score yet; score it (or mark it as not applying).",
)
BAD_SCORE = define(
    "quality.bad_score",
    "“{item}” cannot be scored {value}.",
)
NOTHING_SCORED = define(
    "quality.nothing_scored",
    "Every weighted item is marked as not applying; score at least one.",
)


def check_scores(items: Sequence[RubricItem], scores: Mapping[int, int | None]) -> None:
    """A QualityError unless every item (by id) has a score it may have."""
    for item in items:
        label = localized(item.names, "en")
        if item.id not in scores:
            raise QualityError(problem(ITEM_UNSCORED, item=label))
        value = scores[item.id]
        allowed = AUTO_FAIL_SCORES if item.auto_fail else WEIGHTED_SCORES
        if value not in allowed:
            raise QualityError(problem(BAD_SCORE, item=label, value=value))


def total(items: Sequence[RubricItem], scores: Mapping[int, int | None]) -> tuple[float, bool]:
    """``(total 0..100, auto_failed)`` for checked scores."""
    if any(item.auto_fail and scores.get(item.id) == FAILED for item in items):
        return 0.0, True
    earned = possible = 0.0
    for item in items:
        value = scores.get(item.id)
        if item.auto_fail or value is None:
            continue
        earned += item.weight * value / TOP
        possible += item.weight
    if possible == 0:
        raise QualityError(problem(NOTHING_SCORED))
    return round(100.0 * earned / possible, 2), False
