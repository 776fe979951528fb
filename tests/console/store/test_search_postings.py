"""The postings of a team store find exactly what the search indexes find, as messages come,
change and go (PostgreSQL; console/store/search_postings.py)."""

from __future__ import annotations

import pytest
from factories import MessageFactory
from sqlalchemy import delete, select, text, update

from console.inbox.ingest import ingest
from console.inbox.queries import InboxFilter, conversation_ids
from console.store import Store
from console.store.models import Customer, Message, Translation

WORDS = ("refund", "parcel", "order", "broken", "müller", "zoll")
PREFIXES = ("refun", "par", "mül", "z")


def _gin(store: Store, query: str, column: str) -> set[int]:
    """What the GIN indexes of the search tables find (the postings' reference)."""
    with store.session() as session:
        return set(
            session.scalars(
                text(
                    f"SELECT conversation_id FROM message_fts WHERE {column} @@ CAST(:q AS tsquery) "
                    "UNION SELECT conversation_id FROM message_fts_translations "
                    f"WHERE {column} @@ CAST(:q AS tsquery)"
                ),
                {"q": query},
            )
        )


def _postings(store: Store, query: str, masked: bool) -> set[int]:
    word, _, star = query.strip("'").partition("':")
    with store.session() as session:
        high = word + (chr(0x10FFFF) if star else "")
        return set(
            session.scalars(
                text(
                    "SELECT conversation_id FROM search_postings "
                    "WHERE masked = :m AND term BETWEEN :low AND :high"
                ),
                {"m": masked, "low": word, "high": high},
            )
        )


def _agree(store: Store) -> None:
    queries = [f"'{w}'" for w in WORDS] + [f"'{p}':*" for p in PREFIXES]
    for query in queries:
        for column, masked in (("body", False), ("masked_body", True)):
            assert _postings(store, query, masked) == _gin(store, query, column), (query, column)


def test_postings_follow_messages_as_they_come_change_and_go(
    pg_store: Store, message: MessageFactory
) -> None:
    ingest(
        pg_store,
        [
            message("I want a refund for order 7", address="a@example.com", name="Anna Müller"),
            message(
                "The parcel came broken", address="a@example.com", name="Anna Müller", minutes=1
            ),
            message(
                "Zoll? Wo ist mein Paket, Frau Müller hier",
                address="b@example.com",
                name="Berta Müller",
            ),
            message("nothing to see", address="c@example.com", name="Carl Zoller", minutes=2),
        ],
    )
    _agree(pg_store)
    with pg_store.session() as session:
        broken = session.scalars(select(Message).where(Message.text.contains("broken"))).one()
        anna = broken.conversation_id
        session.add(
            Translation(
                message_id=broken.id,
                target_language="de",
                engine="test",
                engine_version="1",
                text="Das Paket kam kaputt an, Rückerstattung bitte",
            )
        )
    _agree(pg_store)
    # A changed message: its old words go unless another message of the thread has them.
    with pg_store.session() as session:
        session.execute(
            update(Message).where(Message.id == broken.id).values(text="The order came late")
        )
    _agree(pg_store)
    assert anna in _postings(pg_store, "'order'", False)  # still in the first message
    assert anna not in _postings(pg_store, "'parcel'", False)
    # A removed message (an erasure, retention): its words go with it.
    with pg_store.session() as session:
        session.execute(delete(Message).where(Message.text.contains("refund")))
    _agree(pg_store)
    assert anna not in _postings(pg_store, "'refund'", False)
    # A customer's new name re-masks their messages: the masked words follow.
    with pg_store.session() as session:
        session.execute(
            update(Customer).where(Customer.name == "Berta Müller").values(name="Berta Zoll")
        )
        session.execute(text("UPDATE message_fts SET message_id = message_id"))
    _agree(pg_store)


@pytest.mark.parametrize("typed", ["refund", "refun", "müller", "paket zoll", "customs duty"])
def test_a_search_finds_the_same_through_postings_and_indexes(
    pg_store: Store, message: MessageFactory, typed: str
) -> None:
    """One word or one prefix reads the postings, anything else the indexes: each gives
    the conversations with a message holding every word typed."""
    ingest(
        pg_store,
        [
            message("refund please", address="a@example.com", name="Anna"),
            message("Wo ist mein Paket? Zoll!", address="b@example.com", name="Berta Müller"),
            message("customs and duty, separately", address="c@example.com", name="Carl"),
            message("customs duty charged", address="d@example.com", name="Dora"),
        ],
    )
    with pg_store.session() as session:
        found = set(conversation_ids(session, InboxFilter(search=typed)))
        texts = {
            conversation_id: body
            for conversation_id, body in session.execute(
                select(Message.conversation_id, Message.text)
            )
        }
    expected = {
        "refund": {"refund please"},
        "refun": {"refund please"},
        "müller": set(),  # a name, not in any message's text
        "paket zoll": {"Wo ist mein Paket? Zoll!"},
        "customs duty": {"customs duty charged", "customs and duty, separately"},
    }[typed]
    assert {texts[i] for i in found} == expected
