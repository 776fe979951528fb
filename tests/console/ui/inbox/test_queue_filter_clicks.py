"""The inbox by routing queue, as a lead uses it: the Queue column names each row's queue,
and picking a queue in the filter bar (a click on the combo, a click on the queue) lists
that queue's conversations only."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from console.routing import ensure_queues
from console.store import Store
from console.store.models import Conversation
from console.store.routing_tables import RoutingQueue
from console.ui.inbox.inbox_model import ASSIGNEE, QUEUE, STATUS
from console.ui.main_window import MainWindow

ESCALATED = 4
# The combo's list pops up on the offscreen platform: it cannot raise or grab the keyboard.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
)


@pytest.fixture
def demo_store(demo_store: Store) -> Iterator[Store]:
    """The demo store with its four newest conversations in the escalation queue."""
    with demo_store.session() as session:
        ensure_queues(session)
        escalation = session.scalar(select(RoutingQueue.id).where(RoutingQueue.escalation))
        newest = session.scalars(
            select(Conversation.id)
            .where(Conversation.queue_id.is_(None))
            .order_by(Conversation.last_activity_at.desc())
            .limit(ESCALATED)
        ).all()
        session.execute(
            update(Conversation).where(Conversation.id.in_(newest)).values(queue_id=escalation)
        )
    yield demo_store


def _queue_of(store: Store) -> dict[int, int | None]:
    with store.session() as session:
        awake = select(Conversation.id, Conversation.queue_id).where(
            Conversation.snoozed_until.is_(None)  # what the inbox's All view lists
        )
        return {conversation_id: queue_id for conversation_id, queue_id in session.execute(awake)}


def _pick(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Open the queue combo with a click and click ``text`` in its list."""
    combo = window.filter_bar.queue
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    popup = combo.view()
    qtbot.waitUntil(popup.isVisible, timeout=5000)
    row = combo.findText(text)
    assert row >= 0, text
    cell = popup.visualRect(combo.model().index(row, 0)).center()
    qtbot.mouseMove(popup.viewport(), cell)  # the pointer over the queue makes it current
    qtbot.waitUntil(lambda: popup.currentIndex().row() == row, timeout=5000)
    # A combo ignores a release within a double-click interval of opening (a slow click).
    qtbot.wait(QApplication.doubleClickInterval() + 50)
    with qtbot.waitSignal(window.inbox_model.ids_loaded, timeout=10_000):
        qtbot.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert combo.currentText() == text


def _shown(qtbot: QtBot, window: MainWindow) -> dict[int, str]:
    """Each listed conversation with its Queue cell (once its row is fetched)."""
    model = window.inbox_model
    ids = [model.conversation_id(row) for row in range(model.rowCount())]
    for row in range(model.rowCount()):
        model.index(row, QUEUE).data()  # asks for the row's page
    qtbot.waitUntil(lambda: all(model.cached_row(i or 0) is not None for i in ids), timeout=10_000)
    return {
        model.conversation_id(row) or 0: model.index(row, QUEUE).data()
        for row in range(model.rowCount())
    }


def test_a_lead_lists_the_escalation_queue_then_one_market_queue(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    header = window.inbox_view.horizontalHeader()
    assert window.inbox_model.headerData(QUEUE, Qt.Orientation.Horizontal) == "Queue"
    assert header.visualIndex(QUEUE) == header.visualIndex(STATUS) + 1
    assert header.visualIndex(ASSIGNEE) == header.visualIndex(QUEUE) + 1
    queue_of = _queue_of(demo_store)
    everything = _shown(qtbot, window)
    assert len(everything) == len(queue_of)
    combo = window.filter_bar.queue
    assert isinstance(combo, QComboBox) and combo.currentText() == "All queues"
    assert combo.itemText(1) == "Escalation"  # first, before the markets' queues

    _pick(qtbot, window, "Escalation")
    escalated = _shown(qtbot, window)
    escalation = combo.currentData()
    assert set(escalated) == {i for i, q in queue_of.items() if q == escalation}
    assert len(escalated) == ESCALATED
    assert set(escalated.values()) == {"Escalation"}
    assert "Queue: Escalation" in window.filter_bar.active_filters()

    with demo_store.session() as session:
        market_queue, code = session.execute(
            select(RoutingQueue.id, RoutingQueue.key)
            .join(Conversation, Conversation.queue_id == RoutingQueue.id)
            .where(RoutingQueue.market_id.is_not(None))
            .limit(1)
        ).one()
    code = combo.itemText(combo.findData(market_queue))
    _pick(qtbot, window, code)
    in_market = _shown(qtbot, window)
    assert set(in_market) == {i for i, q in queue_of.items() if q == market_queue}
    assert in_market and set(in_market.values()) == {code}
    assert not set(in_market) & set(escalated)

    _pick(qtbot, window, "All queues")
    assert _shown(qtbot, window) == everything
