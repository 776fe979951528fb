"""Required agents per market and hour of a week, from the forecast (no Qt).

In each support hour of a market: Erlang C agents for the chats expected in that hour
(:func:`console.coverage.staffing.erlang_c_agents`) plus the e-mail workload
(volume x handle time / occupancy), at least one agent. Messages of either kind that
arrive while the market is closed wait for it to open: their work is spread evenly
over the next run of support hours (the week wraps around, Sunday night's messages
are Monday morning's work). Outside support hours nobody is required.

Scheduled agents are the assigned agents speaking one of the market's languages on
shift in the hour (an agent covering two markets counts in both).
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from console.coverage.forecast import HISTORY_WEEKS, MarketForecast, WeekForecast, forecast_week
from console.coverage.handle_times import HandleTimes, Kind, measure_handle_times
from console.coverage.plan import SLOTS, CoveragePlan, MarketCoverage
from console.coverage.staffing import (
    DEFAULT_TARGETS,
    StaffingTargets,
    erlang_c_agents,
    workload_agents,
)


def _open_runs(open_slots: int) -> list[list[int]]:
    """Runs of consecutive open slots, the week wrapping around."""
    runs: list[list[int]] = []
    for slot in range(SLOTS):
        if open_slots >> slot & 1:
            if runs and runs[-1][-1] == slot - 1:
                runs[-1].append(slot)
            else:
                runs.append([slot])
    if len(runs) > 1 and runs[0][0] == 0 and runs[-1][-1] == SLOTS - 1:
        runs[0] = runs.pop() + runs[0]
    return runs


def deferred_seconds(
    open_slots: int,
    chat: tuple[float, ...],
    email: tuple[float, ...],
    chat_seconds: float,
    email_seconds: float,
) -> list[float]:
    """Per slot: seconds of work that arrived while the market was closed, done then."""
    extra = [0.0] * SLOTS
    if not open_slots:
        return extra
    runs = _open_runs(open_slots)
    starts = {run[0]: run for run in runs}
    # Walk backwards from each run's start collecting the closed hours before it.
    for first, run in starts.items():
        work = 0.0
        slot = (first - 1) % SLOTS
        while not open_slots >> slot & 1:
            work += chat[slot] * chat_seconds + email[slot] * email_seconds
            slot = (slot - 1) % SLOTS
        for s in run:
            extra[s] += work / len(run)
    return extra


def required_agents(
    open_slots: int,
    forecast: MarketForecast,
    chat_seconds: float,
    email_seconds: float,
    targets: StaffingTargets = DEFAULT_TARGETS,
) -> tuple[int, ...]:
    """Agents needed in each slot of a market's week (0 outside its support hours)."""
    extra = deferred_seconds(open_slots, forecast.chat, forecast.email, chat_seconds, email_seconds)
    result = []
    for slot in range(SLOTS):
        if not open_slots >> slot & 1:
            result.append(0)
            continue
        chat = erlang_c_agents(
            forecast.chat[slot],
            chat_seconds,
            targets.chat_answer_within_seconds,
            targets.chat_target_share,
        )
        email_volume = forecast.email[slot] + extra[slot] / email_seconds
        email = workload_agents(email_volume, email_seconds, targets.email_occupancy)
        result.append(max(1, chat + email))
    return tuple(result)


def scheduled_agents(plan: CoveragePlan, market: MarketCoverage) -> tuple[int, ...]:
    """Assigned agents speaking one of the market's languages on shift in each slot."""
    masks = [
        agent.on_shift for agent in plan.agents_of(market.id) if agent.speaks_any(market.languages)
    ]
    return tuple(sum(mask >> slot & 1 for mask in masks) for slot in range(SLOTS))


@dataclasses.dataclass(frozen=True)
class Staffing:
    """A plan with the forecast as its demand and each market's requirement, and what
    it was computed from."""

    plan: CoveragePlan
    forecast: WeekForecast
    handle_times: HandleTimes


def with_requirements(
    session: Session,
    plan: CoveragePlan,
    now: datetime,
    *,
    targets: StaffingTargets = DEFAULT_TARGETS,
    history_weeks: int = HISTORY_WEEKS,
) -> Staffing:
    """``plan`` with every market's demand replaced by the forecast inbound messages of
    the plan's week and its required agents per hour."""
    forecast = forecast_week(
        session, plan.zone, plan.week_start, now=now, history_weeks=history_weeks
    )
    handle = measure_handle_times(session, since=now - timedelta(weeks=history_weeks))
    markets = []
    for market in plan.markets:
        expected = forecast.market(market.id)
        required = required_agents(
            market.open_slots,
            expected,
            handle.seconds(market.id, Kind.CHAT),
            handle.seconds(market.id, Kind.EMAIL),
            targets,
        )
        markets.append(dataclasses.replace(market, demand=expected.total, required=required))
    staffed = CoveragePlan(
        plan.zone, plan.week_start, plan.agents, tuple(markets), plan.assignments
    )
    return Staffing(staffed, forecast, handle)
