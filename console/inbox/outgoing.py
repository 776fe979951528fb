"""Replies on their way out, as the inbox sees them: queued once, and where each one is.

:func:`enqueue_reply` takes an outbound message already stored by
:func:`console.inbox.commands.send_reply` and queues it for its channel:
e-mail replies carry ``In-Reply-To``/``References`` of the customer's latest
mail so their client threads them. :func:`delivery_states` tells the thread
where each reply is. Handing queued replies to a mail server or an export file
is the channels' work (:mod:`console.channels.outbox`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.problems import Problem, define, problem
from console.store.channel_tables import ChannelConfig, ChannelOutboxEntry, MessageRef
from console.store.coverage_tables import ScheduledSend
from console.store.models import (
    ChannelIdentity,
    ChannelKind,
    Conversation,
    Customer,
    Direction,
    Message,
    utcnow,
)

#: ``ScheduledSend.reason`` of a reply held back for its undo window (not a real schedule).
UNDO_WINDOW = "undo_window"

NO_MAIL_SERVER = define(
    "send.no_mail_server",
    "No channel can deliver this reply: no mail server (SMTP) is set up, so e-mail replies "
    "wait in the outbox until one is added under Channels.",
)


class OutboxError(ValueError):
    """An outbox action that cannot be done; the text is for the user."""


def enqueue_reply(session: Session, message_id: int, *, domain: str = "support.invalid") -> int:
    """Queue a stored outbound message for its channel; returns the outbox entry id."""
    message = session.get(Message, message_id)
    if message is None or message.direction is not Direction.OUTBOUND:
        raise OutboxError(f"Message {message_id} is not an outbound reply.")
    existing = session.scalar(
        select(ChannelOutboxEntry.id).where(ChannelOutboxEntry.message_id == message_id)
    )
    if existing is not None:
        return existing  # queued once, sent once
    conversation = session.get(Conversation, message.conversation_id)
    assert conversation is not None
    customer = session.get(Customer, conversation.customer_id)
    channel = message.channel
    address = session.scalar(
        select(ChannelIdentity.address)
        .where(
            (ChannelIdentity.customer_id == conversation.customer_id)
            & (ChannelIdentity.kind == channel)
        )
        .order_by(ChannelIdentity.id.desc())
    )
    if address is None:
        raise OutboxError("The customer has no address on this channel to reply to.")
    parent = session.execute(
        select(MessageRef.rfc_message_id, MessageRef.references)
        .join(Message, Message.id == MessageRef.message_id)
        .where(
            (Message.conversation_id == conversation.id)
            & (Message.direction == Direction.INBOUND)
            & MessageRef.rfc_message_id.is_not(None)
        )
        .order_by(Message.sent_at.desc(), Message.id.desc())
        .limit(1)
    ).first()
    in_reply_to = parent[0] if parent else None
    references = [*(parent[1] or []), parent[0]] if parent else []
    entry = ChannelOutboxEntry(
        message_id=message.id,
        conversation_id=conversation.id,
        channel=channel.value,
        to_address=address,
        to_name=customer.name if customer else "",
        subject=message.subject or conversation.subject or "",
        body=message.text,
        rfc_message_id=f"{uuid.uuid4().hex}@{domain}",
        in_reply_to=in_reply_to,
        references=references[-20:],
        state="pending",
        attempts=0,
        last_error="",
        created_at=utcnow(),
    )
    session.add(entry)
    session.flush()
    session.add(
        MessageRef(
            message_id=message.id,
            rfc_message_id=entry.rfc_message_id,
            in_reply_to=in_reply_to,
            references=references[-20:],
        )
    )
    return entry.id


# -- read side: can a reply leave, and where is it --------------------------------------

#: Delivery states shown in the thread.
QUEUED, HELD, SCHEDULED, SENDING, SENT, FAILED, EXPORT, EXPORTED, UNDELIVERABLE = (
    "queued", "held", "scheduled", "sending", "sent", "failed", "export", "exported",
    "undeliverable",
)  # fmt: skip


@dataclass(frozen=True)
class Delivery:
    """Where one outbound message is on its way out, for the thread."""

    state: str  # one of the states above
    entry_id: int  # the outbox entry (for retry)
    at: datetime | None = None  # held/scheduled: when it leaves; sent/exported: when it left
    reason: str = ""  # failed, or queued after a failed attempt: why (English)
    problem: Problem | None = None  # undeliverable: why


def delivery_problem(session: Session, channel: ChannelKind | str | None) -> Problem | None:
    """Why no configured channel can deliver a reply on ``channel`` (None: one can).

    E-mail leaves through the first enabled SMTP channel; replies on other channels
    are written to an export file from the outbox, which needs no configuration.
    """
    if channel is None or ChannelKind(channel) is not ChannelKind.EMAIL:
        return None
    smtp = session.scalar(
        select(ChannelConfig.id).where(
            (ChannelConfig.kind == "smtp") & ChannelConfig.enabled.is_(True)
        )
    )
    return None if smtp is not None else problem(NO_MAIL_SERVER)


def delivery_states(session: Session, message_ids: list[int]) -> dict[int, Delivery]:
    """The delivery state of each outbound message that went through the outbox."""
    if not message_ids:
        return {}
    entries = list(
        session.scalars(
            select(ChannelOutboxEntry).where(ChannelOutboxEntry.message_id.in_(message_ids))
        )
    )
    holds = {
        hold.message_id: hold
        for hold in session.scalars(
            select(ScheduledSend).where(
                ScheduledSend.message_id.in_([e.message_id for e in entries]),
                ScheduledSend.state == "scheduled",
            )
        )
    }
    now = utcnow()
    cannot: dict[str, Problem | None] = {}
    states: dict[int, Delivery] = {}
    for entry in entries:
        hold = holds.get(entry.message_id)
        if entry.state == "pending" and hold is not None and _utc(hold.send_at) > now:
            held = HELD if hold.reason == UNDO_WINDOW else SCHEDULED
            states[entry.message_id] = Delivery(held, entry.id, at=_utc(hold.send_at))
        elif entry.state == "pending":
            if entry.channel not in cannot:
                cannot[entry.channel] = delivery_problem(session, entry.channel)
            why = cannot[entry.channel]
            if why is not None:
                states[entry.message_id] = Delivery(UNDELIVERABLE, entry.id, problem=why)
            elif entry.channel != ChannelKind.EMAIL.value:
                states[entry.message_id] = Delivery(EXPORT, entry.id)
            else:
                states[entry.message_id] = Delivery(QUEUED, entry.id, reason=entry.last_error)
        elif entry.state in (SENT, EXPORTED):
            states[entry.message_id] = Delivery(entry.state, entry.id, at=entry.sent_at)
        elif entry.state == FAILED:
            states[entry.message_id] = Delivery(FAILED, entry.id, reason=entry.last_error)
        else:
            states[entry.message_id] = Delivery(SENDING, entry.id)
    return states


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
