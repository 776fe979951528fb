"""KPIs: per-conversation facts kept as things happen, and each market's response target.

* ``conversation_kpis``: first customer message, first reply (calendar and business
  seconds in the market's support hours), resolution, counts and reopens, one row
  per conversation, back-filled here from the messages and the audit log;
* ``market_kpi_targets``: a market's first-response target in business minutes.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-14 09:00:00
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

from timezones import BusinessHours, business_time_between
from timezones.wallclock import is_valid_zone, load_zone

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

_CHUNK = 500

# The tables as they are at this revision (not the models, which may change later).
_meta = sa.MetaData()
_messages = sa.Table(
    "messages",
    _meta,
    sa.Column("id", sa.Integer),
    sa.Column("conversation_id", sa.Integer),
    sa.Column("direction", sa.String(16)),
    sa.Column("sent_at", sa.DateTime),
    sa.Column("author_agent_id", sa.Integer),
)
_conversations = sa.Table(
    "conversations",
    _meta,
    sa.Column("id", sa.Integer),
    sa.Column("market_id", sa.Integer),
    sa.Column("status", sa.String(16)),
    sa.Column("last_activity_at", sa.DateTime),
)
_hours = sa.Table(
    "market_support_hours",
    _meta,
    sa.Column("market_id", sa.Integer),
    sa.Column("zone", sa.String(64)),
    sa.Column("periods", sa.JSON),
    sa.Column("holiday_country", sa.String(2)),
)
_audit = sa.Table(
    "audit_log",
    _meta,
    sa.Column("id", sa.Integer),
    sa.Column("at", sa.DateTime),
    sa.Column("action", sa.String(64)),
    sa.Column("entity", sa.String(64)),
    sa.Column("entity_id", sa.Integer),
    sa.Column("detail", sa.JSON),
)


def upgrade() -> None:
    op.create_table(
        "conversation_kpis",
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("first_inbound_at", sa.DateTime(), nullable=True),
        sa.Column("inbound_hour", sa.Integer(), nullable=True),
        sa.Column("inbound_weekday", sa.Integer(), nullable=True),
        sa.Column("inbound_count", sa.Integer(), nullable=False),
        sa.Column("reply_count", sa.Integer(), nullable=False),
        sa.Column("first_response_at", sa.DateTime(), nullable=True),
        sa.Column("first_responder_id", sa.Integer(), nullable=True),
        sa.Column("first_response_seconds", sa.Integer(), nullable=True),
        sa.Column("first_response_business_seconds", sa.Integer(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolution_seconds", sa.Integer(), nullable=True),
        sa.Column("resolution_business_seconds", sa.Integer(), nullable=True),
        sa.Column("reopen_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["conversation_id"], ["conversations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["first_responder_id"], ["agents.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("conversation_id"),
    )
    op.create_index("ix_conversation_kpis_first_inbound", "conversation_kpis", ["first_inbound_at"])
    op.create_table(
        "market_kpi_targets",
        sa.Column("market_id", sa.Integer(), nullable=False),
        sa.Column("first_response_minutes", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["market_id"], ["markets.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("market_id"),
    )
    _backfill(op.get_bind())


def downgrade() -> None:
    op.drop_table("market_kpi_targets")
    op.drop_index("ix_conversation_kpis_first_inbound", table_name="conversation_kpis")
    op.drop_table("conversation_kpis")


class _Clock:
    def __init__(self, zone: str, hours: BusinessHours | None) -> None:
        self.tz = load_zone(zone)
        self.hours = hours

    def business(self, start: datetime, end: datetime) -> int:
        if self.hours is None:
            return int((end - start).total_seconds())
        return int(business_time_between(self.hours, start, end).total_seconds())


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _clocks(bind: Any) -> dict[int, _Clock]:
    clocks = {}
    for market_id, zone, periods, holiday_country in bind.execute(sa.select(_hours)):
        if not is_valid_zone(zone):
            continue
        try:
            hours: BusinessHours | None = BusinessHours.from_periods(
                zone, periods or [], holiday_country=holiday_country
            )
        except ValueError:
            hours = None
        clocks[market_id] = _Clock(zone, hours if hours and hours.periods else None)
    return clocks


def _resolutions(bind: Any) -> dict[int, list[datetime]]:
    """When each conversation was resolved, from the audit log (oldest first)."""
    resolved: dict[int, list[datetime]] = defaultdict(list)
    query = (
        sa.select(_audit.c.entity_id, _audit.c.at, _audit.c.detail)
        .where(_audit.c.action == "set_status", _audit.c.entity == "conversation")
        .order_by(_audit.c.at, _audit.c.id)
    )
    for entity_id, at, detail in bind.execute(query):
        if (
            entity_id is not None
            and isinstance(detail, dict)
            and detail.get("status") == "resolved"
        ):
            moment = _utc(at)
            assert moment is not None
            resolved[int(entity_id)].append(moment)
    return resolved


def _backfill(bind: Any) -> None:
    kpis = sa.Table("conversation_kpis", sa.MetaData(), autoload_with=bind)
    inbound = _messages.c.direction == "inbound"
    outbound = _messages.c.direction == "outbound"
    clocks = _clocks(bind)
    utc = _Clock("UTC", None)
    resolutions = _resolutions(bind)
    ids = [
        cid for (cid,) in bind.execute(sa.select(_conversations.c.id).order_by(_conversations.c.id))
    ]
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        conversations = {
            row.id: row
            for row in bind.execute(sa.select(_conversations).where(_conversations.c.id.in_(chunk)))
        }
        counts = (
            sa.select(
                _messages.c.conversation_id.label("cid"),
                sa.func.min(sa.case((inbound, _messages.c.sent_at))).label("first_inbound"),
                sa.func.sum(sa.case((inbound, 1), else_=0)).label("inbound"),
                sa.func.sum(sa.case((outbound, 1), else_=0)).label("replies"),
            )
            .where(_messages.c.conversation_id.in_(chunk))
            .group_by(_messages.c.conversation_id)
        )
        derived = {row.cid: row for row in bind.execute(counts)}
        firsts = counts.subquery()
        replies: dict[int, tuple[datetime, int | None]] = {}
        for cid, sent_at, author in bind.execute(
            sa.select(_messages.c.conversation_id, _messages.c.sent_at, _messages.c.author_agent_id)
            .join(firsts, firsts.c.cid == _messages.c.conversation_id)
            .where(outbound, _messages.c.sent_at >= firsts.c.first_inbound)
            .order_by(_messages.c.conversation_id, _messages.c.sent_at, _messages.c.id)
        ):
            if cid not in replies:
                moment = _utc(sent_at)
                assert moment is not None
                replies[cid] = (moment, author)
        late_inbound: dict[int, list[datetime]] = defaultdict(list)
        reopenable = [cid for cid in chunk if cid in resolutions]
        if reopenable:
            for cid, sent_at in bind.execute(
                sa.select(_messages.c.conversation_id, _messages.c.sent_at).where(
                    inbound, _messages.c.conversation_id.in_(reopenable)
                )
            ):
                moment = _utc(sent_at)
                assert moment is not None
                if moment > resolutions[cid][0]:
                    late_inbound[cid].append(moment)
        rows = []
        for cid in chunk:
            conversation = conversations[cid]
            clock = clocks.get(conversation.market_id or 0, utc)
            row = derived.get(cid)
            first = _utc(row.first_inbound) if row is not None else None
            response_at, responder = replies.get(cid, (None, None))
            # The last resolution; without one in the audit log, a resolved conversation's
            # last activity.
            resolved_at = resolutions[cid][-1] if resolutions.get(cid) else None
            if resolved_at is None and conversation.status == "resolved":
                resolved_at = _utc(conversation.last_activity_at)
            reopens = _reopens(resolutions.get(cid, []), late_inbound.get(cid, []))
            local = first.astimezone(clock.tz) if first else None
            measurable = first is not None and resolved_at is not None and resolved_at >= first
            rows.append(
                {
                    "conversation_id": cid,
                    "first_inbound_at": first.replace(tzinfo=None) if first else None,
                    "inbound_hour": local.hour if local else None,
                    "inbound_weekday": local.weekday() if local else None,
                    "inbound_count": int(row.inbound or 0) if row is not None else 0,
                    "reply_count": int(row.replies or 0) if row is not None else 0,
                    "first_response_at": response_at.replace(tzinfo=None) if response_at else None,
                    "first_responder_id": responder,
                    "first_response_seconds": int((response_at - first).total_seconds())
                    if first and response_at
                    else None,
                    "first_response_business_seconds": clock.business(first, response_at)
                    if first and response_at
                    else None,
                    "resolved_at": resolved_at.replace(tzinfo=None) if resolved_at else None,
                    "resolution_seconds": int((resolved_at - first).total_seconds())
                    if measurable and first and resolved_at
                    else None,
                    "resolution_business_seconds": clock.business(first, resolved_at)
                    if measurable and first and resolved_at
                    else None,
                    "reopen_count": reopens,
                }
            )
        if rows:
            bind.execute(sa.insert(kpis), rows)


def _reopens(resolutions: list[datetime], inbound: list[datetime]) -> int:
    """How many resolutions a later customer message undid (one per resolution at most)."""
    count = 0
    for index, resolved in enumerate(resolutions):
        following = resolutions[index + 1] if index + 1 < len(resolutions) else None
        if any(resolved < at and (following is None or at <= following) for at in inbound):
            count += 1
    return count
