"""Customer → Export data, Customer → Erase… and the retention editor, clicked in a window.

The export folder comes through the seam ``CustomerDataRequests.choose_export_folder``
(a native folder dialog cannot be clicked offscreen); everything after it is the real path:
store lane, file lane, audit.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from console.inbox.queries import AgentSummary
from console.store import Store
from console.store.models import Agent, AuditEntry, ChannelIdentity, Conversation
from console.store.privacy_tables import DataSubjectRequest, RetentionRule
from console.ui.app_state import AppState
from console.ui.customers.data_requests import CustomerDataRequests
from console.ui.lanes.store_executor import StoreExecutor

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
    "This plugin does not support propagateSizeHints",
)


def _person(store: Store, name: str) -> AgentSummary:
    with store.session() as session:
        agent = session.scalars(select(Agent).where(Agent.name == name)).one()
        return AgentSummary(agent.id, agent.name, tuple(agent.languages))


def _click_menu(qtbot: QtBot, menu: QMenu, action: QAction) -> None:
    menu.popup(QPoint(0, 0))
    qtbot.waitUntil(menu.isVisible)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


def _host(
    qtbot: QtBot, executor: StoreExecutor, person: str
) -> tuple[QMainWindow, AppState, CustomerDataRequests, int, int]:
    store = executor.store
    with store.session() as session:
        conversation_id, customer_id = session.execute(
            select(Conversation.id, Conversation.customer_id).order_by(Conversation.id).limit(1)
        ).one()
    host = QMainWindow()
    qtbot.addWidget(host)
    state = AppState(host)
    state.set_person(_person(store, person))
    requests = CustomerDataRequests(executor, host.menuBar(), state=state, parent=host)
    host.show()
    state.set_conversation(conversation_id)
    return host, state, requests, conversation_id, customer_id


def test_export_then_erase_with_reason(
    qtbot: QtBot, executor: StoreExecutor, tmp_path: Path
) -> None:
    store = executor.store
    _host_window, _state, requests, conversation_id, customer_id = _host(
        qtbot, executor, "Zhou Xin"
    )
    out = tmp_path / "exports"
    requests.choose_export_folder = lambda _parent: out
    with qtbot.waitSignal(requests.exported, timeout=10_000) as exported:
        _click_menu(qtbot, requests.menu, requests.export_action)
    folder = exported.args[0]
    assert isinstance(folder, Path) and folder.parent == out
    data = json.loads((folder / "customer.json").read_text(encoding="utf-8"))
    assert data["customer_id"] == customer_id
    assert conversation_id in {row["id"] for row in data["tables"]["conversations"]}
    assert (folder / "customer.html").exists()

    _click_menu(qtbot, requests.menu, requests.erase_action)
    qtbot.waitUntil(lambda: requests.erase_dialog is not None and requests.erase_dialog.isVisible())
    dialog = requests.erase_dialog
    assert dialog is not None
    assert not dialog.erase_button.isEnabled()  # no reason yet
    qtbot.mouseClick(dialog.reason, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.reason, "Deletion request of 2 Dec")
    assert dialog.erase_button.isEnabled()
    with qtbot.waitSignal(requests.erased, timeout=20_000) as erased:
        qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    assert erased.args[0].customer_id == customer_id
    with store.session() as session:
        assert (
            session.scalar(
                select(func.count())
                .select_from(ChannelIdentity)
                .where(ChannelIdentity.customer_id == customer_id)
            )
            == 0
        )
        tombstone = session.scalars(select(DataSubjectRequest)).one()
        assert (tombstone.requested_by, tombstone.reason) == (
            "Zhou Xin",
            "Deletion request of 2 Dec",
        )
        actions = set(session.scalars(select(AuditEntry.action)))
        assert {"customer_export", "customer_erase"} <= actions


def test_erase_cancelled_changes_nothing(qtbot: QtBot, executor: StoreExecutor) -> None:
    _w, _s, requests, _conversation, _customer = _host(qtbot, executor, "Zhou Xin")
    _click_menu(qtbot, requests.menu, requests.erase_action)
    qtbot.waitUntil(lambda: requests.erase_dialog is not None and requests.erase_dialog.isVisible())
    dialog = requests.erase_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.reason, "changed my mind")
    cancel = dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: executor.pending == 0)
    with executor.store.session() as session:
        assert session.scalar(select(func.count()).select_from(DataSubjectRequest)) == 0


def test_retention_editor_for_compliance_and_for_an_agent(
    qtbot: QtBot, executor: StoreExecutor
) -> None:
    _w, state, requests, _conversation, _customer = _host(qtbot, executor, "Zhou Xin")
    _click_menu(qtbot, requests.menu, requests.retention_action)
    qtbot.waitUntil(lambda: requests.retention_editor is not None)
    editor = requests.retention_editor
    assert editor is not None
    qtbot.waitUntil(lambda: editor.model.rowCount() > 0 and editor.set_button.isEnabled())
    market = editor.model.rule(0)
    assert market is not None
    editor.months.clear()
    qtbot.keyClicks(editor.months, "18")
    qtbot.mouseClick(editor.set_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Saved" in editor.status.text(), timeout=5000)
    with executor.store.session() as session:
        rule = session.get(RetentionRule, market.market_code)
        assert rule is not None and rule.resolved_months == 18
    qtbot.waitUntil(
        lambda: editor.model.rule(0) is not None and editor.model.rule(0).resolved_months == 18
    )  # type: ignore[union-attr]
    qtbot.mouseClick(editor.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "would be erased today" in editor.preview_summary.text())
    from datetime import UTC, datetime

    from console.privacy.retention import retention_preview

    with executor.store.session() as session:
        expected = len(retention_preview(session, datetime.now(UTC).date()))
    assert editor.preview_model.rowCount() == expected
    assert editor.preview_summary.text().startswith(str(expected))
    # an agent sees the rules but cannot change them
    state.set_person(_person(executor.store, "Zhang Min"))
    qtbot.waitUntil(lambda: not editor.may_edit and not editor.set_button.isEnabled())
    assert "Only compliance staff" in editor.access_note.text()
    editor.close()
