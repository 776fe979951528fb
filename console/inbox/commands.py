"""Write side of the inbox: what an agent does to a conversation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from console import audit
from console.channels.outbox import enqueue_reply
from console.inbox.drafts import discard_draft
from console.inbox.ingest import PREVIEW_CHARS
from console.store.coverage_tables import ScheduledSend
from console.store.models import (
    Agent,
    Conversation,
    ConversationStatus,
    Direction,
    Message,
    Priority,
    utcnow,
)

#: Who is named in the audit log for what the console does by itself.
SYSTEM_ACTOR = "system"


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
    discard_draft(session, conversation.id, agent_id)  # the draft went out as this reply
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
    """Resolve, reopen or mark a conversation as waiting on the customer (audited)."""
    if not set_statuses(session, [conversation_id], status, actor=actor):
        _existing(session, [conversation_id])


def set_statuses(
    session: Session, conversation_ids: Sequence[int], status: ConversationStatus, *, actor: str
) -> list[int]:
    """Give each conversation ``status`` (a snooze ends); returns the ids that changed."""
    changed = []
    for conversation in _existing(session, conversation_ids):
        if conversation.status is status and conversation.snoozed_until is None:
            continue
        previous = conversation.status
        conversation.status = status
        conversation.snoozed_until = None
        changed.append(conversation.id)
        audit.record(
            session,
            actor=actor,
            action="set_status",
            entity="conversation",
            entity_id=conversation.id,
            previous=previous.value,
            status=status.value,
        )
    return changed


def snooze(
    session: Session, conversation_ids: Sequence[int], until: datetime, *, actor: str
) -> list[int]:
    """Keep conversations out of the working views until ``until`` (or until the customer
    writes); returns the ids snoozed."""
    if until.tzinfo is None:
        raise CommandError("A snooze time must be timezone-aware.")
    wake = until.astimezone(UTC)
    if wake <= utcnow():
        raise CommandError("A snooze must end in the future.")
    snoozed = []
    for conversation in _existing(session, conversation_ids):
        conversation.snoozed_until = wake
        if conversation.status is ConversationStatus.RESOLVED:
            conversation.status = ConversationStatus.PENDING
        snoozed.append(conversation.id)
        audit.record(
            session,
            actor=actor,
            action="snooze",
            entity="conversation",
            entity_id=conversation.id,
            until=until.isoformat(),
        )
    return snoozed


def wake_snoozed(session: Session, *, now: datetime | None = None) -> list[int]:
    """End the snoozes that are due: those conversations are open again. Returns their ids."""
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    due = list(
        session.scalars(
            select(Conversation).where(
                Conversation.snoozed_until.is_not(None), Conversation.snoozed_until <= moment
            )
        )
    )
    for conversation in due:
        conversation.snoozed_until = None
        conversation.status = ConversationStatus.OPEN
        audit.record(
            session,
            actor=SYSTEM_ACTOR,
            action="snooze_ended",
            entity="conversation",
            entity_id=conversation.id,
        )
    return [conversation.id for conversation in due]


def set_priority(
    session: Session, conversation_ids: Sequence[int], priority: Priority, *, actor: str
) -> list[int]:
    changed = []
    for conversation in _existing(session, conversation_ids):
        if Priority(conversation.priority) is priority:
            continue
        previous = Priority(conversation.priority)
        conversation.priority = priority
        changed.append(conversation.id)
        audit.record(
            session,
            actor=actor,
            action="set_priority",
            entity="conversation",
            entity_id=conversation.id,
            previous=previous.name.lower(),
            priority=priority.name.lower(),
        )
    return changed


def assign(
    session: Session, conversation_ids: Sequence[int], agent_id: int | None, *, actor: str
) -> list[int]:
    """Give conversations to an agent (None: unassign); returns the ids that changed."""
    agent = session.get(Agent, agent_id) if agent_id is not None else None
    if agent_id is not None and agent is None:
        raise CommandError("That agent no longer exists.")
    changed = []
    for conversation in _existing(session, conversation_ids):
        if conversation.assignee_id == agent_id:
            continue
        previous = conversation.assignee_id
        conversation.assignee_id = agent_id
        changed.append(conversation.id)
        audit.record(
            session,
            actor=actor,
            action="assign" if agent_id is not None else "unassign",
            entity="conversation",
            entity_id=conversation.id,
            previous=previous,
            assignee=agent.name if agent else None,
        )
    return changed


def _existing(session: Session, conversation_ids: Sequence[int]) -> list[Conversation]:
    wanted = list(dict.fromkeys(conversation_ids))
    found = list(session.scalars(select(Conversation).where(Conversation.id.in_(wanted))))
    if not found:
        raise CommandError("The conversation no longer exists.")
    return found
