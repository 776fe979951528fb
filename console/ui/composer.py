"""The reply box: write, then Ctrl+Enter (or the Send button) to send."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget


class Composer(QWidget):
    #: The agent asked to send this text.
    submitted = Signal(str)
    #: The agent asked to send this text at the customer's next business-hours start.
    schedule_requested = Signal(str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("composerEditor")
        self.editor.setTabChangesFocus(True)
        self.editor.setMinimumHeight(70)
        self.editor.setMaximumHeight(110)
        self.send_button = QPushButton(self)
        self.send_button.setObjectName("sendButton")
        self.send_button.setDefault(False)
        self.schedule_button = QPushButton(self)
        self.schedule_button.setObjectName("sendLaterButton")
        self.hint = QLabel(self)
        self.hint.setObjectName("composerHint")
        self.hint.setStyleSheet("color: #5f6368")

        buttons = QHBoxLayout()
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.schedule_button)
        buttons.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor)
        layout.addLayout(buttons)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self.editor)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self._submit)
        self.send_button.clicked.connect(self._submit)
        self.schedule_button.clicked.connect(self._schedule)
        self.editor.textChanged.connect(self._update_enabled)
        self._busy = False
        self._available = False
        self.retranslate()
        self._update_enabled()

    def retranslate(self) -> None:
        self.editor.setPlaceholderText(self.tr("Write a reply…"))
        self.send_button.setText(self.tr("Send"))
        self.send_button.setToolTip(self.tr("Send the reply (Ctrl+Enter)"))
        self.hint.setText(self.tr("Ctrl+Enter to send"))
        self.schedule_button.setText(self.tr("Send at their 09:00"))
        self.schedule_button.setToolTip(
            self.tr("Keep the reply in the outbox until the customer's business hours start")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_available(self, available: bool) -> None:
        """Whether there is a conversation to reply to."""
        self._available = available
        self.editor.setEnabled(available)
        self._update_enabled()

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.editor.setReadOnly(busy)
        self._update_enabled()

    def sent(self) -> None:
        """The reply was stored: clear the editor for the next one."""
        self.editor.clear()
        self.set_busy(False)

    def _update_enabled(self) -> None:
        has_text = bool(self.editor.toPlainText().strip())
        self.send_button.setEnabled(self._available and has_text and not self._busy)
        self.schedule_button.setEnabled(self._available and has_text and not self._busy)

    def _submit(self) -> None:
        if self.send_button.isEnabled():
            self.set_busy(True)
            self.submitted.emit(self.editor.toPlainText())

    def _schedule(self) -> None:
        if self.schedule_button.isEnabled():
            self.set_busy(True)
            self.schedule_requested.emit(self.editor.toPlainText())
