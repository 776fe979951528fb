"""The audit log as a table: pages fetched as the view scrolls (the log can hold millions)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QDateTime, QLocale, QModelIndex, QPersistentModelIndex, Qt, Signal

from console.privacy.audit_log import PAGE, AuditRow
from console.ui.audit.audit_names import action_name, actor_name, record_name
from console.ui.common.rows_model import RowsTableModel

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole


class AuditTableModel(RowsTableModel[AuditRow]):
    """Entries newest first: when, who, action, record, its id, the details.

    Holds the pages loaded so far; when the view scrolls to the end, ``fetchMore``
    asks for the next page (:attr:`more_wanted` with the last id shown) and the window
    hands it to :meth:`append`.
    """

    WHEN, ACTOR, ACTION, ENTITY, ENTITY_ID, DETAIL = range(6)
    COLUMNS = 6

    #: The next page is wanted: entries below this id.
    more_wanted = Signal(int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._exhausted = True
        self._loading = False

    def column_titles(self) -> tuple[str, ...]:
        return (
            self.tr("When"),
            self.tr("Person"),
            self.tr("Action"),
            self.tr("Record"),
            self.tr("Id"),
            self.tr("Details"),
        )

    def reset(self, rows: Sequence[AuditRow]) -> None:
        """The first page of a new filter."""
        self._loading = False
        self._exhausted = len(rows) < PAGE
        self.set_rows(rows)

    def append(self, rows: Sequence[AuditRow]) -> None:
        self._loading = False
        self._exhausted = len(rows) < PAGE
        if not rows:
            return
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows = (*self._rows, *rows)
        self.endInsertRows()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or not self.rows:
            return
        self._loading = True
        self.more_wanted.emit(self.rows[-1].id)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        entry = self.row_at(index.row()) if index.isValid() else None
        if entry is None or role not in (DISPLAY, Qt.ItemDataRole.ToolTipRole):
            return None
        column = index.column()
        if column == self.WHEN:
            moment = QDateTime.fromSecsSinceEpoch(int(entry.at.timestamp()))
            return QLocale().toString(moment, "yyyy-MM-dd HH:mm:ss")
        if column == self.ACTOR:
            return actor_name(entry.actor)
        if column == self.ACTION:
            return action_name(entry.action)
        if column == self.ENTITY:
            return record_name(entry.entity)
        if column == self.ENTITY_ID:
            return "" if entry.entity_id is None else str(entry.entity_id)
        if column == self.DETAIL:
            return entry.detail
        return None
