"""Suggest which agents cover which markets.

The objective is the demand-weighted support time left uncovered: every hour
of a market's support hours weighs the average number of inbound messages in
it plus :data:`BASE_WEIGHT` (so hours without history still count a little),
and an hour counts as covered only when an assigned agent who speaks one of the
market's languages is on shift. Each agent takes at most ``max_markets`` markets.

When the plan carries each market's required agents per hour
(:mod:`console.coverage.requirement`), the suggestion aims at the requirement: an
hour needing ``r`` agents is ``r`` seats of ``weight / r`` each, and every missing
speaker on shift leaves a seat empty. With one agent required everywhere this is
the objective above.

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
    #: Support hours with fewer speakers on shift than required (covered or not).
    short_hours: int = 0

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


ALL_SLOTS = (1 << SLOTS) - 1

#: One seat layer of a market: the slots needing at least k agents, each seat's weight.
Layer = tuple[int, tuple[float, ...]]


@dataclass(frozen=True)
class _Problem:
    agents: tuple[int, ...]
    markets: tuple[int, ...]
    weights: tuple[tuple[float, ...], ...]  # per market, per slot (0 outside support hours)
    useful: tuple[tuple[int, ...], ...]  # per agent, per market: slots the agent covers
    max_markets: int
    layers: tuple[tuple[Layer, ...], ...] = ()  # per market: layer k = "at least k+1 agents"


def slot_weights(market: MarketCoverage) -> tuple[float, ...]:
    return tuple(
        (market.demand[s] + BASE_WEIGHT) if market.open_slots >> s & 1 else 0.0
        for s in range(SLOTS)
    )


def seats(market: MarketCoverage) -> tuple[int, ...]:
    """Agents wanted in each slot: the requirement in support hours (at least one), else 0."""
    return tuple(
        max(1, market.required[s] if market.required else 1) if market.open_slots >> s & 1 else 0
        for s in range(SLOTS)
    )


def seat_layers(market: MarketCoverage) -> tuple[Layer, ...]:
    weights, wanted = slot_weights(market), seats(market)
    layers = []
    for k in range(1, max(wanted, default=0) + 1):
        mask = sum(1 << s for s in range(SLOTS) if wanted[s] >= k)
        layers.append(
            (mask, tuple(weights[s] / wanted[s] if wanted[s] >= k else 0.0 for s in range(SLOTS)))
        )
    return tuple(layers)


def layers_cost(layers: Sequence[Layer], masks: Iterable[int]) -> float:
    """Weight of the seats left empty when agents on shift in ``masks`` serve the market."""
    at_least = [ALL_SLOTS] + [0] * len(layers)  # at_least[k]: slots with >= k agents
    for mask in masks:
        for k in range(len(layers), 0, -1):
            at_least[k] |= at_least[k - 1] & mask
    return sum(
        _masked_weight(weights, mask & ~at_least[k + 1]) for k, (mask, weights) in enumerate(layers)
    )


def _problem(plan: CoveragePlan, max_markets: int) -> _Problem:
    return _Problem(
        agents=tuple(a.id for a in plan.agents),
        markets=tuple(m.id for m in plan.markets),
        weights=tuple(slot_weights(m) for m in plan.markets),
        layers=tuple(seat_layers(m) for m in plan.markets),
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


def _masks_by_market(problem: _Problem, choice: Sequence[Iterable[int]]) -> list[list[int]]:
    masks: list[list[int]] = [[] for _ in problem.markets]
    for agent_index, markets in enumerate(choice):
        for m in markets:
            if problem.useful[agent_index][m]:
                masks[m].append(problem.useful[agent_index][m])
    return masks


def cost_of(problem: _Problem, choice: Sequence[Iterable[int]]) -> float:
    """Uncovered weight when agent i takes the market indexes choice[i]."""
    masks = _masks_by_market(problem, choice)
    return sum(layers_cost(problem.layers[m], masks[m]) for m in range(len(problem.markets)))


def _options(problem: _Problem, agent_index: int) -> list[tuple[int, ...]]:
    """Market-index sets worth considering for one agent (only markets they help)."""
    helpful = [m for m, mask in enumerate(problem.useful[agent_index]) if mask]
    size = min(problem.max_markets, len(helpful))
    return [combo for k in range(size, -1, -1) for combo in itertools.combinations(helpful, k)]


def _exact(problem: _Problem) -> list[tuple[int, ...]]:
    options = [_options(problem, a) for a in range(len(problem.agents))]
    n_markets = len(problem.markets)
    best_cost = float("inf")
    best: list[tuple[int, ...]] = [() for _ in problem.agents]
    chosen_masks: list[list[int]] = [[] for _ in range(n_markets)]
    chosen: list[tuple[int, ...]] = []

    def cost(extra: Sequence[Sequence[int]] | None = None) -> float:
        return sum(
            layers_cost(problem.layers[m], chosen_masks[m] + list(extra[m] if extra else ()))
            for m in range(n_markets)
        )

    # What the remaining agents could still add at best: every market they help.
    remaining: list[list[list[int]]] = [[[] for _ in range(n_markets)]]
    for a in reversed(range(len(problem.agents))):
        following = remaining[0]
        remaining.insert(
            0,
            [
                following[m] + ([problem.useful[a][m]] if problem.useful[a][m] else [])
                for m in range(n_markets)
            ],
        )

    def search(a: int) -> None:
        nonlocal best_cost, best
        if a == len(problem.agents):
            total = cost()
            if total < best_cost - 1e-9:
                best_cost, best = total, list(chosen)
            return
        if cost(remaining[a]) >= best_cost - 1e-9:
            return
        for option in options[a]:
            for m in option:
                chosen_masks[m].append(problem.useful[a][m])
            chosen.append(option)
            search(a + 1)
            chosen.pop()
            for m in option:
                chosen_masks[m].pop()

    search(0)
    return best


def _heuristic(problem: _Problem) -> list[tuple[int, ...]]:
    n_agents, n_markets = len(problem.agents), len(problem.markets)
    choice: list[set[int]] = [set() for _ in range(n_agents)]
    masks: list[list[int]] = [[] for _ in range(n_markets)]
    costs = [layers_cost(problem.layers[m], ()) for m in range(n_markets)]
    # Greedy: best marginal gain first.
    while True:
        best_gain, best_pair, best_cost = 1e-9, None, 0.0
        for a in range(n_agents):
            if len(choice[a]) >= problem.max_markets:
                continue
            for m in range(n_markets):
                if m in choice[a] or not problem.useful[a][m] or not costs[m]:
                    continue
                after = layers_cost(problem.layers[m], [*masks[m], problem.useful[a][m]])
                if costs[m] - after > best_gain:
                    best_gain, best_pair, best_cost = costs[m] - after, (a, m), after
        if best_pair is None:
            break
        a, m = best_pair
        choice[a].add(m)
        masks[m].append(problem.useful[a][m])
        costs[m] = best_cost
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
        layers = seat_layers(market)
        speaking = [a.on_shift for a in assigned if a.speaks_any(market.languages)]
        wanted = seats(market)
        short = sum(
            1
            for s in bits(market.open_slots)
            if sum(mask >> s & 1 for mask in speaking) < wanted[s]
        )
        explanations.append(
            MarketExplanation(
                market_id=market.id,
                market_code=market.code,
                agent_ids=tuple(a.id for a in assigned),
                agent_names=tuple(a.name for a in assigned),
                open_hours=bin(market.open_slots).count("1"),
                covered_hours=bin(covered_mask).count("1"),
                demand_total=total,
                demand_covered=total - layers_cost(layers, speaking),
                uncovered=tuple(spans),
                speakers=tuple(a.name for a in speakers),
                short_hours=short,
            )
        )
    return tuple(explanations)
