"""Weekends and public holidays per country (and subdivision).

Weekdays are numbered like :meth:`datetime.date.weekday`: Monday 0 ... Sunday 6.
The ``holidays`` package is imported lazily (it takes ~0.1 s to import).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from timezones.countries import normalize_country

__all__ = [
    "DEFAULT_WEEKEND",
    "SUBDIVISION_WEEKENDS",
    "WEEKENDS",
    "holiday_name",
    "is_holiday",
    "weekend_days",
]

FRI_SAT = frozenset({4, 5})
THU_FRI = frozenset({3, 4})
DEFAULT_WEEKEND = frozenset({5, 6})

#: Countries whose weekend is not Saturday-Sunday (national practice for
#: offices and most businesses; a market with other hours should pass its own
#: BusinessHours). The UAE moved to Saturday-Sunday in 2022 and uses the default.
WEEKENDS: dict[str, frozenset[int]] = {
    "AF": THU_FRI,  # Afghanistan
    "BD": FRI_SAT,  # Bangladesh
    "BH": FRI_SAT,  # Bahrain
    "BN": frozenset({4, 6}),  # Brunei: Friday and Sunday
    "DZ": FRI_SAT,  # Algeria (since 2009)
    "EG": FRI_SAT,  # Egypt
    "IL": FRI_SAT,  # Israel (Friday is short; Saturday is Shabbat)
    "IQ": FRI_SAT,  # Iraq
    "IR": THU_FRI,  # Iran (Friday, Thursday for offices)
    "JO": FRI_SAT,  # Jordan
    "KW": FRI_SAT,  # Kuwait
    "LY": FRI_SAT,  # Libya
    "MV": FRI_SAT,  # Maldives
    "NP": frozenset({5}),  # Nepal: Saturday only
    "OM": FRI_SAT,  # Oman
    "PS": FRI_SAT,  # Palestine
    "QA": FRI_SAT,  # Qatar
    "SA": FRI_SAT,  # Saudi Arabia (since 2013)
    "SD": FRI_SAT,  # Sudan
    "SY": FRI_SAT,  # Syria
    "YE": FRI_SAT,  # Yemen (since 2013)
}

#: Subdivisions that differ from their country: Malaysian states keeping a
#: Friday-Saturday weekend (Kedah, Kelantan, Terengganu) and Sharjah's
#: Friday-to-Sunday weekend. Keys are ``(country, ISO 3166-2 code)``.
SUBDIVISION_WEEKENDS: dict[tuple[str, str], frozenset[int]] = {
    ("MY", "02"): FRI_SAT,
    ("MY", "KDH"): FRI_SAT,
    ("MY", "03"): FRI_SAT,
    ("MY", "KTN"): FRI_SAT,
    ("MY", "11"): FRI_SAT,
    ("MY", "TRG"): FRI_SAT,
    ("AE", "SH"): frozenset({4, 5, 6}),
}

_SUBDIVISION_ALIASES: dict[tuple[str, str], str] = {
    ("MY", "KEDAH"): "02",
    ("MY", "KELANTAN"): "03",
    ("MY", "TERENGGANU"): "11",
    ("AE", "SHARJAH"): "SH",
}


def _subdivision_key(country: str, subdivision: str | None) -> str | None:
    if not isinstance(subdivision, str) or not subdivision.strip():
        return None
    code = subdivision.strip().upper()
    if code.startswith(f"{country}-"):
        code = code[len(country) + 1 :]
    return _SUBDIVISION_ALIASES.get((country, code), code)


def weekend_days(country: str | None = None, subdivision: str | None = None) -> frozenset[int]:
    """The weekdays (Mon=0) that are the weekend in *country*/*subdivision*."""
    code = normalize_country(country) if isinstance(country, str) else None
    if code is None:
        return DEFAULT_WEEKEND
    sub = _subdivision_key(code, subdivision)
    if sub is not None and (code, sub) in SUBDIVISION_WEEKENDS:
        return SUBDIVISION_WEEKENDS[(code, sub)]
    return WEEKENDS.get(code, DEFAULT_WEEKEND)


@lru_cache(maxsize=256)
def _calendar(country: str, subdivision: str | None, year: int) -> Any:
    """A ``holidays`` calendar (English names when available), or None."""
    try:
        import holidays
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    try:
        cls = holidays.country_holidays(country).__class__
    except (NotImplementedError, KeyError, AttributeError, ValueError):
        return None
    languages = tuple(getattr(cls, "supported_languages", ()) or ())
    language = next((lang for lang in ("en_US", "en_GB", "en") if lang in languages), None)
    for sub in (subdivision, None) if subdivision else (None,):
        try:
            return holidays.country_holidays(
                country, subdiv=sub, years=year, language=language
            )
        except (NotImplementedError, KeyError, ValueError):
            continue
    return None


def holiday_name(
    day: date, country: str | None, subdivision: str | None = None
) -> str | None:
    """Name of the public holiday on *day* in *country*/*subdivision*, or None.

    Unknown countries, or subdivisions the ``holidays`` package does not know
    (the country's national holidays are used then), never raise.
    """
    code = normalize_country(country) if isinstance(country, str) else None
    if code is None:
        return None
    calendar = _calendar(code, _subdivision_key(code, subdivision), day.year)
    if calendar is None:
        return None
    name = calendar.get(day)
    return str(name) if name else None


def is_holiday(day: date, country: str | None, subdivision: str | None = None) -> bool:
    """True when *day* is a public holiday in *country*/*subdivision*."""
    return holiday_name(day, country, subdivision) is not None
