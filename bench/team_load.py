"""Team load benchmark: many seats on one PostgreSQL team store.

    python bench/team_load.py [--db URL] [--seats N] [--seconds S] [--messages M]
                              [--think SECONDS] [--owner]

Builds (or reuses) a team store of M demo messages (default 1,000,000) through
the real ingest path, then N seats (default 50), each a separate process with
its own connections, run an agent's mix of work for S seconds (default 60):
open an inbox page, open a conversation, search, reply, assign, change status,
with a think time between actions (exponential, mean ``--think`` s, default 3:
fifty people at work, not fifty loops). Every seat also listens for what the
others change, as a window does. Meanwhile a connector process ingests 20
messages a second, one in ten delivered twice (a redelivery must not double).
Each seat signs in as its own person, as in a team (row-level security and masking
apply): of every ten, one is an in-house lead (sees everything), two are temporary
agents (masked customer data) and seven in-house agents, each agent serving two of
the demo's markets; ``--owner`` runs every seat as the store's owner instead (no
scope, nothing masked). The people are made once (``team init``'s preparation and
*Team → People*'s core) and reused. The seats first open as a window does (first
page, a search, a conversation: not measured) and all start together once every one
is up: fifty processes starting at once on two cores are not the working hour the
figures describe.

Without ``--db`` it starts a throwaway server (tests/pg_server.py) and builds
there; with ``--db`` the store is kept and the next run reuses it.

One figure per line:
- inbox_page_p95_ms:       the inbox's listing and first page (console.inbox.pages)
- conversation_open_p95_ms: mark read + the thread with its translations
- search_p95_ms:           an inbox search (listing under a search, with matches)
- notify_p95_ms:           a reply committed on one seat until another seat is told
- lost_writes:             replies, assignments and status changes a seat was told
                           were saved but that are not in the store afterwards
- duplicate_messages:      messages stored twice although delivered with one id
- server_connections:      most connections to the database seen at once
- actions_per_s:           the seats' actions per second, all together
- refused_writes:          writes refused because another seat changed the same
                           thing first (the seat is told; not lost)
- machine_busy_pct:        how busy the machine's processors were (all processes)
- seats_cpu_pct:           the part of that the seats' own Python side used

On stderr, each action's mean CPU time in its seat (what the client side costs).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import statistics
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from console.demo.generator import iter_demo_messages, load_corpus, seed_agents_and_markets
from console.inbox import commands
from console.inbox.ingest import ingest
from console.inbox.pages import listing
from console.inbox.queries import InboxFilter, InboxView, conversation_detail
from console.incoming import IncomingMessage
from console.store import Store, StoreError, open_store
from console.store.models import (
    Agent,
    AgentRole,
    AuditEntry,
    ConversationStatus,
    Market,
    Message,
    utcnow,
)
from console.team import people
from console.team.accounts import prepare_team_database

ROOT = Path(__file__).resolve().parent.parent
BUILD_BATCH = 5000
PAGE_SIZE = 50
CONNECTOR_PER_S = 20
#: One message in this many is delivered a second time by the connector.
REDELIVER_EVERY = 10
NOTIFY_CHANNEL = "console_changes"
#: Every bench person's password (they exist for the bench only).
PASSWORD = "bench-seat-password"
#: How long the temporary agents' accounts last (from the day of the run).
TEMPORARY_DAYS = 30
SEARCHES = (
    "order", "refund", "tracking", "zoll", "pedido", "remboursement", "退款", "订单",
    "注文", "주문", "заказ", "size", "broken", "customs duty", "refun", "#A1",
)  # fmt: skip
#: The mix of actions (weights): reading dominates, as in a working day.
MIX = (
    ("inbox_page", 30),
    ("conversation_open", 30),
    ("search", 12),
    ("reply", 12),
    ("assign", 8),
    ("status", 8),
)


# -- building the store ----------------------------------------------------------------------


def build(url: str, wanted: int) -> None:
    """Ingest demo messages until the store holds ``wanted`` (reused when it already does)."""
    store = open_store(url)
    try:
        with store.session() as session:
            have = session.scalar(select(func.count()).select_from(Message)) or 0
            agents = session.scalar(select(func.count()).select_from(Agent)) or 0
        if not agents:
            seed_agents_and_markets(store, load_corpus())
        if have >= wanted:
            print(f"# reusing the store: {have:,} messages", file=sys.stderr)
            return
        messages = iter_demo_messages()
        # The demo generator is deterministic: skip what an earlier (interrupted) build stored.
        for _ in islice(messages, have):
            pass
        started, stored = time.perf_counter(), have
        while stored < wanted:
            batch = list(islice(messages, min(BUILD_BATCH, wanted - stored)))
            ingest(store, batch, batch_size=BUILD_BATCH)
            stored += len(batch)
            rate = (stored - have) / (time.perf_counter() - started)
            print(f"# built {stored:,} / {wanted:,} ({rate:,.0f} msgs/s)", file=sys.stderr)
        with store.session() as session:
            session.execute(text("ANALYZE"))
    finally:
        store.close()


# -- the seats' people -----------------------------------------------------------------------


@dataclass(frozen=True)
class Seat:
    """Who a seat is: the URL it signs in with, its person and their name (the actor)."""

    url: str
    person_id: int
    name: str


def _spec(seat: int, markets: list[str]) -> people.PersonSpec:
    """Seat ``seat``'s person: of every ten, one lead, two temporary agents, seven agents."""
    name = f"Bench Seat {seat:02d}"
    if seat % 10 == 0:
        return people.PersonSpec(name, AgentRole.LEAD)
    served = (markets[(2 * seat) % len(markets)], markets[(2 * seat + 1) % len(markets)])
    if seat % 10 in (1, 2):
        expires = date.fromordinal(date.today().toordinal() + TEMPORARY_DAYS)
        return people.PersonSpec(name, AgentRole.AGENT, markets=served, expires_on=expires)
    return people.PersonSpec(name, AgentRole.AGENT, markets=served)


def prepare_seats(url: str, seats: int, *, as_owner: bool) -> list[Seat]:
    """The seats' people (made or brought up to date, with the bench password), or with
    ``as_owner`` every seat as the owner, each acting for one of the store's agents."""
    store = open_store(url)
    try:
        if as_owner:
            with store.session() as session:
                agents = list(session.execute(select(Agent.id, Agent.name).order_by(Agent.id)))
            return [Seat(url, *agents[seat % len(agents)]) for seat in range(seats)]
        prepare_team_database(store)
        made = []
        with store.session() as session:
            markets = sorted(session.scalars(select(Market.code)))
            for seat in range(seats):
                spec = _spec(seat, markets)
                found = people.find_person(session, spec.name)
                person = people.save_person(
                    session,
                    spec,
                    actor="team_load",
                    person_id=found.id if found else None,
                    password=PASSWORD,
                )
                assert person.login_role is not None
                login_url = make_url(url).set(username=person.login_role, password=PASSWORD)
                made.append(Seat(login_url.render_as_string(False), person.id, person.name))
        return made
    finally:
        store.close()


# -- a seat ----------------------------------------------------------------------------------


@dataclass
class SeatReport:
    seat: int
    timings: dict[str, list[float]] = field(default_factory=dict)
    #: Replies saved: message id -> time.time() after the commit.
    replies: dict[int, float] = field(default_factory=dict)
    #: Assignments and status changes saved: (conversation id, audit action, actor).
    changes: list[tuple[int, str, str]] = field(default_factory=list)
    #: Message id -> when this seat was told about it (time.time()).
    told: dict[int, float] = field(default_factory=dict)
    #: Action -> the seat's own CPU time for each (ms): what the client side costs.
    cpu: dict[str, list[float]] = field(default_factory=dict)
    #: The whole seat process's CPU time while measured (s), its listener's included.
    process_cpu_s: float = 0.0
    refused: int = 0
    actions: int = 0
    errors: list[str] = field(default_factory=list)


def _seat_url(url: str, name: str) -> str:
    return (
        make_url(url)
        .update_query_dict({"application_name": name})
        .render_as_string(hide_password=False)
    )


def _listen(url: str, report: SeatReport, stop: threading.Event) -> None:
    """Record when this seat is told of each new message (what the window's listener hears)."""
    import psycopg

    parsed = make_url(url)
    with psycopg.connect(
        host=parsed.host,
        port=parsed.port,
        user=parsed.username,
        password=parsed.password,
        dbname=parsed.database,
        autocommit=True,
        application_name=f"bench-listener-{report.seat}",
    ) as connection:
        connection.execute(f"LISTEN {NOTIFY_CHANNEL}")
        while not stop.is_set():
            for note in connection.notifies(timeout=0.2, stop_after=1000):
                now = time.time()
                for message_id in _message_ids(note.payload):
                    report.told.setdefault(message_id, now)


def _message_ids(payload: str) -> list[int]:
    """The ids of message rows a notification names.

    The payload is console/store/live_updates.py's: one JSON object per statement,
    ``{"t": table, "op": "I"|"U"|"D", "ids": [...] or null, "c": [...], "s": seat, "n": rows}``
    (``ids`` null: more than 50 rows changed, none named).
    """
    try:
        decoded = json.loads(payload)
    except ValueError:
        return []
    if not isinstance(decoded, dict) or decoded.get("t") != "messages":
        return []
    ids = decoded.get("ids")
    if not isinstance(ids, list):
        return []
    return [i for i in ids if isinstance(i, int)]


def run_seat(seat: int, who: Seat, seconds: float, think: float, queue: Any, start: Any) -> None:
    report = SeatReport(seat)
    stop = threading.Event()
    listener = threading.Thread(target=_listen, args=(who.url, report, stop), daemon=True)
    listener.start()
    rng = random.Random(seat)
    store = open_store(_seat_url(who.url, f"bench-seat-{seat}"))
    cpu_at_start = time.process_time()
    try:
        me, actor = who.person_id, who.name
        seen: list[int] = []
        actions = [name for name, _ in MIX]
        weights = [weight for _, weight in MIX]
        _warm_up(store, me)
        start.wait(timeout=600)  # every seat ready (a window that is open), then the hour begins
        cpu_at_start = time.process_time()
        deadline = time.perf_counter() + seconds
        time.sleep(rng.uniform(0, think))  # seats do not start in step
        while time.perf_counter() < deadline:
            action = rng.choices(actions, weights)[0]
            if action not in ("inbox_page", "search") and not seen:
                action = "inbox_page"
            began, began_cpu = time.perf_counter(), time.thread_time()
            try:
                _act(store, action, rng, seen, me, actor, report)
            except StoreError as exc:
                report.errors.append(f"{action}: {exc}")
            except commands.CommandError:
                report.refused += 1
            else:
                report.timings.setdefault(action, []).append((time.perf_counter() - began) * 1000)
                report.cpu.setdefault(action, []).append((time.thread_time() - began_cpu) * 1000)
                report.actions += 1
            time.sleep(min(rng.expovariate(1 / think), 4 * think))
        time.sleep(2.5)  # let the last notifications arrive
    finally:
        stop.set()
        listener.join(timeout=2)
        store.close()
        report.process_cpu_s = time.process_time() - cpu_at_start
        queue.put(report)


def _warm_up(store: Store, me: int) -> None:
    """What a window does when it opens (not measured): its first page, a search, a
    conversation, so the measured actions are a working seat's, not a starting one's."""
    with store.session() as session:
        first = listing(session, InboxFilter(agent_id=me), PAGE_SIZE)
        listing(session, InboxFilter(search=SEARCHES[0]), PAGE_SIZE)
        if first.ids:
            conversation_detail(session, first.ids[0], translation_language="zh")


def _act(
    store: Store,
    action: str,
    rng: random.Random,
    seen: list[int],
    me: int,
    actor: str,
    report: SeatReport,
) -> None:
    if action in ("inbox_page", "search"):
        view = rng.choice((InboxView.ALL, InboxView.MINE, InboxView.UNASSIGNED))
        criteria = InboxFilter(view=view, agent_id=me)
        if action == "search":
            criteria = InboxFilter(search=rng.choice(SEARCHES))
        with store.session() as session:
            found = listing(session, criteria, PAGE_SIZE)
        if found.ids:
            seen[:] = found.ids[:PAGE_SIZE]
        return
    conversation_id = rng.choice(seen)
    if action == "conversation_open":
        with store.session() as session:
            commands.mark_read(session, conversation_id)
            conversation_detail(session, conversation_id, translation_language="zh")
        return
    if action == "reply":
        with store.session() as session:
            message_id = commands.send_reply(
                session, conversation_id, f"Bench reply {rng.randrange(10**9)}", agent_id=me
            )
        report.replies[message_id] = time.time()
        return
    if action == "assign":
        with store.session() as session:
            changed = commands.assign(session, [conversation_id], me, actor=actor)
        report.changes.extend((i, "assign", actor) for i in changed)
        return
    status = rng.choice((ConversationStatus.OPEN, ConversationStatus.PENDING))
    with store.session() as session:
        changed = commands.set_statuses(session, [conversation_id], status, actor=actor)
    report.changes.extend((i, "status", actor) for i in changed)


# -- the connector ---------------------------------------------------------------------------


def run_connector(url: str, seconds: float, queue: Any, start: Any) -> None:
    """Ingest CONNECTOR_PER_S new messages a second, one in REDELIVER_EVERY twice."""
    store = open_store(_seat_url(url, "bench-connector"))
    demo = iter_demo_messages()
    run = f"bench-{os.getpid()}-{time.time_ns()}"
    sent = 0
    start.wait(timeout=600)
    deadline = time.perf_counter() + seconds
    try:
        while time.perf_counter() < deadline:
            tick = time.perf_counter()
            batch: list[IncomingMessage] = []
            for item in islice(demo, CONNECTOR_PER_S):
                sent += 1
                fresh = _fresh(item, f"{run}-{sent}")
                batch.append(fresh)
                if sent % REDELIVER_EVERY == 0:
                    batch.append(fresh)
            ingest(store, batch, batch_size=len(batch))
            time.sleep(max(0.0, 1.0 - (time.perf_counter() - tick)))
    finally:
        store.close()
        queue.put(("connector", run, sent))


def _fresh(item: IncomingMessage, external_id: str) -> IncomingMessage:
    import dataclasses

    return dataclasses.replace(
        item, external_id=external_id, sent_at=utcnow() - timedelta(seconds=1)
    )


# -- measuring -------------------------------------------------------------------------------


def _sample_connections(url: str, stop: threading.Event, most: list[int]) -> None:
    store = open_store(_seat_url(url, "bench-sampler"))
    try:
        while not stop.wait(0.5):
            with store.session() as session:
                count = session.scalar(
                    text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
                )
            most[0] = max(most[0], int(count or 0) - 1)  # not the sampler itself
    finally:
        store.close()


def _machine_busy() -> tuple[int, int]:
    """The machine's busy and idle clock ticks so far (all processors; /proc/stat)."""
    with open("/proc/stat") as stat:
        fields = [int(value) for value in stat.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return sum(fields) - idle, idle


def p95(values: list[float]) -> float:
    if not values:
        return float("nan")
    if len(values) < 20:
        return max(values)
    return statistics.quantiles(values, n=20)[-1]


def check_lost(url: str, reports: list[SeatReport]) -> int:
    store = open_store(url)
    try:
        with store.session() as session:
            replies = [i for report in reports for i in report.replies]
            found: set[int] = set()
            for start in range(0, len(replies), 5000):
                chunk = replies[start : start + 5000]
                found.update(session.scalars(select(Message.id).where(Message.id.in_(chunk))))
            lost = len(replies) - len(found)
            for report in reports:
                for conversation_id, kind, actor in report.changes:
                    actions = ("assign",) if kind == "assign" else ("status", "set_status")
                    exists = session.scalar(
                        select(func.count())
                        .select_from(AuditEntry)
                        .where(
                            AuditEntry.entity == "conversation",
                            AuditEntry.entity_id == conversation_id,
                            AuditEntry.actor == actor,
                            AuditEntry.action.in_(actions) | AuditEntry.action.like("status%"),
                        )
                    )
                    lost += 0 if exists else 1
        return lost
    finally:
        store.close()


def count_duplicates(url: str, run: str) -> int:
    store = open_store(url)
    try:
        with store.session() as session:
            rows = session.execute(
                select(Message.external_id, func.count())
                .where(Message.external_id.like(f"{run}-%"))
                .group_by(Message.external_id)
                .having(func.count() > 1)
            ).all()
        return sum(count - 1 for _, count in rows)
    finally:
        store.close()


def notify_latencies(reports: list[SeatReport]) -> list[float]:
    """For each reply, how long until the next seat (another process) was told of it."""
    by_seat = {report.seat: report for report in reports}
    seats = sorted(by_seat)
    latencies = []
    for report in reports:
        observer = by_seat[seats[(seats.index(report.seat) + 1) % len(seats)]]
        if observer is report:
            continue
        for message_id, written in report.replies.items():
            told = observer.told.get(message_id)
            latencies.append(((told - written) * 1000) if told is not None else float("inf"))
    return latencies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", metavar="URL", help="team store (default: a throwaway server)")
    parser.add_argument("--seats", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--think", type=float, default=3.0, help="mean think time (s)")
    parser.add_argument(
        "--owner", action="store_true", help="every seat as the store's owner, not as a person"
    )
    args = parser.parse_args(argv)

    server: Any = None
    url = args.db
    if url is None:
        # Only while importing it: the seats start with this process's path, and there
        # tests/console (a namespace package) would stand in for the console.
        sys.path.append(str(ROOT / "tests"))
        try:
            import pg_server  # type: ignore[import-not-found]
        finally:
            sys.path.remove(str(ROOT / "tests"))

        server = pg_server.start(max_connections=args.seats * 2 + 40)
        server.sql('CREATE DATABASE "team_load"')
        url = server.url("team_load")
    try:
        build(url, args.messages)
        return _measure(url, args)
    finally:
        if server is not None:
            server.stop()


def _measure(url: str, args: argparse.Namespace) -> int:
    context = mp.get_context("spawn")
    queue = context.Queue()
    #: The seats and the connector start working together, once all are up (the parent
    #: too): fifty processes importing at once are not what the run measures.
    start = context.Barrier(args.seats + 2)
    seat_args = (args.seconds, args.think, queue, start)
    seats = prepare_seats(url, args.seats, as_owner=args.owner)
    processes = [
        context.Process(target=run_seat, args=(seat, who, *seat_args))
        for seat, who in enumerate(seats)
    ]
    processes.append(context.Process(target=run_connector, args=(url, args.seconds, queue, start)))
    most = [0]
    stop = threading.Event()
    sampler = threading.Thread(target=_sample_connections, args=(url, stop, most), daemon=True)
    sampler.start()
    for process in processes:
        process.start()
    while start.n_waiting < len(processes):  # a seat that fails to start fails the run
        if any(process.exitcode is not None for process in processes):
            start.abort()
            for process in processes:
                process.terminate()
            raise SystemExit("a seat or the connector did not start (its error is above)")
        time.sleep(0.2)
    start.wait(timeout=60)
    busy_before = _machine_busy()
    began = time.perf_counter()
    reports: list[SeatReport] = []
    run = ""
    for _ in processes:
        got = queue.get(timeout=args.seconds + 600)
        if isinstance(got, SeatReport):
            reports.append(got)
        else:
            run = got[1]
    for process in processes:
        process.join(timeout=30)
    elapsed = time.perf_counter() - began
    busy, idle = (
        after - before for after, before in zip(_machine_busy(), busy_before, strict=True)
    )
    seats_cpu = sum(report.process_cpu_s for report in reports)
    stop.set()
    sampler.join(timeout=2)

    def timings(name: str) -> list[float]:
        return [value for report in reports for value in report.timings.get(name, [])]

    figures: list[tuple[str, Callable[[], object]]] = [
        ("inbox_page_p95_ms", lambda: f"{p95(timings('inbox_page')):.1f}"),
        ("conversation_open_p95_ms", lambda: f"{p95(timings('conversation_open')):.1f}"),
        ("search_p95_ms", lambda: f"{p95(timings('search')):.1f}"),
        ("notify_p95_ms", lambda: f"{p95(notify_latencies(reports)):.1f}"),
        ("lost_writes", lambda: check_lost(url, reports)),
        ("duplicate_messages", lambda: count_duplicates(url, run)),
        ("server_connections", lambda: most[0]),
        ("actions_per_s", lambda: f"{sum(r.actions for r in reports) / elapsed:.1f}"),
        ("refused_writes", lambda: sum(r.refused for r in reports)),
        ("machine_busy_pct", lambda: f"{100 * busy / max(busy + idle, 1):.0f}"),
        (
            "seats_cpu_pct",  # of the whole machine: what the seats' Python side costs
            lambda: f"{100 * seats_cpu / elapsed / (os.cpu_count() or 1):.0f}",
        ),
    ]
    for name, figure in figures:
        print(f"{name}: {figure()}", flush=True)
    for name, _ in MIX:
        spent = [value for report in reports for value in report.cpu.get(name, [])]
        if spent:
            print(f"# {name}: seat CPU {statistics.fmean(spent):.1f} ms mean", file=sys.stderr)
    errors = [error for report in reports for error in report.errors]
    for error in errors[:5]:
        print(f"# seat error: {error}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
