"""The language of inbound messages, detected as they arrive (Qt-free).

:func:`console.inbox.ingest.ingest_batch` calls :func:`detect_arrivals` for the
fresh inbound messages of a batch that came without a language, before the
customers are resolved, so that a new customer's country guess
(:mod:`console.customers.country`) can use the detected language too.

Detection is :func:`translation.detect_language` among the store's market
languages (every default language when the store has no markets yet), with the
country the channel declares as a prior. Each distinct text is detected once per
batch, as the detector reads it (without order numbers, links, digits): an import
of a mailbox holds many copies of the same short message. A text without letters
(only an order number, only an emoji) is stored as :data:`UNDETERMINED`, so that
"undetermined" is an answer, not a gap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.store.models import Market
from timezones.country_guess import declared_country
from translation import detect_language
from translation._langid_text import clean
from translation.detect import UNDETERMINED, Detection

__all__ = ["UNDETERMINED", "Arrival", "detect_arrivals", "store_languages"]

DETECT_CHARS = 2000
"""Only this many leading characters are read: more text changes no answer, it only costs."""


NO_LETTERS = Detection(UNDETERMINED, 0.0, False)


@dataclass(frozen=True)
class Arrival:
    """What detection needs of one message: its text and the country the channel declared."""

    text: str
    country: str | None = None


def store_languages(session: Session) -> tuple[str, ...]:
    """The languages of the store's markets, in market order (empty when there are none)."""
    languages: list[str] = []
    for market_languages in session.scalars(select(Market.languages).order_by(Market.id)):
        languages.extend(lang for lang in market_languages or () if lang not in languages)
    return tuple(languages)


def detect_arrivals(arrivals: Sequence[Arrival], candidates: Sequence[str] = ()) -> list[Detection]:
    """One detection per arrival (aligned), each distinct (text, country) detected once.

    Texts are compared as the detector reads them (order numbers, links and digits
    removed), so "Where is order A123?" and "Where is order B456?" cost one detection.

    ``candidates`` are the languages to choose among; empty means the detector's defaults.
    """
    allowed = tuple(candidates) or None
    seen: dict[tuple[str, str | None], Detection] = {}
    found: list[Detection] = []
    for arrival in arrivals:
        text = arrival.text[:DETECT_CHARS]
        letters = clean(text)  # what detect_language decides on; the answer depends on it only
        key = (letters, arrival.country)
        detection = seen.get(key)
        if detection is None:
            if letters:
                country = declared_country(arrival.country) if arrival.country else None
                detection = detect_language(text, allowed, country=country)
            else:  # a country alone is no evidence of what someone wrote
                detection = NO_LETTERS
            seen[key] = detection
        found.append(detection)
    return found
