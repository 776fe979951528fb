"""A customer's time zone: the guess from their stored fields, and corrections by agents."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from console import audit
from console.store.coverage_tables import CustomerZoneCorrection
from console.store.models import ChannelIdentity, ChannelKind, Customer
from timezones import customer_zone
from timezones.wallclock import is_valid_zone

#: ``CustomerZone.source`` of a zone an agent set by hand.
CORRECTED = "corrected"
#: ``CustomerZone.source`` of a zone stored on the record that no evidence explains.
STORED = "stored"


class ZoneCorrectionError(ValueError):
    """The correction cannot be made; the message is for the user."""


@dataclass(frozen=True)
class CustomerZone:
    """Where a customer's clock is and why.

    ``source``: "corrected" (an agent set it), "stored" (on the record, from the
    channel), or a :class:`timezones.ZoneSource` value of the evidence that
    decided it ("city", "region", "phone", "country", "none"); ``evidence`` is
    that piece of evidence (the city name, the phone number, the country code).
    """

    customer_id: int
    zone: str | None
    source: str
    certain: bool
    evidence: str | None
    alternatives: tuple[str, ...]
    country: str | None
    corrected_by: str | None = None
    corrected_at: datetime | None = None


def _first_phones(session: Session, customer_ids: Sequence[int]) -> dict[int, str]:
    """Each customer's first phone number (the oldest phone identity), in one query."""
    phones: dict[int, str] = {}
    for customer_id, address in session.execute(
        select(ChannelIdentity.customer_id, ChannelIdentity.address)
        .where(
            ChannelIdentity.customer_id.in_(customer_ids),
            ChannelIdentity.kind == ChannelKind.PHONE,
        )
        .order_by(ChannelIdentity.id)
    ):
        phones.setdefault(customer_id, address)
    return phones


def _latest_corrections(
    session: Session, customer_ids: Sequence[int]
) -> dict[int, CustomerZoneCorrection]:
    """Each customer's latest zone correction, in one query."""
    latest: dict[int, CustomerZoneCorrection] = {}
    for correction in session.scalars(
        select(CustomerZoneCorrection)
        .where(CustomerZoneCorrection.customer_id.in_(customer_ids))
        .order_by(CustomerZoneCorrection.corrected_at.desc(), CustomerZoneCorrection.id.desc())
    ):
        latest.setdefault(correction.customer_id, correction)
    return latest


def zone_of_customer(session: Session, customer: Customer) -> CustomerZone:
    """Where the customer's clock is, and why: the one resolver of a customer's zone.

    The inbox row, the customer panel, the rules' dates and "send at their 09:00"
    all take the zone from here (a page of inbox rows through
    :func:`zones_of_customers`, the same resolution in two queries a page).
    """
    return zones_of_customers(session, [customer])[customer.id]


def zones_of_customers(session: Session, customers: Sequence[Customer]) -> dict[int, CustomerZone]:
    """:func:`zone_of_customer` for many customers at once (two queries in all)."""
    ids = sorted({customer.id for customer in customers})
    if not ids:
        return {}
    corrections = _latest_corrections(session, ids)
    phones = _first_phones(session, ids)
    return {
        customer.id: _resolve(customer, corrections.get(customer.id), phones.get(customer.id))
        for customer in customers
    }


def zone_names_of_customers(
    session: Session, customers: Sequence[Customer]
) -> dict[int, str | None]:
    """Just the zone of each customer, as :func:`zones_of_customers` decides it, cheaply.

    A valid stored zone is always the answer there (an agent's correction is
    stored; a stored zone that no evidence explains still wins), so only the
    customers without one are resolved from their evidence. A page of inbox rows
    takes its zones from here.
    """
    names: dict[int, str | None] = {}
    unknown: list[Customer] = []
    for customer in customers:
        if is_valid_zone(customer.time_zone):
            names[customer.id] = customer.time_zone
        else:
            unknown.append(customer)
    if unknown:
        names.update(
            (customer_id, zone.zone)
            for customer_id, zone in zones_of_customers(session, unknown).items()
        )
    return names


def _resolve(
    customer: Customer, correction: CustomerZoneCorrection | None, phone: str | None
) -> CustomerZone:
    if correction is not None and correction.zone == customer.time_zone:
        return CustomerZone(
            customer.id,
            correction.zone,
            CORRECTED,
            True,
            None,
            (),
            customer.country,
            correction.corrected_by,
            correction.corrected_at,
        )
    guess = customer_zone(
        country=customer.country, region=customer.region, city=customer.city, phone=phone
    )
    evidence = {
        "city": customer.city,
        "region": customer.region,
        "phone": phone,
        "country": customer.country,
    }.get(str(guess.source))
    stored = customer.time_zone if is_valid_zone(customer.time_zone) else None
    if stored is not None and stored != guess.zone:
        return CustomerZone(
            customer.id, stored, STORED, True, None, (), guess.country or customer.country
        )
    return CustomerZone(
        customer.id,
        guess.zone,
        str(guess.source),
        guess.certain,
        evidence,
        guess.alternatives,
        guess.country or customer.country,
    )


def customer_zone_info(session: Session, customer_id: int) -> CustomerZone | None:
    customer = session.get(Customer, customer_id)
    return None if customer is None else zone_of_customer(session, customer)


def correct_customer_zone(
    session: Session, customer_id: int, zone: str, *, actor: str
) -> CustomerZone:
    """Store ``zone`` as the customer's zone (who and when are kept, and audited)."""
    if not is_valid_zone(zone):
        raise ZoneCorrectionError(f"Unknown time zone {zone!r}.")
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise ZoneCorrectionError(f"Customer {customer_id} no longer exists.")
    previous = customer.time_zone
    customer.time_zone = zone
    session.add(
        CustomerZoneCorrection(
            customer_id=customer.id, zone=zone, previous_zone=previous, corrected_by=actor
        )
    )
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="correct_time_zone",
        entity="customer",
        entity_id=customer.id,
        previous=previous,
        zone=zone,
    )
    return zone_of_customer(session, customer)
