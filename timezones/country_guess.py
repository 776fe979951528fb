"""Guess a customer's country from what a ticket tells us.

Evidence, strongest first:

1. ``declared``: a country the customer or the shop typed, in any common form:
   ISO alpha-2 or alpha-3 code, English name or alias ("UK", "USA",
   "Holland"), the name in any CLDR locale ("Deutschland") or in Chinese
   ("德国", "德國"). Case, spaces, punctuation and accents do not matter; in an
   address-like text ("Berlin, Germany") the parts are tried last first.
2. ``phone``: an international number (``+49 …`` or ``0049 …``). A national
   number without a country code says nothing for sure, so it is not used. A
   number that is not valid but has a country code gives that code's main
   country, uncertain, with the others sharing the code as alternatives.
3. ``email``: the domain's country-code TLD (``.de``, ``.com.br``, ``.co.jp``,
   ``.рф``). Generic TLDs (``.com``, ``gmail.com``) and ccTLDs sold as generic
   ones (``.io``, ``.co``, ``.me``, ``.tv``, ``.ai`` …) give nothing.
4. ``date_header`` with ``language``: the countries where the language is at
   home whose clocks showed the header's UTC offset at that date (+0100 with
   "de" in January: Germany, then Austria, Switzerland …). Always uncertain.
5. ``language`` alone (a code, a tag such as ``pt-BR`` or ``zh-Hant``, or an
   ``Accept-Language`` value): the language's most relevant market, uncertain.

The first source that names a country decides, except that a valid number or
a ccTLD goes before a number that is not valid. ``certain`` is True for a
declared country, and for a valid phone number or a ccTLD unless the other of
the two names a different country; inferred guesses (4, 5) are never certain.
When the deciding evidence is uncertain, a weaker source that picks one of its
candidates narrows it (a ``+1`` number that is not valid, with ``fr`` and a
-0500 Date header, is Canada). ``alternatives`` lists other plausible
countries, best first: the deciding source's own, then those named by the other
sources. Sources 4 and 5 are only consulted when no valid number or ccTLD is
given, so they never add alternatives to a certain guess.

:func:`customer_country` never raises: input of the wrong type, empty, huge or
garbage gives no evidence.
"""

from __future__ import annotations

import logging
from bisect import bisect_right
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Literal

from timezones.countries import (
    country_zones,
    normalize_country,
    normalize_key,
    zone_groups,
)
from timezones.country_names import (
    canonical_language,
    country_for_name,
    country_for_tld,
    known_codes,
    language_countries,
    language_for_name,
)
from timezones.wallclock import load_zone
from timezones.zone_guess import parse_date_header

__all__ = ["CountryGuess", "CountrySource", "customer_country", "warm_up"]

_log = logging.getLogger(__name__)

CountrySource = Literal[
    "declared", "phone", "email_domain", "date_offset_language", "language", "none"
]

#: At most this many alternatives are listed.
MAX_ALTERNATIVES = 8

#: Longer inputs are not a country, a phone number, an address or a language tag.
_MAX_DECLARED = 200
_MAX_PHONE = 64
_MAX_EMAIL = 320
_MAX_LANGUAGE = 200

_SEPARATORS = str.maketrans({ch: "," for ch in ";/|()[]\n\r\t"})


@dataclass(frozen=True)
class CountryGuess:
    """A best guess of a customer's country.

    ``country`` is an ISO 3166-1 alpha-2 code or None; ``source`` names the
    evidence that decided it; ``alternatives`` are other plausible codes, best
    first.
    """

    country: str | None
    source: CountrySource = "none"
    certain: bool = False
    alternatives: tuple[str, ...] = ()


NO_COUNTRY = CountryGuess(None, "none", False, ())


def customer_country(
    *,
    declared: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    date_header: str | datetime | None = None,
    language: str | None = None,
) -> CountryGuess:
    """Best guess of a customer's country from the evidence given (see module doc)."""
    try:
        return _guess(declared, email, phone, date_header, language)
    except Exception:  # never let bad ticket data break the console
        _log.exception("customer_country failed; returning no guess")
        return NO_COUNTRY


def _guess(
    declared: object, email: object, phone: object, date_header: object, language: object
) -> CountryGuess:
    declared_code = declared_country(declared)
    by_phone = _phone_guess(phone) if isinstance(phone, str) else None
    email_code = email_country(email)
    by_email = CountryGuess(email_code, "email_domain", True) if email_code else None
    direct = [g for g in (by_phone, by_email) if g is not None]
    if declared_code is not None:
        others = [g.country for g in direct]
        return CountryGuess(declared_code, "declared", True, _alternatives(declared_code, others))
    direct.sort(key=lambda g: not g.certain)  # a valid number or a ccTLD beats a doubtful number
    inferred = [] if any(g.certain for g in direct) else _inferred(date_header, language)
    ranked = [*direct, *inferred]
    if not ranked:
        return NO_COUNTRY
    winner, weaker = ranked[0], ranked[1:]
    country, certain = winner.country, winner.certain
    assert country is not None
    if not certain:  # a weaker source may pick one of the winner's candidates
        candidates = (country, *winner.alternatives)
        for other in weaker:
            if other.country in candidates:
                country = other.country
                break
    if any(g.certain and g.country != country for g in direct):
        certain = False
    others = [c for c in (winner.country, *winner.alternatives) if c != country]
    others += [g.country for g in weaker]
    return CountryGuess(country, winner.source, certain, _alternatives(country, others))


def _inferred(date_header: object, language: object) -> list[CountryGuess]:
    """The guess from the Date offset with the language, else from the language alone."""
    lang = _parse_language(language) if isinstance(language, str) else None
    if lang is None:
        return []
    by_date = _date_guess(lang, parse_date_header(date_header))
    if by_date is not None:
        return [by_date]  # it already weighed the language's countries
    by_language = _language_guess(*lang)
    return [by_language] if by_language is not None else []


def _alternatives(country: str, others: list[str | None]) -> tuple[str, ...]:
    unique = [c for c in dict.fromkeys(others) if c is not None and c != country]
    return tuple(unique[:MAX_ALTERNATIVES])


def warm_up() -> None:
    """Build every lookup table now (about a second: the names of every locale),
    e.g. on a background thread at start, instead of on the first rare input."""
    customer_country(
        declared="Alemanya",
        phone="+49 30 12345678",
        email="a@example.de",
        date_header="Wed, 14 Jan 2026 10:00:00 +0100",
        language="en",
    )
    for language in ("en", "es", "fr", "de"):  # the widest spread languages, this year
        customer_country(phone="+1 999", date_header=datetime.now(UTC), language=language)


# --- declared ----------------------------------------------------------------


def declared_country(value: object) -> str | None:
    """The ISO code of a declared country in any common form, or None."""
    if not isinstance(value, str) or not value.strip() or len(value) > _MAX_DECLARED:
        return None
    return _declared(value.strip())


@lru_cache(maxsize=4096)
def _declared(text: str) -> str | None:
    code = _one_name(text)
    if code is not None:
        return code
    parts = [p.strip() for p in text.translate(_SEPARATORS).split(",")]
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return None
    for part in reversed(parts):  # an address ends with its country
        if len(part) <= 2 or (len(part) == 3 and not part.isupper()):
            continue  # "CA", "IL" next to a city are states; "de" is a word
        code = _one_name(part)
        if code is not None:
            return code
    return None


def _one_name(text: str) -> str | None:
    if "\x00" in text:
        text = text.replace("\x00", "")
    code = normalize_country(text)
    if code is not None:
        return code
    key = normalize_key(text)
    if len(key) > 60 or key.isdigit():  # longer than any country's name, or a number
        return None
    code = country_for_name(key)
    return code if code in known_codes() else None


# --- phone -------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _phone_guess(text: str) -> CountryGuess | None:
    text = text.strip()
    if not text or len(text) > _MAX_PHONE:
        return None
    digits_start = next((i for i, ch in enumerate(text) if ch.isdigit() or ch == "+"), None)
    if digits_start is None:
        return None
    number_text = text[digits_start:]
    if number_text.startswith("00"):
        number_text = "+" + number_text[2:]
    if not number_text.startswith("+"):
        return None  # a national number: its country is not certain
    import phonenumbers

    try:
        number = phonenumbers.parse(number_text, None)
    except phonenumbers.NumberParseException:
        return None
    known = known_codes()
    if phonenumbers.is_valid_number(number):
        region = phonenumbers.region_code_for_number(number)
        if region in known:
            return CountryGuess(region, "phone", True)
    if not phonenumbers.is_possible_number(number):
        return None
    code = number.country_code
    regions = [r for r in phonenumbers.region_codes_for_country_code(code or 0) if r in known]
    if not regions:
        return None
    return CountryGuess(regions[0], "phone", False, tuple(regions[1 : 1 + MAX_ALTERNATIVES]))


# --- e-mail ------------------------------------------------------------------

_DOMAIN_END = frozenset(" \t\r\n>),;:\"'<[]")


def email_country(value: object) -> str | None:
    """The country of an e-mail address's ccTLD, or None (generic or unknown)."""
    if not isinstance(value, str) or "@" not in value or len(value) > _MAX_EMAIL:
        return None
    return _email_country(value)


@lru_cache(maxsize=4096)
def _email_country(value: str) -> str | None:
    domain = value.rpartition("@")[2]
    end = next((i for i, ch in enumerate(domain) if ch in _DOMAIN_END), len(domain))
    domain = domain[:end].strip().rstrip(".").casefold()
    labels = domain.split(".")
    if len(labels) < 2 or not all(_is_label(label) for label in labels):
        return None
    return country_for_tld(labels)


def _is_label(label: str) -> bool:
    if not label or len(label) > 63 or label[0] == "-" or label[-1] == "-":
        return False
    return all(ch.isalnum() or ch == "-" for ch in label)


# --- language and date offset -------------------------------------------------


@lru_cache(maxsize=1024)
def _parse_language(value: str) -> tuple[str, str | None, str | None] | None:
    """(language, script, region) of a tag, an Accept-Language value or a name."""
    if len(value) > _MAX_LANGUAGE:
        return None
    first = value.split(",")[0].split(";")[0].strip()
    if not first:
        return None
    parts = first.replace("_", "-").split("-")
    primary = parts[0].lower()
    if not (2 <= len(primary) <= 3 and primary.isascii() and primary.isalpha()):
        named = language_for_name(normalize_key(first))
        if named is None:
            return None
        parts = named.replace("_", "-").split("-")
        primary = parts[0]
    script: str | None = None
    region: str | None = None
    for part in parts[1:]:
        if len(part) == 4 and part.isascii() and part.isalpha() and script is None:
            script = part.lower()
        elif len(part) == 2 and part.isascii() and part.isalpha() and region is None:
            region = normalize_country(part.upper())
    language = canonical_language(primary)
    if language in _NO_LANGUAGE:
        return None  # "undetermined", "no linguistic content": says nothing of a place
    if not language_countries(language, script) and region is None:
        return None
    return language, script, region


#: ISO 639 codes that name no language (undetermined, multiple, none, uncoded).
_NO_LANGUAGE = frozenset({"und", "mul", "zxx", "mis"})


def _candidates(language: str, script: str | None, region: str | None) -> tuple[str, ...]:
    ranked = language_countries(language, script)
    if region is None:
        return ranked
    return (region, *(c for c in ranked if c != region))


@lru_cache(maxsize=1024)
def _language_guess(language: str, script: str | None, region: str | None) -> CountryGuess | None:
    candidates = _candidates(language, script, region)
    if not candidates:
        return None
    return CountryGuess(candidates[0], "language", False, candidates[1 : 1 + MAX_ALTERNATIVES])


@lru_cache(maxsize=256)
def _clocks(country: str) -> tuple[str, ...]:
    """One zone per distinct clock of *country*."""
    return tuple(group[0] for group in zone_groups(country_zones(country)))


def _minutes(when: datetime, zone: str) -> int | None:
    offset = when.astimezone(load_zone(zone)).utcoffset()
    return int(offset.total_seconds()) // 60 if offset is not None else None


_QUARTER = 900  # seconds; every UTC offset change happens on a quarter hour
_STEP = 7 * 86_400  # sampling step: no clock changes and changes back within a week


@lru_cache(maxsize=1024)
def _transitions(zone: str, year: int) -> tuple[int, ...]:
    """UTC timestamps (a day either side of *year* included) where *zone*'s offset changes."""
    first = int(datetime(year, 1, 1, tzinfo=UTC).timestamp()) - 86_400
    last = int(datetime(year + 1, 1, 1, tzinfo=UTC).timestamp()) + 86_400
    found: list[int] = []
    before, before_offset = first, _minutes(datetime.fromtimestamp(first, UTC), zone)
    while before < last:
        after = min(before + _STEP, last)
        after_offset = _minutes(datetime.fromtimestamp(after, UTC), zone)
        if after_offset != before_offset:
            low, high = before, after  # offset(low) is the old one, offset(high) the new one
            while high - low > _QUARTER:
                middle = low + (high - low) // 2 // _QUARTER * _QUARTER
                if _minutes(datetime.fromtimestamp(middle, UTC), zone) == before_offset:
                    low = middle
                else:
                    high = middle
            found.append(high)
        before, before_offset = after, after_offset
    return tuple(found)


@lru_cache(maxsize=64)
def _offset_timeline(
    candidates: tuple[str, ...], year: int
) -> tuple[tuple[int, ...], tuple[dict[int, tuple[str, ...]], ...]]:
    """For *year*: the instants where any candidate's clock changes, and for each
    interval from one to the next, UTC offset (minutes) -> candidates showing it."""
    first = int(datetime(year, 1, 1, tzinfo=UTC).timestamp()) - 86_400
    cuts = {first}
    for country in candidates:
        for zone in _clocks(country):
            cuts.update(_transitions(zone, year))
    starts = tuple(sorted(cuts))
    tables: list[dict[int, tuple[str, ...]]] = []
    for start in starts:
        when = datetime.fromtimestamp(start, UTC)
        table: dict[int, list[str]] = {}
        for country in candidates:
            for minutes in dict.fromkeys(_minutes(when, zone) for zone in _clocks(country)):
                if minutes is not None:
                    table.setdefault(minutes, []).append(country)
        tables.append({minutes: tuple(codes) for minutes, codes in table.items()})
    return starts, tuple(tables)


def _date_guess(
    lang: tuple[str, str | None, str | None], sent: datetime | None
) -> CountryGuess | None:
    """The language's countries whose clocks showed the header's offset at its date."""
    if sent is None:
        return None
    try:
        offset = sent.utcoffset()
        year = sent.astimezone(UTC).year
        stamp = int(sent.timestamp())
    except (OverflowError, ValueError, OSError):
        return None
    if offset is None or not 1900 <= year <= 2200:
        return None
    starts, tables = _offset_timeline(_candidates(*lang), year)
    index = bisect_right(starts, stamp) - 1
    if index < 0:
        return None
    matching = tables[index].get(int(offset.total_seconds()) // 60, ())
    if not matching:
        return None
    alternatives = matching[1 : 1 + MAX_ALTERNATIVES]
    return CountryGuess(matching[0], "date_offset_language", False, alternatives)
