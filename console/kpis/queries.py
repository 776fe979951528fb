"""KPIs per group for a period, as GROUP BY queries over :class:`ConversationKpi`.

The period selects conversations by their first customer message (``since``
inclusive, ``until`` exclusive). The backlog is as of ``now``, whatever the
period: conversations of the group waiting on an agent (the customer wrote
last; not resolved or snoozed).

Percentiles (p50, p90 of first response and resolution, calendar and business
time) are nearest-rank percentiles of the whole seconds kept in the facts,
reported in minutes rounded half up to a tenth: the value at rank
``ceil(p * n / 100)`` of the group's ``n`` values, ``s`` seconds shown as
``floor((s + 3) / 6) / 10`` minutes. Rounding never changes the order of the
values, so the store counts them by (group, tenths of a minute) and only those
counts leave it (:mod:`console.kpis.percentiles` picks the rank from them): the
same answers on SQLite and PostgreSQL, and no row per conversation in Python.
A value exactly half way between two tenths rounds up (7.25 minutes is 7.3).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Integer,
    Select,
    Table,
    and_,
    case,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from console.kpis.percentiles import nearest_rank
from console.kpis.unindexed import Unindexed
from console.store.kpi_tables import (
    DEFAULT_FIRST_RESPONSE_TARGET_MINUTES,
    ConversationKpi,
    MarketKpiTarget,
)
from console.store.models import (
    Agent,
    Conversation,
    ConversationStatus,
    Direction,
    Market,
    Message,
)

_KPIS = cast(Table, ConversationKpi.__table__)
#: The percentiles reported.
PERCENTILES = (50, 90)


class Slice(enum.StrEnum):
    """What the KPIs are grouped by."""

    MARKET = "market"
    LANGUAGE = "language"
    CHANNEL = "channel"
    AGENT = "agent"  # the assignee
    VENDOR = "vendor"  # the assignee's vendor
    HOUR = "hour"  # hour of the first customer message, in the market's zone
    WEEKDAY = "weekday"  # its weekday (Monday 0)


class Figure(enum.StrEnum):
    """A figure whose conversations can be listed (:func:`conversation_ids_for`)."""

    INBOUND = "inbound"
    ANSWERED = "answered"
    UNANSWERED = "unanswered"
    SLA_MET = "sla_met"
    SLA_MISSED = "sla_missed"
    RESOLVED = "resolved"
    REOPENED = "reopened"
    BACKLOG = "backlog"


@dataclass(frozen=True)
class KpiQuery:
    since: datetime | None = None
    until: datetime | None = None
    by: Slice = Slice.MARKET


GroupKey = int | str | None


@dataclass(frozen=True)
class KpiRow:
    """The figures of one group (minutes and hours rounded to 0.1; None: nothing to measure)."""

    key: GroupKey  # market or agent id, language, channel, vendor, hour, weekday
    label: str  # market code, agent name, ... ("" for the group without one)
    inbound: int  # conversations whose first customer message fell in the period
    inbound_messages: int  # customer messages in those conversations
    answered: int
    first_response_minutes_p50: float | None
    first_response_minutes_p90: float | None
    first_response_business_minutes_p50: float | None
    first_response_business_minutes_p90: float | None
    sla_met: int  # first responses within the market's target (business minutes)
    sla_met_pct: float | None  # of the first responses
    resolved: int
    resolution_minutes_p50: float | None
    resolution_minutes_p90: float | None
    resolution_business_minutes_p50: float | None
    resolution_business_minutes_p90: float | None
    reopened: int  # conversations the customer wrote to again after resolution
    reopen_rate_pct: float | None  # of the conversations resolved at least once
    replies_per_conversation: float | None
    backlog: int  # waiting on an agent now
    backlog_age_hours_p50: float | None
    backlog_age_hours_max: float | None

    def as_dict(self) -> dict[str, Any]:
        return {item.name: getattr(self, item.name) for item in fields(self)}


def _group_column(by: Slice) -> ColumnElement[Any]:
    columns: dict[Slice, Any] = {
        Slice.MARKET: Conversation.market_id,
        Slice.LANGUAGE: Conversation.language,
        Slice.CHANNEL: Conversation.channel,
        Slice.AGENT: Conversation.assignee_id,
        Slice.VENDOR: Agent.vendor,
        Slice.HOUR: _KPIS.c.inbound_hour,
        Slice.WEEKDAY: _KPIS.c.inbound_weekday,
    }
    return columns[by]


def _in_period(query: KpiQuery) -> list[ColumnElement[bool]]:
    # Not through the index on first_inbound_at on SQLite (see console.kpis.unindexed).
    first = Unindexed(_KPIS.c.first_inbound_at)
    conditions: list[ColumnElement[bool]] = [first.is_not(None)]
    if query.since is not None:
        conditions.append(first >= query.since)
    if query.until is not None:
        conditions.append(first < query.until)
    return conditions


def _target_seconds() -> ColumnElement[int]:
    return func.coalesce(
        MarketKpiTarget.first_response_minutes, DEFAULT_FIRST_RESPONSE_TARGET_MINUTES
    ) * literal(60)


def _cohort(query: KpiQuery) -> Select[Any]:
    """One row per conversation of the period, with its group and the measured values."""
    resolved = Conversation.status == ConversationStatus.RESOLVED
    statement = (
        select(
            _group_column(query.by).label("grp"),
            _KPIS.c.inbound_count.label("inbound_messages"),
            _KPIS.c.reply_count.label("replies"),
            _KPIS.c.reopen_count.label("reopens"),
            _KPIS.c.resolved_at.label("resolved_at"),
            _KPIS.c.first_response_seconds.label("fr"),
            _KPIS.c.first_response_business_seconds.label("frb"),
            case((resolved, _KPIS.c.resolution_seconds)).label("res"),
            case((resolved, _KPIS.c.resolution_business_seconds)).label("resb"),
            case((_KPIS.c.first_response_business_seconds <= _target_seconds(), 1), else_=0).label(
                "met"
            ),
        )
        .select_from(_KPIS)
        .join(Conversation, Conversation.id == _KPIS.c.conversation_id)
        .outerjoin(MarketKpiTarget, MarketKpiTarget.market_id == Conversation.market_id)
        .where(*_in_period(query))
    )
    if query.by is Slice.VENDOR:
        statement = statement.outerjoin(Agent, Agent.id == Conversation.assignee_id)
    return statement


#: The measured durations (whole seconds) of :func:`_cohort`, in their order in the statement.
_MEASURES = ("fr", "frb", "res", "resb")
#: Seconds per tenth of a minute: the resolution of the reported minutes.
_TENTH = 6


def _tenths(seconds: ColumnElement[Any]) -> ColumnElement[Any]:
    """Whole seconds as tenths of a minute, rounded half up (integer division: the values
    are never negative)."""
    return (seconds + _TENTH // 2) // _TENTH


def _histogram_statement(query: KpiQuery) -> CompoundSelect[Any]:
    """Per group and measure: how many conversations took each number of tenths of a minute.

    The cohort is read once (a materialized CTE: one pass over the facts joined to the
    conversations) and counted four times, once per measure, by (group, tenths): rows of
    (group, measure, tenths, count). The first measure's rows count every conversation
    (tenths NULL: no first response) and also carry the group's sums.
    """
    cohort = _cohort(query).cte("cohort").prefix_with("MATERIALIZED")
    branches = []
    for index, name in enumerate(_MEASURES):
        bucket = _tenths(cohort.c[name])
        sums: list[ColumnElement[Any]]
        if index == 0:
            sums = [
                func.sum(cohort.c.inbound_messages),
                func.sum(cohort.c.replies),
                func.sum(cohort.c.met),
                func.count(cohort.c.resolved_at),
                func.sum(case((cohort.c.reopens > 0, 1), else_=0)),
            ]
        else:
            sums = [literal(None, Integer)] * len(_SUMS)
        branch = select(
            cohort.c.grp,
            literal(index, Integer).label("measure"),
            bucket.label("bucket"),
            func.count().label("n"),
            *(value.label(label) for value, label in zip(sums, _SUMS, strict=True)),
        ).group_by(cohort.c.grp, bucket)
        if index > 0:
            branch = branch.where(cohort.c[name].is_not(None))
        branches.append(branch)
    return union_all(*branches)


#: Sums of the first measure's rows (the group's counts).
_SUMS = ("inbound_messages", "replies", "met", "ever_resolved", "reopened")


@dataclass
class _Figures:
    """One group's counts and its histogram of tenths of a minute per measure."""

    inbound: int = 0
    inbound_messages: int = 0
    met: int = 0
    ever_resolved: int = 0
    reopened: int = 0
    replies: int = 0
    tenths: dict[str, dict[int, int]] = field(
        default_factory=lambda: {name: {} for name in _MEASURES}
    )

    def measured(self, name: str) -> int:
        return sum(self.tenths[name].values())


def _figures(session: Session, query: KpiQuery) -> dict[GroupKey, _Figures]:
    figures: dict[GroupKey, _Figures] = {}
    rows = session.execute(_histogram_statement(query))
    for grp, measure, bucket, n, messages, replies, met, ever_resolved, reopened in rows:
        group = figures.get(grp)
        if group is None:
            group = figures[grp] = _Figures()
        if bucket is not None:
            group.tenths[_MEASURES[measure]][bucket] = n
        if measure == 0:
            group.inbound += n
            group.inbound_messages += int(messages or 0)
            group.replies += int(replies or 0)
            group.met += int(met or 0)
            group.ever_resolved += int(ever_resolved or 0)
            group.reopened += int(reopened or 0)
    return figures


def kpi_rows(session: Session, query: KpiQuery, *, now: datetime | None = None) -> list[KpiRow]:
    """The KPIs of each group that has conversations in the period or a backlog now."""
    figures = _figures(session, query)
    backlog = _backlog(session, query, now or datetime.now(UTC))
    labels = _labels(session, query.by)
    return [
        _kpi_row(key, labels, figures.get(key, _Figures()), backlog.get(key, _NO_BACKLOG))
        for key in sorted(set(figures) | set(backlog), key=_sort_key)
    ]


def _kpi_row(
    key: GroupKey,
    labels: dict[GroupKey, str],
    figures: _Figures,
    waiting: tuple[int, float | None, float | None],
) -> KpiRow:
    minutes: dict[str, float | None] = {}
    for name in _MEASURES:
        found = nearest_rank(figures.tenths[name], PERCENTILES)
        for share in PERCENTILES:
            tenths = found.get(share)
            minutes[f"{name}_p{share}"] = None if tenths is None else tenths / 10
    answered = figures.measured("fr")
    return KpiRow(
        key=key,
        label=labels.get(key, "" if key is None else str(key)),
        inbound=figures.inbound,
        inbound_messages=figures.inbound_messages,
        answered=answered,
        first_response_minutes_p50=minutes["fr_p50"],
        first_response_minutes_p90=minutes["fr_p90"],
        first_response_business_minutes_p50=minutes["frb_p50"],
        first_response_business_minutes_p90=minutes["frb_p90"],
        sla_met=figures.met,
        sla_met_pct=_pct(figures.met, answered),
        resolved=figures.measured("res"),
        resolution_minutes_p50=minutes["res_p50"],
        resolution_minutes_p90=minutes["res_p90"],
        resolution_business_minutes_p50=minutes["resb_p50"],
        resolution_business_minutes_p90=minutes["resb_p90"],
        reopened=figures.reopened,
        reopen_rate_pct=_pct(figures.reopened, figures.ever_resolved),
        replies_per_conversation=round(figures.replies / figures.inbound, 2)
        if figures.inbound
        else None,
        backlog=waiting[0],
        backlog_age_hours_p50=waiting[1],
        backlog_age_hours_max=waiting[2],
    )


def _pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _sort_key(key: GroupKey) -> tuple[int, str]:
    if key is None:
        return (2, "")
    if isinstance(key, int):
        return (0, f"{key:012d}")
    return (1, str(key))


def _waiting() -> ColumnElement[bool]:
    """Waiting on an agent: the customer wrote last, not resolved, not snoozed."""
    return and_(
        Conversation.awaiting_reply.is_(True),
        Conversation.status != ConversationStatus.RESOLVED,
        Conversation.snoozed_until.is_(None),
    )


#: A group without conversations waiting: (count, median hours, longest hours).
_NO_BACKLOG: tuple[int, float | None, float | None] = (0, None, None)


def _backlog(
    session: Session, query: KpiQuery, now: datetime
) -> dict[GroupKey, tuple[int, float | None, float | None]]:
    """Per group: conversations waiting on an agent now, the median and the longest wait.

    One sort: each waiting conversation's rank in its group by last activity, newest
    first, and the group's count over the same window; only the median's row (rank
    ``ceil(n / 2)``) and the oldest (rank ``n``) leave the store.
    """
    base = (
        select(
            _group_column(query.by).label("grp"),
            Conversation.last_activity_at.label("since"),
        )
        .select_from(Conversation)
        .outerjoin(_KPIS, _KPIS.c.conversation_id == Conversation.id)
        .where(_waiting())
    )
    if query.by is Slice.VENDOR:
        base = base.outerjoin(Agent, Agent.id == Conversation.assignee_id)
    inner = base.subquery("waiting")
    newest_first = inner.c.since.desc()
    ranked = select(
        inner.c.grp,
        inner.c.since,
        func.row_number().over(partition_by=inner.c.grp, order_by=newest_first).label("r"),
        func.count()
        .over(partition_by=inner.c.grp, order_by=newest_first, rows=(None, None))
        .label("n"),
    ).subquery("ranked_waiting")
    median = (ranked.c.n * 50 + 99) // 100
    rows = session.execute(
        select(ranked.c.grp, ranked.c.r, ranked.c.n, ranked.c.since).where(
            or_(ranked.c.r == median, ranked.c.r == ranked.c.n)
        )
    )
    moment = now.astimezone(UTC)

    def hours(since: datetime) -> float:
        aware = since if since.tzinfo else since.replace(tzinfo=UTC)
        return round(max((moment - aware) / timedelta(hours=1), 0.0), 1)

    found: dict[GroupKey, tuple[int, float | None, float | None]] = {}
    for grp, rank, count, since in rows:
        _, middle, oldest = found.get(grp, _NO_BACKLOG)
        if rank == (count * 50 + 99) // 100:
            middle = hours(since)
        if rank == count:
            oldest = hours(since)
        found[grp] = (int(count), middle, oldest)
    return found


def _labels(session: Session, by: Slice) -> dict[GroupKey, str]:
    if by is Slice.MARKET:
        return {
            market_id: code for market_id, code in session.execute(select(Market.id, Market.code))
        }
    if by is Slice.AGENT:
        return {agent_id: name for agent_id, name in session.execute(select(Agent.id, Agent.name))}
    if by is Slice.HOUR:
        return {hour: f"{hour:02d}:00" for hour in range(24)}
    if by is Slice.WEEKDAY:
        return dict(enumerate(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")))
    return {}


def _group_is(by: Slice, key: GroupKey) -> ColumnElement[bool]:
    column = _group_column(by)
    return column.is_(None) if key is None else column == key


def conversation_ids_for(
    session: Session, query: KpiQuery, key: GroupKey, figure: Figure, *, limit: int = 5000
) -> list[int]:
    """The conversations behind one figure of one group (newest first, at most ``limit``)."""
    if figure is Figure.BACKLOG:
        statement = (
            select(Conversation.id)
            .select_from(Conversation)
            .outerjoin(_KPIS, _KPIS.c.conversation_id == Conversation.id)
            .where(_waiting(), _group_is(query.by, key))
        )
    else:
        conditions = {
            Figure.INBOUND: None,
            Figure.ANSWERED: _KPIS.c.first_response_seconds.is_not(None),
            Figure.UNANSWERED: _KPIS.c.first_response_seconds.is_(None),
            Figure.SLA_MET: _KPIS.c.first_response_business_seconds <= _target_seconds(),
            Figure.SLA_MISSED: _KPIS.c.first_response_business_seconds > _target_seconds(),
            Figure.RESOLVED: and_(
                Conversation.status == ConversationStatus.RESOLVED,
                _KPIS.c.resolution_seconds.is_not(None),
            ),
            Figure.REOPENED: _KPIS.c.reopen_count > 0,
        }
        statement = (
            select(Conversation.id)
            .select_from(_KPIS)
            .join(Conversation, Conversation.id == _KPIS.c.conversation_id)
            .outerjoin(MarketKpiTarget, MarketKpiTarget.market_id == Conversation.market_id)
            .where(*_in_period(query), _group_is(query.by, key))
        )
        condition = conditions[figure]
        if condition is not None:
            statement = statement.where(condition)
    if query.by is Slice.VENDOR:
        statement = statement.outerjoin(Agent, Agent.id == Conversation.assignee_id)
    statement = statement.order_by(Conversation.last_activity_at.desc(), Conversation.id.desc())
    return list(session.scalars(statement.limit(limit)))


def daily_inbound(
    session: Session, since: datetime, until: datetime, *, market_ids: Sequence[int] | None = None
) -> dict[date, int]:
    """Customer messages per UTC day in [since, until), of the given markets (None: all)."""
    day = func.date(Message.sent_at)
    statement = (
        select(day, func.count())
        .where(
            Message.direction == Direction.INBOUND,
            Message.sent_at >= since,
            Message.sent_at < until,
        )
        .group_by(day)
    )
    if market_ids is not None:
        statement = statement.join(Conversation, Conversation.id == Message.conversation_id).where(
            or_(Conversation.market_id.in_(list(market_ids)), literal(False))
        )
    counts: dict[date, int] = {}
    for value, count in session.execute(statement):
        key = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
        counts[key] = counts.get(key, 0) + int(count)
    return counts
