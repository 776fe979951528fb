"""Changing the coverage plan: assignments, shifts, leave, market support hours.

Every change is recorded in the audit log with the actor's name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from console import audit
from console.store.coverage_tables import (
    AgentShift,
    MarketAssignment,
    MarketSupportHours,
    ShiftException,
)
from console.store.models import Agent, Market
from timezones import BusinessHours
from timezones.business_hours import parse_time, weekday_number
from timezones.wallclock import is_valid_zone


class CoverageError(ValueError):
    """A coverage change that cannot be made; the message is for the user."""


@dataclass(frozen=True)
class ShiftSpec:
    """A weekly shift: ``weekday`` (Mon=0 or a day name), wall-clock ``start``-``end``."""

    weekday: int | str
    start: str
    end: str
    zone: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None


def _agent(session: Session, agent_id: int) -> Agent:
    agent = session.get(Agent, agent_id)
    if agent is None:
        raise CoverageError(f"Agent {agent_id} no longer exists.")
    return agent


def _market(session: Session, market_id: int) -> Market:
    market = session.get(Market, market_id)
    if market is None:
        raise CoverageError(f"Market {market_id} no longer exists.")
    return market


def assign_market(session: Session, market_id: int, agent_id: int, *, actor: str) -> bool:
    """``agent_id`` covers ``market_id``; False when it already did."""
    market, agent = _market(session, market_id), _agent(session, agent_id)
    exists = session.scalar(
        select(MarketAssignment.id).where(
            MarketAssignment.market_id == market_id, MarketAssignment.agent_id == agent_id
        )
    )
    if exists is not None:
        return False
    session.add(MarketAssignment(market_id=market_id, agent_id=agent_id, assigned_by=actor))
    audit.record(
        session,
        actor=actor,
        action="assign_market",
        entity="market",
        entity_id=market.id,
        agent_id=agent.id,
        agent=agent.name,
    )
    return True


def unassign_market(session: Session, market_id: int, agent_id: int, *, actor: str) -> bool:
    """``agent_id`` no longer covers ``market_id``; False when they did not."""
    result = session.execute(
        delete(MarketAssignment).where(
            MarketAssignment.market_id == market_id, MarketAssignment.agent_id == agent_id
        )
    )
    if not getattr(result, "rowcount", 0):
        return False
    agent = session.get(Agent, agent_id)
    audit.record(
        session,
        actor=actor,
        action="unassign_market",
        entity="market",
        entity_id=market_id,
        agent_id=agent_id,
        agent=agent.name if agent else None,
    )
    return True


def replace_assignments(
    session: Session,
    assignments: Iterable[tuple[int, int]],
    *,
    actor: str,
    market_ids: Iterable[int] | None = None,
) -> int:
    """Make ``assignments`` ((market id, agent id) pairs) the plan for ``market_ids`` (all
    markets when None); markets outside keep theirs. Returns how many markets changed."""
    wanted = set(assignments)
    scope = set(market_ids) if market_ids is not None else set(session.scalars(select(Market.id)))
    current: dict[int, set[int]] = {m: set() for m in scope}
    for market_id, agent_id in session.execute(
        select(MarketAssignment.market_id, MarketAssignment.agent_id)
    ):
        if market_id in scope:
            current[market_id].add(agent_id)
    changed = 0
    for market_id in sorted(scope):
        new = {a for m, a in wanted if m == market_id}
        if new == current[market_id]:
            continue
        changed += 1
        session.execute(
            delete(MarketAssignment).where(
                MarketAssignment.market_id == market_id,
                MarketAssignment.agent_id.in_(current[market_id] - new),
            )
        )
        for agent_id in sorted(new - current[market_id]):
            _agent(session, agent_id)
            session.add(MarketAssignment(market_id=market_id, agent_id=agent_id, assigned_by=actor))
        audit.record(
            session,
            actor=actor,
            action="replace_market_assignments",
            entity="market",
            entity_id=market_id,
            previous=sorted(current[market_id]),
            agents=sorted(new),
        )
    return changed


def set_agent_shifts(
    session: Session, agent_id: int, shifts: Sequence[ShiftSpec], *, actor: str
) -> None:
    """Replace an agent's weekly shifts."""
    agent = _agent(session, agent_id)
    rows = []
    for spec in shifts:
        zone = spec.zone or None
        if zone is not None and not is_valid_zone(zone):
            raise CoverageError(f"Unknown time zone {zone!r}.")
        try:
            weekday = weekday_number(spec.weekday)
            start, end = parse_time(spec.start), parse_time(spec.end)
        except (ValueError, TypeError) as exc:
            raise CoverageError(str(exc)) from exc
        if spec.valid_from and spec.valid_until and spec.valid_until < spec.valid_from:
            raise CoverageError("A shift cannot end its recurrence before it starts.")
        rows.append(
            AgentShift(
                agent_id=agent.id,
                weekday=weekday,
                start=start.strftime("%H:%M"),
                end=end.strftime("%H:%M"),
                zone=zone,
                valid_from=spec.valid_from,
                valid_until=spec.valid_until,
            )
        )
    session.execute(delete(AgentShift).where(AgentShift.agent_id == agent.id))
    session.add_all(rows)
    audit.record(
        session,
        actor=actor,
        action="set_shifts",
        entity="agent",
        entity_id=agent.id,
        shifts=[f"{r.weekday} {r.start}-{r.end}" for r in rows],
    )


def add_leave(
    session: Session,
    agent_id: int,
    first_day: date,
    last_day: date,
    *,
    actor: str,
    note: str = "",
) -> int:
    """The agent does not work from ``first_day`` to ``last_day`` (inclusive, local dates)."""
    agent = _agent(session, agent_id)
    if last_day < first_day:
        raise CoverageError("Leave cannot end before it starts.")
    row = ShiftException(
        agent_id=agent.id, kind="leave", first_day=first_day, last_day=last_day, note=note
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="add_leave",
        entity="agent",
        entity_id=agent.id,
        first_day=first_day.isoformat(),
        last_day=last_day.isoformat(),
    )
    return row.id


def add_extra_shift(
    session: Session, agent_id: int, day: date, start: str, end: str, *, actor: str, note: str = ""
) -> int:
    """A one-off shift on ``day`` (the agent's local date and zone)."""
    agent = _agent(session, agent_id)
    try:
        begin, finish = parse_time(start), parse_time(end)
    except ValueError as exc:
        raise CoverageError(str(exc)) from exc
    row = ShiftException(
        agent_id=agent.id,
        kind="extra",
        first_day=day,
        last_day=day,
        start=begin.strftime("%H:%M"),
        end=finish.strftime("%H:%M"),
        note=note,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="add_extra_shift",
        entity="agent",
        entity_id=agent.id,
        day=day.isoformat(),
        start=row.start,
        end=row.end,
    )
    return row.id


def remove_shift_exception(session: Session, exception_id: int, *, actor: str) -> bool:
    row = session.get(ShiftException, exception_id)
    if row is None:
        return False
    session.delete(row)
    audit.record(
        session,
        actor=actor,
        action="remove_shift_exception",
        entity="agent",
        entity_id=row.agent_id,
        kind=row.kind,
        first_day=row.first_day.isoformat(),
    )
    return True


def set_market_hours(
    session: Session,
    market_id: int,
    zone: str,
    periods: Sequence[str],
    *,
    actor: str,
    holiday_country: str | None = None,
) -> None:
    """Support hours of a market: wall-clock ``periods`` ("Mon 09:00-18:00") in ``zone``."""
    market = _market(session, market_id)
    try:
        hours = BusinessHours.from_periods(zone, periods, holiday_country=holiday_country)
    except ValueError as exc:
        raise CoverageError(str(exc)) from exc
    row = session.get(MarketSupportHours, market.id)
    if row is None:
        row = MarketSupportHours(market_id=market.id, zone=zone)
        session.add(row)
    row.zone = zone
    row.periods = list(periods)
    row.holiday_country = hours.holiday_country
    audit.record(
        session,
        actor=actor,
        action="set_support_hours",
        entity="market",
        entity_id=market.id,
        zone=zone,
        periods=list(periods),
        holiday_country=hours.holiday_country,
    )
