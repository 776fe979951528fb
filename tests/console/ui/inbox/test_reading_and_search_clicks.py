"""Where a conversation opens, Esc in search, and an inbox emptied by filters,
done as an agent does them: clicks on inbox rows, typing, Esc, the button."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QRect, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from console.store import Store
from console.store.models import Conversation, Direction, Message
from console.ui.inbox.inbox_model import CUSTOMER
from console.ui.main_window import MainWindow

SCREEN = (1280, 720)
UI_ROWS = 60  # the demo store of the window fixture


def _click_row(qtbot: QtBot, window: MainWindow, conversation_id: int) -> None:
    row = window.inbox_model.row_of(conversation_id)
    assert row is not None
    index = window.inbox_model.index(row, CUSTOMER)
    window.inbox_view.scrollTo(index)
    rect = window.inbox_view.visualRect(index)
    qtbot.mouseClick(window.inbox_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(
        lambda: (
            window.conversation.detail is not None
            and window.conversation.detail.summary.id == conversation_id
        ),
        timeout=5000,
    )
    # The thread view lays out after a delay (and again for banners and translations).
    qtbot.wait(400)
    qtbot.waitUntil(window.store_idle, timeout=5000)


def _rect(window: MainWindow, row: int) -> QRect:
    view = window.conversation.thread_view
    return view.visualRect(window.conversation.model.index(row))


def _in_view(window: MainWindow, row: int) -> bool:
    rect = _rect(window, row)
    viewport = window.conversation.thread_view.viewport().rect()
    if rect.height() > viewport.height():  # taller than the pane: its start is shown
        return viewport.contains(rect.topLeft())
    return viewport.contains(rect)


def _latest_inbound(window: MainWindow) -> int:
    detail = window.conversation.detail
    assert detail is not None
    rows = [r for r, m in enumerate(detail.messages) if m.direction is Direction.INBOUND]
    return rows[-1]


def _longest(store: Store, count: int) -> list[int]:
    with store.session() as session:
        rows = session.execute(
            select(Message.conversation_id)
            .group_by(Message.conversation_id)
            .order_by(func.count().desc(), Message.conversation_id)
            .limit(count)
        ).scalars()
        return list(rows)


def test_a_long_conversation_opens_with_its_latest_customer_message_in_view(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(*SCREEN)
    store = window._executor.store
    longest = _longest(store, 4)
    for conversation_id in longest:
        _click_row(qtbot, window, conversation_id)
        latest = _latest_inbound(window)
        bar = window.conversation.thread_view.verticalScrollBar()
        assert bar.maximum() > 0, "the thread must be longer than the pane for this check"
        assert _in_view(window, latest), (conversation_id, _rect(window, latest))


def test_an_unread_conversation_opens_at_its_first_unread_message(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(*SCREEN)
    store = window._executor.store
    opened = window.controller.conversation_id
    with store.session() as session:
        # Two customer messages unread, in a long thread that is not open yet.
        candidates = [cid for cid in _longest(store, 10) if cid != opened]
        conversation = session.get(Conversation, candidates[0])
        assert conversation is not None
        conversation.unread_count = 2
        conversation_id = conversation.id
        session.commit()
    with qtbot.waitSignal(window.inbox_model.ids_loaded, timeout=5000):
        window.refresh_action.trigger()
    _click_row(qtbot, window, conversation_id)
    detail = window.conversation.detail
    assert detail is not None
    inbound = [r for r, m in enumerate(detail.messages) if m.direction is Direction.INBOUND]
    first_unread = inbound[-2]
    bar = window.conversation.thread_view.verticalScrollBar()
    height = window.conversation.thread_view.viewport().height()
    assert _in_view(window, inbound[-1])
    span = _rect(window, inbound[-1]).bottom() - _rect(window, first_unread).top()
    if span < height:  # both fit: the first unread message starts the view
        assert _in_view(window, first_unread)
        assert _rect(window, first_unread).top() == 0 or bar.value() == bar.maximum()
        assert not _in_view(window, first_unread - 1) or bar.value() == bar.maximum()


def test_the_agent_scrolling_is_not_undone_by_a_later_layout(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(*SCREEN)
    conversation_id = _longest(window._executor.store, 1)[0]
    _click_row(qtbot, window, conversation_id)
    view = window.conversation.thread_view
    bar = view.verticalScrollBar()
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.viewport().rect().center()
    )
    qtbot.keyClick(view, Qt.Key.Key_Home)
    qtbot.waitUntil(lambda: bar.value() == 0, timeout=2000)
    window.resize(SCREEN[0], SCREEN[1] - 120)  # the thread pane gets shorter
    qtbot.wait(400)
    assert bar.value() == 0
    assert view.currentIndex() != QModelIndex()


def _rows_after(qtbot: QtBot, window: MainWindow, act: Callable[[], object]) -> int:
    with qtbot.waitSignal(window.inbox_model.ids_loaded, timeout=5000) as blocker:
        act()
    count = blocker.args[0] if blocker.args else window.inbox_model.rowCount()
    qtbot.waitUntil(window.store_idle, timeout=5000)
    return int(count)


def test_esc_in_search_clears_it_and_shows_the_whole_inbox(
    qtbot: QtBot, window: MainWindow
) -> None:
    search = window.filter_bar.search
    assert window.inbox_model.rowCount() == UI_ROWS
    qtbot.mouseClick(search, Qt.MouseButton.LeftButton)
    found = _rows_after(qtbot, window, lambda: qtbot.keyClicks(search, "refund"))
    assert 0 < found < UI_ROWS
    assert not window.empty_inbox.isVisible()
    rows = _rows_after(qtbot, window, lambda: qtbot.keyClick(search, Qt.Key.Key_Escape))
    assert rows == UI_ROWS
    assert search.text() == ""
    assert window.inbox_model.rowCount() == UI_ROWS
    assert window.inbox_view.hasFocus()


def test_an_inbox_emptied_by_filters_names_them_and_clears_them(
    qtbot: QtBot, window: MainWindow
) -> None:
    bar = window.filter_bar
    qtbot.mouseClick(bar.search, Qt.MouseButton.LeftButton)
    assert _rows_after(qtbot, window, lambda: qtbot.keyClicks(bar.search, "qqzzxxvv")) == 0
    # A status picked with the keyboard, as on a closed combo box.
    bar.status.setFocus()
    _rows_after(qtbot, window, lambda: qtbot.keyClick(bar.status, Qt.Key.Key_Down))
    status = bar.status.currentText()
    empty = window.empty_inbox
    qtbot.waitUntil(empty.isVisible, timeout=3000)
    text = empty.text.text()
    assert "No conversation matches these filters" in text
    assert "“qqzzxxvv”" in text and f"Status: {status}" in text
    assert empty.clear_button.isVisible()
    rows = _rows_after(
        qtbot,
        window,
        lambda: qtbot.mouseClick(empty.clear_button, Qt.MouseButton.LeftButton),
    )
    assert rows == UI_ROWS
    assert not empty.isVisible()
    assert bar.search.text() == "" and bar.status.currentIndex() == 0
    assert bar.active_filters() == []
