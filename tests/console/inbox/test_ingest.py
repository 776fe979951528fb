"""Ingest: one thread per customer, no duplicates, summaries kept right."""

from __future__ import annotations

from factories import MessageFactory
from sqlalchemy import func, select

from console.inbox.ingest import ingest
from console.store import Store
from console.store.models import (
    AuditEntry,
    ChannelIdentity,
    ChannelKind,
    Conversation,
    ConversationStatus,
    Customer,
    Direction,
    Message,
)


def _count(store: Store, model: type) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_messages_from_one_address_share_one_thread(store: Store, message: MessageFactory) -> None:
    result = ingest(
        store,
        [
            message("hi, where is my order #A1?"),
            message("any update??"),
            message("hallo", address="jonas@example.de", name="Jonas", country="DE"),
        ],
    )
    assert (result.imported, result.duplicates) == (3, 0)
    assert _count(store, Customer) == 2
    assert _count(store, ChannelIdentity) == 2
    assert _count(store, Conversation) == 2
    assert len(result.conversation_ids) == 2


def test_reimport_adds_nothing(store: Store, message: MessageFactory) -> None:
    batch = [message(f"message {n}") for n in range(50)]
    first = ingest(store, batch, batch_size=7)
    again = ingest(store, batch, batch_size=7)
    assert (first.imported, first.duplicates) == (50, 0)
    assert (again.imported, again.duplicates) == (0, 50)
    assert _count(store, Message) == 50


def test_duplicates_inside_one_batch_are_dropped(store: Store, message: MessageFactory) -> None:
    one = message("same", external_id="x-1")
    result = ingest(store, [one, one, message("other", external_id="x-2")])
    assert (result.imported, result.duplicates) == (2, 1)


def test_same_external_id_on_another_channel_is_a_different_message(
    store: Store, message: MessageFactory
) -> None:
    result = ingest(
        store,
        [
            message(external_id="42", channel=ChannelKind.EMAIL),
            message(external_id="42", channel=ChannelKind.CHAT, address="visitor-1"),
        ],
    )
    assert result.imported == 2


def test_summary_tracks_latest_message_and_unread(store: Store, message: MessageFactory) -> None:
    ingest(
        store,
        [
            message("first question", minutes=1, subject="Order #A1"),
            message("our answer", minutes=2, direction=Direction.OUTBOUND),
            message("follow up from customer", minutes=3, language="en"),
        ],
    )
    with store.session() as session:
        conversation = session.scalars(select(Conversation)).one()
        assert conversation.preview == "follow up from customer"
        assert conversation.message_count == 3
        assert conversation.unread_count == 2
        assert conversation.awaiting_reply is True
        assert conversation.language == "en"
        assert conversation.subject == "Order #A1"


def test_late_older_message_does_not_replace_the_preview(
    store: Store, message: MessageFactory
) -> None:
    ingest(store, [message("newest", minutes=100)])
    ingest(store, [message("older, delivered late", minutes=5)])
    with store.session() as session:
        conversation = session.scalars(select(Conversation)).one()
        assert conversation.preview == "newest"
        assert conversation.message_count == 2


def test_customer_writing_again_reopens_a_resolved_thread(
    store: Store, message: MessageFactory
) -> None:
    ingest(store, [message("problem", minutes=1)])
    with store.session() as session:
        session.scalars(select(Conversation)).one().status = ConversationStatus.RESOLVED
    ingest(store, [message("it happened again", minutes=50)])
    with store.session() as session:
        assert session.scalars(select(Conversation)).one().status is ConversationStatus.OPEN


def test_each_batch_is_audited(store: Store, message: MessageFactory) -> None:
    ingest(store, [message("a"), message("b")], actor="import:test.mbox")
    with store.session() as session:
        entry = session.scalars(select(AuditEntry)).one()
        assert (entry.actor, entry.action, entry.detail["imported"]) == (
            "import:test.mbox",
            "ingest",
            2,
        )


def test_a_large_batch_from_many_customers_is_stored_once_on_each_engine(
    any_store: Store, message: MessageFactory
) -> None:
    # PostgreSQL parses a long (a, b) IN (...) list into an expression as deep as the
    # list: the lookups of known messages, identities and keys must not send one.
    batch = [
        message(f"where is order {n}?", address=f"shopper{n}@example.com", language="en")
        for n in range(5000)
    ]
    first = ingest(any_store, batch, batch_size=5000)
    again = ingest(any_store, batch, batch_size=5000)
    assert (first.imported, again.imported, again.duplicates) == (5000, 0, 5000)
    assert _count(any_store, Message) == 5000
