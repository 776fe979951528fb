"""One conversation's messages, oldest first, as a list model."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from console.inbox.queries import MessageView, TranslationView

Index = QModelIndex | QPersistentModelIndex

MessageRole = Qt.ItemDataRole.UserRole + 1
MessageIdRole = Qt.ItemDataRole.UserRole + 2


class ThreadModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._messages: tuple[MessageView, ...] = ()
        self.conversation_id: int | None = None

    def set_thread(self, conversation_id: int | None, messages: Sequence[MessageView]) -> None:
        self.beginResetModel()
        self.conversation_id = conversation_id
        self._messages = tuple(messages)
        self.endResetModel()

    def update_message(
        self,
        message_id: int,
        *,
        language: str | None = None,
        confidence: float | None = None,
        translation: TranslationView | None = None,
    ) -> None:
        """A detection or translation arrived for one message: show it in place."""
        for row, message in enumerate(self._messages):
            if message.id != message_id:
                continue
            changes: dict[str, object] = {}
            if language is not None:
                changes.update(language=language, language_confidence=confidence)
            if translation is not None:
                changes["translation"] = translation
            if changes:
                messages = list(self._messages)
                messages[row] = dataclasses.replace(message, **changes)  # type: ignore[arg-type]
                self._messages = tuple(messages)
                index = self.index(row)
                self.dataChanged.emit(index, index)
            return

    def message(self, row: int) -> MessageView | None:
        return self._messages[row] if 0 <= row < len(self._messages) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._messages)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        message = self.message(index.row()) if index.isValid() else None
        if message is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return shown_text(message)
        if role == Qt.ItemDataRole.ToolTipRole:
            return message.subject
        if role == MessageRole:
            return message
        if role == MessageIdRole:
            return message.id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )


def shown_text(message: MessageView) -> str:
    """The message's text, or for an erased one when it was erased (in the UI language)."""
    if message.erased_at is None:
        return message.text
    when = QDateTime.fromSecsSinceEpoch(int(message.erased_at.timestamp())).toLocalTime()
    return QCoreApplication.translate("MessageDelegate", "Text erased on %1").replace(
        "%1", QLocale().toString(when.date(), QLocale.FormatType.ShortFormat)
    )
