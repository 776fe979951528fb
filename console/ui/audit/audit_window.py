"""*View → Audit log…*: the audit log with filters and the state of its hash chain.

For administrators and compliance staff (the menu entry shows for them only, see
:func:`follow_audit_access`; the window checks again and shows nothing to others).
Filters: person, action, record, first and last day, words. The table holds the
entries loaded so far, newest first, and fetches the next page as it scrolls
(console/ui/audit/audit_model.py); the count of matching entries shows beside it.
The chain is checked when the window opens, off the UI thread
(:class:`~console.ui.audit.operations.ChainCheck`), and shows as "Chain intact:
12,345 entries" or the first broken entry. The log is read again when the change
bus says ``audit`` changed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.audit import PRIVACY_ACTIONS
from console.changes import Changes
from console.privacy.audit_chain import ChainReport
from console.privacy.audit_log import AuditChoices, AuditFilter, AuditRow
from console.ui.app_state import AppState
from console.ui.audit.audit_model import AuditTableModel
from console.ui.audit.audit_names import action_name, actor_name, record_name
from console.ui.audit.operations import (
    ChainCheck,
    count_audit_entries,
    load_audit_access,
    load_audit_choices,
    load_audit_page,
)
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.common.palette import set_role
from console.ui.common.problem_texts import error_text, problem_text
from console.ui.lanes.store_executor import StoreExecutor

#: The first day a date filter offers; choosing it means "any day".
_ANY_DAY = QDate(2000, 1, 1)
_TEXT_DELAY_MS = 300


def follow_audit_access(action: QAction, executor: StoreExecutor, state: AppState) -> None:
    """Show ``action`` only while the person at the seat is an admin or compliance staff."""
    action.setVisible(False)

    def check(_person: object = None) -> None:
        load_audit_access(parent=action, person_id=state.person_id, success=action.setVisible).run(
            executor
        )

    state.person_changed.connect(check)
    if state.person_id is not None:
        check()


class AuditWindow(FollowsUiLanguage, QWidget):
    #: The table shows a new filter's first page (number of rows shown).
    rows_loaded = Signal(int)
    #: The count of matching entries is known.
    counted = Signal(int)
    #: The chain check ended (its ChainReport).
    chain_checked = Signal(object)

    def __init__(self, executor: StoreExecutor, *, state: AppState, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditWindow")
        self._executor = executor
        self.state = state
        self.allowed = False
        self._generation = 0
        self._choices = AuditChoices((), (), ())
        self._report: ChainReport | None = None
        self._checked_so_far = 0
        self._count: int | None = None

        self.person = self._combo("auditPerson")
        self.action = self._combo("auditAction")
        self.entity = self._combo("auditEntity")
        self.since = self._date("auditSince")
        self.until = self._date("auditUntil")
        self.text = QLineEdit(self)
        self.text.setObjectName("auditText")
        self.text.setClearButtonEnabled(True)
        self.since_label = QLabel(self)
        self.until_label = QLabel(self)
        filters = QHBoxLayout()
        for widget in (self.person, self.action, self.entity):
            filters.addWidget(widget)
        filters.addWidget(self.since_label)
        filters.addWidget(self.since)
        filters.addWidget(self.until_label)
        filters.addWidget(self.until)
        filters.addWidget(self.text, 1)

        self.model = AuditTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("auditTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column in (
            AuditTableModel.WHEN,
            AuditTableModel.ACTOR,
            AuditTableModel.ACTION,
            AuditTableModel.ENTITY,
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("auditCount")
        self.chain_label = QLabel(self)
        self.chain_label.setObjectName("auditChain")
        self.chain_label.setWordWrap(True)
        self.check_button = QPushButton(self)
        self.check_button.setObjectName("auditCheckChain")
        self.denied = QLabel(self)
        self.denied.setObjectName("auditDenied")
        self.denied.setWordWrap(True)
        self.denied.hide()
        status = QHBoxLayout()
        status.addWidget(self.count_label)
        status.addWidget(self.chain_label, 1)
        status.addWidget(self.check_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.denied)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(status)

        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(_TEXT_DELAY_MS)
        self._text_timer.timeout.connect(self.reload)
        self.text.textChanged.connect(lambda _text: self._text_timer.start())
        for combo in (self.person, self.action, self.entity):
            combo.currentIndexChanged.connect(lambda _index: self.reload())
        self.since.dateChanged.connect(lambda _day: self.reload())
        self.until.dateChanged.connect(lambda _day: self.reload())
        self.model.more_wanted.connect(self._more)
        self.check_button.clicked.connect(self.check_chain)

        self.chain = ChainCheck(executor.store, self)
        self.chain.progressed.connect(self._chain_progress)
        self.chain.finished.connect(self._chain_done)
        self.chain.failed.connect(self._chain_failed)
        executor.changes.changed.connect(self._on_changes)
        self.state.person_changed.connect(lambda _person: self.load())
        self.ui_language_changed()

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.addItem("", None)
        return combo

    def _date(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setObjectName(name)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setCalendarPopup(True)
        edit.setMinimumDate(_ANY_DAY)
        edit.setDate(_ANY_DAY)
        return edit

    # -- text -----------------------------------------------------------------------------

    def ui_language_changed(self) -> None:
        self.setWindowTitle(self.tr("Audit log"))
        self.person.setItemText(0, self.tr("Everyone"))
        self.action.setItemText(0, self.tr("Every action"))
        self.entity.setItemText(0, self.tr("Every record"))
        for edit in (self.since, self.until):
            edit.setSpecialValueText(self.tr("Any day"))
        self.since_label.setText(self.tr("From"))
        self.until_label.setText(self.tr("to"))
        self.text.setPlaceholderText(self.tr("Words in the entries…"))
        self.check_button.setText(self.tr("Check the chain"))
        self._choices_known(self._choices)  # the actions' and records' names
        self.model.ui_language_changed()
        self.denied.setText(
            self.tr("Only administrators and compliance staff can read the audit log.")
        )
        self._show_count()
        self._show_chain()

    # -- loading --------------------------------------------------------------------------

    def load(self) -> None:
        """Check who is working, then load the choices, the first page and the chain."""
        load_audit_access(
            parent=self, person_id=self.state.person_id, success=self._access_known
        ).run(self._executor)

    def _access_known(self, allowed: bool) -> None:
        self.allowed = allowed
        self.denied.setVisible(not allowed)
        for widget in (self.person, self.action, self.entity, self.since, self.until, self.text):
            widget.setEnabled(allowed)
        self.table.setEnabled(allowed)
        self.check_button.setEnabled(allowed)
        if not allowed:
            self.chain.cancel(wait=0)
            self._generation += 1
            self._report, self._count = None, None
            self.model.reset([])
            self._show_count()
            self._show_chain()
            return
        load_audit_choices(parent=self, success=self._choices_known).run(self._executor)
        self.reload()
        self.check_chain()

    def _choices_known(self, choices: AuditChoices) -> None:
        self._choices = choices
        for combo, values, name, first in (
            (self.person, choices.actors, actor_name, ()),
            # Data-protection actions first: what compliance staff look for.
            (self.action, choices.actions, action_name, PRIVACY_ACTIONS),
            (self.entity, choices.entities, record_name, ()),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for _later, shown, value in sorted((v not in first, name(v), v) for v in values):
                combo.addItem(shown, value)
            found = combo.findData(chosen) if chosen is not None else 0
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)

    def current_filter(self) -> AuditFilter:
        return AuditFilter(
            actor=self.person.currentData(),
            action=self.action.currentData(),
            entity=self.entity.currentData(),
            since=_day(self.since.date()),
            until=_day(self.until.date()),
            text=self.text.text().strip(),
        )

    def reload(self) -> None:
        """Count and show the first page of what the filters find."""
        if not self.allowed:
            return
        self._text_timer.stop()
        self._generation += 1
        generation, wanted = self._generation, self.current_filter()
        load_audit_page(
            parent=self,
            wanted=wanted,
            below=None,
            success=lambda rows: self._first_page(generation, rows),
        ).run(self._executor)
        count_audit_entries(
            parent=self, wanted=wanted, success=lambda n: self._counted(generation, n)
        ).run(self._executor)

    def _first_page(self, generation: int, rows: list[AuditRow]) -> None:
        if generation != self._generation:
            return
        self.model.reset(rows)
        self.rows_loaded.emit(len(rows))

    def _more(self, below: int) -> None:
        generation = self._generation
        load_audit_page(
            parent=self,
            wanted=self.current_filter(),
            below=below,
            success=lambda rows: self._next_page(generation, rows),
        ).run(self._executor)

    def _next_page(self, generation: int, rows: list[AuditRow]) -> None:
        if generation == self._generation:
            self.model.append(rows)

    def _counted(self, generation: int, count: int) -> None:
        if generation != self._generation:
            return
        self._count = count
        self._show_count()
        self.counted.emit(count)

    def _show_count(self) -> None:
        if self._count is None:
            self.count_label.setText("")
        else:
            self.count_label.setText(self.tr("%n entries", "", self._count))

    def _on_changes(self, changes: Changes) -> None:
        if changes.audit and self.allowed:
            load_audit_choices(parent=self, success=self._choices_known).run(self._executor)
            self.reload()

    # -- the chain ------------------------------------------------------------------------

    def check_chain(self) -> None:
        if not self.allowed or self.chain.running:
            return
        self._report, self._checked_so_far = None, 0
        set_role(self.chain_label, None)
        self._show_chain()
        self.chain.start()

    def _chain_progress(self, checked: int) -> None:
        self._checked_so_far = checked
        if self._report is None:
            self._show_chain()

    def _chain_done(self, report: ChainReport) -> None:
        self._report = report
        set_role(self.chain_label, "ok" if report.intact else "error")
        self._show_chain()
        self.chain_checked.emit(report)

    def _chain_failed(self, exc: Exception) -> None:
        set_role(self.chain_label, "error")
        self.chain_label.setText(error_text(exc))

    def _show_chain(self) -> None:
        report = self._report
        if not self.allowed:
            self.chain_label.setText("")
        elif report is None:
            self.chain_label.setText(
                self.tr("Checking the chain… {count} entries").format(
                    count=f"{self._checked_so_far:,}"
                )
            )
        elif report.broken is None:
            self.chain_label.setText(
                self.tr("Chain intact: {count} entries").format(count=f"{report.checked:,}")
            )
        else:
            broken = report.broken
            self.chain_label.setText(
                self.tr("Chain broken at entry {id}: {problem}").format(
                    id="?" if broken.entry_id is None else broken.entry_id,
                    problem=problem_text(broken.problem),
                )
            )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.chain.cancel()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop the chain check (the window is going away)."""
        self.chain.cancel()


def _day(value: QDate) -> date | None:
    if value == _ANY_DAY or not value.isValid():
        return None
    return date(value.year(), value.month(), value.day())
