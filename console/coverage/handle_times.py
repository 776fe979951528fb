"""Average agent handling time per market and channel kind, measured in SQL.

Definition. The handling time of an agent's reply is the time the agent can have
spent on it: from the later of (a) the customer's latest message in the
conversation before the reply and (b) the same agent's previous reply in any
conversation, until the reply is sent. The agent cannot have started before the
customer wrote, and was busy with their previous reply until they sent it. Only
replies that answer a customer message count, and only when that time is positive
and at most :data:`CAPS` (15 minutes for chat, 45 for e-mail): a longer gap means the
agent was not working on this reply the whole time (a break, the end of a working
session, another queue), so it says nothing about handling. The average of the
remaining replies is the handling time.

Kinds: chat-like channels (chat, phone) are answered while the customer waits;
e-mail-like channels (e-mail, marketplace messages) wait in a queue.

A market and kind with fewer than :data:`MIN_SAMPLES` measured replies takes the
average of all markets for that kind, and without enough of those either the
:data:`DEFAULT_SECONDS` (3 minutes per chat reply, 6 per e-mail).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Float, and_, case, cast, func, literal, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from console.store.models import ChannelKind, Conversation, Direction, Message


class Kind(enum.StrEnum):
    CHAT = "chat"
    EMAIL = "email"


CHAT_CHANNELS = (ChannelKind.CHAT, ChannelKind.PHONE)
CAPS = {Kind.CHAT: 15 * 60.0, Kind.EMAIL: 45 * 60.0}
DEFAULT_SECONDS = {Kind.CHAT: 180.0, Kind.EMAIL: 360.0}
MIN_SAMPLES = 20


def kind_of(channel: Any) -> ColumnElement[str]:
    """SQL: the kind of a message's channel."""
    return case((channel.in_(CHAT_CHANNELS), literal(Kind.CHAT.value)), else_=literal("email"))


def seconds_between(session: Session, later: Any, earlier: Any) -> ColumnElement[float]:
    """SQL: seconds from ``earlier`` to ``later`` (both UTC timestamps) on this engine."""
    if session.get_bind().dialect.name == "sqlite":
        return cast((func.julianday(later) - func.julianday(earlier)) * 86400.0, Float)
    return cast(func.extract("epoch", later - earlier), Float)


@dataclass(frozen=True)
class HandleTimes:
    """Measured averages: (market id, kind) -> (seconds, replies measured)."""

    by_market: dict[tuple[int | None, Kind], tuple[float, int]]
    by_kind: dict[Kind, tuple[float, int]]

    def seconds(self, market_id: int | None, kind: Kind) -> float:
        """The handling time to plan with (see the module's fallbacks)."""
        measured = self.by_market.get((market_id, kind))
        if measured is not None and measured[1] >= MIN_SAMPLES:
            return measured[0]
        overall = self.by_kind.get(kind)
        if overall is not None and overall[1] >= MIN_SAMPLES:
            return overall[0]
        return DEFAULT_SECONDS[kind]


def measure_handle_times(session: Session, *, since: datetime | None = None) -> HandleTimes:
    """Average handling time per market and kind over the replies sent since ``since``."""
    conditions = [] if since is None else [Message.sent_at >= since]
    last_inbound = func.max(
        case((Message.direction == Direction.INBOUND, Message.sent_at), else_=None)
    ).over(
        partition_by=Message.conversation_id,
        order_by=(Message.sent_at, Message.id),
        rows=(None, 0),
    )
    ordered = (
        select(
            Message.id.label("id"),
            Conversation.market_id.label("market_id"),
            kind_of(Message.channel).label("kind"),
            Message.direction.label("direction"),
            Message.author_agent_id.label("agent_id"),
            Message.sent_at.label("sent_at"),
            last_inbound.label("last_inbound"),
        )
        .join(Conversation, Conversation.id == Message.conversation_id)
        .where(*conditions)
        .subquery("ordered")
    )
    replies = (
        select(
            ordered.c.market_id,
            ordered.c.kind,
            ordered.c.sent_at,
            ordered.c.last_inbound,
            func.lag(ordered.c.sent_at)
            .over(partition_by=ordered.c.agent_id, order_by=(ordered.c.sent_at, ordered.c.id))
            .label("agent_previous"),
        )
        .where(ordered.c.direction == Direction.OUTBOUND, ordered.c.agent_id.is_not(None))
        .subquery("replies")
    )
    started = case(
        (
            and_(
                replies.c.agent_previous.is_not(None),
                replies.c.agent_previous > replies.c.last_inbound,
            ),
            replies.c.agent_previous,
        ),
        else_=replies.c.last_inbound,
    )
    timed = (
        select(
            replies.c.market_id,
            replies.c.kind,
            seconds_between(session, replies.c.sent_at, started).label("seconds"),
        )
        .where(replies.c.last_inbound.is_not(None))
        .subquery("timed")
    )
    within_cap = and_(
        timed.c.seconds > 0,
        timed.c.seconds
        <= case((timed.c.kind == Kind.CHAT.value, CAPS[Kind.CHAT]), else_=CAPS[Kind.EMAIL]),
    )
    rows = session.execute(
        select(timed.c.market_id, timed.c.kind, func.count(), func.sum(timed.c.seconds))
        .where(within_cap)
        .group_by(timed.c.market_id, timed.c.kind)
    ).all()
    by_market: dict[tuple[int | None, Kind], tuple[float, int]] = {}
    totals: dict[Kind, list[float]] = {}
    for market_id, kind_value, count, total in rows:
        kind = Kind(kind_value)
        by_market[(market_id, kind)] = (float(total) / count, int(count))
        running = totals.setdefault(kind, [0.0, 0.0])
        running[0] += float(total)
        running[1] += count
    by_kind = {kind: (total / count, int(count)) for kind, (total, count) in totals.items()}
    return HandleTimes(by_market, by_kind)
