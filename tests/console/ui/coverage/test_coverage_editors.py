"""Editing shifts, leave, extra shifts and support hours from the coverage planner: the
dialogs' models, what reaches the store and the audit log, refusals, the grid refresh."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from acting import acting_as
from PySide6.QtCore import QDate, QModelIndex, Qt, QTime
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QComboBox, QDialog, QStyleOptionViewItem
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.coverage.demo_rota import seed_demo_rota
from console.demo.generator import DEMO_NOW
from console.store.coverage_tables import AgentShift, MarketSupportHours, ShiftException
from console.store.models import AuditEntry
from console.ui.coverage.coverage_models import AgentIdRole
from console.ui.coverage.hours_editor import CoverageHoursEditor, period_texts
from console.ui.coverage.planner import CoveragePlanner
from console.ui.coverage.shift_editor import (
    PROBLEM_COLOR,
    CoverageShiftEditor,
    ExceptionRow,
    ShiftExceptionsModel,
    WeeklyRow,
    WeeklyTimesModel,
)
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.settings.ui_language import UiLanguage

SCREENSHOT = Path("/tmp/shift-editor.png")
DAY, START, END, LENGTH = range(4)


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


def _agent_id(planner: CoveragePlanner, name: str) -> int:
    assert planner.plan is not None
    return next(a.id for a in planner.plan.agents if a.name == name)


def _market_id(planner: CoveragePlanner, code: str) -> int:
    assert planner.plan is not None
    return next(m.id for m in planner.plan.markets if m.code == code)


def _shifts(executor: StoreExecutor, agent_id: int) -> list[tuple[int, str, str]]:
    with executor.store.session() as session:
        rows = session.scalars(
            select(AgentShift).where(AgentShift.agent_id == agent_id).order_by(AgentShift.id)
        )
        return [(r.weekday, r.start, r.end) for r in rows]


def _audit(executor: StoreExecutor, actor: str = "Li Wei") -> list[tuple[str, int | None]]:
    with executor.store.session() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.actor == actor).order_by(AuditEntry.id)
        )
        return [(e.action, e.entity_id) for e in entries]


def _open_shift_editor(planner: CoveragePlanner, name: str) -> CoverageShiftEditor:
    agent_id = _agent_id(planner, name)
    model = planner.agents_model
    row = next(r for r in range(model.rowCount()) if model.index(r).data(AgentIdRole) == agent_id)
    assert (
        not planner.edit_shifts_button.isEnabled() or planner.agents_view.currentIndex().isValid()
    )
    planner.agents_view.setCurrentIndex(model.index(row))
    assert planner.edit_shifts_button.isEnabled()
    planner.edit_shifts_button.click()
    dialog = planner.shift_editor
    assert dialog is not None and dialog.isVisible() and dialog.agent.id == agent_id
    return dialog


def test_models_pass_the_qt_model_tester(qtmodeltester: ModelTester) -> None:
    rows = [WeeklyRow(0, "09:00", "17:00"), WeeklyRow(4, "22:00", "02:00", "UTC")]
    model = WeeklyTimesModel(rows)
    qtmodeltester.check(model)
    model.add_row()
    assert model.setData(model.index(2, START), QTime(8, 30))
    assert model.setData(model.index(2, END), "12")
    assert not model.setData(model.index(2, END), "noon")
    assert not model.setData(model.index(2, DAY), 7)
    assert model.rows[2] == WeeklyRow(5, "08:30", "12:00")
    assert model.index(1, LENGTH).data().startswith("4 h, until ")
    assert "UTC" in model.index(1, LENGTH).data()
    model.remove_row(0)
    qtmodeltester.check(model)
    hours = WeeklyTimesModel([WeeklyRow(6, "00:00", "00:00")], whole_day=True)
    qtmodeltester.check(hours)
    assert hours.index(0, END).data() == "24:00" and hours.index(0, LENGTH).data() == "whole day"
    exceptions = ShiftExceptionsModel(
        [ExceptionRow("leave", date(2026, 11, 25), date(2026, 11, 27), note="annual", id=4)]
    )
    exceptions.add(ExceptionRow("extra", date(2026, 11, 20), date(2026, 11, 20), "10:00", "14:00"))
    qtmodeltester.check(exceptions)
    assert exceptions.index(0, 3).data() == "10:00–14:00"
    assert exceptions.index(0, 0).data() == "Extra shift (new)"
    assert exceptions.remove_row(1) and exceptions.removed_ids == (4,)
    assert not exceptions.remove_row(5)


def test_shift_editor_saves_shifts_leave_and_extra_shifts(
    qtbot: QtBot, planner: CoveragePlanner, executor: StoreExecutor
) -> None:
    wang = _agent_id(planner, "Wang Fang")
    assert _shifts(executor, wang) == [(d, "14:00", "23:00") for d in range(5)]
    assert planner.plan is not None
    before = planner.plan.agent(wang)
    assert before is not None
    dialog = _open_shift_editor(planner, "Wang Fang")
    shifts = dialog.shifts_model
    assert shifts.rowCount() == 5 and shifts.index(0, DAY).data(Qt.ItemDataRole.EditRole) == 0
    # Monday ends later; Friday goes; a Saturday night shift past midnight comes.
    assert shifts.setData(shifts.index(0, END), QTime(23, 30))
    dialog.shifts_view.selectRow(4)
    assert dialog.remove_shift()
    row = dialog.add_shift()
    assert shifts.setData(shifts.index(row, DAY), 5)
    assert shifts.setData(shifts.index(row, START), QTime(22, 0))
    assert shifts.setData(shifts.index(row, END), QTime(2, 0))
    # The stored leave goes, a new leave and an extra shift come.
    exceptions = dialog.exceptions_model
    assert [r.kind for r in exceptions.rows] == ["leave"]
    dialog.exceptions_view.selectRow(0)
    assert dialog.remove_exception()
    dialog.leave_first.setDate(QDate(2026, 11, 19))
    dialog.leave_last.setDate(QDate(2026, 11, 20))
    dialog.leave_note.setText("dentist")
    assert dialog.add_leave()
    dialog.extra_day.setDate(QDate(2026, 11, 21))
    dialog.extra_start.setTime(QTime(10, 0))
    dialog.extra_end.setTime(QTime(15, 0))
    assert dialog.add_extra_shift()
    assert exceptions.rowCount() == 2

    with (
        qtbot.waitSignal(planner.ready, timeout=10_000),
        qtbot.waitSignal(planner.changed, timeout=10_000),
        qtbot.waitSignal(dialog.finished, timeout=10_000) as finished,
    ):
        assert dialog.save()
    assert finished.args == [QDialog.DialogCode.Accepted]
    assert _shifts(executor, wang) == [
        (0, "14:00", "23:30"), (1, "14:00", "23:00"), (2, "14:00", "23:00"),
        (3, "14:00", "23:00"), (5, "22:00", "02:00"),
    ]  # fmt: skip
    with executor.store.session() as session:
        stored = session.scalars(select(ShiftException).where(ShiftException.agent_id == wang))
        assert sorted(
            (e.kind, e.first_day, e.last_day, e.start, e.end, e.note) for e in stored
        ) == [
            ("extra", date(2026, 11, 21), date(2026, 11, 21), "10:00", "15:00", ""),
            ("leave", date(2026, 11, 19), date(2026, 11, 20), None, None, "dentist"),
        ]
    assert sorted(_audit(executor)) == sorted(
        [("remove_shift_exception", wang), ("set_shifts", wang), ("add_leave", wang),
         ("add_extra_shift", wang)]
    )  # fmt: skip
    # The planner shows the new week at once: on leave Thursday and Friday, on Saturday twice.
    after = planner.plan.agent(wang)
    assert after is not None and after.on_shift != before.on_shift
    assert planner.agents_model.rowCount() == len(planner.plan.agents)


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        ("empty", "Shift 1 ends when it starts"),
        ("overlap", "Shifts 2 and 6 overlap"),
        ("leave", "Leave cannot end before it starts"),
        ("extra", "An extra shift cannot end when it starts"),
    ],
)
def test_invalid_input_is_refused_and_nothing_saved(
    qtbot: QtBot, planner: CoveragePlanner, executor: StoreExecutor, edit: str, expected: str
) -> None:
    li = _agent_id(planner, "Li Wei")
    stored = _shifts(executor, li)
    dialog = _open_shift_editor(planner, "Li Wei")
    shifts = dialog.shifts_model
    if edit == "empty":
        assert shifts.setData(shifts.index(0, END), "09:00")
        assert not dialog.save()
        assert shifts.index(0, DAY).data(Qt.ItemDataRole.BackgroundRole) == PROBLEM_COLOR
    elif edit == "overlap":
        row = dialog.add_shift()  # Saturday 09:00-18:00
        shifts.setData(shifts.index(row, DAY), 1)
        shifts.setData(shifts.index(row, START), "17:00")
        shifts.setData(shifts.index(row, END), "01:00")
        assert not dialog.save()
        assert shifts.index(1, END).data(Qt.ItemDataRole.BackgroundRole) == PROBLEM_COLOR
        assert shifts.index(0, END).data(Qt.ItemDataRole.BackgroundRole) is None
    elif edit == "leave":
        dialog.leave_first.setDate(QDate(2026, 11, 20))
        dialog.leave_last.setDate(QDate(2026, 11, 19))
        assert not dialog.add_leave()
        assert dialog.exceptions_model.rowCount() == 0
    else:
        dialog.extra_start.setTime(QTime(10, 0))
        dialog.extra_end.setTime(QTime(10, 0))
        assert not dialog.add_extra_shift()
    assert expected in dialog.message.text()
    qtbot.waitUntil(lambda: executor.pending == 0, timeout=5000)
    assert dialog.isVisible()
    assert _shifts(executor, li) == stored
    assert _audit(executor) == []
    # Editing again clears the message; unchanged, "Save" closes without a store write.
    dialog.add_shift()
    assert dialog.message.text() == ""
    if edit in ("leave", "extra"):
        dialog.shifts_view.selectRow(dialog.shifts_model.rowCount() - 1)
        assert dialog.remove_shift()
        with qtbot.waitSignal(dialog.finished, timeout=5000):
            assert dialog.save()
        assert _audit(executor) == []
    else:
        dialog.reject()


def test_day_column_edits_with_day_names(qtbot: QtBot, planner: CoveragePlanner) -> None:
    li = _agent_id(planner, "Li Wei")
    model = planner.agents_model
    row = next(r for r in range(model.rowCount()) if model.index(r).data(AgentIdRole) == li)
    planner.agents_view.doubleClicked.emit(model.index(row))
    dialog = planner.shift_editor
    assert dialog is not None and dialog.agent.id == li
    index = dialog.shifts_model.index(1, DAY)
    delegate = dialog.shifts_view.itemDelegateForIndex(index)
    editor = delegate.createEditor(dialog.shifts_view.viewport(), QStyleOptionViewItem(), index)
    assert isinstance(editor, QComboBox) and editor.count() == 7
    delegate.setEditorData(editor, index)
    assert editor.currentText() == "Tue"
    editor.setCurrentIndex(6)
    delegate.setModelData(editor, dialog.shifts_model, index)
    assert dialog.shifts_model.rows[1].weekday == 6 and index.data() == "Sun"
    editor.deleteLater()
    dialog.reject()


def test_hours_editor_saves_periods_in_the_markets_zone(
    qtbot: QtBot, planner: CoveragePlanner, executor: StoreExecutor, qtmodeltester: ModelTester
) -> None:
    uki = _market_id(planner, "UKI")
    planner.grid_view.selectRow(planner.grid_model.row_of(uki) or 0)
    assert planner.edit_hours_button.isEnabled()
    planner.edit_hours_button.click()
    dialog = planner.hours_editor
    assert isinstance(dialog, CoverageHoursEditor) and dialog.isVisible()
    assert dialog.zone_edit.text() == "Europe/London"
    model = dialog.model
    qtmodeltester.check(model)
    assert period_texts(model) == [f"{d} 09:00-18:00" for d in ("Mon", "Tue", "Wed", "Thu", "Fri")]
    assert planner.plan is not None
    row = planner.grid_model.grid.row(uki)
    assert row is not None and row.open_hours == 45
    # Monday splits in two (lunch closed); Saturday night runs into Sunday; Sunday all day.
    model.setData(model.index(0, END), "12:00")
    for day, start, end in ((0, "13:00", "18:00"), (5, "20:00", "02:00"), (6, "02:00", "02:00")):
        position = dialog.add_period()
        model.setData(model.index(position, DAY), day)
        model.setData(model.index(position, START), start)
        model.setData(model.index(position, END), end)
    assert not dialog.save()  # Sunday 02:00-02:00 is empty
    assert "Period 8 ends when it starts" in dialog.message.text()
    model.setData(model.index(7, START), "00:00")
    model.setData(model.index(7, END), "00:00")
    assert not dialog.save()  # Sunday all day overlaps Saturday night
    assert "Periods 7 and 8 overlap" in dialog.message.text()
    model.setData(model.index(6, END), "00:00")
    assert model.index(7, END).data() == "24:00"
    with executor.store.session() as session:
        unchanged = session.get(MarketSupportHours, uki)
        assert unchanged is not None and unchanged.periods[0] == "mon 09:00-18:00"
    assert _audit(executor) == []

    with qtbot.waitSignal(planner.ready, timeout=10_000):
        assert dialog.save()
    with executor.store.session() as session:
        hours = session.get(MarketSupportHours, uki)
        assert hours is not None and hours.zone == "Europe/London"
        assert hours.holiday_country == "GB"  # kept
        assert hours.periods == [
            "Mon 09:00-12:00", "Mon 13:00-18:00", "Tue 09:00-18:00", "Wed 09:00-18:00",
            "Thu 09:00-18:00", "Fri 09:00-18:00", "Sat 20:00-00:00", "Sun 00:00-24:00",
        ]  # fmt: skip
    assert _audit(executor) == [("set_support_hours", uki)]
    row = planner.grid_model.grid.row(uki)
    assert row is not None and row.open_hours == 44 + 4 + 24
    assert "Mon 13:00–18:00" in planner.market_details.text()


def test_unknown_zone_is_refused_by_the_store(
    qtbot: QtBot, planner: CoveragePlanner, executor: StoreExecutor
) -> None:
    dialog = planner.edit_hours(_market_id(planner, "DACH"))
    assert dialog is not None
    dialog.zone_edit.setText("Mars/Olympus")
    assert dialog.save()
    qtbot.waitUntil(lambda: "Nothing was saved" in dialog.message.text(), timeout=5000)
    assert dialog.isVisible() and _audit(executor) == []
    dialog.reject()


def test_shift_editor_screenshot(qtbot: QtBot, planner: CoveragePlanner) -> None:
    dialog = _open_shift_editor(planner, "Wang Fang")
    dialog.resize(760, 640)
    row = dialog.add_shift()
    dialog.shifts_model.setData(dialog.shifts_model.index(row, START), "22:00")
    dialog.shifts_model.setData(dialog.shifts_model.index(row, END), "06:00")
    dialog.shifts_model.setData(dialog.shifts_model.index(0, END), "14:00")
    assert not dialog.save()
    qtbot.wait(50)
    assert dialog.grab().save(str(SCREENSHOT))
    image = QImage(str(SCREENSHOT))
    assert image.width() >= 700 and image.height() >= 600
    view = dialog.shifts_view.viewport()
    rect = dialog.shifts_view.visualRect(dialog.shifts_model.index(0, LENGTH))
    point = view.mapTo(dialog, rect.topRight())
    color = image.pixelColor(point.x() - 10, point.y() + rect.height() // 2)
    assert color.name() == PROBLEM_COLOR.name()
    dialog.reject()


def test_editors_follow_the_ui_language(
    qtbot: QtBot, planner: CoveragePlanner, translations: UiLanguage
) -> None:
    shifts = _open_shift_editor(planner, "Li Wei")
    hours = planner.edit_hours(_market_id(planner, "DACH"))
    assert hours is not None
    translations.apply("zh_CN")
    qtbot.wait(20)
    assert shifts.windowTitle() and hours.windowTitle()
    translations.apply("en")
    qtbot.wait(20)
    assert shifts.windowTitle() == "Edit shifts"
    assert hours.windowTitle() == "Edit support hours"
    assert planner.edit_shifts_button.text() == "Edit shifts…"
    assert planner.edit_hours_button.text() == "Edit support hours…"
    assert shifts.shifts_model.headerData(0, Qt.Orientation.Horizontal) == "Day"
    assert shifts.shifts_model.index(0, DAY, QModelIndex()).data() == "Mon"
    shifts.reject()
    hours.reject()
