"""The channel service against real servers: Dovecot (IMAP), aiosmtpd (SMTP), the webhook."""

from __future__ import annotations

import json
import logging
import socket
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from PySide6.QtCore import QElapsedTimer, QTimer
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from translation.detect import warm_up

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "channels"))

from corpus import mail
from factories import MemoryKeyring
from mailservers import (
    PASSWORD,
    Capture,
    Dovecot,
    dovecot_server,
    free_port,
    smtp_server,
)

from console.channels.admin import save_channel_config
from console.channels.credentials import KEYRING_SERVICE, keyring_account
from console.inbox.commands import send_reply
from console.store import Store
from console.store.models import Conversation, Message
from console.ui.app_state import AppState
from console.ui.channels.channel_models import ChannelStatusModel, StatusRole
from console.ui.channels.channel_service import (
    OFFLINE,
    ONLINE,
    STOPPED,
    ChannelService,
    ChannelStatus,
)

WEBHOOK_TOKEN = "a-webhook-token-long-enough"


@pytest.fixture
def dovecot() -> Iterator[Dovecot]:
    with dovecot_server() as server:
        yield server


@pytest.fixture
def smtp() -> Iterator[tuple[Capture, int]]:
    with smtp_server() as server:
        yield server


@pytest.fixture
def service(qtbot: QtBot, store: Store) -> Iterator[ChannelService]:
    runner = ChannelService(store, outbox_interval=3600, idle_seconds=60, retry_seconds=(0.2, 1))
    yield runner
    runner.stop(timeout=10)


def _configure(store: Store, name: str, kind: str, settings: dict[str, Any]) -> None:
    with store.session() as session:
        save_channel_config(session, name=name, kind=kind, settings=settings, actor="test")


def _messages(store: Store) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(Message)) or 0)


class StallMeter:
    """The longest gap between ticks of a 5 ms timer: how long the event loop was blocked."""

    def __init__(self) -> None:
        self.longest = 0
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._clock.start()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        self.longest = max(self.longest, self._clock.restart())


def _state(service: ChannelService, name: str) -> ChannelStatus | None:
    return next((s for s in service.statuses() if s.name == name), None)


def test_mail_arrives_replies_leave_and_the_service_stops_cleanly(
    qtbot: QtBot,
    store: Store,
    service: ChannelService,
    dovecot: Dovecot,
    smtp: tuple[Capture, int],
    memory_keyring: MemoryKeyring,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    handler, smtp_port = smtp
    imap = dovecot.settings()
    _configure(store, "Shop mailbox", "imap", {
        "host": imap.host, "port": imap.port, "security": "tls", "username": imap.username,
        "folders": ["INBOX"], "mark_seen": False, "ca_file": imap.ca_file, "timeout": 10.0,
    })  # fmt: skip
    _configure(store, "Shop SMTP", "smtp", {
        "host": "127.0.0.1", "port": smtp_port, "security": "none",
        "from_address": "support@shop.example",
    })  # fmt: skip
    keyring.set_password(KEYRING_SERVICE, keyring_account("imap", "Shop mailbox"), PASSWORD)
    model = ChannelStatusModel()
    service.status_changed.connect(model.update)

    # Language identification loads its models on first use, holding the GIL for seconds
    # (lingua): loaded before measuring, so the meter measures the service alone.
    warm_up()
    meter = StallMeter()
    meter.start()
    service.start()
    qtbot.waitUntil(
        lambda: (s := _state(service, "Shop mailbox")) is not None and s.last_sync is not None,
        timeout=15_000,
    )
    # New mail while the service runs: IDLE wakes it, the inbox hears about it.
    # Delivered from a thread of the test's own: the meter measures the service, not the
    # test's IMAP login and APPEND.
    delivery = threading.Thread(target=dovecot.deliver, args=(mail(1), mail(2)))
    with qtbot.waitSignal(service.inbox_changed, timeout=15_000):
        delivery.start()
    meter.stop()
    delivery.join()
    assert _messages(store) == 2
    assert meter.longest < 250, f"the UI thread stalled for {meter.longest} ms"
    status = _state(service, "Shop mailbox")
    assert status is not None and status.state == ONLINE
    assert model.rowCount() == 2
    assert "online" in model.summary()

    # A reply stored by an agent leaves at once after reply_queued (the round is an hour).
    # (after the sender's first round, so only reply_queued can send it within the test)
    qtbot.waitUntil(
        lambda: (s := _state(service, "Shop SMTP")) is not None and s.state == ONLINE,
        timeout=5_000,
    )
    with store.session() as session:
        conversation_id = session.scalars(select(Conversation.id)).one()
        send_reply(session, conversation_id, "Your parcel left today.", agent_id=None)
    with qtbot.waitSignal(service.outbox_changed, timeout=10_000):
        service.reply_queued()
    (email,) = handler.received
    assert email["To"].addresses[0].addr_spec == "ana@example.com"
    assert "Your parcel left today." in email.get_content()

    started = time.monotonic()
    assert service.stop(timeout=10) is True
    assert time.monotonic() - started < 5
    assert {s.state for s in service.statuses()} == {STOPPED}
    assert PASSWORD not in caplog.text


def test_offline_channels_say_why_and_keep_secrets_out(
    qtbot: QtBot,
    store: Store,
    service: ChannelService,
    memory_keyring: MemoryKeyring,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    closed = free_port()
    _configure(store, "Down", "imap", {
        "host": "127.0.0.1", "port": closed, "security": "tls", "username": "agent",
        "timeout": 2.0,
    })  # fmt: skip
    _configure(store, "No password", "imap", {
        "host": "127.0.0.1", "port": closed, "security": "tls", "username": "agent",
    })  # fmt: skip
    keyring.set_password(KEYRING_SERVICE, keyring_account("imap", "Down"), "top-secret-pw")
    statuses: list[ChannelStatus] = []
    service.status_changed.connect(statuses.append)
    service.start()
    qtbot.waitUntil(
        lambda: {s.name for s in statuses if s.state == OFFLINE} == {"Down", "No password"},
        timeout=10_000,
    )
    down = _state(service, "Down")
    missing = _state(service, "No password")
    assert down is not None and "Cannot sign in" in down.reason
    assert missing is not None and "No password is saved" in missing.reason
    assert all("top-secret-pw" not in s.reason for s in statuses)
    assert service.stop(timeout=10) is True
    assert "top-secret-pw" not in caplog.text


def test_webhook_messages_reach_the_inbox(
    qtbot: QtBot, store: Store, service: ChannelService, memory_keyring: MemoryKeyring
) -> None:
    port = free_port()
    _configure(store, "Chat widget", "webhook", {"port": port})
    keyring.set_password(KEYRING_SERVICE, keyring_account("webhook", "Chat widget"), WEBHOOK_TOKEN)
    service.start()
    qtbot.waitUntil(
        lambda: (s := _state(service, "Chat widget")) is not None and s.state == ONLINE,
        timeout=10_000,
    )
    body = json.dumps(
        {"id": "c-1", "handle": "visitor-9", "text": "ciao", "timestamp": "2026-11-01T10:00:00Z"}
    ).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/messages",
        data=body,
        headers={"Authorization": f"Bearer {WEBHOOK_TOKEN}", "Content-Type": "application/json"},
    )
    with (
        qtbot.waitSignal(service.inbox_changed, timeout=10_000),
        urllib.request.urlopen(request, timeout=10) as answer,
    ):
        assert json.loads(answer.read())["imported"] == 1
    assert _messages(store) == 1
    assert service.stop(timeout=10) is True
    # Nobody listens any more: the server really stopped.
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", port)) != 0


def test_restart_applies_changed_settings_without_blocking(
    qtbot: QtBot, store: Store, service: ChannelService, memory_keyring: MemoryKeyring
) -> None:
    first, second = free_port(), free_port()
    _configure(store, "Old widget", "webhook", {"port": first})
    for name in ("Old widget", "New widget"):
        keyring.set_password(KEYRING_SERVICE, keyring_account("webhook", name), WEBHOOK_TOKEN)
    model = ChannelStatusModel()
    service.status_changed.connect(model.update)
    service.channel_removed.connect(model.remove)
    service.start()
    qtbot.waitUntil(lambda: model.summary() == "Channels: 1 online", timeout=10_000)
    with store.session() as session:
        from console.channels.admin import channel_configs, delete_channel_config

        (old,) = channel_configs(session)
        delete_channel_config(session, old.id, actor="test")
    _configure(store, "New widget", "webhook", {"port": second})
    started = time.monotonic()
    with qtbot.waitSignal(service.channel_removed, timeout=10_000) as removed:
        service.restart()
        assert time.monotonic() - started < 0.5  # returns at once
    assert removed.args == ["Old widget"]
    qtbot.waitUntil(
        lambda: (s := _state(service, "New widget")) is not None and s.state == ONLINE,
        timeout=10_000,
    )
    assert [model.status(r).name for r in range(model.rowCount())] == ["New widget"]
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", first)) != 0
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", second)) == 0
    assert service.stop(timeout=10) is True


def test_status_model(qtbot: QtBot, qtmodeltester: Any) -> None:
    model = ChannelStatusModel()
    model.update(ChannelStatus("b", "imap", ONLINE))
    model.update(ChannelStatus("a", "smtp", OFFLINE, reason="The mail server cannot be reached"))
    model.update(ChannelStatus("b", "imap", OFFLINE, reason="gone"))
    qtmodeltester.check(model)
    assert [model.data(model.index(r), StatusRole).name for r in range(2)] == ["a", "b"]
    assert model.data(model.index(0)) == "a: offline"
    assert model.data(model.index(1), 3) == "gone"  # ToolTipRole
    assert model.summary() == "Channels: 0 online, 2 offline"
    model.remove("a")
    qtmodeltester.check(model)
    assert model.rowCount() == 1


# -- quarantine: retry import (kept here: the quarantine view's own test file is not ours) --


def test_quarantine_retry_imports_a_repaired_file(
    qtbot: QtBot, store: Store, tmp_path: Path, translations: object, seat: AppState
) -> None:
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtWidgets import QWidget

    from console.channels.importer import import_path
    from console.ui.app import application
    from console.ui.channels.quarantine_window import QuarantineWindow
    from console.ui.lanes.store_executor import StoreExecutor

    application()
    executor = StoreExecutor(store)
    try:
        box = tmp_path / "Mail"
        for sub in ("cur", "new", "tmp"):
            (box / sub).mkdir(parents=True)
        (box / "new" / "1.mail").write_bytes(b"Subject: no sender\r\n\r\nhello")
        assert import_path(store, box).quarantined == 1
        (box / "new" / "1.mail").write_bytes(mail(1))
        host = QWidget()
        qtbot.addWidget(host)
        view = QuarantineWindow(executor, state=seat, parent=host)
        with qtbot.waitSignal(view.loaded, timeout=5000):
            view.reload()
        assert not view.retry_button.isEnabled()
        view.table.selectionModel().select(
            view.model.index(0, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        assert view.retry_button.isEnabled()
        with (
            qtbot.waitSignal(view.imported, timeout=5000) as imported,
            qtbot.waitSignal(view.loaded, timeout=5000) as loaded,
        ):
            view.retry_button.click()
        assert imported.args == [1] and loaded.args == [0]
        assert "Imported: 1." in view.result.text()
        assert _messages(store) == 1
    finally:
        executor.shutdown()
