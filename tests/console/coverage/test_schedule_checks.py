"""Checks on shifts, leave and support hours, and the all-or-nothing schedule save."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from console.coverage import (
    CoverageError,
    ExtraShiftSpec,
    InvalidSchedule,
    LeaveSpec,
    ShiftSpec,
    add_extra_shift,
    add_leave,
    check_leave,
    check_periods,
    check_shifts,
    save_agent_schedule,
    set_agent_shifts,
    set_market_hours,
)
from console.store import Store
from console.store.coverage_tables import AgentShift, MarketSupportHours, ShiftException
from console.store.models import Agent, AuditEntry, Market


@pytest.fixture
def ids(store: Store) -> dict[str, int]:
    with store.session() as session:
        ana = Agent(name="Ana", languages=["de"], time_zone="Europe/Berlin")
        kai = Agent(name="Kai", languages=["ja"], time_zone="Asia/Tokyo")
        dach = Market(code="DACH", name="DACH", countries=["DE"], languages=["de"])
        session.add_all([ana, kai, dach])
        session.flush()
        return {"ana": ana.id, "kai": kai.id, "dach": dach.id}


def _problem(shifts: list[ShiftSpec]) -> tuple[str, tuple[int, ...]] | None:
    try:
        check_shifts(shifts)
    except InvalidSchedule as exc:
        return exc.problem, exc.items
    return None


def test_shift_checks() -> None:
    assert (
        _problem([ShiftSpec("mon", "09:00", "13:00"), ShiftSpec("mon", "13:00", "17:00")]) is None
    )
    assert _problem([ShiftSpec("mon", "09:00", "09:00")]) == ("empty", (0,))
    assert _problem(
        [ShiftSpec("mon", "09:00", "17:00"), ShiftSpec("tue", "09:00", "17:00"),
         ShiftSpec("tue", "16:00", "18:00")]
    ) == ("overlap", (1, 2))  # fmt: skip
    # Crossing midnight, and from Sunday night into Monday morning.
    assert _problem([ShiftSpec("mon", "22:00", "02:00"), ShiftSpec("tue", "01:00", "05:00")])
    assert _problem([ShiftSpec("sun", "22:00", "02:00"), ShiftSpec("mon", "01:30", "05:00")])
    assert (
        _problem([ShiftSpec("sun", "22:00", "02:00"), ShiftSpec("mon", "02:00", "05:00")]) is None
    )
    # Shifts in other zones, or never valid at the same time, are not compared.
    assert _problem([ShiftSpec("mon", "09:00", "17:00"),
                     ShiftSpec("mon", "10:00", "12:00", zone="UTC")]) is None  # fmt: skip
    assert _problem(
        [ShiftSpec("mon", "09:00", "17:00", valid_until=date(2026, 11, 30)),
         ShiftSpec("mon", "10:00", "12:00", valid_from=date(2026, 12, 1))]
    ) is None  # fmt: skip
    assert _problem([ShiftSpec("mon", "nine", "17:00")]) == ("time", (0,))


def test_period_and_leave_checks() -> None:
    check_periods(["Mon 09:00-12:00", "Mon 13:00-18:00", "Fri 22:00-02:00", "Sun 00:00-24:00"])
    with pytest.raises(InvalidSchedule) as empty:
        check_periods(["Mon 09:00-09:00"])
    assert empty.value.problem == "empty"
    with pytest.raises(InvalidSchedule) as overlap:
        check_periods(["Sat 00:00-24:00", "Fri 22:00-02:00"])
    assert overlap.value.problem == "overlap" and overlap.value.items == (0, 1)
    check_leave([LeaveSpec(date(2026, 11, 2), date(2026, 11, 2))])
    with pytest.raises(InvalidSchedule) as order:
        check_leave([LeaveSpec(date(2026, 11, 3), date(2026, 11, 2))])
    assert order.value.problem == "leave_order"


def test_commands_refuse_invalid_schedules(store: Store, ids: dict[str, int]) -> None:
    with store.session() as session:
        set_agent_shifts(session, ids["ana"], [ShiftSpec("mon", "09:00", "17:00")], actor="Lea")
    with pytest.raises(InvalidSchedule), store.session() as session:
        set_agent_shifts(
            session, ids["ana"],
            [ShiftSpec("mon", "09:00", "17:00"), ShiftSpec("mon", "12:00", "20:00")], actor="Lea",
        )  # fmt: skip
    with pytest.raises(InvalidSchedule), store.session() as session:
        add_extra_shift(session, ids["ana"], date(2026, 11, 21), "10:00", "10:00", actor="Lea")
    with pytest.raises(InvalidSchedule), store.session() as session:
        set_market_hours(
            session, ids["dach"], "Europe/Berlin", ["Mon 09:00-18:00", "Mon 17:00-20:00"],
            actor="Lea",
        )  # fmt: skip
    with store.session() as session:
        shifts = session.scalars(select(AgentShift).where(AgentShift.agent_id == ids["ana"]))
        assert [(s.weekday, s.start, s.end) for s in shifts] == [(0, "09:00", "17:00")]
        assert session.get(MarketSupportHours, ids["dach"]) is None
        assert session.scalars(select(ShiftException)).all() == []


def test_save_agent_schedule_is_all_or_nothing_and_audited(
    store: Store, ids: dict[str, int]
) -> None:
    with store.session() as session:
        set_agent_shifts(session, ids["ana"], [ShiftSpec("mon", "09:00", "17:00")], actor="Lea")
        old = add_leave(session, ids["ana"], date(2026, 12, 1), date(2026, 12, 3), actor="Lea")
        other = add_leave(session, ids["kai"], date(2026, 12, 1), date(2026, 12, 1), actor="Lea")
    # Leave ending before it starts: nothing at all changes.
    with pytest.raises(InvalidSchedule), store.session() as session:
        save_agent_schedule(
            session, ids["ana"], actor="Mo",
            shifts=[ShiftSpec("tue", "09:00", "17:00")], removed_exceptions=[old],
            leave=[LeaveSpec(date(2026, 12, 9), date(2026, 12, 8))],
        )  # fmt: skip
    # Someone else's exception cannot be removed through Ana's schedule.
    with pytest.raises(CoverageError), store.session() as session:
        save_agent_schedule(session, ids["ana"], actor="Mo", removed_exceptions=[other])
    with store.session() as session:
        assert session.get(ShiftException, old) is not None
        assert session.get(ShiftException, other) is not None
        assert not session.scalars(select(AuditEntry).where(AuditEntry.actor == "Mo")).all()
        save_agent_schedule(
            session, ids["ana"], actor="Mo",
            shifts=[ShiftSpec("tue", "22:00", "06:00")], removed_exceptions=[old],
            leave=[LeaveSpec(date(2026, 12, 8), date(2026, 12, 9), "training")],
            extra_shifts=[ExtraShiftSpec(date(2026, 12, 12), "10:00", "14:00")],
        )  # fmt: skip
    with store.session() as session:
        shifts = session.scalars(select(AgentShift).where(AgentShift.agent_id == ids["ana"]))
        assert [(s.weekday, s.start, s.end) for s in shifts] == [(1, "22:00", "06:00")]
        rows = session.scalars(
            select(ShiftException).where(ShiftException.agent_id == ids["ana"])
        ).all()
        assert sorted((r.kind, r.first_day, r.note) for r in rows) == [
            ("extra", date(2026, 12, 12), ""),
            ("leave", date(2026, 12, 8), "training"),
        ]
        actions = sorted(
            e.action for e in session.scalars(select(AuditEntry).where(AuditEntry.actor == "Mo"))
        )
        assert actions == ["add_extra_shift", "add_leave", "remove_shift_exception", "set_shifts"]
