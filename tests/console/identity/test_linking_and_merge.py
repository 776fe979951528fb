"""One customer across channels: automatic links, suggestions, merge and split with undo."""

from __future__ import annotations

from dataclasses import replace

import pytest
from factories import MessageFactory
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from console.identity import (
    dismiss_suggestion,
    merge_customers,
    normalize_phone,
    open_suggestions,
    split_customer,
    undo_change,
)
from console.identity.merge import IdentityError
from console.inbox.ingest import ingest
from console.store import Store
from console.store.models import AuditEntry, ChannelIdentity, ChannelKind, Conversation, Customer


def _customers(store: Store) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(Customer)) or 0)


def test_phone_numbers_normalise_to_e164() -> None:
    assert normalize_phone("0151 23456789", "DE") == "+4915123456789"
    assert normalize_phone("+49 (151) 234-56789") == "+4915123456789"
    assert normalize_phone("138 1234 5678", "CN") == "+8613812345678"
    assert normalize_phone("12", "DE") is None
    assert normalize_phone("call me", None) is None


@given(st.text(max_size=40), st.sampled_from([None, "DE", "CN", "US", "xx", ""]))
def test_phone_normalising_never_raises(value: str, country: str | None) -> None:
    result = normalize_phone(value, country)
    assert result is None or result.startswith("+")


def test_same_phone_on_two_channels_is_one_customer(store: Store, message: MessageFactory) -> None:
    chat = replace(message("hi", channel=ChannelKind.CHAT, address="wa-77"), phone="0151 23456789")
    chat = replace(chat, customer=replace(chat.customer, country="DE"))
    call = message("called", channel=ChannelKind.PHONE, address="+4915123456789", country="DE")
    ingest(store, [chat])
    ingest(store, [call])
    assert _customers(store) == 1


def test_same_order_other_name_is_only_a_suggestion(store: Store, message: MessageFactory) -> None:
    first = replace(message("where?", address="ana@example.com"), order_number="#A-1")
    same_name = replace(
        message("me again", channel=ChannelKind.MARKETPLACE, address="ana_s"), order_number="a-1"
    )
    other = replace(
        message("gift?", channel=ChannelKind.CHAT, address="v9", name="Bruno"), order_number="A-1"
    )
    ingest(store, [first, same_name, other])
    assert _customers(store) == 2
    with store.session() as session:
        (suggestion,) = open_suggestions(session)
    assert "order number A-1" in suggestion.reason
    assert {suggestion.customer_a_name, suggestion.customer_b_name} == {"Ana Souza", "Bruno"}


def test_merge_split_and_undo_are_audited(store: Store, message: MessageFactory) -> None:
    ingest(
        store,
        [
            message("a", address="ana@example.com"),
            message("b", channel=ChannelKind.CHAT, address="visitor-5", name="Ana"),
        ],
    )
    with store.session() as session:
        keep, other = session.scalars(select(Customer.id).order_by(Customer.id)).all()
        merged = merge_customers(session, keep, other, actor="agent:li")
    with store.session() as session:
        assert set(session.scalars(select(Conversation.customer_id))) == {keep}
        assert set(session.scalars(select(ChannelIdentity.customer_id))) == {keep}
    with store.session() as session:
        undo_change(session, merged.id, actor="agent:li")
    with store.session() as session:
        assert set(session.scalars(select(Conversation.customer_id))) == {keep, other}
        with pytest.raises(IdentityError, match="already undone"):
            undo_change(session, merged.id, actor="agent:li")
    with store.session() as session:
        merge_customers(session, keep, other, actor="agent:li")
    with store.session() as session:
        chat_identity = session.scalars(
            select(ChannelIdentity.id).where(ChannelIdentity.kind == ChannelKind.CHAT)
        ).one()
        chat_conversation = session.scalars(
            select(Conversation.id).where(Conversation.channel == ChannelKind.CHAT)
        ).one()
        split = split_customer(
            session, keep, [chat_identity], conversation_ids=[chat_conversation], actor="agent:li"
        )
    with store.session() as session:
        assert session.get(Conversation, chat_conversation).customer_id == split.to_customer_id  # type: ignore[union-attr]
        undo_change(session, split.id, actor="agent:li")
    with store.session() as session:
        assert session.get(Conversation, chat_conversation).customer_id == keep  # type: ignore[union-attr]
        actions = list(
            session.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.entity == "customer")
                .order_by(AuditEntry.id)
            )
        )
    assert actions == [
        "merge_customers",
        "undo_merge",
        "merge_customers",
        "split_customer",
        "undo_split",
    ]


def test_split_refuses_to_empty_a_customer(store: Store, message: MessageFactory) -> None:
    ingest(store, [message("a")])
    with store.session() as session:
        identity = session.scalars(select(ChannelIdentity)).one()
        with pytest.raises(IdentityError, match="at least one identity"):
            split_customer(session, identity.customer_id, [identity.id], actor="x")
        with pytest.raises(IdentityError, match="itself"):
            merge_customers(session, identity.customer_id, identity.customer_id, actor="x")


def test_two_existing_customers_sharing_an_email_become_a_suggestion(
    store: Store, message: MessageFactory
) -> None:
    ingest(store, [message("a", address="ana@example.com")])
    ingest(store, [message("b", channel=ChannelKind.CHAT, address="v1", name="Ana")])
    later = replace(
        message("c", channel=ChannelKind.CHAT, address="v1", name="Ana"), email="ANA@example.com"
    )
    ingest(store, [later])
    assert _customers(store) == 2
    with store.session() as session:
        (suggestion,) = open_suggestions(session)
        dismiss_suggestion(session, suggestion.id, actor="agent:li")
    with store.session() as session:
        assert open_suggestions(session) == []
