"""The persistent outbox: replies wait here until they leave, and leave once.

:func:`console.inbox.outgoing.enqueue_reply` queues a stored reply for its
channel (the inbox's side: what is queued and where each reply is). This
module hands queued replies over: e-mail through SMTP, replies on other
channels through :func:`export_outbox`, which writes them to a file the agent
hands to that channel.

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
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from pathlib import Path
from typing import Any

from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session

from console import audit
from console.channels.scrub import scrub
from console.inbox.outgoing import OutboxError
from console.store import Store
from console.store.channel_tables import ChannelOutboxEntry
from console.store.coverage_tables import ScheduledSend
from console.store.models import (
    ChannelKind,
    utcnow,
)

INTERRUPTED = "Sending was interrupted; the message may have been sent. Check, then retry."


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
                # Claimed in one conditional update: of two senders (a team's duty
                # holder handing over), only one takes it.
                claimed = session.execute(
                    update(ChannelOutboxEntry)
                    .where(
                        (ChannelOutboxEntry.id == entry_id)
                        & (ChannelOutboxEntry.state == "pending")
                    )
                    .values(state="sending", attempts=ChannelOutboxEntry.attempts + 1)
                    .returning(ChannelOutboxEntry.id)
                ).first()
                queued = session.get(ChannelOutboxEntry, entry_id) if claimed else None
                if queued is None:
                    continue
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
