"""local_facts: night, weekend, holidays and the next good time to contact."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from timezones import BusinessHours, holiday_name, local_facts, weekend_days

NY = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("wall", "night"),
    [
        ((21, 59), False),
        ((22, 0), True),
        ((0, 0), True),
        ((6, 59), True),
        ((7, 0), False),
        ((12, 0), False),
    ],
)
def test_is_night_boundaries(wall: tuple[int, int], night: bool) -> None:
    at = datetime(2026, 3, 3, *wall, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert local_facts("Asia/Tokyo", at).is_night is night


def test_is_night_uses_the_customer_zone_not_the_agent_zone() -> None:
    at = datetime(2026, 3, 3, 15, tzinfo=UTC)  # afternoon in London, midnight in Tokyo
    assert local_facts("Asia/Tokyo", at).is_night
    assert not local_facts("Europe/London", at).is_night
    assert local_facts("Asia/Tokyo", at).local.hour == 0


@pytest.mark.parametrize(
    ("country", "subdivision", "weekend"),
    [
        (None, None, {5, 6}),
        ("DE", None, {5, 6}),
        ("SA", None, {4, 5}),
        ("EG", None, {4, 5}),
        ("IL", None, {4, 5}),
        ("AE", None, {5, 6}),
        ("IR", None, {3, 4}),
        ("NP", None, {5}),
        ("MY", None, {5, 6}),
        ("MY", "KDH", {4, 5}),
        ("MY", "MY-03", {4, 5}),
        ("AE", "SH", {4, 5, 6}),
        ("ZZ", None, {5, 6}),
        ("Saudi Arabia", None, {4, 5}),
    ],
)
def test_weekend_days(country: str | None, subdivision: str | None, weekend: set[int]) -> None:
    assert weekend_days(country, subdivision) == weekend


def test_is_weekend_follows_the_country() -> None:
    friday = datetime(2026, 3, 6, 12, tzinfo=UTC)
    assert local_facts("Asia/Riyadh", friday, country="SA").is_weekend
    assert not local_facts("Asia/Dubai", friday, country="AE").is_weekend
    assert local_facts("Asia/Jerusalem", friday, country="IL").is_weekend
    assert not local_facts("Europe/Paris", friday, country="FR").is_weekend
    sunday = datetime(2026, 3, 8, 12, tzinfo=UTC)
    assert not local_facts("Asia/Riyadh", sunday, country="SA").is_weekend
    assert local_facts("Europe/Paris", sunday).is_weekend


def test_weekend_is_judged_on_the_local_date() -> None:
    # Friday 23:30 UTC is already Saturday morning in Auckland.
    at = datetime(2026, 3, 6, 23, 30, tzinfo=UTC)
    assert local_facts("Pacific/Auckland", at, country="NZ").is_weekend
    assert not local_facts("America/Chicago", at, country="US").is_weekend


@pytest.mark.parametrize(
    ("zone", "country", "subdivision", "at", "holiday"),
    [
        ("America/New_York", "US", None, datetime(2026, 7, 4, 15, tzinfo=UTC), "Independence Day"),
        ("America/New_York", "US", None, datetime(2026, 7, 5, 15, tzinfo=UTC), None),
        ("Europe/Berlin", "DE", None, datetime(2026, 12, 25, 12, tzinfo=UTC), "Christmas Day"),
        (
            "America/Los_Angeles",
            "US",
            "CA",
            datetime(2026, 3, 31, 18, tzinfo=UTC),
            "Cesar Chavez Day",
        ),
        (
            "America/Los_Angeles",
            "US",
            "California",
            datetime(2026, 3, 31, 18, tzinfo=UTC),
            "Cesar Chavez Day",
        ),
        ("America/Los_Angeles", "US", None, datetime(2026, 3, 31, 18, tzinfo=UTC), None),
        # 1 January starts in Auckland while it is still 31 December in UTC.
        ("Pacific/Auckland", "NZ", None, datetime(2025, 12, 31, 12, tzinfo=UTC), "New Year's Day"),
        ("Europe/Paris", "ZZ", None, datetime(2026, 12, 25, 12, tzinfo=UTC), None),
        ("Europe/Paris", None, None, datetime(2026, 12, 25, 12, tzinfo=UTC), None),
    ],
)
def test_holidays(
    zone: str, country: str | None, subdivision: str | None, at: datetime, holiday: str | None
) -> None:
    facts = local_facts(zone, at, country=country, subdivision=subdivision)
    if holiday is None:
        assert facts.holiday is None
    else:
        assert facts.holiday is not None and holiday in facts.holiday


def test_unknown_subdivision_falls_back_to_national_holidays() -> None:
    at = datetime(2026, 7, 4, 15, tzinfo=UTC)
    facts = local_facts("America/New_York", at, country="US", subdivision="Atlantis")
    assert facts.holiday is not None and "Independence" in facts.holiday
    assert holiday_name(at.date(), "XX") is None


def u(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "country", "at", "good"),
    [
        # Friday 19:00 in New York -> Monday 09:00 EST.
        ("America/New_York", "US", datetime(2026, 3, 6, 19, tzinfo=NY), u(2026, 3, 9, 13)),
        # Inside business hours: now.
        ("America/New_York", "US", datetime(2026, 3, 4, 10, tzinfo=NY), u(2026, 3, 4, 15)),
        # Labor Day Monday 2026-09-07 -> Tuesday 09:00 EDT.
        ("America/New_York", "US", datetime(2026, 9, 7, 10, tzinfo=NY), u(2026, 9, 8, 13)),
        # Thursday 18:30 in Riyadh -> Sunday 09:00 (+03).
        ("Asia/Riyadh", "SA", u(2026, 3, 5, 15, 30), u(2026, 3, 8, 6)),
        # Kathmandu (Saturday-only weekend): Saturday -> Sunday 09:00 (+05:45).
        ("Asia/Kathmandu", "NP", u(2026, 3, 14, 6), u(2026, 3, 15, 3, 15)),
        # ... unless that Sunday is a public holiday (Women's Day, 8 March, in Nepal).
        ("Asia/Kathmandu", "NP", u(2026, 3, 7, 6), u(2026, 3, 9, 3, 15)),
        # Chatham, before 09:00 local (+13:45) on Monday 2026-03-02.
        ("Pacific/Chatham", "NZ", u(2026, 3, 1, 17), u(2026, 3, 1, 19, 15)),
    ],
)
def test_next_good_time(zone: str, country: str, at: datetime, good: datetime) -> None:
    facts = local_facts(zone, at, country=country)
    assert facts.next_good_time == good
    assert facts.next_good_time is not None and facts.next_good_time.tzinfo is UTC
    assert facts.is_business_hours is (good == at)


def test_custom_hours_drive_next_good_time() -> None:
    support = BusinessHours.from_periods("Europe/Berlin", ("Sat 10:00-14:00",))
    at = datetime(2026, 3, 4, 12, tzinfo=UTC)
    facts = local_facts("America/New_York", at, country="US", hours=support)
    assert facts.next_good_time == datetime(2026, 3, 7, 9, tzinfo=UTC)
    never = BusinessHours("Europe/Berlin")
    assert local_facts("Europe/Berlin", at, hours=never).next_good_time is None


def test_local_fields_and_aliases() -> None:
    at = datetime(2026, 3, 3, 17, 12, tzinfo=UTC)
    facts = local_facts(ZoneInfo("Asia/Kolkata"), at)
    assert facts.zone == "Asia/Kolkata"
    assert facts.local.replace(tzinfo=None) == datetime(2026, 3, 3, 22, 42)
    assert facts.local_time == facts.local_datetime == facts.local == at
    assert facts.utc_offset == timedelta(hours=5, minutes=30)


def test_errors() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        local_facts("Europe/Paris", datetime(2026, 3, 3, 12))
    with pytest.raises(ValueError, match="unknown time zone"):
        local_facts("Mars/Olympus", datetime(2026, 3, 3, 12, tzinfo=UTC))
