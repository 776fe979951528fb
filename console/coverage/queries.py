"""Reading the coverage plan of a week from the store."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.coverage.plan import (
    SLOTS,
    SLOTS_PER_DAY,
    AgentCoverage,
    CoveragePlan,
    MarketCoverage,
    ShiftExceptionView,
    ShiftView,
    hours_intervals,
    market_hours,
    mask_of,
    shift_intervals,
    slot_middles,
    week_start,
)
from console.store.coverage_tables import (
    AgentShift,
    MarketAssignment,
    MarketSupportHours,
    ShiftException,
)
from console.store.models import Agent, AgentRole, Conversation, Direction, Market, Message
from timezones.wallclock import is_valid_zone, load_zone

#: Roles that take customer conversations (compliance staff do not).
COVERING_ROLES = (AgentRole.AGENT, AgentRole.LEAD)
#: Zone of agents and markets without one.
FALLBACK_ZONE = "UTC"


def demand_by_hour_of_week(
    session: Session, zone: str, *, since: datetime | None = None
) -> dict[int | None, tuple[float, ...]]:
    """Average inbound messages per week in each hour of the week (in ``zone``), per market
    id (None: conversations without a market), over the store's whole history (or since)."""
    tz = load_zone(zone)
    query = (
        select(Conversation.market_id, Message.sent_at)
        .join(Conversation, Conversation.id == Message.conversation_id)
        .where(Message.direction == Direction.INBOUND)
    )
    if since is not None:
        query = query.where(Message.sent_at >= since)
    counts: dict[int | None, list[int]] = defaultdict(lambda: [0] * SLOTS)
    first: datetime | None = None
    last: datetime | None = None
    for market_id, sent_at in session.execute(query).yield_per(5000):
        local = sent_at.astimezone(tz)
        counts[market_id][local.weekday() * SLOTS_PER_DAY + local.hour] += 1
        first = sent_at if first is None or sent_at < first else first
        last = sent_at if last is None or sent_at > last else last
    if first is None or last is None:
        return {}
    weeks = max(1.0, (last - first) / timedelta(days=7))
    return {key: tuple(n / weeks for n in values) for key, values in counts.items()}


def load_plan(
    session: Session,
    zone: str,
    at: datetime,
    *,
    demand_since: datetime | None = None,
    history_demand: bool = True,
) -> CoveragePlan:
    """The plan of the week containing ``at``, seen from ``zone``.

    ``history_demand=False`` leaves the demand curve empty, for callers that put the
    forecast there (console/coverage/requirement.py: ``with_requirements``) and need
    not read every inbound message of the store's history first.
    """
    if not is_valid_zone(zone):
        raise ValueError(f"unknown time zone {zone!r}")
    start = week_start(zone, at)
    middles = slot_middles(zone, start)
    shifts: dict[int, list[ShiftView]] = defaultdict(list)
    for shift in session.scalars(select(AgentShift).order_by(AgentShift.weekday, AgentShift.id)):
        shifts[shift.agent_id].append(
            ShiftView(
                shift.id,
                shift.weekday,
                shift.start,
                shift.end,
                shift.zone or "",
                shift.valid_from,
                shift.valid_until,
                shift.version,
            )
        )
    exceptions: dict[int, list[ShiftExceptionView]] = defaultdict(list)
    for item in session.scalars(select(ShiftException).order_by(ShiftException.first_day)):
        exceptions[item.agent_id].append(
            ShiftExceptionView(
                item.id,
                item.kind,
                item.first_day,
                item.last_day,
                item.start,
                item.end,
                item.note,
                item.version,
            )
        )
    agents = []
    for agent in session.scalars(
        select(Agent).where(Agent.role.in_(COVERING_ROLES)).order_by(Agent.name)
    ):
        agent_zone = agent.time_zone if is_valid_zone(agent.time_zone) else FALLBACK_ZONE
        assert agent_zone is not None
        own_shifts = tuple(
            s
            if s.zone
            else ShiftView(
                s.id, s.weekday, s.start, s.end, agent_zone, s.valid_from, s.valid_until, s.version
            )
            for s in shifts[agent.id]
        )
        own_exceptions = tuple(exceptions[agent.id])
        on_shift = mask_of(
            shift_intervals(agent_zone, own_shifts, own_exceptions, middles), middles
        )
        agents.append(
            AgentCoverage(
                id=agent.id,
                name=agent.name,
                role=agent.role.value,
                languages=tuple(agent.languages),
                zone=agent_zone,
                shifts=own_shifts,
                exceptions=own_exceptions,
                on_shift=on_shift,
            )
        )
    hours = {h.market_id: h for h in session.scalars(select(MarketSupportHours))}
    demand = demand_by_hour_of_week(session, zone, since=demand_since) if history_demand else {}
    markets = []
    for market in session.scalars(select(Market).order_by(Market.code)):
        support = hours.get(market.id)
        market_zone = support.zone if support and is_valid_zone(support.zone) else FALLBACK_ZONE
        coverage = MarketCoverage(
            id=market.id,
            code=market.code,
            name=market.name,
            languages=tuple(market.languages),
            zone=market_zone,
            periods=tuple(support.periods) if support else (),
            holiday_country=support.holiday_country if support else None,
            demand=demand.get(market.id, (0.0,) * SLOTS),
        )
        open_slots = mask_of(hours_intervals(market_hours(coverage), middles), middles)
        markets.append(
            MarketCoverage(
                coverage.id,
                coverage.code,
                coverage.name,
                coverage.languages,
                coverage.zone,
                coverage.periods,
                coverage.holiday_country,
                open_slots,
                coverage.demand,
            )
        )
    assignments = frozenset(
        (market_id, agent_id)
        for market_id, agent_id in session.execute(
            select(MarketAssignment.market_id, MarketAssignment.agent_id)
        )
    )
    return CoveragePlan(zone, start, tuple(agents), tuple(markets), assignments)


def lead_zone(session: Session, agent_id: int | None = None) -> str:
    """The zone the planner shows: the given agent's, else the first lead's, else UTC."""
    agent = session.get(Agent, agent_id) if agent_id is not None else None
    if agent is None:
        agent = session.scalars(
            select(Agent).where(Agent.role == AgentRole.LEAD).order_by(Agent.id)
        ).first()
    zone = agent.time_zone if agent is not None else None
    return zone if zone and is_valid_zone(zone) else FALLBACK_ZONE
