"""The coverage planner used as a lead uses it: buttons clicked, keys pressed, at 1280x720."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.coverage.demo_rota import seed_demo_rota
from console.demo.generator import DEMO_NOW
from console.store.coverage_tables import MarketAssignment
from console.ui.coverage_models import MARKET
from console.ui.coverage_planner import CoveragePlanner
from console.ui.store_executor import StoreExecutor


@pytest.fixture
def planner(qtbot: QtBot, executor: StoreExecutor) -> Iterator[CoveragePlanner]:
    with executor.store.session() as session:
        seed_demo_rota(session)
    widget = CoveragePlanner(executor, actor="Li Wei")
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
