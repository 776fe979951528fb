"""``support-console worker --db URL``: the team's duties, headless, once per team.

Runs the channel connectors and the outbox sender (the same
:class:`~console.channels.supervisor.ChannelSupervisor` a seat runs) and the
periodic passes (routing) while it holds the duty lock
(console/team/duties.py); while another process holds it, it waits and takes
over within a second or two of that process going away. It listens to the
other seats' changes so a reply queued at a seat is sent at once, not at the
next round. SIGTERM and SIGINT stop it cleanly: the duties end, the lock is
released, and the next process takes over at once.

It prints one line per change of state (``worker: …``) on standard error.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from datetime import UTC, datetime
from types import FrameType
from typing import Any

from console.changes import Changes
from console.channels.supervisor import ChannelStatus, ChannelSupervisor, Run
from console.store import Store, StoreError, open_store
from console.team.duties import DutyHolder, PassRunner, periodic_passes
from console.team.listener import ChangeListener

EXIT_BAD_INPUT = 1
EXIT_STORE_ERROR = 2
#: Seconds between the outbox's own rounds (a queued reply wakes it at once).
WORKER_OUTBOX_SECONDS = 10.0


def add_worker_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "worker",
        help="run the team's channels, outbox and routing (once per team)",
        description="Run the channel connectors, the outbox sender and routing for the team "
        "store at --db, headless. Only one process of a team does them at a time (the one "
        "holding the team's duty lock); the others wait and take over when it stops.",
    )
    parser.add_argument("--db", dest="command_db", metavar="URL", required=True)
    return parser


def _say(text: str) -> None:
    print(f"worker: {text}", file=sys.stderr, flush=True)


class _Events:
    """The supervisor's reports, as lines on standard error."""

    def __init__(self) -> None:
        self._last: dict[str, str] = {}

    def status(self, run: Run, status: ChannelStatus, error: BaseException | None) -> None:
        line = f"{status.name} ({status.kind}) {status.state}"
        reason = status.reason or (str(error) if error is not None else "")
        if reason:
            line += f": {reason}"
        if self._last.get(status.name) != line:
            self._last[status.name] = line
            _say(line)

    def configured(self, run: Run, names: set[str]) -> None:
        _say(f"channels: {', '.join(sorted(names)) or 'none configured'}")

    def inbox_changed(self) -> None:
        pass  # the other seats hear of it through the store's notifications

    def outbox_changed(self) -> None:
        pass


class Worker:
    """The duties of one team store, run while holding its duty lock."""

    def __init__(
        self,
        store: Store,
        *,
        outbox_interval: float = WORKER_OUTBOX_SECONDS,
        retry_seconds: float = 1.0,
    ) -> None:
        self.store = store
        self.supervisor = ChannelSupervisor(store, _Events(), outbox_interval=outbox_interval)
        self.passes = PassRunner(store, periodic_passes())
        self.holder = DutyHolder(
            store,
            self._start_duties,
            self._stop_duties,
            retry_seconds=retry_seconds,
            on_state=self._state,
        )
        self.listener = ChangeListener(store, self._heard, on_connection=self._connection)

    def start(self) -> None:
        _say("waiting for the team's duties")
        self.listener.start()
        self.holder.start()

    def stop(self) -> None:
        self.holder.stop()
        self.listener.stop()

    def _start_duties(self) -> None:
        self.supervisor.start()
        self.passes.start()

    def _stop_duties(self) -> None:
        self.passes.stop()
        self.supervisor.stop()

    def _state(self, holding: bool) -> None:
        when = datetime.now(UTC).isoformat(timespec="milliseconds")
        if holding:
            _say(f"holding the team's duties ({when})")
        else:
            _say(f"released the team's duties ({when})")

    def _heard(self, changes: Changes, _everything: bool) -> None:
        if changes.outbox and self.holder.holding:
            self.supervisor.reply_queued()  # a seat queued or retried a reply: send now

    def _connection(self, connected: bool) -> None:
        _say("connected to the team store" if connected else "team store unreachable; retrying")


def run_worker(args: argparse.Namespace) -> int:
    url: str = args.command_db
    try:
        store = open_store(url)
    except StoreError as exc:
        print(f"support-console: {exc}", file=sys.stderr)
        return EXIT_STORE_ERROR
    try:
        if store.is_sqlite:
            print(
                "support-console: the worker serves a team store on PostgreSQL; a single-seat "
                "store's window does these duties itself.",
                file=sys.stderr,
            )
            return EXIT_BAD_INPUT
        stopping = threading.Event()

        def stop(_signum: int, _frame: FrameType | None) -> None:
            stopping.set()

        previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        worker = Worker(store)
        worker.start()
        try:
            while not stopping.wait(0.5):
                pass
        finally:
            _say("stopping")
            worker.stop()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            _say("stopped")
        return 0
    finally:
        store.close()
