"""Formatting for customers: Babel with a safe locale fallback."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from timezones import format_local_date, format_local_datetime, format_local_time, format_money

AT = datetime(2026, 3, 3, 17, 12, tzinfo=UTC)


def plain(text: str) -> str:
    """Babel uses (narrow) no-break spaces; compare with plain ones."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


@pytest.mark.parametrize(
    ("zone", "locale", "expected"),
    [
        ("America/New_York", "en", "12:12 PM"),
        ("America/New_York", "de", "12:12"),
        ("Asia/Kathmandu", "en_US", "10:57 PM"),
        ("Asia/Kolkata", "fr_FR", "22:42"),
        ("Pacific/Chatham", "de-DE", "06:57"),
        ("Australia/Sydney", "en-AU", "4:12 am"),
    ],
)
def test_format_local_time(zone: str, locale: str, expected: str) -> None:
    assert plain(format_local_time(AT, zone, locale)) == expected


@pytest.mark.parametrize("bad", ["xx", "", "klingon_QO", "zz-ZZ", None])
def test_unknown_locale_falls_back_to_english(bad: str | None) -> None:
    assert format_local_time(AT, "Europe/Paris", bad) == format_local_time(AT, "Europe/Paris", "en")
    assert format_money(5, "EUR", bad) == format_money(5, "EUR", "en")


def test_unknown_region_keeps_the_language() -> None:
    assert format_local_date(AT, "Europe/Paris", "de_XX") == format_local_date(
        AT, "Europe/Paris", "de"
    )


def test_format_local_date_uses_the_customer_date() -> None:
    late = datetime(2026, 3, 3, 23, 30, tzinfo=UTC)
    assert format_local_date(late, "Asia/Tokyo", "en") == "Mar 4, 2026"
    assert format_local_date(late, "America/Los_Angeles", "en") == "Mar 3, 2026"
    assert format_local_date(late, "Asia/Tokyo", "pt-BR") == "4 de mar. de 2026"
    assert format_local_date(date(2026, 3, 3), "Asia/Tokyo", "en") == "Mar 3, 2026"
    assert "2026" in format_local_datetime(late, "Asia/Tokyo", "ja")


@pytest.mark.parametrize(
    ("amount", "currency", "locale", "expected"),
    [
        (Decimal("1234.5"), "EUR", "de_DE", "1.234,50 €"),
        ("1234.5", "eur", "fr", "1 234,50 €"),
        (1234, "JPY", "ja_JP", "￥1,234"),
        (1234.5, "USD", "en_US", "$1,234.50"),
        ("0.1", "USD", "en", "$0.10"),
        (Decimal("-3"), "GBP", "en_GB", "-£3.00"),
        ("1999.99", "BRL", "pt-BR", "R$ 1.999,99"),
    ],
)
def test_format_money(amount: object, currency: str, locale: str, expected: str) -> None:
    assert plain(format_money(amount, currency, locale)) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["abc", "", None, float("nan"), True])
def test_format_money_rejects_non_numbers(bad: object) -> None:
    with pytest.raises(ValueError):
        format_money(bad, "EUR", "en")  # type: ignore[arg-type]


def test_naive_datetimes_and_unknown_zones_are_errors() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        format_local_time(datetime(2026, 3, 3, 12), "Europe/Paris", "en")
    with pytest.raises(ValueError, match="unknown time zone"):
        format_local_time(AT, "Nowhere/Land", "en")
