"""Countries and their zones, derived from the tz database's ``zone.tab``.

``zone.tab`` (read from the same tz database zoneinfo uses: the system's
``TZPATH`` first, then the ``tzdata`` package) lists every zone of every
country. Its first entry per country is not always the most populous one, so
:data:`MAIN_ZONE_OVERRIDES` / :data:`ZONE_RANKING` correct that.

Zones of a country are grouped by *behaviour*: two zones whose UTC offsets
agree over the current and next year (e.g. America/Detroit and
America/New_York) count as one. A country is multi-zone when it has more than
one such group.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import TZPATH

from timezones.wallclock import is_valid_zone, load_zone

__all__ = [
    "MAIN_ZONE_OVERRIDES",
    "ZONE_RANKING",
    "country_of_zone",
    "country_zones",
    "is_multi_zone",
    "known_countries",
    "main_zone",
    "normalize_country",
    "normalize_key",
    "same_clock",
    "zone_groups",
]

#: Where zone.tab's first entry for a country is not its most populous zone.
MAIN_ZONE_OVERRIDES: dict[str, str] = {
    "AU": "Australia/Sydney",
    "BR": "America/Sao_Paulo",
    "CA": "America/Toronto",
    "PS": "Asia/Hebron",
    "RU": "Europe/Moscow",
    "UA": "Europe/Kyiv",
    "UM": "Pacific/Wake",
    "UZ": "Asia/Tashkent",
}

#: Territories absent from zone.tab (uninhabited, or CLDR-only codes).
EXTRA_COUNTRY_ZONES: dict[str, str] = {
    "AC": "Atlantic/St_Helena",  # Ascension Island
    "BV": "Etc/UTC",  # Bouvet Island, uninhabited
    "DG": "Indian/Chagos",  # Diego Garcia
    "EA": "Africa/Ceuta",  # Ceuta & Melilla
    "HM": "Indian/Kerguelen",  # Heard & McDonald Islands (UTC+5)
    "IC": "Atlantic/Canary",  # Canary Islands
    "TA": "Atlantic/St_Helena",  # Tristan da Cunha
    "XK": "Europe/Belgrade",  # Kosovo
}

#: Preferred order (by population) of zones for countries whose zone.tab order
#: is geographic; used to choose among zones that match the same evidence.
ZONE_RANKING: dict[str, tuple[str, ...]] = {
    "US": (
        "America/New_York", "America/Chicago", "America/Los_Angeles", "America/Denver",
        "America/Phoenix", "America/Anchorage", "Pacific/Honolulu", "America/Boise",
        "America/Adak",
    ),
    "CA": (
        "America/Toronto", "America/Vancouver", "America/Edmonton", "America/Winnipeg",
        "America/Halifax", "America/Regina", "America/St_Johns", "America/Moncton",
        "America/Whitehorse", "America/Iqaluit",
    ),
    "AU": (
        "Australia/Sydney", "Australia/Melbourne", "Australia/Brisbane", "Australia/Perth",
        "Australia/Adelaide", "Australia/Hobart", "Australia/Darwin", "Australia/Broken_Hill",
    ),
    "BR": (
        "America/Sao_Paulo", "America/Manaus", "America/Cuiaba", "America/Campo_Grande",
        "America/Porto_Velho", "America/Rio_Branco", "America/Noronha",
    ),
    "MX": (
        "America/Mexico_City", "America/Tijuana", "America/Monterrey", "America/Ciudad_Juarez",
        "America/Hermosillo", "America/Mazatlan", "America/Cancun", "America/Chihuahua",
        "America/Merida", "America/Matamoros",
    ),
    "RU": (
        "Europe/Moscow", "Asia/Yekaterinburg", "Asia/Novosibirsk", "Europe/Samara",
        "Asia/Krasnoyarsk", "Asia/Omsk", "Asia/Irkutsk", "Asia/Vladivostok",
        "Europe/Kaliningrad", "Asia/Yakutsk", "Asia/Magadan", "Asia/Kamchatka",
    ),
    "ID": ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"),
}

_COUNTRY_ALIASES: dict[str, str] = {
    "UK": "GB",
    "EL": "GR",
    "usa": "US",
    "u s a": "US",
    "u s": "US",
    "america": "US",
    "united states of america": "US",
    "great britain": "GB",
    "britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "united kingdom of great britain and northern ireland": "GB",
    "russian federation": "RU",
    "korea": "KR",
    "republic of korea": "KR",
    "czech republic": "CZ",
    "holland": "NL",
    "the netherlands": "NL",
    "ivory coast": "CI",
    "uae": "AE",
    "emirates": "AE",
    "burma": "MM",
    "macedonia": "MK",
    "swaziland": "SZ",
    "turkey": "TR",
    "vatican": "VA",
    "dr congo": "CD",
    "drc": "CD",
    "democratic republic of the congo": "CD",
    "republic of the congo": "CG",
    "east timor": "TL",
    "cape verde": "CV",
    "kosovo": "XK",
    "canary islands": "IC",
    "mainland china": "CN",
    "prc": "CN",
    "hongkong": "HK",
    "ksa": "SA",
}

#: Locales whose territory names are also accepted as country names.
_NAME_LOCALES = (
    "en", "de", "fr", "es", "pt", "it", "nl", "ru", "uk", "pl", "tr", "sv", "cs", "zh",
    "zh_Hant", "ja", "ko", "ar", "he", "id", "vi", "th", "hi",
)


def normalize_key(text: str) -> str:
    """Case-, accent- and punctuation-insensitive lookup key."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    cleaned = "".join(ch if ch.isalnum() else " " for ch in stripped)
    return " ".join(cleaned.split())


def _tab_lines() -> list[str]:
    for directory in TZPATH:
        path = Path(directory) / "zone.tab"
        try:
            return path.read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
    from importlib import resources

    try:
        tab = resources.files("tzdata").joinpath("zoneinfo", "zone.tab")
        return tab.read_text(encoding="utf-8").splitlines()
    except (ModuleNotFoundError, OSError):
        return []


@lru_cache(maxsize=1)
def _zone_table() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for line in _tab_lines():
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 3:
            continue
        code, zone = fields[0].strip().upper(), fields[2].strip()
        if is_valid_zone(zone):
            table.setdefault(code, []).append(zone)
    for code, zone in {**EXTRA_COUNTRY_ZONES, **MAIN_ZONE_OVERRIDES}.items():
        if is_valid_zone(zone) and zone not in table.get(code, []):
            table.setdefault(code, []).append(zone)
    return {code: _ranked(code, zones) for code, zones in table.items()}


def _ranked(code: str, zones: Iterable[str]) -> tuple[str, ...]:
    listed = list(zones)
    preferred = [MAIN_ZONE_OVERRIDES[code]] if code in MAIN_ZONE_OVERRIDES else []
    preferred += [z for z in ZONE_RANKING.get(code, ()) if z in listed]
    ordered = [z for z in dict.fromkeys(preferred) if z in listed]
    return tuple(ordered + [z for z in listed if z not in ordered])


@lru_cache(maxsize=1)
def _zone_countries() -> dict[str, str]:
    owners: dict[str, str] = {}
    for code, zones in _zone_table().items():
        for zone in zones:
            owners.setdefault(zone, code)
    return owners


def known_countries() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes that have at least one zone."""
    return frozenset(_zone_table())


def country_zones(country: str) -> tuple[str, ...]:
    """All zones of *country* (an ISO code), most populous first; () if unknown."""
    code = normalize_country(country)
    return _zone_table().get(code, ()) if code else ()


def main_zone(country: str) -> str | None:
    """The zone most of *country*'s population lives in, or None if unknown."""
    zones = country_zones(country)
    return zones[0] if zones else None


def country_of_zone(zone: str) -> str | None:
    """The country zone.tab lists *zone* under (first one), or None."""
    return _zone_countries().get(zone)


@lru_cache(maxsize=2048)
def _signature(zone: str, year: int) -> tuple[int, ...]:
    """UTC offsets (minutes) of *zone* every 2 days over *year* and the next."""
    tz = load_zone(zone)
    start = datetime(year, 1, 1, 12, tzinfo=UTC)
    samples: list[int] = []
    for step in range(0, 731, 2):
        offset = (start + timedelta(days=step)).astimezone(tz).utcoffset()
        samples.append(int(offset.total_seconds() // 60) if offset is not None else 0)
    return tuple(samples)


def same_clock(first: str, second: str) -> bool:
    """True when two zones keep the same UTC offsets over this year and the next."""
    if first == second:
        return True
    if not (is_valid_zone(first) and is_valid_zone(second)):
        return False
    year = datetime.now(UTC).year
    return _signature(first, year) == _signature(second, year)


def zone_groups(zones: Iterable[str], *, year: int | None = None) -> tuple[tuple[str, ...], ...]:
    """Group *zones* whose clocks agree (same offsets over two years), order kept."""
    when = year if year is not None else datetime.now(UTC).year
    groups: dict[tuple[int, ...], list[str]] = {}
    for zone in dict.fromkeys(zones):
        if is_valid_zone(zone):
            groups.setdefault(_signature(zone, when), []).append(zone)
    return tuple(tuple(group) for group in groups.values())


def is_multi_zone(country: str) -> bool:
    """True when *country*'s zones do not all keep the same clock."""
    return len(zone_groups(country_zones(country))) > 1


@lru_cache(maxsize=1)
def _english_names() -> dict[str, str]:
    return _territory_names(("en",))


@lru_cache(maxsize=1)
def _all_names() -> dict[str, str]:
    return _territory_names(_NAME_LOCALES)


def _territory_names(locales: Iterable[str]) -> dict[str, str]:
    try:
        from babel import Locale
    except ImportError:  # pragma: no cover - babel is a dependency
        return {}
    known = known_countries()
    names: dict[str, str] = {}
    for identifier in locales:
        try:
            territories = Locale.parse(identifier).territories
        except Exception:  # a missing locale must never break country lookup
            continue
        for code, name in territories.items():
            if code in known:
                names.setdefault(normalize_key(name), code)
    return names


@lru_cache(maxsize=1)
def _alpha3() -> dict[str, str]:
    try:
        from babel.core import get_global
    except ImportError:  # pragma: no cover
        return {}
    aliases = get_global("territory_aliases")
    known = known_countries()
    return {
        alias: targets[0]
        for alias, targets in aliases.items()
        if len(alias) == 3 and alias.isalpha() and targets and targets[0] in known
    }


@lru_cache(maxsize=4096)
def normalize_country(value: str | None) -> str | None:
    """ISO alpha-2 code for a code, alpha-3 code or country name; None if unknown."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 80:
        return None
    upper = text.upper()
    known = known_countries()
    if len(upper) == 2 and upper.isascii() and upper.isalpha():
        upper = _COUNTRY_ALIASES.get(upper, upper)
        return upper if upper in known else None
    if len(upper) == 3 and upper.isascii() and upper in _alpha3():
        return _alpha3()[upper]
    key = normalize_key(text)
    if not key:
        return None
    if key in _COUNTRY_ALIASES:
        return _COUNTRY_ALIASES[key]
    key_no_article = key.removeprefix("the ")
    for source in (_english_names, _all_names):  # other languages only when needed
        names = source()
        for candidate in (key, key_no_article):
            if candidate in names:
                return names[candidate]
    return None
