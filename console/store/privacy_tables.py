"""Tables of data-subject requests: erasure tombstones and retention rules (migration 0021).

* ``data_subject_requests``: what stays of an erasure (a customer's, or a retention
  run's in one market): the kind, when, who, why and how much went. Ids and counts
  only: never a name, an address or a text of the customer.
* ``erased_conversations``: conversations whose texts were erased (their rows stay for
  the KPIs: timings, counts, market, channel; no text).
* ``retention_rules``: per market, how many months after resolution a conversation's
  texts are erased (set by compliance staff).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from console.store.models import Base, utcnow


class DataSubjectRequest(Base):
    """The tombstone of one erasure: request, date, who, reason (no personal data)."""

    __tablename__ = "data_subject_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: "erase" (a customer, on request) or "retention" (a market's rule, applied).
    kind: Mapped[str] = mapped_column(String(16))
    #: The erased customer's id (their row stays, emptied); None for a retention run.
    customer_id: Mapped[int | None] = mapped_column(index=True)
    market_code: Mapped[str | None] = mapped_column(String(16))
    requested_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    requested_by: Mapped[str] = mapped_column(String(200))
    requested_by_agent_id: Mapped[int | None]
    reason: Mapped[str] = mapped_column(Text, default="")
    #: How much went: {"conversations": n, "messages": n, "translations": n, ...}.
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ErasedConversation(Base):
    """A conversation whose texts are gone; the row stays for the KPI figures."""

    __tablename__ = "erased_conversations"

    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True
    )
    request_id: Mapped[int] = mapped_column(
        ForeignKey("data_subject_requests.id", ondelete="CASCADE"), index=True
    )
    erased_at: Mapped[datetime] = mapped_column(default=utcnow)


class RetentionRule(Base):
    """A market's rule: erase conversations resolved more than ``resolved_months`` ago."""

    __tablename__ = "retention_rules"

    market_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    resolved_months: Mapped[int]
    updated_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
