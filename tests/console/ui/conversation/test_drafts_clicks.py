"""Reply drafts as an agent meets them: typed in one conversation, never in another,
back on return and after a restart, marked in the inbox, gone once cleared or sent."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.store import Store
from console.store.models import Direction, Draft, Message
from console.ui.inbox.inbox_model import SUBJECT
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.main_window import MainWindow
from console.ui.settings.settings_dialog import SettingsDialog
from console.ui.settings.ui_language import UiLanguage

CTRL = Qt.KeyboardModifier.ControlModifier


def _open_id(window: MainWindow) -> int:
    detail = window.conversation.detail
    assert detail is not None
    return detail.summary.id


def _drafts(store: Store, conversation_id: int) -> list[tuple[str, str | None]]:
    with store.session() as session:
        rows = session.scalars(select(Draft).where(Draft.conversation_id == conversation_id))
        return [(row.text, row.outgoing_text) for row in rows]


def _replies(store: Store, conversation_id: int) -> list[str]:
    with store.session() as session:
        return list(
            session.scalars(
                select(Message.text).where(
                    Message.conversation_id == conversation_id,
                    Message.direction == Direction.OUTBOUND,
                )
            )
        )


def _subject_text(window: MainWindow, conversation_id: int) -> str:
    row = window.inbox_model.row_of(conversation_id)
    assert row is not None
    return str(window.inbox_model.index(row, SUBJECT).data())


def _move(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> int:
    """Up or Down in the inbox, as the agent does; returns the conversation then shown."""
    window.inbox_view.setFocus()
    with qtbot.waitSignal(window.controller.loaded, timeout=5000):
        qtbot.keyClick(window.inbox_view, key)
    qtbot.waitUntil(lambda: window._executor.pending == 0, timeout=5000)
    return _open_id(window)


def _type(qtbot: QtBot, window: MainWindow, text: str) -> None:
    editor = window.conversation.composer.editor
    qtbot.waitUntil(editor.isEnabled, timeout=5000)
    editor.setFocus()
    qtbot.keyClicks(editor, text)


def _open_english(qtbot: QtBot, window: MainWindow) -> None:
    """Only English conversations: replies go out without waiting for a translation."""
    combo = window.filter_bar.language
    with qtbot.waitSignal(window.inbox_model.ids_loaded, timeout=10_000):
        combo.setCurrentIndex(combo.findData("en"))
    qtbot.waitUntil(
        lambda: (
            window.conversation.detail is not None
            and window.conversation.detail.summary.language == "en"
            and window.controller.conversation_id == window.draft_keeper.conversation_id
            and window._executor.pending == 0
        ),
        timeout=10_000,
    )


def test_a_draft_never_follows_to_another_conversation(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    first = _open_id(window)
    _type(qtbot, window, "Refund for order 7781 is on its way")
    second = _move(qtbot, window, Qt.Key.Key_Down)
    assert second != first
    composer = window.conversation.composer
    assert composer.editor.toPlainText() == ""
    # Ctrl+Enter in the other conversation sends nothing at all.
    before = _replies(demo_store, second)
    composer.editor.setFocus()
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return, CTRL)
    qtbot.wait(200)
    qtbot.waitUntil(lambda: window._executor.pending == 0, timeout=5000)
    assert _replies(demo_store, second) == before
    # What was written is kept for the conversation it was written in, at once.
    assert _drafts(demo_store, first) == [("Refund for order 7781 is on its way", None)]
    assert _drafts(demo_store, second) == []


def test_moving_on_before_the_pause_keeps_the_text_and_back_restores_it(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    first = _open_id(window)
    _type(qtbot, window, "Dear customer, {withdrawal_deadline} is the last day")
    _move(qtbot, window, Qt.Key.Key_Down)
    assert window.conversation.composer.editor.toPlainText() == ""
    assert _move(qtbot, window, Qt.Key.Key_Up) == first
    editor = window.conversation.composer.editor
    qtbot.waitUntil(
        lambda: editor.toPlainText() == "Dear customer, {withdrawal_deadline} is the last day",
        timeout=5000,
    )
    # Typing on continues at the end of the restored text.
    editor.setFocus()
    qtbot.keyClicks(editor, ".")
    assert editor.toPlainText().endswith("last day.")


def test_the_draft_is_saved_while_typing_and_a_restart_brings_it_back(
    qtbot: QtBot,
    window: MainWindow,
    demo_store: Store,
    executor: StoreExecutor,
    translations: UiLanguage,
) -> None:
    first = _open_id(window)
    _type(qtbot, window, "Half a reply, then the power went out")
    # Saved after a pause in typing, without leaving the conversation or closing.
    qtbot.waitUntil(
        lambda: _drafts(demo_store, first) == [("Half a reply, then the power went out", None)],
        timeout=5000,
    )
    qtbot.waitUntil(lambda: _subject_text(window, first).startswith("[Draft] "), timeout=5000)

    again = MainWindow(executor, translations)  # as if the console started anew
    qtbot.addWidget(again)
    again.start_channels = False
    with qtbot.waitSignal(again.ready, timeout=15_000):
        again.show()
    try:
        assert _open_id(again) == first
        qtbot.waitUntil(
            lambda: (
                again.conversation.composer.editor.toPlainText()
                == "Half a reply, then the power went out"
            ),
            timeout=5000,
        )
        assert _subject_text(again, first).startswith("[Draft] ")
    finally:
        again.shutdown()
        qtbot.waitUntil(lambda: executor.pending == 0, timeout=10_000)


def test_a_restore_for_a_conversation_left_behind_never_fills_the_box(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    _move(qtbot, window, Qt.Key.Key_Down)
    second = _open_id(window)
    _type(qtbot, window, "Only for the second customer")
    _move(qtbot, window, Qt.Key.Key_Up)
    assert _drafts(demo_store, second) == [("Only for the second customer", None)]
    # Through the second conversation to the third without waiting for anything.
    window.inbox_view.setFocus()
    qtbot.keyClick(window.inbox_view, Qt.Key.Key_Down)
    qtbot.keyClick(window.inbox_view, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window._executor.pending == 0, timeout=5000)
    qtbot.wait(100)  # queued deliveries, if any were wrongly left
    third = _open_id(window)
    assert third not in (second,)
    assert window.draft_keeper.conversation_id == third
    assert window.conversation.composer.editor.toPlainText() == ""


def test_the_inbox_marks_a_draft_and_clearing_the_box_removes_it(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    first = _open_id(window)
    assert not _subject_text(window, first).startswith("[Draft] ")
    _type(qtbot, window, "Let me check")
    qtbot.waitUntil(lambda: _subject_text(window, first).startswith("[Draft] "), timeout=5000)
    assert _drafts(demo_store, first) == [("Let me check", None)]

    editor = window.conversation.composer.editor
    qtbot.keyClick(editor, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    assert editor.toPlainText() == ""
    qtbot.waitUntil(lambda: _drafts(demo_store, first) == [], timeout=5000)
    qtbot.waitUntil(lambda: not _subject_text(window, first).startswith("[Draft] "), timeout=5000)
    # Nothing comes back on return either.
    _move(qtbot, window, Qt.Key.Key_Down)
    _move(qtbot, window, Qt.Key.Key_Up)
    qtbot.wait(100)
    assert editor.toPlainText() == ""


def test_sending_empties_the_box_and_removes_the_draft(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    _open_english(qtbot, window)
    first = _open_id(window)
    _type(qtbot, window, "Your parcel left our warehouse today.")
    qtbot.waitUntil(lambda: _subject_text(window, first).startswith("[Draft] "), timeout=5000)
    composer = window.conversation.composer
    with qtbot.waitSignal(window.controller.reply_stored, timeout=10_000):
        qtbot.keyClick(composer.editor, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: composer.editor.toPlainText() == "", timeout=5000)
    qtbot.waitUntil(lambda: window._executor.pending == 0, timeout=5000)
    assert _drafts(demo_store, first) == []
    assert "Your parcel left our warehouse today." in _replies(demo_store, first)
    qtbot.waitUntil(lambda: not _subject_text(window, first).startswith("[Draft] "), timeout=5000)
    # Going away and back brings nothing back.
    _move(qtbot, window, Qt.Key.Key_Down)
    _move(qtbot, window, Qt.Key.Key_Up)
    qtbot.wait(100)
    assert composer.editor.toPlainText() == ""


def test_each_conversation_sends_only_its_own_text(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    _open_english(qtbot, window)
    first = _open_id(window)
    _type(qtbot, window, "Text for the first customer")
    second = _move(qtbot, window, Qt.Key.Key_Down)
    _type(qtbot, window, "Text for the second customer")
    with qtbot.waitSignal(window.controller.reply_stored, timeout=10_000):
        qtbot.keyClick(window.conversation.composer.editor, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: window._executor.pending == 0, timeout=5000)
    sent = _replies(demo_store, second)
    assert "Text for the second customer" in sent
    assert not any("first customer" in text for text in sent)
    assert "Text for the first customer" not in _replies(demo_store, first)
    assert _drafts(demo_store, first) == [("Text for the first customer", None)]


@pytest.mark.skipif(shutil.which("apertium") is None, reason="needs Apertium (.ci/setup)")
def test_the_edited_customer_language_text_comes_back_too(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    combo = window.filter_bar.language
    with qtbot.waitSignal(window.inbox_model.ids_loaded, timeout=10_000):
        combo.setCurrentIndex(combo.findData("es"))
    qtbot.waitUntil(
        lambda: (
            window.conversation.detail is not None
            and window.conversation.detail.summary.language == "es"
            and window.controller.conversation_id == window.draft_keeper.conversation_id
            and window._executor.pending == 0
        ),
        timeout=10_000,
    )
    first = _open_id(window)
    panel = window.conversation.reply_translation
    assert panel is not None and panel.active
    with qtbot.waitSignal(panel.draft_ready, timeout=30_000):
        _type(qtbot, window, "Your order has shipped.")
    panel.target.setFocus()
    qtbot.keyClick(panel.target, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(panel.target, " Saludos")
    edited = panel.target.toPlainText()
    assert edited.endswith(" Saludos")
    qtbot.waitUntil(
        lambda: _drafts(demo_store, first) == [("Your order has shipped.", edited)], timeout=5000
    )
    _move(qtbot, window, Qt.Key.Key_Down)
    assert panel.target.toPlainText() != edited
    _move(qtbot, window, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: panel.target.toPlainText() == edited, timeout=5000)
    assert window.conversation.composer.editor.toPlainText() == "Your order has shipped."
    qtbot.wait(800)  # past the translation pause: the agent's edit is not overwritten
    assert panel.target.toPlainText() == edited


def _sign_in_as_next_agent(qtbot: QtBot, window: MainWindow) -> None:
    """Settings → "Signed in as": the next agent in the list, then OK."""
    done: list[bool] = []

    def choose_when_open() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SettingsDialog):
            return
        poll.stop()
        agents = dialog.findChild(QComboBox, "agentChoice")
        assert agents is not None
        agents.setFocus()
        qtbot.keyClick(agents, Qt.Key.Key_Down)
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        done.append(True)

    poll = QTimer()
    poll.setInterval(20)
    poll.timeout.connect(choose_when_open)
    poll.start()
    window.settings_action.trigger()  # Ctrl+, (the dialog runs its own event loop)
    poll.stop()
    assert done


def test_drafts_belong_to_the_agent_signed_in(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    first = _open_id(window)
    me = window.controller.agent_id
    assert me is not None
    _type(qtbot, window, "Written by the first agent")
    _sign_in_as_next_agent(qtbot, window)
    assert window.controller.agent_id not in (None, me)
    editor = window.conversation.composer.editor
    assert editor.toPlainText() == ""
    qtbot.waitUntil(lambda: window._executor.pending == 0, timeout=5000)
    with demo_store.session() as session:
        rows = session.scalars(select(Draft).where(Draft.conversation_id == first)).all()
        assert [(row.agent_key, row.text) for row in rows] == [(me, "Written by the first agent")]
    _type(qtbot, window, "The second agent's own reply")
    qtbot.waitUntil(lambda: len(_drafts(demo_store, first)) == 2, timeout=5000)
    # Moving away and back shows the second agent's text, not the first's.
    _move(qtbot, window, Qt.Key.Key_Down)
    _move(qtbot, window, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: editor.toPlainText() == "The second agent's own reply", timeout=5000)
