"""Peak events a lead enters (Double 11, 618, Black Friday): the days and how many times
the usual inbound volume to expect, for one market or all. Every change is audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from console import audit
from console.problems import ProblemError, define, problem
from console.store.coverage_tables import PeakEvent
from console.store.models import Market

#: The multiplier a lead may enter (below 1: a quiet period such as a national holiday).
MIN_MULTIPLIER = 0.1
MAX_MULTIPLIER = 50.0
NAME_CHARS = 100

PEAK_NAME_MISSING = define("coverage.peak_name_missing", "A peak event needs a name.")
PEAK_DAYS_ORDER = define(
    "coverage.peak_days_order", "A peak event cannot end ({last}) before it starts ({first})."
)
PEAK_MULTIPLIER_RANGE = define(
    "coverage.peak_multiplier_range",
    "The expected multiplier must be between {low} and {high}; {value} was given.",
)
PEAK_NOT_FOUND = define("coverage.peak_not_found", "Peak event {id} no longer exists.")
PEAK_MARKET_NOT_FOUND = define(
    "coverage.peak_market_not_found", "Market {id} no longer exists; the peak event was not saved."
)


@dataclass(frozen=True)
class PeakSpec:
    """What a lead enters: ``multiplier`` times the usual volume from ``first_day`` to
    ``last_day`` (inclusive, each market's local dates) in ``market_id`` (None: all)."""

    name: str
    first_day: date
    last_day: date
    multiplier: float
    market_id: int | None = None


@dataclass(frozen=True)
class PeakEventView:
    id: int
    name: str
    first_day: date
    last_day: date
    multiplier: float
    market_id: int | None
    market_code: str | None  # None: every market

    @property
    def spec(self) -> PeakSpec:
        return PeakSpec(self.name, self.first_day, self.last_day, self.multiplier, self.market_id)

    def covers(self, day: date, market_id: int | None) -> bool:
        """Whether the event raises ``market_id``'s volume on ``day``."""
        applies = self.market_id is None or self.market_id == market_id
        return applies and self.first_day <= day <= self.last_day


def check_peak(spec: PeakSpec) -> PeakSpec:
    """The spec with its name trimmed; raises :class:`ProblemError` when it makes no sense."""
    name = " ".join(spec.name.split())[:NAME_CHARS]
    if not name:
        raise ProblemError(problem(PEAK_NAME_MISSING))
    if spec.last_day < spec.first_day:
        raise ProblemError(
            problem(
                PEAK_DAYS_ORDER, first=spec.first_day.isoformat(), last=spec.last_day.isoformat()
            )
        )
    if not MIN_MULTIPLIER <= spec.multiplier <= MAX_MULTIPLIER:
        raise ProblemError(
            problem(
                PEAK_MULTIPLIER_RANGE,
                low=MIN_MULTIPLIER,
                high=f"{MAX_MULTIPLIER:g}",
                value=f"{spec.multiplier:g}",
            )
        )
    return PeakSpec(name, spec.first_day, spec.last_day, float(spec.multiplier), spec.market_id)


def _check_market(session: Session, market_id: int | None) -> None:
    if market_id is not None and session.get(Market, market_id) is None:
        raise ProblemError(problem(PEAK_MARKET_NOT_FOUND, id=market_id))


def _detail(spec: PeakSpec) -> dict[str, object]:
    return {
        "name": spec.name,
        "first_day": spec.first_day.isoformat(),
        "last_day": spec.last_day.isoformat(),
        "multiplier": spec.multiplier,
        "market_id": spec.market_id,
    }


def add_peak_event(session: Session, spec: PeakSpec, *, actor: str) -> int:
    """Store a new peak event; returns its id."""
    checked = check_peak(spec)
    _check_market(session, checked.market_id)
    row = PeakEvent(
        name=checked.name,
        first_day=checked.first_day,
        last_day=checked.last_day,
        multiplier=checked.multiplier,
        market_id=checked.market_id,
        created_by=actor,
    )
    session.add(row)
    session.flush()
    audit.record(
        session, actor=actor, action="add_peak_event", entity="peak_event", entity_id=row.id,
        **_detail(checked),
    )  # fmt: skip
    return row.id


def change_peak_event(session: Session, event_id: int, spec: PeakSpec, *, actor: str) -> None:
    """Replace what peak event ``event_id`` says."""
    row = session.get(PeakEvent, event_id)
    if row is None:
        raise ProblemError(problem(PEAK_NOT_FOUND, id=event_id))
    checked = check_peak(spec)
    _check_market(session, checked.market_id)
    previous = PeakSpec(row.name, row.first_day, row.last_day, row.multiplier, row.market_id)
    row.name, row.first_day, row.last_day = checked.name, checked.first_day, checked.last_day
    row.multiplier, row.market_id = checked.multiplier, checked.market_id
    audit.record(
        session,
        actor=actor,
        action="change_peak_event",
        entity="peak_event",
        entity_id=event_id,
        previous=_detail(previous),
        **_detail(checked),
    )


def remove_peak_event(session: Session, event_id: int, *, actor: str) -> bool:
    """Delete peak event ``event_id``; False when it was already gone."""
    row = session.get(PeakEvent, event_id)
    if row is None:
        return False
    detail = _detail(PeakSpec(row.name, row.first_day, row.last_day, row.multiplier, row.market_id))
    session.delete(row)
    session.flush()
    audit.record(
        session, actor=actor, action="remove_peak_event", entity="peak_event",
        entity_id=event_id, **detail,
    )  # fmt: skip
    return True


def peak_events(
    session: Session, *, first_day: date | None = None, last_day: date | None = None
) -> tuple[PeakEventView, ...]:
    """The stored peak events (those touching ``first_day``..``last_day`` when given),
    by first day."""
    query = (
        select(PeakEvent, Market.code)
        .outerjoin(Market, Market.id == PeakEvent.market_id)
        .order_by(PeakEvent.first_day, PeakEvent.id)
    )
    if first_day is not None:
        query = query.where(PeakEvent.last_day >= first_day)
    if last_day is not None:
        query = query.where(PeakEvent.first_day <= last_day)
    return tuple(
        PeakEventView(
            row.id, row.name, row.first_day, row.last_day, row.multiplier, row.market_id, code
        )
        for row, code in session.execute(query)
    )


def multiplier_on(events: tuple[PeakEventView, ...], day: date, market_id: int | None) -> float:
    """The expected multiplier of ``market_id``'s volume on ``day``: the largest of the events
    covering it (overlapping events do not multiply), 1.0 without any."""
    factors = [e.multiplier for e in events if e.covers(day, market_id)]
    return max(factors) if factors else 1.0
