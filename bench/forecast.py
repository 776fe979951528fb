"""Staffing forecast benchmark: ``python bench/forecast.py [N]`` (default 200,000 messages).

Builds a SQLite store of N messages (half customer messages, half agent replies) over
twelve weeks in 15 markets with bulk inserts, then, in a fresh process, times:

- forecast_ms:      the SQL-aggregated forecast of one week for every market
- handle_times_ms:  the handling times measured from reply timestamps (window functions)
- requirement_ms:   the planner's whole load: plan, forecast, handle times, requirement
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select

from console.store import open_store, sqlite_url
from console.store.models import (
    Agent,
    ChannelKind,
    Conversation,
    Customer,
    Direction,
    Market,
    Message,
)

NOW = datetime(2026, 11, 18, 12, 0, tzinfo=UTC)
MARKETS = 15
AGENTS = 40
PER_CONVERSATION = 4


def build(path: Path, count: int) -> None:
    store = open_store(sqlite_url(path))
    rng = random.Random(7)
    start = NOW - timedelta(weeks=12)
    with store.session() as session:
        markets = [
            Market(code=f"M{n}", name=f"Market {n}", languages=["en"]) for n in range(MARKETS)
        ]
        agents = [Agent(name=f"Agent {n}", languages=["en"]) for n in range(AGENTS)]
        customer = Customer(name="Bench")
        session.add_all([*markets, *agents, customer])
        session.flush()
        market_ids = [m.id for m in markets]
        agent_ids = [a.id for a in agents]
        conversations = count // PER_CONVERSATION
        session.execute(
            insert(Conversation),
            [
                {
                    "customer_id": customer.id,
                    "market_id": rng.choice(market_ids),
                    "channel": rng.choice((ChannelKind.CHAT, ChannelKind.EMAIL)),
                }
                for _ in range(conversations)
            ],
        )
        first_id = session.scalar(select(func.min(Conversation.id)))
        assert first_id is not None
        rows = []
        for c in range(conversations):
            moment = start + timedelta(seconds=rng.uniform(0, 12 * 7 * 86400))
            channel = ChannelKind.CHAT if c % 2 else ChannelKind.EMAIL
            for n in range(PER_CONVERSATION):
                outbound = n % 2 == 1
                moment += timedelta(seconds=rng.uniform(60, 900))
                rows.append(
                    {
                        "conversation_id": first_id + c,
                        "direction": Direction.OUTBOUND if outbound else Direction.INBOUND,
                        "channel": channel,
                        "sent_at": moment,
                        "author_agent_id": rng.choice(agent_ids) if outbound else None,
                        "text": "",
                    }
                )
            if len(rows) >= 20_000:
                session.execute(insert(Message), rows)
                rows = []
        if rows:
            session.execute(insert(Message), rows)
    store.close()


def measure(path: Path) -> None:
    from console.coverage import load_plan
    from console.coverage.forecast import forecast_week
    from console.coverage.handle_times import measure_handle_times
    from console.coverage.requirement import with_requirements

    store = open_store(sqlite_url(path))
    with store.session() as session:
        began = time.perf_counter()
        forecast_week(session, "Asia/Shanghai", NOW + timedelta(days=7), now=NOW)
        print(f"forecast_ms {(time.perf_counter() - began) * 1000:.0f}")
        began = time.perf_counter()
        measure_handle_times(session, since=NOW - timedelta(weeks=12))
        print(f"handle_times_ms {(time.perf_counter() - began) * 1000:.0f}")
        began = time.perf_counter()
        plan = load_plan(session, "Asia/Shanghai", NOW + timedelta(days=7))
        with_requirements(session, plan, NOW)
        print(f"requirement_ms {(time.perf_counter() - began) * 1000:.0f}")
    store.close()


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--measure":
        measure(Path(sys.argv[2]))
        return
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "forecast.sqlite3"
        build(path, count)
        print(f"messages {count}")
        subprocess.run([sys.executable, __file__, "--measure", str(path)], check=True)


if __name__ == "__main__":
    main()
