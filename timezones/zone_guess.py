"""Guess a customer's time zone from whatever a ticket tells us.

Evidence, strongest first: an explicit zone > city > region > phone number >
the offset of an e-mail ``Date`` header (with the country) > the country.
When the strongest evidence leaves several clocks possible (a state split
between two zones, a mobile number valid country-wide), the ``Date`` header
offset is used to narrow them down. :func:`customer_zone` never raises.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum
from functools import lru_cache
from typing import Literal

from timezones.countries import (
    country_of_zone,
    country_zones,
    known_countries,
    main_zone,
    normalize_country,
    zone_groups,
)
from timezones.phones import phone_evidence
from timezones.regions import Place, find_city, find_region
from timezones.wallclock import is_valid_zone

__all__ = [
    "MINOR_ZONES",
    "SourceName",
    "ZoneGuess",
    "ZoneSource",
    "customer_zone",
    "parse_date_header",
]

_log = logging.getLogger(__name__)

#: Zones that do not make their country "multi-zone" for a country-only guess:
#: Xinjiang's unofficial local time (official time is Beijing's everywhere in
#: China) and occupied Crimea (Ukraine's official time is Kyiv's).
MINOR_ZONES: frozenset[tuple[str, str]] = frozenset(
    {("CN", "Asia/Urumqi"), ("UA", "Europe/Simferopol")}
)

#: Zones preferred when only an offset is known (no country), most people first.
_OFFSET_PREFERENCE: tuple[str, ...] = (
    "Asia/Kolkata", "Asia/Tehran", "Asia/Kabul", "Asia/Kathmandu", "Asia/Yangon",
    "America/St_Johns", "Australia/Adelaide", "Australia/Darwin", "America/Caracas",
    "Pacific/Chatham", "Pacific/Marquesas", "Australia/Eucla", "Australia/Lord_Howe",
    "Asia/Colombo",
)


class ZoneSource(StrEnum):
    """Which evidence decided a :class:`ZoneGuess` (compares equal to its str value)."""

    EXPLICIT = "explicit"
    CITY = "city"
    REGION = "region"
    PHONE = "phone"
    DATE_HEADER = "date_header"
    COUNTRY = "country"
    NONE = "none"


SourceName = Literal["explicit", "city", "region", "phone", "date_header", "country", "none"]


@dataclass(frozen=True)
class ZoneGuess:
    """A best guess of a customer's zone.

    ``zone`` is an IANA name or None; ``certain`` is False when other clocks are
    plausible (listed in ``alternatives``) or the evidence conflicts;
    ``country`` is the ISO country the guess is about, when known.
    """

    zone: str | None
    source: ZoneSource | SourceName = ZoneSource.NONE
    certain: bool = False
    alternatives: tuple[str, ...] = ()
    country: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.source, ZoneSource):
            object.__setattr__(self, "source", ZoneSource(self.source))
        # A caller may hand a list; tuple() of a tuple is the same tuple.
        object.__setattr__(self, "alternatives", tuple(self.alternatives))


NO_GUESS = ZoneGuess(zone=None, source=ZoneSource.NONE, certain=False, alternatives=())


def customer_zone(
    *,
    explicit: str | tzinfo | None = None,
    country: str | None = None,
    region: str | None = None,
    city: str | None = None,
    phone: str | None = None,
    date_header: str | datetime | None = None,
) -> ZoneGuess:
    """Best guess of a customer's zone from the evidence given (see module doc)."""
    try:
        return _guess(explicit, country, region, city, phone, date_header)
    except Exception:  # never let bad ticket data break the console
        _log.exception("customer_zone failed; returning no guess")
        return NO_GUESS


def _guess(
    explicit: object,
    country: object,
    region: object,
    city: object,
    phone: object,
    date_header: object,
) -> ZoneGuess:
    explicit_zone = _canonical_zone(explicit)
    code = normalize_country(country) if isinstance(country, str) else None
    if explicit_zone is not None:
        return ZoneGuess(
            explicit_zone, ZoneSource.EXPLICIT, True, (), country_of_zone(explicit_zone) or code
        )
    sent = parse_date_header(date_header)
    region_text = region if isinstance(region, str) else None
    city_text = city if isinstance(city, str) else None

    region_places, region_country = find_region(region_text, code)
    if not region_places and region_text:  # a city typed into the region field
        region_places = find_city(region_text, code or region_country)
    phone_info = phone_evidence(phone, code or region_country or _single_country(region_places))
    phone_country = phone_info.country if phone_info else None
    if code is None and region_country is None and phone_country is not None:
        same_country = [p for p in region_places if p.country == phone_country]
        region_places = same_country or region_places
    hint = code or region_country or phone_country
    subdivision = _single_code(region_places)
    city_places = find_city(city_text, hint or _single_country(region_places), subdivision)
    if city_places:
        return _from_places(city_places, ZoneSource.CITY, sent)
    if region_places:
        return _from_places(region_places, ZoneSource.REGION, sent)
    if phone_info is not None and phone_info.zones:
        return _from_zones(list(phone_info.zones), ZoneSource.PHONE, sent, phone_country)
    country_code = code or region_country or (
        phone_country if phone_info is not None and phone_info.valid else None
    )
    if country_code is not None:
        by_header = _from_header_in_country(country_code, sent)
        if by_header is not None:
            return by_header
        source = ZoneSource.COUNTRY if code or region_country else ZoneSource.PHONE
        return _from_country(country_code, source, conflict=sent is not None)
    if sent is not None:
        return _from_offset_only(sent)
    return NO_GUESS


@lru_cache(maxsize=1)
def _zones_by_folded_name() -> dict[str, str]:
    import zoneinfo

    return {name.casefold(): name for name in zoneinfo.available_timezones()}


_NOT_CUSTOMER_ZONES = frozenset({"localtime", "posixrules", "Factory"})


def _canonical_zone(value: object) -> str | None:
    """The IANA name for *value* (case-insensitive), or None if it is not one."""
    key = getattr(value, "key", None)  # a ZoneInfo
    if isinstance(value, tzinfo) and isinstance(key, str):
        value = key
    if not isinstance(value, str):
        return None
    text = value.strip().replace(" ", "_")
    if not text or len(text) > 64 or text in _NOT_CUSTOMER_ZONES:
        return None
    if text.startswith(("posix/", "right/")):  # "right/" zones count leap seconds
        return None
    listed = _zones_by_folded_name().get(text.casefold())
    if listed is not None:
        return listed
    return text if is_valid_zone(text) else None


def parse_date_header(value: object) -> datetime | None:
    """The aware datetime of an RFC 2822 Date header (or ISO 8601), else None."""
    if isinstance(value, datetime):
        return value if value.utcoffset() is not None else None
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if len(text) > 200:
        return None
    if text[:5].casefold() == "date:":
        text = text[5:].strip()
    from email.utils import parsedate_to_datetime

    parsed: datetime | None
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            return None
    if parsed is None or parsed.tzinfo is None or parsed.utcoffset() is None:
        return None  # "-0000" means "offset unknown"
    return parsed


def _offset_matches(zone: str, sent: datetime) -> bool:
    from timezones.wallclock import load_zone

    return sent.astimezone(load_zone(zone)).utcoffset() == sent.utcoffset()


def _single_code(places: Sequence[Place]) -> str | None:
    codes = {p.code for p in places}
    return codes.pop() if len(codes) == 1 and places and places[0].code else None


def _single_country(places: Sequence[Place]) -> str | None:
    countries = {p.country for p in places}
    return countries.pop() if len(countries) == 1 else None


def _from_places(places: Sequence[Place], source: ZoneSource, sent: datetime | None) -> ZoneGuess:
    zones: list[str] = []
    for place in places:
        zones += [z for z in place.zones if z not in zones]
    return _from_zones(zones, source, sent, _single_country(places))


def _from_zones(
    zones: list[str], source: ZoneSource, sent: datetime | None, country: str | None
) -> ZoneGuess:
    """Guess among candidate *zones* (best first), narrowed by the header offset."""
    groups = list(zone_groups(zones))
    if not groups:
        return NO_GUESS
    if len(groups) > 1 and sent is not None:
        matching = _matching_groups(groups, sent)
        if matching and len(matching) < len(groups):
            groups, source = matching, ZoneSource.DATE_HEADER
    chosen = groups[0][0]
    alternatives = tuple(g[0] for g in groups[1:])
    owner = country or country_of_zone(chosen)
    return ZoneGuess(chosen, source, len(groups) == 1, alternatives, owner)


def _matching_groups(
    groups: Sequence[tuple[str, ...]], sent: datetime
) -> list[tuple[str, ...]]:
    """Groups with a zone whose offset at *sent* is the header's; that zone first."""
    matching: list[tuple[str, ...]] = []
    for group in groups:
        hits = [z for z in group if _offset_matches(z, sent)]
        if hits:
            matching.append((*hits, *(z for z in group if z not in hits)))
    return matching


def _clock_groups(country: str) -> list[tuple[str, ...]]:
    zones = [z for z in country_zones(country) if (country, z) not in MINOR_ZONES]
    return list(zone_groups(zones))


def _from_header_in_country(country: str, sent: datetime | None) -> ZoneGuess | None:
    if sent is None:
        return None
    matching = _matching_groups(zone_groups(country_zones(country)), sent)
    if not matching:
        return None
    main = main_zone(country)
    matching.sort(key=lambda g: main not in g)  # the main zone's clock first when it matches
    chosen = matching[0][0]  # a zone that matches; the main zone itself when it does
    alternatives = tuple(g[0] for g in matching[1:])
    return ZoneGuess(chosen, ZoneSource.DATE_HEADER, len(matching) == 1, alternatives, country)


def _from_country(country: str, source: ZoneSource, *, conflict: bool) -> ZoneGuess:
    main = main_zone(country)
    if main is None:
        return NO_GUESS
    groups = _clock_groups(country) or [(main,)]
    alternatives = tuple(g[0] for g in groups if main not in g)
    certain = len(groups) == 1 and not conflict
    return ZoneGuess(main, source, certain, alternatives, country)


def _from_offset_only(sent: datetime) -> ZoneGuess:
    offset = sent.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if minutes % 60 == 0 and -12 <= minutes // 60 <= 14:
        hours = minutes // 60
        name = "Etc/UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"
        return ZoneGuess(name, ZoneSource.DATE_HEADER, False, ())
    candidates = [
        zone
        for country in sorted(known_countries())
        for zone in country_zones(country)
        if _offset_matches(zone, sent)
    ]
    ranked = [z for z in _OFFSET_PREFERENCE if z in candidates]
    ranked += [z for z in candidates if z not in ranked]
    groups = zone_groups(ranked)
    if not groups or not is_valid_zone(groups[0][0]):
        return NO_GUESS
    alternatives = tuple(g[0] for g in groups[1:])
    return ZoneGuess(groups[0][0], ZoneSource.DATE_HEADER, False, alternatives)
