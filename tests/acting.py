"""Who is working in a UI test: an AppState with a stored agent as its person."""

from __future__ import annotations

from PySide6.QtCore import QObject
from sqlalchemy import select

from console.inbox.queries import AgentSummary
from console.store import Store
from console.store.models import Agent
from console.ui.app_state import AppState


def acting_as(store: Store, name: str, parent: QObject | None = None) -> AppState:
    """An application state whose person is the stored agent called ``name``."""
    with store.session() as session:
        agent = session.scalars(select(Agent).where(Agent.name == name)).one()
        person = AgentSummary(agent.id, agent.name, tuple(agent.languages))
    state = AppState(parent)
    state.set_person(person)
    return state
