"""The team's duties run once per team: whoever holds the duty lock does them (Qt-free).

The duties are the channel connectors and the outbox sender
(:class:`~console.channels.supervisor.ChannelSupervisor`) and the periodic
passes of :func:`periodic_passes` (routing every few seconds, retention once a
day). On a team store (PostgreSQL) they run only in the process that holds a
session-level advisory lock (:data:`DUTY_LOCK_KEY`) on a connection of its own:
``support-console worker`` (console/team/worker.py), or a seat's channel service
when no worker runs.

:class:`DutyHolder` is the thread that gets and keeps the lock:

* not holding: ``pg_try_advisory_lock`` every ``retry_seconds`` (1 s);
* holding: the duties run; every ``check_seconds`` (1 s) the lock's connection
  is asked whether it still holds the lock. A connection that fails (server
  restarted, network gone: libpq's keepalives and ``tcp_user_timeout`` notice a
  silent network within ~10 s) stops the duties at once, before the server lets
  go of the lock (its own keepalives, set longer on this session, take ~20 s);
* a holder that dies (kill -9) closes its socket: the server ends the session
  and releases the lock at once, and the next process takes it within
  ``retry_seconds``.

Handing over cannot double a send: the outbox marks an entry ``sending`` in a
committed, conditional update before it goes to the server, so a second sender
never takes it, and an entry left ``sending`` by a holder that died is turned
into "failed, may have been sent" for a person to check (console/channels/outbox.py).
A mailbox's messages commit with their cursor, batch by batch, so a holder that
dies mid-batch leaves both as they were.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from console.changes import Changes
from console.privacy.retention import run_daily_retention
from console.routing import route_pending
from console.store import Store
from console.store.row_scope import SEES_EVERY_ROW_SQL

log = logging.getLogger(__name__)

#: The advisory lock every process of one team store competes for ("CONSOLE" + 1).
DUTY_LOCK_KEY = 0x434F4E534F4C4501
#: Seconds between a non-holder's attempts to get the lock (the handover time after a kill).
RETRY_SECONDS = 1.0
#: Seconds between the holder's checks that it still holds the lock.
CHECK_SECONDS = 1.0
#: Seconds between routing passes.
ROUTING_SECONDS = 3.0
#: Seconds between retention passes: once a day (a pass also runs when a process takes
#: the duties over; a second run on one day erases nothing more).
RETENTION_SECONDS = 24 * 3600.0
#: Server-side keepalives of the lock's session: a holder whose network is gone
#: loses the lock after ~20 s (it stopped its duties ~10 s before, see the module text).
_SERVER_KEEPALIVES = (
    "SET tcp_keepalives_idle = 8",
    "SET tcp_keepalives_interval = 3",
    "SET tcp_keepalives_count = 3",
    "SET tcp_user_timeout = 20000",
)


@dataclass(frozen=True)
class PeriodicPass:
    """A duty that runs every ``seconds`` in a transaction of its own: ``work(session, now)``."""

    name: str
    seconds: float
    work: Callable[[Session, datetime], Changes]


@dataclass(frozen=True)
class StorePass:
    """A duty that runs every ``seconds`` with the store itself: ``work(store, now)`` makes
    its own transactions (retention commits its erasure, then purges the file's residue)."""

    name: str
    seconds: float
    work: Callable[[Store, datetime], Changes]


#: Either kind of periodic duty.
Duty = PeriodicPass | StorePass


def daily_retention(store: Store, now: datetime) -> Changes:
    """Retention for ``now``'s day (console/privacy/retention.py), as a duty."""
    result = run_daily_retention(store, now.date())
    if not result.conversations:
        return Changes()
    return Changes(
        conversations=frozenset(result.conversation_ids),
        customers=frozenset(result.customers_erased),
        listing=True,
        audit=True,
    )


def periodic_passes() -> list[Duty]:
    """The team's periodic duties. A new duty is one more line here."""
    return [
        PeriodicPass("routing", ROUTING_SECONDS, route_pending),
        StorePass("retention", RETENTION_SECONDS, daily_retention),
    ]


class PassRunner:
    """Runs periodic passes on a thread each (``duty:<name>``) until stopped."""

    def __init__(
        self,
        store: Store,
        passes: Sequence[Duty],
        on_changes: Callable[[Changes], None] | None = None,
    ) -> None:
        self._store = store
        self._passes = list(passes)
        self._on_changes = on_changes
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        #: How many rounds each pass has run (for tests and the worker's log).
        self.rounds: dict[str, int] = {p.name: 0 for p in self._passes}

    def start(self) -> None:
        self._stop = threading.Event()
        for duty in self._passes:
            thread = threading.Thread(
                target=self._run, args=(duty, self._stop), name=f"duty:{duty.name}", daemon=True
            )
            self._threads.append(thread)
            thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        self._threads = [t for t in self._threads if t.is_alive()]

    def _run(self, duty: Duty, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                changes = self._once(duty)
            except Exception as exc:  # the store is away, or a bug: say so, go on
                log.warning("duty %s failed: %s", duty.name, exc)
            else:
                self.rounds[duty.name] += 1
                if self._on_changes is not None and changes is not None and not changes.empty:
                    self._on_changes(changes)
            stop.wait(duty.seconds)

    def _once(self, duty: Duty) -> Changes:
        now = datetime.now(UTC)
        if isinstance(duty, StorePass):
            return duty.work(self._store, now)
        with self._store.session() as session:
            return duty.work(session, now)


class DutyLock:
    """The session-level advisory lock, on a connection of its own (never the pool's)."""

    def __init__(self, store: Store, key: int = DUTY_LOCK_KEY) -> None:
        self._store = store
        self._key = key
        self._connection: Any = None

    @property
    def held(self) -> bool:
        return self._connection is not None

    def try_acquire(self) -> bool:
        """Take the lock if no other session holds it; False if one does (or no server)."""
        if self._connection is not None:
            return True
        connection = _dedicated_connection(self._store)
        try:
            for statement in _SERVER_KEEPALIVES:
                connection.execute(statement)
            # The duties need every row: a seat whose person sees only their scope
            # (row-level security, console/team/scope.py) leaves them to others.
            sees = connection.execute(SEES_EVERY_ROW_SQL).fetchone()
            # Nor a masked person's seat: it reads masked addresses (console/team/masking_roles.py),
            # and delivery must reach the real ones.
            raw = connection.execute("SELECT current_schema() <> 'console_masked'").fetchone()
            if not sees or not sees[0] or not raw or not raw[0]:
                _close(connection)
                return False
            row = connection.execute("SELECT pg_try_advisory_lock(%s)", (self._key,)).fetchone()
        except Exception:
            _close(connection)
            raise
        if not row or not row[0]:
            _close(connection)
            return False
        self._connection = connection
        return True

    def still_held(self) -> bool:
        """Whether the lock's session is alive and holds the lock (False: it was lost)."""
        connection = self._connection
        if connection is None:
            return False
        try:
            row = connection.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                "AND pid = pg_backend_pid() AND classid = (%s::bigint >> 32)::oid "
                "AND objid = (%s::bigint & 4294967295)::oid AND objsubid = 1",
                (self._key, self._key),
            ).fetchone()
        except Exception as exc:
            log.warning("duty lock lost: %s", type(exc).__name__)
            self.release()
            return False
        if not row or not row[0]:
            self.release()
            return False
        return True

    def release(self) -> None:
        connection, self._connection = self._connection, None
        if connection is None:
            return
        with contextlib.suppress(Exception):
            connection.execute("SELECT pg_advisory_unlock(%s)", (self._key,))
        _close(connection)


class DutyHolder:
    """Gets the duty lock, runs the duties while it holds it, stops them when it is lost.

    ``start_duties`` and ``stop_duties`` are called on the holder's thread
    (``duty:lock``); ``on_state(True/False)`` too, after each change.
    """

    def __init__(
        self,
        store: Store,
        start_duties: Callable[[], None],
        stop_duties: Callable[[], None],
        *,
        retry_seconds: float = RETRY_SECONDS,
        check_seconds: float = CHECK_SECONDS,
        on_state: Callable[[bool], None] | None = None,
    ) -> None:
        self._lock = DutyLock(store)
        self._start_duties = start_duties
        self._stop_duties = stop_duties
        self._retry = retry_seconds
        self._check = check_seconds
        self._on_state = on_state
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._holding = False

    @property
    def holding(self) -> bool:
        """Whether this process does the duties now."""
        return self._holding

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(self._stop,), name="duty:lock", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 15.0) -> bool:
        """Stop the duties (if held) and release the lock; whether the thread ended."""
        thread = self._thread
        if thread is None:
            return True
        self._stop.set()
        thread.join(timeout)
        self._thread = None
        return not thread.is_alive()

    def _run(self, stop: threading.Event) -> None:
        try:
            while not stop.is_set():
                try:
                    acquired = self._lock.try_acquire()
                except Exception as exc:  # no server now: try again
                    log.info("duty lock not reachable: %s", type(exc).__name__)
                    acquired = False
                if not acquired:
                    stop.wait(self._retry)
                    continue
                self._set_holding(True)
                try:
                    self._start_duties()
                    while not stop.wait(self._check):
                        if not self._lock.still_held():
                            break
                finally:
                    self._stop_duties()
                    self._lock.release()
                    self._set_holding(False)
        finally:
            self._lock.release()

    def _set_holding(self, holding: bool) -> None:
        self._holding = holding
        if self._on_state is not None:
            try:
                self._on_state(holding)
            except Exception:  # a listener's bug must not take the duties down
                log.exception("duty state listener failed")


def _dedicated_connection(store: Store) -> Any:
    """A DBAPI connection made like the store's own (same URL, options, events), in
    autocommit and detached from the pool: it lives as long as its holder wants."""
    proxied = store.engine.raw_connection()
    proxied.detach()
    connection = proxied.dbapi_connection
    assert connection is not None
    connection.autocommit = True
    return connection


def _close(connection: Any) -> None:
    with contextlib.suppress(Exception):
        connection.close()
