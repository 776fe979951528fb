"""A customer's time zone: the guess from their stored fields, and corrections by agents."""

from __future__ import annotations

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


def _phone(session: Session, customer_id: int) -> str | None:
    return session.scalar(
        select(ChannelIdentity.address)
        .where(
            ChannelIdentity.customer_id == customer_id,
            ChannelIdentity.kind == ChannelKind.PHONE,
        )
        .order_by(ChannelIdentity.id)
        .limit(1)
    )


def _latest_correction(session: Session, customer_id: int) -> CustomerZoneCorrection | None:
    return session.scalars(
        select(CustomerZoneCorrection)
        .where(CustomerZoneCorrection.customer_id == customer_id)
        .order_by(CustomerZoneCorrection.corrected_at.desc(), CustomerZoneCorrection.id.desc())
        .limit(1)
    ).first()


def zone_of_customer(session: Session, customer: Customer) -> CustomerZone:
    correction = _latest_correction(session, customer.id)
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
    phone = _phone(session, customer.id)
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
