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
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Signal

from console.changes import Changes
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

    # -- public API (UI thread) ------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._supervisor.running

    def statuses(self) -> list[ChannelStatus]:
        """The latest status of every channel, by name."""
        return [self._statuses[name] for name in sorted(self._statuses)]

    def start(self) -> None:
        """Start the configured channels (returns at once; the configs load in the background)."""
        self._supervisor.start()

    def stop(self, timeout: float = 10.0) -> bool:
        """Stop every channel and join the threads within ``timeout`` seconds in all.

        Returns whether every thread ended; every channel shows as stopped.
        """
        if not self._supervisor.running:
            return True
        ended = self._supervisor.stop(timeout)
        for status in list(self._statuses.values()):
            self._apply_status(replace(status, state=STOPPED, reason=""))
        return ended

    def restart(self) -> None:
        """Apply changed channel settings (``ChannelSettingsDialog.saved``); returns at once."""
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
