"""Agent commands: replies, read markers, status changes, all audited."""

from __future__ import annotations

import pytest
from factories import MessageFactory
from sqlalchemy import select

from console.inbox.commands import CommandError, mark_read, send_reply, set_status
from console.inbox.ingest import ingest
from console.store import Store
from console.store.models import (
    Agent,
    AuditEntry,
    Conversation,
    ConversationStatus,
    Direction,
    Message,
)


def _conversation(store: Store, message: MessageFactory) -> tuple[int, int]:
    ingest(store, [message("Mi pedido no llegó", language="es", subject="Pedido #A7")])
    with store.session() as session:
        agent = Agent(name="Chen Jing", languages=["zh", "es"])
        session.add(agent)
        session.flush()
        return session.scalars(select(Conversation.id)).one(), agent.id


def test_reply_is_stored_outbound_and_updates_the_thread(
    store: Store, message: MessageFactory
) -> None:
    conversation_id, agent_id = _conversation(store, message)
    with store.session() as session:
        message_id = send_reply(
            session, conversation_id, "  Lo sentimos, ya lo enviamos.  ", agent_id=agent_id
        )
    with store.session() as session:
        reply = session.get(Message, message_id)
        conversation = session.get(Conversation, conversation_id)
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "reply")).one()
    assert reply is not None and conversation is not None
    assert reply.direction is Direction.OUTBOUND
    assert reply.text == "Lo sentimos, ya lo enviamos."
    assert reply.subject == "Re: Pedido #A7"
    assert reply.author_agent_id == agent_id
    assert conversation.awaiting_reply is False
    assert conversation.unread_count == 0
    assert conversation.status is ConversationStatus.PENDING
    assert conversation.preview == "Lo sentimos, ya lo enviamos."
    assert (audit.actor, audit.entity_id) == ("Chen Jing", conversation_id)


def test_empty_reply_is_refused(store: Store, message: MessageFactory) -> None:
    conversation_id, agent_id = _conversation(store, message)
    with pytest.raises(CommandError, match="empty"), store.session() as session:
        send_reply(session, conversation_id, " \n\t", agent_id=agent_id)


def test_reply_to_missing_conversation_is_refused(store: Store) -> None:
    with pytest.raises(CommandError, match="no longer exists"), store.session() as session:
        send_reply(session, 404, "hello", agent_id=None)


def test_mark_read_reports_whether_it_changed_anything(
    store: Store, message: MessageFactory
) -> None:
    conversation_id, _ = _conversation(store, message)
    with store.session() as session:
        assert mark_read(session, conversation_id) is True
    with store.session() as session:
        assert mark_read(session, conversation_id) is False


def test_status_change_is_audited_once(store: Store, message: MessageFactory) -> None:
    conversation_id, _ = _conversation(store, message)
    for _ in range(2):
        with store.session() as session:
            set_status(session, conversation_id, ConversationStatus.RESOLVED, actor="Li Wei")
    with store.session() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "set_status")).all()
    assert len(entries) == 1
    assert entries[0].detail == {"previous": "open", "status": "resolved"}
