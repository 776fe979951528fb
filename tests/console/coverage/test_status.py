"""Now in the shown week, who is on shift now per market, and assignments that cover
nothing, computed from plans read from a real store."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from console.coverage import (
    CoveragePlan,
    ShiftSpec,
    add_extra_shift,
    add_leave,
    assign_market,
    load_plan,
    set_agent_shifts,
    set_market_hours,
)
from console.coverage.status import (
    IdleReason,
    idle_assignments,
    now_position,
    on_shift_now,
    plan_status,
)
from console.problems import TEMPLATES
from console.store import Store
from console.store.models import Agent, AgentRole, Market

# Monday 2026-11-16 .. Sunday 2026-11-22; Berlin is UTC+1, Tokyo UTC+9 then.
WEEK = datetime(2026, 11, 18, 12, 0, tzinfo=UTC)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


@pytest.fixture
def ids(store: Store) -> dict[str, int]:
    with store.session() as session:
        lea = Agent(name="Lea", role=AgentRole.LEAD, languages=["en"], time_zone="Europe/Berlin")
        ana = Agent(name="Ana", languages=["de", "en"], time_zone="Europe/Berlin")
        kai = Agent(name="Kai", languages=["ja"], time_zone="Asia/Tokyo")
        dach = Market(code="DACH", name="DACH", countries=["DE"], languages=["de"])
        japan = Market(code="JP", name="Japan", countries=["JP"], languages=["ja"])
        session.add_all([lea, ana, kai, dach, japan])
        session.flush()
        found = {"lea": lea.id, "ana": ana.id, "kai": kai.id, "dach": dach.id, "jp": japan.id}
        set_market_hours(
            session, dach.id, "Europe/Berlin", [f"{d} 09:00-17:00" for d in WEEKDAYS], actor="t"
        )
        set_market_hours(
            session, japan.id, "Asia/Tokyo", [f"{d} 09:00-15:00" for d in WEEKDAYS], actor="t"
        )
        # Ana: 08:00-16:00 Berlin = 16:00-24:00 Tokyo. Kai: 17:00-21:00 Tokyo = 09:00-13:00 Berlin.
        set_agent_shifts(session, ana.id, [ShiftSpec(d, "08:00", "16:00") for d in WEEKDAYS],
                         actor="t")  # fmt: skip
        set_agent_shifts(session, kai.id, [ShiftSpec(d, "17:00", "21:00") for d in WEEKDAYS],
                         actor="t")  # fmt: skip
        return found


def _plan(store: Store, at: datetime = WEEK) -> CoveragePlan:
    with store.session() as session:
        return load_plan(session, "Europe/Berlin", at)


def test_now_is_placed_in_the_shown_week_to_the_minute(store: Store, ids: dict[str, int]) -> None:
    plan = _plan(store)
    # Wednesday 13:20 Berlin: slot 2 * 24 + 13, a third into the hour.
    position = now_position(plan, datetime(2026, 11, 18, 12, 20, tzinfo=UTC))
    assert position == pytest.approx(61 + 1 / 3)
    assert now_position(plan, datetime(2026, 11, 15, 22, 59, tzinfo=UTC)) is None  # Sun, before
    assert now_position(plan, datetime(2026, 11, 15, 23, 0, tzinfo=UTC)) == 0.0  # Mon 00:00
    assert now_position(plan, datetime(2026, 11, 22, 22, 59, tzinfo=UTC)) == pytest.approx(
        167 + 59 / 60
    )
    assert now_position(plan, datetime(2026, 11, 22, 23, 0, tzinfo=UTC)) is None  # next week


def test_who_is_on_shift_now_per_market(store: Store, ids: dict[str, int]) -> None:
    with store.session() as session:
        assign_market(session, ids["dach"], ids["ana"], actor="t")
        assign_market(session, ids["dach"], ids["kai"], actor="t")
        assign_market(session, ids["jp"], ids["kai"], actor="t")
    plan = _plan(store)
    # Wednesday 11:00 UTC: 12:00 Berlin, 20:00 Tokyo.
    dach, jp = on_shift_now(plan, datetime(2026, 11, 18, 11, 0, tzinfo=UTC))
    assert (dach.market_code, dach.open, dach.agent_names, dach.covered) == (
        "DACH", True, ("Ana", "Kai"), True,
    )  # fmt: skip
    assert (jp.market_code, jp.open, jp.agent_names, jp.covered) == ("JP", False, ("Kai",), False)
    # Ana's shift ends at 16:00 Berlin = 15:00 UTC: on at 14:59, off at 15:00.
    dach, _jp = on_shift_now(plan, datetime(2026, 11, 18, 14, 59, tzinfo=UTC))
    assert dach.agent_names == ("Ana",) and dach.agent_ids == (ids["ana"],) and dach.covered
    dach, _jp = on_shift_now(plan, datetime(2026, 11, 18, 15, 0, tzinfo=UTC))
    assert dach.agent_names == () and dach.open and not dach.covered
    # Saturday: closed and nobody on shift.
    dach, jp = on_shift_now(plan, datetime(2026, 11, 21, 11, 0, tzinfo=UTC))
    assert not dach.open and not jp.open and dach.agent_names == jp.agent_names == ()
    # Not assigned means not listed, even when on shift: Ana works for DACH only.
    _dach, jp = on_shift_now(plan, datetime(2026, 11, 18, 9, 0, tzinfo=UTC))
    assert "Ana" not in jp.agent_names


def test_on_shift_now_does_not_depend_on_the_shown_week(store: Store, ids: dict[str, int]) -> None:
    with store.session() as session:
        assign_market(session, ids["dach"], ids["ana"], actor="t")
        add_leave(session, ids["ana"], date(2026, 11, 18), date(2026, 11, 18), actor="t")
    now = datetime(2026, 11, 18, 11, 0, tzinfo=UTC)
    for shown in (WEEK, WEEK + timedelta(days=14)):
        (dach, _jp) = on_shift_now(_plan(store, shown), now)
        assert dach.open and dach.agent_names == ()  # on leave that Wednesday
    (dach, _jp) = on_shift_now(_plan(store), now + timedelta(days=1))
    assert dach.agent_names == ("Ana",)
    status = plan_status(_plan(store, WEEK + timedelta(days=14)), now)
    assert status.now_position is None and status.at == now


def test_assignments_without_a_shift_inside_the_support_hours(
    store: Store, ids: dict[str, int]
) -> None:
    with store.session() as session:
        assign_market(session, ids["dach"], ids["ana"], actor="t")  # fine
        assign_market(session, ids["dach"], ids["kai"], actor="t")  # fine: 09-13 Berlin
        assign_market(session, ids["jp"], ids["ana"], actor="t")  # 16-24 Tokyo, JP closes 15
        assign_market(session, ids["jp"], ids["lea"], actor="t")  # Lea has no shifts
    idle = idle_assignments(_plan(store))
    found = {(i.market_id, i.agent_id): i for i in idle}
    assert set(found) == {(ids["jp"], ids["ana"]), (ids["jp"], ids["lea"])}
    assert found[(ids["jp"], ids["ana"])].reason is IdleReason.OUTSIDE_HOURS
    assert found[(ids["jp"], ids["lea"])].reason is IdleReason.NO_SHIFTS
    assert [i.agent_id for i in idle] == [ids["ana"], ids["lea"]]  # by name
    text = found[(ids["jp"], ids["ana"])].problem.text
    assert text == "Ana is assigned to JP but has no shift inside its support hours this week."
    assert found[(ids["jp"], ids["lea"])].problem.code in TEMPLATES


def test_leave_and_extra_shifts_change_the_warning(store: Store, ids: dict[str, int]) -> None:
    with store.session() as session:
        assign_market(session, ids["dach"], ids["ana"], actor="t")
        assign_market(session, ids["jp"], ids["lea"], actor="t")
        add_leave(session, ids["ana"], date(2026, 11, 16), date(2026, 11, 20), actor="t")
        # Lea has no weekly shifts, but one extra shift on Tuesday 02:00-04:00 Berlin,
        # 10:00-12:00 Tokyo: inside JP's hours.
        add_extra_shift(session, ids["lea"], date(2026, 11, 17), "02:00", "04:00", actor="t")
    idle = idle_assignments(_plan(store))
    assert [(i.market_id, i.agent_id, i.reason) for i in idle] == [
        (ids["dach"], ids["ana"], IdleReason.ON_LEAVE)
    ]
    assert "on leave" in idle[0].problem.text and "Ana" in idle[0].problem.text
    # The next week Ana is back and Lea's extra shift is over: only Lea is flagged.
    later = idle_assignments(_plan(store, WEEK + timedelta(days=7)))
    assert [(i.agent_id, i.reason) for i in later] == [(ids["lea"], IdleReason.OUTSIDE_HOURS)]


def test_markets_without_support_hours_are_not_checked(store: Store, ids: dict[str, int]) -> None:
    with store.session() as session:
        set_market_hours(session, ids["jp"], "Asia/Tokyo", [], actor="t")
        assign_market(session, ids["jp"], ids["lea"], actor="t")
    plan = _plan(store)
    assert idle_assignments(plan) == ()
    _dach, jp = on_shift_now(plan, datetime(2026, 11, 18, 2, 0, tzinfo=UTC))
    assert not jp.open
