"""The channels seen from the window: a thin Qt adapter over the channel supervisor.

The threads, the reconnects and the outbox rounds are
:class:`console.channels.supervisor.ChannelSupervisor`'s (Qt-free, plain
threads). It reports on its channel threads; :class:`ChannelService` relays each
report through a :class:`ResultRelay` to the UI thread, and only there are the
public signals emitted, an error worded in the UI language and the status list
changed. Reports of a run that was stopped or restarted meanwhile are dropped.
Given the change bus, the service also puts what the channels changed on it
(new messages: the inbox's listing; a send round: the outbox), as changes from
elsewhere that every view hears of like its own.
Passwords and tokens stay in the connector objects: they are never logged or shown.

On a team store (PostgreSQL) the channels, the outbox and the periodic passes
(routing) are the team's duties, done by one process at a time
(console/team/duties.py): the service starts them only while this seat holds
the duty lock (no ``support-console worker`` runs, and no other seat took them
first), stops them when the lock is lost, and takes them over within seconds
when the holder goes away (:attr:`holds_duties`, :attr:`duties_changed`). On a
single-seat store (SQLite) the seat does them as soon as it starts.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Signal

from console.changes import LOCAL, Changes
from console.channels.credentials import get_secret
from console.channels.supervisor import (
    OFFLINE,
    ONLINE,
    OUTBOX_NAME,
    STARTING,
    STOPPED,
    ChannelStatus,
    ChannelSupervisor,
    Run,
    SecretLookup,
    imap_settings,
    smtp_settings,
)
from console.store import Store
from console.team.duties import DutyHolder, PassRunner, periodic_passes
from console.ui.common.problem_texts import error_text
from console.ui.lanes.change_bus import ChangeBus
from console.ui.lanes.result_relay import ResultRelay

__all__ = [
    "OFFLINE",
    "ONLINE",
    "OUTBOX_NAME",
    "STARTING",
    "STOPPED",
    "ChannelService",
    "ChannelStatus",
    "imap_settings",
    "smtp_settings",
]


class ChannelService(QObject):
    """Owned by the main window: ``start()`` after the window shows, ``stop()`` at shutdown."""

    #: A channel's status changed (a :class:`ChannelStatus`), on the UI thread.
    status_changed = Signal(object)
    #: A channel is no longer configured (its name), after :meth:`restart`.
    channel_removed = Signal(str)
    #: New messages were stored by a channel: reload the inbox.
    inbox_changed = Signal()
    #: The outbox sent or failed messages: conversation/outbox views may refresh.
    outbox_changed = Signal()
    #: Team store: this seat took over the team's duties (True) or no longer does them.
    duties_changed = Signal(bool)

    def __init__(
        self,
        store: Store,
        parent: QObject | None = None,
        *,
        outbox_interval: float = 30.0,
        idle_seconds: float = 300.0,
        retry_seconds: tuple[float, float] = (5.0, 300.0),
        secret_lookup: SecretLookup = get_secret,
        changes: ChangeBus | None = None,
    ) -> None:
        super().__init__(parent)
        self._changes = changes
        self._relay = ResultRelay(self)
        self._statuses: dict[str, ChannelStatus] = {}
        self._supervisor = ChannelSupervisor(
            store,
            _Relayed(self, self._relay),
            outbox_interval=outbox_interval,
            idle_seconds=idle_seconds,
            retry_seconds=retry_seconds,
            secret_lookup=secret_lookup,
        )
        self._holder: DutyHolder | None = None
        self._passes: PassRunner | None = None
        if not store.is_sqlite:  # a team store: only while holding the duty lock
            self._passes = PassRunner(store, periodic_passes(), self._passes_changed)
            self._holder = DutyHolder(
                store, self._start_duties, self._stop_duties, on_state=self._duty_state
            )
            if changes is not None:  # another seat queued a reply: send it now, if ours to send
                changes.changed.connect(self._heard_changes)

    # -- public API (UI thread) ------------------------------------------------------------

    @property
    def running(self) -> bool:
        """Started (on a team store: waiting for the duties, or doing them)."""
        if self._holder is not None:
            return self._holder.running
        return self._supervisor.running

    @property
    def holds_duties(self) -> bool:
        """Whether this seat runs the channels and the outbox now."""
        if self._holder is not None:
            return self._holder.holding and self._supervisor.running
        return self._supervisor.running

    def statuses(self) -> list[ChannelStatus]:
        """The latest status of every channel, by name."""
        return [self._statuses[name] for name in sorted(self._statuses)]

    def start(self) -> None:
        """Start the configured channels (returns at once; the configs load in the background).

        On a team store: once this seat holds the team's duty lock.
        """
        if self._holder is not None:
            self._holder.start()
            return
        self._supervisor.start()

    def stop(self, timeout: float = 10.0) -> bool:
        """Stop every channel and join the threads within ``timeout`` seconds in all.

        Returns whether every thread ended; every channel shows as stopped.
        """
        if self._holder is not None:
            ended = self._holder.stop(timeout)  # stops the duties, releases the lock
        elif not self._supervisor.running:
            return True
        else:
            ended = self._supervisor.stop(timeout)
        for status in list(self._statuses.values()):
            self._apply_status(replace(status, state=STOPPED, reason=""))
        return ended

    def restart(self) -> None:
        """Apply changed channel settings (``ChannelSettingsDialog.saved``); returns at once."""
        if self._holder is not None and not self._holder.holding:
            return  # the holder reads them (a worker: the next time it starts)
        self._supervisor.restart()

    def reply_queued(self, *_args: Any) -> None:
        """A reply was stored in the outbox: send it now rather than at the next round."""
        self._supervisor.reply_queued()

    # -- the supervisor's reports, relayed to the UI thread ------------------------------------

    def apply_report(self, report: tuple[Run, ChannelStatus, BaseException | None]) -> None:
        run, status, error = report
        if not self._supervisor.is_current(run):  # late, from a stopped thread
            return
        if error is not None:
            status = replace(status, reason=error_text(error))
        self._apply_status(status)

    def apply_names(self, report: tuple[Run, set[str]]) -> None:
        run, names = report
        if not self._supervisor.is_current(run):
            return
        for name in [n for n in self._statuses if n not in names]:
            del self._statuses[name]
            self.channel_removed.emit(name)

    def _apply_status(self, status: ChannelStatus) -> None:
        previous = self._statuses.get(status.name)
        if status.last_sync is None and previous is not None:
            status = replace(status, last_sync=previous.last_sync)
        if previous == status:
            return
        self._statuses[status.name] = status
        self.status_changed.emit(status)

    def messages_stored(self) -> None:
        """A channel stored new messages (on the UI thread)."""
        self.inbox_changed.emit()
        if self._changes is not None:
            self._changes.publish(Changes(listing=True))

    # -- the team's duties (team store) ----------------------------------------------------

    def _start_duties(self) -> None:
        """On the duty lock's thread: this seat holds the lock."""
        self._supervisor.start()
        if self._passes is not None:
            self._passes.start()

    def _stop_duties(self) -> None:
        """On the duty lock's thread: the lock is lost, or the service stops."""
        if self._passes is not None:
            self._passes.stop()
        self._supervisor.stop()

    def _duty_state(self, holding: bool) -> None:
        self._relay.post(self, self._duties_moved, holding)

    def _duties_moved(self, holding: bool) -> None:
        if not holding:
            for status in list(self._statuses.values()):
                self._apply_status(replace(status, state=STOPPED, reason=""))
        self.duties_changed.emit(holding)

    def _heard_changes(self, changes: Changes) -> None:
        if changes.outbox and changes.origin != LOCAL and self.holds_duties:
            self._supervisor.reply_queued()

    def _passes_changed(self, changes: Changes) -> None:
        """A periodic pass (routing) changed something: on the bus, from the UI thread."""
        bus = self._changes
        if bus is not None:
            self._relay.post(self, lambda _v: bus.publish(changes), None)

    def outbox_worked(self) -> None:
        """A send round sent or failed messages (on the UI thread)."""
        self.outbox_changed.emit()
        if self._changes is not None:
            self._changes.publish(Changes(outbox=True))


class _Relayed:
    """The supervisor's ``ChannelEvents``: each report posted to the service on the UI thread."""

    def __init__(self, service: ChannelService, relay: ResultRelay) -> None:
        self._service = service
        self._relay = relay

    def status(self, run: Run, status: ChannelStatus, error: BaseException | None) -> None:
        self._relay.post(self._service, self._service.apply_report, (run, status, error))

    def configured(self, run: Run, names: set[str]) -> None:
        self._relay.post(self._service, self._service.apply_names, (run, names))

    def inbox_changed(self) -> None:
        service = self._service
        self._relay.post(service, lambda _v: service.messages_stored(), None)

    def outbox_changed(self) -> None:
        service = self._service
        self._relay.post(service, lambda _v: service.outbox_worked(), None)
