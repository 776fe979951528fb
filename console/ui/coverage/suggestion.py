"""The "Suggest assignment" dialog: the proposal per market, explained; the lead accepts
all or some markets (and edits the rest in the planner afterwards)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
)

from console.coverage import CoveragePlan, Suggestion, uncovered_cost
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.coverage.coverage_models import (
    AGENTS,
    APPLY,
    COVERAGE,
    MARKET,
    WHY,
    SuggestionModel,
)


class CoverageSuggestionDialog(FollowsUiLanguage, QDialog):
    def __init__(self, plan: CoveragePlan, suggestion: Suggestion, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("coverageSuggestionDialog")
        self._plan = plan
        self._suggestion = suggestion
        self.model = SuggestionModel(plan, suggestion, self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setProperty("showsData", True)
        self.table = QTableView(self)
        self.table.setObjectName("suggestionTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(APPLY, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MARKET, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AGENTS, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COVERAGE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(WHY, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(AGENTS, 200)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(1100, 560)
        self.ui_language_changed()

    def ui_language_changed(self) -> None:
        self.setWindowTitle(self.tr("Suggested assignment"))
        before = uncovered_cost(self._plan)
        self.summary.setText(
            self.tr(
                "Uncovered demand-weighted support hours: {before:.1f} now, {after:.1f} with "
                "this suggestion ({method}). Uncheck the markets to keep as they are."
            ).format(
                before=before,
                after=self._suggestion.cost,
                method=self.tr("optimal") if self._suggestion.exact else self.tr("heuristic"),
            )
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Apply checked markets"))

    def accepted_assignments(self) -> tuple[frozenset[tuple[int, int]], frozenset[int]]:
        """(assignments, market ids) the lead accepted."""
        return self.model.accepted()
