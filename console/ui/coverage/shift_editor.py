"""Editing an agent's weekly shifts, leave and extra shifts (the "Edit shifts…" dialog).

The dialog edits a copy; "Save" checks the whole schedule with the domain's checks
(a shift that ends when it starts, overlapping shifts, leave that ends before it
starts are refused with a message, nothing is saved) and then stores it in one
transaction through :func:`console.coverage.save_agent_schedule` (audited), as the
write operation ``save_schedule`` (console/ui/coverage/operations.py) recorded for the
person of the :class:`~console.ui.app_state.AppState`.

:class:`WeeklyTimesModel` (day, start, end) also serves the support hours editor.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from console.changes import Changes
from console.coverage import (
    AgentCoverage,
    ExtraShiftSpec,
    InvalidSchedule,
    LeaveSpec,
    ShiftSpec,
    check_extra_shifts,
    check_leave,
    check_shifts,
)
from console.coverage.commands import ScheduleChangedMeanwhile, stamp_of
from console.ui.app_state import AppState
from console.ui.common import palette
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.common.palette import set_role
from console.ui.common.problem_texts import problem_text
from console.ui.coverage.coverage_models import day_name
from console.ui.coverage.operations import save_schedule
from console.ui.lanes.store_executor import StoreExecutor
from timezones.business_hours import parse_time

Index = QModelIndex | QPersistentModelIndex

PROBLEM_COLOR = palette.ERROR_SOFT


@dataclass(frozen=True)
class WeeklyRow:
    """One weekly time span: ``weekday`` (Monday 0), ``start``-``end`` as "HH:MM"; it
    crosses midnight when ``end`` is not after ``start``. ``zone`` and the validity
    dates are kept as they were stored (the editor does not change them)."""

    weekday: int
    start: str
    end: str
    zone: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None


def _hhmm(value: Any) -> str | None:
    """ "HH:MM" from a QTime or a text like "9", "09:30", "24:00"; None when unreadable."""
    if isinstance(value, QTime):
        return value.toString("HH:mm") if value.isValid() else None
    if not isinstance(value, str):
        return None
    try:
        return parse_time(value).strftime("%H:%M")
    except ValueError:
        return None


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def _qtime(text: str) -> QTime:
    hours, minutes = text.split(":")
    return QTime(int(hours), int(minutes))


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _date_text(value: date) -> str:
    return QLocale().toString(_qdate(value), QLocale.FormatType.ShortFormat)


class WeeklyTimesModel(QAbstractTableModel):
    """Weekly spans (day, start, end, length) the user edits in place; rows are added and
    removed with :meth:`add_row` / :meth:`remove_row`.

    With ``whole_day`` (support hours), 00:00-00:00 means the whole day (shown 24:00);
    otherwise it is an empty span that the checks refuse.
    """

    DAY, START, END, LENGTH = range(4)

    #: The rows changed (edited, added or removed).
    edited = Signal()

    def __init__(
        self, rows: Iterable[WeeklyRow] = (), *, whole_day: bool = False, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._rows: list[WeeklyRow] = list(rows)
        self._whole_day = whole_day
        self._problems: frozenset[int] = frozenset()

    @property
    def rows(self) -> tuple[WeeklyRow, ...]:
        return tuple(self._rows)

    def set_rows(self, rows: Iterable[WeeklyRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._problems = frozenset()
        self.endResetModel()
        self.edited.emit()

    def add_row(self, row: WeeklyRow | None = None) -> int:
        """Append ``row`` (default: the day after the last row, same hours); its position."""
        if row is None:
            last = self._rows[-1] if self._rows else WeeklyRow(-1, "09:00", "17:00")
            row = WeeklyRow((last.weekday + 1) % 7, last.start, last.end)
        position = len(self._rows)
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.append(row)
        self.endInsertRows()
        self.set_problems(())
        self.edited.emit()
        return position

    def remove_row(self, position: int) -> bool:
        if not 0 <= position < len(self._rows):
            return False
        self.beginRemoveRows(QModelIndex(), position, position)
        del self._rows[position]
        self.endRemoveRows()
        self.set_problems(())
        self.edited.emit()
        return True

    def set_problems(self, positions: Iterable[int]) -> None:
        """Highlight the rows a check refused (none: clear)."""
        old, self._problems = self._problems, frozenset(positions)
        for position in old | self._problems:
            if 0 <= position < len(self._rows):
                self.dataChanged.emit(
                    self.index(position, 0),
                    self.index(position, self.LENGTH),
                    [Qt.ItemDataRole.BackgroundRole],
                )

    def is_whole_day(self, row: WeeklyRow) -> bool:
        return self._whole_day and row.start == "00:00" and row.end == "00:00"

    def end_text(self, row: WeeklyRow) -> str:
        return "24:00" if self.is_whole_day(row) else row.end

    # -- Qt model -------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if 0 <= section < len(self._rows) else None
        titles = (self.tr("Day"), self.tr("Start"), self.tr("End"), self.tr("Length"))
        return titles[section] if 0 <= section < len(titles) else None

    def _length_text(self, row: WeeklyRow) -> str:
        minutes = (_minutes(row.end) - _minutes(row.start)) % (24 * 60)
        if self.is_whole_day(row):
            return self.tr("whole day")
        if minutes == 0:
            return self.tr("ends when it starts")
        hours = QLocale().toString(minutes / 60, "g", 3)
        if _minutes(row.end) <= _minutes(row.start):
            text = self.tr("{hours} h, until {day}").format(
                hours=hours, day=day_name((row.weekday + 1) % 7)
            )
        else:
            text = self.tr("{hours} h").format(hours=hours)
        if row.zone:
            text += " · " + row.zone
        if row.valid_from or row.valid_until:
            text += " · " + self.tr("{first} to {last}").format(
                first=_date_text(row.valid_from) if row.valid_from else "…",
                last=_date_text(row.valid_until) if row.valid_until else "…",
            )
        return text

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.DAY:
                return day_name(row.weekday)
            if column == self.START:
                return row.start
            if column == self.END:
                return self.end_text(row)
            if column == self.LENGTH:
                return self._length_text(row)
        if role == Qt.ItemDataRole.EditRole:
            if column == self.DAY:
                return row.weekday
            if column == self.START:
                return _qtime(row.start)
            if column == self.END:
                return _qtime(row.end)
        if role == Qt.ItemDataRole.BackgroundRole and index.row() in self._problems:
            return PROBLEM_COLOR
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.EditRole
            or not index.isValid()
            or not 0 <= index.row() < len(self._rows)
        ):
            return False
        row, column = self._rows[index.row()], index.column()
        if column == self.DAY:
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 6:
                return False
            new = replace(row, weekday=value)
        elif column in (self.START, self.END):
            text = _hhmm(value)
            if text is None:
                return False
            new = replace(row, start=text) if column == self.START else replace(row, end=text)
        else:
            return False
        if new == row:
            return True
        self._rows[index.row()] = new
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.LENGTH))
        self.set_problems(())
        self.edited.emit()
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        flags |= Qt.ItemFlag.ItemNeverHasChildren
        if index.column() != self.LENGTH:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags


class WeekdayDelegate(QStyledItemDelegate):
    """Edits the day column with a list of day names (the model holds 0-6)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QComboBox(parent)
        for day in range(7):
            editor.addItem(day_name(day), day)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(int(index.data(Qt.ItemDataRole.EditRole) or 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentIndex(), Qt.ItemDataRole.EditRole)


@dataclass(frozen=True)
class ExceptionRow:
    """Leave or an extra shift: stored ones have an ``id``, new ones (not saved yet) none."""

    kind: str  # "leave" | "extra"
    first_day: date
    last_day: date
    start: str | None = None
    end: str | None = None
    note: str = ""
    id: int | None = None


class ShiftExceptionsModel(QAbstractTableModel):
    """An agent's leave and extra shifts: stored ones and those added in the dialog."""

    KIND, FIRST, LAST, HOURS, NOTE = range(5)

    #: Rows were added or removed.
    edited = Signal()

    def __init__(self, rows: Iterable[ExceptionRow] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ExceptionRow] = list(rows)
        self._removed: list[int] = []

    @property
    def rows(self) -> tuple[ExceptionRow, ...]:
        return tuple(self._rows)

    @property
    def removed_ids(self) -> tuple[int, ...]:
        """Stored exceptions the user removed."""
        return tuple(self._removed)

    def new_leave(self) -> tuple[LeaveSpec, ...]:
        return tuple(
            LeaveSpec(r.first_day, r.last_day, r.note)
            for r in self._rows
            if r.id is None and r.kind == "leave"
        )

    def new_extra_shifts(self) -> tuple[ExtraShiftSpec, ...]:
        return tuple(
            ExtraShiftSpec(r.first_day, r.start or "", r.end or "", r.note)
            for r in self._rows
            if r.id is None and r.kind == "extra"
        )

    @property
    def modified(self) -> bool:
        return bool(self._removed) or any(r.id is None for r in self._rows)

    def add(self, row: ExceptionRow) -> int:
        """Insert ``row`` in date order; its position."""
        position = next(
            (i for i, r in enumerate(self._rows) if r.first_day > row.first_day), len(self._rows)
        )
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.insert(position, row)
        self.endInsertRows()
        self.edited.emit()
        return position

    def remove_row(self, position: int) -> bool:
        if not 0 <= position < len(self._rows):
            return False
        self.beginRemoveRows(QModelIndex(), position, position)
        row = self._rows.pop(position)
        self.endRemoveRows()
        if row.id is not None:
            self._removed.append(row.id)
        self.edited.emit()
        return True

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        titles = (
            self.tr("Kind"),
            self.tr("From"),
            self.tr("To"),
            self.tr("Hours"),
            self.tr("Note"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.KIND:
                kind = self.tr("Leave") if row.kind == "leave" else self.tr("Extra shift")
                return kind if row.id is not None else self.tr("{kind} (new)").format(kind=kind)
            if column == self.FIRST:
                return _date_text(row.first_day)
            if column == self.LAST:
                return _date_text(row.last_day)
            if column == self.HOURS:
                if row.kind == "leave" or not row.start or not row.end:
                    return self.tr("all day")
                return f"{row.start}–{row.end}"
            if column == self.NOTE:
                return row.note
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )


def shift_rows(agent: AgentCoverage) -> list[WeeklyRow]:
    """An agent's shifts as editor rows (a shift in the agent's own zone keeps no zone)."""
    return [
        WeeklyRow(
            s.weekday,
            s.start,
            s.end,
            s.zone if s.zone and s.zone != agent.zone else None,
            s.valid_from,
            s.valid_until,
        )
        for s in agent.shifts
    ]


def shift_specs(rows: Sequence[WeeklyRow]) -> list[ShiftSpec]:
    return [ShiftSpec(r.weekday, r.start, r.end, r.zone, r.valid_from, r.valid_until) for r in rows]


def schedule_table(parent: QWidget, name: str) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


class CoverageShiftEditor(FollowsUiLanguage, QDialog):
    """Weekly shifts, leave and extra shifts of one agent; "Save" stores them (audited)."""

    #: The schedule was stored.
    saved = Signal()

    def __init__(
        self,
        executor: StoreExecutor,
        agent: AgentCoverage,
        *,
        state: AppState | None = None,
        today: date | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("coverageShiftEditor")
        self._executor = executor
        self._agent = agent
        #: Who is working: the schedule is recorded as changed by them.
        self.state = state or AppState(self)
        self._original = tuple(shift_rows(agent))
        self._busy = False
        start_day = _qdate(today) if today is not None else QDate.currentDate()

        self.shifts_model = WeeklyTimesModel(self._original, parent=self)
        self.exceptions_model = ShiftExceptionsModel(
            (
                ExceptionRow(e.kind, e.first_day, e.last_day, e.start, e.end, e.note, e.id)
                for e in agent.exceptions
            ),
            self,
        )

        self.heading = QLabel(self)
        self.heading.setProperty("showsData", True)
        set_role(self.heading, "strong")
        self.zone_note = QLabel(self)
        self.zone_note.setWordWrap(True)

        self.shifts_box = QGroupBox(self)
        self.shifts_view = schedule_table(self.shifts_box, "weeklyShifts")
        self.shifts_view.setModel(self.shifts_model)
        self.shifts_view.setItemDelegateForColumn(
            WeeklyTimesModel.DAY, WeekdayDelegate(self.shifts_view)
        )
        self.shifts_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.add_shift_button = QPushButton(self.shifts_box)
        self.remove_shift_button = QPushButton(self.shifts_box)

        self.exceptions_box = QGroupBox(self)
        self.exceptions_view = schedule_table(self.exceptions_box, "shiftExceptions")
        self.exceptions_view.setModel(self.exceptions_model)
        self.exceptions_view.verticalHeader().hide()
        self.remove_exception_button = QPushButton(self.exceptions_box)
        self.leave_label = QLabel(self.exceptions_box)
        self.leave_first = QDateEdit(start_day, self.exceptions_box)
        self.leave_last = QDateEdit(start_day, self.exceptions_box)
        self.leave_note = QLineEdit(self.exceptions_box)
        self.add_leave_button = QPushButton(self.exceptions_box)
        self.extra_label = QLabel(self.exceptions_box)
        self.extra_day = QDateEdit(start_day, self.exceptions_box)
        self.extra_start = QTimeEdit(QTime(9, 0), self.exceptions_box)
        self.extra_end = QTimeEdit(QTime(17, 0), self.exceptions_box)
        self.extra_note = QLineEdit(self.exceptions_box)
        self.add_extra_button = QPushButton(self.exceptions_box)
        self.to_labels = (QLabel(self.exceptions_box), QLabel(self.exceptions_box))
        for edit in (self.leave_first, self.leave_last, self.extra_day):
            edit.setCalendarPopup(True)
        for time_edit in (self.extra_start, self.extra_end):
            time_edit.setDisplayFormat("HH:mm")

        self.message = QLabel(self)
        self.message.setObjectName("scheduleMessage")
        self.message.setWordWrap(True)
        set_role(self.message, "error")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )

        shift_buttons = QHBoxLayout()
        shift_buttons.addWidget(self.add_shift_button)
        shift_buttons.addWidget(self.remove_shift_button)
        shift_buttons.addStretch(1)
        shifts_layout = QVBoxLayout(self.shifts_box)
        shifts_layout.addWidget(self.zone_note)
        shifts_layout.addWidget(self.shifts_view, 1)
        shifts_layout.addLayout(shift_buttons)

        leave_row = QHBoxLayout()
        leave_row.addWidget(self.leave_label)
        leave_row.addWidget(self.leave_first)
        leave_row.addWidget(self.to_labels[0])
        leave_row.addWidget(self.leave_last)
        leave_row.addWidget(self.leave_note, 1)
        leave_row.addWidget(self.add_leave_button)
        extra_row = QHBoxLayout()
        extra_row.addWidget(self.extra_label)
        extra_row.addWidget(self.extra_day)
        extra_row.addWidget(self.extra_start)
        extra_row.addWidget(self.to_labels[1])
        extra_row.addWidget(self.extra_end)
        extra_row.addWidget(self.extra_note, 1)
        extra_row.addWidget(self.add_extra_button)
        remove_row = QHBoxLayout()
        remove_row.addWidget(self.remove_exception_button)
        remove_row.addStretch(1)
        exceptions_layout = QVBoxLayout(self.exceptions_box)
        exceptions_layout.addWidget(self.exceptions_view, 1)
        exceptions_layout.addLayout(remove_row)
        exceptions_layout.addLayout(leave_row)
        exceptions_layout.addLayout(extra_row)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.shifts_box, 3)
        layout.addWidget(self.exceptions_box, 2)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(760, 640)

        self.add_shift_button.clicked.connect(self.add_shift)
        self.remove_shift_button.clicked.connect(self.remove_shift)
        self.remove_exception_button.clicked.connect(self.remove_exception)
        self.add_leave_button.clicked.connect(self.add_leave)
        self.add_extra_button.clicked.connect(self.add_extra_shift)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.shifts_model.edited.connect(self.message.clear)
        self.exceptions_model.edited.connect(self.message.clear)
        self.ui_language_changed()

    # -- language -----------------------------------------------------------

    def ui_language_changed(self) -> None:
        self.setWindowTitle(self.tr("Edit shifts"))
        self.heading.setText(self._agent.name)
        self.zone_note.setText(
            self.tr(
                "Weekly shifts in {zone}. A shift whose end is not after its start runs "
                "past midnight into the next day. Double-click a cell to change it."
            ).format(zone=self._agent.zone)
        )
        self.shifts_box.setTitle(self.tr("Weekly shifts"))
        self.add_shift_button.setText(self.tr("Add shift"))
        self.remove_shift_button.setText(self.tr("Remove shift"))
        self.exceptions_box.setTitle(self.tr("Leave and extra shifts"))
        self.remove_exception_button.setText(self.tr("Remove selected"))
        self.leave_label.setText(self.tr("Leave from"))
        self.extra_label.setText(self.tr("Extra shift on"))
        for label in self.to_labels:
            label.setText(self.tr("to"))
        self.leave_note.setPlaceholderText(self.tr("Note (optional)"))
        self.extra_note.setPlaceholderText(self.tr("Note (optional)"))
        self.add_leave_button.setText(self.tr("Add leave"))
        self.add_extra_button.setText(self.tr("Add extra shift"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    # -- editing --------------------------------------------------------------

    @property
    def agent(self) -> AgentCoverage:
        return self._agent

    def add_shift(self) -> int:
        position = self.shifts_model.add_row()
        self.shifts_view.selectRow(position)
        return position

    def remove_shift(self) -> bool:
        rows = self.shifts_view.selectionModel().selectedRows()
        return bool(rows) and self.shifts_model.remove_row(rows[0].row())

    def remove_exception(self) -> bool:
        rows = self.exceptions_view.selectionModel().selectedRows()
        return bool(rows) and self.exceptions_model.remove_row(rows[0].row())

    def add_leave(self) -> bool:
        """Add the leave in the form (refused with a message when it ends before it starts)."""
        spec = LeaveSpec(
            _pydate(self.leave_first.date()),
            _pydate(self.leave_last.date()),
            self.leave_note.text().strip(),
        )
        try:
            check_leave([spec])
        except InvalidSchedule as exc:
            self._show_problem(exc, "leave")
            return False
        self.exceptions_model.add(
            ExceptionRow("leave", spec.first_day, spec.last_day, note=spec.note)
        )
        self.leave_note.clear()
        return True

    def add_extra_shift(self) -> bool:
        """Add the one-off shift in the form (refused when it ends when it starts)."""
        day = _pydate(self.extra_day.date())
        spec = ExtraShiftSpec(
            day,
            self.extra_start.time().toString("HH:mm"),
            self.extra_end.time().toString("HH:mm"),
            self.extra_note.text().strip(),
        )
        try:
            check_extra_shifts([spec])
        except InvalidSchedule as exc:
            self._show_problem(exc, "extra")
            return False
        self.exceptions_model.add(ExceptionRow("extra", day, day, spec.start, spec.end, spec.note))
        self.extra_note.clear()
        return True

    # -- saving -----------------------------------------------------------------

    @property
    def shifts_modified(self) -> bool:
        return self.shifts_model.rows != self._original

    def save(self) -> bool:
        """Check the schedule and store it; False (with a message) when refused or busy.
        The dialog closes (accepted) once the store has it."""
        if self._busy:
            return False
        shifts = shift_specs(self.shifts_model.rows) if self.shifts_modified else None
        leave = self.exceptions_model.new_leave()
        extras = self.exceptions_model.new_extra_shifts()
        try:
            if shifts is not None:
                check_shifts(shifts)
        except InvalidSchedule as exc:
            self._show_problem(exc, "shift")
            return False
        try:
            check_leave(leave)
            check_extra_shifts(extras)
        except InvalidSchedule as exc:
            self._show_problem(exc, "leave" if exc.problem == "leave_order" else "extra")
            return False
        if shifts is None and not self.exceptions_model.modified:
            self.accept()
            return True
        self._set_busy(True)
        save_schedule(
            parent=self,
            agent_id=self._agent.id,
            actor=self.state.actor,
            shifts=shifts,
            removed_exceptions=self.exceptions_model.removed_ids,
            leave=leave,
            extra_shifts=extras,
            success=self._saved,
            seen=stamp_of(self._agent.shifts, self._agent.exceptions),  # refused if changed
        ).failure(self._failed).run(self._executor)
        return True

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not busy)

    def _saved(self, _result: None) -> None:
        self._set_busy(False)
        self.saved.emit()
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False)
        if isinstance(exc, InvalidSchedule):
            self._show_problem(exc, "shift")
            return
        if isinstance(exc, ScheduleChangedMeanwhile):  # someone saved first: the plan reloads
            self.message.setText(problem_text(exc.problem))
            self._executor.changes.publish(Changes(coverage=True))
            return
        self.message.setText(self.tr("Nothing was saved: {error}").format(error=exc))

    def _show_problem(self, exc: InvalidSchedule, what: str) -> None:
        numbers = [n + 1 for n in exc.items]
        if what == "shift":
            self.shifts_model.set_problems(exc.items)
            if exc.problem == "empty":
                text = self.tr(
                    "Shift {number} ends when it starts. Give it an end time different from "
                    "its start time. Nothing was saved."
                ).format(number=numbers[0])
            elif exc.problem == "overlap":
                text = self.tr(
                    "Shifts {first} and {second} overlap. Change or remove one of them. "
                    "Nothing was saved."
                ).format(first=numbers[0], second=numbers[1])
            else:
                text = self.tr("Shift {number} has an invalid time. Nothing was saved.").format(
                    number=numbers[0] if numbers else "?"
                )
        elif what == "leave":
            text = self.tr(
                "Leave cannot end before it starts: choose a last day on or after the first day."
            )
        else:
            text = self.tr("An extra shift cannot end when it starts: choose another end time.")
        self.message.setText(text)
