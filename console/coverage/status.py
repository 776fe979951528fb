"""What the planner tells the lead besides the grid (no Qt): where "now" is in the shown
week, who is on shift now per market, and which assignments cover nothing.

"On shift now" is exact to the minute (the agent's shifts, leave and extra shifts at
the instant), not to the hour slot, and does not depend on the week shown. An
assignment covers nothing when the agent has no shift inside the market's support
hours in the shown week; the reason says whether the agent has no shifts at all,
works only outside those hours, or is on leave through them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from console.coverage.plan import (
    AgentCoverage,
    CoveragePlan,
    MarketCoverage,
    hours_intervals,
    market_hours,
    mask_of,
    shift_intervals,
    slot_middles,
    slot_of,
)
from console.problems import Problem, define, problem
from timezones.wallclock import load_zone

NO_SHIFTS = define(
    "coverage.assigned_without_shifts",
    "{agent} is assigned to {market} but has no shifts at all.",
)
SHIFTS_OUTSIDE_HOURS = define(
    "coverage.shifts_outside_support_hours",
    "{agent} is assigned to {market} but has no shift inside its support hours this week.",
)
ON_LEAVE = define(
    "coverage.on_leave_through_support_hours",
    "{agent} is assigned to {market} but is on leave during all of its support hours this week.",
)


class IdleReason(enum.StrEnum):
    NO_SHIFTS = "no_shifts"  # the agent has no weekly or extra shifts
    OUTSIDE_HOURS = "outside_hours"  # shifts exist, none inside the market's hours
    ON_LEAVE = "on_leave"  # shifts inside the market's hours fall on leave this week


_CODES = {
    IdleReason.NO_SHIFTS: NO_SHIFTS,
    IdleReason.OUTSIDE_HOURS: SHIFTS_OUTSIDE_HOURS,
    IdleReason.ON_LEAVE: ON_LEAVE,
}


@dataclass(frozen=True)
class IdleAssignment:
    """An agent assigned to a market without a shift inside its support hours."""

    market_id: int
    agent_id: int
    reason: IdleReason
    problem: Problem


@dataclass(frozen=True)
class MarketNow:
    """One market at one instant."""

    market_id: int
    market_code: str
    open: bool  # inside its support hours
    agent_ids: tuple[int, ...]  # assigned agents on shift, by name
    agent_names: tuple[str, ...]
    covered: bool  # open, and an assigned agent on shift speaks one of its languages


@dataclass(frozen=True)
class PlanStatus:
    at: datetime
    now_position: float | None  # slot + fraction of the hour in the shown week; None: not shown
    markets_now: tuple[MarketNow, ...]  # in the order of plan.markets
    idle: tuple[IdleAssignment, ...]  # by market, then agent name


def now_position(plan: CoveragePlan, now: datetime) -> float | None:
    """Where ``now`` falls in the plan's week (slot plus the fraction of its hour), or None."""
    slot = slot_of(plan.zone, plan.week_start, now)
    if slot is None:
        return None
    local = now.astimezone(load_zone(plan.zone))
    return slot + (local.minute * 60 + local.second) / 3600


def _working(agent: AgentCoverage, now: datetime) -> bool:
    spans = shift_intervals(agent.zone, agent.shifts, agent.exceptions, [now])
    return any(begin <= now < end for begin, end in spans)


def _open(market: MarketCoverage, now: datetime) -> bool:
    if not market.periods:
        return False
    return any(begin <= now < end for begin, end in hours_intervals(market_hours(market), [now]))


def working_agent_ids(plan: CoveragePlan, now: datetime) -> frozenset[int]:
    """The plan's agents on shift at ``now`` (weekly shifts, leave and extra shifts)."""
    return frozenset(agent.id for agent in plan.agents if _working(agent, now))


def on_shift_now(plan: CoveragePlan, now: datetime) -> tuple[MarketNow, ...]:
    """Per market: is it open at ``now``, and which assigned agents are on shift."""
    working = working_agent_ids(plan, now)
    result = []
    for market in plan.markets:
        agents = sorted(
            (a for a in plan.agents_of(market.id) if a.id in working), key=lambda a: a.name
        )
        is_open = _open(market, now)
        result.append(
            MarketNow(
                market_id=market.id,
                market_code=market.code,
                open=is_open,
                agent_ids=tuple(a.id for a in agents),
                agent_names=tuple(a.name for a in agents),
                covered=is_open and any(a.speaks_any(market.languages) for a in agents),
            )
        )
    return tuple(result)


def idle_assignments(plan: CoveragePlan) -> tuple[IdleAssignment, ...]:
    """Assignments whose agent has no shift inside the market's support hours in the
    plan's week (markets without support hours that week are not checked)."""
    middles: tuple[datetime, ...] | None = None
    result = []
    for market in plan.markets:
        if not market.open_slots:
            continue
        for agent in sorted(plan.agents_of(market.id), key=lambda a: a.name):
            if agent.on_shift & market.open_slots:
                continue
            extras = tuple(e for e in agent.exceptions if e.kind == "extra")
            if not agent.shifts and not extras:
                reason = IdleReason.NO_SHIFTS
            else:
                middles = middles or slot_middles(plan.zone, plan.week_start)
                without_leave = mask_of(
                    shift_intervals(agent.zone, agent.shifts, extras, middles), middles
                )
                reason = (
                    IdleReason.ON_LEAVE
                    if without_leave & market.open_slots
                    else IdleReason.OUTSIDE_HOURS
                )
            result.append(
                IdleAssignment(
                    market.id,
                    agent.id,
                    reason,
                    problem(_CODES[reason], agent=agent.name, market=market.code),
                )
            )
    return tuple(result)


def plan_status(plan: CoveragePlan, now: datetime) -> PlanStatus:
    """Everything above for the plan at ``now``."""
    return PlanStatus(
        at=now,
        now_position=now_position(plan, now),
        markets_now=on_shift_now(plan, now),
        idle=idle_assignments(plan),
    )


__all__ = [
    "NO_SHIFTS",
    "ON_LEAVE",
    "SHIFTS_OUTSIDE_HOURS",
    "IdleAssignment",
    "IdleReason",
    "MarketNow",
    "PlanStatus",
    "idle_assignments",
    "now_position",
    "on_shift_now",
    "plan_status",
    "working_agent_ids",
]
