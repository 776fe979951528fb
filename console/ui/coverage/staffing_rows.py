"""Required against scheduled agents of the selected market, hour by hour, under the
coverage grid (same columns, scrolls with it).

Row "Required": agents the forecast needs (Erlang C for chat plus e-mail workload,
:mod:`console.coverage.requirement`); row "Scheduled": assigned agents speaking the
market's language on shift. A scheduled cell short of the requirement is red.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from console.coverage import SLOTS, CoveragePlan
from console.coverage.requirement import scheduled_agents
from console.ui.common import palette
from console.ui.coverage.coverage_models import slot_text

Index = QModelIndex | QPersistentModelIndex

REQUIRED, SCHEDULED = range(2)
#: Agents in the cell (an int).
CountRole = Qt.ItemDataRole.UserRole + 1
#: Whether the cell is short of the requirement (scheduled row only).
ShortRole = Qt.ItemDataRole.UserRole + 2
#: Whether the market is open in the cell's hour.
OpenRole = Qt.ItemDataRole.UserRole + 3

REQUIRED_COLOR = palette.REQUIRED
ENOUGH_COLOR = palette.COVERED
SHORT_COLOR = palette.UNCOVERED
CLOSED_COLOR = palette.SURFACE_ALT


class StaffingRowsModel(QAbstractTableModel):
    """Two rows (required, scheduled) by the week's 168 hours for one market."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._plan: CoveragePlan | None = None
        self._market_id: int | None = None
        self._required: tuple[int, ...] = ()
        self._scheduled: tuple[int, ...] = ()
        self._demand: tuple[float, ...] = ()
        self._open = 0

    @property
    def market_id(self) -> int | None:
        return self._market_id

    def set_market(self, plan: CoveragePlan | None, market_id: int | None) -> None:
        market = plan.market(market_id) if plan is not None and market_id is not None else None
        had_rows = self.rowCount() > 0
        if had_rows != (market is not None):
            self.beginResetModel()
        self._plan, self._market_id = plan, market.id if market else None
        if plan is not None and market is not None:
            self._required = market.required or tuple(
                1 if market.open_slots >> s & 1 else 0 for s in range(SLOTS)
            )
            self._scheduled = scheduled_agents(plan, market)
            self._demand = market.demand
            self._open = market.open_slots
        else:
            self._required = self._scheduled = self._demand = ()
            self._open = 0
        if had_rows != (market is not None):
            self.endResetModel()
        elif self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(1, SLOTS - 1))
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, 1)

    def totals(self) -> tuple[int, int, int]:
        """(required agent-hours, scheduled agent-hours in support hours, hours short)."""
        open_slots = [s for s in range(SLOTS) if self._open >> s & 1]
        return (
            sum(self._required[s] for s in open_slots),
            sum(self._scheduled[s] for s in open_slots),
            sum(1 for s in open_slots if self._scheduled[s] < self._required[s]),
        )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self._required else 2

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self._required else SLOTS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not self._required:
            return None
        slot, row = index.column(), index.row()
        required, scheduled = self._required[slot], self._scheduled[slot]
        value = required if row == REQUIRED else scheduled
        is_open = bool(self._open >> slot & 1)
        if role in (Qt.ItemDataRole.DisplayRole, CountRole):
            return value if role == CountRole else str(value)
        if role == ShortRole:
            return row == SCHEDULED and is_open and scheduled < required
        if role == OpenRole:
            return is_open
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr(
                "{time}\n{required} agents required, {scheduled} scheduled\n"
                "{messages:.1f} messages expected"
            ).format(
                time=slot_text(slot),
                required=required,
                scheduled=scheduled,
                messages=self._demand[slot],
            )
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Vertical or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == REQUIRED:
            return self.tr("Required agents")
        if section == SCHEDULED:
            return self.tr("Scheduled agents")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren


class StaffingCellDelegate(QStyledItemDelegate):
    """A coloured cell; the number when the column is wide enough to read it."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(7, 18)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        count = index.data(CountRole)
        if count is None:
            return
        rect: QRect = option.rect
        painter.save()
        if not index.data(OpenRole):
            color = CLOSED_COLOR
        elif index.row() == REQUIRED:
            color = REQUIRED_COLOR
        else:
            color = SHORT_COLOR if index.data(ShortRole) else ENOUGH_COLOR
        painter.fillRect(rect.adjusted(0, 1, 0, -1), color)
        if index.column() % 24 == 0:
            painter.setPen(palette.MUTED)
            painter.drawLine(rect.topLeft(), rect.bottomLeft())
        text = str(count)
        font = QFont(option.font)
        font.setPointSizeF(max(6.0, font.pointSizeF() - 2))
        painter.setFont(font)
        if (
            index.data(OpenRole)
            and painter.fontMetrics().horizontalAdvance(text) + 2 <= rect.width()
        ):
            painter.setPen(palette.TEXT)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


class StaffingStrip(QTableView):
    """The two rows, kept column by column under ``grid`` and scrolled with it."""

    def __init__(self, grid: QTableView, header_width: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coverageStaffing")
        self._grid = grid
        self.setItemDelegate(StaffingCellDelegate(self))
        self.setShowGrid(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.horizontalHeader().hide()
        self.horizontalHeader().setMinimumSectionSize(1)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vertical = self.verticalHeader()
        vertical.setFixedWidth(header_width)
        vertical.setDefaultSectionSize(18)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setFixedHeight(2 * 18 + 2 * self.frameWidth())
        grid.horizontalHeader().sectionResized.connect(self._follow_width)
        grid.horizontalScrollBar().valueChanged.connect(self.horizontalScrollBar().setValue)
        grid.horizontalScrollBar().rangeChanged.connect(lambda *_: self.follow_grid())

    def _follow_width(self, column: int, _old: int, new: int) -> None:
        if column < self.horizontalHeader().count():
            self.setColumnWidth(column, new)

    def follow_grid(self) -> None:
        """Take the grid's column widths and scroll position."""
        header = self._grid.horizontalHeader()
        for column in range(min(header.count(), self.horizontalHeader().count())):
            self.setColumnWidth(column, header.sectionSize(column))
        self.horizontalScrollBar().setValue(self._grid.horizontalScrollBar().value())
