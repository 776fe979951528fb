"""The routing rules editor, used as a lead does (double-click, type, click), and read-only
for agents; the routing explanation in the conversation pane."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.inbox.queries import AgentSummary
from console.store import Store
from console.store.models import Agent, AgentRole, ChannelIdentity
from console.store.routing_tables import AgentCapacity, RoutingQueue, VipCustomer
from console.ui.app_state import AppState
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.main_window import MainWindow
from console.ui.routing.routing_rules_window import RoutingRulesWindow


def _person(store: Store, role: AgentRole) -> AgentSummary:
    with store.session() as session:
        agent = session.scalars(select(Agent).where(Agent.role == role).order_by(Agent.id)).first()
        assert agent is not None
        return AgentSummary(agent.id, agent.name, tuple(agent.languages))


def _editor(qtbot: QtBot, executor: StoreExecutor, person: AgentSummary) -> RoutingRulesWindow:
    state = AppState()
    state.set_person(person)
    window = RoutingRulesWindow(executor, state=state)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.capacities.rowCount() > 0, timeout=5000)
    return window


def _idle(qtbot: QtBot, executor: StoreExecutor) -> None:
    qtbot.waitUntil(lambda: executor.pending == 0, timeout=5000)


def test_a_lead_sets_a_capacity_a_queue_mode_and_a_vip(
    qtbot: QtBot, executor: StoreExecutor, demo_store: Store
) -> None:
    window = _editor(qtbot, executor, _person(demo_store, AgentRole.LEAD))
    view = window.capacity_view
    row = window.capacities.rows[0]
    cell = view.visualRect(window.capacities.index(0, 3)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QSpinBox)
    editor.selectAll()
    qtbot.keyClicks(editor, "3")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.message.text() == "Saved.", timeout=5000)
    _idle(qtbot, executor)
    with demo_store.session() as session:
        stored = session.get(AgentCapacity, row.agent_id)
        assert stored is not None and stored.capacity == 3
    qtbot.waitUntil(lambda: window.capacities.rows[0].version == 1, timeout=5000)

    # Queues: the first market queue is worked by hand from now on (click, space).
    window.tabs.setCurrentIndex(2)
    queues = window.queues_view
    market_row = next(i for i, q in enumerate(window.queues.rows) if not q.escalation)
    queue = window.queues.rows[market_row]
    qtbot.mouseClick(
        queues.viewport(),
        Qt.MouseButton.LeftButton,
        pos=queues.visualRect(window.queues.index(market_row, 1)).center(),
    )
    qtbot.keyClick(queues, Qt.Key.Key_Space)
    _idle(qtbot, executor)
    qtbot.waitUntil(lambda: window.message.text() == "Saved.", timeout=5000)
    with demo_store.session() as session:
        stored_queue = session.get(RoutingQueue, queue.id)
        assert stored_queue is not None and stored_queue.auto_assign is False

    # VIP: typed address, click.
    window.tabs.setCurrentIndex(1)
    with demo_store.session() as session:
        address = session.scalars(
            select(ChannelIdentity.address).order_by(ChannelIdentity.id)
        ).first()
    assert address is not None
    qtbot.keyClicks(window.vip_address, address)
    qtbot.mouseClick(window.add_vip, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.vips.rowCount() == 1, timeout=5000)
    assert window.vip_address.text() == ""
    with demo_store.session() as session:
        assert len(list(session.scalars(select(VipCustomer)))) == 1
    # An unknown address is refused with a sentence, nothing stored.
    qtbot.keyClicks(window.vip_address, "nobody@nowhere.example")
    qtbot.mouseClick(window.add_vip, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "nobody@nowhere.example" in window.message.text(), timeout=5000)
    _idle(qtbot, executor)


def test_an_agent_reads_the_rules_but_cannot_change_them(
    qtbot: QtBot, executor: StoreExecutor, demo_store: Store
) -> None:
    window = _editor(qtbot, executor, _person(demo_store, AgentRole.AGENT))
    qtbot.waitUntil(lambda: window.settings is not None, timeout=5000)
    assert not window.add_vip.isEnabled() and not window.vip_rule.isEnabled()
    assert "Only team leads" in window.capacity_note.text()
    cell = window.capacity_view.visualRect(window.capacities.index(0, 3)).center()
    qtbot.mouseDClick(window.capacity_view.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert not isinstance(QApplication.focusWidget(), QSpinBox)
    _idle(qtbot, executor)


def _vendor_cell(window: RoutingRulesWindow, row: int) -> QPoint:
    return window.queues_view.visualRect(window.queues.index(row, 2)).center()


def _double_click_vendor(qtbot: QtBot, window: RoutingRulesWindow, row: int) -> None:
    """Click, then double-click (a view edits the index the press was on)."""
    viewport = window.queues_view.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=_vendor_cell(window, row))
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=_vendor_cell(window, row))


def test_a_lead_gives_a_queue_to_a_vendor_and_an_agent_cannot(
    qtbot: QtBot, executor: StoreExecutor, demo_store: Store
) -> None:
    window = _editor(qtbot, executor, _person(demo_store, AgentRole.LEAD))
    window.tabs.setCurrentIndex(2)
    view = window.queues_view
    market_row = next(i for i, q in enumerate(window.queues.rows) if not q.escalation)
    queue = window.queues.rows[market_row]
    assert queue.vendor is None
    assert window.queues.index(market_row, 2).data() == "in-house"
    _double_click_vendor(qtbot, window, market_row)
    assert view.state() == QAbstractItemView.State.EditingState
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == ""
    qtbot.keyClicks(editor, "Acme BPO")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.message.text() == "Saved.", timeout=5000)
    _idle(qtbot, executor)
    with demo_store.session() as session:
        stored = session.get(RoutingQueue, queue.id)
        assert stored is not None and stored.vendor == "Acme BPO"
        assert stored.version == queue.version + 1
    qtbot.waitUntil(lambda: window.queues.index(market_row, 2).data() == "Acme BPO", timeout=5000)
    assert window.queues.rows[market_row].version == queue.version + 1
    # The escalation queue stays in-house: its vendor cell does not edit.
    escalation_row = next(i for i, q in enumerate(window.queues.rows) if q.escalation)
    _double_click_vendor(qtbot, window, escalation_row)
    assert view.state() != QAbstractItemView.State.EditingState
    assert not isinstance(QApplication.focusWidget(), QLineEdit)

    # An agent reads the vendor but cannot change it.
    reader = _editor(qtbot, executor, _person(demo_store, AgentRole.AGENT))
    reader.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: reader.queues.index(market_row, 2).data() == "Acme BPO", timeout=5000)
    _double_click_vendor(qtbot, reader, market_row)
    assert reader.queues_view.state() != QAbstractItemView.State.EditingState
    assert not isinstance(QApplication.focusWidget(), QLineEdit)
    _idle(qtbot, executor)
    with demo_store.session() as session:
        stored = session.get(RoutingQueue, queue.id)
        assert stored is not None and stored.vendor == "Acme BPO"


# The window on the offscreen platform (it cannot raise windows or hint sizes).
@pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support propagateSizeHints"
)
def test_the_conversation_pane_explains_routing(qtbot: QtBot, window: MainWindow) -> None:
    from console.store.routing_tables import ConversationRouting

    store = window._executor.store
    with store.session() as session:
        decisions = {
            d.outcome: d.conversation_id for d in session.scalars(select(ConversationRouting))
        }
    assert {"assigned", "waiting"} <= set(decisions)
    for outcome, expected in (("assigned", "Assigned to "), ("waiting", "Waiting in the ")):
        window.show_conversations([decisions[outcome]])
        qtbot.waitUntil(lambda: window.inbox_model.rowCount() == 1, timeout=5000)
        view = window.inbox_view
        qtbot.mouseClick(
            view.viewport(),
            Qt.MouseButton.LeftButton,
            pos=view.visualRect(window.inbox_model.index(0, 1)).center(),
        )
        note = window.conversation.routing_note
        qtbot.waitUntil(lambda: note.isVisible() and note.text().startswith(expected), timeout=5000)  # noqa: B023
    assert "nobody on shift serves" in note.text()
