"""Full-text search: text preparation, query building and sync with messages."""

from __future__ import annotations

import pytest
from factories import MessageFactory
from sqlalchemy import delete, select, update

from console.inbox.ingest import ingest
from console.inbox.queries import InboxFilter, conversation_ids
from console.store import Store
from console.store.fts import build_match_query, prepare_text
from console.store.models import Message


def test_cjk_and_thai_characters_become_single_tokens() -> None:
    assert prepare_text("我的订单#A123在哪里").split() == [
        "我", "的", "订", "单", "#A123", "在", "哪", "里",
    ]  # fmt: skip
    assert prepare_text("hello world") == "hello world"
    assert prepare_text("") == ""


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("refund", '"refund"*'),
        ("退款", '"退 款"'),
        ('"; DROP TABLE messages; --', '"DROP"* "TABLE"* "messages"*'),
        ("NEAR(a b) OR x*", '"NEAR"* "a"* "b"* "OR"* "x"*'),
        ("   ", None),
        ("!!! ???", None),
    ],
)
def test_user_text_never_reaches_fts_syntax(typed: str, expected: str | None) -> None:
    assert build_match_query(typed) == expected


def _search(store: Store, text: str) -> list[int]:
    with store.session() as session:
        return conversation_ids(session, InboxFilter(search=text))


def test_search_finds_conversations_in_many_scripts(store: Store, message: MessageFactory) -> None:
    ingest(
        store,
        [
            message("Wo ist meine Bestellung? Sendungsnummer fehlt", address="de@x"),
            message("我的订单还没有收到，请尽快退款", address="zh@x"),
            message("注文した商品がまだ届きません", address="ja@x"),
            message("주문한 상품이 아직 도착하지 않았어요", address="ko@x"),
            message("Où est ma commande ? Je veux être remboursé", address="fr@x"),
        ],
    )
    assert len(_search(store, "bestellung")) == 1
    assert len(_search(store, "Bestell")) == 1  # prefix
    assert len(_search(store, "退款")) == 1
    assert len(_search(store, "届き")) == 1
    assert len(_search(store, "도착")) == 1
    assert len(_search(store, "rembourse")) == 1  # accents folded
    assert _search(store, "退货") == []
    assert _search(store, "bestellung 退款") == []  # every word must match


def test_index_follows_updates_and_deletes(store: Store, message: MessageFactory) -> None:
    ingest(store, [message("parcel damaged")])
    assert len(_search(store, "damaged")) == 1
    with store.session() as session:
        session.execute(update(Message).values(text="parcel lost"))
    assert _search(store, "damaged") == []
    assert len(_search(store, "lost")) == 1
    with store.session() as session:
        session.execute(delete(Message))
        assert session.scalars(select(Message.id)).all() == []
    assert _search(store, "lost") == []
