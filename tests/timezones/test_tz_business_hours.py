"""Business hours: opening, next opening, SLA due times and business time between."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from timezones import (
    BusinessHours,
    Period,
    add_business_time,
    business_time_between,
    is_open,
    next_open,
)

BERLIN = ZoneInfo("Europe/Berlin")
NY = ZoneInfo("America/New_York")
RIYADH = ZoneInfo("Asia/Riyadh")


def berlin(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


# 2026-03-02 is a Monday; Berlin is on CET (+01:00) until 2026-03-29.
OFFICE = BusinessHours.weekly(
    "Europe/Berlin",
    {
        "mon": [("09:00", "12:00"), ("13:00", "17:00")],
        "tue": [("09:00", "12:00"), ("13:00", "17:00")],
        "wed": [],  # closed
        "thu": [("09:00", "17:00")],
        "fri": [("09:00", "12:00"), ("22:00", "02:00")],  # late shift into Saturday
    },
)


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (berlin(2026, 3, 2, 8, 59), False),
        (berlin(2026, 3, 2, 9, 0), True),
        (berlin(2026, 3, 2, 11, 59), True),
        (berlin(2026, 3, 2, 12, 0), False),  # lunch
        (berlin(2026, 3, 2, 12, 30), False),
        (berlin(2026, 3, 2, 13, 0), True),
        (berlin(2026, 3, 2, 17, 0), False),  # end is exclusive
        (berlin(2026, 3, 4, 10, 0), False),  # Wednesday closed
        (berlin(2026, 3, 6, 21, 59), False),
        (berlin(2026, 3, 6, 22, 0), True),
        (berlin(2026, 3, 7, 1, 59), True),  # Saturday, still Friday's shift
        (berlin(2026, 3, 7, 2, 0), False),
        (berlin(2026, 3, 8, 1, 0), False),  # Sunday: no Saturday shift
        (datetime(2026, 3, 2, 8, 30, tzinfo=UTC), True),  # 09:30 in Berlin
        (datetime(2026, 3, 2, 8, 30, tzinfo=NY), True),  # 14:30 in Berlin
        (datetime(2026, 3, 2, 6, 30, tzinfo=NY), False),  # 12:30 in Berlin: lunch
    ],
)
def test_is_open(at: datetime, expected: bool) -> None:
    assert is_open(OFFICE, at) is expected


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (berlin(2026, 3, 2, 10, 0), berlin(2026, 3, 2, 10, 0)),  # open: now
        (berlin(2026, 3, 2, 12, 15), berlin(2026, 3, 2, 13, 0)),
        (berlin(2026, 3, 3, 17, 0), berlin(2026, 3, 5, 9, 0)),  # skips closed Wednesday
        (berlin(2026, 3, 6, 12, 0), berlin(2026, 3, 6, 22, 0)),
        (berlin(2026, 3, 7, 3, 0), berlin(2026, 3, 9, 9, 0)),
    ],
)
def test_next_open(at: datetime, expected: datetime) -> None:
    result = next_open(OFFICE, at)
    assert result == expected
    assert result.tzinfo is UTC


@pytest.mark.parametrize(
    ("start", "duration", "due"),
    [
        (berlin(2026, 3, 2, 9, 0), timedelta(hours=2), berlin(2026, 3, 2, 11, 0)),
        (berlin(2026, 3, 2, 11, 0), timedelta(hours=2), berlin(2026, 3, 2, 14, 0)),  # lunch
        (berlin(2026, 3, 2, 16, 0), timedelta(hours=1), berlin(2026, 3, 2, 17, 0)),  # at close
        (berlin(2026, 3, 2, 16, 0), timedelta(hours=2), berlin(2026, 3, 3, 10, 0)),
        (berlin(2026, 3, 3, 16, 0), timedelta(hours=2), berlin(2026, 3, 5, 10, 0)),  # Wed shut
        (berlin(2026, 3, 6, 11, 0), timedelta(hours=3), berlin(2026, 3, 7, 0, 0)),  # night
        (berlin(2026, 3, 6, 23, 0), timedelta(hours=4), berlin(2026, 3, 9, 10, 0)),
        (berlin(2026, 3, 4, 12, 0), timedelta(minutes=1), berlin(2026, 3, 5, 9, 1)),
        (berlin(2026, 3, 2, 9, 0), timedelta(hours=25), berlin(2026, 3, 6, 12, 0)),
        (berlin(2026, 3, 2, 9, 0), timedelta(hours=26), berlin(2026, 3, 6, 23, 0)),
        (berlin(2026, 3, 4, 12, 0), timedelta(0), berlin(2026, 3, 4, 12, 0)),
    ],
)
def test_add_business_time(start: datetime, duration: timedelta, due: datetime) -> None:
    assert add_business_time(OFFICE, start, duration) == due


def test_weekly_hours_add_up() -> None:
    week = business_time_between(OFFICE, berlin(2026, 3, 2), berlin(2026, 3, 9))
    # Mon 7 + Tue 7 + Thu 8 + Fri 3 + 4 = 29 hours.
    assert week == timedelta(hours=29)
    assert business_time_between(OFFICE, berlin(2026, 3, 9), berlin(2026, 3, 2)) == -week
    assert business_time_between(OFFICE, berlin(2026, 3, 4), berlin(2026, 3, 4, 23)) == (
        timedelta(0)
    )
    assert business_time_between(OFFICE, berlin(2026, 3, 7, 1), berlin(2026, 3, 7, 5)) == (
        timedelta(hours=1)
    )


def test_add_and_between_are_inverse() -> None:
    rng = random.Random(20260303)
    base = berlin(2026, 3, 1)
    for _ in range(60):
        start = base + timedelta(minutes=rng.randrange(0, 60 * 24 * 60))
        duration = timedelta(minutes=rng.randrange(1, 60 * 40))
        due = add_business_time(OFFICE, start, duration)
        assert due > start
        assert business_time_between(OFFICE, start, due) == duration
        assert is_open(OFFICE, due - timedelta(seconds=1))


def test_overlapping_and_adjacent_periods_are_merged() -> None:
    hours = BusinessHours.from_periods(
        "Europe/Berlin",
        ("Mon 09:00-13:00", "Mon 12:00-18:00", "Mon 22:00-00:00", "Tue 00:00-02:00"),
    )
    monday = berlin(2026, 3, 2)
    assert business_time_between(hours, monday, monday + timedelta(days=2)) == timedelta(hours=13)
    assert add_business_time(hours, berlin(2026, 3, 2, 23), timedelta(hours=2)) == berlin(
        2026, 3, 3, 1
    )
    assert is_open(hours, berlin(2026, 3, 3, 0, 0))


def test_full_day_period() -> None:
    hours = BusinessHours.from_periods("Europe/Berlin", ("Sat 00:00-00:00",))
    assert is_open(hours, berlin(2026, 3, 7, 23, 59))
    assert not is_open(hours, berlin(2026, 3, 8, 0, 0))
    assert business_time_between(hours, berlin(2026, 3, 2), berlin(2026, 3, 9)) == timedelta(
        hours=24
    )


def test_public_holidays_close_the_day() -> None:
    hours = BusinessHours.standard("America/New_York", country="US")
    christmas_morning = datetime(2026, 12, 25, 10, tzinfo=NY)  # a Friday
    assert not is_open(hours, christmas_morning)
    assert next_open(hours, christmas_morning) == datetime(2026, 12, 28, 9, tzinfo=NY)
    # Thanksgiving 2026-11-26 (Thu): SLA of 10 h from Wed 12:00 ends Fri 13:00.
    assert add_business_time(
        hours, datetime(2026, 11, 25, 12, tzinfo=NY), timedelta(hours=10)
    ) == datetime(2026, 11, 27, 13, tzinfo=NY)


def test_subdivision_holidays() -> None:
    # Cesar Chavez Day (March 31) is a California state holiday, not a federal one.
    day = datetime(2026, 3, 31, 10, tzinfo=ZoneInfo("America/Los_Angeles"))
    california = BusinessHours.standard("America/Los_Angeles", country="US", subdivision="CA")
    federal = BusinessHours.standard("America/Los_Angeles", country="US")
    assert not is_open(california, day)
    assert is_open(federal, day)


def test_explicit_closed_dates_and_shift_into_a_closed_day() -> None:
    hours = BusinessHours.from_periods(
        "Europe/Berlin", ("Fri 22:00-02:00", "Sat 10:00-12:00"), closed_dates=[date(2026, 3, 7)]
    )
    # Friday's shift belongs to Friday and still runs into the closed Saturday.
    assert is_open(hours, berlin(2026, 3, 7, 1, 0))
    assert not is_open(hours, berlin(2026, 3, 7, 10, 30))
    assert next_open(hours, berlin(2026, 3, 7, 3)) == berlin(2026, 3, 13, 22)


def test_friday_saturday_weekend_market() -> None:
    hours = BusinessHours.standard("Asia/Riyadh", country="SA")
    assert sorted({p.weekday for p in hours.periods}) == [0, 1, 2, 3, 6]
    thursday_evening = datetime(2026, 3, 5, 17, tzinfo=RIYADH)
    due = add_business_time(hours, thursday_evening, timedelta(hours=2))
    assert due == datetime(2026, 3, 8, 10, tzinfo=RIYADH)  # Sunday
    assert not is_open(hours, datetime(2026, 3, 6, 10, tzinfo=RIYADH))  # Friday


def test_uae_works_fridays_since_2022() -> None:
    hours = BusinessHours.standard("Asia/Dubai", country="AE")
    assert is_open(hours, datetime(2026, 3, 6, 10, tzinfo=ZoneInfo("Asia/Dubai")))
    assert not is_open(hours, datetime(2026, 3, 7, 10, tzinfo=ZoneInfo("Asia/Dubai")))


def test_sla_across_dst_counts_real_hours() -> None:
    hours = BusinessHours.from_periods("America/New_York", ("Sun 00:00-06:00", "Mon 09:00-17:00"))
    start = datetime(2026, 3, 8, 0, tzinfo=NY)
    # Only 5 real hours on the spring-forward night, then Monday.
    assert add_business_time(hours, start, timedelta(hours=6)) == datetime(
        2026, 3, 9, 10, tzinfo=NY
    )


# --- construction and errors ------------------------------------------------


def test_period_parsing() -> None:
    assert Period.parse("Fri 22:00-02:00") == Period(4, time(22), time(2))
    assert Period.parse("monday 9-17:30") == Period(0, time(9), time(17, 30))
    assert Period.parse("Sun 08:00-24:00").end == time(0)
    assert Period.parse("Fri 22:00-02:00").crosses_midnight
    for bad in ("Someday 09:00-10:00", "Mon 25:00-26:00", "Mon", "09:00-10:00"):
        with pytest.raises(ValueError):
            Period.parse(bad)
    with pytest.raises(ValueError):
        Period(7, time(9), time(10))


def test_business_hours_is_plain_frozen_data() -> None:
    a = BusinessHours.from_periods("Europe/Berlin", ("Mon 09:00-17:00", (1, "09:00", "17:00")))
    b = BusinessHours("Europe/Berlin", (Period(1, time(9), time(17)), Period(0, time(9), time(17))))
    assert a == b and hash(a) == hash(b)
    with pytest.raises(AttributeError):
        a.zone = "UTC"  # type: ignore[misc]
    with pytest.raises(ValueError, match="unknown time zone"):
        BusinessHours("Mars/Base", ())


@pytest.mark.parametrize(
    "call",
    [
        lambda: is_open(OFFICE, datetime(2026, 3, 2, 10)),
        lambda: next_open(OFFICE, datetime(2026, 3, 2, 10)),
        lambda: add_business_time(OFFICE, datetime(2026, 3, 2, 10), timedelta(hours=1)),
        lambda: business_time_between(OFFICE, datetime(2026, 3, 2), berlin(2026, 3, 3)),
        lambda: business_time_between(OFFICE, berlin(2026, 3, 2), datetime(2026, 3, 3)),
    ],
)
def test_naive_datetimes_are_rejected(call: object) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        call()  # type: ignore[operator]


def test_never_open_and_negative_durations() -> None:
    closed = BusinessHours("Europe/Berlin", ())
    with pytest.raises(ValueError, match="never open"):
        next_open(closed, berlin(2026, 3, 2))
    with pytest.raises(ValueError):
        add_business_time(closed, berlin(2026, 3, 2), timedelta(hours=1))
    assert business_time_between(closed, berlin(2026, 3, 2), berlin(2026, 4, 2)) == timedelta(0)
    with pytest.raises(ValueError, match="negative"):
        add_business_time(OFFICE, berlin(2026, 3, 2), timedelta(hours=-1))


def test_holiday_country_and_subdivision_names_are_normalized() -> None:
    hours = BusinessHours.standard(
        "America/Los_Angeles", country="United States", subdivision="California"
    )
    assert (hours.holiday_country, hours.holiday_subdivision) == ("US", "CA")
    assert not is_open(hours, datetime(2026, 3, 31, 10, tzinfo=ZoneInfo("America/Los_Angeles")))
