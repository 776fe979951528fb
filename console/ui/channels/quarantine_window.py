"""Quarantine: what an import could not store, and why, in words a person can act on.

The excerpt of a quarantined item is shown as plain text only: it is never
rendered as HTML, so nothing in it can load from the network or run.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.changes import Changes
from console.channels.admin import QuarantineEntry
from console.channels.retry import RetryReport
from console.ui.app_state import AppState
from console.ui.channels.channel_models import QuarantineModel
from console.ui.channels.operations import load_quarantine, resolve_quarantine, retry_quarantine
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.common.problem_texts import error_text, reason_text
from console.ui.lanes.store_executor import StoreExecutor


class QuarantineWindow(FollowsUiLanguage, QWidget):
    #: Emitted after every load with the number of unresolved items shown.
    loaded = Signal(int)
    #: A retry stored messages (how many items were imported); the change bus tells the inbox.
    imported = Signal(int)

    def __init__(
        self,
        executor: StoreExecutor,
        *,
        state: AppState | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("quarantineView")
        self._executor = executor
        #: Who is working: resolving and retrying are recorded for them.
        self.state = state or AppState(self)
        self.model = QuarantineModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("quarantineTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.horizontalHeader().setSectionResizeMode(
            QuarantineModel.REASON, QHeaderView.ResizeMode.Stretch
        )
        self.table.verticalHeader().hide()
        self.reason = QLabel(self)
        self.reason.setObjectName("quarantineReason")
        self.reason.setWordWrap(True)
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        self.reason.setProperty("showsData", True)
        self.excerpt = QPlainTextEdit(self)  # plain text: never rendered, never fetches
        self.excerpt.setObjectName("quarantineExcerpt")
        self.excerpt.setReadOnly(True)
        self.excerpt.setProperty("showsData", True)
        self.summary = QLabel(self)
        self.summary.setObjectName("quarantineSummary")
        self.refresh_button = QPushButton(self)
        self.refresh_button.setObjectName("quarantineRefresh")
        self.resolve_button = QPushButton(self)
        self.resolve_button.setObjectName("quarantineResolve")
        self.resolve_button.setEnabled(False)
        self.retry_button = QPushButton(self)
        self.retry_button.setObjectName("quarantineRetry")
        self.retry_button.setEnabled(False)
        self.result = QLabel(self)
        self.result.setObjectName("quarantineRetryResult")
        self.result.setWordWrap(True)
        self.result.setProperty("showsData", True)
        self.result.hide()
        self.error = QLabel(self)
        self.error.setObjectName("quarantineError")
        self.error.setProperty("showsData", True)
        self.error.hide()

        detail = QWidget(self)
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.reason)
        detail_layout.addWidget(self.excerpt)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.resolve_button)
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addWidget(self.error)
        layout.addWidget(splitter, 1)

        self.refresh_button.clicked.connect(self.reload)
        self.resolve_button.clicked.connect(self._resolve_selected)
        self.retry_button.clicked.connect(self.retry_selected)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        executor.changes.changed.connect(self.apply_changes)
        self.ui_language_changed()

    def ui_language_changed(self) -> None:
        self.refresh_button.setText(self.tr("Refresh"))
        self.resolve_button.setText(self.tr("Mark as dealt with"))
        self.resolve_button.setToolTip(
            self.tr("Hide the selected items; a re-import will not bring them back")
        )
        self.retry_button.setText(self.tr("Retry import"))
        self.retry_button.setToolTip(
            self.tr("Read the selected items again from their files and import what now reads")
        )
        self._update_summary()
        self.model.ui_language_changed()

    def reload(self) -> None:
        load_quarantine(parent=self, success=self._arrived).run(self._executor)

    def apply_changes(self, changes: Changes) -> None:
        """Read the quarantine again when a write (an import, a retry, a resolve) changed it."""
        if changes.quarantine:
            self.reload()

    def _arrived(self, entries: list[QuarantineEntry]) -> None:
        self.model.set_entries(entries)
        self._show(None)
        self.resolve_button.setEnabled(False)
        self.retry_button.setEnabled(False)
        self._update_summary()
        self.loaded.emit(len(entries))

    def _update_summary(self) -> None:
        count = self.model.rowCount()
        if count:
            self.summary.setText(self.tr("%n item(s) could not be imported", "", count))
        else:
            self.summary.setText(self.tr("Nothing is in quarantine."))

    def _selected(self) -> list[QuarantineEntry]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [entry for row in rows if (entry := self.model.entry(row)) is not None]

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        chosen = self._selected()
        self.resolve_button.setEnabled(bool(chosen))
        self.retry_button.setEnabled(bool(chosen))
        self._show(chosen[0] if len(chosen) == 1 else None)

    def _show(self, entry: QuarantineEntry | None) -> None:
        self.reason.setText(reason_text(entry.reason, entry.problem) if entry else "")
        self.excerpt.setPlainText(entry.excerpt if entry else "")

    def _resolve_selected(self) -> None:
        ids = [entry.id for entry in self._selected()]
        if not ids:
            return
        # The window reads the quarantine again when the change bus delivers this.
        resolve_quarantine(parent=self, entry_ids=ids, actor=self.state.actor).failure(
            self._failed
        ).run(self._executor)

    def retry_selected(self) -> None:
        """Read the selected items again from their source files; import what now reads."""
        ids = [entry.id for entry in self._selected()]
        if not ids:
            return
        retry_quarantine(
            parent=self, entry_ids=ids, actor=self.state.actor, success=self._retried
        ).failure(self._failed).run(self._executor)

    def _retried(self, report: RetryReport) -> None:
        parts = [
            self.tr("Imported: %1. Still failing: %2. Not retried: %3.")
            .replace("%1", str(report.imported))
            .replace("%2", str(report.still_failing))
            .replace("%3", str(report.skipped))
        ]
        parts.extend(report.problems)
        self.result.setText("\n".join(parts))
        self.result.show()
        self.error.hide()
        if report.imported:
            self.imported.emit(report.imported)

    def _failed(self, exc: Exception) -> None:
        self.error.setText(error_text(exc))
        self.error.show()
