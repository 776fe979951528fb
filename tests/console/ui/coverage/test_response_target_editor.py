"""The market's first-response target is edited with its support hours in the planner."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from acting import acting_as
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from console.coverage.demo_rota import seed_demo_rota
from console.demo.generator import DEMO_NOW
from console.kpis.targets import first_response_target
from console.store.kpi_tables import DEFAULT_FIRST_RESPONSE_TARGET_MINUTES
from console.ui.coverage.planner import CoveragePlanner
from console.ui.lanes.store_executor import StoreExecutor


@pytest.fixture
def planner(qtbot: QtBot, executor: StoreExecutor) -> Iterator[CoveragePlanner]:
    with executor.store.session() as session:
        seed_demo_rota(session)
    widget = CoveragePlanner(executor, state=acting_as(executor.store, "Li Wei"))
    qtbot.addWidget(widget)
    widget.show()
    with qtbot.waitSignal(widget.ready, timeout=10_000):
        widget.show_week(DEMO_NOW)
    yield widget
    qtbot.waitUntil(lambda: executor.pending == 0, timeout=10_000)


def test_target_is_read_typed_and_saved(
    qtbot: QtBot, planner: CoveragePlanner, executor: StoreExecutor
) -> None:
    assert planner.plan is not None
    dach = next(m.id for m in planner.plan.markets if m.code == "DACH")
    dialog = planner.edit_hours(dach)
    assert dialog is not None
    spin = dialog.target_edit
    qtbot.waitUntil(spin.isEnabled, timeout=5000)  # the stored target was read
    assert spin.value() == DEFAULT_FIRST_RESPONSE_TARGET_MINUTES
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "45")
    qtbot.keyClick(spin, Qt.Key.Key_Tab)
    assert spin.value() == 45
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        assert dialog.save()
    with executor.store.session() as session:
        assert first_response_target(session, dach) == 45
