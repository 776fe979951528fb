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
from console.coverage.plan import ShiftExceptionView, ShiftView
from console.problems import ProblemError, define, problem
from console.store.coverage_tables import (
    AgentShift,
    MarketAssignment,
    MarketSupportHours,
    ShiftException,
)
from console.store.models import Agent, AuditEntry, Market
from timezones import BusinessHours, Period
from timezones.business_hours import parse_time, weekday_number
from timezones.wallclock import is_valid_zone


class CoverageError(ValueError):
    """A coverage change that cannot be made; the message is for the user."""


SHIFTS_CHANGED_MEANWHILE = define(
    "coverage.shifts_changed_meanwhile",
    "{name} changed {agent}'s shifts after you opened them; your change was not saved. "
    "The plan has been reloaded: open the shifts again to see theirs.",
)
SHIFTS_CHANGED_MEANWHILE_SOMEONE = define(
    "coverage.shifts_changed_meanwhile_someone",
    "Someone else changed {agent}'s shifts after you opened them; your change was not saved. "
    "The plan has been reloaded: open the shifts again to see theirs.",
)

#: An agent's schedule as an editor saw it: each shift's and exception's id, version and
#: times (SQLite gives a replaced shift the id of the one it replaced).
ScheduleStamp = tuple[tuple[str, int, int, str], ...]


class ScheduleChangedMeanwhile(ProblemError):
    """A schedule edit made on an older version of the agent's shifts: refused."""


def stamp_of(
    shifts: Iterable[ShiftView], exceptions: Iterable[ShiftExceptionView]
) -> ScheduleStamp:
    """The stamp of a schedule as read (console/coverage/queries.py), to save against."""
    return tuple(
        sorted(
            [
                ("shift", s.id, s.version, _times(s.weekday, s.start, s.end, s.valid_from))
                for s in shifts
            ]
            + [
                ("exception", e.id, e.version, _times(e.kind, e.start, e.end, e.first_day))
                for e in exceptions
            ]
        )
    )


def schedule_stamp(session: Session, agent_id: int) -> ScheduleStamp:
    """The agent's schedule as stored now (any change, replacement or removal differs)."""
    shifts = session.scalars(select(AgentShift).where(AgentShift.agent_id == agent_id))
    exceptions = session.scalars(select(ShiftException).where(ShiftException.agent_id == agent_id))
    return tuple(
        sorted(
            [
                ("shift", s.id, s.version, _times(s.weekday, s.start, s.end, s.valid_from))
                for s in shifts
            ]
            + [
                ("exception", e.id, e.version, _times(e.kind, e.start, e.end, e.first_day))
                for e in exceptions
            ]
        )
    )


def _times(*parts: object) -> str:
    return " ".join("" if part is None else str(part) for part in parts)


def _check_schedule_unchanged(session: Session, agent: Agent, seen: ScheduleStamp) -> None:
    if schedule_stamp(session, agent.id) == tuple(tuple(item) for item in seen):
        return
    who = session.scalar(
        select(AuditEntry.actor)
        .where(AuditEntry.entity == "agent", AuditEntry.entity_id == agent.id)
        .order_by(AuditEntry.id.desc())
        .limit(1)
    )
    raise ScheduleChangedMeanwhile(
        problem(SHIFTS_CHANGED_MEANWHILE, name=who, agent=agent.name)
        if who
        else problem(SHIFTS_CHANGED_MEANWHILE_SOMEONE, agent=agent.name)
    )


class InvalidSchedule(CoverageError):
    """Shifts, leave or support hours that do not make sense.

    ``problem`` says what (for a translated message in the UI): ``"empty"`` (a shift or
    period ends when it starts), ``"overlap"`` (two of them overlap), ``"leave_order"``
    (leave ends before it starts) or ``"time"`` (an unreadable day or time); ``items`` are
    the positions of the offending entries in the sequence that was checked.
    """

    def __init__(self, message: str, problem: str, items: tuple[int, ...] = ()) -> None:
        super().__init__(message)
        self.problem = problem
        self.items = items


@dataclass(frozen=True)
class ShiftSpec:
    """A weekly shift: ``weekday`` (Mon=0 or a day name), wall-clock ``start``-``end``."""

    weekday: int | str
    start: str
    end: str
    zone: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None


@dataclass(frozen=True)
class LeaveSpec:
    """Leave from ``first_day`` to ``last_day`` (inclusive, the agent's local dates)."""

    first_day: date
    last_day: date
    note: str = ""


@dataclass(frozen=True)
class ExtraShiftSpec:
    """A one-off shift on ``day`` from ``start`` to ``end`` (the agent's zone)."""

    day: date
    start: str
    end: str
    note: str = ""


MINUTES_PER_DAY = 24 * 60
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY


def _minutes(text: str) -> int:
    value = parse_time(text)
    return value.hour * 60 + value.minute


def _overlap(a: tuple[int, int], b: tuple[int, int], size: int) -> bool:
    """Whether two spans (start, length) on a circle of ``size`` minutes overlap."""
    return (b[0] - a[0]) % size < a[1] or (a[0] - b[0]) % size < b[1]


def _validity_meets(a: ShiftSpec, b: ShiftSpec) -> bool:
    if a.valid_until is not None and b.valid_from is not None and a.valid_until < b.valid_from:
        return False
    return not (
        b.valid_until is not None and a.valid_from is not None and b.valid_until < a.valid_from
    )


def check_shifts(shifts: Sequence[ShiftSpec]) -> None:
    """Refuse weekly shifts that end when they start or overlap one another (shifts may
    cross midnight; shifts in different zones or never valid together are not compared).

    Raises :class:`InvalidSchedule`.
    """
    spans: list[tuple[int, int]] = []
    for position, spec in enumerate(shifts):
        try:
            weekday = weekday_number(spec.weekday)
            start, end = _minutes(spec.start), _minutes(spec.end)
        except (ValueError, TypeError) as exc:
            raise InvalidSchedule(str(exc), "time", (position,)) from exc
        if start == end:
            raise InvalidSchedule(
                f"Shift {position + 1} ends when it starts.", "empty", (position,)
            )
        spans.append((weekday * MINUTES_PER_DAY + start, (end - start) % MINUTES_PER_DAY))
    for i, first in enumerate(shifts):
        for j in range(i + 1, len(shifts)):
            second = shifts[j]
            if (first.zone or None) != (second.zone or None):
                continue
            if _validity_meets(first, second) and _overlap(spans[i], spans[j], MINUTES_PER_WEEK):
                raise InvalidSchedule(f"Shifts {i + 1} and {j + 1} overlap.", "overlap", (i, j))


def check_periods(periods: Sequence[str]) -> None:
    """Refuse support periods ("Mon 09:00-18:00") that are unreadable, end when they start
    (except "00:00-24:00", the whole day) or overlap one another; they may cross midnight.

    Raises :class:`InvalidSchedule`.
    """
    spans: list[tuple[int, int]] = []
    for position, text in enumerate(periods):
        try:
            period = Period.parse(text)
        except (ValueError, TypeError) as exc:
            raise InvalidSchedule(str(exc), "time", (position,)) from exc
        start = period.start.hour * 60 + period.start.minute
        end = period.end.hour * 60 + period.end.minute
        length = (end - start) % MINUTES_PER_DAY
        if length == 0:
            whole_day = start == 0 and text.strip().endswith(("24:00", "-24"))
            if not whole_day:
                raise InvalidSchedule(
                    f"Period {position + 1} ends when it starts.", "empty", (position,)
                )
            length = MINUTES_PER_DAY
        spans.append((period.weekday * MINUTES_PER_DAY + start, length))
    for i in range(len(spans)):
        for j in range(i + 1, len(spans)):
            if _overlap(spans[i], spans[j], MINUTES_PER_WEEK):
                raise InvalidSchedule(f"Periods {i + 1} and {j + 1} overlap.", "overlap", (i, j))


def check_leave(leave: Sequence[LeaveSpec]) -> None:
    """Refuse leave that ends before it starts. Raises :class:`InvalidSchedule`."""
    for position, item in enumerate(leave):
        if item.last_day < item.first_day:
            raise InvalidSchedule("Leave cannot end before it starts.", "leave_order", (position,))


def check_extra_shifts(extras: Sequence[ExtraShiftSpec]) -> None:
    """Refuse one-off shifts that are unreadable or end when they start."""
    for position, item in enumerate(extras):
        try:
            start, end = _minutes(item.start), _minutes(item.end)
        except (ValueError, TypeError) as exc:
            raise InvalidSchedule(str(exc), "time", (position,)) from exc
        if start == end:
            raise InvalidSchedule(
                f"Extra shift {position + 1} ends when it starts.", "empty", (position,)
            )


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
    """Replace an agent's weekly shifts (refused when they end as they start or overlap)."""
    agent = _agent(session, agent_id)
    check_shifts(shifts)
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
    check_extra_shifts([ExtraShiftSpec(day, start, end)])
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
    check_periods(periods)
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


def save_agent_schedule(
    session: Session,
    agent_id: int,
    *,
    actor: str,
    shifts: Sequence[ShiftSpec] | None = None,
    removed_exceptions: Sequence[int] = (),
    leave: Sequence[LeaveSpec] = (),
    extra_shifts: Sequence[ExtraShiftSpec] = (),
    seen: ScheduleStamp | None = None,
) -> None:
    """One edit of an agent's schedule, all or nothing (in the caller's transaction):
    replace the weekly shifts (unless None), remove the agent's exceptions
    ``removed_exceptions``, add ``leave`` and ``extra_shifts``. Each change is audited.

    ``seen``: the schedule the edit was made on (:func:`stamp_of`); when it has changed
    since, nothing is saved (:class:`ScheduleChangedMeanwhile`). The agent's row is
    locked first, so two editors saving at once are checked one after the other.
    """
    agent = _agent(session, agent_id)
    if seen is not None:
        session.execute(select(Agent.id).where(Agent.id == agent.id).with_for_update())
        _check_schedule_unchanged(session, agent, seen)
    if shifts is not None:
        check_shifts(shifts)
    check_leave(leave)
    check_extra_shifts(extra_shifts)
    for exception_id in removed_exceptions:
        row = session.get(ShiftException, exception_id)
        if row is not None and row.agent_id != agent.id:
            raise CoverageError(f"Exception {exception_id} is not one of {agent.name}'s.")
        remove_shift_exception(session, exception_id, actor=actor)
    if shifts is not None:
        set_agent_shifts(session, agent.id, shifts, actor=actor)
    for item in leave:
        add_leave(session, agent.id, item.first_day, item.last_day, actor=actor, note=item.note)
    for extra in extra_shifts:
        add_extra_shift(
            session, agent.id, extra.day, extra.start, extra.end, actor=actor, note=extra.note
        )
