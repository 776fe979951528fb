"""Inbox queries: filters, sort orders, rows by id, the thread with translations."""

from __future__ import annotations

from factories import MessageFactory
from sqlalchemy import select

from console.inbox.ingest import ingest
from console.inbox.queries import (
    InboxFilter,
    InboxSort,
    conversation_detail,
    conversation_ids,
    filter_options,
    inbox_rows,
)
from console.store import Store
from console.store.models import (
    ChannelKind,
    Conversation,
    ConversationStatus,
    Direction,
    Market,
    Message,
    Translation,
)


def _seed(store: Store, message: MessageFactory) -> dict[str, int]:
    with store.session() as session:
        session.add(Market(code="DACH", name="DACH", countries=["DE", "AT"], languages=["de"]))
    ingest(
        store,
        [
            message("Wo ist mein Paket?", address="a@de", name="Anna", country="DE", minutes=30, language="de"),
            message("¿Dónde está mi pedido?", address="b@es", name="Bruno", country="ES", minutes=10, language="es"),
            message("where is it", address="buyer-1", name="Chloe", country="US",
                    channel=ChannelKind.MARKETPLACE, minutes=20, language="en"),
        ],
    )  # fmt: skip
    with store.session() as session:
        return {
            name: conversation_id
            for conversation_id, name in session.execute(
                select(Conversation.id, Conversation.customer.property.mapper.class_.name).join(
                    Conversation.customer
                )
            )
        }


def _ids(store: Store, **criteria: object) -> list[int]:
    with store.session() as session:
        return conversation_ids(session, InboxFilter(**criteria))  # type: ignore[arg-type]


def test_default_order_is_most_recent_activity_first(store: Store, message: MessageFactory) -> None:
    ids = _seed(store, message)
    assert _ids(store) == [ids["Anna"], ids["Chloe"], ids["Bruno"]]
    assert _ids(store, descending=False) == [ids["Bruno"], ids["Chloe"], ids["Anna"]]
    assert _ids(store, sort=InboxSort.CUSTOMER, descending=False) == [
        ids["Anna"], ids["Bruno"], ids["Chloe"],
    ]  # fmt: skip


def test_filters_combine(store: Store, message: MessageFactory) -> None:
    ids = _seed(store, message)
    assert _ids(store, channel=ChannelKind.MARKETPLACE) == [ids["Chloe"]]
    assert _ids(store, language="es") == [ids["Bruno"]]
    with store.session() as session:
        market_id = session.scalars(select(Market.id)).one()
    assert _ids(store, market_id=market_id) == [ids["Anna"]]
    assert _ids(store, status=ConversationStatus.RESOLVED) == []
    assert _ids(
        store, status=ConversationStatus.OPEN, channel=ChannelKind.EMAIL, search="paket"
    ) == [ids["Anna"]]


def test_rows_come_back_for_requested_ids_only(store: Store, message: MessageFactory) -> None:
    ids = _seed(store, message)
    with store.session() as session:
        rows = inbox_rows(session, [ids["Bruno"], 999_999])
    assert list(rows) == [ids["Bruno"]]
    row = rows[ids["Bruno"]]
    assert (row.customer_name, row.country, row.language) == ("Bruno", "ES", "es")
    assert row.unread and row.awaiting_reply
    assert row.market_code is None


def test_filter_options_list_what_the_store_has(store: Store, message: MessageFactory) -> None:
    _seed(store, message)
    with store.session() as session:
        options = filter_options(session)
    assert options.channels == (ChannelKind.EMAIL, ChannelKind.MARKETPLACE)
    assert options.languages == ("de", "en", "es")
    assert [name for _, name in options.markets] == ["DACH"]


def test_detail_has_thread_in_order_with_translation_slot(
    store: Store, message: MessageFactory
) -> None:
    ingest(
        store,
        [
            message("Hallo, Paket beschädigt", minutes=1, language="de"),
            message("Sorry! We send a new one.", minutes=2, direction=Direction.OUTBOUND),
        ],
    )
    with store.session() as session:
        first = session.scalars(select(Message).order_by(Message.sent_at)).first()
        assert first is not None
        session.add(
            Translation(
                message_id=first.id,
                target_language="zh",
                engine="apertium",
                engine_version="3.8",
                text="你好，包裹损坏",
            )
        )
        conversation_id = session.scalars(select(Conversation.id)).one()
    with store.session() as session:
        detail = conversation_detail(session, conversation_id, translation_language="zh")
        untranslated = conversation_detail(session, conversation_id, translation_language="fr")
    assert detail is not None and untranslated is not None
    assert [m.text for m in detail.messages] == [
        "Hallo, Paket beschädigt",
        "Sorry! We send a new one.",
    ]
    assert detail.messages[0].translation is not None
    assert detail.messages[0].translation.text == "你好，包裹损坏"
    assert detail.messages[1].translation is None
    assert untranslated.messages[0].translation is None
    assert detail.customer.identities == ((ChannelKind.EMAIL, "ana@example.com"),)


def test_detail_of_missing_conversation_is_none(store: Store) -> None:
    with store.session() as session:
        assert conversation_detail(session, 12345) is None
