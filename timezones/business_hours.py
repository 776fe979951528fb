"""Weekly business hours in a zone, and SLA arithmetic over them.

Periods are wall-clock times in the hours' zone: "Mon 09:00-18:00" means 09:00
local on every Monday, whatever the UTC offset that day (a DST change does not
move it). A period whose end is not after its start crosses midnight
("Fri 22:00-02:00" ends Saturday 02:00; equal start and end mean 24 hours). A
period belongs to the day it starts on: a holiday or closed date removes the
periods *starting* that day.

Durations are real elapsed time: an open period of 01:00-05:00 on a
spring-forward night lasts 3 hours. A period starting inside a DST gap starts
at the first valid instant after it; ambiguous wall times use their first
occurrence.

Every datetime argument must be timezone-aware (naive ones raise ValueError);
results are aware datetimes in UTC.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from timezones.calendars import holiday_name, weekend_days
from timezones.countries import normalize_country
from timezones.regions import subdivision_code
from timezones.wallclock import combine_local, load_zone, require_aware, zone_name

__all__ = [
    "BusinessHours",
    "Period",
    "PeriodLike",
    "add_business_time",
    "business_time_between",
    "is_open",
    "next_open",
]

#: How far ahead to look for an opening before declaring the hours never open.
SEARCH_DAYS = 3 * 366

_DAY_NAMES = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5, "sun": 6, "sunday": 6,
}
_PERIOD_TEXT = re.compile(
    r"^\s*([A-Za-z]+)\s+(\d{1,2}(?::\d{2})?)\s*-\s*(\d{1,2}(?::\d{2})?)\s*$"
)


def weekday_number(day: int | str) -> int:
    """0-6 (Monday 0) from a number or an English day name/abbreviation."""
    if isinstance(day, bool):
        raise TypeError("weekday must be an int 0-6 or a day name")
    if isinstance(day, int):
        if 0 <= day <= 6:
            return day
        raise ValueError(f"weekday must be 0 (Monday) to 6 (Sunday), got {day}")
    number = _DAY_NAMES.get(day.strip().casefold().rstrip("."))
    if number is None:
        raise ValueError(f"unknown weekday {day!r}")
    return number


def parse_time(value: time | str) -> time:
    """A naive time from a time or "HH:MM" / "H" / "24:00" (= midnight) text."""
    if isinstance(value, time):
        if value.tzinfo is not None:
            raise ValueError("period times are wall-clock times: pass naive times")
        return value
    text = value.strip()
    if text in {"24:00", "24"}:
        return time(0)
    hours, _, minutes = text.partition(":")
    try:
        return time(int(hours), int(minutes or 0))
    except ValueError as error:
        raise ValueError(f"invalid time {value!r} (expected HH:MM)") from error


@dataclass(frozen=True, order=True)
class Period:
    """One weekly opening: *weekday* (Mon=0) from *start* to *end*, wall-clock."""

    weekday: int
    start: time
    end: time

    def __post_init__(self) -> None:
        object.__setattr__(self, "weekday", weekday_number(self.weekday))
        object.__setattr__(self, "start", parse_time(self.start))
        object.__setattr__(self, "end", parse_time(self.end))

    @classmethod
    def parse(cls, text: str) -> Period:
        """``Period.parse("Fri 22:00-02:00")``."""
        match = _PERIOD_TEXT.match(text)
        if match is None:
            raise ValueError(f"invalid period {text!r} (expected e.g. 'Mon 09:00-18:00')")
        day, start, end = match.groups()
        return cls(weekday_number(day), parse_time(start), parse_time(end))

    @property
    def crosses_midnight(self) -> bool:
        return self.end <= self.start


PeriodLike = Period | str | tuple[int | str, time | str, time | str]


def _as_period(value: PeriodLike) -> Period:
    if isinstance(value, Period):
        return value
    if isinstance(value, str):
        return Period.parse(value)
    day, start, end = value
    return Period(weekday_number(day), parse_time(start), parse_time(end))


@dataclass(frozen=True)
class BusinessHours:
    """Weekly opening hours of a market or team in *zone*.

    ``periods``: the weekly openings (several per day allowed; a day without
    any is closed). ``holiday_country``/``holiday_subdivision``: close on the
    public holidays the ``holidays`` package knows for them. ``closed_dates``:
    extra local dates to close on.
    """

    zone: str | tzinfo
    periods: tuple[Period, ...] = ()
    holiday_country: str | None = None
    holiday_subdivision: str | None = None
    closed_dates: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        load_zone(self.zone)  # ValueError for an unknown zone
        periods = tuple(sorted(_as_period(p) for p in self.periods))
        object.__setattr__(self, "periods", periods)
        object.__setattr__(self, "closed_dates", frozenset(self.closed_dates))
        if self.holiday_country is not None:  # "Germany" -> "DE", "California" -> "CA"
            country = normalize_country(self.holiday_country) or self.holiday_country
            subdivision = subdivision_code(country, self.holiday_subdivision)
            object.__setattr__(self, "holiday_country", country)
            object.__setattr__(self, "holiday_subdivision", subdivision)

    @classmethod
    def from_periods(
        cls,
        zone: str | tzinfo,
        periods: Iterable[PeriodLike],
        *,
        holiday_country: str | None = None,
        holiday_subdivision: str | None = None,
        closed_dates: Iterable[date] = (),
    ) -> BusinessHours:
        """From ``["Mon 09:00-18:00", "Fri 22:00-02:00", (5, "10:00", "14:00"), Period(...)]``."""
        return cls(
            zone,
            tuple(_as_period(p) for p in periods),
            holiday_country,
            holiday_subdivision,
            frozenset(closed_dates),
        )

    @classmethod
    def weekly(
        cls,
        zone: str | tzinfo,
        schedule: Mapping[int | str, Iterable[tuple[time | str, time | str]]],
        *,
        holiday_country: str | None = None,
        holiday_subdivision: str | None = None,
        closed_dates: Iterable[date] = (),
    ) -> BusinessHours:
        """From ``{"mon": [("09:00", "12:00"), ("13:00", "18:00")], "fri": [...]}``."""
        periods = tuple(
            Period(weekday_number(day), parse_time(start), parse_time(end))
            for day, spans in schedule.items()
            for start, end in spans
        )
        return cls(zone, periods, holiday_country, holiday_subdivision, frozenset(closed_dates))

    @classmethod
    def standard(
        cls,
        zone: str | tzinfo,
        *,
        country: str | None = None,
        subdivision: str | None = None,
        start: time | str = "09:00",
        end: time | str = "18:00",
        days: Iterable[int | str] | None = None,
        closed_dates: Iterable[date] = (),
    ) -> BusinessHours:
        """Same hours on every working day; by default the days outside *country*'s weekend,
        closed on its public holidays."""
        weekend = weekend_days(country, subdivision)
        workdays = (
            sorted({weekday_number(d) for d in days})
            if days is not None
            else [d for d in range(7) if d not in weekend]
        )
        periods = tuple(Period(day, parse_time(start), parse_time(end)) for day in workdays)
        return cls(zone, periods, country, subdivision, frozenset(closed_dates))

    @property
    def tz(self) -> tzinfo:
        return load_zone(self.zone)

    def is_closed_on(self, day: date) -> bool:
        """True when *day* (a local date) is a closed date or a public holiday."""
        if day in self.closed_dates:
            return True
        if self.holiday_country is None:
            return False
        return holiday_name(day, self.holiday_country, self.holiday_subdivision) is not None


Interval = tuple[datetime, datetime]


def _day_intervals(hours: BusinessHours, tz: tzinfo, day: date) -> Iterator[Interval]:
    periods = [p for p in hours.periods if p.weekday == day.weekday()]
    if not periods or hours.is_closed_on(day):
        return
    for period in periods:
        start = combine_local(day, period.start, tz)
        end_day = day + timedelta(days=1) if period.crosses_midnight else day
        end = combine_local(end_day, period.end, tz)
        if end > start:  # a period entirely inside a DST gap vanishes
            yield start, end


def _intervals(
    hours: BusinessHours, since: datetime, days: int = SEARCH_DAYS
) -> Iterator[Interval]:
    """Merged open intervals (UTC) that end after *since*, in order, for *days* days."""
    tz = hours.tz
    first_day = since.astimezone(tz).date() - timedelta(days=2)
    current: Interval | None = None
    for offset in range(days + 3):
        for start, end in _day_intervals(hours, tz, first_day + timedelta(days=offset)):
            if current is not None and start <= current[1]:
                current = (current[0], max(current[1], end))
                continue
            if current is not None and current[1] > since:
                yield current
            current = (start, end)
    if current is not None and current[1] > since:
        yield current


def _utc(value: datetime, name: str) -> datetime:
    require_aware(value, name)
    return value.astimezone(UTC)


def is_open(hours: BusinessHours, at: datetime) -> bool:
    """True when *at* falls inside the business hours."""
    moment = _utc(at, "at")
    for start, end in _intervals(hours, moment, days=3):
        return start <= moment < end
    return False


def next_open(hours: BusinessHours, at: datetime) -> datetime:
    """*at* itself (in UTC) when open, else the next opening; ValueError if none within
    :data:`SEARCH_DAYS` days."""
    moment = _utc(at, "at")
    for start, _end in _intervals(hours, moment):
        return max(start, moment)
    raise ValueError(f"business hours in {zone_name(hours.zone)} never open after {at}")


def add_business_time(hours: BusinessHours, start: datetime, duration: timedelta) -> datetime:
    """The instant *duration* of open time after *start* (an SLA due time), in UTC.

    The result is the earliest such instant: an SLA that runs out exactly at
    closing time is due at closing time, not at the next opening.
    """
    moment = _utc(start, "start")
    if duration < timedelta(0):
        raise ValueError(f"duration must not be negative, got {duration}")
    remaining = duration
    if not remaining:
        return moment
    for interval_start, interval_end in _intervals(hours, moment):
        begin = max(interval_start, moment)
        available = interval_end - begin
        if remaining <= available:
            return begin + remaining
        remaining -= available
    raise ValueError(
        f"business hours in {zone_name(hours.zone)} do not provide {duration} "
        f"within {SEARCH_DAYS} days of {start}"
    )


def business_time_between(hours: BusinessHours, a: datetime, b: datetime) -> timedelta:
    """Open time between *a* and *b* (negative when *b* is before *a*)."""
    first, second = _utc(a, "a"), _utc(b, "b")
    if second < first:
        return -business_time_between(hours, b, a)
    total = timedelta(0)
    span_days = (second - first).days + 3
    for start, end in _intervals(hours, first, days=span_days):
        if start >= second:
            break
        total += min(end, second) - max(start, first)
    return total
