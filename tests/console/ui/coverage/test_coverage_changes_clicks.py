"""Coverage changes travel on the change bus: an assignment ticked in one planner shows in
another planner window, and support hours saved from the planner reach the team dashboard."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from acting import acting_as
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from console.coverage.demo_rota import seed_demo_rota
from console.demo.generator import DEMO_NOW
from console.kpis.queries import Slice
from console.ui.coverage.planner import CoveragePlanner
from console.ui.dashboard.team_dashboard import TeamDashboard
from console.ui.lanes.store_executor import StoreExecutor


def _click(qtbot: QtBot, widget: QWidget, at: QPoint | None = None) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=at or widget.rect().center())


@pytest.fixture
def planners(
    qtbot: QtBot, executor: StoreExecutor
) -> Iterator[tuple[CoveragePlanner, CoveragePlanner]]:
    with executor.store.session() as session:
        seed_demo_rota(session)
    state = acting_as(executor.store, "Li Wei")
    pair = []
    for _ in range(2):
        widget = CoveragePlanner(executor, state=state, clock=lambda: DEMO_NOW)
        qtbot.addWidget(widget)
        widget.resize(1280, 720)
        widget.show()
        with qtbot.waitSignal(widget.ready, timeout=10_000):
            widget.show_week(DEMO_NOW)
        pair.append(widget)
    yield pair[0], pair[1]
    qtbot.waitUntil(lambda: executor.pending == 0, timeout=10_000)


def _select_market(qtbot: QtBot, planner: CoveragePlanner, code: str) -> int:
    """Click the market's name in the grid's row header."""
    assert planner.plan is not None
    market = next(m for m in planner.plan.markets if m.code == code)
    row = planner.grid_model.row_of(market.id)
    assert row is not None
    header = planner.grid_view.verticalHeader()
    y = header.sectionViewportPosition(row) + header.sectionSize(row) // 2
    _click(qtbot, header.viewport(), QPoint(20, y))
    assert code in planner.market_title.text()
    return market.id


def test_an_assignment_ticked_in_one_planner_shows_in_the_other(
    qtbot: QtBot, planners: tuple[CoveragePlanner, CoveragePlanner], executor: StoreExecutor
) -> None:
    first, second = planners
    assert first.plan is not None
    market_id = _select_market(qtbot, first, "DACH")
    agent = next(a for a in first.plan.agents if (market_id, a.id) not in first.plan.assignments)
    assert (market_id, agent.id) not in (second.plan.assignments if second.plan else ())
    reloads_of_first: list[bool] = []
    first.ready.connect(lambda: reloads_of_first.append(True))
    view, model = first.assignments_view, first.assignments_model
    row = next(r for r in range(model.rowCount()) if model.index(r).data() == agent.name)
    rect = view.visualRect(model.index(row))
    _click(qtbot, view.viewport(), QPoint(rect.right() - 4, rect.center().y()))
    with qtbot.waitSignal(second.ready, timeout=10_000):
        qtbot.keyClick(view, Qt.Key.Key_Space)  # tick the box: assign
    assert second.plan is not None and (market_id, agent.id) in second.plan.assignments
    qtbot.waitUntil(lambda: executor.pending == 0, timeout=10_000)
    # The planner that made the change showed it at once and did not read the week again.
    assert reloads_of_first == []
    assert first.plan is not None and (market_id, agent.id) in first.plan.assignments


def test_a_target_saved_in_the_planner_reaches_the_team_dashboard(
    qtbot: QtBot, planners: tuple[CoveragePlanner, CoveragePlanner], executor: StoreExecutor
) -> None:
    planner = planners[0]
    dashboard = TeamDashboard(executor)
    qtbot.addWidget(dashboard)
    dashboard.clock = lambda: DEMO_NOW
    dashboard.slice.setCurrentIndex(dashboard.slice.findData(Slice.MARKET.value))
    dashboard.show()
    with qtbot.waitSignal(dashboard.loaded, timeout=10_000):
        dashboard.reload()
    assert dashboard.data is not None
    dach = next(r for r in dashboard.data.rows if r.label == "DACH")
    assert dach.sla_met_pct is not None and dach.sla_met_pct > 0

    _select_market(qtbot, planner, "DACH")
    _click(qtbot, planner.edit_hours_button)
    dialog = planner.hours_editor
    assert dialog is not None
    qtbot.waitUntil(dialog.target_edit.isEnabled, timeout=5000)
    spin = dialog.target_edit
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "1")  # one business minute: hardly any first response keeps it
    qtbot.keyClick(spin, Qt.Key.Key_Tab)
    with qtbot.waitSignal(dashboard.loaded, timeout=10_000):
        _click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    assert dashboard.data is not None
    after = next(r for r in dashboard.data.rows if r.label == "DACH")
    assert after.sla_met_pct is not None and after.sla_met_pct < dach.sla_met_pct
