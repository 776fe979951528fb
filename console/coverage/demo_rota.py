"""Shifts, leave and support hours for the demo store, so the planner has a real week.

Deterministic: the same demo agents and markets always get the same rota.
Agents and markets are found by name and code (see ``console.demo.generator``);
unknown ones are skipped, so this also works on a partial demo store.
Safe to call twice: agents that already have shifts and markets that already
have support hours are left alone.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.coverage.commands import (
    ShiftSpec,
    add_extra_shift,
    add_leave,
    assign_market,
    set_agent_shifts,
    set_market_hours,
)
from console.store.coverage_tables import AgentShift, MarketSupportHours
from console.store.models import Agent, Market

ACTOR = "demo generator"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")

# market code: zone, support periods (local), holiday country
MARKET_HOURS: dict[str, tuple[str, tuple[str, ...], str | None]] = {
    "NA": (
        "America/New_York",
        (*(f"{d} 08:00-20:00" for d in WEEKDAYS), "Sat 10:00-16:00"),
        "US",
    ),
    "UKI": ("Europe/London", tuple(f"{d} 09:00-18:00" for d in WEEKDAYS), "GB"),
    "DACH": ("Europe/Berlin", tuple(f"{d} 08:00-18:00" for d in WEEKDAYS), "DE"),
    "FRBNL": ("Europe/Paris", tuple(f"{d} 09:00-18:00" for d in WEEKDAYS), "FR"),
    "IBERIA": ("Europe/Madrid", tuple(f"{d} 09:00-19:00" for d in WEEKDAYS), "ES"),
    "IT": ("Europe/Rome", tuple(f"{d} 09:00-18:00" for d in WEEKDAYS), "IT"),
    "CEE": ("Europe/Warsaw", tuple(f"{d} 08:00-17:00" for d in WEEKDAYS), "PL"),
    "TR": ("Europe/Istanbul", tuple(f"{d} 09:00-18:00" for d in (*WEEKDAYS, "sat")), "TR"),
    "RU": ("Europe/Moscow", tuple(f"{d} 09:00-18:00" for d in WEEKDAYS), "RU"),
    "MENA": (
        "Asia/Dubai",
        tuple(f"{d} 09:00-18:00" for d in ("sun", "mon", "tue", "wed", "thu")),
        "AE",
    ),
    "LATAM": ("America/Sao_Paulo", tuple(f"{d} 09:00-18:00" for d in WEEKDAYS), "BR"),
    "JP": ("Asia/Tokyo", tuple(f"{d} 09:00-18:00" for d in WEEKDAYS), "JP"),
    "KR": ("Asia/Seoul", tuple(f"{d} 09:00-18:00" for d in WEEKDAYS), "KR"),
    "CN": ("Asia/Shanghai", tuple(f"{d} 09:00-21:00" for d in (*WEEKDAYS, "sat", "sun")), "CN"),
    "ANZ": ("Australia/Sydney", tuple(f"{d} 09:00-17:00" for d in WEEKDAYS), "AU"),
}


def _week(days: tuple[str, ...], start: str, end: str) -> list[ShiftSpec]:
    return [ShiftSpec(day, start, end) for day in days]


# agent name: weekly shifts in the agent's home zone
AGENT_SHIFTS: dict[str, list[ShiftSpec]] = {
    "Li Wei": _week(WEEKDAYS, "09:00", "18:00"),
    "Zhang Min": _week(WEEKDAYS, "08:00", "17:00"),
    "Chen Jing": _week(("tue", "wed", "thu", "fri", "sat"), "21:00", "06:00"),
    "Wang Fang": _week(WEEKDAYS, "14:00", "23:00"),
    "Liu Yang": _week(WEEKDAYS, "15:00", "00:00"),
    "Sofia Martins": [*_week(WEEKDAYS, "09:00", "18:00"), ShiftSpec("sat", "10:00", "14:00")],
    "Kim Ji-woo": _week(WEEKDAYS, "09:00", "18:00"),
    "Ahmed Hassan": _week(("sun", "mon", "tue", "wed", "thu"), "09:00", "18:00"),
    "Olga Petrova": _week(WEEKDAYS, "08:00", "16:00"),
}

# agent name: (first day, last day, note) of leave
AGENT_LEAVE: dict[str, tuple[date, date, str]] = {
    "Wang Fang": (date(2026, 11, 25), date(2026, 11, 27), "annual leave"),
}
# agent name: (day, start, end, note) of an extra shift
AGENT_EXTRA: dict[str, tuple[date, str, str, str]] = {
    "Olga Petrova": (date(2026, 11, 28), "10:00", "14:00", "Black Friday weekend"),
}

# A partial plan, as a lead would have it before asking for a suggestion: some
# markets uncovered, Korea's agent also on Japan without Japanese.
DEMO_ASSIGNMENTS: tuple[tuple[str, str], ...] = (
    ("DACH", "Wang Fang"),
    ("FRBNL", "Liu Yang"),
    ("IBERIA", "Sofia Martins"),
    ("LATAM", "Chen Jing"),
    ("KR", "Kim Ji-woo"),
    ("JP", "Kim Ji-woo"),
    ("RU", "Olga Petrova"),
    ("MENA", "Ahmed Hassan"),
    ("CN", "Li Wei"),
)


def seed_demo_rota(session: Session) -> None:
    """Give the demo agents shifts, leave and markets, and the demo markets support hours."""
    markets = {m.code: m for m in session.scalars(select(Market))}
    agents = {a.name: a for a in session.scalars(select(Agent))}
    with_hours = set(session.scalars(select(MarketSupportHours.market_id)))
    for code, (zone, periods, country) in MARKET_HOURS.items():
        market = markets.get(code)
        if market is not None and market.id not in with_hours:
            set_market_hours(
                session, market.id, zone, periods, actor=ACTOR, holiday_country=country
            )
    with_shifts = set(session.scalars(select(AgentShift.agent_id)))
    fresh = set()
    for name, shifts in AGENT_SHIFTS.items():
        agent = agents.get(name)
        if agent is None or agent.id in with_shifts:
            continue
        fresh.add(name)
        set_agent_shifts(session, agent.id, shifts, actor=ACTOR)
        if name in AGENT_LEAVE:
            first, last, note = AGENT_LEAVE[name]
            add_leave(session, agent.id, first, last, actor=ACTOR, note=note)
        if name in AGENT_EXTRA:
            day, start, end, note = AGENT_EXTRA[name]
            add_extra_shift(session, agent.id, day, start, end, actor=ACTOR, note=note)
    for code, name in DEMO_ASSIGNMENTS:
        if name in fresh and code in markets:
            assign_market(session, markets[code].id, agents[name].id, actor=ACTOR)
    session.flush()
