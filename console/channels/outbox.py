"""The persistent outbox: replies wait here until they leave, and leave once.

:func:`enqueue_reply` takes an outbound message already stored by
:func:`console.inbox.commands.send_reply` and queues it for its channel:
e-mail replies carry ``In-Reply-To``/``References`` of the customer's latest
mail so their client threads them; replies on other channels wait for
:func:`export_outbox`, which writes them to a file the agent hands to that
channel.

:func:`send_pending` sends queued e-mail over SMTP. Each entry is marked
``sending`` in its own committed transaction before it is handed to the
server and ``sent`` right after, so a crash in between can never lead to a
second automatic send: such an entry becomes ``failed`` ("may have been sent")
and waits for an agent's :func:`retry`. While the server cannot be reached
entries stay ``pending`` with the reason, and go out on a later run.
"""

from __future__ import annotations

import json
import smtplib
import ssl
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from pathlib import Path
from typing import Any

from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session

from console import audit
from console.channels.scrub import scrub
from console.problems import Problem, define, problem
from console.store import Store
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

INTERRUPTED = "Sending was interrupted; the message may have been sent. Check, then retry."

#: ``ScheduledSend.reason`` of a reply held back for its undo window (not a real schedule).
UNDO_WINDOW = "undo_window"

NO_MAIL_SERVER = define(
    "send.no_mail_server",
    "No channel can deliver this reply: no mail server (SMTP) is set up, so e-mail replies "
    "wait in the outbox until one is added under Channels.",
)


class OutboxError(ValueError):
    """An outbox action that cannot be done; the text is for the user."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    from_address: str
    from_name: str = ""
    security: str = "starttls"  # "tls" | "starttls" | "none" (loopback relays only)
    username: str | None = None
    timeout: float = 30.0
    ca_file: str | None = None  # a private CA or self-signed server certificate


@dataclass(frozen=True)
class OutboxItem:
    id: int
    message_id: int
    conversation_id: int
    channel: str
    to_address: str
    subject: str
    state: str
    attempts: int
    last_error: str
    created_at: datetime
    sent_at: datetime | None


@dataclass(frozen=True)
class SendReport:
    sent: int = 0
    failed: int = 0
    waiting: int = 0  # still pending (server unreachable)


def _item(entry: ChannelOutboxEntry) -> OutboxItem:
    return OutboxItem(
        id=entry.id,
        message_id=entry.message_id,
        conversation_id=entry.conversation_id,
        channel=entry.channel,
        to_address=entry.to_address,
        subject=entry.subject,
        state=entry.state,
        attempts=entry.attempts,
        last_error=entry.last_error,
        created_at=entry.created_at,
        sent_at=entry.sent_at,
    )


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


def build_email(entry: ChannelOutboxEntry, settings: SmtpSettings) -> EmailMessage:
    email = EmailMessage()
    email["From"] = formataddr((settings.from_name, settings.from_address))
    email["To"] = formataddr((entry.to_name, entry.to_address))
    email["Subject"] = entry.subject
    email["Date"] = format_datetime(entry.created_at)
    email["Message-ID"] = f"<{entry.rfc_message_id}>"
    if entry.in_reply_to:
        email["In-Reply-To"] = f"<{entry.in_reply_to}>"
    if entry.references:
        email["References"] = " ".join(f"<{ref}>" for ref in entry.references)
    # 7-bit safe on every relay: base64 for non-ASCII text (CJK, Arabic, Hebrew ...).
    email.set_content(entry.body, charset="utf-8", cte="7bit" if entry.body.isascii() else "base64")
    return email


def _connect(settings: SmtpSettings, password: str | None) -> smtplib.SMTP:
    context = ssl.create_default_context(cafile=settings.ca_file)
    client: smtplib.SMTP
    if settings.security == "tls":
        client = smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=settings.timeout, context=context
        )
    else:
        client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        if settings.security == "starttls":
            client.starttls(context=context)
    if settings.username and password is not None:
        client.login(settings.username, password)
    return client


def send_pending(store: Store, settings: SmtpSettings, password: str | None = None) -> SendReport:
    """Send every pending e-mail entry; see the module text for the guarantees."""
    with store.session() as session:
        for entry in session.scalars(
            select(ChannelOutboxEntry).where(ChannelOutboxEntry.state == "sending")
        ):
            entry.state = "failed"
            entry.last_error = INTERRUPTED
        ids = list(
            session.scalars(
                select(ChannelOutboxEntry.id)
                .where(
                    (ChannelOutboxEntry.state == "pending")
                    & (ChannelOutboxEntry.channel == ChannelKind.EMAIL.value)
                    & ChannelOutboxEntry.message_id.not_in(_held_back())
                )
                .order_by(ChannelOutboxEntry.id)
            )
        )
    if not ids:
        return SendReport()

    def clean(text: str) -> str:
        """A server reply or error without the credentials a server may echo back."""
        return scrub(text, [password], settings.username)

    try:
        client = _connect(settings, password)
    except smtplib.SMTPAuthenticationError as exc:
        _note_offline(
            store, ids, clean(f"The mail server refused the sign-in ({exc.smtp_code} {_text(exc)})")
        )
        return SendReport(waiting=len(ids))
    except (OSError, smtplib.SMTPException) as exc:
        _note_offline(store, ids, clean(f"The mail server cannot be reached: {exc}"))
        return SendReport(waiting=len(ids))
    sent = failed = 0
    try:
        for position, entry_id in enumerate(ids):
            with store.session() as session:
                queued = session.get(ChannelOutboxEntry, entry_id)
                if queued is None or queued.state != "pending":
                    continue
                queued.state = "sending"
                queued.attempts += 1
                email = build_email(queued, settings)
            try:
                client.send_message(email)
            except smtplib.SMTPResponseException as exc:
                temporary = 400 <= exc.smtp_code < 500
                _finish(store, entry_id, "pending" if temporary else "failed", clean(_reason(exc)))
                failed += 0 if temporary else 1
            except smtplib.SMTPRecipientsRefused as exc:
                _finish(
                    store, entry_id, "failed", clean(f"The server refused the recipient: {exc}")
                )
                failed += 1
            except (OSError, smtplib.SMTPException) as exc:
                # The connection dropped: whether the server took it is unknown.
                _finish(store, entry_id, "failed", clean(f"{INTERRUPTED} ({exc})"))
                _note_offline(store, ids[position + 1 :], clean(f"Connection lost: {exc}"))
                return SendReport(sent=sent, failed=failed + 1, waiting=len(ids) - position - 1)
            else:
                _finish(store, entry_id, "sent", "")
                sent += 1
    finally:
        try:
            client.quit()
        except (OSError, smtplib.SMTPException):
            client.close()
    waiting = len(ids) - sent - failed
    return SendReport(sent=sent, failed=failed, waiting=waiting)


def _reason(exc: smtplib.SMTPResponseException) -> str:
    return f"The mail server answered {exc.smtp_code}: {_text(exc)}".strip()


def _text(exc: smtplib.SMTPResponseException) -> str:
    error = exc.smtp_error
    return error.decode("utf-8", "replace") if isinstance(error, bytes) else str(error)


def _held_back() -> Select[Any]:
    """Messages scheduled for later ("send at their 09:00") whose time has not come, and
    replies still inside their undo window."""
    return select(ScheduledSend.message_id).where(
        ScheduledSend.state == "scheduled", ScheduledSend.send_at > utcnow()
    )


def _finish(store: Store, entry_id: int, state: str, reason: str) -> None:
    with store.session() as session:
        entry = session.get(ChannelOutboxEntry, entry_id)
        assert entry is not None
        entry.state = state
        entry.last_error = reason
        if state == "sent":
            entry.sent_at = utcnow()
            session.execute(
                update(ScheduledSend)
                .where(
                    ScheduledSend.message_id == entry.message_id,
                    ScheduledSend.state == "scheduled",
                )
                .values(state="sent")
            )
            audit.record(
                session,
                actor="outbox",
                action="sent",
                entity="message",
                entity_id=entry.message_id,
                channel=entry.channel,
            )


def _note_offline(store: Store, ids: list[int], reason: str) -> None:
    if not ids:
        return
    with store.session() as session:
        for entry in session.scalars(
            select(ChannelOutboxEntry).where(ChannelOutboxEntry.id.in_(ids))
        ):
            if entry.state == "pending":
                entry.last_error = reason


def retry(session: Session, entry_id: int, *, actor: str) -> None:
    entry = session.get(ChannelOutboxEntry, entry_id)
    if entry is None:
        raise OutboxError(f"There is no outbox entry {entry_id}.")
    if entry.state != "failed":
        raise OutboxError("Only a failed message can be retried.")
    entry.state = "pending"
    audit.record(
        session, actor=actor, action="retry_send", entity="message", entity_id=entry.message_id
    )


def outbox_items(session: Session, *, states: tuple[str, ...] | None = None) -> list[OutboxItem]:
    query = select(ChannelOutboxEntry).order_by(ChannelOutboxEntry.id)
    if states:
        query = query.where(ChannelOutboxEntry.state.in_(states))
    return [_item(entry) for entry in session.scalars(query)]


def export_outbox(session: Session, channel: ChannelKind, path: Path, *, actor: str) -> int:
    """Write pending replies of a non-e-mail channel as JSON lines; mark them exported."""
    if channel is ChannelKind.EMAIL:
        raise OutboxError("E-mail replies are sent, not exported.")
    entries = list(
        session.scalars(
            select(ChannelOutboxEntry)
            .where(
                (ChannelOutboxEntry.channel == channel.value)
                & (ChannelOutboxEntry.state == "pending")
            )
            .order_by(ChannelOutboxEntry.id)
        )
    )
    if not entries:
        return 0
    lines = [
        json.dumps(
            {
                "id": entry.rfc_message_id,
                "channel": entry.channel,
                "to": entry.to_address,
                "customer_name": entry.to_name,
                "text": entry.body,
                "created_at": entry.created_at.isoformat(),
            },
            ensure_ascii=False,
        )
        for entry in entries
    ]
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    now = utcnow()
    for entry in entries:
        entry.state = "exported"
        entry.sent_at = now
    audit.record(
        session, actor=actor, action="export_outbox", entity="message", count=len(entries),
        channel=channel.value, path=str(path),
    )  # fmt: skip
    return len(entries)


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
