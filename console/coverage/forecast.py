"""Forecast of inbound volume per market, channel kind and hour for the coming weeks.

From the store's history (the :data:`HISTORY_WEEKS` complete weeks before the week
containing "now", in the viewer's zone):

* the weekly volume of each market and kind is extrapolated with a least-squares
  linear trend over the weeks since the market's first message (at least
  :data:`MIN_TREND_WEEKS` of them, else their mean), never below zero;
* the weekday x hour pattern is each hour-of-week's share of that history;
* peak events multiply the hours of their days (in the market's zone), the largest
  multiplier when events overlap.

The store does the counting: one SQL aggregate of inbound messages per market, kind
and quarter hour (UTC), so no message is loaded into Python; the quarter hours are
placed in the viewer's weeks afterwards (every zone offset is a multiple of 15 minutes,
so this is exact, also across DST changes).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Integer, cast, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from console.coverage.handle_times import Kind, kind_of
from console.coverage.peaks import PeakEventView, multiplier_on, peak_events
from console.coverage.plan import SLOTS, SLOTS_PER_DAY, slot_middles, week_start
from console.store.coverage_tables import MarketSupportHours
from console.store.models import Conversation, Direction, Message
from timezones.wallclock import is_valid_zone, load_zone

HISTORY_WEEKS = 12
MIN_TREND_WEEKS = 4
BUCKET_SECONDS = 900
FALLBACK_ZONE = "UTC"

Series = tuple[float, ...]  # one value per slot of a week


@dataclass(frozen=True)
class MarketForecast:
    """One market's expected inbound messages in each hour of one week."""

    market_id: int | None
    chat: Series
    email: Series
    multipliers: Series  # the peak multiplier applied to each hour (1.0: none)

    @property
    def total(self) -> Series:
        return tuple(c + e for c, e in zip(self.chat, self.email, strict=True))


@dataclass(frozen=True)
class WeekForecast:
    zone: str
    week_start: datetime  # local Monday 00:00 in ``zone``
    markets: dict[int | None, MarketForecast]
    peaks: tuple[PeakEventView, ...]  # the events touching the week

    def market(self, market_id: int | None) -> MarketForecast:
        found = self.markets.get(market_id)
        if found is not None:
            return found
        zero = (0.0,) * SLOTS
        return MarketForecast(market_id, zero, zero, (1.0,) * SLOTS)


@dataclass(frozen=True)
class _Model:
    """What history says about one market and kind."""

    weeks: tuple[int, ...]  # week indexes with history (-HISTORY_WEEKS .. -1)
    totals: tuple[float, ...]  # messages in each of those weeks
    pattern: Series  # share of the weekly volume in each slot (sums to 1)

    def weekly_total(self, week: int) -> float:
        """Expected messages in week ``week`` (0: the week containing "now")."""
        n = len(self.weeks)
        mean = sum(self.totals) / n
        if n < MIN_TREND_WEEKS:
            return mean
        x_mean = sum(self.weeks) / n
        spread = sum((x - x_mean) ** 2 for x in self.weeks)
        slope = (
            sum((x - x_mean) * (y - mean) for x, y in zip(self.weeks, self.totals, strict=True))
            / spread
        )
        return max(0.0, mean + slope * (week - x_mean))


def _bucket(session: Session) -> ColumnElement[int]:
    """SQL: the quarter hour (seconds since 1970 // 900) a message was sent in."""
    if session.get_bind().dialect.name == "sqlite":
        return cast(func.strftime("%s", Message.sent_at), Integer) // BUCKET_SECONDS
    return cast(func.floor(func.extract("epoch", Message.sent_at) / BUCKET_SECONDS), Integer)


def inbound_counts(
    session: Session, since: datetime, until: datetime
) -> list[tuple[int | None, Kind, int, int]]:
    """(market id, kind, quarter hour, inbound messages) for ``since`` <= sent < ``until``."""
    bucket = _bucket(session).label("bucket")
    kind = kind_of(Message.channel).label("kind")
    query = (
        select(Conversation.market_id, kind, bucket, func.count())
        .join(Conversation, Conversation.id == Message.conversation_id)
        .where(
            Message.direction == Direction.INBOUND,
            Message.sent_at >= since,
            Message.sent_at < until,
        )
        .group_by(Conversation.market_id, kind, bucket)
    )
    return [(m, Kind(k), int(b), int(n)) for m, k, b, n in session.execute(query)]


def _models(
    counts: Sequence[tuple[int | None, Kind, int, int]], zone: str, base: datetime
) -> dict[tuple[int | None, Kind], _Model]:
    tz = load_zone(zone)
    base_day = base.astimezone(tz).date()
    placed: dict[int, tuple[int, int]] = {}  # quarter hour -> (week index, slot)
    weekly: dict[tuple[int | None, Kind], dict[int, float]] = defaultdict(dict)
    slots: dict[tuple[int | None, Kind], list[float]] = defaultdict(lambda: [0.0] * SLOTS)
    for market_id, kind, bucket, count in counts:
        where = placed.get(bucket)
        if where is None:
            local = datetime.fromtimestamp(bucket * BUCKET_SECONDS, UTC).astimezone(tz)
            week = (local.date() - base_day).days // 7
            where = placed[bucket] = (week, local.weekday() * SLOTS_PER_DAY + local.hour)
        week, slot = where
        key = (market_id, kind)
        weekly[key][week] = weekly[key].get(week, 0.0) + count
        slots[key][slot] += count
    models = {}
    for key, by_week in weekly.items():
        first = min(by_week)
        weeks = tuple(range(first, 0))
        total = sum(slots[key])
        models[key] = _Model(
            weeks=weeks,
            totals=tuple(by_week.get(w, 0.0) for w in weeks),
            pattern=tuple(value / total for value in slots[key]),
        )
    return models


def _market_zones(session: Session) -> dict[int, str]:
    return {
        row.market_id: row.zone if is_valid_zone(row.zone) else FALLBACK_ZONE
        for row in session.scalars(select(MarketSupportHours))
    }


def forecast_weeks(
    session: Session,
    zone: str,
    now: datetime,
    weeks: Sequence[datetime],
    *,
    history_weeks: int = HISTORY_WEEKS,
) -> list[WeekForecast]:
    """The forecast of each week containing one of ``weeks`` (seen from ``zone``), from the
    ``history_weeks`` complete weeks before the week containing ``now``."""
    if not is_valid_zone(zone):
        raise ValueError(f"unknown time zone {zone!r}")
    base = week_start(zone, now)
    since = week_start(zone, base - timedelta(days=7 * history_weeks - 3))
    models = _models(inbound_counts(session, since, base), zone, base)
    zones = _market_zones(session)
    tz = load_zone(zone)
    results = []
    for at in weeks:
        start = week_start(zone, at)
        index = (start.astimezone(tz).date() - base.astimezone(tz).date()).days // 7
        middles = slot_middles(zone, start)
        events = peak_events(
            session,
            first_day=start.date() - timedelta(days=1),
            last_day=start.date() + timedelta(days=8),
        )
        markets: dict[int | None, MarketForecast] = {}
        for market_id in {key[0] for key in models}:
            market_tz = load_zone(zones.get(market_id, FALLBACK_ZONE) if market_id else zone)
            days: list[date] = [m.astimezone(market_tz).date() for m in middles]
            factors = tuple(multiplier_on(events, day, market_id) for day in days)
            series: dict[Kind, Series] = {}
            for kind in Kind:
                model = models.get((market_id, kind))
                if model is None:
                    series[kind] = (0.0,) * SLOTS
                    continue
                total = model.weekly_total(index)
                series[kind] = tuple(
                    total * share * factor
                    for share, factor in zip(model.pattern, factors, strict=True)
                )
            markets[market_id] = MarketForecast(
                market_id, series[Kind.CHAT], series[Kind.EMAIL], factors
            )
        results.append(WeekForecast(zone, start, markets, events))
    return results


def forecast_week(
    session: Session, zone: str, at: datetime, *, now: datetime, history_weeks: int = HISTORY_WEEKS
) -> WeekForecast:
    """The forecast of the week containing ``at``."""
    return forecast_weeks(session, zone, now, [at], history_weeks=history_weeks)[0]
