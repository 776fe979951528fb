"""The demo rota gives the planner a real week to show."""

from __future__ import annotations

from sqlalchemy import func, select

from console.coverage import (
    CellState,
    coverage_grid,
    lead_zone,
    load_plan,
    suggest_assignment,
    uncovered_cost,
)
from console.coverage.demo_rota import seed_demo_rota
from console.demo.generator import DEMO_NOW, populate
from console.store import Store
from console.store.coverage_tables import AgentShift, MarketAssignment, MarketSupportHours


def _counts(store: Store) -> tuple[int, int, int]:
    with store.session() as session:
        return (
            session.scalar(select(func.count()).select_from(AgentShift)) or 0,
            session.scalar(select(func.count()).select_from(MarketSupportHours)) or 0,
            session.scalar(select(func.count()).select_from(MarketAssignment)) or 0,
        )


def test_demo_rota_is_deterministic_and_idempotent(store: Store) -> None:
    populate(store, conversations=40)
    with store.session() as session:
        seed_demo_rota(session)
    first = _counts(store)
    assert first[0] > 40 and first[1] == 15 and first[2] >= 8
    with store.session() as session:
        seed_demo_rota(session)
    assert _counts(store) == first
    with store.session() as session:
        plan = load_plan(session, lead_zone(session), DEMO_NOW)
    assert plan.zone == "Asia/Shanghai"
    grid = coverage_grid(plan)
    states = {cell for row in grid.rows for cell in row.cells}
    assert states == set(CellState)  # every state shows on the demo week
    assert any(sum(m.demand) > 0 for m in plan.markets)
    suggestion = suggest_assignment(plan)
    assert suggestion.cost < uncovered_cost(plan)  # the suggestion improves the demo plan
