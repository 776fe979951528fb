"""Write side of the inbox: what an agent does to a conversation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from console import audit
from console.inbox.collisions import (
    check_conversation_versions,
    check_reply_not_crossed,
    lock_conversations,
)
from console.inbox.drafts import discard_draft
from console.inbox.ingest import PREVIEW_CHARS
from console.inbox.outgoing import UNDO_WINDOW, enqueue_reply
from console.kpis import facts as kpi_facts
from console.problems import ProblemError, define, problem
from console.store.channel_tables import ChannelOutboxEntry
from console.store.coverage_tables import ScheduledSend
from console.store.models import (
    Agent,
    AuditEntry,
    Conversation,
    ConversationStatus,
    Direction,
    Message,
    Priority,
    utcnow,
)

#: Who is named in the audit log for what the console does by itself.
SYSTEM_ACTOR = "system"

UNDO_TOO_LATE = define(
    "send.undo_too_late",
    "The reply has already left the outbox, so it can no longer be taken back.",
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
    language: str | None = None,
    undo_seconds: float = 0,
    seen_message_id: int | None = None,
) -> int:
    """Store an outbound reply (the outbox sends it); returns the new message id.

    ``language`` is the language ``text`` is in, as it goes out (the
    conversation's language when not given). With ``undo_seconds`` the outbox
    holds the reply back that long, and :func:`undo_reply` can take it back.
    ``seen_message_id``: the newest message the agent saw; when another agent's
    reply came after it, nothing is stored and
    :class:`~console.inbox.collisions.ReplyCrossed` says which (None: no check).

    Answering an open conversation sets it to pending: the ball is with the
    customer until they write again.
    """
    hold = utcnow() + timedelta(seconds=undo_seconds) if undo_seconds > 0 else None
    return _store_reply(
        session,
        conversation_id,
        text,
        agent_id=agent_id,
        send_at=None,
        composed=composed,
        language=language,
        hold_until=hold,
        seen_message_id=seen_message_id,
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
    language: str | None = None,
    seen_message_id: int | None = None,
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
        language=language,
        seen_message_id=seen_message_id,
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
    language: str | None = None,
    hold_until: datetime | None = None,
    seen_message_id: int | None = None,
) -> int:
    body = text.strip()
    if not body:
        raise CommandError("A reply cannot be empty.")
    # Locked: another seat's reply to it waits for this one (and then sees it).
    found = lock_conversations(session, [conversation_id])
    if not found:
        raise CommandError(f"Conversation {conversation_id} no longer exists.")
    conversation = found[0]
    if seen_message_id is not None:
        check_reply_not_crossed(session, conversation_id, seen_message_id, agent_id)
    agent = session.get(Agent, agent_id) if agent_id is not None else None
    now = utcnow()
    previous_status, was_awaiting = conversation.status, conversation.awaiting_reply
    message = Message(
        conversation_id=conversation.id,
        direction=Direction.OUTBOUND,
        channel=conversation.channel,
        sent_at=send_at or now,
        author_agent_id=agent.id if agent else None,
        subject=_reply_subject(conversation.subject),
        text=body,
        language=language or conversation.language,
        language_source="agent" if language else None,
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
    kpi_facts.refresh(session, [conversation.id])  # a first reply starts the response KPIs
    discard_draft(session, conversation.id, agent_id)  # the draft went out as this reply
    enqueue_reply(session, message.id)  # the channel outbox sends it (held back while scheduled)
    actor = audit.actor_name(agent)
    if send_at is None:
        if hold_until is not None:  # the outbox waits out the undo window
            session.add(
                ScheduledSend(
                    message_id=message.id, send_at=hold_until, reason=UNDO_WINDOW, created_by=actor
                )
            )
        audit.record(
            session,
            actor=actor,
            action="reply",
            entity="conversation",
            entity_id=conversation.id,
            message_id=message.id,
            language=message.language,
            previous_status=previous_status.value,
            was_awaiting=was_awaiting,
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


def undo_reply(session: Session, message_id: int, *, actor: str) -> str:
    """Take back a reply still inside its undo window; returns what the agent wrote.

    The message, its outbox entry and its hold are deleted (nothing is sent);
    the conversation gets back the status it had. Raises :class:`ProblemError`
    when the outbox has already taken the reply.
    """
    message = session.get(Message, message_id)
    hold = session.get(ScheduledSend, message_id)
    if (
        message is None
        or hold is None
        or hold.reason != UNDO_WINDOW
        or hold.state != "scheduled"
        or _aware(hold.send_at) <= utcnow()
    ):
        raise ProblemError(problem(UNDO_TOO_LATE))
    taken = session.execute(
        delete(ChannelOutboxEntry).where(
            ChannelOutboxEntry.message_id == message_id, ChannelOutboxEntry.state == "pending"
        )
    )
    if getattr(taken, "rowcount", 0) != 1:
        raise ProblemError(problem(UNDO_TOO_LATE))
    written = message.composed_text or message.text
    conversation = session.get(Conversation, message.conversation_id)
    assert conversation is not None
    replied = session.scalars(
        select(AuditEntry)
        .where(
            AuditEntry.action == "reply",
            AuditEntry.entity == "conversation",
            AuditEntry.entity_id == conversation.id,
        )
        .order_by(AuditEntry.id.desc())
    )
    before = next((e.detail for e in replied if e.detail.get("message_id") == message_id), {})
    session.delete(message)
    session.flush()
    kpi_facts.refresh(session, [conversation.id])  # the taken-back reply no longer counts
    conversation.message_count = max(conversation.message_count - 1, 0)
    latest = session.scalars(
        select(Message)
        .where(Message.conversation_id == conversation.id)
        .order_by(Message.sent_at.desc(), Message.id.desc())
        .limit(1)
    ).first()
    conversation.preview = " ".join(latest.text.split())[:PREVIEW_CHARS] if latest else ""
    if "previous_status" in before:
        conversation.status = ConversationStatus(before["previous_status"])
        conversation.awaiting_reply = bool(before.get("was_awaiting"))
    audit.record(
        session,
        actor=actor,
        action="undo_reply",
        entity="conversation",
        entity_id=conversation.id,
        message_id=message_id,
    )
    return written


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _reply_subject(subject: str | None) -> str | None:
    if not subject:
        return None
    return subject if subject.lower().startswith("re:") else f"Re: {subject}"


def mark_read(session: Session, conversation_id: int) -> bool:
    """Clear the unread marker; returns whether anything changed.

    Reading is no change another seat could lose: the conversation's version stays
    (a bulk UPDATE, which ``version_id_col`` leaves alone), so opening a conversation
    never makes another agent's view of it stale.
    """
    cleared = session.execute(
        update(Conversation)
        .where(Conversation.id == conversation_id, Conversation.unread_count != 0)
        .values(unread_count=0)
        .execution_options(synchronize_session="fetch")
    )
    return bool(getattr(cleared, "rowcount", 0))


def set_status(
    session: Session,
    conversation_id: int,
    status: ConversationStatus,
    *,
    actor: str,
    version: int | None = None,
) -> None:
    """Resolve, reopen or mark a conversation as waiting on the customer (audited)."""
    seen = {conversation_id: version} if version is not None else None
    if not set_statuses(session, [conversation_id], status, actor=actor, versions=seen):
        _existing(session, [conversation_id])


def set_statuses(
    session: Session,
    conversation_ids: Sequence[int],
    status: ConversationStatus,
    *,
    actor: str,
    at: datetime | None = None,
    versions: Mapping[int, int] | None = None,
) -> list[int]:
    """Give each conversation ``status`` (a snooze ends); returns the ids that changed.

    ``at``: when it happened (now when not given), for the resolution KPIs.
    ``versions``: the version of each conversation the agent saw (see :func:`_existing`).
    """
    changed = []
    for conversation in _existing(session, conversation_ids, versions, actor):
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
    if status is ConversationStatus.RESOLVED and changed:
        moment = at or utcnow()
        kpi_facts.record_resolved(session, dict.fromkeys(changed, moment))
    return changed


def snooze(
    session: Session,
    conversation_ids: Sequence[int],
    until: datetime,
    *,
    actor: str,
    versions: Mapping[int, int] | None = None,
) -> list[int]:
    """Keep conversations out of the working views until ``until`` (or until the customer
    writes); returns the ids snoozed."""
    if until.tzinfo is None:
        raise CommandError("A snooze time must be timezone-aware.")
    wake = until.astimezone(UTC)
    if wake <= utcnow():
        raise CommandError("A snooze must end in the future.")
    snoozed = []
    for conversation in _existing(session, conversation_ids, versions, actor):
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
    session: Session,
    conversation_ids: Sequence[int],
    priority: Priority,
    *,
    actor: str,
    versions: Mapping[int, int] | None = None,
) -> list[int]:
    changed = []
    for conversation in _existing(session, conversation_ids, versions, actor):
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
    session: Session,
    conversation_ids: Sequence[int],
    agent_id: int | None,
    *,
    actor: str,
    versions: Mapping[int, int] | None = None,
) -> list[int]:
    """Give conversations to an agent (None: unassign); returns the ids that changed."""
    agent = session.get(Agent, agent_id) if agent_id is not None else None
    if agent_id is not None and agent is None:
        raise CommandError("That agent no longer exists.")
    changed = []
    for conversation in _existing(session, conversation_ids, versions, actor):
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


def _existing(
    session: Session,
    conversation_ids: Sequence[int],
    versions: Mapping[int, int] | None = None,
    actor: str | None = None,
) -> list[Conversation]:
    """The conversations that still exist, locked for the change (in the order asked).

    ``versions`` (id -> the version the agent saw, for some or all of them): when any
    has changed since, nothing is changed (:class:`~console.inbox.collisions.ChangedMeanwhile`).
    """
    wanted = list(dict.fromkeys(conversation_ids))
    if versions:
        check_conversation_versions(
            session, {i: versions[i] for i in wanted if i in versions}, actor=actor
        )
    found = {conversation.id: conversation for conversation in lock_conversations(session, wanted)}
    if not found:
        raise CommandError("The conversation no longer exists.")
    return [found[i] for i in wanted if i in found]
