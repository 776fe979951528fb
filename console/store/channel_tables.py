"""Tables of the inbound channels: quarantine, attachments, outbox, cursors, merges.

Imported by :mod:`console.channels`, :mod:`console.identity` and
:mod:`console.inbox.ingest` so the ORM knows them wherever they are used.
The schema comes from migration ``0004_channels``.

Secrets (passwords, tokens) never go in these tables: ``ChannelConfig.settings``
holds host names, ports, folders and mappings; credentials live in the OS
keyring under :data:`console.channels.credentials.KEYRING_SERVICE`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from console.store.models import Base, utcnow


class QuarantinedItem(Base):
    """An item of a source that could not be stored, with a reason a user can read."""

    __tablename__ = "quarantine"
    __table_args__ = (UniqueConstraint("source", "item_ref", "sha256", name="uq_quarantine_item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(500))  # e.g. "maildir:/home/x/Mail"
    item_ref: Mapped[str] = mapped_column(String(500))  # file name, row number, UID ...
    reason: Mapped[str] = mapped_column(Text)  # English sentence (CLI, logs)
    problem: Mapped[str | None] = mapped_column(Text)  # console.problems.Problem as JSON
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(default=0)
    excerpt: Mapped[str] = mapped_column(Text, default="")  # first bytes, as text, never rendered
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    resolved_at: Mapped[datetime | None]


class AttachmentBlob(Base):
    """Attachment content, stored once per distinct content (content-addressed)."""

    __tablename__ = "attachment_blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int]
    data: Mapped[bytes | None] = mapped_column(LargeBinary)  # None: over the size cap


class MessageAttachment(Base):
    __tablename__ = "message_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("messages.id", ondelete="CASCADE"), index=True
    )
    sha256: Mapped[str] = mapped_column(ForeignKey("attachment_blobs.sha256"), index=True)
    filename: Mapped[str] = mapped_column(String(300))
    content_type: Mapped[str] = mapped_column(String(200))
    size: Mapped[int]
    dangerous: Mapped[bool] = mapped_column(default=False)


class MessageRef(Base):
    """E-mail threading headers of a stored message."""

    __tablename__ = "message_refs"

    message_id: Mapped[int] = mapped_column(
        ForeignKey("messages.id", ondelete="CASCADE"), primary_key=True
    )
    rfc_message_id: Mapped[str | None] = mapped_column(String(500), index=True)
    in_reply_to: Mapped[str | None] = mapped_column(String(500))
    references: Mapped[list[str]] = mapped_column(default=list)


class CustomerKey(Base):
    """A fact that identifies a customer across channels: e-mail, E.164 phone, order number."""

    __tablename__ = "customer_keys"
    __table_args__ = (UniqueConstraint("kind", "value", name="uq_customer_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))  # "email" | "phone" | "order"
    value: Mapped[str] = mapped_column(String(320))


class MergeSuggestion(Base):
    """Two customers that may be one person; an agent decides."""

    __tablename__ = "merge_suggestions"
    __table_args__ = (
        UniqueConstraint("customer_a_id", "customer_b_id", name="uq_merge_suggestion_pair"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_a_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    customer_b_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(16), default="open")  # open|accepted|dismissed
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class IdentityChange(Base):
    """One merge or split of customers, with what moved, so it can be undone."""

    __tablename__ = "identity_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    action: Mapped[str] = mapped_column(String(16))  # "merge" | "split"
    from_customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    to_customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    identity_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    key_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    conversation_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    actor: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    undone_at: Mapped[datetime | None]


class ChannelOutboxEntry(Base):
    """A reply waiting to leave: by SMTP (e-mail) or in an export file (other channels).

    States: ``pending`` (waits for a connection), ``sending`` (handed to the
    server; if the program dies here the entry becomes ``failed`` with a
    reason and is never resent automatically), ``sent``, ``failed``,
    ``exported``.
    """

    __tablename__ = "channel_outbox"
    __table_args__ = (Index("ix_channel_outbox_state", "state", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("messages.id", ondelete="CASCADE"), unique=True
    )
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    channel: Mapped[str] = mapped_column(String(16))
    to_address: Mapped[str] = mapped_column(String(320))
    to_name: Mapped[str] = mapped_column(String(200), default="")
    subject: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text)
    rfc_message_id: Mapped[str] = mapped_column(String(500), unique=True)
    in_reply_to: Mapped[str | None] = mapped_column(String(500))
    references: Mapped[list[str]] = mapped_column(default=list)
    state: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]


class SourceCursor(Base):
    """How far a source has been read, saved in the same transaction as what was read."""

    __tablename__ = "source_cursors"

    source: Mapped[str] = mapped_column(String(500), primary_key=True)
    position: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ChannelConfig(Base):
    """A configured connector or import source (no secrets: those are in the keyring)."""

    __tablename__ = "channel_configs"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # imap|smtp|maildir|mbox|csv|json|webhook
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    enabled: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
