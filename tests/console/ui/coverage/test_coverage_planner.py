"""The coverage planner on the demo store: grid, drag and list assignment, suggestion,
exports and a screenshot that is looked at."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from acting import acting_as
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QImage
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.coverage import (
    CellState,
    MarketCoverage,
    MarketExplanation,
    UncoveredReason,
    UncoveredSpan,
    coverage_grid,
    suggest_assignment,
)
from console.coverage.demo_rota import seed_demo_rota
from console.demo.generator import DEMO_NOW
from console.store.coverage_tables import MarketAssignment
from console.store.models import AuditEntry
from console.ui.coverage.coverage_delegate import STATE_COLORS
from console.ui.coverage.coverage_models import (
    APPLY,
    CellStateRole,
    SuggestionModel,
    explanation_text,
    periods_text,
)
from console.ui.coverage.planner import CoveragePlanner
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.settings.ui_language import UiLanguage


@pytest.fixture
def planner(qtbot: QtBot, executor: StoreExecutor) -> Iterator[CoveragePlanner]:
    with executor.store.session() as session:
        seed_demo_rota(session)
    widget = CoveragePlanner(executor, state=acting_as(executor.store, "Li Wei"))
    qtbot.addWidget(widget)
    widget.resize(1640, 720)
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


def test_models_pass_the_qt_model_tester(
    planner: CoveragePlanner, qtmodeltester: ModelTester
) -> None:
    qtmodeltester.check(planner.grid_model)
    qtmodeltester.check(planner.agents_model)
    qtmodeltester.check(planner.assignments_model)
    assert planner.plan is not None
    suggestion = SuggestionModel(planner.plan, suggest_assignment(planner.plan))
    qtmodeltester.check(suggestion)
    assert planner.grid_model.rowCount() == 15 and planner.grid_model.columnCount() == 168


def test_grid_shows_the_plan_in_the_leads_zone(planner: CoveragePlanner) -> None:
    plan = planner.plan
    assert plan is not None and plan.zone == "Asia/Shanghai"
    grid = coverage_grid(plan)
    model = planner.grid_model
    for row in range(model.rowCount()):
        for column in (0, 40, 100, 167):
            cell = model.index(row, column).data(CellStateRole)
            assert cell == int(grid.rows[row].cells[column])
    states = {
        model.index(r, c).data(CellStateRole) for r in range(model.rowCount()) for c in range(168)
    }
    assert states == {int(s) for s in CellState}
    header = model.headerData(model.row_of(plan.markets[0].id) or 0, Qt.Orientation.Vertical)
    assert isinstance(header, str) and header.startswith(plan.markets[0].code)


def test_dragging_an_agent_onto_a_market_assigns_at_once(
    qtbot: QtBot, planner: CoveragePlanner, executor: StoreExecutor
) -> None:
    plan = planner.plan
    assert plan is not None
    uki = next(m for m in plan.markets if m.code == "UKI")
    sofia = next(a for a in plan.agents if a.name == "Sofia Martins")
    row = planner.grid_model.row_of(uki.id)
    assert row is not None
    agent_row = [a.id for a in plan.agents].index(sofia.id)
    before = planner.grid_model.grid.row(uki.id)
    assert before is not None and before.covered_hours == 0
    data = planner.agents_model.mimeData([planner.agents_model.index(agent_row)])
    target = planner.grid_model.index(row, 20)
    assert planner.grid_model.canDropMimeData(data, Qt.DropAction.CopyAction, -1, -1, target)
    with qtbot.waitSignal(planner.changed, timeout=5000):
        assert planner.grid_model.dropMimeData(data, Qt.DropAction.CopyAction, -1, -1, target)
        after = planner.grid_model.grid.row(uki.id)  # before the store answered
        assert after is not None and after.covered_hours > 0
    assert (uki.id, sofia.id) in _stored(executor)
    with executor.store.session() as session:
        audit = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "assign_market")
        ).all()
    assert any(e.actor == "Li Wei" and e.entity_id == uki.id for e in audit)
    # Dropping between rows (no parent) works too; dropping outside the rows does not.
    assert not planner.grid_model.canDropMimeData(
        data, Qt.DropAction.CopyAction, 99, 0, QModelIndex()
    )


def test_the_list_assigns_and_unassigns(
    qtbot: QtBot, planner: CoveragePlanner, executor: StoreExecutor
) -> None:
    plan = planner.plan
    assert plan is not None
    dach = next(m for m in plan.markets if m.code == "DACH")
    row = planner.grid_model.row_of(dach.id)
    planner.grid_view.selectRow(row or 0)
    model = planner.assignments_model
    names = [model.index(r).data() for r in range(model.rowCount())]
    wang = next(r for r, name in enumerate(names) if name == "Wang Fang")
    assert model.index(wang).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert any("(no de/fr/it)" in name for name in names)
    with qtbot.waitSignal(planner.changed, timeout=5000):
        model.setData(model.index(wang), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
        assert model.index(wang).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    wang_id = next(a.id for a in plan.agents if a.name == "Wang Fang")
    assert (dach.id, wang_id) not in _stored(executor)
    assert "DACH" in planner.market_title.text()


def test_suggestion_is_explained_and_applied_per_market(
    qtbot: QtBot, planner: CoveragePlanner, executor: StoreExecutor
) -> None:
    plan = planner.plan
    assert plan is not None
    planner.suggest()
    dialog = planner.suggestion_dialog
    assert dialog is not None and dialog.isVisible()
    model = dialog.model
    codes = [model.index(r, 1).data() for r in range(model.rowCount())]
    italy = next(r for r, code in enumerate(codes) if code.startswith("IT "))
    assert "no agent speaks Italian" in model.index(italy, 4).data()
    keep = next(r for r, code in enumerate(codes) if code.startswith("RU "))
    model.setData(model.index(keep, APPLY), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    pairs, markets = dialog.accepted_assignments()
    ru = next(m for m in plan.markets if m.code == "RU")
    assert ru.id not in markets and len(markets) == 14
    before = _stored(executor)
    with qtbot.waitSignal(planner.changed, timeout=5000):
        dialog.accept()
    stored = _stored(executor)
    assert {p for p in stored if p[0] != ru.id} == set(pairs)
    assert {p for p in stored if p[0] == ru.id} == {p for p in before if p[0] == ru.id}
    assert planner.plan is not None and planner.plan.assignments == stored


def test_exports_write_csv_and_one_calendar_per_agent(
    qtbot: QtBot, planner: CoveragePlanner, tmp_path: Path
) -> None:
    with qtbot.waitSignal(planner.exported, timeout=5000) as csv_done:
        planner.export_csv(tmp_path / "plan.csv")
    assert "plan.csv" in csv_done.args[0]
    rows = list(csv.DictReader((tmp_path / "plan.csv").open(encoding="utf-8")))
    assert {r["market_code"] for r in rows} >= {"DACH", "TR"}
    with qtbot.waitSignal(planner.exported, timeout=5000):
        planner.export_calendars(tmp_path / "calendars")
    files = sorted((tmp_path / "calendars").glob("*.ics"))
    assert planner.plan is not None and len(files) == len(planner.plan.agents)
    text = "".join(f.read_text(encoding="utf-8") for f in files)
    assert text.count("BEGIN:VCALENDAR") == len(files) and "RRULE:FREQ=WEEKLY" in text


def test_week_navigation_reloads(qtbot: QtBot, planner: CoveragePlanner) -> None:
    assert planner.plan is not None
    first = planner.plan.week_start
    with qtbot.waitSignal(planner.ready, timeout=10_000):
        planner.next_button.click()
    assert planner.plan.week_start > first
    # Wang Fang is on leave from Wednesday 25 November: DACH loses her those days.
    dach = next(m for m in planner.plan.markets if m.code == "DACH")
    row = planner.grid_model.grid.row(dach.id)
    assert row is not None and row.covered_hours < 40


def test_planner_screenshot_shows_the_grid(planner: CoveragePlanner, tmp_path: Path) -> None:
    path = tmp_path / "coverage-planner.png"
    assert planner.grab().save(str(path))
    image = QImage(str(path))
    assert image.width() >= 1600 and image.height() >= 700
    grid = planner.grid_view.viewport()
    origin = grid.mapTo(planner, grid.rect().topLeft())
    seen = set()
    for y in range(origin.y() + 5, origin.y() + 15 * 30, 10):
        for x in range(origin.x() + 2, origin.x() + grid.width() - 2, 3):
            seen.add(image.pixelColor(x, y).name())
    for state in (CellState.COVERED, CellState.UNCOVERED, CellState.LANGUAGE_GAP):
        assert STATE_COLORS[state].name() in seen, state


def test_explanation_and_period_texts() -> None:
    assert periods_text(("Mon 09:00-18:00", "Tue 09:00-18:00", "Wed 09:00-18:00",
                         "Sat 10:00-14:00")) == "Mon–Wed 09:00–18:00; Sat 10:00–14:00"  # fmt: skip
    assert periods_text(()) == ""
    assert periods_text(("Sat 00:00-00:00", "Sun 00:00-00:00")) == "Sat–Sun 00:00–24:00"
    market = MarketCoverage(1, "DACH", "DACH", ("de",), "UTC", (), None)
    spans = (
        UncoveredSpan(6, 7, UncoveredReason.NO_SPEAKER_ON_SHIFT, 1.0),
        UncoveredSpan(30, 31, UncoveredReason.NO_SPEAKER_ON_SHIFT, 1.0),
        UncoveredSpan(47, 49, UncoveredReason.SPEAKERS_BUSY, 5.0),
    )
    explanation = MarketExplanation(1, "DACH", (), (), 10, 5, 12.0, 5.0, spans, ("Ana",))
    assert explanation_text(explanation, market) == (
        "Uncovered: Tue 23:00–Wed 02:00 (German speakers on shift cover busier markets); "
        "Mon–Tue 06:00–08:00 (no German speaker on shift)"
    )
    covered = MarketExplanation(1, "DACH", (), (), 10, 10, 12.0, 12.0, (), ("Ana",))
    assert explanation_text(covered, market) == "All support hours covered."


def test_planner_and_dialog_follow_the_ui_language(
    qtbot: QtBot, planner: CoveragePlanner, translations: UiLanguage
) -> None:
    planner.suggest()
    dialog = planner.suggestion_dialog
    assert dialog is not None
    translations.apply("zh_CN")
    qtbot.wait(20)
    assert planner.title.text() and dialog.windowTitle()
    translations.apply("en")
    qtbot.wait(20)
    assert planner.title.text() == "Coverage planner"
    assert planner.suggest_button.text() == "Suggest assignment…"
    assert dialog.windowTitle() == "Suggested assignment"
    dialog.reject()
