"""Runs the configured channels in the background: IMAP mailboxes, the webhook, the outbox.

:class:`ChannelService` reads the saved ``channel_configs`` and the keyring
secrets on a supervisor thread (never on the UI thread), then runs one thread
per channel:

* every enabled ``imap`` channel: sync, then IDLE (or poll) until new mail or
  ``idle_seconds``; reconnects with a growing pause when the server is away;
* the ``webhook`` channel: the loopback server, until stopped;
* the outbox sender (with the first enabled ``smtp`` channel): ``send_pending``
  every ``outbox_interval`` seconds and at once after :meth:`reply_queued`.

Threads use the store through the connectors (their own transactions). What
they report reaches the UI thread through a :class:`ResultRelay`, and only
there are the public signals emitted and the status model changed. Passwords
and tokens stay in the connector objects: they are never logged or shown.
"""

from __future__ import annotations

import logging
import smtplib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from imapclient.exceptions import IMAPClientError  # type: ignore[import-untyped]
from PySide6.QtCore import QObject, Signal

from console.channels.admin import ChannelConfigView, channel_configs
from console.channels.credentials import CredentialError, get_secret
from console.channels.imap_source import ImapConnector, ImapError, ImapSettings
from console.channels.outbox import SmtpSettings, send_pending
from console.channels.webhook import WebhookServer, WebhookSettings
from console.store import Store
from console.ui.channel_settings import keyring_account
from console.ui.problem_texts import error_text
from console.ui.result_relay import ResultRelay

log = logging.getLogger(__name__)

STARTING, ONLINE, OFFLINE, STOPPED = "starting", "online", "offline", "stopped"
OUTBOX_NAME = "outbox"


@dataclass(frozen=True)
class ChannelStatus:
    """What one channel is doing, for the status bar and the status list."""

    name: str
    kind: str  # imap | webhook | smtp
    state: str  # starting | online | offline | stopped
    reason: str = ""  # why offline (plain text, never a secret)
    last_sync: datetime | None = None  # aware UTC: last successful sync or send run
    detail: str = ""  # e.g. "listening on 127.0.0.1:8765"


SecretLookup = Callable[[str], str]


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
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._outbox_interval = outbox_interval
        self._idle_seconds = idle_seconds
        self._retry_first, self._retry_max = retry_seconds
        self._secret = secret_lookup
        self._relay = ResultRelay(self)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._wake_outbox = threading.Event()
        self._threads: list[threading.Thread] = []
        self._statuses: dict[str, ChannelStatus] = {}
        self._running = False

    # -- public API (UI thread) ------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._running

    def statuses(self) -> list[ChannelStatus]:
        """The latest status of every channel, by name."""
        return [self._statuses[name] for name in sorted(self._statuses)]

    def start(self) -> None:
        """Start the configured channels (returns at once; the configs load in the background)."""
        if self._running:
            return
        self._running = True
        self._stop = threading.Event()
        self._wake_outbox = threading.Event()
        self._spawn(self._supervise, "channels", self._stop, self._wake_outbox)

    def stop(self, timeout: float = 10.0) -> bool:
        """Stop every channel and join the threads within ``timeout`` seconds in all.

        Returns whether every thread ended. Threads are daemons, so one stuck in a
        network call cannot keep the application from exiting.
        """
        if not self._running:
            return True
        self._running = False
        self._stop.set()
        self._wake_outbox.set()
        ended = True
        wait_until = time.monotonic() + timeout
        while True:
            with self._lock:
                alive = [t for t in self._threads if t.is_alive()]
                self._threads = alive
            if not alive:
                break
            left = wait_until - time.monotonic()
            if left <= 0:
                ended = False
                log.warning("channel threads still running after stop: %d", len(alive))
                break
            alive[0].join(timeout=left)
        for status in list(self._statuses.values()):
            self._apply_status(replace(status, state=STOPPED, reason=""))
        return ended

    def restart(self) -> None:
        """Apply changed channel settings (e.g. on ``ChannelSettingsDialog.saved``).

        Returns at once: the running channels are told to stop, and the new ones
        start on a background thread once the old threads have ended.
        """
        if not self._running:
            self.start()
            return
        self._stop.set()
        self._wake_outbox.set()
        with self._lock:
            previous = [t for t in self._threads if t.is_alive()]
        self._stop = threading.Event()
        self._wake_outbox = threading.Event()
        self._spawn(self._supervise, "channels", self._stop, self._wake_outbox, previous)

    def reply_queued(self, *_args: Any) -> None:
        """A reply was stored in the outbox: send it now rather than at the next round."""
        self._wake_outbox.set()

    # -- threads -------------------------------------------------------------------------

    def _spawn(self, target: Callable[..., None], name: str, *args: Any) -> None:
        thread = threading.Thread(target=target, args=args, name=f"channel:{name}", daemon=True)
        with self._lock:
            self._threads.append(thread)
        thread.start()

    def _post_status(self, stop: threading.Event, status: ChannelStatus) -> None:
        self._relay.post(self, self._apply_report, (stop, status))

    def _apply_report(self, report: tuple[threading.Event, ChannelStatus]) -> None:
        stop, status = report
        if stop is self._stop and not stop.is_set():  # else: late, from a stopped thread
            self._apply_status(status)

    def _apply_names(self, report: tuple[threading.Event, set[str]]) -> None:
        stop, names = report
        if stop is not self._stop or stop.is_set():
            return
        for name in [n for n in self._statuses if n not in names]:
            del self._statuses[name]
            self.channel_removed.emit(name)

    def _post_inbox_changed(self) -> None:
        self._relay.post(self, lambda _v: self.inbox_changed.emit(), None)

    def _post_outbox_changed(self) -> None:
        self._relay.post(self, lambda _v: self.outbox_changed.emit(), None)

    def _apply_status(self, status: ChannelStatus) -> None:
        previous = self._statuses.get(status.name)
        if status.last_sync is None and previous is not None:
            status = replace(status, last_sync=previous.last_sync)
        if previous == status:
            return
        self._statuses[status.name] = status
        self.status_changed.emit(status)

    def _supervise(
        self,
        stop: threading.Event,
        wake: threading.Event,
        previous: list[threading.Thread] | None = None,
    ) -> None:
        for thread in previous or ():  # a restart: the old channels release ports first
            thread.join(timeout=30)
        if stop.is_set():
            return
        try:
            with self._store.session() as session:
                configs = [c for c in channel_configs(session) if c.enabled]
        except Exception as exc:  # the store is gone or broken: say so, start nothing
            log.error("channel configurations cannot be read: %s", type(exc).__name__)
            return
        if stop.is_set():
            return
        smtp = next((c for c in configs if c.kind == "smtp"), None)
        names = {c.name for c in configs if c.kind in ("imap", "webhook")}
        if smtp is not None:
            names.add(smtp.name)
        self._relay.post(self, self._apply_names, (stop, names))
        for config in configs:
            if config.kind == "imap":
                self._post_status(stop, ChannelStatus(config.name, "imap", STARTING))
                self._spawn(self._run_imap, config.name, config, stop)
            elif config.kind == "webhook":
                self._post_status(stop, ChannelStatus(config.name, "webhook", STARTING))
                self._spawn(self._run_webhook, config.name, config, stop)
        if smtp is not None:
            self._post_status(stop, ChannelStatus(smtp.name, "smtp", STARTING))
            self._spawn(self._run_outbox, OUTBOX_NAME, smtp, stop, wake)

    def _lookup(self, kind: str, name: str) -> str:
        return self._secret(keyring_account(kind, name))

    def _backoff(self, pause: float) -> float:
        return min(max(pause * 2, self._retry_first), self._retry_max)

    def _run_imap(self, config: ChannelConfigView, stop: threading.Event) -> None:
        name = config.name
        pause = self._retry_first
        while not stop.is_set():
            try:
                settings = imap_settings(config)
                password = self._lookup("imap", name)
            except (CredentialError, ValueError, KeyError) as exc:
                reason = error_text(exc)
                self._post_status(stop, ChannelStatus(name, "imap", OFFLINE, reason=reason))
                stop.wait(self._retry_max)
                continue
            connector = ImapConnector(self._store, settings, password)
            del password
            try:
                connector.connect()
                self._post_status(stop, ChannelStatus(name, "imap", ONLINE))
                pause = self._retry_first
                while not stop.is_set():
                    report = connector.sync()
                    self._post_status(
                        stop, ChannelStatus(name, "imap", ONLINE, last_sync=datetime.now(UTC))
                    )
                    if report.imported or report.quarantined:
                        self._post_inbox_changed()
                    if stop.is_set():
                        break
                    if b"IDLE" in connector.client.capabilities():
                        connector.wait_for_mail(min(self._idle_seconds, 29 * 60), stop=stop)
                    else:
                        stop.wait(self._idle_seconds)
            except (ImapError, IMAPClientError, OSError) as exc:
                reason = (
                    error_text(exc) if isinstance(exc, ImapError) else f"Connection lost: {exc}"
                )
                self._post_status(stop, ChannelStatus(name, "imap", OFFLINE, reason=reason))
                stop.wait(pause)
                pause = self._backoff(pause)
            except Exception as exc:  # a bug or a broken store: keep the thread, say so
                log.error("IMAP channel failed: %s", type(exc).__name__)
                reason = error_text(exc)
                self._post_status(stop, ChannelStatus(name, "imap", OFFLINE, reason=reason))
                stop.wait(self._retry_max)
            finally:
                connector.close()

    def _run_webhook(self, config: ChannelConfigView, stop: threading.Event) -> None:
        name = config.name
        while not stop.is_set():
            try:
                token = self._lookup("webhook", name)
                server = WebhookServer(
                    self._store,
                    WebhookSettings(token=token, port=int(config.settings.get("port", 8765))),
                    on_imported=lambda _n: self._post_inbox_changed(),
                )
                del token
            except (CredentialError, ValueError, OSError) as exc:
                reason = error_text(exc)
                self._post_status(stop, ChannelStatus(name, "webhook", OFFLINE, reason=reason))
                stop.wait(self._retry_max)
                continue
            server.start()
            self._post_status(
                stop,
                ChannelStatus(
                    name, "webhook", ONLINE, detail=f"{server.settings.host}:{server.port}"
                ),
            )
            stop.wait()
            server.stop()
            return

    def _run_outbox(
        self, config: ChannelConfigView, stop: threading.Event, wake: threading.Event
    ) -> None:
        name = config.name
        first = True
        while not stop.is_set():
            if not first:
                wake.wait(self._outbox_interval)
                if stop.is_set():
                    return
            first = False
            wake.clear()
            try:
                settings = smtp_settings(config)
                password = self._lookup("smtp", name) if settings.username else None
            except (CredentialError, ValueError, KeyError) as exc:
                reason = error_text(exc)
                self._post_status(stop, ChannelStatus(name, "smtp", OFFLINE, reason=reason))
                continue
            try:
                report = send_pending(self._store, settings, password)
            except (OSError, smtplib.SMTPException) as exc:
                reason = error_text(exc)
                self._post_status(stop, ChannelStatus(name, "smtp", OFFLINE, reason=reason))
                continue
            except Exception as exc:  # a bug or a broken store: keep the thread, say so
                log.error("outbox run failed: %s", type(exc).__name__)
                reason = error_text(exc)
                self._post_status(stop, ChannelStatus(name, "smtp", OFFLINE, reason=reason))
                continue
            if report.sent or report.failed:
                self._post_outbox_changed()
            if report.waiting and not report.sent:
                self._post_status(
                    stop,
                    ChannelStatus(
                        name,
                        "smtp",
                        OFFLINE,
                        reason=f"The mail server cannot be reached; {report.waiting} waiting.",
                    ),
                )
            else:
                self._post_status(
                    stop, ChannelStatus(name, "smtp", ONLINE, last_sync=datetime.now(UTC))
                )


def imap_settings(config: ChannelConfigView) -> ImapSettings:
    """IMAP settings from a saved channel (``ValueError``/``KeyError`` if incomplete)."""
    values = config.settings
    host, username = str(values["host"]).strip(), str(values["username"]).strip()
    if not host or not username:
        raise ValueError(f"{config.name}: a server and a user name are needed.")
    folders = tuple(str(f) for f in values.get("folders") or ("INBOX",))
    return ImapSettings(
        host=host,
        port=int(values.get("port", 993)),
        username=username,
        security=str(values.get("security", "tls")),
        folders=folders,
        mark_seen=bool(values.get("mark_seen", False)),
        ca_file=values.get("ca_file") or None,
        timeout=float(values.get("timeout", 30.0)),
    )


def smtp_settings(config: ChannelConfigView) -> SmtpSettings:
    """SMTP settings from a saved channel (``ValueError``/``KeyError`` if incomplete)."""
    values = config.settings
    host, sender = str(values["host"]).strip(), str(values.get("from_address", "")).strip()
    if not host or not sender:
        raise ValueError(f"{config.name}: a server and a sender address are needed.")
    return SmtpSettings(
        host=host,
        port=int(values.get("port", 587)),
        from_address=sender,
        from_name=str(values.get("from_name", "")),
        security=str(values.get("security", "starttls")),
        username=str(values.get("username", "")).strip() or None,
        timeout=float(values.get("timeout", 30.0)),
        ca_file=values.get("ca_file") or None,
    )
