"""What a phone number says about where its owner lives (``phonenumbers`` data).

``phonenumbers`` is imported lazily: it is only needed when a phone is given.
"""

from __future__ import annotations

from dataclasses import dataclass

from timezones.countries import country_zones, known_countries, same_clock
from timezones.wallclock import is_valid_zone

__all__ = ["PhoneEvidence", "phone_evidence"]

_UNKNOWN_ZONE = "Etc/Unknown"


@dataclass(frozen=True)
class PhoneEvidence:
    """The country a number belongs to and the zones its prefix covers."""

    country: str | None
    zones: tuple[str, ...]
    valid: bool


def phone_evidence(phone: object, default_country: str | None = None) -> PhoneEvidence | None:
    """Parse *phone* (national numbers use *default_country*); None if unusable."""
    if not isinstance(phone, str) or not phone.strip():
        return None
    import phonenumbers
    from phonenumbers import timezone as phone_zones

    text = phone.strip()
    if text.startswith("00") and default_country is None:
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, default_country)
    except phonenumbers.NumberParseException:
        return None
    region = phonenumbers.region_code_for_number(number)
    country = region if region in known_countries() else None
    valid = phonenumbers.is_valid_number(number)
    zones: tuple[str, ...] = ()
    if valid:
        zones = tuple(phone_zones.time_zones_for_number(number))
    if (not zones or _UNKNOWN_ZONE in zones) and phonenumbers.is_possible_number(number):
        zones = tuple(phone_zones.time_zones_for_geographical_number(number))
    usable = [z for z in zones if z != _UNKNOWN_ZONE and is_valid_zone(z)]
    if country is None and not valid:
        return None
    return PhoneEvidence(country, _rank(usable, country), valid)


def _rank(zones: list[str], country: str | None) -> tuple[str, ...]:
    """Zones of the number's own country only (shared codes like +7 list others), best first."""
    if country is None:
        return tuple(zones)
    order = country_zones(country)
    own: list[str] = []
    for zone in zones:  # old link names ("Asia/Calcutta") -> the country's own name
        match = zone if zone in order else next((z for z in order if same_clock(z, zone)), None)
        if match is not None and match not in own:
            own.append(match)
    if not own:
        return tuple(zones)
    return tuple(sorted(own, key=order.index))
