"""Resolve, reopen, wait, snooze, prioritise and assign, done as an agent does them:
buttons in the thread header, the inbox's context menu over several rows, the keyboard."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from popup_menus import click_menu_entry, press_menu_button
from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.inbox.queries import InboxView
from console.store import Store
from console.store.models import AuditEntry, Conversation, ConversationStatus, Priority
from console.ui.inbox.filter_bar import VIEWS
from console.ui.inbox.inbox_model import CUSTOMER
from console.ui.main_window import MainWindow

# Popup menus on the offscreen platform: it cannot raise windows or grab the keyboard.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
)


def _open_id(window: MainWindow) -> int:
    detail = window.conversation.detail
    assert detail is not None
    return detail.summary.id


def _stored(store: Store, conversation_id: int) -> Conversation:
    with store.session() as session:
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None
        return conversation


def _button(window: MainWindow, name: str) -> QToolButton:
    button = window.conversation.findChild(QToolButton, name)
    assert button is not None and button.isVisible(), name
    return button


def _after_reload(qtbot: QtBot, window: MainWindow, act: Callable[[], None]) -> None:
    with qtbot.waitSignal(window.inbox_model.ids_loaded, timeout=5000):
        act()
    qtbot.waitUntil(lambda: window._executor.pending == 0, timeout=5000)


def test_resolve_from_the_header_then_reopen_from_the_keyboard(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    conversation_id = _open_id(window)
    _after_reload(
        qtbot,
        window,
        lambda: qtbot.mouseClick(_button(window, "resolveButton"), Qt.MouseButton.LeftButton),
    )
    assert _stored(demo_store, conversation_id).status is ConversationStatus.RESOLVED
    qtbot.waitUntil(lambda: "Resolved" in window.conversation.subtitle.text(), timeout=5000)
    assert not _button(window, "resolveButton").isEnabled()

    window.activateWindow()
    window.inbox_view.setFocus()
    _after_reload(
        qtbot,
        window,
        lambda: qtbot.keyClick(
            window.inbox_view,
            Qt.Key.Key_E,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        ),
    )
    assert _stored(demo_store, conversation_id).status is ConversationStatus.OPEN
    with demo_store.session() as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.entity_id == conversation_id)
        ).all()
    assert actions[-2:] == ["set_status", "set_status"]


def test_waiting_on_customer_from_its_shortcut(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    conversation_id = _open_id(window)
    window.activateWindow()
    window.inbox_view.setFocus()
    _after_reload(
        qtbot,
        window,
        lambda: qtbot.keyClick(
            window.inbox_view,
            Qt.Key.Key_W,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        ),
    )
    assert _stored(demo_store, conversation_id).status is ConversationStatus.PENDING


def test_resolve_several_rows_from_the_inbox_context_menu(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    view = window.inbox_view
    ids = [window.inbox_model.conversation_id(row) for row in range(3)]
    first = view.visualRect(window.inbox_model.index(0, CUSTOMER)).center()
    third = view.visualRect(window.inbox_model.index(2, CUSTOMER)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=first)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, pos=third
    )
    assert len(view.selectionModel().selectedRows()) == 3
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.RightButton, pos=third)
    # What the platform sends after a right click (QTest's click alone does not).
    QApplication.sendEvent(
        view.viewport(),
        QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse, third, view.viewport().mapToGlobal(third)
        ),
    )
    assert len(view.selectionModel().selectedRows()) == 3
    _after_reload(qtbot, window, lambda: click_menu_entry(qtbot, "Resolve"))
    for conversation_id in ids:
        assert conversation_id is not None
        assert _stored(demo_store, conversation_id).status is ConversationStatus.RESOLVED


def test_snooze_for_an_hour_hides_it_until_then(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    conversation_id = _open_id(window)
    _after_reload(
        qtbot,
        window,
        lambda: press_menu_button(qtbot, _button(window, "snoozeButton"), "For an hour"),
    )
    assert _stored(demo_store, conversation_id).snoozed_until is not None
    assert window.inbox_model.row_of(conversation_id) is None  # out of the All view

    tabs = window.filter_bar.views
    snoozed_tab = tabs.tabRect(VIEWS.index(InboxView.SNOOZED)).center()
    assert "(1)" in tabs.tabText(VIEWS.index(InboxView.SNOOZED))
    _after_reload(
        qtbot, window, lambda: qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=snoozed_tab)
    )
    assert window.inbox_model.rowCount() == 1
    assert window.inbox_model.conversation_id(0) == conversation_id


def test_assign_to_me_fills_the_mine_view_and_priority_from_the_header(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    conversation_id = _open_id(window)
    me = window.controller.agent_id
    assert me is not None
    _after_reload(
        qtbot,
        window,
        lambda: press_menu_button(qtbot, _button(window, "assignButton"), "Assign to me"),
    )
    assert _stored(demo_store, conversation_id).assignee_id == me

    _after_reload(
        qtbot,
        window,
        lambda: press_menu_button(qtbot, _button(window, "priorityButton"), "Urgent"),
    )
    assert Priority(_stored(demo_store, conversation_id).priority) is Priority.URGENT
    qtbot.waitUntil(lambda: "Urgent" in window.conversation.subtitle.text(), timeout=5000)

    tabs = window.filter_bar.views
    mine = tabs.tabRect(VIEWS.index(InboxView.MINE)).center()
    _after_reload(
        qtbot, window, lambda: qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=mine)
    )
    shown = {window.inbox_model.conversation_id(r) for r in range(window.inbox_model.rowCount())}
    assert conversation_id in shown
    with demo_store.session() as session:
        assigned = session.scalars(
            select(Conversation.id).where(Conversation.assignee_id == me)
        ).all()
    assert shown == set(assigned)
