"""The routing rules' people list names roles in the UI language, as the People window does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.inbox.queries import AgentSummary
from console.store import Store
from console.store.models import Agent, AgentRole
from console.ui.app_state import AppState
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.routing.routing_rules_window import RoutingRulesWindow


def test_the_role_column_says_team_lead_not_the_stored_code(
    qtbot: QtBot, executor: StoreExecutor, demo_store: Store
) -> None:
    with demo_store.session() as session:
        lead = session.scalars(select(Agent).where(Agent.role == AgentRole.LEAD)).first()
        assert lead is not None
        person = AgentSummary(lead.id, lead.name, tuple(lead.languages))
    state = AppState()
    state.set_person(person)
    window = RoutingRulesWindow(executor, state=state)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.capacities.rowCount() > 0, timeout=5000)
    model = window.capacities
    shown = {
        model.index(row, 0).data(): model.index(row, 1).data(Qt.ItemDataRole.DisplayRole)
        for row in range(model.rowCount())
    }
    assert shown[lead.name] == "Team lead"
    assert set(shown.values()) <= {"Agent", "Team lead", "Quality reviewer", "Compliance"}
