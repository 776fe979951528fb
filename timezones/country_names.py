"""Lookup data for :func:`timezones.customer_country`: country names, e-mail
domains and the countries a language is spoken in.

Country names come from Babel (CLDR): the territory names of every base locale
and script variant, so "Deutschland", "Allemagne", "德国" and "德國" are all
found without a hand-typed table. Only what CLDR lacks is typed here: a few
everyday aliases (short Chinese names such as "香港", English ones such as
"Hong Kong"), the ccTLDs that are used as generic domains, and the order in
which the countries of a widely spoken language are tried.

Every table is built once, on first use (``lru_cache``), so importing this
module is cheap and later look-ups are dictionary hits.
"""

from __future__ import annotations

from functools import lru_cache

from timezones.countries import known_countries, normalize_key

__all__ = [
    "GENERIC_CCTLDS",
    "LANGUAGE_MARKETS",
    "canonical_language",
    "country_for_name",
    "country_for_tld",
    "known_codes",
    "language_countries",
    "language_for_name",
]

#: Everyday names CLDR does not list (keys are written already normalised by
#: :func:`normalize_key`: lower case, no accents, single spaces).
EXTRA_NAMES: dict[str, str] = {
    # English
    "hong kong": "HK",
    "macau": "MO",
    "macao": "MO",
    "palestine": "PS",
    "bosnia": "BA",
    "viet nam": "VN",
    "u k": "GB",
    "the uk": "GB",
    "south korea": "KR",
    "korea south": "KR",
    "north korea": "KP",
    "the us": "US",
    "the usa": "US",
    "united states": "US",
    "czechia": "CZ",
    "slovak republic": "SK",
    "vatican city": "VA",
    "trinidad": "TT",
    "st barts": "BL",
    # Chinese (simplified and traditional) short and official forms
    "香港": "HK",
    "中国香港": "HK",
    "中國香港": "HK",
    "澳门": "MO",
    "澳門": "MO",
    "中国澳门": "MO",
    "中國澳門": "MO",
    "中国大陆": "CN",
    "中國大陸": "CN",
    "大陆": "CN",
    "大陸": "CN",
    "内地": "CN",
    "中华人民共和国": "CN",
    "中華人民共和國": "CN",
    "臺灣": "TW",
    "中华民国": "TW",
    "中華民國": "TW",
    "南韩": "KR",
    "南韓": "KR",
    "韓國": "KR",
    "大韩民国": "KR",
    "大韓民國": "KR",
    "北韩": "KP",
    "北韓": "KP",
    "美利坚合众国": "US",
    "美利堅合眾國": "US",
    "英格兰": "GB",
    "英格蘭": "GB",
    "苏格兰": "GB",
    "蘇格蘭": "GB",
    "澳洲": "AU",
    "纽西兰": "NZ",
    "紐西蘭": "NZ",
    "阿联酋": "AE",
    "阿聯酋": "AE",
    "沙特": "SA",
    "俄国": "RU",
    "俄國": "RU",
}

#: Locales whose names win when another locale uses the same word for another
#: country (the full table drops such clashes otherwise).
_PRIORITY_LOCALES = ("en", "zh", "zh_Hant", "zh_Hant_HK")

#: ccTLDs sold worldwide as generic domains: a second-level name directly
#: under them (``example.io``) says nothing about the owner's country. Under a
#: registry's own second level (``example.com.co``) they still do.
GENERIC_CCTLDS: frozenset[str] = frozenset(
    {
        "ac", "ad", "ai", "am", "as", "bz", "cc", "cd", "cf", "co", "cx", "dj", "fm", "ga",
        "gg", "gq", "gs", "io", "la", "ly", "me", "ml", "ms", "nu", "sh", "so", "st", "tk",
        "to", "tv", "vc", "ws",
    }
)  # fmt: skip

#: Second-level labels registries use under their ccTLD (``.com.co``, ``.co.me``).
REGISTRY_SECOND_LEVELS: frozenset[str] = frozenset(
    {"com", "co", "net", "org", "gov", "edu", "ac", "or", "ne", "go", "gob", "nic", "mil"}
)

#: ccTLDs that are not the ISO code of their country.
_TLD_EXCEPTIONS: dict[str, str] = {"uk": "GB"}

#: Internationalised ccTLDs (Unicode form), for the few that sell to consumers.
_IDN_CCTLDS: dict[str, str] = {
    "рф": "RU",
    "中国": "CN",
    "中國": "CN",
    "香港": "HK",
    "台湾": "TW",
    "台灣": "TW",
    "한국": "KR",
    "укр": "UA",
    "срб": "RS",
    "бел": "BY",
    "қаз": "KZ",
    "ελ": "GR",
    "გე": "GE",
    "澳門": "MO",
    "新加坡": "SG",
}

#: For languages spoken in many countries: the order to try them in when only
#: the language (or the language and a UTC offset) is known. The order is by
#: relevance to cross-border e-commerce (size of the online shopping market
#: reachable in that language), not by number of speakers: "pt" means Brazil
#: first, "ar" Saudi Arabia first (the largest Arabic-speaking online market,
#: where CLDR would say Egypt), "es" Spain first and then Latin America with
#: the United States' Spanish speakers last. Countries not listed follow, from
#: CLDR's official-language data, by share of speakers.
LANGUAGE_MARKETS: dict[str, tuple[str, ...]] = {
    "en": (
        "US", "GB", "CA", "AU", "IN", "IE", "NZ", "SG", "PH", "ZA", "MY", "NG", "HK", "KE",
        "PK",
    ),
    "es": (
        "ES", "MX", "AR", "CO", "CL", "PE", "EC", "VE", "GT", "DO", "UY", "CR", "PA", "BO",
        "PY", "SV", "HN", "NI", "PR", "CU", "GQ", "US",
    ),
    "pt": ("BR", "PT", "AO", "MZ", "CV", "GW", "ST", "TL", "MO"),
    "fr": ("FR", "CA", "BE", "CH", "LU", "MC", "MA", "DZ", "TN", "SN", "CI", "CM"),
    "de": ("DE", "AT", "CH", "LU", "LI", "BE"),
    "it": ("IT", "CH", "SM", "VA"),
    "nl": ("NL", "BE", "SR", "AW", "CW", "SX"),
    "ar": (
        "SA", "AE", "EG", "KW", "QA", "BH", "OM", "JO", "MA", "DZ", "TN", "IQ", "LB", "LY",
    ),
    "zh": ("CN", "TW", "HK", "SG", "MO", "MY"),
    "ru": ("RU", "BY", "KZ", "KG"),
    "sv": ("SE", "FI", "AX"),
    "el": ("GR", "CY"),
    "ms": ("MY", "BN", "SG"),
    "ro": ("RO", "MD"),
    "tr": ("TR", "CY"),
    "sw": ("KE", "TZ", "UG"),
    "sr": ("RS", "BA", "ME", "XK"),
}  # fmt: skip

#: Script-specific order (``zh-Hant`` is Taiwan, Hong Kong, Macao first).
_SCRIPT_MARKETS: dict[tuple[str, str], tuple[str, ...]] = {
    ("zh", "hant"): ("TW", "HK", "MO"),
    ("zh", "hans"): ("CN", "SG", "MY"),
}

#: Language codes CLDR keys its data under another code.
_LANGUAGE_ALIASES: dict[str, str] = {
    "iw": "he",
    "in": "id",
    "ji": "yi",
    "jw": "jv",
    "mo": "ro",
    "tl": "fil",
    "no": "nb",
    "nn": "nb",
}

_OFFICIAL = frozenset({"official", "de_facto_official"})


def _name_locales() -> list[str]:
    """Base locales and script variants (regional variants repeat their names)."""
    from babel import localedata

    chosen: list[str] = []
    for identifier in localedata.locale_identifiers():
        parts = identifier.split("_")
        if len(parts) == 1 or (len(parts) == 2 and len(parts[1]) == 4):
            chosen.append(identifier)
    return chosen


def _territories(identifier: str, *, inherited: bool = True) -> dict[str, str]:
    """Territory names of a locale; without *inherited* only the names it defines
    itself (much faster to load, and the parents are read on their own anyway)."""
    from babel import Locale, localedata

    try:
        if inherited:
            names = Locale.parse(identifier).territories
        else:
            names = localedata.load(identifier, merge_inherited=False).get("territories", {})
    except Exception:  # a broken locale must never break the look-up
        return {}
    return {str(code): str(name) for code, name in names.items()}


@lru_cache(maxsize=1)
def _priority_names() -> dict[str, str]:
    known = known_countries()
    table: dict[str, str] = {}
    for identifier in _PRIORITY_LOCALES:
        for code, name in _territories(identifier).items():
            key = normalize_key(name)
            if code in known and key:
                table.setdefault(key, code)
    for key, code in EXTRA_NAMES.items():
        table[normalize_key(key)] = code
    return table


@lru_cache(maxsize=1)
def _all_names() -> dict[str, str]:
    """Names in every locale; a name two locales give to different countries is dropped."""
    known = known_countries()
    seen: dict[str, set[str]] = {}
    for identifier in _name_locales():
        for code, name in _territories(identifier, inherited=False).items():
            key = normalize_key(name)
            if code in known and key and not key.isdigit():
                seen.setdefault(key, set()).add(code)
    return {key: codes.pop() for key, codes in seen.items() if len(codes) == 1}


@lru_cache(maxsize=1)
def known_codes() -> frozenset[str]:
    """:func:`known_countries`, built once (it makes a new set on every call)."""
    return known_countries()


def country_for_name(key: str) -> str | None:
    """The ISO code of a country name already passed through :func:`normalize_key`."""
    if not key:
        return None
    candidates = [key]
    if key.startswith("the "):
        candidates.append(key[4:])
    if key.startswith("saint "):
        candidates.append("st " + key[6:])
    for candidate in candidates:
        code = _priority_names().get(candidate)
        if code is not None:
            return code
    for candidate in candidates:
        code = _all_names().get(candidate)
        if code is not None:
            return code
    return None


def country_for_tld(labels: list[str]) -> str | None:
    """The country of a domain split into lower-case labels (``["shop", "co", "jp"]``)."""
    if len(labels) < 2:
        return None
    tld = labels[-1]
    if tld.startswith("xn--"):
        try:
            tld = tld.encode("ascii").decode("idna")
        except (UnicodeError, ValueError):
            return None
        return _IDN_CCTLDS.get(tld)
    if tld in _IDN_CCTLDS:
        return _IDN_CCTLDS[tld]
    if len(tld) != 2 or not tld.isascii() or not tld.isalpha():
        return None
    if tld in GENERIC_CCTLDS and not (len(labels) >= 3 and labels[-2] in REGISTRY_SECOND_LEVELS):
        return None
    code = _TLD_EXCEPTIONS.get(tld, tld.upper())
    return code if code in known_codes() else None


@lru_cache(maxsize=1)
def _language_names() -> dict[str, str]:
    """Language names (English, Chinese and each market language's own) -> code."""
    from babel import Locale

    table: dict[str, str] = {}
    for identifier in ("en", "zh", "zh_Hant", *LANGUAGE_MARKETS):
        try:
            names = Locale.parse(identifier).languages
        except Exception:
            continue
        for code, name in names.items():
            key = normalize_key(str(name))
            if key and (identifier in ("en", "zh", "zh_Hant") or code == identifier):
                table.setdefault(key, str(code).lower())
    return table


def language_for_name(key: str) -> str | None:
    """A language code for a normalised language name ("german", "deutsch", "中文")."""
    return _language_names().get(key)


def canonical_language(code: str) -> str:
    """The code CLDR's territory data uses for *code* (``iw`` -> ``he``, ``no`` -> ``nb``)."""
    return _LANGUAGE_ALIASES.get(code, code)


@lru_cache(maxsize=1)
def _speakers() -> dict[str, list[tuple[float, str]]]:
    """Language -> [(share of the population, country)] where it is official (or, for
    a language official nowhere, spoken by most people)."""
    from babel.core import get_global

    known = known_countries()
    official: dict[str, list[tuple[float, str]]] = {}
    majority: dict[str, list[tuple[float, str]]] = {}
    for territory, languages in get_global("territory_languages").items():
        if territory not in known:
            continue
        for language, info in languages.items():
            share = float(info.get("population_percent") or 0.0)
            base = str(language).split("_")[0].lower()
            if info.get("official_status") in _OFFICIAL:
                official.setdefault(base, []).append((share, str(territory)))
            elif share >= 50.0:
                majority.setdefault(base, []).append((share, str(territory)))
    # CLDR counts second-language speakers too (English in Germany: 64 %), so a
    # majority share only counts for languages official nowhere.
    return {**majority, **official}


@lru_cache(maxsize=512)
def language_countries(language: str, script: str | None = None) -> tuple[str, ...]:
    """Countries where *language* is at home, most relevant first (see
    :data:`LANGUAGE_MARKETS`); () when unknown."""
    language = canonical_language(language.lower())
    known = known_countries()
    ordered: list[str] = []
    if script is not None:
        ordered += _SCRIPT_MARKETS.get((language, script.lower()), ())
    ordered += LANGUAGE_MARKETS.get(language, ())
    if not ordered:
        likely = _likely_region(language)
        if likely is not None:
            ordered.append(likely)
    ordered += [code for _, code in sorted(_speakers().get(language, []), key=lambda s: -s[0])]
    return tuple(code for code in dict.fromkeys(ordered) if code in known)


def _likely_region(language: str) -> str | None:
    from babel.core import get_global

    likely = get_global("likely_subtags").get(language)
    if not isinstance(likely, str):
        return None
    parts = likely.split("_")
    return parts[-1] if len(parts[-1]) == 2 else None
