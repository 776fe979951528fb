"""Look up subdivisions and cities (tables in region_data / city_data) by code or name."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from timezones.city_data import CITIES, WORLD_CITIES, CityEntry
from timezones.countries import country_zones, known_countries, normalize_country, normalize_key
from timezones.region_data import (
    PRIORITY_COUNTRIES,
    SUBDIVISIONS,
    US_ABBREVIATIONS,
    RegionEntry,
)
from timezones.wallclock import is_valid_zone

__all__ = ["Place", "find_city", "find_region", "subdivision_code"]


@dataclass(frozen=True)
class Place:
    """A subdivision or city and the zone(s) its people use."""

    country: str
    code: str
    zone: str
    alternatives: tuple[str, ...] = ()
    derived: bool = False  # found through a tz zone name rather than a curated table

    @property
    def zones(self) -> tuple[str, ...]:
        return (self.zone, *self.alternatives)


_GENERIC_WORDS = frozenset(
    {
        "state", "province", "provincia", "prov", "estado", "oblast", "obl", "krai", "kray",
        "region", "regiao", "republic", "autonomous", "okrug", "ao", "territory", "federal",
        "district", "city", "the", "of", "de", "do", "da", "dos", "das", "del", "la", "el",
        "los", "las", "y", "e", "and", "islands", "island", "isla", "islas", "ilhas", "ilha",
        "iles", "ile", "department", "departement", "область", "обл", "край", "республика",
        "респ", "автономный", "автономная", "округ", "г", "город",
    }
)
_SYNONYMS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_PREFIXED_CODE = re.compile(r"^\s*([A-Za-z]{2})\s*[-_]\s*([A-Za-z0-9]{1,4})\s*$")


def _loose(key: str) -> str:
    words = [_SYNONYMS.get(word, word) for word in key.split()]
    return " ".join(word for word in words if word not in _GENERIC_WORDS)


def _code_key(text: str) -> str:
    return normalize_key(text).replace(" ", "").upper()


def _valid_place(country: str, code: str, zone: str, alternatives: Iterable[str]) -> Place | None:
    zones = [z for z in (zone, *alternatives) if is_valid_zone(z)]
    if not zones:  # an older tz database may lack a new zone: fall back to the country's
        fallback = country_zones(country)
        zones = list(fallback[:1])
    if not zones:
        return None
    return Place(country, code, zones[0], tuple(zones[1:]))


class _Index:
    def __init__(self) -> None:
        self.codes: dict[str, dict[str, list[Place]]] = {}
        self.names: dict[str, dict[str, list[Place]]] = {}
        self.loose: dict[str, dict[str, list[Place]]] = {}

    def add(self, country: str, place: Place, codes: Iterable[str], names: Iterable[str]) -> None:
        for code in codes:
            if code:
                self.codes.setdefault(country, {}).setdefault(_code_key(code), []).append(place)
        for name in names:
            key = normalize_key(name)
            if key:
                self.names.setdefault(country, {}).setdefault(key, []).append(place)
                loose = _loose(key)
                if loose:
                    self.loose.setdefault(country, {}).setdefault(loose, []).append(place)

    def find(self, country: str, text: str, *, codes: bool = True) -> list[Place]:
        """Matches in one country: by code, else by exact name, else by loose name."""
        return _search(self, text, [country], codes=codes)

    def lookup(self, kind: str, country: str, key: str) -> list[Place]:
        table = {"code": self.codes, "name": self.names, "loose": self.loose}[kind]
        return list(table.get(country, {}).get(key, []))


def _split(field: str) -> list[str]:
    return [part.strip() for part in field.split("|") if part.strip()]


@lru_cache(maxsize=1)
def _regions() -> _Index:
    index = _Index()
    for country, entries in SUBDIVISIONS.items():
        for entry in entries:
            place = _region_place(country, entry)
            if place is None:
                continue
            names = _split(entry[1])
            if country == "US" and place.code in US_ABBREVIATIONS:
                names += _split(US_ABBREVIATIONS[place.code])
            index.add(country, place, _split(entry[0]), names)
    return index


def _region_place(country: str, entry: RegionEntry) -> Place | None:
    codes = _split(entry[0])
    alternatives = entry[3] if len(entry) == 4 else ()
    return _valid_place(country, codes[0] if codes else "", entry[2], alternatives)


@lru_cache(maxsize=1)
def _cities() -> _Index:
    index = _Index()
    for entry in (*CITIES, *WORLD_CITIES):
        place = _city_place(entry)
        if place is not None:
            index.add(place.country, place, (), _split(entry[2]))
    return index


def _city_place(entry: CityEntry) -> Place | None:
    alternatives = entry[4] if len(entry) == 5 else ()
    return _valid_place(entry[0], entry[1], entry[3], alternatives)


@lru_cache(maxsize=1)
def _zone_cities() -> dict[str, list[Place]]:
    """Cities named by tz zones ("America/Argentina/San_Juan" -> "san juan")."""
    found: dict[str, list[Place]] = {}
    for country in sorted(known_countries()):
        for zone in country_zones(country):
            if "/" not in zone or zone.startswith("Etc/"):
                continue
            key = normalize_key(zone.rsplit("/", 1)[1].replace("_", " "))
            if key:
                found.setdefault(key, []).append(Place(country, "", zone, derived=True))
    return found


#: Longer texts are not place names; ignoring them keeps garbage input cheap.
MAX_TEXT = 120


def _search(index: _Index, text: str, countries: Iterable[str], *, codes: bool) -> list[Place]:
    """Codes first, then exact names, then loose names, each across all *countries*."""
    key = normalize_key(text[: MAX_TEXT + 1])
    if not key or len(text) > MAX_TEXT:
        return []
    keys = {"code": _code_key(text), "name": key, "loose": _loose(key)}
    listed = list(countries)
    for kind in ("code", "name", "loose") if codes else ("name", "loose"):
        if not keys[kind]:
            continue
        hits = [place for country in listed for place in index.lookup(kind, country, keys[kind])]
        if hits:
            return hits
    return []


def find_region(text: str | None, country: str | None = None) -> tuple[list[Place], str | None]:
    """Places matching subdivision *text*, and the country it names (if any).

    "US-CA" / "AU-NSW" carry their country; otherwise *country* (an ISO code)
    restricts the search. Without any country, the US, Canada and Australia
    are searched first, then the others.
    """
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_TEXT:
        return [], None
    index = _regions()
    prefixed = _PREFIXED_CODE.match(text)
    if prefixed:
        prefix = normalize_country(prefixed.group(1))
        if prefix is not None and (country is None or prefix == country):
            hits = index.find(prefix, prefixed.group(2))
            if hits:
                return hits, prefix
            if country is None and text.strip().isupper():  # "DE-BY": at least the country
                return [], prefix
    if country is not None:
        return index.find(country, text), country
    first = [c for c in PRIORITY_COUNTRIES if c in SUBDIVISIONS]
    rest = [c for c in SUBDIVISIONS if c not in first]
    for group in (first, rest):
        hits = _search(index, text, group, codes=True)
        if hits:
            return hits, None
    return [], None


def find_city(
    text: str | None, country: str | None = None, subdivision: str | None = None
) -> list[Place]:
    """Places matching city *text*, optionally within *country* and *subdivision* (a code)."""
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_TEXT:
        return []
    hits = _city_hits(text, country)
    if not hits and "," in text:  # "Austin, TX", "Perth, WA, Australia"
        head, *tail = [part.strip() for part in text.split(",")]
        if len(tail) >= 2 and country is None:
            country = normalize_country(tail[-1])
        hits = _city_in_region(head, tail[-2] if len(tail) >= 2 else tail[0], country)
    if subdivision:
        hits = [p for p in hits if not p.code or p.code == subdivision]
    return hits


def _city_in_region(city: str, region: str, country: str | None) -> list[Place]:
    places, named = find_region(region, country)
    hits: list[Place] = []
    for place in places:
        hits += [
            p for p in _city_hits(city, place.country) if not p.code or p.code == place.code
        ]
    if hits:
        return hits
    if country is None:
        country = named or normalize_country(region)
    return _city_hits(city, country) if country else []


def _city_hits(text: str, country: str | None) -> list[Place]:
    index = _cities()
    countries = [country] if country else list(index.names)
    curated = _search(index, text, countries, codes=False)
    derived = [
        p
        for p in _zone_cities().get(normalize_key(text), [])
        if (country is None or p.country == country)
        and not any(c.country == p.country for c in curated)
    ]
    return curated + derived


def subdivision_code(country: str | None, text: str | None) -> str | None:
    """ISO 3166-2 subdivision code (without prefix) for a code or name, if known."""
    if not isinstance(text, str) or not text.strip():
        return None
    prefixed = _PREFIXED_CODE.match(text)
    if prefixed and (country is None or normalize_country(prefixed.group(1)) == country):
        return prefixed.group(2).upper()
    if country is None:
        return text.strip().upper()
    places, _ = find_region(text, country)
    codes = {p.code for p in places if p.code}
    if len(codes) == 1:
        return codes.pop()
    return text.strip().upper()
