"""View → Quality review…: the reviewer's queue, reviewing, "My reviews", calibration,
scores, and for leads the scorecard and the sampling settings.

Opening the window draws last week's sample (each week is drawn once; see
:mod:`console.quality.sampling`), so the queue fills without anyone starting it.

Store work is the named operations of console/ui/quality/operations.py, for the
person of the :class:`~console.ui.app_state.AppState` (another person: the window
loads again for them). The queue, "My reviews" and calibration are read again when
the change bus says ``quality`` changed (a review submitted here or elsewhere, a
week drawn); the scores tab listens for itself.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import QItemSelection, QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.changes import Changes
from console.inbox.queries import AgentSummary
from console.quality import (
    MET,
    NOT_MET,
    PARTLY,
    PASSED,
    QualityAccess,
    QueueEntry,
    ReviewDetail,
    ReviewSummary,
    localized,
)
from console.store.models import utcnow
from console.ui.app_state import AppState
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.common.problem_texts import error_text
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.quality.operations import (
    draw_week_and_access,
    load_calibration,
    load_review_detail,
    load_review_queue,
    load_reviews_of,
)
from console.ui.quality.quality_models import (
    CalibrationModel,
    QueueModel,
    ReviewsModel,
    moment_text,
    score_text,
)
from console.ui.quality.quality_scores import QualityScores
from console.ui.quality.review_screen import ReviewScreen
from console.ui.quality.rubric_editor import RubricEditor
from console.ui.quality.sampling_form import SamplingForm


def _table(name: str, parent: QWidget) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


class QualityWindow(FollowsUiLanguage, QWidget):
    #: The queue was loaded (number of open reviews).
    queue_loaded = Signal(int)
    #: "My reviews" was loaded (number of reviews).
    reviews_loaded = Signal(int)
    #: A review's details are shown.
    detail_shown = Signal()
    #: A review was submitted.
    review_submitted = Signal(object)

    def __init__(
        self,
        executor: StoreExecutor,
        agent_id: int | None = None,
        parent: Any = None,
        *,
        state: AppState | None = None,
    ) -> None:
        """``state``: who is working (reviews are theirs). Without it, ``agent_id`` says who."""
        super().__init__(parent)
        self.setObjectName("qualityWindow")
        self._executor = executor
        self.state = state or AppState(self)
        if state is None and agent_id is not None:
            self.state.set_person(AgentSummary(agent_id, "", ()))
        self.access = QualityAccess(self.state.person_id, "", False, False)
        self._lists_due = False
        self.review: ReviewScreen | None = None
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("qualityTabs")
        self.tabs.setTabsClosable(False)

        # Queue
        self.queue_page = QWidget(self)
        self.queue_model = QueueModel(self)
        self.queue = _table("qualityQueue", self.queue_page)
        self.queue.setModel(self.queue_model)
        self.queue.horizontalHeader().setSectionResizeMode(
            QueueModel.SUBJECT, QHeaderView.ResizeMode.Stretch
        )
        self.queue_note = QLabel(self.queue_page)
        self.queue_note.setObjectName("qualityQueueNote")
        self.queue_note.setWordWrap(True)
        self.open_button = QPushButton(self.queue_page)
        self.open_button.setObjectName("qualityOpenReview")
        self.open_button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.queue_note, 1)
        row.addWidget(self.open_button)
        queue_layout = QVBoxLayout(self.queue_page)
        queue_layout.addWidget(self.queue, 1)
        queue_layout.addLayout(row)

        # My reviews
        self.mine_page = QWidget(self)
        self.mine_model = ReviewsModel(self)
        self.mine = _table("qualityMyReviews", self.mine_page)
        self.mine.setModel(self.mine_model)
        self.mine.horizontalHeader().setSectionResizeMode(
            ReviewsModel.SUBJECT, QHeaderView.ResizeMode.Stretch
        )
        self.detail = QLabel(self.mine_page)
        self.detail.setObjectName("qualityReviewDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setProperty("showsData", True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        split = QSplitter(Qt.Orientation.Vertical, self.mine_page)
        split.addWidget(self.mine)
        split.addWidget(self.detail)
        mine_layout = QVBoxLayout(self.mine_page)
        mine_layout.addWidget(split)

        # Calibration, scores, scorecard, sampling
        self.calibration_model = CalibrationModel(self)
        self.calibration = _table("qualityCalibration", self)
        self.calibration.setModel(self.calibration_model)
        self.scores = QualityScores(executor, self)
        self.rubric_editor = RubricEditor(executor, self, state=self.state)
        self.sampling = SamplingForm(executor, self, state=self.state)
        for page in (
            self.queue_page,
            self.mine_page,
            self.calibration,
            self.scores,
            self.rubric_editor,
            self.sampling,
        ):
            self.tabs.addTab(page, "")
        self.status = QLabel(self)
        self.status.setObjectName("qualityStatus")
        self.status.setWordWrap(True)
        self.status.setProperty("showsData", True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)

        self.queue.doubleClicked.connect(lambda _index: self.open_selected())
        self.open_button.clicked.connect(self.open_selected)
        self.queue.selectionModel().selectionChanged.connect(self._queue_selection)
        self.mine.selectionModel().selectionChanged.connect(self._mine_selection)
        executor.changes.changed.connect(self._on_changes)
        self.state.person_changed.connect(lambda _person: self.load())
        self.ui_language_changed()

    # -- loading ------------------------------------------------------------------

    def load(self) -> None:
        """Draw last week's sample, then show who is acting, the queue and the rest."""
        draw_week_and_access(
            parent=self,
            day=(utcnow() - timedelta(days=7)).date(),
            agent_id=self.state.person_id,
            success=self._access_known,
        ).failure(self._failed).run(self._executor)

    def _access_known(self, access: QualityAccess) -> None:
        self.access = access
        self.rubric_editor.set_can_edit(access.can_lead)
        self.sampling.set_can_edit(access.can_lead)
        self.ui_language_changed()
        self._reload_lists_soon()
        self.scores.reload()
        self.rubric_editor.reload()
        self.sampling.reload()

    def _on_changes(self, changes: Changes) -> None:
        """The change bus: reviews, samples or the scorecard changed somewhere."""
        if changes.quality:
            self._reload_lists_soon()

    def _reload_lists_soon(self) -> None:
        """Read the queue, "My reviews" and calibration once, however many ask in one turn
        (a week drawn on opening asks twice: the opening and the change bus)."""
        if not self._lists_due:
            self._lists_due = True
            QTimer.singleShot(0, self, self._reload_lists)

    def _reload_lists(self) -> None:
        self._lists_due = False
        self.reload_queue()
        self.reload_mine()
        self.reload_calibration()

    def reload_queue(self) -> None:
        load_review_queue(
            parent=self, reviewer_id=self.state.person_id, success=self._show_queue
        ).failure(self._failed).run(self._executor)

    def _show_queue(self, entries: list[QueueEntry]) -> None:
        self.queue_model.set_rows(entries)
        self.open_button.setEnabled(False)
        self.ui_language_changed()
        self.queue_loaded.emit(len(entries))

    def reload_mine(self) -> None:
        load_reviews_of(
            parent=self, agent_id=self.state.person_id, success=self._show_mine
        ).failure(self._failed).run(self._executor)

    def _show_mine(self, reviews: list[ReviewSummary]) -> None:
        self.mine_model.set_rows(reviews)
        self.detail.clear()
        self.reviews_loaded.emit(len(reviews))

    def reload_calibration(self) -> None:
        load_calibration(parent=self, success=self.calibration_model.set_rows).failure(
            self._failed
        ).run(self._executor)

    # -- reviewing ----------------------------------------------------------------

    def _queue_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.open_button.setEnabled(self._selected_entry() is not None)

    def _selected_entry(self) -> QueueEntry | None:
        rows = self.queue.selectionModel().selectedRows()
        return self.queue_model.row_at(rows[0].row()) if rows else None

    def open_selected(self) -> None:
        entry = self._selected_entry()
        if entry is None:
            return
        if self.review is not None:
            self._close_review()
        screen = ReviewScreen(self._executor, self, state=self.state)
        screen.submitted.connect(self._submitted)
        self.review = screen
        index = self.tabs.addTab(screen, entry.subject or self.tr("(no subject)"))
        self.tabs.setCurrentIndex(index)
        screen.load(entry.assignment_id)

    def _submitted(self, review: ReviewSummary) -> None:
        self._close_review()
        self.tabs.setCurrentWidget(self.queue_page)
        self.status.setText(
            self.tr("Review of %1 submitted: %2.")
            .replace("%1", review.agent)
            .replace("%2", self._score(review))
        )
        self.review_submitted.emit(review)  # the lists follow from the change bus

    def _close_review(self) -> None:
        screen = self.review
        if screen is not None:
            self.tabs.removeTab(self.tabs.indexOf(screen))
            screen.deleteLater()
            self.review = None

    # -- my reviews ---------------------------------------------------------------

    def _mine_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.mine.selectionModel().selectedRows()
        review = self.mine_model.row_at(rows[0].row()) if rows else None
        if review is None:
            return
        load_review_detail(
            parent=self,
            review_id=review.review_id,
            viewer_id=self.state.person_id,
            success=self._show_detail,
        ).failure(self._failed).run(self._executor)

    def _show_detail(self, detail: ReviewDetail) -> None:
        language = QLocale().name()
        summary = detail.summary
        lines = [
            self.tr("%1 reviewed this conversation on %2: %3.")
            .replace("%1", summary.reviewer)
            .replace("%2", moment_text(summary.submitted_at))
            .replace("%3", self._score(summary)),
            "",
        ]
        for item in detail.items:
            lines.append(
                f"{localized(item.names, language)}: {self._verdict(item.auto_fail, item.score)}"
            )
        if detail.comments:
            lines.append("")
        for comment in detail.comments:
            lines.append(f"{comment.author}: {comment.text}")
        self.detail.setText("\n".join(lines))
        self.detail_shown.emit()

    def _score(self, review: ReviewSummary) -> str:
        if review.auto_failed:
            return self.tr("0 (auto-fail)")
        return score_text(review.total)

    def _verdict(self, auto_fail: bool, score: int | None) -> str:
        if auto_fail:
            return self.tr("did not happen") if score == PASSED else self.tr("HAPPENED (auto-fail)")
        return {
            MET: self.tr("met"),
            PARTLY: self.tr("partly"),
            NOT_MET: self.tr("not met"),
            None: self.tr("does not apply"),
        }.get(score, str(score))

    # -- misc ---------------------------------------------------------------------

    def _failed(self, exc: Exception) -> None:
        self.status.setText(error_text(exc))

    def ui_language_changed(self) -> None:
        self.setWindowTitle(self.tr("Quality review"))
        titles = (
            self.tr("Review &queue"),
            self.tr("&My reviews"),
            self.tr("&Calibration"),
            self.tr("&Scores"),
            self.tr("Score&card"),
            self.tr("Sam&pling"),
        )
        for index, title in enumerate(titles):
            self.tabs.setTabText(index, title)
        self.open_button.setText(self.tr("&Open review"))
        if self.access.agent_id is None:
            note = self.tr("Choose who you are (File → Settings) to see your reviews.")
        elif not self.access.can_review:
            note = self.tr("Only quality reviewers and team leads score conversations.")
        else:
            note = self.tr("%n conversation(s) to review.", "", self.queue_model.rowCount())
        self.queue_note.setText(note)
        for model in (self.queue_model, self.mine_model, self.calibration_model):
            model.ui_language_changed()
