"""The middle pane: the thread of the selected conversation and the reply composer."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QListView,
    QVBoxLayout,
    QWidget,
)

from console.inbox.queries import ConversationDetail
from console.ui.composer import Composer
from console.ui.display_names import status_name
from console.ui.message_delegate import MessageDelegate
from console.ui.thread_model import ThreadModel


class ConversationView(QWidget):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.detail: ConversationDetail | None = None
        self.title = QLabel(self)
        self.title.setObjectName("conversationTitle")
        self.title.setStyleSheet("font-size: 15px; font-weight: 600")
        self.title.setProperty("showsData", True)
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("conversationSubtitle")
        self.subtitle.setStyleSheet("color: #5f6368")
        self.subtitle.setProperty("showsData", True)
        self.model = ThreadModel(self)
        self.delegate = MessageDelegate(self)
        self.thread_view = QListView(self)
        self.thread_view.setObjectName("threadView")
        self.thread_view.setModel(self.model)
        self.thread_view.setItemDelegate(self.delegate)
        self.thread_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.thread_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.thread_view.setUniformItemSizes(False)
        self.thread_view.setWordWrap(True)
        self.thread_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.composer = Composer(self)
        self.composer.set_available(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.thread_view, 1)
        layout.addWidget(self.composer)
        self.retranslate()

    def retranslate(self) -> None:
        self.delegate.clear_cache()
        self.thread_view.doItemsLayout()
        self.show_detail(self.detail)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def keyPressEvent(self, event: Any) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            message = self.model.message(self.thread_view.currentIndex().row())
            if message is not None:
                QApplication.clipboard().setText(message.text)
                return
        super().keyPressEvent(event)

    def show_detail(self, detail: ConversationDetail | None) -> None:
        self.detail = detail
        self.composer.set_available(detail is not None)
        if detail is None:
            self.title.setText(self.tr("No conversation selected"))
            self.subtitle.clear()
            self.model.set_thread(None, ())
            return
        summary = detail.summary
        self.title.setText(summary.subject or detail.customer.name)
        self.subtitle.setText(
            self.tr("%1 · %2 · %n message(s)", "", len(detail.messages))
            .replace("%1", detail.customer.name)
            .replace("%2", status_name(summary.status))
        )
        same = self.model.conversation_id == summary.id
        self.model.set_thread(summary.id, detail.messages)
        if detail.messages and not same:
            self.thread_view.scrollToBottom()
