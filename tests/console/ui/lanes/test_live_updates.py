"""Two windows on one team store (PostgreSQL), each on its own connections and seat name:
what one does reaches the other through LISTEN/NOTIFY and the change bus within 2 s;
and a window whose team store restarts says so, keeps what is written, and carries on.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator

import pg_server as pg_server_module
import pytest
from popup_menus import press_menu_button
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.changes import Changes
from console.demo.generator import populate
from console.inbox.commands import assign
from console.inbox.drafts import load_draft
from console.inbox.queries import AgentSummary
from console.store import Store, open_store
from console.store.models import Agent
from console.ui.app import application
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.main_window import MainWindow
from console.ui.settings.ui_language import UiLanguage

NOTIFY_LIMIT_S = 2.0


def _window(qtbot: QtBot, store: Store, translations: UiLanguage) -> MainWindow:
    application()
    executor = StoreExecutor(store)
    window = MainWindow(executor, translations)
    window.start_channels = window.translate_in_background = False
    window.persist_layout = False
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=30_000):
        window.show()
    qtbot.waitUntil(lambda: window.live_updates.connected, timeout=10_000)
    return window


def _close(qtbot: QtBot, window: MainWindow) -> None:
    window.shutdown()
    executor = window._executor
    qtbot.waitUntil(lambda: executor.pending == 0, timeout=10_000)
    executor.shutdown()


@contextlib.contextmanager
def _seats(
    qtbot: QtBot, url: str, translations: UiLanguage, *names: str
) -> Iterator[list[MainWindow]]:
    stores = [open_store(f"{url}?application_name={name}") for name in names]
    windows: list[MainWindow] = []
    try:
        windows = [_window(qtbot, store, translations) for store in stores]
        yield windows
    finally:
        for window in windows:
            _close(qtbot, window)
        for store in stores:
            store.close()


@pytest.fixture
def team_demo_url(pg_server: pg_server_module.PgServer, pg_template: str) -> Iterator[str]:
    name = pg_server.create_database(template=pg_template)
    url = pg_server.url(name)
    store = open_store(url)
    populate(store, conversations=12)
    store.close()
    yield url
    pg_server.drop_database(name)


def _people(url: str) -> list[AgentSummary]:
    store = open_store(url)
    try:
        with store.session() as session:
            agents = list(session.scalars(select(Agent).order_by(Agent.id).limit(2)))
            return [AgentSummary(a.id, a.name, tuple(a.languages)) for a in agents]
    finally:
        store.close()


def _heard(window: MainWindow) -> list[tuple[float, Changes]]:
    heard: list[tuple[float, Changes]] = []
    window._executor.changes.changed.connect(lambda c: heard.append((time.monotonic(), c)))
    return heard


def _type(qtbot: QtBot, window: MainWindow, text: str) -> None:
    editor = window.conversation.composer.editor
    qtbot.waitUntil(editor.isEnabled, timeout=5000)
    qtbot.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor, text)


# Two top-level windows in one offscreen process: a menu opened in the one that is not
# active asks the platform to raise it and grab the keyboard, which offscreen cannot.
@pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)
def test_two_seats_see_each_others_reply_and_assignment_within_2_s(
    qtbot: QtBot, team_demo_url: str, translations: UiLanguage
) -> None:
    people = _people(team_demo_url)
    with _seats(qtbot, team_demo_url, translations, "seat-a", "seat-b") as (a, b):
        a.state.set_person(people[0])
        b.state.set_person(people[1])
        conversation_id = a.controller.conversation_id
        assert conversation_id is not None
        qtbot.waitUntil(lambda: b.controller.conversation_id == conversation_id, timeout=5000)
        heard_b = _heard(b)

        # A replies (clicks): B's open thread shows it, B's inbox row is fetched again.
        _type(qtbot, a, "Your parcel left our warehouse today.")
        button = a.conversation.composer.send_button
        qtbot.waitUntil(button.isEnabled, timeout=5000)
        with qtbot.waitSignal(a.controller.reply_stored, timeout=10_000):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        stored_at = time.monotonic()
        qtbot.waitUntil(
            lambda: (
                b.conversation.detail is not None
                and any(
                    m.text == "Your parcel left our warehouse today."
                    for m in b.conversation.detail.messages
                )
            ),
            timeout=int(NOTIFY_LIMIT_S * 1000),
        )
        shown_after = time.monotonic() - stored_at
        assert any(
            c.origin == "seat-a" and conversation_id in c.conversations and c.messages
            for _t, c in heard_b
        )
        # Seat A's draft saves while typing told B who writes, and reloaded nothing there.
        assert any(conversation_id in c.presence for _t, c in heard_b)

        # A assigns it to themself (the header's menu): B's inbox row names A's person.
        assign = a.conversation.findChild(QToolButton, "assignButton")
        assert assign is not None
        assigned_at = time.monotonic()
        press_menu_button(qtbot, assign, "Assign to me")
        row_of_b = b.inbox_model.row_of(conversation_id)
        assert row_of_b is not None

        def b_shows_assignee() -> bool:
            row = b.inbox_model.cached_row(conversation_id)
            return row is not None and row.assignee_name == people[0].name

        qtbot.waitUntil(b_shows_assignee, timeout=int(NOTIFY_LIMIT_S * 1000) + 1000)
        assigned_after = time.monotonic() - assigned_at
        print(
            f"reply shown on the other seat after {shown_after * 1000:.0f} ms; "
            f"assignment after {assigned_after * 1000:.0f} ms (incl. the click)"
        )
        # A heard nothing of its own writes from the store (they are on its bus already).
        assert all(c.origin != "seat-a" for _t, c in heard_b if c.origin == "seat-b")


class PrivateServer:
    """A server of this test's own (stopping it affects no other test), restartable."""

    def __init__(self) -> None:
        self.server = pg_server_module.start()
        self.options = " ".join(
            [
                "-c listen_addresses=127.0.0.1",
                f"-c port={self.server.port}",
                f"-c unix_socket_directories={self.server.folder}",
                "-c fsync=off",
                "-c timezone=UTC",
            ]
        )

    def pg_ctl(self, *args: str) -> None:
        pg_server_module._run(
            self.server, "pg_ctl", "-D", str(self.server.data_dir), *args, timeout=90
        )

    def stop(self) -> None:
        self.pg_ctl("-m", "fast", "-w", "stop")

    def start(self) -> None:
        self.pg_ctl("-l", str(self.server.log_file), "-o", self.options, "-w", "start")


@pytest.fixture
def private_server() -> Iterator[PrivateServer]:
    reason = pg_server_module.unavailable_reason()
    if reason is not None:
        pytest.skip(reason)
    server = PrivateServer()
    yield server
    server.server.stop()


def test_a_server_restart_is_shown_what_is_written_is_kept_and_work_goes_on(
    qtbot: QtBot, private_server: PrivateServer, translations: UiLanguage
) -> None:
    server = private_server.server
    url = server.url(server.create_database())
    seeded = open_store(url)
    populate(seeded, conversations=6)
    seeded.close()
    people = _people(url)
    with _seats(qtbot, url, translations, "seat-a", "seat-b") as (a, b):
        a.state.set_person(people[0])
        conversation_id = a.controller.conversation_id
        assert conversation_id is not None
        indicator = a.live_updates.indicator
        assert not indicator.isVisible()

        private_server.stop()
        qtbot.waitUntil(indicator.isVisible, timeout=10_000)
        assert "cannot be reached" in indicator.text()
        assert a._executor.error_dialog is None  # said in the status bar, not a dialog
        # Written while the server is away: the save fails, the text stays and is kept.
        _type(qtbot, a, "Written while offline")
        keeper = a.draft_keeper
        qtbot.waitUntil(lambda: bool(keeper.unsaved), timeout=10_000)
        assert a.conversation.composer.editor.toPlainText() == "Written while offline"
        assert a._executor.error_dialog is None

        heard_b = _heard(b)
        private_server.start()
        back_at = time.monotonic()
        qtbot.waitUntil(lambda: not indicator.isVisible(), timeout=15_000)
        print(f"listening again {time.monotonic() - back_at:.1f} s after the server is back")
        # Everything is read again once (notifications were missed), and the draft is saved.
        qtbot.waitUntil(lambda: any(c.listing and c.rules for _t, c in heard_b), timeout=15_000)
        qtbot.waitUntil(lambda: not keeper.unsaved, timeout=40_000)
        assert a.conversation.composer.editor.toPlainText() == "Written while offline"
        check = open_store(url)
        try:
            with check.session() as session:
                draft = load_draft(session, conversation_id, people[0].id)
        finally:
            check.close()
        assert draft is not None and draft.text == "Written while offline"
        # And the seats hear each other again.
        heard_b.clear()
        with a._executor.store.session() as session:  # seat A's own connections
            assign(session, [conversation_id], people[1].id, actor="agent:test")
        qtbot.waitUntil(
            lambda: any(conversation_id in c.conversations for _t, c in heard_b), timeout=5000
        )
