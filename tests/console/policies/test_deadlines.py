"""Deadline maths across time zones, month ends, weekends and holidays."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from console.policies.deadlines import add_months, period_end


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 1, 15), 1, date(2026, 2, 15)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 12, 31), 2, date(2027, 2, 28)),
    ],
)
def test_months_end_on_the_same_date_or_the_month_end(
    start: date, months: int, expected: date
) -> None:
    assert add_months(start, months) == expected


def test_gdpr_month_from_the_31st_of_january_ends_on_the_last_day_of_february() -> None:
    deadline = period_end(at(2026, 1, 31, 10), 1, "months", "Europe/Berlin")
    assert deadline.last_day == date(2026, 2, 28)
    # the end of that day in Berlin (UTC+1)
    assert deadline.ends_at == at(2026, 2, 28, 22, 59, 59)


def test_the_local_date_decides_the_start_not_utc() -> None:
    # 23:30 UTC on 11 Dec is already 12 Dec in Berlin but still 11 Dec in Los Angeles
    event = at(2026, 12, 11, 23, 30)
    assert period_end(event, 14, "days", "Europe/Berlin").last_day == date(2026, 12, 26)
    assert period_end(event, 14, "days", "America/Los_Angeles").last_day == date(2026, 12, 25)
    # Tokyo (UTC+9): 12 Dec 08:30 local
    assert period_end(event, 8, "days", "Asia/Tokyo").last_day == date(2026, 12, 20)


def test_withdrawal_ending_on_a_holiday_and_weekend_runs_to_the_next_working_day() -> None:
    # 12 Dec + 14 = Sat 26 Dec (2nd Christmas day) -> Sun 27 -> Mon 28 Dec
    deadline = period_end(
        at(2026, 12, 11, 23, 30), 14, "days", "Europe/Berlin", country="DE", roll=True
    )
    assert deadline.last_day == date(2026, 12, 28)
    assert deadline.ends_at == at(2026, 12, 28, 22, 59, 59)


def test_friday_saturday_weekend_counts_for_business_days_in_the_gulf() -> None:
    # AE weekend is Saturday-Sunday since 2022; SA is Friday-Saturday
    # Thursday 3 Dec 2026 + 3 business days in Saudi Arabia: Sun 6, Mon 7, Tue 8
    deadline = period_end(at(2026, 12, 3, 9), 3, "business_days", "Asia/Riyadh", country="SA")
    assert deadline.last_day == date(2026, 12, 8)


def test_business_days_skip_weekend_and_holidays() -> None:
    # Mexico, 5 business days from Thu 24 Dec 2026: Fri 25 is Christmas ->
    # Mon 28, Tue 29, Wed 30, Thu 31, Fri 1 Jan is a holiday -> Mon 4 Jan
    deadline = period_end(
        at(2026, 12, 24, 18), 5, "business_days", "America/Mexico_City", country="MX"
    )
    assert deadline.last_day == date(2027, 1, 4)


def test_hours_run_from_the_exact_instant_across_a_dst_change() -> None:
    # 72 hours from Saturday 24 Oct 2026 12:00 UTC, across the end of summer time in Europe
    deadline = period_end(at(2026, 10, 24, 12), 72, "hours", "Europe/Paris")
    assert deadline.ends_at == at(2026, 10, 27, 12)
    assert deadline.last_day == date(2026, 10, 27)


def test_days_left_uses_the_customer_s_local_date() -> None:
    deadline = period_end(at(2026, 12, 1, 12), 14, "days", "Pacific/Auckland")
    # 1 Dec 12:00 UTC is 2 Dec 01:00 in Auckland: last day 16 Dec
    assert deadline.last_day == date(2026, 12, 16)
    # 15 Dec 12:00 UTC is already 16 Dec in Auckland
    assert deadline.days_left(at(2026, 12, 15, 12)) == 0
    assert deadline.days_left(at(2026, 12, 14, 10)) == 2  # 23:00 on 14 Dec there
    assert deadline.days_left(at(2026, 12, 14, 12)) == 1  # 01:00 on 15 Dec there
    assert not deadline.is_past(at(2026, 12, 16, 10, 59))
    assert deadline.is_past(at(2026, 12, 16, 11))


def test_zero_days_means_the_same_local_day() -> None:
    deadline = period_end(at(2026, 12, 1, 2), 0, "days", "America/Sao_Paulo")
    assert deadline.last_day == date(2026, 11, 30)


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError):
        period_end(datetime(2026, 1, 1), 1, "days", "UTC")  # naive
    with pytest.raises(ValueError):
        period_end(at(2026, 1, 1), 1, "weeks", "UTC")
    with pytest.raises(ValueError):
        period_end(at(2026, 1, 1), -1, "days", "UTC")
