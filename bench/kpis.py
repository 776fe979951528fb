"""KPI benchmark: ``python bench/kpis.py [N] [--store PATH]`` (default 1,000,000 messages).

Builds a SQLite store of N demo messages spread over a year through the real
ingest path (which keeps the KPI facts), settles it as a working team would
(assignees, two vendors, half of the answered conversations resolved with their
last reply, through the KPI facts), then, in a fresh process, times the KPI
report for the whole year per slice, and the drill-down to one figure's
conversations. One figure per line:

- build_s:            building the store (ingest, facts included)
- settle_s:           assigning and resolving (only when the store is not settled yet)
- kpis_<slice>_ms:    the median of 3 runs of the year's KPIs grouped by that slice
- drilldown_ms:       the conversations behind one market's missed SLA
- peak_rss_mb:        peak resident memory of the measuring process

Target on the 2-core reference machine at 1,000,000 messages: every kpis_*_ms < 1000.
``--store PATH`` keeps the store at PATH and reuses it when it exists.
"""

from __future__ import annotations

import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from itertools import islice
from pathlib import Path

BATCH = 5000
YEAR_END = datetime(2026, 12, 1, tzinfo=UTC)
SLICES = ("market", "agent", "language", "channel", "vendor", "hour", "weekday")
_THREAD = re.compile(r"^demo-(\d+)-")


def _over_a_year() -> Iterator[object]:
    """The demo's threads, each moved to its own day of the year before ``YEAR_END``."""
    from console.demo.generator import DEMO_NOW, iter_demo_messages

    shift_to_end = YEAR_END - DEMO_NOW
    for item in iter_demo_messages():
        match = _THREAD.match(item.external_id or "")
        index = int(match.group(1)) if match else 0
        back = timedelta(days=(index * 7919) % 320)  # the demo itself spans 45 days
        yield replace(item, sent_at=item.sent_at + shift_to_end - back)


def build(path: Path, count: int) -> float:
    from console.demo.generator import load_corpus, seed_agents_and_markets
    from console.inbox.ingest import ingest
    from console.store import open_store, sqlite_url

    store = open_store(sqlite_url(path))
    seed_agents_and_markets(store, load_corpus())
    _support_hours(store)
    messages = _over_a_year()
    started = time.perf_counter()
    imported = 0
    while imported < count:
        batch = list(islice(messages, min(BATCH, count - imported)))
        imported += ingest(store, batch, batch_size=BATCH).imported  # type: ignore[arg-type]
    elapsed = time.perf_counter() - started
    store.close()
    return elapsed


def _support_hours(store: object) -> None:
    """Weekday 09:00-18:00 support in each market's main zone, with its holidays."""
    from sqlalchemy import select

    from console.store.coverage_tables import MarketSupportHours
    from console.store.models import Market
    from timezones import main_zone

    with store.session() as session:  # type: ignore[attr-defined]
        for market in session.scalars(select(Market)):
            country = (market.countries or ["GB"])[0]
            zone = main_zone(country) or "UTC"
            session.add(
                MarketSupportHours(
                    market_id=market.id,
                    zone=zone,
                    periods=[f"{d} 09:00-18:00" for d in ("Mon", "Tue", "Wed", "Thu", "Fri")],
                    holiday_country=country,
                )
            )


def settle(path: Path) -> float | None:
    """Assign 4 in 5 conversations round the agents (a third of the agents work for one of
    two vendors) and resolve every other answered conversation at its last activity, with
    its resolution kept in the KPI facts. None when the store has assignees already."""
    from sqlalchemy import bindparam, select, update

    from console.kpis.facts import record_resolved
    from console.store import open_store, sqlite_url
    from console.store.models import Agent, Conversation, ConversationStatus

    store = open_store(sqlite_url(path), create=False)
    try:
        with store.session() as session:
            if session.scalar(select(Conversation.id).where(Conversation.assignee_id.is_not(None))):
                return None
        started = time.perf_counter()
        with store.session() as session:
            agents = sorted(session.scalars(select(Agent.id)))
            for index, agent_id in enumerate(agents):
                if index % 3 == 0:
                    vendor = ("Acme BPO", "Northwind Support")[index // 3 % 2]
                    session.execute(update(Agent).where(Agent.id == agent_id).values(vendor=vendor))
            rows = session.execute(
                select(Conversation.id, Conversation.awaiting_reply, Conversation.last_activity_at)
            ).all()
            assigned = [
                {"b_id": cid, "b_agent": agents[cid % len(agents)]} for cid, _, _ in rows if cid % 5
            ]
            session.connection().execute(
                update(Conversation)
                .where(Conversation.id == bindparam("b_id"))
                .values(assignee_id=bindparam("b_agent")),
                assigned,
            )
            resolved = {cid: at for cid, waiting, at in rows if not waiting and cid % 2}
            session.connection().execute(
                update(Conversation)
                .where(Conversation.id == bindparam("b_id"))
                .values(status=ConversationStatus.RESOLVED),
                [{"b_id": cid} for cid in sorted(resolved)],
            )
            record_resolved(session, resolved)
        return time.perf_counter() - started
    finally:
        store.close()


def measure(path: Path) -> None:
    from sqlalchemy import func, select

    from console.kpis.queries import Figure, KpiQuery, Slice, conversation_ids_for, kpi_rows
    from console.store import open_store, sqlite_url
    from console.store.models import Conversation

    store = open_store(sqlite_url(path), create=False)
    year = (YEAR_END - timedelta(days=365), YEAR_END)
    with store.session() as session:
        conversations = session.scalar(select(func.count()).select_from(Conversation))
    print(f"conversations {conversations}")
    first_market = None
    for name in SLICES:
        timings = []
        for _ in range(3):
            with store.session() as session:
                started = time.perf_counter()
                rows = kpi_rows(session, KpiQuery(*year, Slice(name)))
                timings.append((time.perf_counter() - started) * 1000)
            if name == "market":
                first_market = rows[0].key
        print(f"kpis_{name}_ms {statistics.median(timings):.0f}")
    with store.session() as session:
        started = time.perf_counter()
        conversation_ids_for(session, KpiQuery(*year), first_market, Figure.SLA_MISSED)
        print(f"drilldown_ms {(time.perf_counter() - started) * 1000:.0f}")
    store.close()
    print(f"peak_rss_mb {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")


def main() -> None:
    arguments = sys.argv[1:]
    if arguments[:1] == ["--measure"]:
        measure(Path(arguments[1]))
        return
    kept = None
    if "--store" in arguments:
        at = arguments.index("--store")
        kept = Path(arguments[at + 1])
        del arguments[at : at + 2]
    count = int(arguments[0]) if arguments else 1_000_000
    with tempfile.TemporaryDirectory() as folder:
        path = kept or Path(folder) / "kpis.sqlite3"
        print(f"messages {count}")
        if not path.exists():
            print(f"build_s {build(path, count):.0f}")
        settled = settle(path)
        if settled is not None:
            print(f"settle_s {settled:.0f}")
        sys.stdout.flush()
        subprocess.run([sys.executable, __file__, "--measure", str(path)], check=True)


if __name__ == "__main__":
    main()
