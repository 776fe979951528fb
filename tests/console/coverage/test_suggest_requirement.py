"""Suggest assignment aims at the required agents per hour when the plan carries them."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from console.coverage import AgentCoverage, CoveragePlan, MarketCoverage, suggest_assignment
from console.coverage.plan import SLOTS
from console.coverage.suggest import uncovered_cost

DAY = sum(1 << s for s in range(9, 18))  # Monday 09:00-18:00


def _plan(required_busy: int) -> CoveragePlan:
    agents = tuple(
        AgentCoverage(id=n, name=f"agent {n}", role="agent", languages=("en",), zone="UTC",
                      on_shift=DAY)
        for n in (1, 2, 3)
    )  # fmt: skip
    busy = MarketCoverage(
        id=10, code="BUSY", name="busy", languages=("en",), zone="UTC", periods=(),
        holiday_country=None, open_slots=DAY,
        demand=tuple(30.0 if DAY >> s & 1 else 0.0 for s in range(SLOTS)),
        required=tuple(required_busy if DAY >> s & 1 else 0 for s in range(SLOTS)),
    )  # fmt: skip
    quiet = dataclasses.replace(
        busy, id=20, code="QUIET", name="quiet",
        demand=tuple(3.0 if DAY >> s & 1 else 0.0 for s in range(SLOTS)),
        required=tuple(1 if DAY >> s & 1 else 0 for s in range(SLOTS)),
    )  # fmt: skip
    return CoveragePlan(
        "UTC", datetime(2026, 11, 16, tzinfo=UTC), agents, (busy, quiet), frozenset()
    )


def _agents_per_market(pairs: frozenset[tuple[int, int]]) -> dict[int, int]:
    return {m: sum(1 for market, _a in pairs if market == m) for m in (10, 20)}


def test_the_busy_market_gets_the_agents_it_requires() -> None:
    for exact_limit in (20_000, 0):  # the exact search and the heuristic
        suggestion = suggest_assignment(_plan(2), max_markets=1, exact_limit=exact_limit)
        assert _agents_per_market(suggestion.assignments) == {10: 2, 20: 1}
        assert suggestion.cost == 0.0
        busy = next(e for e in suggestion.explanations if e.market_id == 10)
        assert busy.short_hours == 0 and busy.covered_share == 1.0


def test_a_requirement_beyond_the_staff_leaves_seats_empty_and_says_so() -> None:
    suggestion = suggest_assignment(_plan(4), max_markets=1)
    # Three agents, four busy seats and one quiet one: a busy seat weighs 30 / 4 = 7.5 an
    # hour, more than the quiet market's 3, so all three go to the busy market.
    assert _agents_per_market(suggestion.assignments) == {10: 3, 20: 0}
    busy = next(e for e in suggestion.explanations if e.market_id == 10)
    assert busy.short_hours == 9
    assert suggestion.cost == uncovered_cost(_plan(4).with_assignments(suggestion.assignments))


def test_without_requirements_one_agent_an_hour_is_enough() -> None:
    plan = _plan(2)
    plain = CoveragePlan(
        plan.zone, plan.week_start, plan.agents,
        tuple(dataclasses.replace(m, required=()) for m in plan.markets), frozenset(),
    )  # fmt: skip
    suggestion = suggest_assignment(plain, max_markets=1)
    assert suggestion.cost == 0.0
    assert min(_agents_per_market(suggestion.assignments).values()) >= 1
