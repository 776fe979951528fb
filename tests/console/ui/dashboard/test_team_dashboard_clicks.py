"""View → Team dashboard…: change the slice and period, click a figure to see its
conversations in the inbox, click a bar, and export the table as CSV (real demo store)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLineEdit, QMenu
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.demo.generator import DEMO_NOW
from console.kpis.queries import Slice
from console.store.models import AuditEntry
from console.ui.coverage.planner import CoveragePlanner
from console.ui.dashboard.team_dashboard import COLUMNS, PERIOD_DAYS, TeamDashboard, write_kpi_csv
from console.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


def _choose_in_view_menu(qtbot: QtBot, window: MainWindow, entry_text: str) -> None:
    bar = window.menuBar()
    qtbot.mouseClick(
        bar,
        Qt.MouseButton.LeftButton,
        pos=bar.actionGeometry(window.view_menu.menuAction()).center(),
    )
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=3000)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    entry = next(a for a in menu.actions() if a.text().replace("&", "").startswith(entry_text))
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(entry).center())


def _open_dashboard(qtbot: QtBot, window: MainWindow) -> TeamDashboard:
    _choose_in_view_menu(qtbot, window, "Team dash")
    qtbot.waitUntil(lambda: window.findChild(TeamDashboard) is not None, timeout=3000)
    dashboard = window.findChild(TeamDashboard)
    assert dashboard is not None and dashboard.isVisible()
    qtbot.waitUntil(lambda: dashboard.data is not None, timeout=10_000)
    dashboard.clock = lambda: DEMO_NOW  # the demo's last day, whatever today is
    return dashboard


def _press(qtbot: QtBot, dashboard: TeamDashboard, combo: object, key: Qt.Key, times: int) -> None:
    from PySide6.QtWidgets import QComboBox

    assert isinstance(combo, QComboBox)
    combo.setFocus()
    for _ in range(times):
        with qtbot.waitSignal(dashboard.loaded, timeout=10_000):
            qtbot.keyClick(combo, key)


def test_slice_click_a_figure_and_the_inbox_shows_its_conversations(
    qtbot: QtBot, window: MainWindow
) -> None:
    dashboard = _open_dashboard(qtbot, window)
    # A year, by language: Down twice on the period (30 -> 90 -> 365 days), once on the slice.
    _press(qtbot, dashboard, dashboard.period, Qt.Key.Key_Down, 2)
    assert dashboard.period.currentData() == PERIOD_DAYS[-1]
    _press(qtbot, dashboard, dashboard.slice, Qt.Key.Key_Down, 1)
    assert dashboard.slice.currentText() == "Language"
    data = dashboard.data
    assert data is not None and data.query.by.value == "language"
    rows = data.rows
    assert sum(row.inbound for row in rows) == window.inbox_model.rowCount()  # all of the demo
    busiest = max(range(len(rows)), key=lambda i: rows[i].inbound)
    assert dashboard.model.index(busiest, 0).data() == rows[busiest].label

    view = dashboard.table
    inbound_column = [name for name, _figure in COLUMNS].index("inbound")
    index = dashboard.model.index(busiest, inbound_column)
    view.scrollTo(index)
    with qtbot.waitSignal(window.inbox_model.page_loaded, timeout=10_000):
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
        )
    qtbot.waitUntil(lambda: window.inbox_model.rowCount() == rows[busiest].inbound, timeout=5000)
    languages = {
        window.inbox_model.cached_row(window.inbox_model.conversation_id(i) or 0).language  # type: ignore[union-attr]
        for i in range(min(20, window.inbox_model.rowCount()))
    }
    assert languages == {rows[busiest].key}


def test_a_backlog_bar_opens_the_waiting_conversations(qtbot: QtBot, window: MainWindow) -> None:
    dashboard = _open_dashboard(qtbot, window)
    data = dashboard.data
    assert data is not None
    waiting = max(range(len(data.rows)), key=lambda i: data.rows[i].backlog)
    expected = data.rows[waiting].backlog
    assert expected > 0
    chart, chart_view = dashboard.backlog_chart, dashboard.backlog_view
    (series,) = chart.series()
    middle = chart.mapToPosition(QPointF(waiting, expected / 2), series)
    point = chart_view.mapFromScene(chart.mapToScene(middle))
    with qtbot.waitSignal(dashboard.open_conversations, timeout=10_000) as opened:
        qtbot.mouseClick(chart_view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(point))
    assert len(opened.args[0]) == expected
    qtbot.waitUntil(lambda: window.inbox_model.rowCount() == expected, timeout=5000)


def test_export_csv_through_the_file_dialog(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    dashboard = _open_dashboard(qtbot, window)
    target = tmp_path / "kpis.csv"
    qtbot.mouseClick(dashboard.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dashboard.findChild(QFileDialog) is not None, timeout=3000)
    chooser = dashboard.findChild(QFileDialog)
    assert chooser is not None
    qtbot.waitUntil(chooser.isVisible, timeout=3000)
    name = chooser.findChild(QLineEdit, "fileNameEdit")
    assert name is not None
    qtbot.mouseClick(name, Qt.MouseButton.LeftButton)  # typing goes to the name field
    qtbot.waitUntil(name.hasFocus, timeout=3000)
    name.selectAll()
    qtbot.keyClicks(name, str(target))
    with qtbot.waitSignal(dashboard.exported, timeout=5000):
        qtbot.keyClick(name, Qt.Key.Key_Return)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0][:2] == ["Group", "Inbound"]
    assert data_rows(dashboard) == table[1:]


def data_rows(dashboard: TeamDashboard) -> list[list[str]]:
    assert dashboard.data is not None
    return [
        [dashboard.model.cell_text(row, column) for column in range(len(COLUMNS))]
        for row in dashboard.data.rows
    ]


def test_csv_cells_cannot_run_as_formulas(tmp_path: Path) -> None:
    path = write_kpi_csv(tmp_path / "k.csv", ["Group"], [["=HYPERLINK(1)"], ["-5"]])
    assert path.read_text(encoding="utf-8-sig").splitlines() == ["Group", "'=HYPERLINK(1)", "-5"]


def test_support_hours_saved_in_the_planner_reach_the_open_dashboard(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Nobody tells the dashboard: the planner's write says ``coverage`` on the change bus."""
    dashboard = _open_dashboard(qtbot, window)
    with qtbot.waitSignal(dashboard.loaded, timeout=10_000):
        dashboard.reload()  # with the demo's clock
    assert dashboard.data is not None and dashboard.data.query.by is Slice.MARKET
    before = {row.label: row.sla_met_pct for row in dashboard.data.rows}
    assert (before.get("DACH") or 0) > 0
    _choose_in_view_menu(qtbot, window, "Coverage")
    qtbot.waitUntil(lambda: window.findChild(CoveragePlanner) is not None, timeout=3000)
    planner = window.findChild(CoveragePlanner)
    assert planner is not None
    qtbot.waitUntil(lambda: planner.plan is not None, timeout=10_000)
    assert planner.plan is not None
    dach = next(m for m in planner.plan.markets if m.code == "DACH")
    row = planner.grid_model.row_of(dach.id)
    assert row is not None
    header = planner.grid_view.verticalHeader()
    y = header.sectionViewportPosition(row) + header.sectionSize(row) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(20, y))
    qtbot.mouseClick(planner.edit_hours_button, Qt.MouseButton.LeftButton)
    editor = planner.hours_editor
    assert editor is not None
    qtbot.waitUntil(editor.target_edit.isEnabled, timeout=5000)
    editor.target_edit.setFocus()
    editor.target_edit.selectAll()
    qtbot.keyClicks(editor.target_edit, "1")
    qtbot.keyClick(editor.target_edit, Qt.Key.Key_Tab)
    save = editor.buttons.button(QDialogButtonBox.StandardButton.Save)
    with qtbot.waitSignal(dashboard.loaded, timeout=10_000):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    after = {row.label: row.sla_met_pct for row in dashboard.data.rows}
    assert (after["DACH"] or 0) < (before["DACH"] or 0)
    with window._executor.store.session() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry is not None and entry.actor == window.state.actor != "unknown agent"
    planner.close()
    dashboard.close()
