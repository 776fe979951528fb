"""Prior beliefs about a customer's language: conversation history and country."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

CONVERSATION_WEIGHT = 3.5
"""Bonus (in nats) for the language the conversation has used so far."""

COUNTRY_WEIGHT = 1.5
"""Bonus (in nats) for a country's main language; shared languages get a part of it."""

RECENCY_DECAY = 0.7
"""Each earlier message of a conversation counts this much less than the next one."""

# Languages customers from a country most often write in, with rough shares.
# ISO 3166-1 alpha-2 -> ISO 639-1 ("nb" stands for Norwegian).
# fmt: off
_COUNTRY_LANGUAGES: dict[str, dict[str, float]] = {
    "US": {"en": 0.85, "es": 0.15}, "GB": {"en": 1.0}, "IE": {"en": 1.0},
    "AU": {"en": 1.0}, "NZ": {"en": 1.0}, "CA": {"en": 0.75, "fr": 0.25},
    "ZA": {"en": 0.7, "af": 0.2, "zu": 0.1}, "NG": {"en": 1.0}, "GH": {"en": 1.0},
    "KE": {"en": 0.6, "sw": 0.4}, "TZ": {"sw": 0.6, "en": 0.4}, "UG": {"en": 0.8, "sw": 0.2},
    "IN": {"en": 0.5, "hi": 0.4, "bn": 0.05, "ta": 0.05}, "PK": {"ur": 0.6, "en": 0.4},
    "BD": {"bn": 0.9, "en": 0.1}, "LK": {"si": 0.6, "ta": 0.2, "en": 0.2},
    "NP": {"ne": 0.9, "en": 0.1}, "PH": {"en": 0.6, "tl": 0.4},
    "SG": {"en": 0.6, "zh": 0.3, "ms": 0.1}, "MY": {"ms": 0.6, "en": 0.25, "zh": 0.15},
    "BN": {"ms": 0.8, "en": 0.2}, "ID": {"id": 1.0}, "TH": {"th": 1.0}, "VN": {"vi": 1.0},
    "KH": {"km": 1.0}, "LA": {"lo": 1.0}, "MM": {"my": 1.0},
    "CN": {"zh": 1.0}, "TW": {"zh": 1.0}, "HK": {"zh": 0.8, "en": 0.2},
    "MO": {"zh": 0.9, "pt": 0.1},
    "JP": {"ja": 1.0}, "KR": {"ko": 1.0}, "MN": {"mn": 1.0},
    "ES": {"es": 0.9, "ca": 0.1}, "MX": {"es": 1.0}, "AR": {"es": 1.0}, "CO": {"es": 1.0},
    "CL": {"es": 1.0}, "PE": {"es": 1.0}, "VE": {"es": 1.0}, "EC": {"es": 1.0},
    "BO": {"es": 1.0}, "PY": {"es": 1.0}, "UY": {"es": 1.0}, "CR": {"es": 1.0},
    "PA": {"es": 1.0}, "GT": {"es": 1.0}, "HN": {"es": 1.0}, "SV": {"es": 1.0},
    "NI": {"es": 1.0}, "DO": {"es": 1.0}, "CU": {"es": 1.0}, "PR": {"es": 0.8, "en": 0.2},
    "BR": {"pt": 1.0}, "PT": {"pt": 1.0}, "AO": {"pt": 1.0}, "MZ": {"pt": 1.0},
    "FR": {"fr": 1.0}, "MC": {"fr": 1.0}, "SN": {"fr": 1.0}, "CI": {"fr": 1.0},
    "CM": {"fr": 0.7, "en": 0.3}, "BE": {"nl": 0.55, "fr": 0.4, "de": 0.05},
    "LU": {"fr": 0.5, "de": 0.3, "lb": 0.2}, "CH": {"de": 0.65, "fr": 0.25, "it": 0.1},
    "DE": {"de": 1.0}, "AT": {"de": 1.0}, "LI": {"de": 1.0}, "IT": {"it": 1.0},
    "SM": {"it": 1.0}, "NL": {"nl": 1.0}, "SR": {"nl": 1.0}, "PL": {"pl": 1.0},
    "CZ": {"cs": 1.0}, "SK": {"sk": 1.0}, "HU": {"hu": 1.0}, "RO": {"ro": 1.0},
    "MD": {"ro": 0.7, "ru": 0.3}, "BG": {"bg": 1.0}, "GR": {"el": 1.0},
    "CY": {"el": 0.8, "tr": 0.2},
    "SI": {"sl": 1.0}, "HR": {"hr": 1.0}, "BA": {"bs": 0.6, "hr": 0.2, "sr": 0.2},
    "RS": {"sr": 1.0}, "ME": {"sr": 1.0}, "MK": {"mk": 1.0}, "AL": {"sq": 1.0}, "XK": {"sq": 1.0},
    "SE": {"sv": 1.0}, "NO": {"nb": 1.0}, "DK": {"da": 1.0}, "FI": {"fi": 0.9, "sv": 0.1},
    "IS": {"is": 1.0}, "EE": {"et": 0.8, "ru": 0.2}, "LV": {"lv": 0.75, "ru": 0.25},
    "LT": {"lt": 0.9, "ru": 0.1}, "RU": {"ru": 1.0}, "BY": {"ru": 0.7, "be": 0.3},
    "UA": {"uk": 0.7, "ru": 0.3}, "KZ": {"ru": 0.6, "kk": 0.4}, "GE": {"ka": 1.0},
    "AM": {"hy": 1.0}, "AZ": {"az": 1.0}, "TR": {"tr": 1.0}, "IL": {"he": 0.85, "ar": 0.15},
    "IR": {"fa": 1.0}, "AF": {"fa": 0.6, "ps": 0.4}, "SA": {"ar": 1.0},
    "AE": {"ar": 0.6, "en": 0.4},
    "QA": {"ar": 0.7, "en": 0.3}, "KW": {"ar": 1.0}, "BH": {"ar": 1.0}, "OM": {"ar": 1.0},
    "JO": {"ar": 1.0}, "LB": {"ar": 0.8, "fr": 0.2}, "SY": {"ar": 1.0}, "IQ": {"ar": 1.0},
    "EG": {"ar": 1.0}, "LY": {"ar": 1.0}, "SD": {"ar": 1.0}, "YE": {"ar": 1.0},
    "MA": {"ar": 0.7, "fr": 0.3}, "DZ": {"ar": 0.7, "fr": 0.3}, "TN": {"ar": 0.6, "fr": 0.4},
    "ET": {"am": 1.0},
}
# fmt: on


def country_languages(country: str | None) -> dict[str, float]:
    """Likely languages (with shares) of customers from an ISO 3166-1 alpha-2 country."""
    if not country:
        return {}
    return dict(_COUNTRY_LANGUAGES.get(country.strip().upper(), {}))


def conversation_weights(prior_languages: Sequence[str] | Mapping[str, float]) -> dict[str, float]:
    """Normalised weights (summing to 1) of the languages a conversation used."""
    raw: dict[str, float] = {}
    if isinstance(prior_languages, Mapping):
        for code, weight in prior_languages.items():
            if isinstance(code, str) and _usable_weight(weight):
                raw[code] = raw.get(code, 0.0) + float(weight)
    elif not isinstance(prior_languages, str):
        codes = [code for code in prior_languages if isinstance(code, str)]
        for age, code in enumerate(reversed(codes)):
            raw[code] = raw.get(code, 0.0) + RECENCY_DECAY**age
    total = sum(raw.values())
    return {code: weight / total for code, weight in raw.items()} if total > 0 else {}


def _usable_weight(weight: object) -> bool:
    """Finite positive numbers only."""
    return isinstance(weight, int | float) and math.isfinite(weight) and weight > 0
