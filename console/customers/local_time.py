"""What the customer panel shows about the customer's clock, and their business hours.

"Send at their 09:00" itself is a reply command: :mod:`console.inbox.their_hours`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.customers.country import market_for_country
from console.customers.zones import CustomerZone, zone_of_customer
from console.store.coverage_tables import MarketSupportHours
from console.store.models import Conversation, Customer, Market
from timezones import BusinessHours, LocalFacts, default_business_hours, is_open, local_facts
from timezones.business_hours import SEARCH_DAYS
from timezones.wallclock import combine_local, require_aware

#: ``OutboxEntry.reason`` of a reply scheduled for the customer's next business-hours start.
THEIR_BUSINESS_START = "their_business_start"


@dataclass(frozen=True)
class MarketHoursView:
    market_id: int
    code: str
    name: str
    zone: str
    periods: tuple[str, ...]  # "Mon 09:00-18:00", wall-clock in ``zone``
    holiday_country: str | None


@dataclass(frozen=True)
class CustomerLocalView:
    """Everything the local-time panel needs, computed at ``at``."""

    zone: CustomerZone
    at: datetime
    facts: LocalFacts | None  # None without a zone
    next_business_start: datetime | None
    market: MarketHoursView | None
    market_open: bool | None


def customer_hours(zone: CustomerZone) -> BusinessHours | None:
    """The customer's own working hours: 09:00-18:00 local on working days, holidays off."""
    if zone.zone is None:
        return None
    return default_business_hours(zone.zone, zone.country)


def next_business_start(hours: BusinessHours, after: datetime) -> datetime:
    """The next start of a business-hours period strictly after ``after`` (UTC).

    Unlike :func:`timezones.next_open`, an instant inside open hours gives the
    *next* opening (the next morning), not itself.
    """
    require_aware(after, "after")
    tz = hours.tz
    first_day = after.astimezone(tz).date() - timedelta(days=1)
    for offset in range(SEARCH_DAYS + 2):
        day = first_day + timedelta(days=offset)
        if hours.is_closed_on(day):
            continue
        starts = sorted(
            combine_local(day, p.start, tz) for p in hours.periods if p.weekday == day.weekday()
        )
        for start in starts:
            if start > after and not is_open(hours, start - timedelta(minutes=1)):
                return start
    raise ValueError("the business hours never open")


def _market_of(session: Session, customer: Customer) -> Market | None:
    market_id = session.scalar(
        select(Conversation.market_id)
        .where(Conversation.customer_id == customer.id, Conversation.market_id.is_not(None))
        .order_by(Conversation.last_activity_at.desc())
        .limit(1)
    )
    if market_id is None:
        market_id = market_for_country(session, customer.country)
    return None if market_id is None else session.get(Market, market_id)


def _market_view(session: Session, market: Market | None) -> MarketHoursView | None:
    if market is None:
        return None
    hours = session.get(MarketSupportHours, market.id)
    if hours is None:
        return None
    return MarketHoursView(
        market.id, market.code, market.name, hours.zone, tuple(hours.periods), hours.holiday_country
    )


def market_business_hours(market: MarketHoursView) -> BusinessHours:
    return BusinessHours.from_periods(
        market.zone, market.periods, holiday_country=market.holiday_country
    )


def facts_at(view: CustomerLocalView, at: datetime) -> LocalFacts | None:
    """The panel's facts again at another instant (no store access: for a live clock)."""
    if view.zone.zone is None:
        return None
    return local_facts(view.zone.zone, at, country=view.zone.country)


def customer_local_view(
    session: Session, customer_id: int, at: datetime
) -> CustomerLocalView | None:
    customer = session.get(Customer, customer_id)
    if customer is None:
        return None
    zone = zone_of_customer(session, customer)
    market = _market_view(session, _market_of(session, customer))
    hours = customer_hours(zone)
    facts = None
    start = None
    if zone.zone is not None and hours is not None:
        facts = local_facts(zone.zone, at, country=zone.country)
        try:
            start = next_business_start(hours, at)
        except ValueError:
            start = None
    market_open = is_open(market_business_hours(market), at) if market else None
    return CustomerLocalView(zone, at, facts, start, market, market_open)
