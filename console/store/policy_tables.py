"""Tables of the per-country return and privacy rules (migration 0002).

* ``policy_versions``: every change of a market's rules is a new row (author,
  time, reason, effective date); nothing is updated in place.
* ``policy_settings``: pack-wide settings (the review period).
* ``policy_tasks``: statutory deadlines opened from a conversation.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from console.store.models import Base, utcnow


class PolicyVersion(Base):
    __tablename__ = "policy_versions"
    __table_args__ = (
        UniqueConstraint("market_code", "version", name="uq_policy_version"),
        Index("ix_policy_versions_market_effective", "market_code", "effective_from"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    market_code: Mapped[str] = mapped_column(String(16))
    version: Mapped[int]
    data: Mapped[dict[str, Any]]
    action: Mapped[str] = mapped_column(String(16))  # seed, edit, restore, review, import
    author: Mapped[str] = mapped_column(String(200))
    author_agent_id: Mapped[int | None] = mapped_column(
        ForeignKey("agents.id", ondelete="SET NULL")
    )
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    effective_from: Mapped[datetime] = mapped_column(default=utcnow)
    restored_from: Mapped[int | None]


class PolicySetting(Base):
    __tablename__ = "policy_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[dict[str, Any]]


class PolicyTask(Base):
    __tablename__ = "policy_tasks"
    __table_args__ = (
        UniqueConstraint("conversation_id", "message_id", "kind", name="uq_policy_task"),
        Index("ix_policy_tasks_status_due", "status", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(32))
    market_code: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(300))
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    opened_by: Mapped[str] = mapped_column(String(200))
    due_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16), default="open")
    done_at: Mapped[datetime | None]
