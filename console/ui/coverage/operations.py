"""The coverage planner's store work, as named operations (console/ui/lanes/operations.py).

Reads are :class:`QueryOp`; writes are :class:`WriteOp` whose work says it changed
``coverage`` (assignments, shifts, support hours and targets, peak events), so
every view of the plan (the planner, the team dashboard) refreshes itself from
the change bus. A widget runs one with ``operation(parent=self, ...).run(executor)``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QObject
from sqlalchemy.orm import Session

from console.changes import NOTHING, Changes
from console.coverage import (
    CoveragePlan,
    ExtraShiftSpec,
    LeaveSpec,
    PlanStatus,
    ShiftSpec,
    assign_market,
    lead_zone,
    load_plan,
    plan_status,
    replace_assignments,
    save_agent_schedule,
    set_market_hours,
    unassign_market,
)
from console.coverage.commands import ScheduleStamp
from console.coverage.peaks import (
    PeakEventView,
    PeakSpec,
    add_peak_event,
    change_peak_event,
    peak_events,
    remove_peak_event,
)
from console.coverage.requirement import with_requirements
from console.kpis.targets import first_response_target, set_first_response_target
from console.ui.lanes.operations import QueryOp, WriteOp, Wrote

#: What every write of this module changed.
COVERAGE = Changes(coverage=True)

LoadedWeek = tuple[CoveragePlan, PlanStatus]


# -- the plan -------------------------------------------------------------------------


def load_week(
    *,
    parent: QObject,
    agent_id: int | None,
    at: datetime,
    now: datetime,
    success: Callable[[LoadedWeek], None],
) -> QueryOp[LoadedWeek]:
    """The week containing ``at`` in ``agent_id``'s zone (else the first lead's), with its
    forecast requirements and its status at ``now``."""

    def work(session: Session) -> LoadedWeek:
        plan = load_plan(session, lead_zone(session, agent_id), at, history_demand=False)
        plan = with_requirements(session, plan, now).plan
        return plan, plan_status(plan, now)

    return QueryOp(parent=parent, op=work, success=success)


def plan_status_at(
    *,
    parent: QObject,
    plan: CoveragePlan,
    now: datetime,
    success: Callable[[PlanStatus], None],
) -> QueryOp[PlanStatus]:
    """Who is on shift at ``now`` and the idle assignments, worked out off the UI thread."""

    def work(_session: Session) -> PlanStatus:
        return plan_status(plan, now)

    return QueryOp(parent=parent, op=work, success=success)


# -- assignments ----------------------------------------------------------------------


def set_market_assigned(
    *,
    parent: QObject,
    market_id: int,
    agent_id: int,
    assigned: bool,
    actor: str,
    success: Callable[[bool], None] | None = None,
) -> WriteOp[bool]:
    """Assign ``agent_id`` to ``market_id`` or take them off it (audited); the value says
    whether anything changed."""

    def work(session: Session) -> Wrote[bool]:
        if assigned:
            changed = assign_market(session, market_id, agent_id, actor=actor)
        else:
            changed = unassign_market(session, market_id, agent_id, actor=actor)
        return Wrote(changed, COVERAGE if changed else NOTHING)

    return WriteOp(parent=parent, op=work, success=success)


def apply_assignments(
    *,
    parent: QObject,
    pairs: frozenset[tuple[int, int]],
    market_ids: frozenset[int],
    actor: str,
    success: Callable[[int], None] | None = None,
) -> WriteOp[int]:
    """Make ``pairs`` (market, agent) the assignments of ``market_ids`` (audited)."""

    def work(session: Session) -> Wrote[int]:
        count = replace_assignments(session, pairs, actor=actor, market_ids=market_ids)
        return Wrote(count, COVERAGE)

    return WriteOp(parent=parent, op=work, success=success)


# -- shifts and support hours ---------------------------------------------------------


def save_schedule(
    *,
    parent: QObject,
    agent_id: int,
    actor: str,
    shifts: Sequence[ShiftSpec] | None,
    removed_exceptions: Sequence[int],
    leave: Sequence[LeaveSpec],
    extra_shifts: Sequence[ExtraShiftSpec],
    success: Callable[[None], None] | None = None,
    seen: ScheduleStamp | None = None,
) -> WriteOp[None]:
    """Store an agent's weekly shifts (None: unchanged), leave and extra shifts in one go.

    ``seen``: the schedule as the editor read it; changed since, nothing is stored
    (:class:`~console.coverage.commands.ScheduleChangedMeanwhile`).
    """

    def work(session: Session) -> Wrote[None]:
        save_agent_schedule(
            session,
            agent_id,
            actor=actor,
            shifts=shifts,
            removed_exceptions=removed_exceptions,
            leave=leave,
            extra_shifts=extra_shifts,
            seen=seen,
        )
        return Wrote(None, COVERAGE)

    return WriteOp(parent=parent, op=work, success=success)


def load_response_target(
    *, parent: QObject, market_id: int, success: Callable[[int], None]
) -> QueryOp[int]:
    """A market's first-response target in business minutes."""

    def work(session: Session) -> int:
        return first_response_target(session, market_id)

    return QueryOp(parent=parent, op=work, success=success)


def save_support_hours(
    *,
    parent: QObject,
    market_id: int,
    zone: str,
    periods: Sequence[str],
    holiday_country: str | None,
    target_minutes: int | None,
    actor: str,
    success: Callable[[None], None] | None = None,
) -> WriteOp[None]:
    """Store a market's support hours (and its first-response target unless None)."""

    def work(session: Session) -> Wrote[None]:
        set_market_hours(
            session, market_id, zone, periods, actor=actor, holiday_country=holiday_country
        )
        if target_minutes is not None:
            set_first_response_target(session, market_id, target_minutes, actor=actor)
        return Wrote(None, COVERAGE)

    return WriteOp(parent=parent, op=work, success=success)


# -- peak events ----------------------------------------------------------------------


def load_peak_events(
    *, parent: QObject, success: Callable[[tuple[PeakEventView, ...]], None]
) -> QueryOp[tuple[PeakEventView, ...]]:
    def work(session: Session) -> tuple[PeakEventView, ...]:
        return peak_events(session)

    return QueryOp(parent=parent, op=work, success=success)


def save_peak_event(
    *,
    parent: QObject,
    event_id: int | None,
    spec: PeakSpec,
    actor: str,
    success: Callable[[int | None], None] | None = None,
) -> WriteOp[int | None]:
    """Store ``spec`` as a new event (``event_id`` None) or over event ``event_id``; the
    value is the event's id."""

    def work(session: Session) -> Wrote[int | None]:
        if event_id is None:
            return Wrote(add_peak_event(session, spec, actor=actor), COVERAGE)
        change_peak_event(session, event_id, spec, actor=actor)
        return Wrote(event_id, COVERAGE)

    return WriteOp(parent=parent, op=work, success=success)


def delete_peak_event(
    *,
    parent: QObject,
    event_id: int,
    actor: str,
    success: Callable[[int | None], None] | None = None,
) -> WriteOp[int | None]:
    """Remove a peak event (audited); the value is None (no event to select)."""

    def work(session: Session) -> Wrote[int | None]:
        removed = remove_peak_event(session, event_id, actor=actor)
        return Wrote(None, COVERAGE if removed else NOTHING)

    return WriteOp(parent=parent, op=work, success=success)
