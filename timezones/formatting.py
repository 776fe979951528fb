"""Locale-aware text for customers and agents (Babel, imported lazily).

``locale`` is a POSIX or BCP 47 identifier ("de_DE", "pt-BR", "zh-Hant-TW");
an unknown or empty one falls back to its language, then to English, and never
raises. Datetimes must be timezone-aware (ValueError otherwise).
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import TYPE_CHECKING

from timezones.wallclock import load_zone, require_aware

if TYPE_CHECKING:
    from babel import Locale

__all__ = [
    "FALLBACK_LOCALE",
    "format_local_date",
    "format_local_datetime",
    "format_local_time",
    "format_money",
    "resolve_locale",
]

FALLBACK_LOCALE = "en"


@lru_cache(maxsize=128)
def _resolve(identifier: str) -> Locale:
    from babel import Locale, UnknownLocaleError

    text = identifier.strip().replace("-", "_").split(".")[0].split("@")[0]
    candidates = [text, text.split("_")[0]] if text else []
    for candidate in [*candidates, FALLBACK_LOCALE]:
        try:
            return Locale.parse(candidate)
        except (UnknownLocaleError, ValueError, TypeError):
            continue
    raise AssertionError("the fallback locale must exist")  # pragma: no cover


def resolve_locale(locale: str | None) -> Locale:
    """The Babel Locale for *locale*, falling back to its language, then English."""
    return _resolve(locale if isinstance(locale, str) else "")


def _local(dt: datetime, zone: str | tzinfo) -> tuple[datetime, tzinfo]:
    require_aware(dt, "dt")
    tz = load_zone(zone)
    return dt.astimezone(tz), tz


def format_local_time(
    dt: datetime, zone: str | tzinfo, locale: str | None = FALLBACK_LOCALE, *, format: str = "short"
) -> str:
    """The wall-clock time of *dt* in *zone*, e.g. "17:12" (de) or "5:12 PM" (en).

    *format* is "short", "medium", "long", "full" or a CLDR pattern.
    """
    from babel.dates import format_time

    local, tz = _local(dt, zone)
    return format_time(local, format=format, tzinfo=tz, locale=resolve_locale(locale))


def format_local_date(
    dt: datetime | date,
    zone: str | tzinfo,
    locale: str | None = FALLBACK_LOCALE,
    *,
    format: str = "medium",
) -> str:
    """The date of *dt* in *zone* (a plain date is formatted as is)."""
    from babel.dates import format_date

    if isinstance(dt, datetime):
        day = _local(dt, zone)[0].date()
    else:
        load_zone(zone)
        day = dt
    return format_date(day, format=format, locale=resolve_locale(locale))


def format_local_datetime(
    dt: datetime,
    zone: str | tzinfo,
    locale: str | None = FALLBACK_LOCALE,
    *,
    format: str = "medium",
) -> str:
    """Date and time of *dt* in *zone*."""
    from babel.dates import format_datetime

    local, tz = _local(dt, zone)
    return format_datetime(local, format=format, tzinfo=tz, locale=resolve_locale(locale))


def format_money(
    amount: Decimal | int | float | str, currency: str, locale: str | None = FALLBACK_LOCALE
) -> str:
    """*amount* of *currency* (ISO 4217) as written in *locale*, e.g. "1.234,50 €".

    Amounts are formatted exactly (no float rounding surprises for str/Decimal);
    the currency's usual number of decimals is used. ValueError for an amount
    that is not a number.
    """
    from babel.numbers import format_currency

    value = _decimal(amount)
    code = currency.strip().upper() if isinstance(currency, str) else ""
    if not code:
        raise ValueError("currency must be an ISO 4217 code such as 'EUR'")
    return format_currency(value, code, locale=resolve_locale(locale))


def _decimal(amount: Decimal | int | float | str) -> Decimal:
    if isinstance(amount, bool):
        raise ValueError("amount must be a number, not a bool")
    try:
        value = Decimal(str(amount)) if isinstance(amount, float | str) else Decimal(amount)
    except (InvalidOperation, TypeError, ValueError) as error:
        raise ValueError(f"amount must be a number, got {amount!r}") from error
    if not value.is_finite():
        raise ValueError(f"amount must be finite, got {amount!r}")
    return value
