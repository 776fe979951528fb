"""A new customer's identity is created once, however many transactions race to create it.

Each test runs on SQLite and on PostgreSQL (``any_store``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from factories import MessageFactory
from sqlalchemy import event, func, select

from console.inbox.ingest import ingest
from console.incoming import IncomingMessage
from console.store import Store
from console.store.channel_tables import CustomerKey, MergeSuggestion
from console.store.models import ChannelIdentity, ChannelKind, Conversation, Customer, Message


def _count(store: Store, model: Any) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def store(any_store: Store) -> Store:
    return any_store


@pytest.fixture
def competitor(store: Store) -> Iterator[list[IncomingMessage]]:
    """Ingest the listed messages on another connection just before this one creates a customer.

    That is the moment of the race: this transaction has read that the identity is
    unknown, the other one stores it and commits, then this one writes.
    """
    pending: list[IncomingMessage] = []
    fired = threading.Event()

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if fired.is_set() or not statement.lstrip().upper().startswith("INSERT INTO CUSTOMERS"):
            return
        fired.set()
        other = threading.Thread(target=ingest, args=(store, list(pending)))
        other.start()
        other.join(timeout=30)
        assert not other.is_alive()

    event.listen(store.engine, "before_cursor_execute", before)
    yield pending
    event.remove(store.engine, "before_cursor_execute", before)
    assert fired.is_set(), "the competing transaction never ran"


def test_an_identity_stored_meanwhile_wins_and_nothing_is_lost(
    store: Store, message: MessageFactory, competitor: list[IncomingMessage]
) -> None:
    competitor.append(message("first", address="sara@example.com", name="Sara"))
    result = ingest(store, [message("second", address="sara@example.com", name="Sara")])
    assert result.imported == 1
    assert _count(store, Message) == 2
    assert _count(store, Customer) == 1
    assert _count(store, ChannelIdentity) == 1
    assert _count(store, CustomerKey) == 1  # the e-mail key, once
    assert _count(store, Conversation) == 1
    assert _count(store, MergeSuggestion) == 0


def test_a_key_stored_meanwhile_becomes_a_suggestion(
    store: Store, message: MessageFactory, competitor: list[IncomingMessage]
) -> None:
    # The other transaction stores the same e-mail key under its own (phone) identity.
    other = message("by phone", address="+4915123456789", name="Sara", channel=ChannelKind.PHONE)
    competitor.append(other.__class__(**{**other.__dict__, "email": "sara@example.com"}))
    ingest(store, [message("by mail", address="sara@example.com", name="Sara")])
    assert _count(store, Message) == 2
    assert _count(store, CustomerKey) == 2  # e-mail once, phone once
    with store.session() as session:
        holders = set(session.scalars(select(CustomerKey.customer_id)))
        suggestion = session.scalars(select(MergeSuggestion)).one()
        assert {suggestion.customer_a_id, suggestion.customer_b_id} == set(
            session.scalars(select(Customer.id))
        )
    assert len(holders) == 1


def test_many_threads_writing_for_one_new_customer(store: Store, message: MessageFactory) -> None:
    items = [message(f"hello {n}", address="new@example.com", name="Neu") for n in range(40)]
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def work(chunk: list[IncomingMessage]) -> None:
        try:
            start.wait()
            for item in chunk:
                ingest(store, [item])
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(items[n::8],)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert _count(store, Message) == 40
    assert _count(store, Customer) == 1
    assert _count(store, ChannelIdentity) == 1
    assert _count(store, Conversation) == 1
