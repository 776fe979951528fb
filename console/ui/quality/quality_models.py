"""Table models of the quality window: queue, reviews, messages, calibration, scores."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QLocale, QModelIndex, QPersistentModelIndex, Qt

from console.quality import CalibrationPair, MessagePair, QueueEntry, ReviewSummary, ScoreRow
from console.ui.common.rows_model import RowsTableModel

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def week_text(day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


def moment_text(moment: datetime) -> str:
    local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
    return QLocale().toString(local, QLocale.FormatType.ShortFormat)


def score_text(total: float) -> str:
    return QLocale().toString(total, "f", 1)


class QueueModel(RowsTableModel[QueueEntry]):
    """The reviewer's open reviews: week, agent, customer, subject, why sampled."""

    WEEK, AGENT, CUSTOMER, SUBJECT, REASON = range(5)
    COLUMNS = 5

    def column_titles(self) -> tuple[str, ...]:
        return (
            self.tr("Week of"),
            self.tr("Agent"),
            self.tr("Customer"),
            self.tr("Subject"),
            self.tr("Sampled for"),
        )

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        entry = self.row_at(index.row()) if index.isValid() else None
        if entry is None or role not in (DISPLAY, Qt.ItemDataRole.ToolTipRole):
            return None
        column = index.column()
        if column == self.WEEK:
            return week_text(entry.week_start)
        if column == self.AGENT:
            return entry.agent
        if column == self.CUSTOMER:
            return entry.customer
        if column == self.SUBJECT:
            return entry.subject or self.tr("(no subject)")
        if column == self.REASON:
            return self.tr("Calibration") if entry.reason == "calibration" else self.tr("Sample")
        return None


class ReviewsModel(RowsTableModel[ReviewSummary]):
    """Submitted reviews: week, subject, reviewer, score, auto-fail, rubric version."""

    WEEK, SUBJECT, REVIEWER, SCORE, VERSION = range(5)
    COLUMNS = 5

    def column_titles(self) -> tuple[str, ...]:
        return (
            self.tr("Week of"),
            self.tr("Subject"),
            self.tr("Reviewer"),
            self.tr("Score"),
            self.tr("Scorecard version"),
        )

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        review = self.row_at(index.row()) if index.isValid() else None
        if review is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.SCORE, self.VERSION):
            return RIGHT
        if role not in (DISPLAY, Qt.ItemDataRole.ToolTipRole):
            return None
        if column == self.WEEK:
            return week_text(review.week_start)
        if column == self.SUBJECT:
            return review.subject or self.tr("(no subject)")
        if column == self.REVIEWER:
            return review.reviewer
        if column == self.SCORE:
            if review.auto_failed:
                return self.tr("0 (auto-fail)")
            return score_text(review.total)
        if column == self.VERSION:
            return str(review.rubric_version)
        return None


class MessagePairsModel(RowsTableModel[MessagePair]):
    """The conversation for review: who and when, as written, and its translation."""

    SENT, AUTHOR, ORIGINAL, TRANSLATION = range(4)
    COLUMNS = 4

    def column_titles(self) -> tuple[str, ...]:
        return (self.tr("Sent"), self.tr("From"), self.tr("As written"), self.tr("Translation"))

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        pair = self.row_at(index.row()) if index.isValid() else None
        if pair is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.ORIGINAL, self.TRANSLATION):
            language = (
                pair.original_language if column == self.ORIGINAL else pair.translation_language
            )
            return language or None
        if role != DISPLAY:
            return None
        if column == self.SENT:
            return moment_text(pair.sent_at)
        if column == self.AUTHOR:
            return pair.author if pair.inbound else self.tr("%1 (agent)").replace("%1", pair.author)
        if column == self.ORIGINAL:
            return pair.original
        if column == self.TRANSLATION:
            return pair.translation or self.tr("(no translation)")
        return None


class CalibrationModel(RowsTableModel[CalibrationPair]):
    """Two reviews of one conversation: who, their scores, items alike, difference."""

    SUBJECT, AGENT, REVIEWERS, SCORES, AGREEMENT, DIFFERENCE = range(6)
    COLUMNS = 6

    def column_titles(self) -> tuple[str, ...]:
        return (
            self.tr("Subject"),
            self.tr("Agent"),
            self.tr("Reviewers"),
            self.tr("Scores"),
            self.tr("Items scored alike"),
            self.tr("Score difference"),
        )

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        pair = self.row_at(index.row()) if index.isValid() else None
        if pair is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= self.SCORES:
            return RIGHT
        if role != DISPLAY:
            return None
        if column == self.SUBJECT:
            return pair.subject or self.tr("(no subject)")
        if column == self.AGENT:
            return pair.agent
        if column == self.REVIEWERS:
            return f"{pair.reviewer_a} · {pair.reviewer_b}"
        if column == self.SCORES:
            return f"{score_text(pair.total_a)} · {score_text(pair.total_b)}"
        if column == self.AGREEMENT:
            return (
                self.tr("%1 of %2 (%3%)")
                .replace("%1", str(pair.items_same))
                .replace("%2", str(pair.items_compared))
                .replace("%3", QLocale().toString(100 * pair.agreement, "f", 0))
            )
        if column == self.DIFFERENCE:
            return score_text(pair.difference)
        return None


class ScoresModel(RowsTableModel[ScoreRow]):
    """Average score per week and agent (or vendor)."""

    WEEK, GROUP, REVIEWS, AVERAGE, AUTO_FAILED = range(5)
    COLUMNS = 5

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.by_vendor = False

    def column_titles(self) -> tuple[str, ...]:
        return (
            self.tr("Week of"),
            self.tr("Vendor") if self.by_vendor else self.tr("Agent"),
            self.tr("Reviews"),
            self.tr("Average score"),
            self.tr("Auto-fails"),
        )

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= self.REVIEWS:
            return RIGHT
        if role != DISPLAY:
            return None
        if column == self.WEEK:
            return week_text(row.week_start)
        if column == self.GROUP:
            return row.group or (self.tr("In-house") if self.by_vendor else "")
        if column == self.REVIEWS:
            return str(row.reviews)
        if column == self.AVERAGE:
            return score_text(row.average)
        if column == self.AUTO_FAILED:
            return str(row.auto_failed)
        return None
