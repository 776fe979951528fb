"""The sign-in and connect dialogs against the real test server (tests/pg_server.py)."""

from __future__ import annotations

import io
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from factories import MemoryKeyring
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from console.cli import main
from console.team.connection import TeamConnection
from console.ui.team.connect_dialog import ConnectDialog
from console.ui.team.saved_connection import save_connection, saved_connection
from console.ui.team.sign_in_dialog import SignInDialog


@pytest.fixture
def team(
    pg_url: str, monkeypatch: pytest.MonkeyPatch, translations: object
) -> Iterator[tuple[str, str]]:
    """A team store with an administrator, an agent and an expired agent; (url, token)."""
    token = uuid.uuid4().hex[:8]

    def run(argv: list[str], password: str) -> None:
        monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
        assert main(argv) == 0

    run(["team", "init", "--db", pg_url, "--admin", f"Ada {token}", "--password-stdin"], "ada")
    add = ["team", "add", "--db", pg_url, "--role", "agent", "--password-stdin"]
    run([*add, "--name", f"Kai {token}"], "kai-pw")
    gone = (datetime.now(UTC) - timedelta(days=3)).date().isoformat()
    run([*add, "--name", f"Old {token}", "--expires", gone], "old-pw")
    yield pg_url, token


def _connection(url: str, user: str) -> TeamConnection:
    parsed = make_url(url)
    assert parsed.host and parsed.port and parsed.database
    return TeamConnection(host=parsed.host, port=parsed.port, database=parsed.database, user=user)


def _sign_in(qtbot: QtBot, dialog: SignInDialog, password: str) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.password, password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)


def test_the_right_password_signs_in_as_that_person(qtbot: QtBot, team: tuple[str, str]) -> None:
    url, token = team
    dialog = SignInDialog(_connection(url, f"kai.{token}"))
    _sign_in(qtbot, dialog, "kai-pw")
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    assert dialog.person is not None and dialog.person.name == f"Kai {token}"
    assert dialog.store is not None
    dialog.store.close()


def test_a_wrong_password_is_refused_and_can_be_retyped(
    qtbot: QtBot, team: tuple[str, str]
) -> None:
    url, token = team
    dialog = SignInDialog(_connection(url, f"kai.{token}"))
    _sign_in(qtbot, dialog, "nope")
    qtbot.waitUntil(lambda: "refused the sign-in" in dialog.message.text(), timeout=10_000)
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.store is None
    # The whole problem is shown, wrapped, not cut off at the height the dialog opened with.
    qtbot.waitUntil(
        lambda: dialog.message.height() >= dialog.message.heightForWidth(dialog.message.width())
    )
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, "kai-pw")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    assert dialog.store is not None
    dialog.store.close()


def test_an_expired_account_cannot_sign_in(qtbot: QtBot, team: tuple[str, str]) -> None:
    url, token = team
    dialog = SignInDialog(_connection(url, f"old.{token}"))
    _sign_in(qtbot, dialog, "old-pw")
    qtbot.waitUntil(lambda: "refused the sign-in" in dialog.message.text(), timeout=10_000)
    assert dialog.store is None and dialog.person is None


def test_connect_saves_the_connection_and_the_password_in_the_keyring(
    qtbot: QtBot, team: tuple[str, str], memory_keyring: MemoryKeyring
) -> None:
    url, token = team
    parsed = make_url(url)
    dialog = ConnectDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.host, str(parsed.host))
    dialog.port.clear()
    qtbot.keyClicks(dialog.port, str(parsed.port))
    qtbot.keyClicks(dialog.database, str(parsed.database))
    qtbot.keyClicks(dialog.user, f"kai.{token}")
    qtbot.keyClicks(dialog.password, "kai-pw")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: f"you are Kai {token}" in dialog.message.text(), timeout=10_000)
    assert saved_connection() is None  # a test saves nothing
    with qtbot.waitSignal(dialog.connected, timeout=10_000) as opened:
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    store, person = opened.args
    store.close()
    assert person.name == f"Kai {token}"
    saved = saved_connection()
    assert saved == _connection(url, f"kai.{token}")
    assert memory_keyring.secrets[("support-console", saved.keyring_account())] == "kai-pw"
    assert "kai-pw" not in str([QSettings().value(k) for k in QSettings().allKeys()])


def test_the_saved_password_is_read_off_the_ui_thread_and_filled_in(
    qtbot: QtBot, memory_keyring: MemoryKeyring, translations: object
) -> None:
    saved = TeamConnection(host="db.example", port=5433, database="support", user="kai.x")
    save_connection(saved, "kai-pw")
    readers: list[threading.Thread] = []
    read = memory_keyring.get_password

    def get_password(service: str, username: str) -> str | None:
        readers.append(threading.current_thread())
        return read(service, username)

    memory_keyring.get_password = get_password  # type: ignore[method-assign]
    dialog = ConnectDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert (dialog.host.text(), dialog.port.value(), dialog.user.text()) == (
        "db.example",
        5433,
        "kai.x",
    )
    qtbot.waitUntil(lambda: dialog.password.text() == "kai-pw", timeout=5000)
    assert readers and threading.main_thread() not in readers
