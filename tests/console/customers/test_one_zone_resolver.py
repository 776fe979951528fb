"""One resolver of a customer's zone: a Californian known only by a Los Angeles phone
number (country US, no stored zone) is on Los Angeles time everywhere: the inbox row,
the customer panel's clock, the rules' dates and "send at their 09:00"."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from factories import MessageFactory
from sqlalchemy import event, select

from console.customers import customer_local_view
from console.inbox.ingest import ingest
from console.inbox.queries import conversation_detail, inbox_rows
from console.inbox.their_hours import schedule_reply_at_their_business_start
from console.policies import policy_view
from console.store import Store
from console.store.models import ChannelKind, Conversation, Customer
from timezones import format_local_date

LOS_ANGELES = "America/Los_Angeles"
# Friday 2026-11-20 15:00 UTC: 07:00 in Los Angeles (before opening), 10:00 in New York.
FRIDAY = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


@pytest.fixture
def store(any_store: Store) -> Store:
    return any_store


def _californian(store: Store, message: MessageFactory) -> tuple[int, int]:
    ingest(
        store,
        [
            message(
                "my order has not arrived",
                address="+1 213 555 0100",
                name="Cal",
                country="US",
                channel=ChannelKind.PHONE,
            )
        ],
    )
    with store.session() as session:
        customer = session.scalars(select(Customer).where(Customer.name == "Cal")).one()
        assert (customer.time_zone, customer.region, customer.city) == (None, None, None)
        conversation_id = session.scalars(
            select(Conversation.id).where(Conversation.customer_id == customer.id)
        ).one()
        return customer.id, conversation_id


def test_a_californian_is_on_los_angeles_time_everywhere(
    store: Store, message: MessageFactory
) -> None:
    customer_id, conversation_id = _californian(store, message)
    with store.session() as session:
        row = inbox_rows(session, [conversation_id])[conversation_id]
        detail = conversation_detail(session, conversation_id)
        panel = customer_local_view(session, customer_id, FRIDAY)
        rules = policy_view(session, conversation_id, now=FRIDAY)
    assert row.time_zone == LOS_ANGELES  # the inbox's "Their time" column
    assert detail is not None and detail.summary.time_zone == LOS_ANGELES
    assert panel is not None and panel.zone.zone == LOS_ANGELES  # the panel's clock
    assert panel.facts is not None and panel.facts.local_time.hour == 7
    assert rules is not None and rules.customer_zone == LOS_ANGELES  # the rules' dates
    sent_at = detail.messages[0].sent_at
    assert rules.message_date == format_local_date(sent_at, LOS_ANGELES, "en")
    with store.session() as session:
        _, send_at = schedule_reply_at_their_business_start(
            session, conversation_id, "On its way.", agent_id=None, now=FRIDAY
        )
    # 09:00 in Los Angeles that same Friday (New York would have been open already).
    assert send_at == datetime(2026, 11, 20, 17, 0, tzinfo=UTC)


def test_a_page_of_rows_resolves_zones_in_a_batch(store: Store, message: MessageFactory) -> None:
    """The statements for a page do not grow with its rows."""
    for number in range(12):
        ingest(
            store,
            [
                message(
                    address=f"+1 213 555 01{number:02d}",
                    name=f"Cal {number}",
                    country="US",
                    channel=ChannelKind.PHONE,
                    minutes=number,
                )
            ],
        )
    with store.session() as session:
        ids = list(session.scalars(select(Conversation.id).order_by(Conversation.id)))
    assert len(ids) == 12

    def statements_for(page: list[int]) -> int:
        seen: list[str] = []

        def count(*args: object) -> None:
            seen.append(str(args[2]))

        event.listen(store.engine, "before_cursor_execute", count)
        try:
            with store.session() as session:
                rows = inbox_rows(session, page)
        finally:
            event.remove(store.engine, "before_cursor_execute", count)
        assert {row.time_zone for row in rows.values()} == {LOS_ANGELES}
        return len(seen)

    assert statements_for(ids) == statements_for(ids[:1])


def test_the_zone_alone_is_the_full_resolution_s_zone(
    store: Store, message: MessageFactory
) -> None:
    """The inbox's cheap path (stored zone, else the evidence) answers as the full resolver."""
    from console.customers.zones import (
        correct_customer_zone,
        zone_names_of_customers,
        zones_of_customers,
    )

    _californian(store, message)
    ingest(store, [message("hola", address="ana@example.es", name="Ana", country="ES"),
                   message("hi", address="jo@example.com", name="Jo", country=None)])  # fmt: skip
    with store.session() as session:
        customers = session.scalars(select(Customer).order_by(Customer.id)).all()
        correct_customer_zone(session, customers[-1].id, "Asia/Tokyo", actor="Li Wei")
        customers[0].time_zone = "Mars/Olympus"  # not a zone: resolved from evidence
        session.flush()
        full = {i: z.zone for i, z in zones_of_customers(session, customers).items()}
        assert zone_names_of_customers(session, customers) == full
        assert full[customers[0].id] == LOS_ANGELES and full[customers[-1].id] == "Asia/Tokyo"
