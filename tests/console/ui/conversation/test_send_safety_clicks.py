"""Sending safely, as an agent does it: ask before an untranslated reply, states, retry, undo."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "channels"))

from mailservers import smtp_server

from console.channels.outbox import SmtpSettings, send_pending
from console.store import Store
from console.store.channel_tables import ChannelOutboxEntry
from console.store.models import ChannelKind, Direction, Message
from console.ui.common.display_names import language_name
from console.ui.conversation.message_delegate import message_html
from console.ui.conversation.undo_send import save_undo_seconds
from console.ui.main_window import MainWindow

# The ask-before-sending box on the offscreen platform: it cannot raise windows.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
)
#: Translation routes in the test environment: Apertium en<->es only, no Argos models.
ROUTED = ("en", "es")


def _open_language(qtbot: QtBot, window: MainWindow, language: str) -> int:
    """Filter the inbox to e-mail conversations in one language; the first one opens."""
    channels = window.filter_bar.channel
    with qtbot.waitSignal(window.inbox_model.ids_loaded, timeout=10_000):
        channels.setCurrentIndex(channels.findData(ChannelKind.EMAIL))
    combo = window.filter_bar.language
    with qtbot.waitSignal(window.inbox_model.ids_loaded, timeout=10_000):
        combo.setCurrentIndex(combo.findData(language))
    qtbot.waitUntil(
        lambda: (
            window.conversation.detail is not None
            and window.conversation.detail.summary.language == language
            and window.conversation.detail.summary.channel is ChannelKind.EMAIL
        ),
        timeout=10_000,
    )
    detail = window.conversation.detail
    assert detail is not None
    return detail.summary.id


def _unrouted_language(window: MainWindow) -> str:
    combo = window.filter_bar.language
    languages = [combo.itemData(i) for i in range(combo.count())]
    return next(lang for lang in languages if isinstance(lang, str) and lang not in ROUTED)


def _outbound(store: Store, conversation_id: int) -> list[Message]:
    with store.session() as session:
        return list(
            session.scalars(
                select(Message)
                .where(Message.conversation_id == conversation_id)
                .where(Message.direction == Direction.OUTBOUND)
                .order_by(Message.id)
            )
        )


def _type_and_send(qtbot: QtBot, window: MainWindow, text: str) -> None:
    editor = window.conversation.composer.editor
    editor.setFocus()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_no_route_asks_and_cancel_sends_nothing(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    language = _unrouted_language(window)
    conversation_id = _open_language(qtbot, window, language)
    before = _outbound(demo_store, conversation_id)
    _type_and_send(qtbot, window, "Your parcel is on its way.")
    qtbot.waitUntil(lambda: window.send_guard.dialog is not None, timeout=60_000)
    dialog = window.send_guard.dialog
    assert dialog is not None
    words = dialog.text() + dialog.informativeText()
    assert language_name(language) in words and "English" in words
    assert dialog.defaultButton() is dialog.keep_editing
    assert "English" in dialog.send_anyway.text()
    qtbot.mouseClick(dialog.keep_editing, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.send_guard.dialog is None, timeout=5000)
    composer = window.conversation.composer
    assert composer.editor.toPlainText() == "Your parcel is on its way."
    assert not composer.editor.isReadOnly() and composer.send_button.isEnabled()
    qtbot.wait(300)
    assert len(_outbound(demo_store, conversation_id)) == len(before)


def test_send_anyway_stores_the_reply_in_the_agents_language(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    save_undo_seconds(0)
    language = _unrouted_language(window)
    conversation_id = _open_language(qtbot, window, language)
    _type_and_send(qtbot, window, "Your parcel is on its way.")
    qtbot.waitUntil(lambda: window.send_guard.dialog is not None, timeout=60_000)
    dialog = window.send_guard.dialog
    assert dialog is not None
    with qtbot.waitSignal(window.controller.reply_stored, timeout=10_000):
        qtbot.mouseClick(dialog.send_anyway, Qt.MouseButton.LeftButton)
    reply = _outbound(demo_store, conversation_id)[-1]
    assert reply.text == "Your parcel is on its way."
    assert reply.language == "en" and reply.composed_text is None


def test_no_mail_server_is_named_at_send_time_and_in_the_thread(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    conversation_id = _open_language(qtbot, window, "en")
    with qtbot.waitSignal(window.controller.reply_stored, timeout=10_000):
        _type_and_send(qtbot, window, "We are looking into it.")
    assert "No channel can deliver" in window.statusBar().currentMessage()
    qtbot.waitUntil(
        lambda: (
            window.conversation.model.rowCount() > 0
            and window.conversation.model.message(window.conversation.model.rowCount() - 1)
            is not None
            and "No channel can deliver"
            in message_html(
                window.conversation.model.message(window.conversation.model.rowCount() - 1)  # type: ignore[arg-type]
            )
        ),
        timeout=10_000,
    )
    assert _outbound(demo_store, conversation_id)[-1].text == "We are looking into it."


def test_a_failed_reply_shows_why_and_retry_by_click_queues_it_again(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    save_undo_seconds(0)
    conversation_id = _open_language(qtbot, window, "en")
    with qtbot.waitSignal(window.controller.reply_stored, timeout=10_000):
        _type_and_send(qtbot, window, "Refund done.")
    with smtp_server() as (handler, port):
        handler.refuse = 550
        settings = SmtpSettings("127.0.0.1", port, "support@shop.example", security="none")
        assert send_pending(demo_store, settings).failed == 1
    # The agent looks at the conversation again.
    view = window.inbox_view
    view.setFocus()
    with qtbot.waitSignal(window.controller.loaded, timeout=10_000):
        qtbot.keyClick(view, Qt.Key.Key_Down)
    with qtbot.waitSignal(window.controller.loaded, timeout=10_000):
        qtbot.keyClick(view, Qt.Key.Key_Up)
    model = window.conversation.model
    qtbot.waitUntil(lambda: model.conversation_id == conversation_id, timeout=10_000)
    row = model.rowCount() - 1
    message = model.message(row)
    assert message is not None and message.delivery is not None
    assert message.delivery.state == "failed"
    shown = message_html(message)
    assert "Failed" in shown and "550" in shown and "Retry" in shown

    thread = window.conversation.thread_view
    thread.scrollToBottom()
    index = model.index(row)
    point = window.conversation.delegate.link_point(
        thread.visualRect(index), message, f"retry:{message.delivery.entry_id}"
    )
    assert point is not None
    qtbot.mouseClick(thread.viewport(), Qt.MouseButton.LeftButton, pos=point)

    def state() -> str:
        with demo_store.session() as session:
            entry = session.scalars(
                select(ChannelOutboxEntry).where(ChannelOutboxEntry.message_id == message.id)
            ).one()
            return entry.state

    qtbot.waitUntil(lambda: state() == "pending", timeout=10_000)


def test_undo_within_the_window_puts_the_text_back_and_nothing_is_sent(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    save_undo_seconds(30)
    conversation_id = _open_language(qtbot, window, "en")
    before = _outbound(demo_store, conversation_id)
    with qtbot.waitSignal(window.controller.reply_held, timeout=10_000):
        _type_and_send(qtbot, window, "Oops, wrong customer.")
    bar = window.undo_bar
    qtbot.waitUntil(lambda: bar.undo_button.isVisible(), timeout=5000)
    assert len(_outbound(demo_store, conversation_id)) == len(before) + 1
    qtbot.waitUntil(lambda: window.conversation.composer.editor.toPlainText() == "", timeout=5000)
    qtbot.mouseClick(bar.undo_button, Qt.MouseButton.LeftButton)
    editor = window.conversation.composer.editor
    qtbot.waitUntil(lambda: editor.toPlainText() == "Oops, wrong customer.", timeout=10_000)
    assert not bar.isVisible()
    assert len(_outbound(demo_store, conversation_id)) == len(before)
    with demo_store.session() as session:
        assert session.scalars(select(ChannelOutboxEntry)).all() == []


def test_a_conversation_stored_without_its_language_still_asks(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    """Mail imported before detection: the thread's detected language decides, not "none"."""
    from console.store.models import Conversation, Customer
    from console.ui.inbox.inbox_model import CUSTOMER

    language = _unrouted_language(window)
    conversation_id = _open_language(qtbot, window, language)
    with demo_store.session() as session:
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None
        conversation.language = None
        customer = session.get(Customer, conversation.customer_id)
        assert customer is not None
        customer.preferred_language = None  # an e-mail sender says nothing of it
    combo = window.filter_bar.language
    with qtbot.waitSignal(window.inbox_model.ids_loaded, timeout=10_000):
        combo.setCurrentIndex(0)  # all languages: the row is listed with none
    row = window.inbox_model.row_of(conversation_id)
    assert row is not None
    view = window.inbox_view
    other = 1 if row == 0 else row - 1
    for target in (other, row):  # away and back, as an agent would: it loads afresh
        view.scrollTo(window.inbox_model.index(target, CUSTOMER))
        with qtbot.waitSignal(window.controller.loaded, timeout=10_000):
            qtbot.mouseClick(
                view.viewport(),
                Qt.MouseButton.LeftButton,
                pos=view.visualRect(window.inbox_model.index(target, CUSTOMER)).center(),
            )
    qtbot.waitUntil(
        lambda: (
            window.conversation.detail is not None
            and window.conversation.detail.summary.id == conversation_id
            and window.conversation.detail.summary.language is None
        ),
        timeout=10_000,
    )
    assert window.conversation.customer_language() == language  # from its messages
    _type_and_send(qtbot, window, "Your parcel is on its way.")
    qtbot.waitUntil(lambda: window.send_guard.dialog is not None, timeout=60_000)
    dialog = window.send_guard.dialog
    assert dialog is not None
    assert language_name(language) in dialog.text() + dialog.informativeText()
    qtbot.mouseClick(dialog.keep_editing, Qt.MouseButton.LeftButton)
