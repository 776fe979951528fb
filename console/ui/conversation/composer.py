"""The reply box: write, then Ctrl+Enter (or the Send button) to send."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.policies.view import fact_pairs
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.common.palette import set_role


class Composer(FollowsUiLanguage, QWidget):
    #: The agent asked to send this text.
    submitted = Signal(str)
    #: The agent asked to send this text at the customer's next business-hours start.
    schedule_requested = Signal(str)
    #: The agent asked for the reply library (button or Ctrl+Shift+L).
    palette_requested = Signal()

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
        self.insert_button = QToolButton(self)
        self.insert_button.setObjectName("insertFactButton")
        self.insert_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.insert_menu = QMenu(self.insert_button)
        self.insert_button.setMenu(self.insert_menu)
        self.insert_button.setEnabled(False)
        self.replies_button = QToolButton(self)
        self.replies_button.setObjectName("replyLibraryButton")
        self._facts: Mapping[str, str] = {}
        self._agent_facts: Mapping[str, str] = {}
        self.hint = QLabel(self)
        self.hint.setObjectName("composerHint")
        set_role(self.hint, "note")

        buttons = QHBoxLayout()
        buttons.addWidget(self.insert_button)
        buttons.addWidget(self.replies_button)
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
        palette = QShortcut(QKeySequence("Ctrl+Shift+L"), self)
        palette.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        palette.activated.connect(self.palette_requested)
        self.replies_button.clicked.connect(self.palette_requested)
        self.schedule_button.clicked.connect(self._schedule)
        self.editor.textChanged.connect(self._update_enabled)
        self._busy = False
        self._available = False
        self.ui_language_changed()
        self._update_enabled()

    def ui_language_changed(self) -> None:
        self.editor.setPlaceholderText(self.tr("Write a reply…"))
        self.send_button.setText(self.tr("Send"))
        self.send_button.setToolTip(self.tr("Send the reply (Ctrl+Enter)"))
        self.hint.setText(self.tr("Ctrl+Enter to send"))
        self.insert_button.setText(self.tr("Insert fact"))
        self.insert_button.setToolTip(
            self.tr(
                "Insert a fact worked out from the customer's rules; the reply they "
                "receive writes it in their language's date format"
            )
        )
        self.set_facts(self._facts, self._agent_facts)
        self.replies_button.setText(self.tr("Replies…"))
        self.replies_button.setToolTip(
            self.tr("Find a reply in the library and insert it in the customer's language "
                    "(Ctrl+Shift+L)")
        )  # fmt: skip
        self.schedule_button.setText(self.tr("Send at their 09:00"))
        self.schedule_button.setToolTip(
            self.tr("Keep the reply in the outbox until the customer's business hours start")
        )

    def set_facts(
        self, facts: Mapping[str, str], agent_facts: Mapping[str, str] | None = None
    ) -> None:
        """Policy facts for this customer: name -> value in their locale (*facts*) and in
        the agent's (*agent_facts*, what the menu shows and the editor receives)."""
        self._facts = dict(facts)
        self._agent_facts = dict(agent_facts or {})
        self.insert_menu.clear()
        for name, label in self._fact_labels().items():
            value = self._agent_value(name)
            if not value:
                continue
            action = self.insert_menu.addAction(f"{label}: {value}")
            action.setData(name)
            action.triggered.connect(lambda _checked=False, n=name: self.insert_fact(n))
        self.insert_button.setEnabled(not self.insert_menu.isEmpty())

    def insert_fact(self, name: str) -> None:
        """Insert the fact's worked-out value, as the agent reads it, at the cursor.

        The reply to the customer carries the same fact in their locale
        (:meth:`fact_pairs`); without a value ``{name}`` is inserted, filled in at send.
        """
        value = self._agent_value(name)
        self.editor.insertPlainText(value or f"{{{name}}}")
        self.editor.setFocus()

    def fact_pairs(self) -> dict[str, str]:
        """This customer's facts as the agent's text has them -> as the customer's text must."""
        return fact_pairs(self._agent_facts or self._facts, self._facts)

    def facts(self) -> dict[str, str]:
        """This customer's facts in their locale."""
        return dict(self._facts)

    def agent_facts(self) -> dict[str, str]:
        """This customer's facts as the agent reads them."""
        return dict(self._agent_facts or self._facts)

    def _agent_value(self, name: str) -> str:
        return self._agent_facts.get(name) or self._facts.get(name) or ""

    def _fact_labels(self) -> dict[str, str]:
        return {
            "withdrawal_deadline": self.tr("Last day to withdraw"),
            "withdrawal_days": self.tr("Withdrawal period (days)"),
            "withdrawal_days_left": self.tr("Days left to withdraw"),
            "return_window_days": self.tr("Return window (days)"),
            "refund_deadline": self.tr("Refund deadline"),
            "data_request_deadline": self.tr("Deadline to answer a data request"),
            "guarantee_months": self.tr("Legal guarantee (months)"),
        }

    def set_available(self, available: bool) -> None:
        """Whether there is a conversation to reply to."""
        self._available = available
        self.editor.setEnabled(available)
        self.replies_button.setEnabled(available)
        self._update_enabled()

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.editor.setReadOnly(busy)
        self._update_enabled()

    def restore_text(self, text: str) -> None:
        """Put a kept draft back, with the cursor at its end to write on."""
        self.editor.setPlainText(text)
        cursor = self.editor.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        self.editor.setTextCursor(cursor)

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
