"""LISTEN/NOTIFY on a real PostgreSQL: what one seat writes reaches another within 2 s."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable

from factories import MessageFactory
from sqlalchemy import select, text

from console.changes import Changes
from console.inbox.commands import assign, mark_read, send_reply
from console.inbox.ingest import ingest
from console.store import Store
from console.store.live_updates import PAYLOAD_LIMIT
from console.store.models import Agent, Conversation
from console.team.listener import EVERYTHING, ChangeListener, changes_from


class Heard:
    def __init__(self) -> None:
        self.changes: list[tuple[float, Changes, bool]] = []
        self.connection: list[bool] = []
        self.lock = threading.Lock()

    def __call__(self, changes: Changes, everything: bool) -> None:
        with self.lock:
            self.changes.append((time.monotonic(), changes, everything))

    def wait_for(self, found: Callable[[Changes], bool], timeout: float = 2.0) -> float:
        """Seconds until a change matching ``found`` arrived (fails after ``timeout``)."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            with self.lock:
                for at, changes, _everything in self.changes:
                    if found(changes):
                        return at - started
            time.sleep(0.01)
        raise AssertionError(f"nothing matching within {timeout} s: {self.changes}")


def _listening(store: Store, heard: Heard) -> ChangeListener:
    listener = ChangeListener(store, heard, on_connection=heard.connection.append)
    listener.start()
    deadline = time.monotonic() + 10
    while not listener.connected:
        assert time.monotonic() < deadline, "the listener did not connect"
        time.sleep(0.02)
    return listener


def test_a_reply_and_an_assignment_reach_the_other_seat_within_2_s_not_the_writer(
    open_seat: Callable[[str], Store], message: MessageFactory
) -> None:
    seat_a, seat_b = open_seat("seat-a"), open_seat("seat-b")
    ingest(seat_a, [message("Wo ist meine Bestellung?", country="DE")])
    with seat_a.session() as session:
        conversation_id = session.scalars(select(Conversation.id)).one()
        session.add(Agent(name="Wang Fang", languages=["de", "zh"]))
    with seat_a.session() as session:
        agent_id = session.scalars(select(Agent.id).where(Agent.name == "Wang Fang")).one()
    heard_a, heard_b = Heard(), Heard()
    listener_a, listener_b = _listening(seat_a, heard_a), _listening(seat_b, heard_b)
    try:
        assert listener_b.seat == "seat-b"
        with seat_a.session() as session:
            reply_id = send_reply(session, conversation_id, "Ist unterwegs.", agent_id=agent_id)
        latency = heard_b.wait_for(lambda c: reply_id in c.messages)
        (_at, reply, _all) = next(h for h in heard_b.changes if reply_id in h[1].messages)
        assert reply.origin == "seat-a"
        assert conversation_id in reply.conversations
        with seat_a.session() as session:
            assign(session, [conversation_id], agent_id, actor="agent:test")
        heard_b.wait_for(lambda c: c.listing and conversation_id in c.conversations)
        # The reply the other way: seat B writes, seat A hears it.
        with seat_b.session() as session:
            other = send_reply(session, conversation_id, "Morgen da.", agent_id=agent_id)
        heard_a.wait_for(lambda c: other in c.messages and c.origin == "seat-b")
        print(f"notify latency: {latency * 1000:.0f} ms")
        assert latency < 2.0
        # Neither hears its own writes.
        assert all(h[1].origin != "seat-b" for h in heard_b.changes)
        assert all(h[1].origin != "seat-a" for h in heard_a.changes)
    finally:
        listener_a.stop()
        listener_b.stop()


def test_an_import_of_1000_messages_is_a_few_small_notifications(
    open_seat: Callable[[str], Store], message: MessageFactory
) -> None:
    seat_a, seat_b = open_seat("importer"), open_seat("watcher")
    payloads: list[str] = []
    connection = seat_b.engine.raw_connection()
    try:
        raw = connection.dbapi_connection
        assert raw is not None
        raw.commit()
        raw.autocommit = True
        raw.execute("LISTEN console_changes")
        messages = [
            message(f"refund {i}", address=f"c{i % 400}@example.com", name=f"C {i % 400}")
            for i in range(1000)
        ]
        ingest(seat_a, messages)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            got = [n.payload for n in raw.notifies(timeout=0.5)]
            payloads.extend(got)
            if not got and payloads:
                break
    finally:
        connection.close()
    decoded = [json.loads(p) for p in payloads]
    tables = {d["t"] for d in decoded}
    assert {"messages", "conversations", "customers"} <= tables
    assert max(len(p.encode()) for p in payloads) < PAYLOAD_LIMIT
    inserted = sum(d["n"] for d in decoded if d["t"] == "messages" and d["op"] == "I")
    assert inserted == 1000
    # Fewer notifications than rows, and as Changes one per seat, naming its rows broadly.
    print(f"notifications for 1000 imported messages: {len(payloads)}")
    assert len([d for d in decoded if d["t"] == "messages"]) < 100
    by_seat, broad = changes_from(decoded)
    assert set(by_seat) == {"importer"}
    assert by_seat["importer"].listing and broad


def test_a_conversation_read_at_one_seat_refreshes_its_row_elsewhere_not_the_lists(
    open_seat: Callable[[str], Store], message: MessageFactory
) -> None:
    # Fifty seats open conversations all day: each open marks one read, and no other
    # seat should fetch its whole inbox list again for that, only the row.
    seat_a, seat_b = open_seat("reader-seat"), open_seat("other-seat")
    ingest(seat_a, [message("Où est ma commande ?", country="FR")])
    with seat_a.session() as session:
        conversation_id = session.scalars(select(Conversation.id)).one()
        session.add(Agent(name="Liu Yang", languages=["fr"]))
    with seat_a.session() as session:
        agent_id = session.scalars(select(Agent.id).where(Agent.name == "Liu Yang")).one()
    heard = Heard()
    listener = _listening(seat_b, heard)
    try:
        with seat_a.session() as session:
            assert mark_read(session, conversation_id)
        heard.wait_for(lambda c: conversation_id in c.conversations)
        assert not any(changes.listing for _at, changes, _all in heard.changes)
        with seat_a.session() as session:
            assign(session, [conversation_id], agent_id, actor="agent:test")
        heard.wait_for(lambda c: c.listing and conversation_id in c.conversations)
    finally:
        listener.stop()


def test_after_the_connection_is_cut_it_listens_again_and_asks_for_everything(
    open_seat: Callable[[str], Store], message: MessageFactory
) -> None:
    seat_a, seat_b = open_seat("writer"), open_seat("reader")
    heard = Heard()
    listener = _listening(seat_b, heard)
    try:
        with seat_a.session() as session:  # the server ends the listener's session
            session.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE application_name = 'reader' AND query LIKE 'LISTEN%'"
                )
            )
        heard.wait_for(lambda c: c == EVERYTHING, timeout=10)
        assert heard.connection[:3] == [True, False, True]
        ingest(seat_a, [message("still there?")])
        heard.wait_for(lambda c: bool(c.messages) and c.origin == "writer")
    finally:
        listener.stop()
