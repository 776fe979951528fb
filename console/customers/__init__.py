"""Customers' clocks (no Qt): the zone guess and its corrections, the local facts the
customer panel shows, and the next business-hours start ("send at their 09:00" itself is
:mod:`console.inbox.their_hours`)."""

from __future__ import annotations

from console.customers.local_time import (
    THEIR_BUSINESS_START,
    CustomerLocalView,
    MarketHoursView,
    customer_hours,
    customer_local_view,
    facts_at,
    market_business_hours,
    next_business_start,
)
from console.customers.zones import (
    CORRECTED,
    STORED,
    CustomerZone,
    ZoneCorrectionError,
    correct_customer_zone,
    customer_zone_info,
    zone_of_customer,
)

__all__ = [
    "CORRECTED",
    "STORED",
    "THEIR_BUSINESS_START",
    "CustomerLocalView",
    "CustomerZone",
    "MarketHoursView",
    "ZoneCorrectionError",
    "correct_customer_zone",
    "customer_hours",
    "customer_local_view",
    "customer_zone_info",
    "facts_at",
    "market_business_hours",
    "next_business_start",
    "zone_of_customer",
]
