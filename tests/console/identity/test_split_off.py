"""Splitting identities off a customer, with the conversations that came only through them."""

from __future__ import annotations

import pytest
from factories import MessageFactory
from sqlalchemy import select

from console.identity import (
    IdentityError,
    conversations_of_identities,
    customer_identities,
    identity_overview,
    merge_customers,
    split_off_identities,
    undo_change,
)
from console.inbox.ingest import ingest
from console.store import Store
from console.store.models import (
    AuditEntry,
    ChannelIdentity,
    ChannelKind,
    Conversation,
    Customer,
    Message,
)


def _merged(store: Store, message: MessageFactory, *, second: ChannelKind) -> tuple[int, int]:
    """Ana by e-mail and Bruno on ``second``, wrongly merged into Ana; (ana, bruno) ids."""
    address = "bruno@example.com" if second is ChannelKind.EMAIL else "v9"
    ingest(
        store,
        [
            message("where?", address="ana@example.com"),
            message("gift?", channel=second, address=address, name="Bruno"),
        ],
    )
    with store.session() as session:
        ids = {name: cid for name, cid in session.execute(select(Customer.name, Customer.id))}
        merge_customers(session, ids["Ana Souza"], ids["Bruno"], actor="agent:li")
    return ids["Ana Souza"], ids["Bruno"]


def test_split_off_moves_the_identity_and_its_conversation_and_undoes(
    store: Store, message: MessageFactory
) -> None:
    ana, _bruno = _merged(store, message, second=ChannelKind.CHAT)
    with store.session() as session:
        identities = customer_identities(session, ana)
        assert [(i.kind, i.address) for i in identities] == [
            (ChannelKind.CHAT, "v9"),
            (ChannelKind.EMAIL, "ana@example.com"),
        ]
        assert identity_overview(session, ana).identities == tuple(identities)
        chat = next(i for i in identities if i.kind is ChannelKind.CHAT)
        chat_conversation = session.scalars(
            select(Message.conversation_id).where(Message.channel == ChannelKind.CHAT)
        ).one()
        assert conversations_of_identities(session, ana, [chat.id]) == [chat_conversation]
        change = split_off_identities(session, ana, [chat.id], name="  Bruno ", actor="agent:li")
    with store.session() as session:
        new = session.get(Customer, change.to_customer_id)
        assert new is not None and new.name == "Bruno" and new.id != ana
        assert session.get(ChannelIdentity, chat.id).customer_id == new.id  # type: ignore[union-attr]
        assert session.get(Conversation, chat_conversation).customer_id == new.id  # type: ignore[union-attr]
        assert [i.address for i in customer_identities(session, ana)] == ["ana@example.com"]
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "split_customer")
        ).one()
        assert (entry.actor, entry.entity_id) == ("agent:li", ana)
        last = identity_overview(session, ana).last_change
        assert last is not None and last.action == "split" and last.id == change.id
        undo_change(session, change.id, actor="agent:li")
    with store.session() as session:
        assert session.get(ChannelIdentity, chat.id).customer_id == ana  # type: ignore[union-attr]
        assert session.get(Conversation, chat_conversation).customer_id == ana  # type: ignore[union-attr]


def test_conversations_of_a_shared_channel_kind_stay(store: Store, message: MessageFactory) -> None:
    ana, _bruno = _merged(store, message, second=ChannelKind.EMAIL)
    with store.session() as session:
        bruno_mail = session.scalars(
            select(ChannelIdentity.id).where(ChannelIdentity.address == "bruno@example.com")
        ).one()
        # Both write by e-mail and messages do not record the address: nothing is guessed.
        assert conversations_of_identities(session, ana, [bruno_mail]) == []
        change = split_off_identities(session, ana, [bruno_mail], actor="x")
        assert change.conversation_ids == ()
    with store.session() as session:
        new = session.get(Customer, change.to_customer_id)
        assert new is not None and new.name == "bruno@example.com"  # default: the address
        assert set(session.scalars(select(Conversation.customer_id))) == {ana}


def test_split_off_refuses_all_identities(store: Store, message: MessageFactory) -> None:
    ana, _bruno = _merged(store, message, second=ChannelKind.CHAT)
    with store.session() as session:
        ids = [i.id for i in customer_identities(session, ana)]
        with pytest.raises(IdentityError, match="at least one identity"):
            split_off_identities(session, ana, ids, actor="x")
        with pytest.raises(IdentityError, match="at least one"):
            split_off_identities(session, ana, [], actor="x")
