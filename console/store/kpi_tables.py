"""Per-conversation facts the KPIs are computed from, and each market's response target.

The facts are kept as things happen (a customer message is ingested, an agent
replies, a conversation is resolved: :mod:`console.kpis.facts`), so a KPI
report is a GROUP BY over one row per conversation and never reads messages.
Business times are measured in the market's support hours at the moment they
become known. The schema comes from migration ``0013_kpis``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from console.store.models import Base

#: First-response target of a market that has none set, in business minutes.
DEFAULT_FIRST_RESPONSE_TARGET_MINUTES = 240


class ConversationKpi(Base):
    """What the KPIs need to know about one conversation (seconds are whole seconds)."""

    __tablename__ = "conversation_kpis"
    __table_args__ = (Index("ix_conversation_kpis_first_inbound", "first_inbound_at"),)

    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True
    )
    #: The customer's first message; None while the conversation holds only outbound ones.
    first_inbound_at: Mapped[datetime | None]
    #: Hour (0-23) and weekday (Monday 0) of ``first_inbound_at`` in the market's zone (UTC
    #: without a market or support hours).
    inbound_hour: Mapped[int | None]
    inbound_weekday: Mapped[int | None]
    inbound_count: Mapped[int] = mapped_column(default=0)
    reply_count: Mapped[int] = mapped_column(default=0)
    #: The first agent reply at or after ``first_inbound_at``.
    first_response_at: Mapped[datetime | None]
    first_responder_id: Mapped[int | None] = mapped_column(
        ForeignKey("agents.id", ondelete="SET NULL")
    )
    first_response_seconds: Mapped[int | None]
    first_response_business_seconds: Mapped[int | None]
    #: The last time the conversation was resolved, and how long after the first message.
    resolved_at: Mapped[datetime | None]
    resolution_seconds: Mapped[int | None]
    resolution_business_seconds: Mapped[int | None]
    #: How often the customer wrote again after the conversation was resolved.
    reopen_count: Mapped[int] = mapped_column(default=0)


class MarketKpiTarget(Base):
    """A market's first-response target in business minutes (the default applies without one)."""

    __tablename__ = "market_kpi_targets"

    market_id: Mapped[int] = mapped_column(
        ForeignKey("markets.id", ondelete="CASCADE"), primary_key=True
    )
    first_response_minutes: Mapped[int] = mapped_column(
        default=DEFAULT_FIRST_RESPONSE_TARGET_MINUTES
    )
