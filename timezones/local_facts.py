"""What it is like for the customer right now: local time, night, weekend, holiday."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo

from timezones.business_hours import BusinessHours, is_open, next_open
from timezones.calendars import holiday_name, weekend_days
from timezones.countries import normalize_country
from timezones.regions import subdivision_code
from timezones.wallclock import load_zone, require_aware, zone_name

__all__ = ["NIGHT_END", "NIGHT_START", "LocalFacts", "default_business_hours", "local_facts"]

#: Local night: from NIGHT_START to NIGHT_END (the next morning).
NIGHT_START = time(22, 0)
NIGHT_END = time(7, 0)


@dataclass(frozen=True)
class LocalFacts:
    """Facts about one instant in a customer's zone.

    ``next_good_time`` is *at* itself (in UTC) when business hours are open,
    else the next opening, or None if the hours never open.
    """

    zone: str
    local: datetime
    utc_offset: timedelta
    is_night: bool
    is_weekend: bool
    holiday: str | None
    is_business_hours: bool
    next_good_time: datetime | None

    @property
    def local_time(self) -> datetime:
        """Alias of :attr:`local`."""
        return self.local

    @property
    def local_datetime(self) -> datetime:
        """Alias of :attr:`local`."""
        return self.local


def default_business_hours(
    zone: str | tzinfo, country: str | None = None, subdivision: str | None = None
) -> BusinessHours:
    """09:00-18:00 local on the days outside *country*'s weekend, closed on its holidays."""
    return BusinessHours.standard(zone, country=country, subdivision=subdivision)


def local_facts(
    zone: str | tzinfo,
    at: datetime,
    *,
    country: str | None = None,
    subdivision: str | None = None,
    hours: BusinessHours | None = None,
) -> LocalFacts:
    """Local facts for *at* in *zone* (ValueError for an unknown zone or a naive *at*).

    *country*/*subdivision* choose the weekend and the public holidays (unknown
    ones fall back to a Saturday-Sunday weekend and no holidays). Without
    *hours*, business hours are 09:00-18:00 local on working days.
    """
    require_aware(at, "at")
    tz = load_zone(zone)
    code = normalize_country(country) if isinstance(country, str) else None
    sub = subdivision_code(code, subdivision)
    local = at.astimezone(tz)
    wall = local.time()
    if hours is None:
        hours = default_business_hours(tz, code, sub)
    try:
        good: datetime | None = next_open(hours, at)
    except ValueError:
        good = None
    return LocalFacts(
        zone=zone_name(zone),
        local=local,
        utc_offset=local.utcoffset() or timedelta(0),
        is_night=wall >= NIGHT_START or wall < NIGHT_END,
        is_weekend=local.weekday() in weekend_days(code, sub),
        holiday=holiday_name(local.date(), code, sub),
        is_business_hours=is_open(hours, at),
        next_good_time=good,
    )
