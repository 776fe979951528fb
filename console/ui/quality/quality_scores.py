"""Quality scores per week, by agent or by vendor: a table the team dashboard can host as a tab.

The figures come from :func:`console.quality.scores_by_week` on the store thread
(the operation ``load_scores``), read again when the change bus says ``quality`` changed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.changes import Changes
from console.quality import BY_AGENT, BY_VENDOR, ScoreRow
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.quality.operations import load_scores
from console.ui.quality.quality_models import ScoresModel


class QualityScores(FollowsUiLanguage, QWidget):
    """Average review score per week and agent or vendor, with the reviews and auto-fails."""

    #: The figures were loaded (rows shown).
    loaded = Signal(int)

    def __init__(self, executor: StoreExecutor, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("qualityScores")
        self._executor = executor
        self._due = False
        self.model = ScoresModel(self)
        self.by_label = QLabel(self)
        self.by = QComboBox(self)
        self.by.setObjectName("qualityScoresBy")
        self.by.addItem("", BY_AGENT)
        self.by.addItem("", BY_VENDOR)
        self.by_label.setBuddy(self.by)
        self.table = QTableView(self)
        self.table.setObjectName("qualityScoresTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            ScoresModel.GROUP, QHeaderView.ResizeMode.Stretch
        )
        top = QHBoxLayout()
        top.addWidget(self.by_label)
        top.addWidget(self.by)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.by.currentIndexChanged.connect(lambda _i: self.reload())
        executor.changes.changed.connect(self._on_changes)
        self.ui_language_changed()

    def title(self) -> str:
        """The tab title where a dashboard hosts these scores."""
        return self.tr("Quality")

    def ui_language_changed(self) -> None:
        host = self.parentWidget()
        tabs = host.parentWidget() if host is not None else None
        if isinstance(tabs, QTabWidget) and tabs.indexOf(self) >= 0:
            tabs.setTabText(tabs.indexOf(self), self.title())
        self.by_label.setText(self.tr("&Scores by:"))
        self.by.setItemText(0, self.tr("Agent"))
        self.by.setItemText(1, self.tr("Vendor"))
        self.model.ui_language_changed()

    def reload(self) -> None:
        """Read the figures (once, however many ask in one turn of the event loop)."""
        if not self._due:
            self._due = True
            QTimer.singleShot(0, self, self._load)

    def _on_changes(self, changes: Changes) -> None:
        if changes.quality:
            self.reload()

    def _load(self) -> None:
        self._due = False
        by = str(self.by.currentData())
        load_scores(parent=self, by=by, success=lambda rows: self._show(by, rows)).run(
            self._executor
        )

    def _show(self, by: str, rows: list[ScoreRow]) -> None:
        self.model.by_vendor = by == BY_VENDOR
        self.model.set_rows(rows)
        self.model.ui_language_changed()
        self.loaded.emit(len(rows))
