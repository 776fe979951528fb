"""Keeping :class:`ConversationKpi` rows up to date as conversations happen.

Called where things happen: ingest (customer messages, historic replies,
reopens), an agent's reply or its undo, and a status change to resolved.
Message-derived facts (first customer message, first reply, counts) are
re-aggregated in SQL for the conversations just touched; business times are
measured in Python with the market's support hours (``timezones``) only when
the instants they depend on changed.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import cast

from sqlalchemy import Table, and_, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from console.store.coverage_tables import MarketSupportHours
from console.store.kpi_tables import ConversationKpi
from console.store.models import Conversation, Direction, Message
from timezones import BusinessHours, business_time_between
from timezones.wallclock import is_valid_zone, load_zone

_KPIS = cast(Table, ConversationKpi.__table__)
#: Conversations aggregated per statement (keeps IN lists short on both engines).
CHUNK = 500


@dataclass(frozen=True)
class MarketClock:
    """How a market measures time: its zone and support hours (None: around the clock)."""

    zone: str
    hours: BusinessHours | None

    def business_seconds(self, start: datetime, end: datetime) -> int:
        if self.hours is None:
            return _seconds(start, end)
        return int(business_time_between(self.hours, start, end).total_seconds())

    def local_hour_and_weekday(self, moment: datetime) -> tuple[int, int]:
        local = moment.astimezone(load_zone(self.zone))
        return local.hour, local.weekday()


UTC_CLOCK = MarketClock("UTC", None)


def market_clocks(session: Session, market_ids: Iterable[int | None]) -> dict[int, MarketClock]:
    """The clock of each market with usable support hours (others use :data:`UTC_CLOCK`)."""
    wanted = {market_id for market_id in market_ids if market_id is not None}
    if not wanted:
        return {}
    clocks = {}
    for row in session.scalars(
        select(MarketSupportHours).where(MarketSupportHours.market_id.in_(wanted))
    ):
        clock = clock_of(row.zone, list(row.periods), row.holiday_country)
        if clock is not None:
            clocks[row.market_id] = clock
    return clocks


def clock_of(zone: str, periods: list[str], holiday_country: str | None) -> MarketClock | None:
    """A market's clock from its stored support hours; None when they cannot be used."""
    if not is_valid_zone(zone):
        return None
    try:
        hours = BusinessHours.from_periods(zone, periods, holiday_country=holiday_country)
    except ValueError:
        return MarketClock(zone, None)
    return MarketClock(zone, hours if hours.periods else None)


def _seconds(start: datetime, end: datetime) -> int:
    return int((end - start).total_seconds())


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def _stored_value(row: object, key: str) -> object:
    value = getattr(row, key)
    return _aware(value) if isinstance(value, datetime) else value


def refresh(session: Session, conversation_ids: Collection[int]) -> None:
    """Re-derive the message facts of ``conversation_ids`` from their messages."""
    ids = sorted(set(conversation_ids))
    for start in range(0, len(ids), CHUNK):
        _refresh_chunk(session, ids[start : start + CHUNK])


def _refresh_chunk(session: Session, ids: list[int]) -> None:
    session.flush()
    inbound = Message.direction == Direction.INBOUND
    counts = (
        select(
            Message.conversation_id.label("cid"),
            func.min(Message.sent_at).filter(inbound).label("first_inbound"),
            func.count().filter(inbound).label("inbound"),
            func.count().filter(Message.direction == Direction.OUTBOUND).label("replies"),
        )
        .where(Message.conversation_id.in_(ids))
        .group_by(Message.conversation_id)
    )
    derived = {row.cid: row for row in session.execute(counts)}
    first_inbound = counts.subquery()
    reply = (
        select(
            Message.conversation_id.label("cid"),
            func.min(Message.sent_at).label("first_reply"),
        )
        .join(
            first_inbound,
            and_(
                first_inbound.c.cid == Message.conversation_id,
                Message.sent_at >= first_inbound.c.first_inbound,
            ),
        )
        .where(Message.direction == Direction.OUTBOUND)
        .group_by(Message.conversation_id)
        .subquery()
    )
    responders = {
        cid: (_aware(at), author)
        for cid, at, author in session.execute(
            select(reply.c.cid, reply.c.first_reply, func.min(Message.author_agent_id))
            .join(
                Message,
                and_(
                    Message.conversation_id == reply.c.cid, Message.sent_at == reply.c.first_reply
                ),
            )
            .where(Message.direction == Direction.OUTBOUND)
            .group_by(reply.c.cid, reply.c.first_reply)
        )
    }
    stored = {
        row.conversation_id: row
        for row in session.execute(select(_KPIS).where(_KPIS.c.conversation_id.in_(ids)))
    }
    markets = dict(
        session.execute(
            select(Conversation.id, Conversation.market_id).where(Conversation.id.in_(ids))
        ).all()
    )
    clocks = market_clocks(session, markets.values())
    inserts, updates = [], []
    for cid in ids:
        if cid not in markets:
            continue  # deleted meanwhile
        clock = clocks.get(markets[cid] or 0, UTC_CLOCK)
        row = derived.get(cid)
        first = _aware(row.first_inbound) if row is not None else None
        values: dict[str, object] = {
            "first_inbound_at": first,
            "inbound_count": row.inbound if row is not None else 0,
            "reply_count": row.replies if row is not None else 0,
        }
        responded_at, responder = responders.get(cid, (None, None))
        values["first_response_at"] = responded_at
        values["first_responder_id"] = responder
        old = stored.get(cid)
        if old is None or _aware(old.first_inbound_at) != first:
            hour_day = clock.local_hour_and_weekday(first) if first else (None, None)
            values["inbound_hour"], values["inbound_weekday"] = hour_day
        else:
            values["inbound_hour"], values["inbound_weekday"] = (
                old.inbound_hour,
                old.inbound_weekday,
            )
        unchanged = (
            old is not None
            and _aware(old.first_inbound_at) == first
            and _aware(old.first_response_at) == responded_at
        )
        if unchanged:
            assert old is not None
            values["first_response_seconds"] = old.first_response_seconds
            values["first_response_business_seconds"] = old.first_response_business_seconds
        elif first is not None and responded_at is not None:
            values["first_response_seconds"] = _seconds(first, responded_at)
            values["first_response_business_seconds"] = clock.business_seconds(first, responded_at)
        else:
            values["first_response_seconds"] = None
            values["first_response_business_seconds"] = None
        if old is None:
            inserts.append({"conversation_id": cid, "reopen_count": 0, **values})
        elif any(_stored_value(old, key) != value for key, value in values.items()):
            updates.append({"b_id": cid, **values})
    if inserts:
        session.execute(insert(_KPIS), inserts)
    if updates:
        names = [key for key in updates[0] if key != "b_id"]
        session.connection().execute(
            update(_KPIS)
            .where(_KPIS.c.conversation_id == bindparam("b_id"))
            .values({name: bindparam(name) for name in names}),
            updates,
        )


def record_reopened(session: Session, conversation_ids: Collection[int]) -> None:
    """The customer wrote again after these conversations were resolved."""
    if not conversation_ids:
        return
    refresh(session, conversation_ids)  # makes sure each has its row
    session.execute(
        update(_KPIS)
        .where(_KPIS.c.conversation_id.in_(sorted(conversation_ids)))
        .values(reopen_count=_KPIS.c.reopen_count + 1)
    )


def record_resolved(session: Session, resolved: Mapping[int, datetime]) -> None:
    """Each conversation was resolved at the given instant: resolution time from its first
    customer message, in calendar and business time."""
    ids = sorted(resolved)
    for start in range(0, len(ids), CHUNK):  # IN lists within both engines' limits
        _record_resolved_chunk(session, ids[start : start + CHUNK], resolved)


def _record_resolved_chunk(
    session: Session, ids: list[int], resolved: Mapping[int, datetime]
) -> None:
    refresh(session, ids)
    rows = session.execute(
        select(_KPIS.c.conversation_id, _KPIS.c.first_inbound_at, Conversation.market_id)
        .join(Conversation, Conversation.id == _KPIS.c.conversation_id)
        .where(_KPIS.c.conversation_id.in_(ids))
    ).all()
    clocks = market_clocks(session, [row.market_id for row in rows])
    changes = []
    for cid, first_at, market_id in rows:
        first = _aware(first_at)
        moment = resolved[cid].astimezone(UTC)
        clock = clocks.get(market_id or 0, UTC_CLOCK)
        changes.append(
            {
                "b_id": cid,
                "resolved_at": moment,
                "resolution_seconds": _seconds(first, moment)
                if first and first <= moment
                else None,
                "resolution_business_seconds": clock.business_seconds(first, moment)
                if first and first <= moment
                else None,
            }
        )
    if not changes:
        return
    session.connection().execute(
        update(_KPIS)
        .where(_KPIS.c.conversation_id == bindparam("b_id"))
        .values(
            resolved_at=bindparam("resolved_at"),
            resolution_seconds=bindparam("resolution_seconds"),
            resolution_business_seconds=bindparam("resolution_business_seconds"),
        ),
        changes,
    )
