"""The coverage plan of one week: agents with their shifts, markets with their support
hours and demand, and who covers which market; the 7x24 grid computed from them.

A week is 168 one-hour slots, Monday 00:00 to Sunday 24:00 wall-clock in the
viewer's zone (the lead's). A slot counts as "on" for a shift or a market's
support hours when its middle (hh:30) falls inside them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from timezones import BusinessHours
from timezones.business_hours import parse_time
from timezones.wallclock import combine_local, load_zone

SLOTS_PER_DAY = 24
DAYS = 7
SLOTS = SLOTS_PER_DAY * DAYS

Slot = int  # 0 = Monday 00:00-01:00 in the plan's zone, 167 = Sunday 23:00-24:00
Interval = tuple[datetime, datetime]


class CellState(enum.IntEnum):
    """One market in one hour of the week."""

    CLOSED = 0  # outside the market's support hours
    COVERED = 1  # an assigned agent speaking one of the market's languages is on shift
    LANGUAGE_GAP = 2  # only assigned agents without the market's languages are on shift
    UNCOVERED = 3  # support hours, but no assigned agent on shift


@dataclass(frozen=True)
class ShiftView:
    id: int
    weekday: int
    start: str
    end: str
    zone: str
    valid_from: date | None = None
    valid_until: date | None = None
    #: The row's version when read (console/coverage/commands.py: schedule_stamp).
    version: int = 0


@dataclass(frozen=True)
class ShiftExceptionView:
    id: int
    kind: str  # "leave" | "extra"
    first_day: date
    last_day: date
    start: str | None = None
    end: str | None = None
    note: str = ""
    #: The row's version when read (console/coverage/commands.py: schedule_stamp).
    version: int = 0


@dataclass(frozen=True)
class AgentCoverage:
    id: int
    name: str
    role: str
    languages: tuple[str, ...]
    zone: str
    shifts: tuple[ShiftView, ...] = ()
    exceptions: tuple[ShiftExceptionView, ...] = ()
    on_shift: int = 0  # bit mask over the week's slots

    def speaks_any(self, languages: Iterable[str]) -> bool:
        return bool(set(self.languages) & set(languages))


@dataclass(frozen=True)
class MarketCoverage:
    id: int
    code: str
    name: str
    languages: tuple[str, ...]
    zone: str
    periods: tuple[str, ...]
    holiday_country: str | None
    open_slots: int = 0  # bit mask over the week's slots
    demand: tuple[float, ...] = field(default=(0.0,) * SLOTS)  # inbound messages per slot
    #: Agents needed in each slot (console.coverage.requirement); empty: not computed, one
    #: agent in each support hour will do.
    required: tuple[int, ...] = ()


@dataclass(frozen=True)
class CoveragePlan:
    """Everything the planner shows for one week, in ``zone``."""

    zone: str
    week_start: datetime  # aware, local Monday 00:00 in ``zone``
    agents: tuple[AgentCoverage, ...]
    markets: tuple[MarketCoverage, ...]
    assignments: frozenset[tuple[int, int]]  # (market id, agent id)

    def agent(self, agent_id: int) -> AgentCoverage | None:
        return next((a for a in self.agents if a.id == agent_id), None)

    def market(self, market_id: int) -> MarketCoverage | None:
        return next((m for m in self.markets if m.id == market_id), None)

    def agents_of(self, market_id: int) -> tuple[AgentCoverage, ...]:
        return tuple(a for a in self.agents if (market_id, a.id) in self.assignments)

    def with_assignments(self, assignments: Iterable[tuple[int, int]]) -> CoveragePlan:
        return CoveragePlan(
            self.zone, self.week_start, self.agents, self.markets, frozenset(assignments)
        )


@dataclass(frozen=True)
class MarketRow:
    market_id: int
    cells: tuple[CellState, ...]  # SLOTS entries
    open_hours: int
    covered_hours: int
    language_gap_hours: int
    uncovered_hours: int
    demand_total: float
    demand_uncovered: float  # demand in support hours not COVERED


@dataclass(frozen=True)
class CoverageGrid:
    rows: tuple[MarketRow, ...]  # in the order of plan.markets

    def row(self, market_id: int) -> MarketRow | None:
        return next((r for r in self.rows if r.market_id == market_id), None)


# -- the grid -------------------------------------------------------------------


def bits(mask: int) -> Iterator[Slot]:
    """The slots set in ``mask``."""
    slot = 0
    while mask:
        if mask & 1:
            yield slot
        mask >>= 1
        slot += 1


def market_cells(plan: CoveragePlan, market: MarketCoverage) -> tuple[CellState, ...]:
    speaking = 0
    others = 0
    for agent in plan.agents_of(market.id):
        if agent.speaks_any(market.languages):
            speaking |= agent.on_shift
        else:
            others |= agent.on_shift
    cells = []
    for slot in range(SLOTS):
        bit = 1 << slot
        if not market.open_slots & bit:
            cells.append(CellState.CLOSED)
        elif speaking & bit:
            cells.append(CellState.COVERED)
        elif others & bit:
            cells.append(CellState.LANGUAGE_GAP)
        else:
            cells.append(CellState.UNCOVERED)
    return tuple(cells)


def coverage_grid(plan: CoveragePlan) -> CoverageGrid:
    """The 7x24 grid of every market under the plan's assignments (pure, fast)."""
    rows = []
    for market in plan.markets:
        cells = market_cells(plan, market)
        counts = {state: cells.count(state) for state in CellState}
        uncovered_demand = sum(
            market.demand[s]
            for s, state in enumerate(cells)
            if state in (CellState.UNCOVERED, CellState.LANGUAGE_GAP)
        )
        rows.append(
            MarketRow(
                market_id=market.id,
                cells=cells,
                open_hours=SLOTS - counts[CellState.CLOSED],
                covered_hours=counts[CellState.COVERED],
                language_gap_hours=counts[CellState.LANGUAGE_GAP],
                uncovered_hours=counts[CellState.UNCOVERED],
                demand_total=sum(market.demand),
                demand_uncovered=uncovered_demand,
            )
        )
    return CoverageGrid(tuple(rows))


# -- slots of a week ------------------------------------------------------------


def week_start(zone: str, at: datetime) -> datetime:
    """Monday 00:00 (aware, in ``zone``) of the week containing ``at``."""
    tz = load_zone(zone)
    local_day = at.astimezone(tz).date()
    monday = local_day - timedelta(days=local_day.weekday())
    return combine_local(monday, time(0), tz).astimezone(tz)


def slot_middles(zone: str, start: datetime) -> tuple[datetime, ...]:
    """UTC instants of the middles (hh:30 wall-clock) of the week's slots."""
    tz = load_zone(zone)
    monday = start.astimezone(tz).date()
    return tuple(
        combine_local(monday + timedelta(days=day), time(hour, 30), tz)
        for day in range(DAYS)
        for hour in range(SLOTS_PER_DAY)
    )


def slot_of(zone: str, start: datetime, instant: datetime) -> Slot | None:
    """The slot of ``instant`` in the week starting at ``start`` (None: another week)."""
    tz = load_zone(zone)
    local = instant.astimezone(tz)
    day = (local.date() - start.astimezone(tz).date()).days
    if not 0 <= day < DAYS:
        return None
    return day * SLOTS_PER_DAY + local.hour


def mask_of(intervals: Sequence[Interval], middles: Sequence[datetime]) -> int:
    mask = 0
    for slot, middle in enumerate(middles):
        if any(begin <= middle < end for begin, end in intervals):
            mask |= 1 << slot
    return mask


def _span(day: date, start: str, end: str, tz: tzinfo) -> Interval | None:
    begin_time, end_time = parse_time(start), parse_time(end)
    end_day = day + timedelta(days=1) if end_time <= begin_time else day
    begin = combine_local(day, begin_time, tz)
    finish = combine_local(end_day, end_time, tz)
    return (begin, finish) if finish > begin else None


def _days_around(middles: Sequence[datetime], tz: tzinfo) -> list[date]:
    first = middles[0].astimezone(tz).date() - timedelta(days=1)
    last = middles[-1].astimezone(tz).date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def shift_intervals(
    agent_zone: str,
    shifts: Sequence[ShiftView],
    exceptions: Sequence[ShiftExceptionView],
    middles: Sequence[datetime],
) -> list[Interval]:
    """Concrete UTC intervals of an agent's work around the given week (leave removed,
    extra shifts added)."""
    intervals: list[Interval] = []
    home = load_zone(agent_zone)
    leave = [e for e in exceptions if e.kind == "leave"]
    for shift in shifts:
        tz = load_zone(shift.zone) if shift.zone else home
        for day in _days_around(middles, tz):
            if day.weekday() != shift.weekday:
                continue
            if shift.valid_from is not None and day < shift.valid_from:
                continue
            if shift.valid_until is not None and day > shift.valid_until:
                continue
            if any(e.first_day <= day <= e.last_day for e in leave):
                continue
            span = _span(day, shift.start, shift.end, tz)
            if span is not None:
                intervals.append(span)
    for extra in exceptions:
        if extra.kind != "extra" or not extra.start or not extra.end:
            continue
        for day in _days_around(middles, home):
            if extra.first_day <= day <= extra.last_day:
                span = _span(day, extra.start, extra.end, home)
                if span is not None:
                    intervals.append(span)
    return intervals


def hours_intervals(hours: BusinessHours, middles: Sequence[datetime]) -> list[Interval]:
    """Concrete UTC intervals of weekly business hours around the given week."""
    tz = hours.tz
    intervals: list[Interval] = []
    for day in _days_around(middles, tz):
        if hours.is_closed_on(day):
            continue
        for period in hours.periods:
            if period.weekday != day.weekday():
                continue
            span = _span(day, period.start.strftime("%H:%M"), period.end.strftime("%H:%M"), tz)
            if span is not None:
                intervals.append(span)
    return intervals


def market_hours(market: MarketCoverage) -> BusinessHours:
    return BusinessHours.from_periods(
        market.zone, market.periods, holiday_country=market.holiday_country
    )


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)
