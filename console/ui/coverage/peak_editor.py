"""The "Peak events…" dialog of the coverage planner: sales peaks a lead expects
(Double 11, 618, Black Friday) with their days, the expected multiplier of inbound
volume and the market (or all markets). Keyboard first: every field has a mnemonic,
Enter in a field saves, Delete in the list removes.

Stored with :mod:`console.coverage.peaks` (audited) by the operations of
console/ui/coverage/operations.py, recorded for the person of the AppState.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from console.coverage import MarketCoverage
from console.coverage.peaks import (
    MAX_MULTIPLIER,
    MIN_MULTIPLIER,
    NAME_CHARS,
    PeakEventView,
    PeakSpec,
)
from console.ui.app_state import AppState
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.common.palette import set_role
from console.ui.common.problem_texts import error_text
from console.ui.coverage.operations import delete_peak_event, load_peak_events, save_peak_event
from console.ui.lanes.operations import WriteOp
from console.ui.lanes.store_executor import StoreExecutor

Index = QModelIndex | QPersistentModelIndex
NAME, DAYS, MULTIPLIER, MARKET = range(4)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class PeakEventsModel(QAbstractTableModel):
    """The stored peak events, one a row."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.events: tuple[PeakEventView, ...] = ()

    def set_events(self, events: tuple[PeakEventView, ...]) -> None:
        self.beginResetModel()
        self.events = events
        self.endResetModel()

    def row_of(self, event_id: int) -> int | None:
        return next((r for r, e in enumerate(self.events) if e.id == event_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.events)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        event = self.events[index.row()]
        column = index.column()
        if column == NAME:
            return event.name
        if column == DAYS:
            locale = QLocale()
            first = locale.toString(_qdate(event.first_day), QLocale.FormatType.ShortFormat)
            if event.last_day == event.first_day:
                return first
            last = locale.toString(_qdate(event.last_day), QLocale.FormatType.ShortFormat)
            return f"{first} – {last}"
        if column == MULTIPLIER:
            return f"× {event.multiplier:g}"
        return event.market_code or self.tr("All markets")

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (self.tr("Event"), self.tr("Days"), self.tr("Volume"), self.tr("Market"))
        return titles[section] if 0 <= section < len(titles) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )


class CoveragePeakEditor(FollowsUiLanguage, QDialog):
    """List, add, change and remove peak events; ``saved`` after each stored change."""

    saved = Signal()
    #: The list was (re)loaded from the store.
    loaded = Signal()

    def __init__(
        self,
        executor: StoreExecutor,
        markets: tuple[MarketCoverage, ...],
        *,
        state: AppState | None = None,
        today: date,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("coveragePeakEditor")
        self._executor = executor
        #: Who is working: changes are recorded for them.
        self.state = state or AppState(self)
        self._today = today
        self._editing: int | None = None  # the event shown in the form (None: a new one)
        self._busy = False
        self.model = PeakEventsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("peakEvents")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column in (DAYS, MULTIPLIER, MARKET):
            self.table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents
            )
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("peakName")
        self.name_edit.setMaxLength(NAME_CHARS)
        self.first_edit = QDateEdit(self)
        self.first_edit.setObjectName("peakFirstDay")
        self.last_edit = QDateEdit(self)
        self.last_edit.setObjectName("peakLastDay")
        for edit in (self.first_edit, self.last_edit):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(_qdate(today))
        self.multiplier_edit = QDoubleSpinBox(self)
        self.multiplier_edit.setObjectName("peakMultiplier")
        self.multiplier_edit.setRange(MIN_MULTIPLIER, MAX_MULTIPLIER)
        self.multiplier_edit.setDecimals(1)
        self.multiplier_edit.setSingleStep(0.5)
        self.multiplier_edit.setValue(2.0)
        self.market_combo = QComboBox(self)
        self.market_combo.setObjectName("peakMarket")
        self.market_combo.addItem("", None)
        for market in markets:
            self.market_combo.addItem(f"{market.code} · {market.name}", market.id)
        self.name_label, self.first_label, self.last_label = (
            QLabel(self),
            QLabel(self),
            QLabel(self),
        )
        self.multiplier_label, self.market_label = QLabel(self), QLabel(self)
        for label, field in (
            (self.name_label, self.name_edit),
            (self.first_label, self.first_edit),
            (self.last_label, self.last_edit),
            (self.multiplier_label, self.multiplier_edit),
            (self.market_label, self.market_combo),
        ):
            label.setBuddy(field)
        form = QFormLayout()
        form.addRow(self.name_label, self.name_edit)
        form.addRow(self.first_label, self.first_edit)
        form.addRow(self.last_label, self.last_edit)
        form.addRow(self.multiplier_label, self.multiplier_edit)
        form.addRow(self.market_label, self.market_combo)
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("peakNew")
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("peakSave")
        self.save_button.setDefault(True)
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("peakRemove")
        self.remove_button.setEnabled(False)
        self.message = QLabel(self)
        self.message.setObjectName("peakMessage")
        self.message.setWordWrap(True)
        set_role(self.message, "error")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.save_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(620, 520)
        self.new_button.clicked.connect(self.new_event)
        self.save_button.clicked.connect(lambda: self.save())
        self.remove_button.clicked.connect(lambda: self.remove())
        self.buttons.rejected.connect(self.reject)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.name_edit.returnPressed.connect(lambda: self.save())
        remove_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        remove_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove_key.activated.connect(lambda: self.remove())
        self.ui_language_changed()
        self.reload()

    def ui_language_changed(self) -> None:
        self.setWindowTitle(self.tr("Peak events"))
        self.note.setText(
            self.tr(
                "Days when you expect more (or fewer) customer messages than usual, such as "
                "Double 11, 618 or Black Friday. The forecast multiplies the usual volume of "
                "those days in each market's own time zone; the required agents follow."
            )
        )
        self.name_label.setText(self.tr("&Name:"))
        self.first_label.setText(self.tr("&First day:"))
        self.last_label.setText(self.tr("&Last day:"))
        self.multiplier_label.setText(self.tr("Expected &volume (× usual):"))
        self.market_label.setText(self.tr("&Market:"))
        self.market_combo.setItemText(0, self.tr("All markets"))
        self.new_button.setText(self.tr("N&ew event"))
        self.save_button.setText(self.tr("&Save event"))
        self.remove_button.setText(self.tr("&Remove event"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))

    # -- loading ----------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        load_peak_events(
            parent=self, success=lambda events: self._loaded(events, select_id)
        ).failure(self._failed).run(self._executor)

    def _loaded(self, events: tuple[PeakEventView, ...], select_id: int | None) -> None:
        self.model.set_events(events)
        row = self.model.row_of(select_id) if select_id is not None else None
        if row is not None:
            self.table.selectRow(row)
        else:
            self.new_event()
        self.loaded.emit()

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        event = self.model.events[current.row()]
        self._editing = event.id
        self.name_edit.setText(event.name)
        self.first_edit.setDate(_qdate(event.first_day))
        self.last_edit.setDate(_qdate(event.last_day))
        self.multiplier_edit.setValue(event.multiplier)
        position = self.market_combo.findData(event.market_id) if event.market_id else 0
        self.market_combo.setCurrentIndex(max(0, position))
        self.remove_button.setEnabled(True)
        self.message.clear()

    def new_event(self) -> None:
        """Empty the form for a new event."""
        self._editing = None
        self.table.clearSelection()
        self.name_edit.clear()
        self.first_edit.setDate(_qdate(self._today))
        self.last_edit.setDate(_qdate(self._today))
        self.multiplier_edit.setValue(2.0)
        self.market_combo.setCurrentIndex(0)
        self.remove_button.setEnabled(False)
        self.message.clear()
        self.name_edit.setFocus()

    # -- changes ---------------------------------------------------------------

    def spec(self) -> PeakSpec:
        """What the form says."""
        market = self.market_combo.currentData()
        return PeakSpec(
            name=self.name_edit.text(),
            first_day=_date(self.first_edit.date()),
            last_day=_date(self.last_edit.date()),
            multiplier=round(self.multiplier_edit.value(), 1),
            market_id=int(market) if market is not None else None,
        )

    def save(self) -> bool:
        """Store the form (a new event or the selected one); False when busy."""
        if self._busy:
            return False
        self._run(
            save_peak_event(
                parent=self,
                event_id=self._editing,
                spec=self.spec(),
                actor=self.state.actor,
                success=self._stored,
            )
        )
        return True

    def remove(self) -> bool:
        """Remove the selected event; False when none is selected or busy."""
        editing = self._editing
        if editing is None or self._busy:
            return False
        self._run(
            delete_peak_event(
                parent=self, event_id=editing, actor=self.state.actor, success=self._stored
            )
        )
        return True

    def _run(self, operation: WriteOp[int | None]) -> None:
        self._set_busy(True)
        operation.failure(self._failed).run(self._executor)

    def _stored(self, event_id: int | None) -> None:
        self._set_busy(False)
        self.message.clear()
        self.saved.emit()
        self.reload(event_id)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for button in (self.save_button, self.new_button):
            button.setEnabled(not busy)
        self.remove_button.setEnabled(not busy and self._editing is not None)

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False)
        self.message.setText(self.tr("Nothing was saved: {error}").format(error=error_text(exc)))
