"""Tables of the coverage planner, customer zone corrections and scheduled replies.

Imported by :mod:`console.coverage`, :mod:`console.customers` and
:mod:`console.inbox.queries` so the ORM knows them wherever they are used.
The schema comes from migrations ``0003_coverage`` and ``0014_peak_events``.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Float, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from console.store.models import Base, utcnow


class AgentShift(Base):
    """A weekly recurring shift of an agent, wall-clock in ``zone`` (None: the agent's zone).

    ``valid_from``/``valid_until`` (inclusive local dates) bound the recurrence.
    A shift whose end is not after its start crosses midnight.
    """

    __tablename__ = "agent_shifts"

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), index=True)
    weekday: Mapped[int]  # Monday 0 .. Sunday 6
    start: Mapped[str] = mapped_column(String(5))  # "HH:MM"
    end: Mapped[str] = mapped_column(String(5))
    zone: Mapped[str | None] = mapped_column(String(64))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    #: Raised by every change; a change made on an older version is refused (migration 0019).
    version: Mapped[int] = mapped_column(default=1, server_default=text("1"))

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (read by SQLAlchemy)


class ShiftException(Base):
    """An exception to an agent's weekly shifts: ``leave`` (no work from first to last day,
    inclusive, local dates) or ``extra`` (an additional shift on ``first_day``)."""

    __tablename__ = "shift_exceptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # "leave" | "extra"
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    start: Mapped[str | None] = mapped_column(String(5))  # extra shifts only
    end: Mapped[str | None] = mapped_column(String(5))
    note: Mapped[str] = mapped_column(String(200), default="")
    #: Raised by every change; a change made on an older version is refused (migration 0019).
    version: Mapped[int] = mapped_column(default=1, server_default=text("1"))

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (read by SQLAlchemy)


class MarketSupportHours(Base):
    """When a market wants support, in its own zone: periods like ``"Mon 09:00-18:00"``."""

    __tablename__ = "market_support_hours"

    market_id: Mapped[int] = mapped_column(
        ForeignKey("markets.id", ondelete="CASCADE"), primary_key=True
    )
    zone: Mapped[str] = mapped_column(String(64))
    periods: Mapped[list[str]] = mapped_column(default=list)
    holiday_country: Mapped[str | None] = mapped_column(String(2))


class MarketAssignment(Base):
    """An agent covers a market (in their shifts)."""

    __tablename__ = "market_assignments"
    __table_args__ = (UniqueConstraint("market_id", "agent_id", name="uq_market_assignment"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    market_id: Mapped[int] = mapped_column(ForeignKey("markets.id", ondelete="CASCADE"), index=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), index=True)
    assigned_by: Mapped[str] = mapped_column(String(200), default="")
    assigned_at: Mapped[datetime] = mapped_column(default=utcnow)


class CustomerZoneCorrection(Base):
    """An agent corrected a customer's time zone (the newest row wins)."""

    __tablename__ = "customer_zone_corrections"
    __table_args__ = (Index("ix_zone_corrections_customer", "customer_id", "corrected_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    zone: Mapped[str] = mapped_column(String(64))
    previous_zone: Mapped[str | None] = mapped_column(String(64))
    corrected_by: Mapped[str] = mapped_column(String(200))
    corrected_at: Mapped[datetime] = mapped_column(default=utcnow)


class ScheduledSend(Base):
    """An outbound message held back until ``send_at`` (``state`` "scheduled" until sent).

    The channel sender must not send a message with a "scheduled" row before ``send_at``.
    """

    __tablename__ = "scheduled_sends"
    __table_args__ = (Index("ix_scheduled_sends_state_send_at", "state", "send_at"),)

    message_id: Mapped[int] = mapped_column(
        ForeignKey("messages.id", ondelete="CASCADE"), primary_key=True
    )
    send_at: Mapped[datetime]
    state: Mapped[str] = mapped_column(String(16), default="scheduled")
    reason: Mapped[str] = mapped_column(String(32), default="")
    created_by: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PeakEvent(Base):
    """A sales peak a lead expects (Double 11, 618, Black Friday): inbound volume is
    ``multiplier`` times the usual from ``first_day`` to ``last_day`` (inclusive dates in
    each market's zone), in one market or (``market_id`` None) in all of them."""

    __tablename__ = "peak_events"
    __table_args__ = (Index("ix_peak_events_days", "first_day", "last_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    multiplier: Mapped[float] = mapped_column(Float)
    market_id: Mapped[int | None] = mapped_column(
        ForeignKey("markets.id", ondelete="CASCADE"), index=True
    )
    created_by: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
