"""Write side of the inbox: what an agent does to a conversation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from console import audit
from console.channels.outbox import enqueue_reply
from console.inbox.ingest import PREVIEW_CHARS
from console.store.coverage_tables import ScheduledSend
from console.store.models import (
    Agent,
    Conversation,
    ConversationStatus,
    Direction,
    Message,
    utcnow,
)


class CommandError(ValueError):
    """A command that cannot be carried out; the message is for the user."""


@dataclass(frozen=True)
class Composed:
    """What the agent wrote in their own language, when the reply was translated."""

    text: str
    language: str


def send_reply(
    session: Session,
    conversation_id: int,
    text: str,
    *,
    agent_id: int | None,
    composed: Composed | None = None,
) -> int:
    """Store an outbound reply (the outbox sends it); returns the new message id.

    Answering an open conversation sets it to pending: the ball is with the
    customer until they write again.
    """
    return _store_reply(
        session, conversation_id, text, agent_id=agent_id, send_at=None, composed=composed
    )


def schedule_reply(
    session: Session,
    conversation_id: int,
    text: str,
    *,
    agent_id: int | None,
    send_at: datetime,
    reason: str = "",
    composed: Composed | None = None,
) -> int:
    """Store an outbound reply that waits in the outbox until ``send_at``; returns its id.

    The message carries ``send_at`` as its time; the conversation counts as
    answered (pending) from now on.
    """
    if send_at.tzinfo is None:
        raise CommandError("A scheduled time must be timezone-aware.")
    return _store_reply(
        session,
        conversation_id,
        text,
        agent_id=agent_id,
        send_at=send_at,
        reason=reason,
        composed=composed,
    )


def _store_reply(
    session: Session,
    conversation_id: int,
    text: str,
    *,
    agent_id: int | None,
    send_at: datetime | None,
    reason: str = "",
    composed: Composed | None = None,
) -> int:
    body = text.strip()
    if not body:
        raise CommandError("A reply cannot be empty.")
    conversation = session.get(Conversation, conversation_id)
    if conversation is None:
        raise CommandError(f"Conversation {conversation_id} no longer exists.")
    agent = session.get(Agent, agent_id) if agent_id is not None else None
    now = utcnow()
    message = Message(
        conversation_id=conversation.id,
        direction=Direction.OUTBOUND,
        channel=conversation.channel,
        sent_at=send_at or now,
        author_agent_id=agent.id if agent else None,
        subject=_reply_subject(conversation.subject),
        text=body,
        language=conversation.language,
        composed_text=composed.text.strip() if composed else None,
        composed_language=composed.language if composed else None,
    )
    session.add(message)
    conversation.message_count += 1
    conversation.last_activity_at = now
    conversation.preview = " ".join(body.split())[:PREVIEW_CHARS]
    conversation.awaiting_reply = False
    conversation.unread_count = 0
    if conversation.status is ConversationStatus.OPEN:
        conversation.status = ConversationStatus.PENDING
    session.flush()
    enqueue_reply(session, message.id)  # the channel outbox sends it (held back while scheduled)
    actor = agent.name if agent else "unknown agent"
    if send_at is None:
        audit.record(
            session,
            actor=actor,
            action="reply",
            entity="conversation",
            entity_id=conversation.id,
            message_id=message.id,
        )
        return message.id
    session.add(
        ScheduledSend(message_id=message.id, send_at=send_at, reason=reason, created_by=actor)
    )
    audit.record(
        session,
        actor=actor,
        action="schedule_reply",
        entity="conversation",
        entity_id=conversation.id,
        message_id=message.id,
        send_at=send_at.isoformat(),
        reason=reason,
    )
    return message.id


def _reply_subject(subject: str | None) -> str | None:
    if not subject:
        return None
    return subject if subject.lower().startswith("re:") else f"Re: {subject}"


def mark_read(session: Session, conversation_id: int) -> bool:
    """Clear the unread marker; returns whether anything changed."""
    conversation = session.get(Conversation, conversation_id)
    if conversation is None or conversation.unread_count == 0:
        return False
    conversation.unread_count = 0
    return True


def set_status(
    session: Session, conversation_id: int, status: ConversationStatus, *, actor: str
) -> None:
    conversation = session.get(Conversation, conversation_id)
    if conversation is None:
        raise CommandError(f"Conversation {conversation_id} no longer exists.")
    if conversation.status is status:
        return
    previous = conversation.status
    conversation.status = status
    audit.record(
        session,
        actor=actor,
        action="set_status",
        entity="conversation",
        entity_id=conversation_id,
        previous=previous.value,
        status=status.value,
    )
