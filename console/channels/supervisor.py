"""Runs the configured channels on plain threads: IMAP mailboxes, the webhook, the outbox (Qt-free).

:class:`ChannelSupervisor` reads the saved ``channel_configs`` and the keyring
secrets on a supervisor thread, then runs one thread per channel:

* every enabled ``imap`` channel: sync, then IDLE (or poll) until new mail or
  ``idle_seconds``; reconnects with a growing pause when the server is away;
* the ``webhook`` channel: the loopback server, until stopped;
* the outbox sender (with the first enabled ``smtp`` channel): ``send_pending``
  every ``outbox_interval`` seconds and at once after :meth:`reply_queued`.

The threads write to the store through the connectors, each batch in its own
short transaction (see the README's "Lanes"). What they find out goes to a
:class:`ChannelEvents` listener, *on the channel thread that found it*: the
listener hands it over to whoever shows it (``console/ui/channels/channel_service.py``
relays it to the UI thread). Each report names the :class:`Run` it belongs to;
after :meth:`ChannelSupervisor.restart` or :meth:`~ChannelSupervisor.stop` the
old run's late reports are recognised with :meth:`ChannelSupervisor.is_current`.

A report carries the exception that took a channel offline, so the listener
words it in the reader's language; a secret never goes into a report or a log.
"""

from __future__ import annotations

import logging
import smtplib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from imapclient.exceptions import IMAPClientError  # type: ignore[import-untyped]

from console.channels.admin import ChannelConfigView, channel_configs
from console.channels.credentials import CredentialError, get_secret, keyring_account
from console.channels.imap_source import ImapConnector, ImapError, ImapSettings
from console.channels.outbox import SmtpSettings, send_pending
from console.channels.webhook import WebhookServer, WebhookSettings
from console.store import Store

log = logging.getLogger(__name__)

STARTING, ONLINE, OFFLINE, STOPPED = "starting", "online", "offline", "stopped"
OUTBOX_NAME = "outbox"
#: Channel threads are named ``channel:<name>`` (the supervisor's own is ``channel:channels``).
THREAD_PREFIX = "channel:"

SecretLookup = Callable[[str], str]


@dataclass(frozen=True)
class ChannelStatus:
    """What one channel is doing, for the status bar and the status list."""

    name: str
    kind: str  # imap | webhook | smtp
    state: str  # starting | online | offline | stopped
    reason: str = ""  # why offline (plain text, never a secret)
    last_sync: datetime | None = None  # aware UTC: last successful sync or send run
    detail: str = ""  # e.g. "listening on 127.0.0.1:8765"


@dataclass(eq=False)
class Run:
    """One start of the channels: told to stop together, and the outbox's wake-up call."""

    stop: threading.Event = field(default_factory=threading.Event)
    wake: threading.Event = field(default_factory=threading.Event)

    def end(self) -> None:
        self.stop.set()
        self.wake.set()


class ChannelEvents(Protocol):
    """Hears the supervisor's reports; every method is called on a channel thread."""

    def status(self, run: Run, status: ChannelStatus, error: BaseException | None) -> None:
        """A channel's status; ``error`` (if any) says why it is offline, for the reader."""

    def configured(self, run: Run, names: set[str]) -> None:
        """The names of the channels this run started (the others are no longer configured)."""

    def inbox_changed(self) -> None:
        """A channel stored new messages."""

    def outbox_changed(self) -> None:
        """The outbox sent or failed messages."""


class ChannelSupervisor:
    """Starts, restarts and stops the channel threads; reports to its :class:`ChannelEvents`."""

    def __init__(
        self,
        store: Store,
        events: ChannelEvents,
        *,
        outbox_interval: float = 30.0,
        idle_seconds: float = 300.0,
        retry_seconds: tuple[float, float] = (5.0, 300.0),
        secret_lookup: SecretLookup = get_secret,
    ) -> None:
        self._store = store
        self._events = events
        self._outbox_interval = outbox_interval
        self._idle_seconds = idle_seconds
        self._retry_first, self._retry_max = retry_seconds
        self._secret = secret_lookup
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._run = Run()
        self._running = False

    @property
    def running(self) -> bool:
        return self._running

    def is_current(self, run: Run) -> bool:
        """Whether ``run`` is the one running now (else its reports are late, from old threads)."""
        return run is self._run and not run.stop.is_set()

    def start(self) -> None:
        """Start the configured channels (returns at once; the configs load on a thread)."""
        if self._running:
            return
        self._running = True
        self._run = Run()
        self._spawn(self._supervise, "channels", self._run)

    def stop(self, timeout: float = 10.0) -> bool:
        """Stop every channel and join the threads within ``timeout`` seconds in all.

        Returns whether every thread ended. Threads are daemons, so one stuck in a
        network call cannot keep the application from exiting.
        """
        if not self._running:
            return True
        self._running = False
        self._run.end()
        wait_until = time.monotonic() + timeout
        while True:
            with self._lock:
                alive = [t for t in self._threads if t.is_alive()]
                self._threads = alive
            if not alive:
                return True
            left = wait_until - time.monotonic()
            if left <= 0:
                log.warning("channel threads still running after stop: %d", len(alive))
                return False
            alive[0].join(timeout=left)

    def restart(self) -> None:
        """Apply changed channel settings; returns at once.

        The running channels are told to stop, and the new ones start on a thread
        once the old threads have ended (so a port is free again).
        """
        if not self._running:
            self.start()
            return
        self._run.end()
        with self._lock:
            previous = [t for t in self._threads if t.is_alive()]
        self._run = Run()
        self._spawn(self._supervise, "channels", self._run, previous)

    def reply_queued(self) -> None:
        """A reply was stored in the outbox: send it now rather than at the next round."""
        self._run.wake.set()

    # -- threads -------------------------------------------------------------------------

    def _spawn(self, target: Callable[..., None], name: str, *args: Any) -> None:
        thread = threading.Thread(
            target=target, args=args, name=f"{THREAD_PREFIX}{name}", daemon=True
        )
        with self._lock:
            self._threads.append(thread)
        thread.start()

    def _report(self, run: Run, status: ChannelStatus, error: BaseException | None = None) -> None:
        # Without its frames: a report must not keep a channel thread's locals alive.
        self._events.status(run, status, None if error is None else error.with_traceback(None))

    def _supervise(self, run: Run, previous: list[threading.Thread] | None = None) -> None:
        for thread in previous or ():  # a restart: the old channels release ports first
            thread.join(timeout=30)
        if run.stop.is_set():
            return
        try:
            with self._store.session() as session:
                configs = [c for c in channel_configs(session) if c.enabled]
        except Exception as exc:  # the store is gone or broken: say so, start nothing
            log.error("channel configurations cannot be read: %s", type(exc).__name__)
            return
        if run.stop.is_set():
            return
        smtp = next((c for c in configs if c.kind == "smtp"), None)
        names = {c.name for c in configs if c.kind in ("imap", "webhook")}
        if smtp is not None:
            names.add(smtp.name)
        self._events.configured(run, names)
        for config in configs:
            if config.kind == "imap":
                self._report(run, ChannelStatus(config.name, "imap", STARTING))
                self._spawn(self._run_imap, config.name, config, run)
            elif config.kind == "webhook":
                self._report(run, ChannelStatus(config.name, "webhook", STARTING))
                self._spawn(self._run_webhook, config.name, config, run)
        if smtp is not None:
            self._report(run, ChannelStatus(smtp.name, "smtp", STARTING))
            self._spawn(self._run_outbox, OUTBOX_NAME, smtp, run)

    def _lookup(self, kind: str, name: str) -> str:
        return self._secret(keyring_account(kind, name))

    def _backoff(self, pause: float) -> float:
        return min(max(pause * 2, self._retry_first), self._retry_max)

    def _run_imap(self, config: ChannelConfigView, run: Run) -> None:
        name, stop = config.name, run.stop
        pause = self._retry_first
        while not stop.is_set():
            try:
                settings = imap_settings(config)
                password = self._lookup("imap", name)
            except (CredentialError, ValueError, KeyError) as exc:
                self._report(run, ChannelStatus(name, "imap", OFFLINE), exc)
                stop.wait(self._retry_max)
                continue
            connector = ImapConnector(self._store, settings, password)
            del password
            try:
                connector.connect()
                self._report(run, ChannelStatus(name, "imap", ONLINE))
                pause = self._retry_first
                while not stop.is_set():
                    report = connector.sync()
                    self._report(
                        run, ChannelStatus(name, "imap", ONLINE, last_sync=datetime.now(UTC))
                    )
                    if report.imported or report.quarantined:
                        self._events.inbox_changed()
                    if stop.is_set():
                        break
                    if b"IDLE" in connector.client.capabilities():
                        connector.wait_for_mail(min(self._idle_seconds, 29 * 60), stop=stop)
                    else:
                        stop.wait(self._idle_seconds)
            except ImapError as exc:
                self._report(run, ChannelStatus(name, "imap", OFFLINE), exc)
                stop.wait(pause)
                pause = self._backoff(pause)
            except (IMAPClientError, OSError) as exc:
                reason = f"Connection lost: {exc}"
                self._report(run, ChannelStatus(name, "imap", OFFLINE, reason=reason))
                stop.wait(pause)
                pause = self._backoff(pause)
            except Exception as exc:  # a bug or a broken store: keep the thread, say so
                log.error("IMAP channel failed: %s", type(exc).__name__)
                self._report(run, ChannelStatus(name, "imap", OFFLINE), exc)
                stop.wait(self._retry_max)
            finally:
                connector.close()

    def _run_webhook(self, config: ChannelConfigView, run: Run) -> None:
        name, stop = config.name, run.stop
        while not stop.is_set():
            try:
                token = self._lookup("webhook", name)
                server = WebhookServer(
                    self._store,
                    WebhookSettings(token=token, port=int(config.settings.get("port", 8765))),
                    on_imported=lambda _n: self._events.inbox_changed(),
                )
                del token
            except (CredentialError, ValueError, OSError) as exc:
                self._report(run, ChannelStatus(name, "webhook", OFFLINE), exc)
                stop.wait(self._retry_max)
                continue
            server.start()
            detail = f"{server.settings.host}:{server.port}"
            self._report(run, ChannelStatus(name, "webhook", ONLINE, detail=detail))
            stop.wait()
            server.stop()
            return

    def _run_outbox(self, config: ChannelConfigView, run: Run) -> None:
        name, stop, wake = config.name, run.stop, run.wake
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
                self._report(run, ChannelStatus(name, "smtp", OFFLINE), exc)
                continue
            try:
                report = send_pending(self._store, settings, password)
            except (OSError, smtplib.SMTPException) as exc:
                self._report(run, ChannelStatus(name, "smtp", OFFLINE), exc)
                continue
            except Exception as exc:  # a bug or a broken store: keep the thread, say so
                log.error("outbox run failed: %s", type(exc).__name__)
                self._report(run, ChannelStatus(name, "smtp", OFFLINE), exc)
                continue
            if report.sent or report.failed:
                self._events.outbox_changed()
            if report.waiting and not report.sent:
                reason = f"The mail server cannot be reached; {report.waiting} waiting."
                self._report(run, ChannelStatus(name, "smtp", OFFLINE, reason=reason))
            else:
                self._report(run, ChannelStatus(name, "smtp", ONLINE, last_sync=datetime.now(UTC)))


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
