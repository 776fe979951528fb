"""Figures of quality review: agreement between reviewers, scores per agent or vendor and week.

Calibration compares two reviews of the same conversation item by item (items
are matched by their stable key, so two versions of a rubric compare on what
they share): the share of items scored the same, and the difference of totals.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import combinations

from sqlalchemy import Integer, case, func, select
from sqlalchemy.orm import Session, aliased

from console.store.models import Agent, Conversation
from console.store.quality_tables import QualityItemScore, QualityReview, QualityRubricItem

BY_AGENT, BY_VENDOR = "agent", "vendor"


@dataclass(frozen=True)
class CalibrationPair:
    conversation_id: int
    subject: str
    agent: str
    reviewer_a: str
    reviewer_b: str
    total_a: float
    total_b: float
    items_compared: int
    items_same: int

    @property
    def agreement(self) -> float:
        """Share of compared items scored the same, 0..1 (1 when nothing was compared)."""
        return self.items_same / self.items_compared if self.items_compared else 1.0

    @property
    def difference(self) -> float:
        return round(abs(self.total_a - self.total_b), 2)


@dataclass(frozen=True)
class ScoreRow:
    week_start: date
    group: str  # the agent's name, or the vendor ("" for in-house)
    reviews: int
    average: float
    auto_failed: int


def calibration(
    session: Session, *, since: date | None = None, until: date | None = None
) -> list[CalibrationPair]:
    """Every pair of reviews of one conversation (weeks ``since``..``until``, inclusive)."""
    query = select(QualityReview.conversation_id).group_by(QualityReview.conversation_id)
    query = query.having(func.count(QualityReview.id) > 1)
    if since is not None:
        query = query.where(QualityReview.week_start >= since)
    if until is not None:
        query = query.where(QualityReview.week_start <= until)
    conversation_ids = sorted(session.scalars(query).all())
    if not conversation_ids:
        return []
    names = {row.id: row.name for row in session.execute(select(Agent.id, Agent.name))}
    subjects = {
        row.id: row.subject
        for row in session.execute(
            select(Conversation.id, Conversation.subject).where(
                Conversation.id.in_(conversation_ids)
            )
        )
    }
    reviews = session.scalars(
        select(QualityReview)
        .where(QualityReview.conversation_id.in_(conversation_ids))
        .order_by(QualityReview.conversation_id, QualityReview.id)
    ).all()
    keyed = _scores_by_key(session, [r.id for r in reviews])
    pairs: list[CalibrationPair] = []
    for conversation_id in conversation_ids:
        mine = [r for r in reviews if r.conversation_id == conversation_id]
        for a, b in combinations(mine, 2):
            shared = sorted(set(keyed[a.id]) & set(keyed[b.id]))
            same = sum(keyed[a.id][key] == keyed[b.id][key] for key in shared)
            pairs.append(
                CalibrationPair(
                    conversation_id,
                    subjects.get(conversation_id) or "",
                    names.get(a.agent_id, ""),
                    names.get(a.reviewer_id, ""),
                    names.get(b.reviewer_id, ""),
                    a.total,
                    b.total,
                    len(shared),
                    same,
                )
            )
    return pairs


def _scores_by_key(session: Session, review_ids: list[int]) -> dict[int, dict[str, int | None]]:
    rows = session.execute(
        select(QualityItemScore.review_id, QualityRubricItem.key, QualityItemScore.score)
        .join(QualityRubricItem, QualityRubricItem.id == QualityItemScore.item_id)
        .where(QualityItemScore.review_id.in_(review_ids))
    ).all()
    result: dict[int, dict[str, int | None]] = {review_id: {} for review_id in review_ids}
    for review_id, key, score in rows:
        result[review_id][key] = score
    return result


def scores_by_week(
    session: Session,
    by: str = BY_AGENT,
    *,
    since: date | None = None,
    until: date | None = None,
) -> list[ScoreRow]:
    """Average total per week and agent (or vendor), computed by the store in SQL."""
    agent = aliased(Agent)
    group = agent.name if by == BY_AGENT else func.coalesce(agent.vendor, "")
    # Two agents of the same name stay apart; a vendor is its name.
    keys = (agent.id, agent.name) if by == BY_AGENT else (group,)
    query = (
        select(
            QualityReview.week_start,
            group.label("grp"),
            func.count(QualityReview.id),
            func.avg(QualityReview.total),
            func.sum(case((QualityReview.auto_failed, 1), else_=0).cast(Integer)),
        )
        .join(agent, agent.id == QualityReview.agent_id)
        .group_by(QualityReview.week_start, *keys)
        .order_by(QualityReview.week_start, group, *keys)
    )
    if since is not None:
        query = query.where(QualityReview.week_start >= since)
    if until is not None:
        query = query.where(QualityReview.week_start <= until)
    return [
        ScoreRow(week, name, int(count), round(float(average), 2), int(failed or 0))
        for week, name, count, average, failed in session.execute(query).all()
    ]
