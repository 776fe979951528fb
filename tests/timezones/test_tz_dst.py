"""Wall-clock to UTC around DST transitions, half-hour and 45-minute zones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from timezones import BusinessHours, business_time_between, local_facts, next_open
from timezones.wallclock import local_to_utc


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "wall", "expected"),
    [
        # US: 2026-03-08 02:00 EST -> 03:00 EDT; 2026-11-01 02:00 EDT -> 01:00 EST.
        ("America/New_York", datetime(2026, 3, 8, 1, 59), utc(2026, 3, 8, 6, 59)),
        ("America/New_York", datetime(2026, 3, 8, 2, 0), utc(2026, 3, 8, 7, 0)),  # gap
        ("America/New_York", datetime(2026, 3, 8, 2, 30), utc(2026, 3, 8, 7, 0)),  # gap
        ("America/New_York", datetime(2026, 3, 8, 3, 0), utc(2026, 3, 8, 7, 0)),
        ("America/New_York", datetime(2026, 11, 1, 1, 30), utc(2026, 11, 1, 5, 30)),  # first
        ("America/New_York", datetime(2026, 11, 1, 2, 0), utc(2026, 11, 1, 7, 0)),
        ("America/Los_Angeles", datetime(2026, 3, 8, 2, 15), utc(2026, 3, 8, 10, 0)),
        # EU: 2026-03-29 02:00 CET -> 03:00 CEST; 2026-10-25 03:00 CEST -> 02:00 CET.
        ("Europe/Berlin", datetime(2026, 3, 29, 2, 30), utc(2026, 3, 29, 1, 0)),
        ("Europe/Berlin", datetime(2026, 10, 25, 2, 30), utc(2026, 10, 25, 0, 30)),
        ("Europe/London", datetime(2026, 3, 29, 1, 30), utc(2026, 3, 29, 1, 0)),
        ("Europe/London", datetime(2026, 10, 25, 1, 30), utc(2026, 10, 25, 0, 30)),
        # Sydney: DST ends 2026-04-05 03:00 -> 02:00, starts 2026-10-04 02:00 -> 03:00.
        ("Australia/Sydney", datetime(2026, 4, 5, 2, 30), utc(2026, 4, 4, 15, 30)),
        ("Australia/Sydney", datetime(2026, 10, 4, 2, 30), utc(2026, 10, 3, 16, 0)),
        ("Australia/Brisbane", datetime(2026, 10, 4, 2, 30), utc(2026, 10, 3, 16, 30)),
        ("Australia/Adelaide", datetime(2026, 10, 4, 2, 15), utc(2026, 10, 3, 16, 30)),
        # Auckland: ends 2026-04-05 03:00 -> 02:00, starts 2026-09-27 02:00 -> 03:00.
        ("Pacific/Auckland", datetime(2026, 4, 5, 2, 30), utc(2026, 4, 4, 13, 30)),
        ("Pacific/Auckland", datetime(2026, 9, 27, 2, 30), utc(2026, 9, 26, 14, 0)),
        # Chatham (+12:45/+13:45): ends 03:45 -> 02:45, starts 02:45 -> 03:45.
        ("Pacific/Chatham", datetime(2026, 4, 5, 3, 0), utc(2026, 4, 4, 13, 15)),
        ("Pacific/Chatham", datetime(2026, 9, 27, 3, 0), utc(2026, 9, 26, 14, 0)),
        ("Pacific/Chatham", datetime(2026, 9, 27, 3, 45), utc(2026, 9, 26, 14, 0)),
        # No DST, fractional offsets.
        ("Asia/Kathmandu", datetime(2026, 3, 29, 2, 30), utc(2026, 3, 28, 20, 45)),
        ("Asia/Kolkata", datetime(2026, 3, 8, 2, 30), utc(2026, 3, 7, 21, 0)),
        # Lord Howe shifts by 30 minutes: 02:00 -> 02:30 on 2026-10-04.
        ("Australia/Lord_Howe", datetime(2026, 10, 4, 2, 10), utc(2026, 10, 3, 15, 30)),
    ],
)
def test_local_to_utc(zone: str, wall: datetime, expected: datetime) -> None:
    assert local_to_utc(wall, ZoneInfo(zone)) == expected


def test_gap_maps_to_transition_and_round_trips_to_first_valid_time() -> None:
    tz = ZoneInfo("America/New_York")
    instant = local_to_utc(datetime(2026, 3, 8, 2, 45), tz)
    assert instant.astimezone(tz).replace(tzinfo=None) == datetime(2026, 3, 8, 3, 0)
    just_before = local_to_utc(datetime(2026, 3, 8, 1, 59, 59), tz)
    assert instant - just_before == timedelta(seconds=1)


@pytest.mark.parametrize(
    ("zone", "when", "offset"),
    [
        ("Asia/Kathmandu", utc(2026, 6, 1), timedelta(hours=5, minutes=45)),
        ("Asia/Kolkata", utc(2026, 6, 1), timedelta(hours=5, minutes=30)),
        ("Pacific/Chatham", utc(2026, 1, 1), timedelta(hours=13, minutes=45)),
        ("Pacific/Chatham", utc(2026, 7, 1), timedelta(hours=12, minutes=45)),
        ("Australia/Sydney", utc(2026, 1, 1), timedelta(hours=11)),
        ("Australia/Sydney", utc(2026, 7, 1), timedelta(hours=10)),
        ("America/St_Johns", utc(2026, 1, 1), timedelta(hours=-3, minutes=-30)),
        ("Australia/Eucla", utc(2026, 1, 1), timedelta(hours=8, minutes=45)),
        ("America/Sao_Paulo", utc(2026, 1, 1), timedelta(hours=-3)),
    ],
)
def test_local_facts_offsets(zone: str, when: datetime, offset: timedelta) -> None:
    facts = local_facts(zone, when)
    assert facts.utc_offset == offset
    assert facts.local.utcoffset() == offset
    assert facts.local == when


def test_business_hours_keep_wall_clock_across_dst_us() -> None:
    hours = BusinessHours.standard("America/New_York", days=range(7))
    # 09:00 local is 14:00 UTC on Saturday (EST) and 13:00 UTC on Monday (EDT).
    assert next_open(hours, utc(2026, 3, 7, 12)) == utc(2026, 3, 7, 14)
    assert next_open(hours, utc(2026, 3, 9, 12)) == utc(2026, 3, 9, 13)
    assert next_open(hours, utc(2026, 11, 2, 12)) == utc(2026, 11, 2, 14)


def test_business_hours_keep_wall_clock_across_dst_southern_hemisphere() -> None:
    hours = BusinessHours.standard("Australia/Sydney", days=range(7))
    # 2026-04-05: AEDT (+11) -> AEST (+10).
    assert next_open(hours, utc(2026, 4, 3, 12)) == utc(2026, 4, 3, 22)  # Sat 09:00 AEDT
    assert next_open(hours, utc(2026, 4, 5, 12)) == utc(2026, 4, 5, 23)  # Mon 09:00 AEST


def test_chatham_and_kathmandu_business_hours() -> None:
    chatham = BusinessHours.standard("Pacific/Chatham", days=range(7))
    assert next_open(chatham, utc(2026, 1, 9, 12)) == utc(2026, 1, 9, 19, 15)  # 09:00 +13:45
    assert next_open(chatham, utc(2026, 7, 9, 14)) == utc(2026, 7, 9, 20, 15)  # 09:00 +12:45
    assert next_open(chatham, utc(2026, 1, 10, 0)) == utc(2026, 1, 10, 0)  # 13:45 there: open
    kathmandu = BusinessHours.standard("Asia/Kathmandu", days=range(7))
    assert next_open(kathmandu, utc(2026, 7, 10, 0)) == utc(2026, 7, 10, 3, 15)


@pytest.mark.parametrize(
    ("zone", "day", "expected"),
    [
        ("America/New_York", datetime(2026, 3, 8), timedelta(hours=5)),  # spring forward
        ("America/New_York", datetime(2026, 11, 1), timedelta(hours=7)),  # fall back
        ("America/New_York", datetime(2026, 6, 7), timedelta(hours=6)),
        ("Europe/Berlin", datetime(2026, 3, 29), timedelta(hours=5)),
        ("Europe/Berlin", datetime(2026, 10, 25), timedelta(hours=7)),
        ("Australia/Sydney", datetime(2026, 10, 4), timedelta(hours=5)),
        ("Australia/Sydney", datetime(2026, 4, 5), timedelta(hours=7)),
        ("Pacific/Chatham", datetime(2026, 9, 27), timedelta(hours=5)),
        ("Asia/Kathmandu", datetime(2026, 3, 29), timedelta(hours=6)),
    ],
)
def test_night_shift_length_on_transition_days(
    zone: str, day: datetime, expected: timedelta
) -> None:
    """00:00-06:00 wall-clock is 5 h when clocks spring forward and 7 h when they fall back."""
    tz = ZoneInfo(zone)
    hours = BusinessHours.from_periods(zone, [(day.weekday(), "00:00", "06:00")])
    start = day.replace(tzinfo=tz) - timedelta(hours=1)
    end = (day + timedelta(days=1)).replace(tzinfo=tz)
    assert business_time_between(hours, start, end) == expected


def test_period_starting_in_the_gap_starts_at_the_first_valid_instant() -> None:
    hours = BusinessHours.from_periods("America/New_York", ("Sun 02:30-05:00",))
    opening = next_open(hours, utc(2026, 3, 8, 0))
    assert opening == utc(2026, 3, 8, 7)  # 03:00 EDT
    assert business_time_between(hours, utc(2026, 3, 8), utc(2026, 3, 9)) == timedelta(hours=2)


def test_period_in_the_overlap_starts_at_the_first_occurrence() -> None:
    hours = BusinessHours.from_periods("America/New_York", ("Sun 01:30-03:00",))
    assert next_open(hours, utc(2026, 11, 1, 0)) == utc(2026, 11, 1, 5, 30)  # 01:30 EDT
    total = business_time_between(hours, utc(2026, 11, 1), utc(2026, 11, 2))
    assert total == timedelta(hours=2, minutes=30)


def test_period_entirely_inside_a_gap_vanishes() -> None:
    hours = BusinessHours.from_periods("America/New_York", ("Sun 02:10-02:50", "Mon 09:00-10:00"))
    assert next_open(hours, utc(2026, 3, 8, 0)) == utc(2026, 3, 9, 13)
