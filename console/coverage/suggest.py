"""Suggest which agents cover which markets.

The objective is the demand-weighted support time left uncovered: every hour
of a market's support hours weighs the average number of inbound messages in
it plus :data:`BASE_WEIGHT` (so hours without history still count a little),
and an hour counts as covered only when an assigned agent who speaks one of the
market's languages is on shift. Each agent takes at most ``max_markets`` markets.

Small instances are solved exactly (exhaustive search with a bound); larger
ones greedily (best marginal gain first) followed by a local search that
swaps, adds or drops single assignments while that lowers the cost.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from console.coverage.plan import SLOTS, CoveragePlan, MarketCoverage, bits

#: Weight of a support hour without any inbound history.
BASE_WEIGHT = 0.05
#: Search exhaustively when the number of combinations is at most this.
EXACT_LIMIT = 20_000
DEFAULT_MAX_MARKETS = 2


class UncoveredReason(enum.StrEnum):
    NO_SPEAKER = "no_speaker"  # no agent speaks any of the market's languages
    NO_SPEAKER_ON_SHIFT = "no_speaker_on_shift"  # speakers exist, none works these hours
    SPEAKERS_BUSY = "speakers_busy"  # a speaker works then, but covers markets with more demand


@dataclass(frozen=True)
class UncoveredSpan:
    first_slot: int
    last_slot: int  # inclusive
    reason: UncoveredReason
    demand: float


@dataclass(frozen=True)
class MarketExplanation:
    market_id: int
    market_code: str
    agent_ids: tuple[int, ...]
    agent_names: tuple[str, ...]
    open_hours: int
    covered_hours: int
    demand_total: float
    demand_covered: float
    uncovered: tuple[UncoveredSpan, ...]
    speakers: tuple[str, ...]  # names of all agents speaking a market language

    @property
    def covered_share(self) -> float:
        """Share of the demand-weighted support time covered (1.0 without support hours)."""
        return self.demand_covered / self.demand_total if self.demand_total else 1.0


@dataclass(frozen=True)
class Suggestion:
    assignments: frozenset[tuple[int, int]]  # (market id, agent id)
    cost: float  # demand-weighted uncovered support hours
    exact: bool
    explanations: tuple[MarketExplanation, ...]


@dataclass(frozen=True)
class _Problem:
    agents: tuple[int, ...]
    markets: tuple[int, ...]
    weights: tuple[tuple[float, ...], ...]  # per market, per slot (0 outside support hours)
    useful: tuple[tuple[int, ...], ...]  # per agent, per market: slots the agent covers
    max_markets: int


def slot_weights(market: MarketCoverage) -> tuple[float, ...]:
    return tuple(
        (market.demand[s] + BASE_WEIGHT) if market.open_slots >> s & 1 else 0.0
        for s in range(SLOTS)
    )


def _problem(plan: CoveragePlan, max_markets: int) -> _Problem:
    return _Problem(
        agents=tuple(a.id for a in plan.agents),
        markets=tuple(m.id for m in plan.markets),
        weights=tuple(slot_weights(m) for m in plan.markets),
        useful=tuple(
            tuple(
                (a.on_shift & m.open_slots) if a.speaks_any(m.languages) else 0
                for m in plan.markets
            )
            for a in plan.agents
        ),
        max_markets=max_markets,
    )


def _masked_weight(weights: Sequence[float], mask: int) -> float:
    return sum(weights[s] for s in bits(mask))


def cost_of(problem: _Problem, choice: Sequence[Iterable[int]]) -> float:
    """Uncovered weight when agent i takes the market indexes choice[i]."""
    covered = [0] * len(problem.markets)
    for agent_index, markets in enumerate(choice):
        for m in markets:
            covered[m] |= problem.useful[agent_index][m]
    return sum(
        sum(problem.weights[m]) - _masked_weight(problem.weights[m], covered[m])
        for m in range(len(problem.markets))
    )


def _options(problem: _Problem, agent_index: int) -> list[tuple[int, ...]]:
    """Market-index sets worth considering for one agent (only markets they help)."""
    helpful = [m for m, mask in enumerate(problem.useful[agent_index]) if mask]
    size = min(problem.max_markets, len(helpful))
    return [combo for k in range(size, -1, -1) for combo in itertools.combinations(helpful, k)]


def _exact(problem: _Problem) -> list[tuple[int, ...]]:
    options = [_options(problem, a) for a in range(len(problem.agents))]
    total = sum(sum(w) for w in problem.weights)
    best_cost = float("inf")
    best: list[tuple[int, ...]] = [() for _ in problem.agents]
    covered = [0] * len(problem.markets)
    chosen: list[tuple[int, ...]] = []

    def uncovered() -> float:
        return total - sum(
            _masked_weight(problem.weights[m], covered[m]) for m in range(len(covered))
        )

    # Upper bound on what the remaining agents can still add: everything they could cover.
    reach = [0] * len(problem.markets)
    remaining_reach: list[list[int]] = []
    for a in reversed(range(len(problem.agents))):
        reach = [r | problem.useful[a][m] for m, r in enumerate(reach)]
        remaining_reach.insert(0, list(reach))
    remaining_reach.append([0] * len(problem.markets))

    def search(a: int) -> None:
        nonlocal best_cost, best
        if a == len(problem.agents):
            cost = uncovered()
            if cost < best_cost - 1e-9:
                best_cost, best = cost, list(chosen)
            return
        optimistic = total - sum(
            _masked_weight(problem.weights[m], covered[m] | remaining_reach[a][m])
            for m in range(len(covered))
        )
        if optimistic >= best_cost - 1e-9:
            return
        for option in options[a]:
            saved = [covered[m] for m in option]
            for m in option:
                covered[m] |= problem.useful[a][m]
            chosen.append(option)
            search(a + 1)
            chosen.pop()
            for m, value in zip(option, saved, strict=True):
                covered[m] = value

    search(0)
    return best


def _heuristic(problem: _Problem) -> list[tuple[int, ...]]:
    n_agents, n_markets = len(problem.agents), len(problem.markets)
    choice: list[set[int]] = [set() for _ in range(n_agents)]
    covered = [0] * n_markets
    # Greedy: best marginal gain first.
    while True:
        best_gain, best_pair = 1e-9, None
        for a in range(n_agents):
            if len(choice[a]) >= problem.max_markets:
                continue
            for m in range(n_markets):
                new = problem.useful[a][m] & ~covered[m]
                if m in choice[a] or not new:
                    continue
                gain = _masked_weight(problem.weights[m], new)
                if gain > best_gain:
                    best_gain, best_pair = gain, (a, m)
        if best_pair is None:
            break
        a, m = best_pair
        choice[a].add(m)
        covered[m] |= problem.useful[a][m]
    # Local search: move one assignment of one agent elsewhere while that helps.
    current = cost_of(problem, [sorted(c) for c in choice])
    improved = True
    rounds = 0
    while improved and rounds < 50:
        improved = False
        rounds += 1
        for a in range(n_agents):
            helpful = [m for m in range(n_markets) if problem.useful[a][m]]
            candidates: list[set[int]] = []
            for m in choice[a]:
                candidates.append(choice[a] - {m})
                candidates.extend(choice[a] - {m} | {n} for n in helpful if n not in choice[a])
            if len(choice[a]) < problem.max_markets:
                candidates.extend(choice[a] | {n} for n in helpful if n not in choice[a])
            for candidate in candidates:
                trial = [sorted(c) for c in choice]
                trial[a] = sorted(candidate)
                cost = cost_of(problem, trial)
                if cost < current - 1e-9:
                    choice[a], current, improved = set(candidate), cost, True
    return [tuple(sorted(c)) for c in choice]


def search_space(problem: _Problem) -> int:
    size = 1
    for a in range(len(problem.agents)):
        size *= len(_options(problem, a))
    return size


def suggest_assignment(
    plan: CoveragePlan,
    *,
    max_markets: int = DEFAULT_MAX_MARKETS,
    exact_limit: int = EXACT_LIMIT,
) -> Suggestion:
    """Assignments that leave the fewest demand-weighted support hours uncovered."""
    if max_markets < 1:
        raise ValueError("each agent must be able to take at least one market")
    problem = _problem(plan, max_markets)
    exact = search_space(problem) <= exact_limit
    choice = _exact(problem) if exact else _heuristic(problem)
    assignments = frozenset(
        (problem.markets[m], problem.agents[a]) for a, markets in enumerate(choice) for m in markets
    )
    suggested = plan.with_assignments(assignments)
    return Suggestion(
        assignments=assignments,
        cost=cost_of(problem, choice),
        exact=exact,
        explanations=explain(suggested),
    )


def uncovered_cost(plan: CoveragePlan) -> float:
    """The objective for the plan's current assignments."""
    problem = _problem(plan, max_markets=len(plan.markets) or 1)
    index = {m: i for i, m in enumerate(problem.markets)}
    choice = [
        [index[m] for m, agent_id in plan.assignments if agent_id == a and m in index]
        for a in problem.agents
    ]
    return cost_of(problem, choice)


def explain(plan: CoveragePlan) -> tuple[MarketExplanation, ...]:
    """Per market: who covers it, how much of its demand, and why the rest is uncovered."""
    explanations = []
    for market in plan.markets:
        weights = slot_weights(market)
        assigned = plan.agents_of(market.id)
        speakers = [a for a in plan.agents if a.speaks_any(market.languages)]
        covered_mask = 0
        for agent in assigned:
            if agent.speaks_any(market.languages):
                covered_mask |= agent.on_shift
        covered_mask &= market.open_slots
        speaker_shift = 0
        for agent in speakers:
            speaker_shift |= agent.on_shift
        spans: list[UncoveredSpan] = []
        for slot in bits(market.open_slots & ~covered_mask):
            if not speakers:
                reason = UncoveredReason.NO_SPEAKER
            elif speaker_shift >> slot & 1:
                reason = UncoveredReason.SPEAKERS_BUSY
            else:
                reason = UncoveredReason.NO_SPEAKER_ON_SHIFT
            last = spans[-1] if spans else None
            if last is not None and last.last_slot == slot - 1 and last.reason == reason:
                spans[-1] = UncoveredSpan(
                    last.first_slot, slot, reason, last.demand + market.demand[slot]
                )
            else:
                spans.append(UncoveredSpan(slot, slot, reason, market.demand[slot]))
        total = sum(weights)
        explanations.append(
            MarketExplanation(
                market_id=market.id,
                market_code=market.code,
                agent_ids=tuple(a.id for a in assigned),
                agent_names=tuple(a.name for a in assigned),
                open_hours=bin(market.open_slots).count("1"),
                covered_hours=bin(covered_mask).count("1"),
                demand_total=total,
                demand_covered=_masked_weight(weights, covered_mask),
                uncovered=tuple(spans),
                speakers=tuple(a.name for a in speakers),
            )
        )
    return tuple(explanations)
