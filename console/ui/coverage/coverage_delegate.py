"""Paints the coverage grid: a coloured cell per market and hour, day separators, and
the demand curve (inbound messages per hour) drawn across each market's row."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from console.coverage import CellState
from console.ui.common import palette
from console.ui.coverage.coverage_models import (
    CellStateRole,
    DemandRole,
    MaxDemandRole,
    NextDemandRole,
    NowRole,
    PreviousDemandRole,
)

STATE_COLORS = {
    CellState.CLOSED: palette.SURFACE_ALT,
    CellState.COVERED: palette.COVERED,
    CellState.LANGUAGE_GAP: palette.LANGUAGE_GAP,
    CellState.UNCOVERED: palette.UNCOVERED,
}
DEMAND_COLOR = palette.DEMAND
DAY_LINE = palette.MUTED
NOW_COLOR = palette.ERROR


def _translucent(color: QColor, alpha: int) -> QColor:
    see_through = QColor(color)
    see_through.setAlpha(alpha)
    return see_through


HOUR_LINE = _translucent(palette.WHITE, 150)
SELECTED = _translucent(palette.ACCENT, 60)


class CoverageCellDelegate(QStyledItemDelegate):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(7, 30)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        state = index.data(CellStateRole)
        if state is None:
            return
        rect = option.rect
        painter.save()
        painter.fillRect(rect, STATE_COLORS[CellState(state)])
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, SELECTED)
        slot = index.column()
        painter.setPen(QPen(DAY_LINE if slot % 24 == 0 else HOUR_LINE, 1))
        painter.drawLine(rect.topLeft(), rect.bottomLeft())
        maximum = float(index.data(MaxDemandRole) or 0.0)
        if maximum > 0:
            top, height = rect.top() + 3, rect.height() - 6

            def y(value: float) -> float:
                return top + height * (1.0 - min(value / maximum, 1.0))

            here = float(index.data(DemandRole) or 0.0)
            before = (float(index.data(PreviousDemandRole) or 0.0) + here) / 2
            after = (float(index.data(NextDemandRole) or 0.0) + here) / 2
            if here or before or after:  # no history here: no flat line over the cells
                path = QPainterPath(QPointF(rect.left(), y(before)))
                path.lineTo(QPointF(rect.center().x() + 0.5, y(here)))
                path.lineTo(QPointF(rect.right() + 1, y(after)))
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                painter.setPen(QPen(DEMAND_COLOR, 1.6))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawPath(path)
        now = index.data(NowRole)
        if now is not None:  # "now": a red line across the row at the minute
            x = rect.left() + int(float(now) * rect.width())
            x = min(max(x, rect.left() + 1), rect.right() - 1)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.fillRect(x - 1, rect.top(), 3, rect.height(), NOW_COLOR)
        painter.restore()
