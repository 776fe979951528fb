"""Models of the channel views: quarantine, configured channels, import preview rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from console.channels.admin import ChannelConfigView, PreviewRow, QuarantineEntry, TablePreview
from console.problems import Problem
from console.ui.common.problem_texts import problem_text, reason_text
from console.ui.common.rows_model import READ_ONLY, RowsTableModel

Index = QModelIndex | QPersistentModelIndex
EntryRole = Qt.ItemDataRole.UserRole + 1


class QuarantineModel(RowsTableModel[QuarantineEntry]):
    """Quarantined items, newest first: when, source, which item, why."""

    COLUMNS = 4
    WHEN, SOURCE, ITEM, REASON = range(4)

    def set_entries(self, entries: Sequence[QuarantineEntry]) -> None:
        self.set_rows(entries)

    def entry(self, row: int) -> QuarantineEntry | None:
        return self.row_at(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry(index.row()) if index.isValid() else None
        if entry is None:
            return None
        if role == EntryRole:
            return entry
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            column = index.column()
            if column == self.WHEN:
                moment = QDateTime.fromSecsSinceEpoch(int(entry.created_at.timestamp()))
                return QLocale().toString(moment, QLocale.FormatType.ShortFormat)
            if column == self.SOURCE:
                return entry.source
            if column == self.ITEM:
                return entry.item_ref
            if column == self.REASON:
                return reason_text(entry.reason, entry.problem)
        return None

    def column_titles(self) -> tuple[str, ...]:
        return (self.tr("When"), self.tr("Source"), self.tr("Item"), self.tr("Reason"))


class ChannelConfigModel(QAbstractListModel):
    """Configured channels by name."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._configs: tuple[ChannelConfigView, ...] = ()

    def set_configs(self, configs: Sequence[ChannelConfigView]) -> None:
        self.beginResetModel()
        self._configs = tuple(configs)
        self.endResetModel()

    def config(self, row: int) -> ChannelConfigView | None:
        return self._configs[row] if 0 <= row < len(self._configs) else None

    def row_of(self, name: str) -> int | None:
        for row, config in enumerate(self._configs):
            if config.name == name:
                return row
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._configs)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        config = self.config(index.row()) if index.isValid() else None
        if config is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return config.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return config.kind
        if role == EntryRole:
            return config
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return READ_ONLY if index.isValid() else Qt.ItemFlag.NoItemFlags


class MappingPreviewModel(QAbstractTableModel):
    """The first rows of an export as the import reads them: mapped fields, then the verdict."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._preview: TablePreview | None = None
        self._fields: tuple[str, ...] = ()
        self._rows: tuple[PreviewRow, ...] = ()

    def set_preview(self, preview: TablePreview | None) -> None:
        self.beginResetModel()
        self._preview = preview
        if preview is None:
            self._fields, self._rows = (), ()
        else:
            self._fields = tuple(f for f in preview.fields if f in preview.mapping.columns)
            self._rows = preview.rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._fields) + 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._preview is None or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if column == len(self._fields):
            if isinstance(row.problem, Problem):
                return problem_text(row.problem)
            return row.problem if row.problem else self.tr("OK")
        if 0 <= column < len(self._fields):
            position = self._preview.fields.index(self._fields[column])
            return row.values[position]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return self._rows[section].ref if 0 <= section < len(self._rows) else None
        if section == len(self._fields):
            return self.tr("Import result")
        if 0 <= section < len(self._fields):
            return field_title(self._fields[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return READ_ONLY if index.isValid() else Qt.ItemFlag.NoItemFlags


def field_title(name: str) -> str:
    """The user-facing name of a mapping field."""
    titles = {
        "text": QCoreApplication.translate("ChannelFields", "Message text"),
        "timestamp": QCoreApplication.translate("ChannelFields", "Time sent"),
        "time_zone": QCoreApplication.translate("ChannelFields", "Time zone"),
        "handle": QCoreApplication.translate("ChannelFields", "Customer handle"),
        "customer_name": QCoreApplication.translate("ChannelFields", "Customer name"),
        "email": QCoreApplication.translate("ChannelFields", "E-mail"),
        "phone": QCoreApplication.translate("ChannelFields", "Phone"),
        "country": QCoreApplication.translate("ChannelFields", "Country"),
        "region": QCoreApplication.translate("ChannelFields", "Region"),
        "city": QCoreApplication.translate("ChannelFields", "City"),
        "address": QCoreApplication.translate("ChannelFields", "Address"),
        "order_number": QCoreApplication.translate("ChannelFields", "Order number"),
        "direction": QCoreApplication.translate("ChannelFields", "Direction"),
        "external_id": QCoreApplication.translate("ChannelFields", "Message id"),
        "subject": QCoreApplication.translate("ChannelFields", "Subject"),
    }
    return titles.get(name, name)


StatusRole = Qt.ItemDataRole.UserRole + 2


class ChannelStatusModel(QAbstractListModel):
    """One row per running channel: "Shop mailbox: online, last sync 10:42" (sorted by name).

    Fed by :attr:`console.ui.channels.channel_service.ChannelService.status_changed`
    (connect it to :meth:`update`) and ``channel_removed`` (to :meth:`remove`).
    :data:`StatusRole` gives the ChannelStatus.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._statuses: list[Any] = []  # ChannelStatus, sorted by name

    def update(self, status: Any) -> None:
        """Insert or replace the row of ``status.name``."""
        names = [s.name for s in self._statuses]
        if status.name in names:
            row = names.index(status.name)
            self._statuses[row] = status
            index = self.index(row)
            self.dataChanged.emit(index, index)
            return
        row = sum(1 for name in names if name < status.name)
        self.beginInsertRows(QModelIndex(), row, row)
        self._statuses.insert(row, status)
        self.endInsertRows()

    def remove(self, name: str) -> None:
        """Drop the row of a channel that is no longer configured."""
        for row, status in enumerate(self._statuses):
            if status.name == name:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._statuses[row]
                self.endRemoveRows()
                return

    def status(self, row: int) -> Any:
        return self._statuses[row] if 0 <= row < len(self._statuses) else None

    def summary(self) -> str:
        """A short text for the status bar, e.g. "Channels: 2 online, 1 offline"."""
        online = sum(1 for s in self._statuses if s.state == "online")
        offline = sum(1 for s in self._statuses if s.state == "offline")
        if not self._statuses:
            return ""
        if offline:
            return (
                self.tr("Channels: %1 online, %2 offline")
                .replace("%1", str(online))
                .replace("%2", str(offline))
            )
        return self.tr("Channels: %1 online").replace("%1", str(online))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._statuses)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        status = self.status(index.row()) if index.isValid() else None
        if status is None:
            return None
        if role == StatusRole:
            return status
        if role == Qt.ItemDataRole.DisplayRole:
            text = f"{status.name}: {self.state_title(status.state)}"
            if status.last_sync is not None:
                moment = QDateTime.fromSecsSinceEpoch(int(status.last_sync.timestamp()))
                when = QLocale().toString(moment.time(), QLocale.FormatType.ShortFormat)
                text += " " + self.tr("(last sync %1)").replace("%1", when)
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return status.reason or status.detail or None
        return None

    def state_title(self, state: str) -> str:
        titles = {
            "starting": self.tr("connecting"),
            "online": self.tr("online"),
            "offline": self.tr("offline"),
            "stopped": self.tr("stopped"),
        }
        return titles.get(state, state)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return READ_ONLY if index.isValid() else Qt.ItemFlag.NoItemFlags

    def ui_language_changed(self) -> None:
        if self._statuses:
            self.dataChanged.emit(self.index(0), self.index(len(self._statuses) - 1))
