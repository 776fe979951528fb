"""Which conversations are reviewed: a weekly draw per agent, set by a lead.

Weeks are UTC weeks starting on Monday. For each agent who replied in the week,
the draw takes a count (or a share of the conversations they replied in),
multiplied for people in their first ``newcomer_days`` and for temporary agents
(the larger factor when both apply). The draw is seeded by the week and the
agent, so the same store gives the same sample; an agent already drawn for a
week is not drawn again, and no reviewer gets the same conversation twice.
Each sampled conversation goes to the least busy reviewer (qa or lead, never the
agent); a share of them also to a second reviewer, for calibration.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from console import audit
from console.problems import define, problem
from console.quality.access import REVIEWER_ROLES, QualityError, require_lead
from console.store.models import Agent, Direction, Message, utcnow
from console.store.quality_tables import QualityAssignment, QualitySampling

COUNT, SHARE = "count", "share"
SAMPLE, CALIBRATION = "sample", "calibration"
MAX_COUNT = 500
MAX_FACTOR = 10.0

OUT_OF_RANGE = define(
    "quality.setting_out_of_range",
    "The {setting} must be between {low} and {high}.",
)


@dataclass(frozen=True)
class SamplingSettings:
    mode: str = COUNT
    count: int = 3
    share: float = 0.05
    newcomer_factor: float = 2.0
    temporary_factor: float = 2.0
    newcomer_days: int = 30
    calibration_share: float = 0.1


@dataclass(frozen=True)
class SampleResult:
    week_start: date
    agents: int  # drawn for this time
    assigned: int  # assignments made (calibration included)
    calibration: int


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def sampling_settings(session: Session) -> SamplingSettings:
    row = session.get(QualitySampling, 1)
    if row is None:
        return SamplingSettings()
    return SamplingSettings(
        row.mode,
        row.count,
        row.share,
        row.newcomer_factor,
        row.temporary_factor,
        row.newcomer_days,
        row.calibration_share,
    )


def save_sampling_settings(
    session: Session, settings: SamplingSettings, *, agent_id: int | None
) -> SamplingSettings:
    lead = require_lead(session, agent_id)
    _check(settings)
    row = session.get(QualitySampling, 1)
    if row is None:
        row = QualitySampling(id=1)
        session.add(row)
    row.mode, row.count, row.share = settings.mode, settings.count, settings.share
    row.newcomer_factor, row.temporary_factor = settings.newcomer_factor, settings.temporary_factor
    row.newcomer_days, row.calibration_share = settings.newcomer_days, settings.calibration_share
    row.updated_by, row.updated_at = lead.name, utcnow()
    audit.record(
        session,
        actor=lead.name,
        action="quality.sampling_saved",
        entity="quality_sampling",
        entity_id=1,
        mode=settings.mode,
        count=settings.count,
        share=settings.share,
    )
    return settings


def _check(settings: SamplingSettings) -> None:
    bounds: tuple[tuple[str, float, float, float], ...] = (
        ("count", settings.count, 0, MAX_COUNT),
        ("share", settings.share, 0, 1),
        ("newcomer factor", settings.newcomer_factor, 1, MAX_FACTOR),
        ("temporary factor", settings.temporary_factor, 1, MAX_FACTOR),
        ("newcomer days", settings.newcomer_days, 0, 365),
        ("calibration share", settings.calibration_share, 0, 1),
    )
    for name, value, low, high in bounds:
        if not low <= value <= high:
            raise QualityError(problem(OUT_OF_RANGE, setting=name, low=low, high=high))
    if settings.mode not in (COUNT, SHARE):
        raise QualityError(problem(OUT_OF_RANGE, setting="mode", low=COUNT, high=SHARE))


def weight_factor(agent: Agent, monday: date, settings: SamplingSettings) -> float:
    """How much heavier ``agent`` is sampled in the week of ``monday``."""
    factors = [1.0]
    if agent.joined_on is not None:
        first_days_end = agent.joined_on + timedelta(days=settings.newcomer_days)
        if agent.joined_on <= monday + timedelta(days=6) and monday < first_days_end:
            factors.append(settings.newcomer_factor)
    if agent.expires_on is not None:
        factors.append(settings.temporary_factor)
    return max(factors)


def sample_size(candidates: int, factor: float, settings: SamplingSettings) -> int:
    if settings.mode == SHARE:
        wanted = math.ceil(round(candidates * settings.share * factor, 9))
    else:
        wanted = math.ceil(round(settings.count * factor, 9))
    return min(candidates, wanted)


def sample_week(session: Session, day: date, *, actor: str = "quality sampling") -> SampleResult:
    """Draw the week of ``day`` for every agent not drawn for it yet (idempotent)."""
    monday = week_start(day)
    settings = sampling_settings(session)
    start = datetime.combine(monday, time(), tzinfo=UTC)
    replied = session.execute(
        select(Message.author_agent_id, Message.conversation_id)
        .where(
            Message.direction == Direction.OUTBOUND,
            Message.author_agent_id.is_not(None),
            Message.sent_at >= start,
            Message.sent_at < start + timedelta(days=7),
        )
        .distinct()
    ).all()
    by_agent: dict[int, set[int]] = {}
    for agent_id, conversation_id in replied:
        assert agent_id is not None  # filtered above
        by_agent.setdefault(agent_id, set()).add(conversation_id)
    reviewers = list(
        session.scalars(select(Agent.id).where(Agent.role.in_(REVIEWER_ROLES)).order_by(Agent.id))
    )
    existing = session.execute(
        select(
            QualityAssignment.week_start,
            QualityAssignment.agent_id,
            QualityAssignment.reviewer_id,
            QualityAssignment.conversation_id,
        )
    ).all()
    pairs = {(reviewer, conversation) for _, _, reviewer, conversation in existing}
    drawn = {(week, agent) for week, agent, _, _ in existing if week == monday}
    sampled_before = {(agent, conversation) for _, agent, _, conversation in existing}
    load = Counter(reviewer for week, _, reviewer, _ in existing if week == monday)
    result = SampleResult(monday, 0, 0, 0)
    for agent_id in sorted(by_agent):
        if (monday, agent_id) in drawn:
            continue
        agent = session.get(Agent, agent_id)
        if agent is None:
            continue
        rng = random.Random(f"quality:{monday.isoformat()}:{agent_id}")
        candidates = sorted(c for c in by_agent[agent_id] if (agent_id, c) not in sampled_before)
        size = sample_size(len(candidates), weight_factor(agent, monday, settings), settings)
        picks = rng.sample(candidates, size)
        order = {reviewer: rng.random() for reviewer in reviewers}
        made = calibrated = 0
        for conversation_id in picks:
            wants_second = rng.random() < settings.calibration_share
            for reason in (SAMPLE, CALIBRATION) if wants_second else (SAMPLE,):
                eligible = [
                    r for r in reviewers if r != agent_id and (r, conversation_id) not in pairs
                ]
                if not eligible:
                    break
                reviewer = min(eligible, key=lambda r: (load[r], order[r]))
                session.add(
                    QualityAssignment(
                        week_start=monday,
                        agent_id=agent_id,
                        conversation_id=conversation_id,
                        reviewer_id=reviewer,
                        reason=reason,
                    )
                )
                pairs.add((reviewer, conversation_id))
                load[reviewer] += 1
                made += 1
                calibrated += reason == CALIBRATION
        if made:
            result = replace(
                result,
                agents=result.agents + 1,
                assigned=result.assigned + made,
                calibration=result.calibration + calibrated,
            )
    if result.assigned:
        session.flush()
        audit.record(
            session,
            actor=actor,
            action="quality.sampled",
            entity="quality_week",
            week=monday.isoformat(),
            agents=result.agents,
            assigned=result.assigned,
        )
    return result


def sample_weeks(
    session: Session, first_day: date, last_day: date, *, actor: str = "quality sampling"
) -> list[SampleResult]:
    """Draw every week from ``first_day``'s to ``last_day``'s (each week at most once)."""
    results = []
    monday = week_start(first_day)
    while monday <= last_day:
        results.append(sample_week(session, monday, actor=actor))
        monday += timedelta(days=7)
    return results
