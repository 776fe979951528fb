"""The 7x24 grid, shifts with leave and extra shifts, market hours and demand, on a real store."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

import pytest
from factories import MessageFactory
from sqlalchemy import select

from console.coverage import (
    CellState,
    CoverageError,
    ShiftSpec,
    add_extra_shift,
    add_leave,
    assign_market,
    coverage_grid,
    demand_by_hour_of_week,
    lead_zone,
    load_plan,
    replace_assignments,
    set_agent_shifts,
    set_market_hours,
    unassign_market,
)
from console.inbox.ingest import ingest
from console.store import Store
from console.store.models import Agent, AgentRole, AuditEntry, Conversation, Market

# Monday 2026-11-16 .. Sunday 2026-11-22; Europe/Berlin is UTC+1 then.
WEEK = datetime(2026, 11, 18, 12, 0, tzinfo=UTC)


def slot(day: int, hour: int) -> int:
    return day * 24 + hour


@pytest.fixture
def ids(store: Store) -> dict[str, int]:
    with store.session() as session:
        lead = Agent(name="Lea", role=AgentRole.LEAD, languages=["en"], time_zone="Europe/Berlin")
        ana = Agent(name="Ana", languages=["de", "en"], time_zone="Europe/Berlin")
        kai = Agent(name="Kai", languages=["ja"], time_zone="Asia/Tokyo")
        auditor = Agent(name="Cleo", role=AgentRole.COMPLIANCE, languages=["de"])
        dach = Market(code="DACH", name="DACH", countries=["DE"], languages=["de"])
        japan = Market(code="JP", name="Japan", countries=["JP"], languages=["ja"])
        session.add_all([lead, ana, kai, auditor, dach, japan])
        session.flush()
        return {
            "lead": lead.id, "ana": ana.id, "kai": kai.id, "auditor": auditor.id,
            "dach": dach.id, "jp": japan.id,
        }  # fmt: skip


def _week_plan(store: Store, zone: str = "Europe/Berlin") -> object:
    with store.session() as session:
        return load_plan(session, zone, WEEK)


def test_grid_states_in_the_leads_zone(store: Store, ids: dict[str, int]) -> None:
    with store.session() as session:
        set_market_hours(
            session, ids["dach"], "Europe/Berlin", ["Mon 09:00-17:00", "Tue 09:00-17:00"],
            actor="Lea",
        )  # fmt: skip
        set_agent_shifts(session, ids["ana"], [ShiftSpec("mon", "08:00", "12:00")], actor="Lea")
        # Kai works Tuesday 17:00-21:00 Tokyo = 09:00-13:00 Berlin, but speaks no German.
        set_agent_shifts(session, ids["kai"], [ShiftSpec("tue", "17:00", "21:00")], actor="Lea")
        assign_market(session, ids["dach"], ids["ana"], actor="Lea")
        assign_market(session, ids["dach"], ids["kai"], actor="Lea")
    with store.session() as session:
        plan = load_plan(session, lead_zone(session), WEEK)
    assert plan.zone == "Europe/Berlin"
    assert plan.week_start == datetime(2026, 11, 16, tzinfo=plan.week_start.tzinfo)
    assert {a.name for a in plan.agents} == {"Lea", "Ana", "Kai"}  # no compliance staff
    row = coverage_grid(plan).row(ids["dach"])
    assert row is not None
    cells = row.cells
    assert cells[slot(0, 8)] is CellState.CLOSED
    assert cells[slot(0, 9)] is CellState.COVERED
    assert cells[slot(0, 11)] is CellState.COVERED
    assert cells[slot(0, 12)] is CellState.UNCOVERED
    assert cells[slot(1, 9)] is CellState.LANGUAGE_GAP
    assert cells[slot(1, 13)] is CellState.UNCOVERED
    assert cells[slot(2, 10)] is CellState.CLOSED
    assert (row.open_hours, row.covered_hours, row.language_gap_hours) == (16, 3, 4)
    # Seen from Tokyo, the same hours move by 8 hours.
    tokyo = coverage_grid(_week_plan(store, "Asia/Tokyo")).row(ids["dach"])  # type: ignore[arg-type]
    assert tokyo is not None and tokyo.cells[slot(0, 17)] is CellState.COVERED


def test_leave_and_extra_shifts_change_the_week(store: Store, ids: dict[str, int]) -> None:
    with store.session() as session:
        set_market_hours(
            session, ids["dach"], "Europe/Berlin",
            [f"{d} 09:00-17:00" for d in ("Mon", "Tue", "Wed", "Sat")], actor="Lea",
        )  # fmt: skip
        set_agent_shifts(
            session, ids["ana"],
            [ShiftSpec(d, "09:00", "17:00") for d in ("mon", "tue", "wed")], actor="Lea",
        )  # fmt: skip
        add_leave(session, ids["ana"], date(2026, 11, 17), date(2026, 11, 17), actor="Lea")
        add_extra_shift(session, ids["ana"], date(2026, 11, 21), "10:00", "12:00", actor="Lea")
        assign_market(session, ids["dach"], ids["ana"], actor="Lea")
    row = coverage_grid(_week_plan(store)).row(ids["dach"])  # type: ignore[arg-type]
    assert row is not None
    assert row.cells[slot(0, 10)] is CellState.COVERED
    assert row.cells[slot(1, 10)] is CellState.UNCOVERED  # on leave
    assert row.cells[slot(2, 10)] is CellState.COVERED
    assert row.cells[slot(5, 10)] is CellState.COVERED  # extra Saturday shift
    assert row.cells[slot(5, 12)] is CellState.UNCOVERED


def test_recurrence_bounds_and_night_shifts(store: Store, ids: dict[str, int]) -> None:
    with store.session() as session:
        set_market_hours(
            session, ids["jp"], "UTC", [f"{d} 00:00-24:00" for d in ("Mon", "Tue", "Wed")],
            actor="Lea",
        )  # fmt: skip
        set_agent_shifts(
            session, ids["kai"],
            [
                ShiftSpec("mon", "22:00", "02:00", zone="UTC"),  # crosses midnight
                ShiftSpec("wed", "10:00", "11:00", zone="UTC", valid_from=date(2026, 11, 25)),
            ],
            actor="Lea",
        )  # fmt: skip
        assign_market(session, ids["jp"], ids["kai"], actor="Lea")
    row = coverage_grid(_week_plan(store, "UTC")).row(ids["jp"])  # type: ignore[arg-type]
    assert row is not None
    assert row.cells[slot(0, 23)] is CellState.COVERED
    assert row.cells[slot(1, 1)] is CellState.COVERED
    assert row.cells[slot(1, 2)] is CellState.UNCOVERED
    assert row.cells[slot(2, 10)] is CellState.UNCOVERED  # recurrence not started yet


def test_market_holidays_close_support_hours(store: Store, ids: dict[str, int]) -> None:
    christmas_week = datetime(2026, 12, 23, tzinfo=UTC)
    with store.session() as session:
        set_market_hours(
            session, ids["dach"], "Europe/Berlin", ["Fri 09:00-17:00"], actor="Lea",
            holiday_country="DE",
        )  # fmt: skip
        plan = load_plan(session, "Europe/Berlin", christmas_week)
        normal = load_plan(session, "Europe/Berlin", WEEK)
    assert coverage_grid(plan).row(ids["dach"]).open_hours == 0  # type: ignore[union-attr]
    assert coverage_grid(normal).row(ids["dach"]).open_hours == 8  # type: ignore[union-attr]


def test_assignment_commands_are_audited(store: Store, ids: dict[str, int]) -> None:
    with store.session() as session:
        assert assign_market(session, ids["dach"], ids["ana"], actor="Lea")
        assert not assign_market(session, ids["dach"], ids["ana"], actor="Lea")
        assert unassign_market(session, ids["dach"], ids["ana"], actor="Lea")
        assert not unassign_market(session, ids["dach"], ids["ana"], actor="Lea")
        changed = replace_assignments(
            session, {(ids["dach"], ids["ana"]), (ids["jp"], ids["kai"])}, actor="Lea"
        )
        assert changed == 2
        assert replace_assignments(session, {(ids["jp"], ids["kai"])}, actor="Lea",
                                   market_ids=[ids["jp"]]) == 0  # fmt: skip
        with pytest.raises(CoverageError):
            assign_market(session, 999, ids["ana"], actor="Lea")
        with pytest.raises(CoverageError):
            set_agent_shifts(session, ids["ana"], [ShiftSpec("mon", "25:00", "26:00")], actor="L")
        with pytest.raises(CoverageError):
            set_market_hours(session, ids["dach"], "Mars/Base", ["Mon 09:00-10:00"], actor="L")
    with store.session() as session:
        actions = [
            (e.actor, e.action, e.entity_id)
            for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        ]
        plan = load_plan(session, "UTC", WEEK)
    assert actions == [
        ("Lea", "assign_market", ids["dach"]),
        ("Lea", "unassign_market", ids["dach"]),
        ("Lea", "replace_market_assignments", ids["dach"]),
        ("Lea", "replace_market_assignments", ids["jp"]),
    ]
    assert plan.assignments == {(ids["dach"], ids["ana"]), (ids["jp"], ids["kai"])}


def test_demand_curve_by_hour_of_week(
    store: Store, ids: dict[str, int], message: MessageFactory
) -> None:
    monday_9_berlin = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)
    items = [
        dataclasses.replace(
            message(address=f"c{n}@example.de", country="DE"),
            sent_at=monday_9_berlin + timedelta(weeks=n, minutes=5),
        )
        for n in range(3)
    ]
    ingest(store, items, actor="test")
    with store.session() as session:
        for conversation in session.scalars(select(Conversation)):
            conversation.market_id = ids["dach"]
    with store.session() as session:
        demand = demand_by_hour_of_week(session, "Europe/Berlin")
        tokyo = demand_by_hour_of_week(session, "Asia/Tokyo")
        plan = load_plan(session, "Europe/Berlin", WEEK)
    curve = demand[ids["dach"]]
    assert curve[slot(0, 9)] == pytest.approx(1.5)  # 3 messages over 2 weeks of history
    assert sum(curve) == pytest.approx(1.5)
    assert tokyo[ids["dach"]][slot(0, 17)] == pytest.approx(1.5)
    assert plan.market(ids["dach"]).demand == curve  # type: ignore[union-attr]


def test_unknown_zone_is_refused(store: Store) -> None:
    with store.session() as session, pytest.raises(ValueError):
        load_plan(session, "Nowhere/Town", WEEK)
