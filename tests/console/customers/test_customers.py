"""Customer zones (guess, correction), local facts, "send at their 09:00" and the inbox sort."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from factories import MessageFactory
from sqlalchemy import select

from console.coverage import set_market_hours
from console.customers import (
    CORRECTED,
    STORED,
    THEIR_BUSINESS_START,
    ZoneCorrectionError,
    correct_customer_zone,
    customer_local_view,
    customer_zone_info,
    next_business_start,
)
from console.inbox.commands import CommandError, schedule_reply
from console.inbox.ingest import ingest
from console.inbox.queries import (
    InboxFilter,
    InboxSort,
    conversation_detail,
    conversation_ids,
    inbox_rows,
)
from console.inbox.their_hours import (
    schedule_reply_at_their_business_start,
    their_next_business_start,
)
from console.incoming import CustomerInfo, IncomingMessage
from console.store import Store
from console.store.coverage_tables import ScheduledSend
from console.store.models import AuditEntry, Conversation, Customer, Market
from timezones import BusinessHours

# Friday 2026-11-20 15:00 UTC: 16:00 in Berlin, 10:00 in New York, Saturday 00:00 in Tokyo.
FRIDAY = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


def _customer(
    store: Store,
    message: MessageFactory,
    *,
    address: str,
    country: str | None,
    city: str | None = None,
    zone: str | None = None,
) -> tuple[int, int]:
    base = message(address=address, country=country)
    item = IncomingMessage(
        channel=base.channel,
        address=address,
        customer=CustomerInfo(name=address, country=country, city=city, time_zone=zone),
        sent_at=base.sent_at,
        # Without a country, no language either: words would be evidence of one.
        text=base.text if country else "#4711",
        external_id=base.external_id,
    )
    ingest(store, [item], actor="test")
    with store.session() as session:
        conversation = session.scalars(
            select(Conversation).join(Customer).where(Customer.name == address)
        ).one()
        return conversation.customer_id, conversation.id


def test_zone_reason_from_city_country_or_stored(store: Store, message: MessageFactory) -> None:
    lyon, _ = _customer(store, message, address="a@x.fr", country="FR", city="Lyon")
    us, _ = _customer(store, message, address="b@x.us", country="US")
    stored, _ = _customer(store, message, address="c@x.de", country="DE", zone="America/New_York")
    nothing, _ = _customer(store, message, address="d@x.com", country=None)
    with store.session() as session:
        by_city = customer_zone_info(session, lyon)
        by_country = customer_zone_info(session, us)
        on_record = customer_zone_info(session, stored)
        unknown = customer_zone_info(session, nothing)
        assert customer_zone_info(session, 12345) is None
    assert by_city is not None and (by_city.zone, by_city.source, by_city.evidence) == (
        "Europe/Paris",
        "city",
        "Lyon",
    )
    assert by_country is not None and by_country.source == "country"
    assert not by_country.certain and "America/Los_Angeles" in by_country.alternatives
    assert on_record is not None and (on_record.zone, on_record.source) == (
        "America/New_York",
        STORED,
    )
    assert unknown is not None and unknown.zone is None and unknown.source == "none"


def test_correction_is_stored_and_audited(store: Store, message: MessageFactory) -> None:
    customer_id, _ = _customer(store, message, address="b@x.us", country="US")
    with store.session() as session:
        corrected = correct_customer_zone(session, customer_id, "America/Denver", actor="Lea")
        with pytest.raises(ZoneCorrectionError):
            correct_customer_zone(session, customer_id, "Mars/Olympus", actor="Lea")
        with pytest.raises(ZoneCorrectionError):
            correct_customer_zone(session, 999, "UTC", actor="Lea")
    assert (corrected.zone, corrected.source, corrected.corrected_by) == (
        "America/Denver",
        CORRECTED,
        "Lea",
    )
    with store.session() as session:
        again = customer_zone_info(session, customer_id)
        customer = session.get(Customer, customer_id)
        audit = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "correct_time_zone")
        ).one()
    assert again is not None and again.source == CORRECTED and again.corrected_at is not None
    assert customer is not None and customer.time_zone == "America/Denver"
    assert (audit.actor, audit.entity_id, audit.detail["zone"]) == (
        "Lea",
        customer_id,
        "America/Denver",
    )


def test_local_view_has_facts_and_market_hours(store: Store, message: MessageFactory) -> None:
    customer_id, _ = _customer(store, message, address="t@x.jp", country="JP", zone="Asia/Tokyo")
    with store.session() as session:
        market = Market(code="JP", name="Japan", countries=["JP"], languages=["ja"])
        session.add(market)
        session.flush()
        set_market_hours(session, market.id, "Asia/Tokyo", ["Mon 09:00-18:00"], actor="Lea")
    with store.session() as session:
        view = customer_local_view(session, customer_id, FRIDAY)
    assert view is not None and view.facts is not None
    assert view.facts.local.hour == 0 and view.facts.is_night and view.facts.is_weekend
    assert view.next_business_start == datetime(2026, 11, 24, 0, 0, tzinfo=UTC)  # Mon 23: holiday
    assert view.market is not None and view.market.code == "JP"
    assert view.market.periods == ("Mon 09:00-18:00",) and view.market_open is False


def test_next_business_start_is_strictly_after() -> None:
    hours = BusinessHours.standard("Europe/Berlin", country="DE")
    # Open now (Friday 16:00 Berlin): the next start is Monday 09:00, not now.
    assert next_business_start(hours, FRIDAY) == datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    early = datetime(2026, 11, 19, 6, 0, tzinfo=UTC)  # Thursday 07:00 Berlin
    assert next_business_start(hours, early) == datetime(2026, 11, 19, 8, 0, tzinfo=UTC)
    split = BusinessHours.weekly("UTC", {"mon": [("09:00", "12:00"), ("12:00", "18:00")]})
    # A period that continues another is not a new start.
    monday = datetime(2026, 11, 16, 10, 0, tzinfo=UTC)
    assert next_business_start(split, monday) == datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_send_at_their_nine(store: Store, message: MessageFactory) -> None:
    _, conversation_id = _customer(
        store, message, address="n@x.us", country="US", zone="America/New_York"
    )
    with store.session() as session:
        message_id, send_at = schedule_reply_at_their_business_start(
            session, conversation_id, "  Thanks, we are on it.  ", agent_id=None, now=FRIDAY
        )
    assert send_at == datetime(2026, 11, 23, 14, 0, tzinfo=UTC)  # Monday 09:00 New York
    with store.session() as session:
        entry = session.get(ScheduledSend, message_id)
        detail = conversation_detail(session, conversation_id)
        actions = list(session.scalars(select(AuditEntry.action)))
        assert their_next_business_start(session, detail.customer.id, FRIDAY) == send_at  # type: ignore[union-attr]
    assert entry is not None and entry.state == "scheduled" and entry.reason == THEIR_BUSINESS_START
    assert detail is not None
    last = detail.messages[-1]
    assert (last.text, last.scheduled_for, last.sent_at) == (
        "Thanks, we are on it.",
        send_at,
        send_at,
    )
    assert detail.messages[0].scheduled_for is None
    assert not detail.summary.awaiting_reply
    assert "schedule_reply" in actions


def test_scheduling_needs_a_zone_and_an_aware_time(store: Store, message: MessageFactory) -> None:
    _, conversation_id = _customer(store, message, address="z@x.com", country=None)
    with store.session() as session:
        with pytest.raises(CommandError):
            schedule_reply_at_their_business_start(
                session, conversation_id, "hi", agent_id=None, now=FRIDAY
            )
        with pytest.raises(CommandError):
            schedule_reply(
                session, conversation_id, "hi", agent_id=None, send_at=datetime(2026, 11, 23)
            )


def test_inbox_sorts_by_their_local_time_now(store: Store, message: MessageFactory) -> None:
    tokyo = _customer(store, message, address="t@x.jp", country="JP", zone="Asia/Tokyo")[1]
    york = _customer(store, message, address="n@x.us", country="US", zone="America/New_York")[1]
    berlin = _customer(store, message, address="b@x.de", country="DE")[1]  # by country
    nowhere = _customer(store, message, address="x@x.com", country=None)[1]
    with store.session() as session:
        ascending = conversation_ids(
            session, InboxFilter(sort=InboxSort.LOCAL_TIME, descending=False)
        )
        descending = conversation_ids(session, InboxFilter(sort=InboxSort.LOCAL_TIME))
        rows = inbox_rows(session, [berlin, nowhere])
    known = [york, berlin, tokyo]
    assert [i for i in ascending if i != nowhere] == known
    assert [i for i in descending if i != nowhere] == known[::-1]
    assert rows[berlin].time_zone == "Europe/Berlin" and rows[nowhere].time_zone is None
