"""Each market's first-response target, in business minutes of its support hours."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from console import audit
from console.problems import ProblemError, define, problem
from console.store.kpi_tables import DEFAULT_FIRST_RESPONSE_TARGET_MINUTES, MarketKpiTarget
from console.store.models import Market

#: The longest target a market can set: five 8-hour business days.
MAX_TARGET_MINUTES = 5 * 8 * 60

BAD_TARGET = define(
    "kpis.bad_target",
    "A first-response target must be between 1 and {maximum} business minutes, not {minutes}.",
)
NO_MARKET = define("kpis.no_market", "Market {market_id} no longer exists.")


def first_response_targets(session: Session) -> dict[int, int]:
    """The target of every market, in business minutes (the default where none is set)."""
    stored = dict(
        session.execute(
            select(MarketKpiTarget.market_id, MarketKpiTarget.first_response_minutes)
        ).all()
    )
    return {
        market_id: stored.get(market_id, DEFAULT_FIRST_RESPONSE_TARGET_MINUTES)
        for market_id in session.scalars(select(Market.id))
    }


def first_response_target(session: Session, market_id: int) -> int:
    row = session.get(MarketKpiTarget, market_id)
    return row.first_response_minutes if row is not None else DEFAULT_FIRST_RESPONSE_TARGET_MINUTES


def set_first_response_target(
    session: Session, market_id: int, minutes: int, *, actor: str
) -> bool:
    """Set a market's target (audited); returns whether it changed."""
    if not 1 <= minutes <= MAX_TARGET_MINUTES:
        raise ProblemError(problem(BAD_TARGET, minutes=minutes, maximum=MAX_TARGET_MINUTES))
    if session.get(Market, market_id) is None:
        raise ProblemError(problem(NO_MARKET, market_id=market_id))
    row = session.get(MarketKpiTarget, market_id)
    previous = (
        row.first_response_minutes if row is not None else DEFAULT_FIRST_RESPONSE_TARGET_MINUTES
    )
    if previous == minutes:
        return False
    if row is None:
        session.add(MarketKpiTarget(market_id=market_id, first_response_minutes=minutes))
    else:
        row.first_response_minutes = minutes
    audit.record(
        session,
        actor=actor,
        action="set_first_response_target",
        entity="market",
        entity_id=market_id,
        previous=previous,
        minutes=minutes,
    )
    return True
