"""What the team dashboard shows, read on the store thread (no widgets here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from console.coverage import demand_by_hour_of_week
from console.coverage.plan import SLOTS_PER_DAY
from console.kpis.queries import KpiQuery, KpiRow, daily_inbound, kpi_rows


@dataclass(frozen=True)
class DashboardData:
    query: KpiQuery
    rows: list[KpiRow]
    daily: dict[date, int]  # inbound messages per UTC day
    expected: dict[date, float]  # the same days from the demand curve


def load_dashboard(session: Session, query: KpiQuery, now: datetime) -> DashboardData:
    """Everything the dashboard shows (on the store thread)."""
    assert query.since is not None and query.until is not None
    rows = kpi_rows(session, query, now=now)
    daily = daily_inbound(session, query.since, query.until)
    demand = demand_by_hour_of_week(session, "UTC")
    week = [0.0] * 7
    for per_market in demand.values():
        for slot, value in enumerate(per_market):
            week[slot // SLOTS_PER_DAY] += value
    expected = {}
    day = query.since.date()
    while day < query.until.date():
        expected[day] = round(week[day.weekday()], 1)
        day += timedelta(days=1)
    return DashboardData(query, rows, daily, expected)
