"""Two leads editing one agent's shifts: the second save, made on what was there before the
first, is refused and names who changed them (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from console.coverage import LeaveSpec, ShiftSpec, load_plan, save_agent_schedule
from console.coverage.commands import ScheduleChangedMeanwhile, stamp_of
from console.coverage.plan import AgentCoverage
from console.store import Store
from console.store.coverage_tables import AgentShift
from console.store.models import Agent, AgentRole

WEEK = datetime(2026, 12, 7, 12, tzinfo=UTC)


def _agent(store: Store, agent_id: int) -> AgentCoverage:
    with store.session() as session:
        plan = load_plan(session, "UTC", WEEK, history_demand=False)
    return next(agent for agent in plan.agents if agent.id == agent_id)


def test_a_schedule_saved_on_a_stale_view_is_refused(any_store: Store) -> None:
    with any_store.session() as session:
        agent = Agent(name="Wang Fang", role=AgentRole.AGENT, time_zone="Asia/Shanghai")
        session.add(agent)
        session.flush()
        save_agent_schedule(
            session, agent.id, actor="Li Lei", shifts=[ShiftSpec("Mon", "09:00", "17:00")]
        )
        agent_id = agent.id
    opened_by_first = _agent(any_store, agent_id)  # both leads open the editor
    opened_by_second = _agent(any_store, agent_id)
    with any_store.session() as session:
        save_agent_schedule(
            session,
            agent_id,
            actor="Zhang Wei",
            shifts=[ShiftSpec("Mon", "10:00", "18:00")],
            seen=stamp_of(opened_by_first.shifts, opened_by_first.exceptions),
        )
    stale = stamp_of(opened_by_second.shifts, opened_by_second.exceptions)
    with pytest.raises(ScheduleChangedMeanwhile) as refused, any_store.session() as session:
        save_agent_schedule(
            session,
            agent_id,
            actor="Li Lei",
            leave=[LeaveSpec(date(2026, 12, 24), date(2026, 12, 26))],
            seen=stale,
        )
    assert str(refused.value).startswith("Zhang Wei changed Wang Fang's shifts after you opened")
    reloaded = _agent(any_store, agent_id)
    assert [(s.start, s.end) for s in reloaded.shifts] == [("10:00", "18:00")]
    assert reloaded.exceptions == ()  # nothing of the refused edit was saved
    # An in-place change of a shift (its version) counts as a change too.
    with any_store.session() as session:
        row = session.query(AgentShift).filter_by(agent_id=agent_id).one()
        row.end = "19:00"
    with pytest.raises(ScheduleChangedMeanwhile), any_store.session() as session:
        save_agent_schedule(
            session,
            agent_id,
            actor="Li Lei",
            leave=[LeaveSpec(date(2026, 12, 24), date(2026, 12, 26))],
            seen=stamp_of(reloaded.shifts, reloaded.exceptions),
        )
    fresh = _agent(any_store, agent_id)
    with any_store.session() as session:
        save_agent_schedule(
            session,
            agent_id,
            actor="Li Lei",
            leave=[LeaveSpec(date(2026, 12, 24), date(2026, 12, 26))],
            seen=stamp_of(fresh.shifts, fresh.exceptions),
        )
    assert len(_agent(any_store, agent_id).exceptions) == 1
