"""The channel supervisor without Qt: plain threads that report to a listener."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator

import keyring
import pytest
from factories import MemoryKeyring
from mailservers import free_port

from console.channels.admin import channel_configs, delete_channel_config, save_channel_config
from console.channels.credentials import KEYRING_SERVICE, CredentialError, keyring_account
from console.channels.supervisor import (
    OFFLINE,
    ONLINE,
    ChannelStatus,
    ChannelSupervisor,
    Run,
)
from console.store import Store

TOKEN = "a-webhook-token-long-enough"
WAIT_S = 10.0


class Heard:
    """A listener that keeps every report, with the thread it came on."""

    def __init__(self) -> None:
        self.reports: list[tuple[Run, ChannelStatus, BaseException | None, str]] = []
        self.names: list[tuple[Run, set[str]]] = []
        self._changed = threading.Condition()

    def status(self, run: Run, status: ChannelStatus, error: BaseException | None) -> None:
        with self._changed:
            self.reports.append((run, status, error, threading.current_thread().name))
            self._changed.notify_all()

    def configured(self, run: Run, names: set[str]) -> None:
        with self._changed:
            self.names.append((run, names))
            self._changed.notify_all()

    def inbox_changed(self) -> None:
        pass

    def outbox_changed(self) -> None:
        pass

    def wait(self, found: Callable[[], bool]) -> None:
        with self._changed:
            assert self._changed.wait_for(found, timeout=WAIT_S), self.reports


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_channels_run_on_their_threads_and_a_restart_ends_the_old_run(
    store: Store, memory_keyring: MemoryKeyring
) -> None:
    first, second = free_port(), free_port()
    with store.session() as session:
        save_channel_config(
            session, name="Old widget", kind="webhook", settings={"port": first}, actor="t"
        )
    for name in ("Old widget", "New widget"):
        keyring.set_password(KEYRING_SERVICE, keyring_account("webhook", name), TOKEN)
    heard = Heard()
    supervisor = ChannelSupervisor(store, heard, retry_seconds=(0.1, 0.5))
    try:
        supervisor.start()
        heard.wait(lambda: any(s.state == ONLINE for _r, s, _e, _t in heard.reports))
        old_run = heard.reports[-1][0]
        assert supervisor.is_current(old_run)
        assert heard.names == [(old_run, {"Old widget"})]
        assert {thread for *_rest, thread in heard.reports} <= {
            "channel:channels",
            "channel:Old widget",
        }
        assert _listening(first)

        with store.session() as session:
            (old,) = channel_configs(session)
            delete_channel_config(session, old.id, actor="t")
            save_channel_config(
                session, name="New widget", kind="webhook", settings={"port": second}, actor="t"
            )
        supervisor.restart()
        assert not supervisor.is_current(old_run)  # its late reports are recognised
        heard.wait(
            lambda: any(s.name == "New widget" and s.state == ONLINE for _r, s, *_ in heard.reports)
        )
        new_run = heard.reports[-1][0]
        assert new_run is not old_run and supervisor.is_current(new_run)
        assert heard.names[-1] == (new_run, {"New widget"})
        assert not _listening(first) and _listening(second)
    finally:
        assert supervisor.stop(timeout=10) is True
    assert not supervisor.running
    assert not _listening(second)


def test_an_offline_channel_reports_the_error_not_the_secret(
    store: Store, memory_keyring: MemoryKeyring
) -> None:
    with store.session() as session:
        save_channel_config(session, name="Down", kind="imap", settings={
            "host": "127.0.0.1", "port": free_port(), "security": "tls", "username": "agent",
            "timeout": 2.0,
        }, actor="t")  # fmt: skip
        save_channel_config(session, name="No password", kind="imap", settings={
            "host": "127.0.0.1", "port": free_port(), "security": "tls", "username": "agent",
        }, actor="t")  # fmt: skip
    keyring.set_password(KEYRING_SERVICE, keyring_account("imap", "Down"), "top-secret-pw")
    heard = Heard()
    supervisor = ChannelSupervisor(store, heard, retry_seconds=(0.1, 0.5))
    try:
        supervisor.start()
        heard.wait(
            lambda: (
                {s.name for _r, s, _e, _t in heard.reports if s.state == OFFLINE}
                == {"Down", "No password"}
            )
        )
    finally:
        assert supervisor.stop(timeout=10) is True
    offline = {s.name: (s, e) for _r, s, e, _t in heard.reports if s.state == OFFLINE}
    _status, missing = offline["No password"]
    assert isinstance(missing, CredentialError)
    assert missing.problem.code == "keyring.no_secret"
    assert missing.__traceback__ is None  # no channel thread's frames travel with it
    for status, error in offline.values():
        assert "top-secret-pw" not in status.reason + str(error)
