"""Quality review's store work, as named operations (console/ui/lanes/operations.py).

Reads are :class:`QueryOp`; writes are :class:`WriteOp` whose work says it changed
``quality`` (a week drawn, a review submitted, a new scorecard version, sampling
settings), so the review window and the scores tab of the team dashboard refresh
themselves from the change bus. The reviewer or lead acting is an argument
(``agent_id``), taken by the widgets from the AppState. A widget runs one with
``operation(parent=self, ...).run(executor)``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from PySide6.QtCore import QObject
from sqlalchemy.orm import Session

from console.changes import NOTHING, Changes
from console.quality import (
    CalibrationPair,
    ItemSpec,
    QualityAccess,
    QueueEntry,
    ReviewDetail,
    ReviewMaterial,
    ReviewSummary,
    RubricView,
    SamplingSettings,
    ScoreRow,
    calibration,
    ensure_default_rubric,
    quality_access,
    review_detail,
    review_material,
    reviewer_queue,
    reviews_of_agent,
    sample_week,
    sampling_settings,
    save_rubric,
    save_sampling_settings,
    scores_by_week,
    submit_review,
)
from console.store.row_scope import sees_every_row
from console.ui.lanes.operations import QueryOp, WriteOp, Wrote

#: What a write of this module changed.
QUALITY = Changes(quality=True)


def draw_week_and_access(
    *,
    parent: QObject,
    day: date,
    agent_id: int | None,
    success: Callable[[QualityAccess], None],
) -> WriteOp[QualityAccess]:
    """Draw the sample of ``day``'s week (once per week), then what ``agent_id`` may do."""

    def work(session: Session) -> Wrote[QualityAccess]:
        # The week's sample is drawn once, from every conversation: by a person who sees
        # every row (in a team store, row-level security shows the others only their scope).
        drawn = sample_week(session, day) if sees_every_row(session) else None
        changes = QUALITY if drawn is not None and drawn.assigned else NOTHING
        return Wrote(quality_access(session, agent_id), changes)

    return WriteOp(parent=parent, op=work, success=success)


# -- the reviewer's lists ---------------------------------------------------------------


def load_review_queue(
    *, parent: QObject, reviewer_id: int | None, success: Callable[[list[QueueEntry]], None]
) -> QueryOp[list[QueueEntry]]:
    def work(session: Session) -> list[QueueEntry]:
        return reviewer_queue(session, reviewer_id)

    return QueryOp(parent=parent, op=work, success=success)


def load_reviews_of(
    *, parent: QObject, agent_id: int | None, success: Callable[[list[ReviewSummary]], None]
) -> QueryOp[list[ReviewSummary]]:
    """The reviews of ``agent_id``'s conversations ("My reviews"), newest first."""

    def work(session: Session) -> list[ReviewSummary]:
        return reviews_of_agent(session, agent_id)

    return QueryOp(parent=parent, op=work, success=success)


def load_calibration(
    *, parent: QObject, success: Callable[[list[CalibrationPair]], None]
) -> QueryOp[list[CalibrationPair]]:
    def work(session: Session) -> list[CalibrationPair]:
        return calibration(session)

    return QueryOp(parent=parent, op=work, success=success)


def load_review_detail(
    *,
    parent: QObject,
    review_id: int,
    viewer_id: int | None,
    success: Callable[[ReviewDetail], None],
) -> QueryOp[ReviewDetail]:
    def work(session: Session) -> ReviewDetail:
        return review_detail(session, review_id, viewer_id)

    return QueryOp(parent=parent, op=work, success=success)


def load_scores(
    *, parent: QObject, by: str, success: Callable[[list[ScoreRow]], None]
) -> QueryOp[list[ScoreRow]]:
    """Average scores per week, by agent or by vendor (``by``)."""

    def work(session: Session) -> list[ScoreRow]:
        return scores_by_week(session, by)

    return QueryOp(parent=parent, op=work, success=success)


# -- reviewing --------------------------------------------------------------------------


def load_review_material(
    *,
    parent: QObject,
    assignment_id: int,
    reviewer_id: int | None,
    language: str,
    success: Callable[[ReviewMaterial], None],
) -> QueryOp[ReviewMaterial]:
    """The conversation, its translations and the scorecard of one sampled assignment."""

    def work(session: Session) -> ReviewMaterial:
        return review_material(session, assignment_id, reviewer_id, language)

    return QueryOp(parent=parent, op=work, success=success)


def submit_quality_review(
    *,
    parent: QObject,
    assignment_id: int,
    reviewer_id: int | None,
    rubric_version_id: int,
    scores: Mapping[int, int | None],
    comment: str,
    success: Callable[[ReviewSummary], None],
) -> WriteOp[ReviewSummary]:
    def work(session: Session) -> Wrote[ReviewSummary]:
        review = submit_review(
            session,
            assignment_id,
            reviewer_id=reviewer_id,
            rubric_version_id=rubric_version_id,
            scores=scores,
            comment=comment,
        )
        return Wrote(review, QUALITY)

    return WriteOp(parent=parent, op=work, success=success)


# -- scorecard and sampling (leads) -------------------------------------------------------


def load_scorecard(
    *, parent: QObject, success: Callable[[RubricView], None]
) -> QueryOp[RubricView]:
    """The default scorecard (seeded as version 1 the first time it is read)."""
    return QueryOp(parent=parent, op=ensure_default_rubric, success=success)


def save_scorecard(
    *,
    parent: QObject,
    items: Sequence[ItemSpec],
    agent_id: int | None,
    previous_version_id: int | None,
    success: Callable[[RubricView], None],
) -> WriteOp[RubricView]:
    """Store ``items`` as the scorecard's next version (nothing when unchanged)."""

    def work(session: Session) -> Wrote[RubricView]:
        rubric = save_rubric(session, items, agent_id=agent_id)
        return Wrote(rubric, QUALITY if rubric.version_id != previous_version_id else NOTHING)

    return WriteOp(parent=parent, op=work, success=success)


def load_sampling(
    *, parent: QObject, success: Callable[[SamplingSettings], None]
) -> QueryOp[SamplingSettings]:
    return QueryOp(parent=parent, op=sampling_settings, success=success)


def save_sampling(
    *,
    parent: QObject,
    settings: SamplingSettings,
    agent_id: int | None,
    success: Callable[[SamplingSettings], None],
) -> WriteOp[SamplingSettings]:
    def work(session: Session) -> Wrote[SamplingSettings]:
        return Wrote(save_sampling_settings(session, settings, agent_id=agent_id), QUALITY)

    return WriteOp(parent=parent, op=work, success=success)
