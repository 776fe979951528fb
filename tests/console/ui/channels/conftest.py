"""Channel UI fixtures: the seat a person works at (their name goes into the audit)."""

from __future__ import annotations

import pytest

from console.inbox.queries import AgentSummary
from console.ui.app_state import AppState


@pytest.fixture
def seat(qapp: object) -> AppState:
    """Li works at this seat: writes record ``agent:li``."""
    state = AppState()
    state.set_person(AgentSummary(1, "agent:li", ("zh",)))
    return state
