"""The team's duties once per team: ``support-console worker`` and seats, on a real PostgreSQL.

The worker runs as a process of its own; the seat is the window's channel service
in this process. Killing the holder (kill -9) hands the duties over within seconds;
a holder killed while sending (a real aiosmtpd server) loses and doubles nothing.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope, Session
from factories import MessageFactory
from pytestqt.qtbot import QtBot
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "channels"))
from mailservers import free_port

from console.channels.admin import save_channel_config
from console.channels.outbox import INTERRUPTED, outbox_items
from console.inbox.commands import send_reply
from console.inbox.ingest import ingest
from console.inbox.outgoing import enqueue_reply
from console.store import Store
from console.store.models import Conversation
from console.ui.channels.channel_service import ChannelService
from console.ui.lanes.change_bus import ChangeBus

ROOT = Path(__file__).resolve().parents[3]


class Worker:
    """``support-console worker --db URL`` as a process; its lines collected as they come."""

    def __init__(self, url: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "console", "worker", "--db", url],
            cwd=ROOT,
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, part: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while not any(part in line for line in self.lines):
            if self.process.poll() is not None and not self._reader.is_alive():
                raise AssertionError(f"worker ended: {self.lines}")
            assert time.monotonic() < deadline, f"no {part!r} in {self.lines}"
            time.sleep(0.05)

    def kill(self) -> None:
        self.process.kill()  # SIGKILL: no clean-up of any kind
        self.process.wait(10)

    def end(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(10)


@pytest.fixture
def start_worker(team_url: str) -> Iterator[Callable[[], Worker]]:
    started: list[Worker] = []

    def start() -> Worker:
        worker = Worker(team_url)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.end()


def _seat(store: Store, qtbot: QtBot) -> ChannelService:
    service = ChannelService(store, changes=ChangeBus(), outbox_interval=30.0)
    return service


def test_a_seat_waits_while_the_worker_holds_the_duties_and_takes_over_when_it_is_killed(
    open_seat: Callable[[str], Store], start_worker: Callable[[], Worker], qtbot: QtBot
) -> None:
    worker = start_worker()
    worker.wait_for("holding the team's duties")
    seat = _seat(open_seat("seat-a"), qtbot)
    try:
        seat.start()
        assert seat.running
        # The seat tries every second; for three seconds the worker keeps the lock.
        qtbot.wait(3000)
        assert not seat.holds_duties
        with qtbot.waitSignal(seat.duties_changed, timeout=10_000) as taken:
            killed_at = time.monotonic()
            worker.kill()
        handover = time.monotonic() - killed_at
        assert taken.args == [True]
        qtbot.waitUntil(lambda: seat.holds_duties, timeout=5000)
        print(f"handover after kill -9: {handover:.2f} s")
        assert handover < 5.0
    finally:
        assert seat.stop()
    assert not seat.holds_duties


def test_the_worker_stops_cleanly_on_sigterm_and_the_next_takes_over_at_once(
    start_worker: Callable[[], Worker],
) -> None:
    first = start_worker()
    first.wait_for("holding the team's duties")
    second = start_worker()
    second.wait_for("waiting for the team's duties")
    time.sleep(2)
    assert not any("holding" in line for line in second.lines)
    first.process.send_signal(signal.SIGTERM)
    assert first.process.wait(20) == 0
    first.wait_for("worker: stopped")
    second.wait_for("holding the team's duties", timeout=10)
    second.process.send_signal(signal.SIGINT)
    assert second.process.wait(20) == 0


def test_the_worker_refuses_a_single_seat_store(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "console", "worker", "--db", f"sqlite:///{tmp_path / 's.db'}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "team store on PostgreSQL" in result.stderr
    assert "Traceback" not in result.stderr


class SlowOnThird:
    """An SMTP server that takes its time over the third message (the holder dies meanwhile)."""

    def __init__(self) -> None:
        self.received: list[str] = []  # Message-IDs, in order, every delivery counted
        self.third_started = threading.Event()

    async def handle_DATA(self, server: object, session: Session, envelope: Envelope) -> str:
        parsed = message_from_bytes(envelope.original_content or b"", policy=policy.default)
        body = parsed.get_body()
        content = body.get_content() if body is not None else ""
        if "reply 3" in content:
            self.third_started.set()
            await asyncio.sleep(3)
        self.received.append(str(parsed["Message-ID"]))
        return "250 Message accepted"


def test_a_worker_killed_while_sending_loses_nothing_and_doubles_nothing(
    open_seat: Callable[[str], Store],
    start_worker: Callable[[], Worker],
    qtbot: QtBot,
    message: MessageFactory,
) -> None:
    store = open_seat("seat-a")
    handler, port = SlowOnThird(), free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        ingest(store, [message("Where is my parcel?", external_id="<q@customer>")])
        with store.session() as session:
            save_channel_config(
                session,
                name="Shop mail",
                kind="smtp",
                settings={
                    "host": "127.0.0.1",
                    "port": port,
                    "from_address": "support@shop.example",
                    "security": "none",
                    "timeout": 10,
                },
                actor="test",
            )
            conversation_id = session.scalars(select(Conversation.id)).one()
            for number in range(1, 7):
                reply = send_reply(session, conversation_id, f"reply {number}", agent_id=None)
                enqueue_reply(session, reply, domain="shop.example")
        worker = start_worker()
        assert handler.third_started.wait(30), worker.lines
        worker.kill()  # mid-send: the server has the third message, the store says "sending"
        seat = _seat(store, qtbot)
        try:
            seat.start()
            qtbot.waitUntil(lambda: seat.holds_duties, timeout=10_000)

            def settled() -> bool:
                with store.session() as session:
                    states = [item.state for item in outbox_items(session)]
                return "pending" not in states and "sending" not in states

            qtbot.waitUntil(settled, timeout=20_000)
        finally:
            seat.stop()
        qtbot.wait(3500)  # the slow third delivery completes on the server's side
    finally:
        controller.stop()
    with store.session() as session:
        items = outbox_items(session)
    states = {item.subject + str(item.id): item.state for item in items}
    assert len(items) == 6
    sent = [item for item in items if item.state == "sent"]
    failed = [item for item in items if item.state == "failed"]
    # The one being sent when the worker died: kept, said "may have been sent", not resent.
    assert len(failed) == 1 and failed[0].last_error == INTERRUPTED, states
    assert len(sent) == 5
    # Every message reached the server at most once; none but the interrupted one is missing.
    assert len(handler.received) == len(set(handler.received))
    assert len(handler.received) >= 5


def test_a_reply_queued_at_a_seat_leaves_through_the_worker_at_once(
    open_seat: Callable[[str], Store],
    start_worker: Callable[[], Worker],
    message: MessageFactory,
) -> None:
    store = open_seat("seat-a")
    handler, port = SlowOnThird(), free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        ingest(store, [message("Where is my parcel?")])
        with store.session() as session:
            save_channel_config(
                session,
                name="Shop mail",
                kind="smtp",
                settings={
                    "host": "127.0.0.1",
                    "port": port,
                    "from_address": "support@shop.example",
                    "security": "none",
                },
                actor="test",
            )
            conversation_id = session.scalars(select(Conversation.id)).one()
        worker = start_worker()
        worker.wait_for("Shop mail (smtp) online")  # its first round is over
        with store.session() as session:
            reply = send_reply(session, conversation_id, "On its way.", agent_id=None)
            enqueue_reply(session, reply, domain="shop.example")
        queued_at = time.monotonic()
        while not handler.received:
            # The worker's own rounds are 10 s apart: only the seat's notification is this fast.
            assert time.monotonic() - queued_at < 5.0, worker.lines
            time.sleep(0.05)
        print(f"queued at a seat, sent by the worker after {time.monotonic() - queued_at:.2f} s")
    finally:
        controller.stop()
