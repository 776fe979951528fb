"""Other seats' changes on the window's change bus; the team store's connection in the status bar.

On a team store (PostgreSQL), :class:`LiveUpdates` runs a
:class:`~console.team.listener.ChangeListener` (Qt-free, its own connection and
thread) and relays what it hears to the UI thread, where it goes on the
executor's change bus like the window's own writes (with the other seat's name
as ``origin``): the inbox fetches just those rows again, the open conversation
reloads if it is among them. What arrives within :data:`GATHER_MS` goes on the
bus as one change. Nothing polls tables.

When the connection is lost, :attr:`indicator` (a label for the status bar)
says the team store cannot be reached and that the window keeps trying; store
work that fails meanwhile says so in the status bar, not in a dialog. When the
store is back, the label goes, the status bar says so, and every view reads
what it shows once (notifications were missed meanwhile). On a single-seat
store (SQLite) nothing runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from console.changes import Changes
from console.team.listener import ChangeListener
from console.ui.common.palette import set_role
from console.ui.lanes.result_relay import ResultRelay
from console.ui.lanes.store_executor import StoreExecutor

#: How long the "connected again" message stays in the status bar.
RECONNECTED_MESSAGE_MS = 6000
#: Other seats' changes heard within this time go on the bus together (at 20 messages a
#: second the inbox reads its rows at most 4 times a second, not 20).
GATHER_MS = 250
#: The origin of changes gathered from several seats.
SEVERAL_SEATS = "several seats"


class LiveUpdates(QObject):
    """Owned by the window: ``start()`` once it shows, ``stop()`` when it closes."""

    #: The team store's connection was lost (False) or is back (True), on the UI thread.
    connection_changed = Signal(bool)
    #: A line for the status bar (translated), e.g. "Connected to the team store again."
    message = Signal(str, int)

    def __init__(
        self,
        executor: StoreExecutor,
        open_conversation: Callable[[], int | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._executor = executor
        self._open_conversation = open_conversation
        self._relay = ResultRelay(self)
        self._connected: bool | None = None
        self._gathered: Changes | None = None
        self._gather = QTimer(self)
        self._gather.setSingleShot(True)
        self._gather.setInterval(GATHER_MS)
        self._gather.timeout.connect(self._flush)
        self.indicator = QLabel()
        self.indicator.setObjectName("teamConnectionLabel")
        set_role(self.indicator, "warning")
        self.indicator.hide()
        self.listener: ChangeListener | None = None
        if not executor.store.is_sqlite:
            self.listener = ChangeListener(
                executor.store, self._heard, on_connection=self._connection
            )

    @property
    def active(self) -> bool:
        """Whether this window hears other seats (a team store)."""
        return self.listener is not None

    @property
    def connected(self) -> bool:
        return bool(self._connected)

    def start(self) -> None:
        if self.listener is not None:
            self._executor.unreachable_in_status_bar = True
            self.listener.start()

    def stop(self) -> None:
        if self.listener is not None:
            self.listener.stop()
        self._gather.stop()
        self._gathered = None

    def ui_language_changed(self) -> None:
        self._show()

    # -- from the listener's thread -----------------------------------------------------------

    def _heard(self, changes: Changes, everything: bool) -> None:
        self._relay.post(self, self._publish, (changes, everything))

    def _connection(self, connected: bool) -> None:
        self._relay.post(self, self._connection_changed, connected)

    # -- on the UI thread ------------------------------------------------------------------

    def _publish(self, heard: tuple[Changes, bool]) -> None:
        changes, everything = heard
        if everything:
            opened = self._open_conversation()
            if opened is not None:
                changes = replace(changes, conversations=changes.conversations | {opened})
        gathered = self._gathered
        if gathered is None:
            self._gathered = changes
            self._gather.start()  # not restarted by later ones: the wait stays bounded
        else:
            origin = gathered.origin if gathered.origin == changes.origin else SEVERAL_SEATS
            self._gathered = replace(gathered | changes, origin=origin)

    def _flush(self) -> None:
        changes, self._gathered = self._gathered, None
        if changes is not None:
            self._executor.changes.publish(changes)

    def _connection_changed(self, connected: bool) -> None:
        was = self._connected
        self._connected = connected
        self._show()
        self.connection_changed.emit(connected)
        if connected and was is False:
            self.message.emit(
                self.tr("Connected to the team database again; everything shown is up to date."),
                RECONNECTED_MESSAGE_MS,
            )

    def _show(self) -> None:
        lost = self._connected is False
        self.indicator.setText(
            self.tr("The team database cannot be reached; retrying… What you write is kept.")
            if lost
            else ""
        )
        self.indicator.setVisible(lost)
