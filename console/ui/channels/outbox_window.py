"""The outbox: replies waiting to leave, sent, or failed with the reason, and what to do next.

A failed send stays visible with its reason and can be retried; replies on
channels without a sending connection (marketplace, chat, phone) are exported
to a file for hand-over.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QDateTime,
    QItemSelection,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.changes import Changes
from console.channels.outbox import OutboxItem
from console.store.models import ChannelKind
from console.ui.app_state import AppState
from console.ui.channels.operations import export_for_handover, load_outbox, retry_deliveries
from console.ui.common import palette
from console.ui.common.display_names import channel_name
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.common.problem_texts import error_text
from console.ui.common.rows_model import RowsTableModel
from console.ui.lanes.store_executor import StoreExecutor

Index = QModelIndex | QPersistentModelIndex
ItemRole = Qt.ItemDataRole.UserRole + 1

#: The filter choices: key -> the outbox states it shows (None: all).
FILTERS: dict[str, tuple[str, ...] | None] = {
    "all": None,
    "waiting": ("pending", "sending"),
    "failed": ("failed",),
    "sent": ("sent", "exported"),
}
#: Channels whose replies are handed over as a file rather than sent.
EXPORT_CHANNELS = (ChannelKind.MARKETPLACE, ChannelKind.CHAT, ChannelKind.PHONE)


class OutboxModel(RowsTableModel[OutboxItem]):
    """Outbox entries: when queued, channel, recipient, subject, state, attempts, reason."""

    QUEUED, CHANNEL, RECIPIENT, SUBJECT, STATE, ATTEMPTS, REASON = range(7)
    COLUMNS = 7

    def set_items(self, items: Sequence[OutboxItem]) -> None:
        self.set_rows(items)

    def item(self, row: int) -> OutboxItem | None:
        return self.row_at(row)

    def state_name(self, state: str) -> str:
        names = {
            "pending": self.tr("Waiting"),
            "sending": self.tr("Sending"),
            "sent": self.tr("Sent"),
            "failed": self.tr("Failed"),
            "exported": self.tr("Handed over"),
        }
        return names.get(state, state)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item(index.row()) if index.isValid() else None
        if item is None:
            return None
        if role == ItemRole:
            return item
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(palette.ERROR_SOFT) if item.state == "failed" else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(palette.ERROR_DARK) if item.state == "failed" else None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.ATTEMPTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(item, index.column())
        return None

    def _text(self, item: OutboxItem, column: int) -> str | None:
        if column == self.QUEUED:
            moment = QDateTime.fromSecsSinceEpoch(int(item.created_at.timestamp()))
            return QLocale().toString(moment, QLocale.FormatType.ShortFormat)
        if column == self.CHANNEL:
            try:
                return channel_name(ChannelKind(item.channel))
            except ValueError:
                return item.channel
        if column == self.RECIPIENT:
            return item.to_address
        if column == self.SUBJECT:
            return item.subject or self.tr("(no subject)")
        if column == self.STATE:
            return self.state_name(item.state)
        if column == self.ATTEMPTS:
            return str(item.attempts)
        if column == self.REASON:
            return item.last_error
        return None

    def column_titles(self) -> tuple[str, ...]:
        return (
            self.tr("Queued"),
            self.tr("Channel"),
            self.tr("Recipient"),
            self.tr("Subject"),
            self.tr("State"),
            self.tr("Attempts"),
            self.tr("Reason"),
        )


class OutboxWindow(FollowsUiLanguage, QWidget):
    #: Emitted after every load with the number of entries shown.
    loaded = Signal(int)
    #: An export wrote this many replies to a file.
    exported = Signal(int)
    #: Retry put this many failed entries back in the queue: the sender may start at once.
    requeued = Signal(int)

    def __init__(
        self,
        executor: StoreExecutor,
        *,
        state: AppState | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("outboxView")
        self._executor = executor
        #: Who is working: retries and exports are recorded for them.
        self.state = state or AppState(self)
        self.model = OutboxModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("outboxTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.horizontalHeader().setSectionResizeMode(
            OutboxModel.REASON, QHeaderView.ResizeMode.Stretch
        )
        self.table.verticalHeader().hide()
        self.filter_label = QLabel(self)
        self.filter = QComboBox(self)
        self.filter.setObjectName("outboxFilter")
        for key in FILTERS:
            self.filter.addItem("", key)
        self.filter_label.setBuddy(self.filter)
        self.summary = QLabel(self)
        self.summary.setObjectName("outboxSummary")
        self.reason = QLabel(self)
        self.reason.setObjectName("outboxReason")
        self.reason.setWordWrap(True)
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        self.reason.setProperty("showsData", True)
        self.refresh_button = QPushButton(self)
        self.refresh_button.setObjectName("outboxRefresh")
        self.retry_button = QPushButton(self)
        self.retry_button.setObjectName("outboxRetry")
        self.retry_button.setEnabled(False)
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("outboxExport")
        self.export_menu = QMenu(self.export_button)
        self.export_actions: dict[ChannelKind, QAction] = {}
        for channel in EXPORT_CHANNELS:
            action = self.export_menu.addAction("")
            action.triggered.connect(lambda _checked=False, c=channel: self._choose_export(c))
            self.export_actions[channel] = action
        self.export_button.setMenu(self.export_menu)
        self.result = QLabel(self)
        self.result.setObjectName("outboxResult")
        self.result.setWordWrap(True)
        self.result.setProperty("showsData", True)
        self.result.hide()
        self.error = QLabel(self)
        self.error.setObjectName("outboxError")
        self.error.setWordWrap(True)
        self.error.setProperty("showsData", True)
        self.error.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.filter_label)
        buttons.addWidget(self.filter)
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.reason)

        self.refresh_button.clicked.connect(self.reload)
        self.retry_button.clicked.connect(self.retry_selected)
        self.filter.currentIndexChanged.connect(lambda _index: self.reload())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        executor.changes.changed.connect(self.apply_changes)
        self.ui_language_changed()

    def ui_language_changed(self) -> None:
        self.setWindowTitle(self.tr("Outbox"))
        self.filter_label.setText(self.tr("&Show:"))
        names = {
            "all": self.tr("All"),
            "waiting": self.tr("Waiting"),
            "failed": self.tr("Failed"),
            "sent": self.tr("Sent"),
        }
        for row in range(self.filter.count()):
            self.filter.setItemText(row, names[self.filter.itemData(row)])
        self.refresh_button.setText(self.tr("Refresh"))
        self.retry_button.setText(self.tr("Retry"))
        self.retry_button.setToolTip(self.tr("Put the selected failed messages back in the queue"))
        self.export_button.setText(self.tr("Export for hand-over…"))
        self.export_button.setToolTip(
            self.tr("Write the waiting replies of a channel to a file to hand over to that channel")
        )
        for channel, action in self.export_actions.items():
            action.setText(channel_name(channel))
        self._update_summary()
        self.model.ui_language_changed()

    def filter_key(self) -> str:
        return str(self.filter.currentData())

    def set_filter(self, key: str) -> None:
        """Show only entries of one filter ("all", "waiting", "failed", "sent"); reloads."""
        self.filter.setCurrentIndex(self.filter.findData(key))

    def reload(self) -> None:
        states = FILTERS.get(self.filter_key())
        load_outbox(parent=self, states=states, success=self._arrived).failure(self._failed).run(
            self._executor
        )

    def apply_changes(self, changes: Changes) -> None:
        """Read the outbox again when a write (a reply, a retry, a send round) changed it."""
        if changes.outbox:
            self.reload()

    def _arrived(self, items: list[OutboxItem]) -> None:
        self.model.set_items(items)
        self._show(None)
        self.retry_button.setEnabled(False)
        self._update_summary()
        self.loaded.emit(len(items))

    def _update_summary(self) -> None:
        count = self.model.rowCount()
        failed = sum(
            1 for row in range(count) if (item := self.model.item(row)) and item.state == "failed"
        )
        if not count:
            self.summary.setText(self.tr("No messages to show."))
        elif failed:
            self.summary.setText(self.tr("%n message(s) could not be sent", "", failed))
        else:
            self.summary.setText(self.tr("%n message(s)", "", count))

    def _selected(self) -> list[OutboxItem]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [item for row in rows if (item := self.model.item(row)) is not None]

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        chosen = self._selected()
        self.retry_button.setEnabled(any(item.state == "failed" for item in chosen))
        self._show(chosen[0] if len(chosen) == 1 else None)

    def _show(self, item: OutboxItem | None) -> None:
        self.reason.setText(item.last_error if item else "")

    def retry_selected(self) -> None:
        """Put the selected failed entries back in the queue (audited per entry)."""
        failed = [item for item in self._selected() if item.state == "failed"]
        if not failed:
            return
        retry_deliveries(
            parent=self, items=failed, actor=self.state.actor, success=self._retried
        ).failure(self._failed).run(self._executor)

    def _retried(self, count: int) -> None:
        # The outbox is read again when the change bus delivers the retry.
        self._report(self.tr("%n message(s) will be sent again", "", count))
        self.requeued.emit(count)

    def _choose_export(self, channel: ChannelKind) -> None:
        name = channel_name(channel)
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export %1 replies").replace("%1", name),
            f"{channel.value}-outbox.jsonl",
            self.tr("JSON lines (*.jsonl);;All files (*)"),
        )
        if path:
            self.export_to(channel, Path(path))

    def export_to(self, channel: ChannelKind, path: Path) -> None:
        """Append the waiting replies of ``channel`` to ``path``; emits :attr:`exported`."""
        export_for_handover(
            parent=self, channel=channel, path=path, actor=self.state.actor, success=self._exported
        ).failure(self._failed).run(self._executor)

    def _exported(self, count: int) -> None:
        if count:
            self._report(self.tr("%n reply(s) written for hand-over", "", count))
        else:
            self._report(self.tr("No replies were waiting on this channel."))
        self.exported.emit(count)  # an export that wrote replies reloads through the change bus

    def _report(self, text: str) -> None:
        self.result.setText(text)
        self.result.show()
        self.error.hide()

    def _failed(self, exc: Exception) -> None:
        self.error.setText(error_text(exc))
        self.error.show()
