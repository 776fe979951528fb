"""Reviewing one sampled conversation: the messages as written beside their translations,
the scorecard's items with a choice each, a comment, and Submit.

Items are shown in the UI language when the scorecard has that wording (see
:func:`console.quality.localized`); the running total uses the same scoring as
the store (:func:`console.quality.scoring.total`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.problems import ProblemError
from console.quality import (
    FAILED,
    MET,
    NOT_MET,
    PARTLY,
    PASSED,
    ReviewMaterial,
    ReviewSummary,
    RubricItem,
    localized,
)
from console.quality.scoring import total
from console.ui.app_state import AppState
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.common.palette import set_role
from console.ui.common.problem_texts import error_text
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.quality.operations import load_review_material, submit_quality_review
from console.ui.quality.quality_models import MessagePairsModel, score_text

#: Button id of "does not apply" (a QButtonGroup id cannot be None; -1 is "none checked").
NOT_APPLYING = 9
WEIGHTED_CHOICES = (MET, PARTLY, NOT_MET, NOT_APPLYING)
AUTO_FAIL_CHOICES = (PASSED, FAILED)
CHOICE_NAMES = {MET: "met", PARTLY: "partly", NOT_MET: "not_met", NOT_APPLYING: "na"}
AUTO_FAIL_NAMES = {PASSED: "passed", FAILED: "failed"}


class ReviewScreen(FollowsUiLanguage, QWidget):
    """One review; ``submitted`` carries the stored review."""

    submitted = Signal(object)
    #: The material arrived and the scorecard is shown.
    loaded = Signal()

    def __init__(
        self, executor: StoreExecutor, parent: Any = None, *, state: AppState | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("qualityReview")
        self._executor = executor
        #: Who is reviewing (the AppState's person).
        self.state = state or AppState(self)
        self.material: ReviewMaterial | None = None
        self._groups: dict[int, QButtonGroup] = {}
        self._item_labels: list[tuple[QLabel, RubricItem]] = []
        self._section_labels: list[tuple[QLabel, dict[str, str]]] = []
        self._buttons: list[tuple[QRadioButton, bool, int]] = []

        self.heading = QLabel(self)
        self.heading.setObjectName("qualityReviewHeading")
        self.heading.setProperty("showsData", True)
        self.messages = MessagePairsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("qualityReviewMessages")
        self.table.setModel(self.messages)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in (MessagePairsModel.ORIGINAL, MessagePairsModel.TRANSLATION):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

        self.card = QWidget()
        self.card.setObjectName("qualityScorecard")
        self.grid = QGridLayout(self.card)
        self.card_scroll = QScrollArea(self)
        self.card_scroll.setWidgetResizable(True)
        self.card_scroll.setWidget(self.card)
        self.comment_label = QLabel(self)
        self.comment = QPlainTextEdit(self)
        self.comment.setObjectName("qualityReviewComment")
        self.comment.setMaximumHeight(90)
        self.comment_label.setBuddy(self.comment)
        self.total_label = QLabel(self)
        self.total_label.setObjectName("qualityReviewTotal")
        self.error = QLabel(self)
        self.error.setObjectName("qualityReviewError")
        self.error.setWordWrap(True)
        self.error.setProperty("showsData", True)
        self.error.hide()
        self.submit_button = QPushButton(self)
        self.submit_button.setObjectName("qualityReviewSubmit")
        self.submit_button.setEnabled(False)

        right = QWidget(self)
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.card_scroll, 1)
        side.addWidget(self.comment_label)
        side.addWidget(self.comment)
        bottom = QHBoxLayout()
        bottom.addWidget(self.total_label, 1)
        bottom.addWidget(self.submit_button)
        side.addLayout(bottom)
        side.addWidget(self.error)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(splitter, 1)
        self.submit_button.clicked.connect(self.submit)
        self.ui_language_changed()

    # -- loading ------------------------------------------------------------------

    def load(self, assignment_id: int) -> None:
        load_review_material(
            parent=self,
            assignment_id=assignment_id,
            reviewer_id=self.state.person_id,
            language=QLocale().name(),
            success=self._show,
        ).failure(self._failed).run(self._executor)

    def _show(self, material: ReviewMaterial) -> None:
        self.material = material
        self.messages.set_rows(material.messages)
        self._build_card(material)
        self.ui_language_changed()
        self.loaded.emit()

    def _build_card(self, material: ReviewMaterial) -> None:
        language = QLocale().name()
        section: dict[str, str] | None = None
        row = 0
        for item in material.rubric.items:
            if item.section != section:
                section = item.section
                title = QLabel(self.card)
                title.setProperty("showsData", True)
                set_role(title, "strong")
                title.setText(localized(section, language))
                self._section_labels.append((title, section))
                self.grid.addWidget(title, row, 0, 1, 4)
                row += 1
            label = QLabel(localized(item.names, language), self.card)
            label.setWordWrap(True)
            label.setProperty("showsData", True)
            self._item_labels.append((label, item))
            self.grid.addWidget(label, row, 0, 1, 4)
            row += 1  # the choices go under the wording: the card stays narrow
            group = QButtonGroup(self.card)
            choices = AUTO_FAIL_CHOICES if item.auto_fail else WEIGHTED_CHOICES
            names = AUTO_FAIL_NAMES if item.auto_fail else CHOICE_NAMES
            for column, value in enumerate(choices):
                button = QRadioButton(self.card)
                button.setObjectName(f"score_{item.key}_{names[value]}")
                group.addButton(button, value)
                self._buttons.append((button, item.auto_fail, value))
                self.grid.addWidget(button, row, column)
            if item.auto_fail:
                group.button(PASSED).setChecked(True)
            group.idToggled.connect(lambda _id, _on: self._changed())
            self._groups[item.id] = group
            row += 1
        self.grid.setRowStretch(row, 1)
        self.grid.setColumnStretch(3, 1)
        self.grid.activate()  # placed now: a click lands on the choice it is aimed at
        self._changed()

    # -- scoring ------------------------------------------------------------------

    def scores(self) -> dict[int, int | None] | None:
        """The chosen score of every item, or None while an item has no choice."""
        chosen: dict[int, int | None] = {}
        for item_id, group in self._groups.items():
            value = group.checkedId()
            if value == -1:
                return None
            chosen[item_id] = None if value == NOT_APPLYING else value
        return chosen

    def _changed(self) -> None:
        material, scores = self.material, self.scores()
        if material is None or scores is None:
            self.submit_button.setEnabled(False)
            self.total_label.setText(self.tr("Score: choose an answer for every item"))
            return
        try:
            points, failed = total(material.rubric.items, scores)
        except ProblemError:
            self.submit_button.setEnabled(False)
            self.total_label.setText(self.tr("Score: score at least one weighted item"))
            return
        self.submit_button.setEnabled(True)
        if failed:
            self.total_label.setText(self.tr("Score: 0 (auto-fail)"))
        else:
            self.total_label.setText(self.tr("Score: %1").replace("%1", score_text(points)))

    def submit(self) -> None:
        material, scores = self.material, self.scores()
        if material is None or scores is None:
            return
        self.submit_button.setEnabled(False)
        submit_quality_review(
            parent=self,
            assignment_id=material.assignment_id,
            reviewer_id=self.state.person_id,
            rubric_version_id=material.rubric.version_id,
            scores=scores,
            comment=self.comment.toPlainText(),
            success=self._done,
        ).failure(self._failed).run(self._executor)

    def _done(self, review: ReviewSummary) -> None:
        self.error.hide()
        self.submitted.emit(review)

    def _failed(self, exc: Exception) -> None:
        self.error.setText(error_text(exc))
        self.error.show()
        self._changed()

    # -- language -----------------------------------------------------------------

    def ui_language_changed(self) -> None:
        language = QLocale().name()
        material = self.material
        if material is not None:
            self.heading.setText(
                self.tr("%1 — %2 (scorecard version %3)")
                .replace("%1", material.agent)
                .replace("%2", material.subject or self.tr("(no subject)"))
                .replace("%3", str(material.rubric.version))
            )
        for label, names in self._section_labels:
            label.setText(localized(names, language))
        for label, item in self._item_labels:
            label.setText(localized(item.names, language))
        for button, auto_fail, value in self._buttons:
            button.setText(self._choice_text(auto_fail, value))
        self.comment_label.setText(self.tr("&Comment for the agent:"))
        self.submit_button.setText(self.tr("&Submit review"))
        self.messages.ui_language_changed()
        self._changed()

    def _choice_text(self, auto_fail: bool, value: int) -> str:
        if auto_fail:
            return self.tr("Did not happen") if value == PASSED else self.tr("Happened")
        return {
            MET: self.tr("Met"),
            PARTLY: self.tr("Partly"),
            NOT_MET: self.tr("Not met"),
            NOT_APPLYING: self.tr("Does not apply"),
        }[value]
