"""The customer's country: from the channel, from evidence at ingest, or set by an agent.

At ingest a new customer gets the country the channel declares (source
``"channel"``). When the channel says nothing, :func:`customer_country`
(``timezones``) weighs what the message tells: the e-mail domain's ccTLD, an
international phone number, the Date header's UTC offset with the message's
language, the language alone. The guess is stored with its source and
evidence, certain or not (a language alone is never certain), so that the
rules, deadlines and data-request tracking apply at once, and the customer
panel shows "guessed from …" for the agent to confirm or correct.

An agent's :func:`set_customer_place` (country, region, city) is audited and
marked ``"agent"``. Ingest only fills in customers it creates, once each, so a
later message never overwrites what an agent set.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from console import audit
from console.incoming import IncomingMessage
from console.problems import ProblemError, define, problem
from console.store.models import ChannelKind, Conversation, Customer, Market, utcnow
from timezones import customer_country
from timezones.country_guess import declared_country
from timezones.zone_guess import parse_date_header

#: ``Customer.country_source`` of a country the channel declared.
CHANNEL = "channel"
#: ``Customer.country_source`` of a place an agent set.
AGENT = "agent"
#: The sources of guesses (``timezones.CountrySource`` values), strongest first.
GUESSED = ("phone", "email_domain", "date_offset_language", "language")

MAX_PLACE_CHARS = 100  # region and city columns

PLACE_UNKNOWN_COUNTRY = define(
    "customer.unknown_country",
    "“{value}” is not a country the console knows; choose one from the list.",
)
PLACE_NO_CUSTOMER = define(
    "customer.gone", "This customer no longer exists; their place was not changed."
)
PLACE_TOO_LONG = define(
    "customer.place_too_long", "The {field} is longer than {limit} characters; shorten it."
)


@dataclass(frozen=True)
class CountryEvidence:
    """A customer's country and why: what ingest stores for a new customer."""

    country: str | None
    source: str | None  # CHANNEL, a GUESSED value, or None (nothing known)
    evidence: str | None = None  # the e-mail domain, the number, "+0100 · nl", ...
    certain: bool = False
    alternatives: tuple[str, ...] = ()

    def columns(self) -> dict[str, object]:
        """The ``customers`` columns for this evidence."""
        details: dict[str, Any] | None = None
        if self.source is not None:
            details = {
                "evidence": self.evidence,
                "certain": self.certain,
                "alternatives": list(self.alternatives),
            }
        return {
            "country": self.country,
            "country_source": self.source,
            "country_evidence": details,
        }


NOTHING = CountryEvidence(None, None)


def country_at_ingest(item: IncomingMessage) -> CountryEvidence:
    """The country of a customer first seen in ``item`` (called once per new customer)."""
    declared = (item.customer.country or "").strip()
    if declared:
        code = declared_country(declared)
        return CountryEvidence(code or declared[:2], CHANNEL, declared[:100], True)
    email = item.email or (item.address if item.channel is ChannelKind.EMAIL else None)
    phone = item.phone or (item.address if item.channel is ChannelKind.PHONE else None)
    guess = customer_country(
        email=email, phone=phone, date_header=item.date_header, language=item.language
    )
    if guess.country is None:
        return NOTHING
    return CountryEvidence(
        guess.country,
        guess.source,
        _evidence(guess.source, email=email, phone=phone, item=item),
        guess.certain,
        guess.alternatives,
    )


def _evidence(source: str, *, email: str | None, phone: str | None, item: IncomingMessage) -> str:
    if source == "email_domain" and email:
        return email.rpartition("@")[2].strip(" <>")[:100]
    if source == "phone" and phone:
        return phone.strip()[:64]
    language = (item.language or "").strip()[:20]
    if source == "date_offset_language":
        sent = parse_date_header(item.date_header)
        offset = sent.strftime("%z") if sent is not None else ""
        return f"UTC{offset[:3]}:{offset[3:]} · {language}" if offset else language
    return language


# --- what the panel shows, and the agent's command --------------------------------------


@dataclass(frozen=True)
class CustomerPlace:
    """Where the customer is, and why the console thinks so (plain data for the panel)."""

    customer_id: int
    country: str | None
    region: str | None
    city: str | None
    source: str | None  # CHANNEL, AGENT, a GUESSED value, or None (as stored, reason unknown)
    evidence: str | None
    certain: bool
    alternatives: tuple[str, ...]
    set_by: str | None = None
    set_at: datetime | None = None

    @property
    def guessed(self) -> bool:
        return self.source in GUESSED


def place_of(customer: Customer) -> CustomerPlace:
    details = customer.country_evidence or {}
    source = customer.country_source
    set_at: datetime | None = None
    if source == AGENT and isinstance(details.get("at"), str):
        try:
            set_at = datetime.fromisoformat(details["at"])
        except ValueError:
            set_at = None
    alternatives = details.get("alternatives") or ()
    return CustomerPlace(
        customer_id=customer.id,
        country=customer.country,
        region=customer.region,
        city=customer.city,
        source=source,
        evidence=_text(details.get("evidence")),
        certain=bool(details.get("certain", source in (CHANNEL, AGENT))),
        alternatives=tuple(str(code) for code in alternatives if isinstance(code, str)),
        set_by=_text(details.get("by")),
        set_at=set_at,
    )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def customer_place(session: Session, customer_id: int) -> CustomerPlace | None:
    customer = session.get(Customer, customer_id)
    return None if customer is None else place_of(customer)


def set_customer_place(
    session: Session,
    customer_id: int,
    *,
    country: str | None,
    region: str | None,
    city: str | None,
    actor: str,
) -> CustomerPlace:
    """Store the place an agent set (audited); later ingest never changes it.

    ``country`` is a code or a name in any common form ("NL", "Netherlands",
    "荷兰"); empty means unknown. The customer's conversations without a market,
    or in the market of the previous country, move to the new country's market.
    """
    code: str | None = None
    if country and country.strip():
        code = declared_country(country)
        if code is None:
            raise ProblemError(problem(PLACE_UNKNOWN_COUNTRY, value=country.strip()))
    region_text = _place_text(region, "region")
    city_text = _place_text(city, "city")
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise ProblemError(problem(PLACE_NO_CUSTOMER))
    previous = {"country": customer.country, "region": customer.region, "city": customer.city}
    previous_source = customer.country_source
    now = utcnow()
    customer.country, customer.region, customer.city = code, region_text, city_text
    customer.country_source = AGENT
    customer.country_evidence = {"by": actor, "at": now.isoformat(), "certain": True}
    _follow_market(session, customer.id, previous["country"], code)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="set_customer_place",
        entity="customer",
        entity_id=customer.id,
        # Countries only: a region or city is the customer's personal data, which the
        # append-only log must not hold (an erasure could not take it out).
        previous={"country": previous["country"]},
        previous_source=previous_source,
        country=code,
        region_changed=region_text != previous["region"],
        city_changed=city_text != previous["city"],
    )
    return place_of(customer)


def _place_text(value: str | None, field: str) -> str | None:
    text = " ".join((value or "").replace("\x00", "").split())
    if len(text) > MAX_PLACE_CHARS:
        raise ProblemError(problem(PLACE_TOO_LONG, field=field, limit=MAX_PLACE_CHARS))
    return text or None


def markets_by_country(session: Session) -> dict[str, int]:
    """The market of each country: the one resolver of a customer's (support) market.

    A country listed by several markets belongs to the first (lowest id). Ingest
    gives a new conversation its customer's market from here, a changed place
    moves conversations with it (:func:`set_customer_place`), and the customer
    panel falls back to it for a customer whose conversations have none.
    """
    markets: dict[str, int] = {}
    for market_id, countries in session.execute(
        select(Market.id, Market.countries).order_by(Market.id)
    ):
        for country in countries or []:
            markets.setdefault(country, int(market_id))
    return markets


def market_for_country(session: Session, country: str | None) -> int | None:
    """The market of one country (:func:`markets_by_country`)."""
    return markets_by_country(session).get(country) if country else None


def _follow_market(session: Session, customer_id: int, old: str | None, new: str | None) -> None:
    """Conversations without a market, or in the old country's, go to the new country's."""
    target = market_for_country(session, new)
    old_market = market_for_country(session, old)
    if target is None or target == old_market:
        return
    followed: list[ColumnElement[bool]] = [Conversation.market_id.is_(None)]
    if old_market is not None:
        followed.append(Conversation.market_id == old_market)
    session.execute(
        update(Conversation)
        .where(Conversation.customer_id == customer_id, or_(*followed))
        .values(market_id=target)
        .execution_options(synchronize_session=False)
    )
