"""Two seats on one store (two windows, two executors, two connections to the same file):
each sees who else has the conversation open or is writing, and a reply that crossed
the other's is held with theirs shown first (send anyway / discard)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.inbox.queries import AgentSummary
from console.store import Store, open_store
from console.store.models import Agent, Direction, Draft, Message
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.main_window import MainWindow
from console.ui.settings.ui_language import UiLanguage

BEAT_MS = 150  # the heartbeat, short for the test (10 s in use)


@pytest.fixture
def seats(
    qtbot: QtBot,
    window: MainWindow,
    demo_store: Store,
    translations: UiLanguage,
) -> Iterator[tuple[MainWindow, MainWindow]]:
    """Window a (the usual fixture) and window b on its own executor and connection."""
    other_store = open_store(str(demo_store.url), create=False)
    other_executor = StoreExecutor(other_store)
    other = MainWindow(other_executor, translations)
    other.start_channels = other.translate_in_background = False
    qtbot.addWidget(other)
    with qtbot.waitSignal(other.ready, timeout=15_000):
        other.show()
    with demo_store.session() as session:
        agents = list(session.scalars(select(Agent).order_by(Agent.id).limit(2)))
        people = [AgentSummary(a.id, a.name, tuple(a.languages)) for a in agents]
    window.state.set_person(people[0])
    other.state.set_person(people[1])
    for seat in (window, other):
        seat.presence._heartbeat.setInterval(BEAT_MS)
    _open_english(qtbot, window)
    _open_english(qtbot, other)
    assert window.controller.conversation_id == other.controller.conversation_id
    yield window, other
    # No event loop here: pytest-qt has already closed both windows and asked to delete
    # them, and window a's own fixture still shuts it down after this.
    other.shutdown()
    other_executor.shutdown()  # finishes queued work
    other_store.close()


def _open_english(qtbot: QtBot, window: MainWindow) -> None:
    """The first English conversation: replies go out without waiting for a translation."""
    combo = window.filter_bar.language
    with qtbot.waitSignal(window.inbox_model.ids_loaded, timeout=10_000):
        combo.setCurrentIndex(combo.findData("en"))
    qtbot.waitUntil(
        lambda: (
            window.conversation.detail is not None
            and window.conversation.detail.summary.language == "en"
            and window.controller.conversation_id == window.draft_keeper.conversation_id
        ),
        timeout=10_000,
    )


def _type(qtbot: QtBot, window: MainWindow, text: str) -> None:
    editor = window.conversation.composer.editor
    qtbot.waitUntil(editor.isEnabled, timeout=5000)
    qtbot.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor, text)


def _send(qtbot: QtBot, window: MainWindow) -> None:
    button = window.conversation.composer.send_button
    qtbot.waitUntil(button.isEnabled, timeout=5000)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _replies(store: Store, conversation_id: int) -> list[str]:
    with store.session() as session:
        return list(
            session.scalars(
                select(Message.text)
                .where(
                    Message.conversation_id == conversation_id,
                    Message.direction == Direction.OUTBOUND,
                )
                .order_by(Message.id)
            )
        )


def _thread_texts(window: MainWindow) -> list[str]:
    detail = window.conversation.detail
    return [m.text for m in detail.messages] if detail is not None else []


def test_each_seat_sees_who_else_has_it_open_and_who_is_writing(
    qtbot: QtBot, seats: tuple[MainWindow, MainWindow]
) -> None:
    a, b = seats
    line_a, line_b = a.conversation.presence_line, b.conversation.presence_line
    name_a, name_b = a.state.actor, b.state.actor
    qtbot.waitUntil(lambda: line_a.isVisible() and line_b.isVisible(), timeout=5000)
    assert line_a.text() == f"Also open: {name_b}"
    assert line_b.text() == f"Also open: {name_a}"

    _type(qtbot, b, "Looking into it")
    qtbot.waitUntil(lambda: line_a.text() == f"{name_b} is writing a reply", timeout=5000)
    b.conversation.composer.editor.selectAll()
    qtbot.keyClick(b.conversation.composer.editor, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: line_a.text() == f"Also open: {name_b}", timeout=5000)

    # b moves to another conversation: a is alone again.
    b.inbox_view.setFocus()
    with qtbot.waitSignal(b.controller.loaded, timeout=5000):
        qtbot.keyClick(b.inbox_view, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: not line_a.isVisible(), timeout=5000)
    assert not line_b.isVisible()


def test_a_reply_that_crossed_the_others_is_held_then_sent_anyway(
    qtbot: QtBot, seats: tuple[MainWindow, MainWindow], demo_store: Store
) -> None:
    a, b = seats
    conversation_id = a.controller.conversation_id
    assert conversation_id is not None
    before = _replies(demo_store, conversation_id)
    _type(qtbot, a, "We have sent a replacement.")
    _type(qtbot, b, "Let me check with the warehouse.")
    with qtbot.waitSignal(a.controller.reply_stored, timeout=10_000):
        _send(qtbot, a)
    with qtbot.waitSignal(b.controller.reply_crossed, timeout=10_000):
        _send(qtbot, b)
    qtbot.waitUntil(lambda: b.crossed_reply.dialog is not None, timeout=5000)
    dialog = b.crossed_reply.dialog
    assert dialog is not None
    assert a.state.actor in dialog.text()
    assert "We have sent a replacement." in dialog.informativeText()
    # Their reply is shown first, in b's thread; b's own is not stored.
    qtbot.waitUntil(lambda: "We have sent a replacement." in _thread_texts(b), timeout=5000)
    assert _replies(demo_store, conversation_id) == [*before, "We have sent a replacement."]
    assert b.conversation.composer.editor.toPlainText() == "Let me check with the warehouse."

    with qtbot.waitSignal(b.controller.reply_stored, timeout=10_000):
        qtbot.mouseClick(dialog.send_anyway, Qt.MouseButton.LeftButton)
    assert _replies(demo_store, conversation_id) == [
        *before,
        "We have sent a replacement.",
        "Let me check with the warehouse.",
    ]
    qtbot.waitUntil(lambda: b.conversation.composer.editor.toPlainText() == "", timeout=5000)


def test_a_held_reply_discarded_leaves_nothing(
    qtbot: QtBot, seats: tuple[MainWindow, MainWindow], demo_store: Store
) -> None:
    a, b = seats
    conversation_id = a.controller.conversation_id
    assert conversation_id is not None
    before = _replies(demo_store, conversation_id)
    _type(qtbot, b, "Let me check with the warehouse.")
    _type(qtbot, a, "We have sent a replacement.")
    with qtbot.waitSignal(a.controller.reply_stored, timeout=10_000):
        _send(qtbot, a)
    with qtbot.waitSignal(b.controller.reply_crossed, timeout=10_000):
        _send(qtbot, b)
    qtbot.waitUntil(lambda: b.crossed_reply.dialog is not None, timeout=5000)
    dialog = b.crossed_reply.dialog
    assert dialog is not None
    qtbot.mouseClick(dialog.discard, Qt.MouseButton.LeftButton)
    editor = b.conversation.composer.editor
    qtbot.waitUntil(lambda: editor.toPlainText() == "" and not editor.isReadOnly(), timeout=5000)
    qtbot.waitUntil(lambda: b._executor.pending == 0, timeout=5000)
    assert _replies(demo_store, conversation_id) == [*before, "We have sent a replacement."]
    with demo_store.session() as session:
        drafts = session.scalars(
            select(Draft.text).where(
                Draft.conversation_id == conversation_id, Draft.agent_key == b.state.person_id
            )
        ).all()
    assert drafts == []
