"""Table models of the rules UI: markets, versions of one market, review queue (compliance
editor) and a conversation's tracked tasks (rules panel)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush

from console.policies import MarketSummary, RequestKind, TrackedTask, VersionInfo
from console.ui.common import palette
from console.ui.common.rows_model import RowsTableModel

Index = QModelIndex | QPersistentModelIndex
ItemRole = Qt.ItemDataRole.UserRole + 1


def _short(at: datetime) -> str:
    """*at* in the agent's zone and UI locale, short format."""
    local = QDateTime.fromSecsSinceEpoch(int(at.timestamp()))
    return QLocale().toString(local, QLocale.FormatType.ShortFormat)


class PolicyMarketsModel(RowsTableModel[MarketSummary]):
    """One row per market: code, name, version in force, last reviewed, state."""

    COLUMNS = 5

    def set_markets(self, markets: Sequence[MarketSummary]) -> None:
        self.set_rows(markets)

    def market(self, row: int) -> MarketSummary | None:
        return self.row_at(row)

    def row_of(self, code: str) -> int:
        return next((i for i, market in enumerate(self._rows) if market.code == code), -1)

    def column_titles(self) -> tuple[str, ...]:
        return (
            self.tr("Code"),
            self.tr("Market"),
            self.tr("Version"),
            self.tr("Last reviewed"),
            self.tr("State"),
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        market = self.market(index.row()) if index.isValid() else None
        if market is None:
            return None
        if role == ItemRole:
            return market
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == 0:
            return market.code
        if column == 1:
            return market.name
        if column == 2:
            return str(market.version)
        if column == 3:
            return market.last_reviewed.isoformat() if market.last_reviewed else ""
        states = []
        if market.review_due:
            states.append(self.tr("Review due"))
        if market.pending_version is not None and market.pending_from is not None:
            states.append(
                self.tr("v{version} from {date}").format(
                    version=market.pending_version,
                    date=_short(market.pending_from),
                )
            )
        return ", ".join(states)


class PolicyVersionsModel(RowsTableModel[VersionInfo]):
    """The versions of one market, newest first."""

    COLUMNS = 6

    def set_versions(self, versions: Sequence[VersionInfo]) -> None:
        self.set_rows(versions)

    def version(self, row: int) -> VersionInfo | None:
        return self.row_at(row)

    def column_titles(self) -> tuple[str, ...]:
        return (
            self.tr("Version"),
            self.tr("Change"),
            self.tr("Author"),
            self.tr("Saved"),
            self.tr("In force from"),
            self.tr("Reason"),
        )

    #: Words a version's changes for a person (set by the rules editor).
    describe: Callable[[VersionInfo], str] | None = None

    def _action(self, info: VersionInfo) -> str:
        names = {
            "seed": self.tr("Seed pack"),
            "edit": self.tr("Edit"),
            "restore": self.tr("Restore of v{version}").format(version=info.restored_from),
            "review": self.tr("Review"),
            "import": self.tr("Import"),
        }
        return names.get(info.action, info.action)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        info = self.version(index.row()) if index.isValid() else None
        if info is None:
            return None
        if role == ItemRole:
            return info
        if role == Qt.ItemDataRole.ToolTipRole:
            # The editor names fields by its form's labels, in the UI language.
            return (self.describe(info) if self.describe else info.diff_text) or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == 0:
            marker = self.tr(" (in force)") if info.is_current else ""
            if info.is_pending:
                marker = self.tr(" (scheduled)")
            return f"v{info.version}{marker}"
        if column == 1:
            return self._action(info)
        if column == 2:
            return info.author
        if column == 3:
            return _short(info.created_at)
        if column == 4:
            return _short(info.effective_from)
        return info.reason


class PolicyTasksModel(RowsTableModel[TrackedTask]):
    """A conversation's tracked tasks: request kind, due date (customer's calendar), status."""

    COLUMNS = 3

    def set_tasks(self, tasks: Sequence[TrackedTask]) -> None:
        self.set_rows(tasks)

    def task(self, row: int) -> TrackedTask | None:
        return self.row_at(row)

    def row_of(self, task_id: int) -> int:
        return next((i for i, task in enumerate(self._rows) if task.id == task_id), -1)

    def column_titles(self) -> tuple[str, ...]:
        return (self.tr("Task"), self.tr("Due"), self.tr("Status"))

    def kind_text(self, kind: RequestKind) -> str:
        names = {
            RequestKind.DATA_ACCESS: self.tr("Answer data access request"),
            RequestKind.DATA_DELETION: self.tr("Answer data deletion request"),
            RequestKind.DATA_CORRECTION: self.tr("Answer data correction request"),
            RequestKind.WITHDRAWAL: self.tr("Refund withdrawal"),
        }
        return names.get(kind, kind.value)

    def status_text(self, status: str) -> str:
        names = {
            "open": self.tr("Open"),
            "overdue": self.tr("Overdue"),
            "done": self.tr("Done"),
        }
        return names.get(status, status)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        task = self.task(index.row()) if index.isValid() else None
        if task is None:
            return None
        if role == ItemRole:
            return task
        column = index.column()
        if role == Qt.ItemDataRole.ForegroundRole and column == 2 and task.status == "overdue":
            return QBrush(palette.ERROR_DARK)
        if role == Qt.ItemDataRole.ToolTipRole and column == 2 and task.done_at is not None:
            return self.tr("Done {date}").format(date=_short(task.done_at))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return self.kind_text(task.kind)
        if column == 1:
            return task.due_text
        return self.status_text(task.status)


ValueRole = Qt.ItemDataRole.UserRole + 2


class ChoiceListModel(QAbstractListModel):
    """Checkable raw choice values (e.g. data-subject request types) shown by their labels.

    :meth:`set_labels` gives the translated labels; :meth:`set_checked` and
    :meth:`checked_values` take and give the raw values, in the order of the choices.
    """

    def __init__(self, choices: Sequence[str], parent: Any = None) -> None:
        super().__init__(parent)
        self._choices = tuple(choices)
        self._labels: dict[str, str] = {}
        self._checked: set[str] = set()
        self._order: list[str] = []  # the loaded values' order, kept when saving
        self._editable = True

    def set_labels(self, labels: Mapping[str, str]) -> None:
        self._labels = dict(labels)
        if self._choices:
            self.dataChanged.emit(
                self.index(0), self.index(len(self._choices) - 1), [Qt.ItemDataRole.DisplayRole]
            )

    def set_editable(self, editable: bool) -> None:
        self.beginResetModel()
        self._editable = editable
        self.endResetModel()

    def set_checked(self, values: Iterable[str]) -> None:
        self.beginResetModel()
        self._order = [value for value in dict.fromkeys(values) if value in self._choices]
        self._checked = set(self._order)
        self.endResetModel()

    def checked_values(self) -> list[str]:
        """The checked raw values: loaded ones in their order, then new ones in choice order."""
        kept = [value for value in self._order if value in self._checked]
        return kept + [v for v in self._choices if v in self._checked and v not in kept]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._choices)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._choices):
            return None
        value = self._choices[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._labels.get(value, value)
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if value in self._checked else Qt.CheckState.Unchecked
        if role in (ValueRole, Qt.ItemDataRole.ToolTipRole):
            return value
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.CheckStateRole
            or not self._editable
            or not index.isValid()
            or not 0 <= index.row() < len(self._choices)
        ):
            return False
        choice = self._choices[index.row()]
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(value)
        if state == Qt.CheckState.Checked:
            self._checked.add(choice)
        else:
            self._checked.discard(choice)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
        if self._editable:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags
