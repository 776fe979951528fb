"""Table models of the compliance editor: markets, versions of one market, review queue."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from console.policies import MarketSummary, VersionInfo

Index = QModelIndex | QPersistentModelIndex
ItemRole = Qt.ItemDataRole.UserRole + 1


def _short(at: datetime) -> str:
    """*at* in the agent's zone and UI locale, short format."""
    local = QDateTime.fromSecsSinceEpoch(int(at.timestamp()))
    return QLocale().toString(local, QLocale.FormatType.ShortFormat)


def _flags(index: Index) -> Qt.ItemFlag:
    if not index.isValid():
        return Qt.ItemFlag.NoItemFlags
    return (
        Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
    )


class PolicyMarketsModel(QAbstractTableModel):
    """One row per market: code, name, version in force, last reviewed, state."""

    COLUMNS = 5

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[MarketSummary, ...] = ()

    def set_markets(self, markets: Sequence[MarketSummary]) -> None:
        self.beginResetModel()
        self._rows = tuple(markets)
        self.endResetModel()

    def market(self, row: int) -> MarketSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, code: str) -> int:
        return next((i for i, market in enumerate(self._rows) if market.code == code), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            self.tr("Code"),
            self.tr("Market"),
            self.tr("Version"),
            self.tr("Last reviewed"),
            self.tr("State"),
        )
        return titles[section] if 0 <= section < len(titles) else None

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

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _flags(index)


class PolicyVersionsModel(QAbstractTableModel):
    """The versions of one market, newest first."""

    COLUMNS = 6

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[VersionInfo, ...] = ()

    def set_versions(self, versions: Sequence[VersionInfo]) -> None:
        self.beginResetModel()
        self._rows = tuple(versions)
        self.endResetModel()

    def version(self, row: int) -> VersionInfo | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            self.tr("Version"),
            self.tr("Change"),
            self.tr("Author"),
            self.tr("Saved"),
            self.tr("In force from"),
            self.tr("Reason"),
        )
        return titles[section] if 0 <= section < len(titles) else None

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
            return info.diff_text or None
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

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _flags(index)
