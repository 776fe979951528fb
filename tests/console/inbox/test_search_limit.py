"""A search lists the first conversations in inbox order, however common its words are."""

from __future__ import annotations

import pytest
from factories import MessageFactory
from sqlalchemy import event, select

from console.inbox import queries
from console.inbox.ingest import ingest
from console.inbox.queries import InboxFilter, InboxSort, InboxView, conversation_ids
from console.store import Store
from console.store.models import Message, Translation


@pytest.fixture
def store(any_store: Store) -> Store:
    return any_store


def _twelve_refund_requests(store: Store, message: MessageFactory) -> None:
    ingest(
        store,
        [
            message(
                f"I want a refund for order {n}",
                address=f"c{n}@example.com",
                name=f"Customer {n}",
                minutes=n,
            )
            for n in range(12)
        ]
        + [message("where is my parcel", address="other@example.com", name="Other", minutes=20)],
    )


@pytest.mark.parametrize("limit", [1, 2, 3, 11, 12, 50])  # 1 and 2 walk, the rest sort
def test_a_limited_search_is_the_start_of_the_full_list(
    store: Store, message: MessageFactory, limit: int
) -> None:
    _twelve_refund_requests(store, message)
    with store.session() as session:
        everything = conversation_ids(session, InboxFilter(search="refund"))
        assert len(everything) == 12
        for view in (InboxView.ALL, InboxView.UNASSIGNED):
            for descending in (True, False):
                criteria = InboxFilter(view=view, search="refund", descending=descending)
                full = conversation_ids(session, criteria)
                assert conversation_ids(session, criteria, limit=limit) == full[:limit]


def test_other_orders_are_limited_too(store: Store, message: MessageFactory) -> None:
    _twelve_refund_requests(store, message)
    with store.session() as session:
        criteria = InboxFilter(search="refun", sort=InboxSort.CUSTOMER, descending=False)
        full = conversation_ids(session, criteria)
        assert conversation_ids(session, criteria, limit=4) == full[:4]
        assert conversation_ids(session, InboxFilter(search="nothing"), limit=4) == []


@pytest.mark.parametrize("limit", [1, 3, 12, 50])
def test_a_walked_search_finds_the_start_of_the_full_list(
    store: Store, message: MessageFactory, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    """Whichever way a search is run (a walk when its words are common), the same ids:
    in messages, in stored translations, by a customer's exact address."""
    _twelve_refund_requests(store, message)
    with store.session() as session:
        parcel = session.scalars(select(Message).where(Message.text.contains("parcel"))).one()
        session.add(
            Translation(
                message_id=parcel.id,
                target_language="de",
                engine="test",
                engine_version="1",
                text="Wo ist mein Paket? Refund bitte.",
            )
        )
    monkeypatch.setattr(queries, "_more_hits_than", lambda session, text, limit: True)
    statements: list[str] = []

    def record(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        with store.session() as session:
            assert len(conversation_ids(session, InboxFilter(search="refund"))) == 13
            for search in ("refund", "refun", "paket", "c3@example.com", "nothing"):
                for view in (InboxView.ALL, InboxView.UNASSIGNED):
                    for descending in (True, False):
                        criteria = InboxFilter(view=view, search=search, descending=descending)
                        full = conversation_ids(session, criteria)
                        statements.clear()
                        walked = conversation_ids(session, criteria, limit=limit)
                        assert walked == full[:limit], (search, view, descending)
                        walked = store.engine.dialect.name == "sqlite" and search != "nothing"
                        if walked:  # no key lookup of each match
                            assert any("conversations.id + " in s for s in statements)
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
