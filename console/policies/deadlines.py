"""Statutory deadlines in the customer's local calendar.

Periods follow the EU rule for computing time limits (Regulation 1182/71
art. 3), which most consumer and privacy laws share in substance:

* the day of the event (delivery, the request arriving) is not counted;
* a period of *n* days ends at the end of the *n*-th following local day;
* a period in months ends on the same date *n* months later, or on the last day
  of that month when it has no such date (31 January + 1 month = 28/29 February);
* working days skip the country's weekend and public holidays;
* with ``roll`` a period ending on a weekend day or public holiday runs to the
  end of the next working day (art. 3(4));
* periods in hours run from the exact instant.

All instants are aware; dates are the customer's local dates (their zone).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from timezones.calendars import holiday_name, weekend_days
from timezones.wallclock import combine_local, load_zone, require_aware, zone_name

END_OF_DAY = time(23, 59, 59)


@dataclass(frozen=True)
class Deadline:
    """The last local day of a period and the instant it ends (UTC)."""

    last_day: date
    ends_at: datetime
    zone: str

    def days_left(self, now: datetime) -> int:
        """Whole local days from *now*'s local date to the last day (negative when past)."""
        return (self.last_day - local_date(now, self.zone)).days

    def is_past(self, now: datetime) -> bool:
        require_aware(now, "now")
        return now > self.ends_at


def local_date(at: datetime, zone: str) -> date:
    require_aware(at, "at")
    return at.astimezone(load_zone(zone)).date()


def is_working_day(day: date, country: str | None, subdivision: str | None = None) -> bool:
    if day.weekday() in weekend_days(country, subdivision):
        return False
    return holiday_name(day, country, subdivision) is None


def next_working_day(day: date, country: str | None, subdivision: str | None = None) -> date:
    """*day* itself when it is a working day, else the next one."""
    for _ in range(60):
        if is_working_day(day, country, subdivision):
            return day
        day += timedelta(days=1)
    return day  # pragma: no cover - no country has 60 days off in a row


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def add_working_days(
    day: date, count: int, country: str | None, subdivision: str | None = None
) -> date:
    current = day
    remaining = count
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current, country, subdivision):
            remaining -= 1
    return current


def period_end(
    event: datetime,
    amount: int,
    unit: str,
    zone: str,
    *,
    country: str | None = None,
    subdivision: str | None = None,
    roll: bool = False,
) -> Deadline:
    """When a period of *amount* *unit* counted from *event* ends, in *zone*."""
    require_aware(event, "event")
    if amount < 0:
        raise ValueError("a period cannot be negative")
    tz = load_zone(zone)
    name = zone_name(zone)
    if unit == "hours":
        ends = (event + timedelta(hours=amount)).astimezone(UTC)
        return Deadline(ends.astimezone(tz).date(), ends, name)
    start = event.astimezone(tz).date()
    if unit == "days":
        last = start + timedelta(days=amount)
    elif unit == "months":
        last = add_months(start, amount)
    elif unit == "business_days":
        last = add_working_days(start, amount, country, subdivision)
    else:
        raise ValueError(f"unknown unit {unit!r}")
    if roll:
        last = next_working_day(last, country, subdivision)
    return Deadline(last, combine_local(last, END_OF_DAY, tz).astimezone(UTC), name)


def later(first: Deadline, second: Deadline | None) -> Deadline:
    if second is None:
        return first
    return second if second.ends_at > first.ends_at else first
