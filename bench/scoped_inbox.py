"""Inbox listing as a scoped person under row-level security (team mode).

    python bench/scoped_inbox.py [--db URL] [--messages M] [--runs N]

Builds (or reuses) a team store of M demo messages (default 200,000) through the
real ingest path (bench/team_load.py's ``build``), puts each conversation with a
market in its market's queue, gives one market's queue to a vendor, and makes an
in-house agent serving one market, a vendor agent serving the vendor's market, and
an administrator, each a login role (console/team). Then, for each of them and for
the store's owner (no row-level security), it opens the store as them and times
the inbox's listing (``console.inbox.pages.listing``: the ids, the first page of 50
rows and the counts of the views) N times (default 20). One line per figure:
``inbox_listing_<who>_p50_ms``, ``inbox_listing_<who>_p95_ms`` and
``visible_conversations_<who>``.

Without ``--db`` it starts a throwaway server (tests/pg_server.py).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import uuid
from pathlib import Path

from sqlalchemy import func, select, text, update
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent))

from console.inbox.pages import listing
from console.inbox.queries import InboxFilter, InboxView
from console.routing.engine import ensure_queues
from console.store import open_store
from console.store.models import AgentRole, Conversation, Market
from console.store.routing_tables import RoutingQueue
from console.team import people
from console.team.accounts import prepare_team_database
from console.team.people import PersonSpec
from console.team.scope import set_queue_vendor

PASSWORD = "bench-secret"


def _p(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def prepare(url: str) -> dict[str, str | None]:
    """The people to time (who -> login role; None: the owner) after scoping the store."""
    token = uuid.uuid4().hex[:6]
    store = open_store(url)
    try:
        prepare_team_database(store)
        with store.session() as session:
            ensure_queues(session)
            queues = {
                m: q for m, q in session.execute(select(RoutingQueue.market_id, RoutingQueue.id))
            }
            for market_id, queue_id in queues.items():
                if market_id is not None:
                    session.execute(
                        update(Conversation)
                        .where(Conversation.market_id == market_id, Conversation.queue_id.is_(None))
                        .values(queue_id=queue_id, version=Conversation.version)
                    )
            counts = {
                code: count
                for code, count in session.execute(
                    select(Market.code, func.count(Conversation.id))
                    .join(Conversation, Conversation.market_id == Market.id)
                    .group_by(Market.code)
                )
            }
            ordered = sorted(counts, key=lambda code: counts[code], reverse=True)
            inhouse_market, vendor_market = ordered[0], ordered[1]
            vendor_market_id = session.scalar(select(Market.id).where(Market.code == vendor_market))
            set_queue_vendor(session, queues[vendor_market_id], f"Bench BPO {token}", actor="bench")
            logins: dict[str, str | None] = {"owner": None}
            for who, spec in (
                ("inhouse_agent", PersonSpec(f"Agent {token}", AgentRole.AGENT,
                                             markets=(inhouse_market,))),
                ("vendor_agent", PersonSpec(f"Vendor {token}", AgentRole.AGENT,
                                            markets=(vendor_market,),
                                            vendor=f"Bench BPO {token}")),
                ("admin", PersonSpec(f"Admin {token}", AgentRole.ADMIN)),
            ):  # fmt: skip
                person = people.save_person(session, spec, actor="bench", password=PASSWORD)
                logins[who] = person.login_role
            session.execute(text("ANALYZE"))
        print(f"# in-house agent serves {inhouse_market}, vendor agent {vendor_market}",
              file=sys.stderr)  # fmt: skip
        return logins
    finally:
        store.close()


def measure(url: str, who: str, login: str | None, runs: int) -> None:
    target = url if login is None else (
        make_url(url).set(username=login, password=PASSWORD).render_as_string(False)
    )  # fmt: skip
    store = open_store(target)
    try:
        with store.session() as session:
            me = people.current_person(session)
            agent_id = me.id if me is not None else None
            visible = session.scalar(select(func.count()).select_from(Conversation))
        timings: list[float] = []
        for _ in range(runs):
            began = time.perf_counter()
            with store.session() as session:
                listing(session, InboxFilter(view=InboxView.ALL, agent_id=agent_id), 50)
            timings.append((time.perf_counter() - began) * 1000)
    finally:
        store.close()
    print(f"inbox_listing_{who}_p50_ms {statistics.median(timings):.1f}")
    print(f"inbox_listing_{who}_p95_ms {_p(timings, 0.95):.1f}")
    print(f"visible_conversations_{who} {visible}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", metavar="URL")
    parser.add_argument("--messages", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    import team_load

    server = None
    url = args.db
    if url is None:
        sys.path.append(str(Path(__file__).resolve().parent.parent / "tests"))
        import pg_server  # type: ignore[import-not-found]

        server = pg_server.start()
        server.sql('CREATE DATABASE "scoped_inbox"')
        url = server.url("scoped_inbox")
    try:
        team_load.build(url, args.messages)
        logins = prepare(url)
        for who, login in logins.items():
            measure(url, who, login, args.runs)
    finally:
        if server is not None:
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
