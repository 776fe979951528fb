"""The retention editor: each market's retention period, a preview of what would go today.

Compliance staff and admins change the rules (role from the store, for the person of
:class:`~console.ui.app_state.AppState`); everyone else sees them read-only.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
)
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.changes import Changes
from console.privacy.retention import MAX_MONTHS, MIN_MONTHS, RetentionCandidate, RetentionRuleView
from console.ui.app_state import AppState
from console.ui.common.palette import set_role
from console.ui.common.problem_texts import error_text
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.policies.retention_operations import (
    load_retention,
    preview_retention,
    save_retention_rule,
)

_Index = QModelIndex | QPersistentModelIndex


class RetentionRulesModel(QAbstractTableModel):
    """Markets and their retention period (rows), read-only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rules: list[RetentionRuleView] = []

    def set_rules(self, rules: list[RetentionRuleView]) -> None:
        self.beginResetModel()
        self._rules = list(rules)
        self.endResetModel()

    def rule(self, row: int) -> RetentionRuleView | None:
        return self._rules[row] if 0 <= row < len(self._rules) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rules)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (self.tr("Market"), self.tr("Erase conversations resolved more than"),
                self.tr("Set by"))[section] if 0 <= section < 3 else None  # fmt: skip

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        rule = self._rules[index.row()]
        if index.column() == 0:
            return f"{rule.market_code} {rule.market_name}"
        if index.column() == 1:
            if rule.resolved_months is None:
                return self.tr("kept (no rule)")
            return self.tr("%n month(s) ago", "", rule.resolved_months)
        return rule.updated_by


class RetentionEditor(QDialog):
    """Markets' retention rules; set, remove, preview (see the module text)."""

    def __init__(self, executor: StoreExecutor, *, state: AppState, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("retentionEditor")
        self._executor = executor
        self._state = state
        self.may_edit = False
        self.model = RetentionRulesModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("retentionTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.months = QSpinBox(self)
        self.months.setObjectName("retentionMonths")
        self.months.setRange(MIN_MONTHS, MAX_MONTHS)
        self.months.setValue(24)
        self.months_label = QLabel(self)
        self.set_button = QPushButton(self)
        self.set_button.setObjectName("setRetention")
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("removeRetention")
        self.preview_button = QPushButton(self)
        self.preview_button.setObjectName("previewRetention")
        self.access_note = QLabel(self)
        self.access_note.setObjectName("retentionAccess")
        self.access_note.setWordWrap(True)
        set_role(self.access_note, "note")
        self.status = QLabel(self)
        self.status.setObjectName("retentionStatus")
        self.status.setWordWrap(True)
        self.preview_summary = QLabel(self)
        self.preview_summary.setObjectName("retentionPreviewSummary")
        self.preview_model = QStringListModel(self)
        self.preview_list = QListView(self)
        self.preview_list.setObjectName("retentionPreview")
        self.preview_list.setModel(self.preview_model)
        self.preview_list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)

        edit_row = QHBoxLayout()
        edit_row.addWidget(self.months_label)
        edit_row.addWidget(self.months)
        edit_row.addWidget(self.set_button)
        edit_row.addWidget(self.remove_button)
        edit_row.addStretch(1)
        edit_row.addWidget(self.preview_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.access_note)
        layout.addWidget(self.table, 2)
        layout.addLayout(edit_row)
        layout.addWidget(self.status)
        layout.addWidget(self.preview_summary)
        layout.addWidget(self.preview_list, 1)

        self.set_button.clicked.connect(self._set)
        self.remove_button.clicked.connect(self._remove)
        self.preview_button.clicked.connect(self.preview)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        executor.changes.changed.connect(self._on_changes)
        state.person_changed.connect(lambda _person: self.reload())
        self.ui_language_changed()
        self._update_buttons()
        self.reload()

    def ui_language_changed(self) -> None:
        self.setWindowTitle(self.tr("Retention rules"))
        self.months_label.setText(self.tr("Erase conversations resolved more than (months):"))
        self.set_button.setText(self.tr("Set for the market"))
        self.remove_button.setText(self.tr("Remove the rule"))
        self.preview_button.setText(self.tr("Preview what would go today"))
        self._show_access()

    def changeEvent(self, event: Any) -> None:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.LanguageChange:
            self.ui_language_changed()
        super().changeEvent(event)

    def _show_access(self) -> None:
        self.access_note.setText(
            self.tr("Texts of conversations resolved longer ago than their market's period are "
                    "erased once a day; the conversations stay, without text, for the figures.")
            if self.may_edit
            else self.tr("Only compliance staff and admins may change retention rules.")
        )  # fmt: skip

    def reload(self) -> None:
        load_retention(parent=self, agent_id=self._state.person_id, success=self._loaded).failure(
            self._failed
        ).run(self._executor)

    def _loaded(self, loaded: tuple[bool, list[RetentionRuleView]]) -> None:
        may_edit, rules = loaded
        self.may_edit = may_edit
        row = self.table.currentIndex().row()
        self.model.set_rules(rules)
        if rules:
            self.table.selectRow(max(0, min(row, len(rules) - 1)))
        self._show_access()
        self._update_buttons()

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        rule = self.model.rule(current.row())
        if rule is not None and rule.resolved_months is not None:
            self.months.setValue(rule.resolved_months)
        self._update_buttons()

    def _selected(self) -> RetentionRuleView | None:
        return self.model.rule(self.table.currentIndex().row())

    def _update_buttons(self) -> None:
        rule = self._selected()
        self.months.setEnabled(self.may_edit)
        self.set_button.setEnabled(self.may_edit and rule is not None)
        self.remove_button.setEnabled(
            self.may_edit and rule is not None and rule.resolved_months is not None
        )

    def _set(self) -> None:
        self._save(self.months.value())

    def _remove(self) -> None:
        self._save(None)

    def _save(self, months: int | None) -> None:
        rule = self._selected()
        if rule is None:
            return
        save_retention_rule(
            parent=self,
            market_code=rule.market_code,
            months=months,
            agent_id=self._state.person_id,
            success=lambda _none: self._saved(rule.market_code),
        ).failure(self._failed).run(self._executor)

    def _saved(self, market_code: str) -> None:
        set_role(self.status, "ok")
        self.status.setText(self.tr("Saved the retention rule of %1.").replace("%1", market_code))

    def preview(self) -> None:
        today = datetime.now(UTC).date()
        preview_retention(parent=self, today=today, success=self._show_preview).failure(
            self._failed
        ).run(self._executor)

    def _show_preview(self, candidates: list[RetentionCandidate]) -> None:
        self.preview_summary.setText(
            self.tr("%n conversation(s) would be erased today.", "", len(candidates))
        )
        self.preview_model.setStringList(
            [
                self.tr("Conversation %1 (%2), resolved %3")
                .replace("%1", str(c.conversation_id))
                .replace("%2", c.market_code)
                .replace("%3", c.resolved_at.date().isoformat())
                for c in candidates
            ]
        )

    def _on_changes(self, changes: Changes) -> None:
        if changes.rules or changes.people:
            self.reload()

    def _failed(self, exc: Exception) -> None:
        set_role(self.status, "error")
        self.status.setText(error_text(exc))
