"""Hears what other seats change, through PostgreSQL LISTEN/NOTIFY (Qt-free).

:class:`ChangeListener` keeps a connection of its own (made like the store's, so
it carries the seat's ``application_name``), LISTENs on
:data:`~console.store.live_updates.NOTIFY_CHANNEL`, and turns the triggers'
notifications (console/store/live_updates.py) into
:class:`~console.changes.Changes` whose ``origin`` is the seat that wrote them.
The seat's own notifications are skipped: its writes are on its change bus
already. A burst (one commit's statements, an import's batches) arrives together
and is handed over as one ``Changes`` per writing seat.

When the connection is lost (server restarted, network gone) it says so
(``on_connection(False)``), tries again with a growing pause (0.5 s up to 5 s),
LISTENs again, says so (``on_connection(True)``) and, since notifications were
missed meanwhile, hands over :data:`EVERYTHING` once: every view reads again.

Callbacks run on the listener's thread (``team:listener``); a window relays them
to its UI thread (console/ui/lanes/live_updates.py).
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from console.changes import Changes
from console.store import Store
from console.store.live_updates import NOTIFY_CHANNEL

log = logging.getLogger(__name__)

#: The origin of :data:`EVERYTHING` (no one seat: the team store itself).
TEAM_STORE = "team store"
#: Read everything again (after a reconnect, when notifications were missed).
EVERYTHING = Changes(
    listing=True,
    rules=True,
    outbox=True,
    coverage=True,
    quarantine=True,
    reply_library=True,
    quality=True,
    people=True,
    routing=True,
    audit=True,
    origin=TEAM_STORE,
)

#: Tables whose notified keys are ids of a Changes field.
_IDS_FIELD = {"conversations": "conversations", "messages": "messages", "customers": "customers"}
#: The flags a table's notification sets. A table added by a later migration is one line here.
TABLE_FLAGS: dict[str, tuple[str, ...]] = {
    "agents": ("people",),
    "markets": ("coverage",),
    "policy_versions": ("rules",),
    "policy_settings": ("rules",),
    "policy_tasks": ("rules",),
    "agent_shifts": ("coverage",),
    "shift_exceptions": ("coverage",),
    "market_support_hours": ("coverage",),
    "market_assignments": ("coverage",),
    "customer_zone_corrections": ("coverage",),
    "peak_events": ("coverage",),
    "scheduled_sends": ("outbox",),
    "quality_reviews": ("quality",),
    "quality_assignments": ("quality",),
    "quality_rubric_versions": ("quality",),
    "quality_sampling": ("quality",),
    "channel_outbox": ("outbox",),
    "quarantine": ("quarantine",),
    "reply_entries": ("reply_library",),
    "reply_variants": ("reply_library",),
    # team mode's own tables (migrations 0016, 0017, 0019)
    "routing_rules": ("routing",),
    "routing_queues": ("routing",),
    "agent_capacities": ("routing",),
    "vip_customers": ("routing",),
    "conversation_routing": ("routing",),
}
#: Tables whose conversations go to another field than ``conversations``.
#: A draft saved at another seat says who is writing there (presence), it changes no thread.
_CONVERSATIONS_FIELD = {"conversation_presence": "presence", "drafts": "presence"}
_ID_FIELDS = ("conversations", "messages", "customers", "presence")


def _lists_again(table: str, payload: dict[str, Any]) -> bool:
    """Whether a notification means inbox lists may differ: a new message (the list's order),
    a conversation added or removed, or a change of what filters read (``l``)."""
    if table == "messages":
        return payload.get("op") in ("I", "D")
    if table == "conversations":
        return bool(payload.get("l", True))
    return False


def changes_from(payloads: Iterable[dict[str, Any]]) -> tuple[dict[str, Changes], bool]:
    """One :class:`Changes` per writing seat for these notifications, and whether some
    named too many conversations to list (a view then reads what it shows again)."""
    sets: dict[str, dict[str, set[int]]] = {}
    flags: dict[str, set[str]] = {}
    broad = False
    for payload in payloads:
        table = str(payload.get("t", ""))
        seat = str(payload.get("s", "")) or TEAM_STORE
        ids_of = sets.setdefault(seat, {name: set() for name in _ID_FIELDS})
        flagged = flags.setdefault(seat, set())
        flagged.update(TABLE_FLAGS.get(table, ()))
        if _lists_again(table, payload):
            flagged.add("listing")
        id_field = _IDS_FIELD.get(table)
        if id_field is not None:
            keys = payload.get("ids")
            if keys is None:
                broad = True
                flagged.add("listing")
            else:
                ids_of[id_field].update(int(k) for k in keys if isinstance(k, int))
        if "c" in payload:
            conversations = payload["c"]
            target = _CONVERSATIONS_FIELD.get(table, "conversations")
            if conversations is None:
                broad = True
                flagged.add("listing")
            else:
                ids_of[target].update(int(c) for c in conversations if isinstance(c, int))
    result: dict[str, Changes] = {}
    for seat, ids_of in sets.items():
        values: dict[str, Any] = {name: frozenset(ids) for name, ids in ids_of.items()}
        values.update({name: True for name in flags.get(seat, ())})
        changes = Changes(**values, origin=seat)
        if not changes.empty:
            result[seat] = changes
    return result, broad


class ChangeListener:
    """LISTENs on a connection of its own; see the module text.

    ``on_changes(changes, everything)``: what another seat changed (``everything``:
    read all you show again, e.g. a notification too large to name its rows, or
    after a reconnect). ``on_connection(connected)``: the connection was lost or is
    back (only changes are reported; the first connection counts as a change).
    """

    def __init__(
        self,
        store: Store,
        on_changes: Callable[[Changes, bool], None],
        *,
        on_connection: Callable[[bool], None] | None = None,
        gather_seconds: float = 0.05,
        retry_seconds: tuple[float, float] = (0.5, 5.0),
        ping_seconds: float = 5.0,
        include_own: bool = False,
    ) -> None:
        self._store = store
        self._on_changes = on_changes
        self._on_connection = on_connection
        self._gather = gather_seconds
        self._retry_first, self._retry_max = retry_seconds
        self._ping = ping_seconds
        self._include_own = include_own
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._connection: Any = None
        self._connected: bool | None = None
        #: This seat's name (its connections' ``application_name``), once connected.
        self.seat: str | None = None
        #: Notifications read, and how many were another seat's (for tests and benchmarks).
        self.received = 0
        self.delivered = 0

    @property
    def connected(self) -> bool:
        return bool(self._connected)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(self._stop,), name="team:listener", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> bool:
        thread = self._thread
        if thread is None:
            return True
        self._stop.set()
        thread.join(timeout)
        self._thread = None
        return not thread.is_alive()

    # -- the thread ---------------------------------------------------------------------------

    def _run(self, stop: threading.Event) -> None:
        pause = self._retry_first
        ever_connected = False
        while not stop.is_set():
            try:
                connection = self._connect()
            except Exception as exc:
                log.info("listener cannot connect: %s", type(exc).__name__)
                self._set_connected(False)
                stop.wait(pause)
                pause = min(pause * 2, self._retry_max)
                continue
            pause = self._retry_first
            self._set_connected(True)
            if ever_connected:  # notifications were missed while away
                self._deliver(EVERYTHING, True)
            ever_connected = True
            try:
                self._listen(connection, stop)
            except Exception as exc:
                log.info("listener connection lost: %s", type(exc).__name__)
                if not stop.is_set():
                    self._set_connected(False)
            finally:
                with contextlib.suppress(Exception):
                    connection.close()

    def _connect(self) -> Any:
        proxied = self._store.engine.raw_connection()
        proxied.detach()
        connection: Any = proxied.dbapi_connection
        try:
            connection.autocommit = True
            row = connection.execute("SELECT current_setting('application_name')").fetchone()
            self.seat = str(row[0]) if row else ""
            connection.execute(f"LISTEN {NOTIFY_CHANNEL}")
        except Exception:
            with contextlib.suppress(Exception):
                connection.close()
            raise
        return connection

    def _listen(self, connection: Any, stop: threading.Event) -> None:
        quiet_since = time.monotonic()
        while not stop.is_set():
            first = list(connection.notifies(timeout=0.5, stop_after=1))
            if not first:
                if time.monotonic() - quiet_since > self._ping:
                    connection.execute("SELECT 1")  # notices a dead server or network
                    quiet_since = time.monotonic()
                continue
            burst = first + list(connection.notifies(timeout=self._gather))
            quiet_since = time.monotonic()
            self._handle(burst)

    def _handle(self, notifies: list[Any]) -> None:
        payloads: list[dict[str, Any]] = []
        for notify in notifies:
            self.received += 1
            try:
                payload = json.loads(notify.payload)
            except ValueError:
                continue
            if not isinstance(payload, dict):
                continue
            if not self._include_own and payload.get("s") == self.seat:
                continue
            payloads.append(payload)
        if not payloads:
            return
        by_seat, broad = changes_from(payloads)
        for changes in by_seat.values():
            self.delivered += 1
            self._deliver(changes, broad)

    def _deliver(self, changes: Changes, everything: bool) -> None:
        try:
            self._on_changes(changes, everything)
        except Exception:
            log.exception("change listener callback failed")

    def _set_connected(self, connected: bool) -> None:
        if self._connected == connected:
            return
        self._connected = connected
        if self._on_connection is not None:
            try:
                self._on_connection(connected)
            except Exception:
                log.exception("connection listener failed")
