"""Editing a market's support hours (the "Edit support hours…" dialog).

Periods per weekday in the market's own zone, several a day, crossing midnight
allowed (an end not after the start runs into the next day; 00:00-24:00 is the
whole day). "Save" checks them (no empty or overlapping periods) and stores them
with :func:`console.coverage.set_market_hours` (audited), keeping the market's
holiday country: the write operation ``save_support_hours``
(console/ui/coverage/operations.py), recorded for the person of the AppState.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from console.coverage import InvalidSchedule, MarketCoverage, check_periods
from console.kpis.targets import MAX_TARGET_MINUTES
from console.store.kpi_tables import DEFAULT_FIRST_RESPONSE_TARGET_MINUTES
from console.ui.app_state import AppState
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.common.palette import set_role
from console.ui.coverage.operations import load_response_target, save_support_hours
from console.ui.coverage.shift_editor import (
    WeekdayDelegate,
    WeeklyRow,
    WeeklyTimesModel,
    schedule_table,
)
from console.ui.lanes.store_executor import StoreExecutor
from timezones import Period

#: Day names as the stored periods spell them ("Mon 09:00-18:00"); data, not UI text.
PERIOD_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def period_rows(periods: tuple[str, ...]) -> list[WeeklyRow]:
    """Stored periods as editor rows, by day and start ("00:00-24:00" is 00:00-00:00)."""
    rows = []
    for text in periods:
        try:
            period = Period.parse(text)
        except ValueError:
            continue
        rows.append(
            WeeklyRow(period.weekday, period.start.strftime("%H:%M"), period.end.strftime("%H:%M"))
        )
    return sorted(rows, key=lambda r: (r.weekday, r.start))


def period_texts(model: WeeklyTimesModel) -> list[str]:
    """The model's rows as stored periods ("Mon 22:00-02:00", "Sat 00:00-24:00")."""
    return [f"{PERIOD_DAYS[r.weekday]} {r.start}-{model.end_text(r)}" for r in model.rows]


class CoverageHoursEditor(FollowsUiLanguage, QDialog):
    """Support hours of one market in its zone; "Save" stores them (audited)."""

    #: The hours were stored.
    saved = Signal()

    def __init__(
        self,
        executor: StoreExecutor,
        market: MarketCoverage,
        *,
        state: AppState | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("coverageHoursEditor")
        self._executor = executor
        self._market = market
        #: Who is working: the hours are recorded as changed by them.
        self.state = state or AppState(self)
        self._busy = False
        self.model = WeeklyTimesModel(period_rows(market.periods), whole_day=True, parent=self)

        self.heading = QLabel(self)
        self.heading.setProperty("showsData", True)
        set_role(self.heading, "strong")
        self.zone_label = QLabel(self)
        self.zone_edit = QLineEdit(market.zone, self)
        self.zone_edit.setObjectName("supportZone")
        # The market's first-response target (KPIs), in business minutes of these hours.
        self.target_label = QLabel(self)
        self.target_edit = QSpinBox(self)
        self.target_edit.setObjectName("firstResponseTarget")
        self.target_edit.setRange(1, MAX_TARGET_MINUTES)
        self.target_edit.setValue(DEFAULT_FIRST_RESPONSE_TARGET_MINUTES)
        self.target_edit.setEnabled(False)  # until the stored target is read
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.view = schedule_table(self, "supportPeriods")
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(WeeklyTimesModel.DAY, WeekdayDelegate(self.view))
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.add_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        self.message = QLabel(self)
        self.message.setObjectName("hoursMessage")
        self.message.setWordWrap(True)
        set_role(self.message, "error")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )

        zone_row = QHBoxLayout()
        zone_row.addWidget(self.zone_label)
        zone_row.addWidget(self.zone_edit, 1)
        zone_row.addWidget(self.target_label)
        zone_row.addWidget(self.target_edit)
        edit_row = QHBoxLayout()
        edit_row.addWidget(self.add_button)
        edit_row.addWidget(self.remove_button)
        edit_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(zone_row)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)
        layout.addLayout(edit_row)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(560, 480)

        self.add_button.clicked.connect(self.add_period)
        self.remove_button.clicked.connect(self.remove_period)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.model.edited.connect(self.message.clear)
        self.ui_language_changed()
        load_response_target(parent=self, market_id=market.id, success=self._show_target).run(
            executor
        )

    def _show_target(self, minutes: int) -> None:
        self.target_edit.setValue(minutes)
        self.target_edit.setEnabled(True)

    def ui_language_changed(self) -> None:
        self.setWindowTitle(self.tr("Edit support hours"))
        self.heading.setText(f"{self._market.code} · {self._market.name}")
        self.zone_label.setText(self.tr("Time zone of the market:"))
        self.target_label.setText(self.tr("First-response target:"))
        self.target_edit.setSuffix(self.tr(" business min"))
        self.note.setText(
            self.tr(
                "Support periods in the market's local time, several a day if needed. A "
                "period whose end is not after its start runs past midnight; 00:00 to "
                "00:00 is the whole day. Double-click a cell to change it."
            )
        )
        self.add_button.setText(self.tr("Add period"))
        self.remove_button.setText(self.tr("Remove period"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    @property
    def market(self) -> MarketCoverage:
        return self._market

    def add_period(self) -> int:
        position = self.model.add_row()
        self.view.selectRow(position)
        return position

    def remove_period(self) -> bool:
        rows = self.view.selectionModel().selectedRows()
        return bool(rows) and self.model.remove_row(rows[0].row())

    def save(self) -> bool:
        """Check the periods and store them; False (with a message) when refused or busy.
        The dialog closes (accepted) once the store has them."""
        if self._busy:
            return False
        periods = period_texts(self.model)
        try:
            check_periods(periods)
        except InvalidSchedule as exc:
            self._show_problem(exc)
            return False
        periods = sorted(periods, key=lambda text: (PERIOD_DAYS.index(text[:3]), text[4:]))
        self._set_busy(True)
        save_support_hours(
            parent=self,
            market_id=self._market.id,
            zone=self.zone_edit.text().strip(),
            periods=periods,
            holiday_country=self._market.holiday_country,
            target_minutes=self.target_edit.value() if self.target_edit.isEnabled() else None,
            actor=self.state.actor,
            success=self._saved,
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
            self._show_problem(exc)
            return
        self.message.setText(self.tr("Nothing was saved: {error}").format(error=exc))

    def _show_problem(self, exc: InvalidSchedule) -> None:
        self.model.set_problems(exc.items)
        numbers = [n + 1 for n in exc.items] or [0]
        if exc.problem == "empty":
            text = self.tr(
                "Period {number} ends when it starts. Give it another end time (00:00 to "
                "00:00 is the whole day). Nothing was saved."
            ).format(number=numbers[0])
        elif exc.problem == "overlap" and len(numbers) > 1:
            text = self.tr(
                "Periods {first} and {second} overlap. Change or remove one of them. "
                "Nothing was saved."
            ).format(first=numbers[0], second=numbers[1])
        else:
            text = self.tr("Period {number} has an invalid time. Nothing was saved.").format(
                number=numbers[0]
            )
        self.message.setText(text)
