"""A change to the rules reaches another open compliance editor through the change bus."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.changes import Changes
from console.inbox.queries import list_agents
from console.store.models import Agent, AgentRole
from console.ui.app_state import AppState
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.policies.compliance_editor import ComplianceEditor


def test_a_review_period_set_in_one_editor_shows_in_the_other(
    qtbot: QtBot, executor: StoreExecutor, translations: object
) -> None:
    with executor.store.session() as session:
        officer_id = session.scalars(
            select(Agent.id).where(Agent.role == AgentRole.COMPLIANCE)
        ).first()
        (officer,) = [agent for agent in list_agents(session) if agent.id == officer_id]
    seat = AppState()
    seat.set_person(officer)
    editing = ComplianceEditor(executor, state=seat)
    watching = ComplianceEditor(executor, state=seat)
    for editor in (editing, watching):
        qtbot.addWidget(editor)
        editor.show()
        qtbot.waitUntil(lambda e=editor: e.access.can_edit and e.markets.rowCount() > 0)
    seen: list[Changes] = []
    executor.changes.changed.connect(seen.append)
    period = watching.period.value() + 30

    editing.period.setValue(period)
    qtbot.mouseClick(editing.period_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: watching.period.value() == period, timeout=10_000)
    assert seen == [Changes(rules=True)]
    assert editing.status.text() == "Saved."
