"""The rules that apply to a customer, and the statutory dates worked out from them.

:func:`market_code_for` is the one resolver of a customer's rules market ("US-CA"
for a Californian, else "US"); :func:`customer_zone` the zone their dates are
counted in (from :func:`console.customers.zones.zone_of_customer`). The panel's
view (:mod:`console.policies.view`) and the tracked tasks
(:mod:`console.policies.tasks`) both count deadlines here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from console.customers.zones import zone_of_customer
from console.policies.classifier import RequestKind
from console.policies.deadlines import Deadline, later, period_end
from console.policies.defaults import effective_return_window, store_return_window
from console.policies.rules import MarketRules, ensure_seed_pack, market_rules
from console.store.models import Conversation, Customer, utcnow
from timezones import normalize_country
from timezones.regions import subdivision_code

COUNTRY_ALIASES = {"UK": "GB", "EL": "GR"}


def market_code_for(
    session: Session, country: str | None, region: str | None, now: datetime | None = None
) -> str | None:
    """The most specific market with rules: "US-CA" for a Californian, else "US"."""
    code = (country or "").strip().upper()
    code = COUNTRY_ALIASES.get(code, code)
    code = normalize_country(code) or code if code else ""
    if not code:
        return None
    if region:
        sub = subdivision_code(code, region)
        if sub and market_rules(session, f"{code}-{sub}", now) is not None:
            return f"{code}-{sub}"
    return code if market_rules(session, code, now) is not None else None


def customer_zone(session: Session, customer: Customer) -> str:
    """The zone the customer's dates are counted in.

    :func:`console.customers.zones.zone_of_customer` decides (the one resolver of a
    customer's zone); UTC when nothing tells where the customer is.
    """
    return zone_of_customer(session, customer).zone or "UTC"


def _deadline(
    block: Mapping[str, Any] | None,
    event: datetime,
    zone: str,
    country: str | None,
    subdivision: str | None,
    *,
    roll: bool = False,
) -> Deadline | None:
    if not block or block.get("amount") is None:
        return None
    return period_end(
        event,
        int(block["amount"]),
        str(block.get("unit", "days")),
        zone,
        country=country,
        subdivision=subdivision,
        roll=roll,
    )


@dataclass(frozen=True)
class CustomerRules:
    rules: MarketRules
    zone: str
    country: str | None
    subdivision: str | None
    default_return_days: int | None = None  # the store-wide return window


def customer_rules(session: Session, customer: Customer, now: datetime) -> CustomerRules | None:
    """The rules in force for the customer (their rules market) and the zone of their dates."""
    code = market_code_for(session, customer.country, customer.region, now)
    if code is None:
        return None
    rules = market_rules(session, code, now)
    assert rules is not None
    country = code.split("-")[0]
    return CustomerRules(
        rules,
        customer_zone(session, customer),
        country,
        subdivision_code(country, customer.region) if customer.region else None,
        store_return_window(session),
    )


def withdrawal_deadline(ctx: CustomerRules, delivered_at: datetime) -> Deadline | None:
    data = ctx.rules.data
    withdrawal = data.get("withdrawal") or {}
    statutory = None
    if withdrawal.get("applies") and withdrawal.get("days"):
        statutory = period_end(
            delivered_at,
            int(withdrawal["days"]),
            str(withdrawal.get("unit", "days")),
            ctx.zone,
            country=ctx.country,
            subdivision=ctx.subdivision,
            roll=bool(withdrawal.get("roll_to_working_day")),
        )
    store_days, _ = effective_return_window(data, ctx.default_return_days)
    store = period_end(delivered_at, store_days, "days", ctx.zone) if store_days else None
    if statutory is None:
        return store
    return later(statutory, store)  # a store policy may extend the law, never shorten it


def refund_deadline(ctx: CustomerRules, notice_at: datetime) -> Deadline | None:
    data = ctx.rules.data
    refund = data.get("refund") or {}
    statutory = _deadline(refund, notice_at, ctx.zone, ctx.country, ctx.subdivision)
    store_days = (data.get("store_policy") or {}).get("refund_days")
    if store_days is not None:
        store = period_end(notice_at, int(store_days), "days", ctx.zone)
        if statutory is None or store.ends_at < statutory.ends_at:
            return store  # sooner than the law: the store's promise applies
    return statutory


def data_request_deadline(ctx: CustomerRules, received_at: datetime) -> Deadline | None:
    privacy = ctx.rules.data.get("privacy") or {}
    return _deadline(privacy.get("response"), received_at, ctx.zone, ctx.country, ctx.subdivision)


def request_deadline(
    session: Session,
    conversation: Conversation,
    kind: RequestKind,
    received_at: datetime,
    *,
    now: datetime | None = None,
) -> tuple[str | None, Deadline | None]:
    """The market code and the statutory due date for a request received at *received_at*."""
    ensure_seed_pack(session)
    customer = session.get(Customer, conversation.customer_id)
    assert customer is not None
    ctx = customer_rules(session, customer, now or utcnow())
    if ctx is None:
        return None, None
    if kind is RequestKind.WITHDRAWAL:
        return ctx.rules.code, refund_deadline(ctx, received_at)
    return ctx.rules.code, data_request_deadline(ctx, received_at)
