"""The store's tables as typed SQLAlchemy 2 models.

Timestamps are stored as naive UTC and come back timezone-aware (UTC).
Conversation rows carry a few denormalised columns (preview, last activity,
unread, awaiting reply) so the inbox can page through 200k messages without
aggregating on every scroll.
"""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Enum,
    FetchedValue,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out, on every backend."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; pass an aware datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class ConversationStatus(enum.StrEnum):
    OPEN = "open"
    PENDING = "pending"
    RESOLVED = "resolved"


class Direction(enum.StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"


class ChannelKind(enum.StrEnum):
    EMAIL = "email"
    MARKETPLACE = "marketplace"
    CHAT = "chat"
    PHONE = "phone"


class Priority(enum.IntEnum):
    LOW = 0
    NORMAL = 1
    HIGH = 2
    URGENT = 3


class AgentRole(enum.StrEnum):
    AGENT = "agent"
    LEAD = "lead"
    QA = "qa"  # quality reviewer
    COMPLIANCE = "compliance"
    ADMIN = "admin"


def _enum(cls: type[enum.Enum]) -> Enum:
    return Enum(
        cls,
        native_enum=False,
        create_constraint=True,
        length=16,
        values_callable=lambda members: [m.value for m in members],
        name=cls.__name__.lower(),
    )


class Base(DeclarativeBase):
    type_annotation_map = {  # noqa: RUF012 (SQLAlchemy reads it as a class attribute)
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
        list[str]: JSON(),
    }


ADDRESS_CHARS = 500  # the longest postal address a customer keeps


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(2))  # ISO 3166-1 alpha-2
    region: Mapped[str | None] = mapped_column(String(100))
    city: Mapped[str | None] = mapped_column(String(100))
    # The postal address as the channel gave it (street, building, postcode), one text.
    address: Mapped[str | None] = mapped_column(String(ADDRESS_CHARS))
    locale: Mapped[str | None] = mapped_column(String(20))
    preferred_language: Mapped[str | None] = mapped_column(String(8))
    time_zone: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Why ``country`` is what it is (console/customers/country.py): "channel", "agent",
    # or the evidence a guess came from ("email_domain", "phone", ...); NULL: not known.
    country_source: Mapped[str | None] = mapped_column(String(32))
    # That evidence's details: {"evidence", "certain", "alternatives", "by", "at"}.
    country_evidence: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))

    identities: Mapped[list[ChannelIdentity]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", order_by="ChannelIdentity.id"
    )


class ChannelIdentity(Base):
    """One address a customer writes from: an e-mail, a phone, a marketplace handle."""

    __tablename__ = "channel_identities"
    __table_args__ = (UniqueConstraint("kind", "address", name="uq_identity_kind_address"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[ChannelKind] = mapped_column(_enum(ChannelKind))
    address: Mapped[str] = mapped_column(String(320))

    customer: Mapped[Customer] = relationship(back_populates="identities")


class Market(Base):
    __tablename__ = "markets"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    countries: Mapped[list[str]] = mapped_column(default=list)
    languages: Mapped[list[str]] = mapped_column(default=list)


class Agent(Base):
    __tablename__ = "agents"
    __table_args__ = (UniqueConstraint("login_role", name="uq_agents_login_role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[AgentRole] = mapped_column(_enum(AgentRole), default=AgentRole.AGENT)
    languages: Mapped[list[str]] = mapped_column(default=list)
    time_zone: Mapped[str | None] = mapped_column(String(64))
    #: The outsourcing company the person works for; None: in-house.
    vendor: Mapped[str | None] = mapped_column(String(200), index=True)
    #: First working day (newcomers are sampled more for quality review).
    joined_on: Mapped[date | None] = mapped_column(Date)
    #: Last working day of a temporary agent; None: permanent.
    expires_on: Mapped[date | None] = mapped_column(Date)
    #: The PostgreSQL login role this person signs in as (team stores; see console/team).
    login_role: Mapped[str | None] = mapped_column(String(63))
    #: When an administrator disabled the person (they cannot sign in); None: active.
    disabled_at: Mapped[datetime | None] = mapped_column()
    #: Reads customer data masked (console/privacy/masking.py); vendor and temporary
    #: people by default.
    masked: Mapped[bool] = mapped_column(default=False, server_default=false())

    @property
    def temporary(self) -> bool:
        return self.expires_on is not None


class Conversation(Base):
    """One thread per customer; reopened when the customer writes again."""

    __tablename__ = "conversations"
    __table_args__ = (
        Index("ix_conversations_last_activity", "last_activity_at"),
        Index("ix_conversations_status_activity", "status", "last_activity_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    subject: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[ConversationStatus] = mapped_column(
        _enum(ConversationStatus), default=ConversationStatus.OPEN
    )
    assignee_id: Mapped[int | None] = mapped_column(
        ForeignKey("agents.id", ondelete="SET NULL"), index=True
    )
    market_id: Mapped[int | None] = mapped_column(
        ForeignKey("markets.id", ondelete="SET NULL"), index=True
    )
    priority: Mapped[Priority] = mapped_column(Integer, default=Priority.NORMAL)
    # Denormalised from the messages for a cheap inbox.
    channel: Mapped[ChannelKind | None] = mapped_column(_enum(ChannelKind), index=True)
    language: Mapped[str | None] = mapped_column(String(8), index=True)
    preview: Mapped[str] = mapped_column(String(200), default="")
    message_count: Mapped[int] = mapped_column(default=0)
    unread_count: Mapped[int] = mapped_column(default=0)
    awaiting_reply: Mapped[bool] = mapped_column(default=False)
    last_activity_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: Out of the working views until then (UTC); cleared when the customer writes.
    snoozed_until: Mapped[datetime | None] = mapped_column(index=True)
    #: The routing queue it is in (console/store/routing_tables.py; None: not routed).
    queue_id: Mapped[int | None] = mapped_column(index=True)
    #: Raised by every change (the ORM's, and ingest's bulk update): a change made on an
    #: older version is refused (console/inbox/collisions.py; migration 0019).
    version: Mapped[int] = mapped_column(default=1, server_default=text("1"))

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (read by SQLAlchemy)

    customer: Mapped[Customer] = relationship()
    assignee: Mapped[Agent | None] = relationship()
    market: Mapped[Market | None] = relationship()


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("channel", "external_id", name="uq_message_channel_external_id"),
        Index("ix_messages_conversation_sent", "conversation_id", "sent_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    direction: Mapped[Direction] = mapped_column(_enum(Direction))
    channel: Mapped[ChannelKind] = mapped_column(_enum(ChannelKind))
    external_id: Mapped[str | None] = mapped_column(String(300))
    sent_at: Mapped[datetime]
    author_agent_id: Mapped[int | None] = mapped_column(
        ForeignKey("agents.id", ondelete="SET NULL")
    )
    subject: Mapped[str | None] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text, default="")
    html: Mapped[str | None] = mapped_column(Text)  # sanitized before it is stored
    language: Mapped[str | None] = mapped_column(String(8))
    language_confidence: Mapped[float | None] = mapped_column(Float)
    #: How ``language`` was decided: "detected", "declared" by the source, or "agent".
    language_source: Mapped[str | None] = mapped_column(String(16))
    #: For replies written through translation: the agent's own text and language.
    composed_text: Mapped[str | None] = mapped_column(Text)
    composed_language: Mapped[str | None] = mapped_column(String(8))

    translations: Mapped[list[Translation]] = relationship(
        back_populates="message", cascade="all, delete-orphan"
    )


class Translation(Base):
    __tablename__ = "translations"
    __table_args__ = (
        UniqueConstraint(
            "message_id", "target_language", "engine", "engine_version", name="uq_translation_key"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("messages.id", ondelete="CASCADE"), index=True
    )
    target_language: Mapped[str] = mapped_column(String(8))
    engine: Mapped[str] = mapped_column(String(40))
    engine_version: Mapped[str] = mapped_column(String(80))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    message: Mapped[Message] = relationship(back_populates="translations")


class AuditEntry(Base):
    """Append-only: the schema refuses UPDATE and DELETE on this table."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[int | None]
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    #: The hash chain (console/store/audit_hash.py), filled in by the store on insert.
    prev_hash: Mapped[str | None] = mapped_column(String(64), server_default=FetchedValue())
    hash: Mapped[str | None] = mapped_column(String(64), server_default=FetchedValue())


class Draft(Base):
    """The reply an agent is writing in one conversation, saved as they type."""

    __tablename__ = "drafts"
    __table_args__ = (UniqueConstraint("conversation_id", "agent_key", name="uq_draft_per_agent"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    agent_key: Mapped[int] = mapped_column(default=0)  # the agent's id; 0 for "no agent chosen"
    text: Mapped[str] = mapped_column(Text, default="")  # in the agent's language
    outgoing_text: Mapped[str | None] = mapped_column(Text)  # the customer-language text, edited
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
