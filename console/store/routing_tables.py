"""Tables of routing (schema from migration ``0017_routing``).

* ``routing_queues``: one queue per market (``key`` ``market:<id>``) and the in-house
  escalation queue (``key`` ``escalation``); a queue either routes by itself or is
  worked by hand (``auto_assign``).
* ``routing_rules``: what sends a conversation to the escalation queue: ``vip`` (the
  customer is in ``vip_customers``) and keyword rules ``complaint`` / ``chargeback``,
  one row per language.
* ``agent_capacities``: how many open conversations routing gives a person at most.
* ``conversation_routing``: the last routing decision of each conversation, structured
  (who and why, or why it waits), so the window words it in the UI language.

Every editable row has a ``version`` that goes up with each change: a save that names
an older version than the stored one was overtaken by another writer and is refused.
``conversations.queue_id`` (the conversation's queue) is in :mod:`console.store.models`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from console.store.models import Base, utcnow

ESCALATION_QUEUE_KEY = "escalation"


def market_queue_key(market_id: int) -> str:
    return f"market:{market_id}"


class RoutingQueue(Base):
    __tablename__ = "routing_queues"
    __table_args__ = (UniqueConstraint("key", name="uq_routing_queue_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40))
    market_id: Mapped[int | None] = mapped_column(ForeignKey("markets.id", ondelete="CASCADE"))
    escalation: Mapped[bool] = mapped_column(default=False)
    #: Routing assigns its conversations; False: leads and agents take them by hand.
    auto_assign: Mapped[bool] = mapped_column(default=True)
    #: The outsourcing company whose people work this queue (``agents.vendor``); None:
    #: in-house. A vendor's people see only their vendor's queues (migration 0022).
    vendor: Mapped[str | None] = mapped_column(String(200), index=True)
    version: Mapped[int] = mapped_column(default=1)
    updated_by: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class RoutingRule(Base):
    """An escalation rule: ``kind`` "vip" (language "") or "complaint" / "chargeback" with
    the keywords of one language (matched in customers' messages, case-insensitive)."""

    __tablename__ = "routing_rules"
    __table_args__ = (UniqueConstraint("kind", "language", name="uq_routing_rule_kind_language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    language: Mapped[str] = mapped_column(String(8), default="")
    keywords: Mapped[list[str]] = mapped_column(default=list)
    enabled: Mapped[bool] = mapped_column(default=True)
    version: Mapped[int] = mapped_column(default=1)
    updated_by: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class AgentCapacity(Base):
    """The most open conversations routing gives a person (without a row: the default)."""

    __tablename__ = "agent_capacities"

    agent_id: Mapped[int] = mapped_column(
        ForeignKey("agents.id", ondelete="CASCADE"), primary_key=True
    )
    capacity: Mapped[int]
    version: Mapped[int] = mapped_column(default=1)
    updated_by: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class VipCustomer(Base):
    """A customer whose conversations go to the escalation queue (the ``vip`` rule)."""

    __tablename__ = "vip_customers"

    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True
    )
    marked_by: Mapped[str] = mapped_column(String(200), default="")
    marked_at: Mapped[datetime] = mapped_column(default=utcnow)


class ConversationRouting(Base):
    """The last routing decision about a conversation.

    ``outcome`` "assigned" or "waiting"; ``escalation`` the rule that sent it to the
    escalation queue ("vip", "complaint", "chargeback"; None: its market's queue) and
    ``matched`` the keyword found; ``reason`` the facts the explanation is worded from
    (``console.routing.engine.Explanation``); ``scanned_message_id`` the newest customer
    message already checked against the escalation rules.
    """

    __tablename__ = "conversation_routing"

    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True
    )
    queue_id: Mapped[int | None] = mapped_column(
        ForeignKey("routing_queues.id", ondelete="SET NULL")
    )
    outcome: Mapped[str] = mapped_column(String(16))
    escalation: Mapped[str | None] = mapped_column(String(16))
    matched: Mapped[str | None] = mapped_column(String(100))
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="SET NULL"))
    reason: Mapped[dict[str, Any]] = mapped_column(JSON(), default=dict)
    scanned_message_id: Mapped[int] = mapped_column(default=0)
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)
