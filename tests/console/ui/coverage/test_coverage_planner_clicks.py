"""The coverage planner used as a lead uses it: buttons clicked, keys pressed, at 1280x720."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from acting import acting_as
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractItemView, QDialogButtonBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.coverage.demo_rota import seed_demo_rota
from console.demo.generator import DEMO_NOW
from console.store.coverage_tables import MarketAssignment
from console.ui.coverage.coverage_delegate import NOW_COLOR
from console.ui.coverage.coverage_models import MARKET, NowRole
from console.ui.coverage.planner import CoveragePlanner
from console.ui.lanes.store_executor import StoreExecutor

# Friday 20 November 2026, 17:00 in Asia/Shanghai (the demo lead's zone).
NOW = DEMO_NOW
NOW_SLOT = 4 * 24 + 17


@pytest.fixture
def planner(qtbot: QtBot, executor: StoreExecutor) -> Iterator[CoveragePlanner]:
    with executor.store.session() as session:
        seed_demo_rota(session)
    widget = CoveragePlanner(executor, state=acting_as(executor.store, "Li Wei"), clock=lambda: NOW)
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    with qtbot.waitSignal(widget.ready, timeout=10_000):
        widget.show_week(DEMO_NOW)
    yield widget
    qtbot.waitUntil(lambda: executor.pending == 0, timeout=10_000)


def _stored(executor: StoreExecutor) -> set[tuple[int, int]]:
    with executor.store.session() as session:
        return {
            (m, a)
            for m, a in session.execute(
                select(MarketAssignment.market_id, MarketAssignment.agent_id)
            )
        }


def _click(qtbot: QtBot, widget: QWidget, at: QPoint | None = None) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=at or widget.rect().center())


def test_suggest_button_opens_the_proposal_and_its_ok_button_applies_it(
    qtbot: QtBot, planner: CoveragePlanner, executor: StoreExecutor
) -> None:
    plan = planner.plan
    assert plan is not None
    _click(qtbot, planner.suggest_button)
    dialog = planner.suggestion_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    table, model = dialog.table, dialog.model
    codes = [str(model.index(r, MARKET).data()) for r in range(model.rowCount())]
    keep = next(r for r, code in enumerate(codes) if code.startswith("RU "))
    # Keep Russia as it is: click its row, go to the "Apply" box, press space.
    cell = table.visualRect(model.index(keep, MARKET)).center()
    _click(qtbot, table.viewport(), cell)
    qtbot.keyClick(table, Qt.Key.Key_Home)
    qtbot.keyClick(table, Qt.Key.Key_Space)
    pairs, markets = dialog.accepted_assignments()
    ru = next(m for m in plan.markets if m.code == "RU")
    assert ru.id not in markets and len(markets) == len(plan.markets) - 1
    before = _stored(executor)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    with qtbot.waitSignal(planner.changed, timeout=5000):
        _click(qtbot, ok)
    stored = _stored(executor)
    assert {p for p in stored if p[0] != ru.id} == set(pairs)
    assert {p for p in stored if p[0] == ru.id} == {p for p in before if p[0] == ru.id}


def test_cancel_leaves_the_plan_alone(
    qtbot: QtBot, planner: CoveragePlanner, executor: StoreExecutor
) -> None:
    before = _stored(executor)
    _click(qtbot, planner.suggest_button)
    dialog = planner.suggestion_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    _click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel))
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert _stored(executor) == before


def _click_row(qtbot: QtBot, view: QAbstractItemView, row: int, column: int = 0) -> None:
    model = view.model()
    rect = view.visualRect(model.index(row, column))
    assert not rect.isEmpty(), "row not on screen"
    _click(qtbot, view.viewport(), QPoint(rect.right() - 4, rect.center().y()))


def _select_market(qtbot: QtBot, planner: CoveragePlanner, code: str) -> int:
    """Click the market's name in the grid's row header, as a person would."""
    plan = planner.plan
    assert plan is not None
    market = next(m for m in plan.markets if m.code == code)
    row = planner.grid_model.row_of(market.id)
    assert row is not None
    header = planner.grid_view.verticalHeader()
    y = header.sectionViewportPosition(row) + header.sectionSize(row) // 2
    _click(qtbot, header.viewport(), QPoint(20, y))
    assert code in planner.market_title.text()
    return market.id


def test_the_planner_fits_1280_by_720_and_scrolls_to_sunday(
    qtbot: QtBot, planner: CoveragePlanner
) -> None:
    assert planner.size().width() == 1280 and planner.size().height() == 720
    assert planner.minimumSizeHint().width() <= 1280
    assert planner.minimumSizeHint().height() <= 720
    widest = max(planner.findChildren(QWidget), key=lambda w: w.minimumSizeHint().width())
    assert widest.minimumSizeHint().width() <= 1280, widest.objectName()
    view = planner.grid_view
    bar = view.horizontalScrollBar()
    assert bar.isVisible() and bar.maximum() > 0  # the week is wider than the window
    viewport = view.viewport()
    sunday = planner.grid_model.index(0, 167)
    # Put the cursor into the grid, then End: the last hour of Sunday scrolls into view.
    cell = view.visualRect(planner.grid_model.index(0, NOW_SLOT)).center()
    _click(qtbot, viewport, cell)
    qtbot.keyClick(view, Qt.Key.Key_End)
    rect = view.visualRect(sunday)
    assert bar.value() == bar.maximum()
    assert rect.left() >= 0 and rect.right() < viewport.width()
    # Home goes back to Monday 00:00.
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert bar.value() == 0 and view.visualRect(planner.grid_model.index(0, 0)).left() == 0
    assert view.visualRect(sunday).left() >= viewport.width()  # Sunday is off screen again


def test_now_is_marked_on_the_grid(qtbot: QtBot, planner: CoveragePlanner) -> None:
    model, view = planner.grid_model, planner.grid_view
    qtbot.waitUntil(lambda: planner.status is not None, timeout=5000)
    assert model.now == NOW_SLOT
    assert model.index(3, NOW_SLOT).data(NowRole) == 0.0
    assert model.index(3, NOW_SLOT - 1).data(NowRole) is None
    # The week opens scrolled so that "now" is on screen, and it is painted red.
    rect = view.visualRect(model.index(3, NOW_SLOT))
    assert rect.left() >= 0 and rect.right() < view.viewport().width()
    image: QImage = planner.grab().toImage()
    at = view.viewport().mapTo(planner, QPoint(rect.left() + 1, rect.center().y()))
    assert image.pixelColor(at).name() == NOW_COLOR.name()
    before = view.viewport().mapTo(planner, QPoint(rect.left() - 4, rect.center().y()))
    assert image.pixelColor(before).name() != NOW_COLOR.name()
    ruler_x = planner.ruler.now_x()
    assert ruler_x is not None and abs(planner.ruler.mapTo(planner, QPoint(ruler_x, 0)).x()
                                       - at.x()) <= 2  # fmt: skip
    # The next week has no "now"; the previous-week button brings it back.
    with qtbot.waitSignal(planner.ready, timeout=10_000):
        _click(qtbot, planner.next_button)
    assert model.now is None and model.index(3, NOW_SLOT).data(NowRole) is None
    assert planner.ruler.now_x() is None
    with qtbot.waitSignal(planner.ready, timeout=10_000):
        _click(qtbot, planner.previous_button)
    assert model.now == NOW_SLOT


def test_who_is_on_shift_now_per_market(
    qtbot: QtBot, planner: CoveragePlanner, qtmodeltester: ModelTester
) -> None:
    qtbot.waitUntil(lambda: planner.now_model.rowCount() == 15, timeout=5000)
    qtmodeltester.check(planner.now_model)
    model = planner.now_model
    texts = {str(model.index(r).data()).split()[0]: str(model.index(r).data()) for r in
             range(model.rowCount())}  # fmt: skip
    assert texts["CN"] == "CN  Li Wei"  # Friday 17:00 in Shanghai: China is open
    assert texts["DACH"] == "DACH  Wang Fang"  # 10:00 in Berlin
    assert texts["IT"] == "IT  nobody on shift"
    assert texts["ANZ"] == "ANZ  closed"  # 20:00 in Sydney
    assert planner.now_caption.text() == "On shift now · Fri 17:00"
    # Clicking a market in the list selects it in the grid.
    row = next(r for r in range(model.rowCount()) if str(model.index(r).data()).startswith("IT "))
    _click_row(qtbot, planner.now_view, row)
    assert planner.market_title.text().startswith("IT ·")


def test_an_agent_assigned_without_a_shift_in_the_support_hours_is_warned_about(
    qtbot: QtBot, planner: CoveragePlanner, executor: StoreExecutor
) -> None:
    plan = planner.plan
    assert plan is not None
    assert planner.warnings.isHidden()
    # An agent whose shifts never meet the market's support hours this week.
    market, agent = next(
        (m, a)
        for m in plan.markets
        for a in plan.agents
        if m.open_slots and not a.on_shift & m.open_slots and (m.id, a.id) not in plan.assignments
    )
    _select_market(qtbot, planner, market.code)
    view, model = planner.assignments_view, planner.assignments_model
    row = next(r for r in range(model.rowCount()) if model.index(r).data() == agent.name)
    _click_row(qtbot, view, row)
    with qtbot.waitSignal(planner.changed, timeout=5000):
        qtbot.keyClick(view, Qt.Key.Key_Space)  # tick the box: assign
    assert (market.id, agent.id) in _stored(executor)
    qtbot.waitUntil(lambda: not planner.warnings.isHidden(), timeout=5000)
    expected = f"{agent.name} is assigned to {market.code} but has no shift inside its support "
    assert expected in planner.warnings.text()
    assert str(model.index(row).data()).startswith("⚠")
    assert expected in str(model.index(row).data(Qt.ItemDataRole.ToolTipRole))
    with qtbot.waitSignal(planner.changed, timeout=5000):
        qtbot.keyClick(view, Qt.Key.Key_Space)  # untick: the warning goes
    qtbot.waitUntil(planner.warnings.isHidden, timeout=5000)
    assert model.index(row).data() == agent.name
