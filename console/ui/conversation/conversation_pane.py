"""The middle pane: the thread of the selected conversation and the reply composer."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QDateTime, QLocale, QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.inbox.presence import Present
from console.inbox.queries import ConversationDetail
from console.store.models import Direction, Priority
from console.ui.common.display_names import (
    customer_name,
    language_name,
    priority_name,
    status_name,
)
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.common.palette import set_role
from console.ui.conversation.composer import Composer
from console.ui.conversation.conversation_actions import ConversationActions
from console.ui.conversation.message_delegate import MessageDelegate
from console.ui.conversation.reading_position import ReadingPosition
from console.ui.conversation.reply_translation import ReplyTranslationPanel
from console.ui.conversation.routing_note import RoutingNote
from console.ui.conversation.thread_model import ThreadModel

#: Languages an agent can pick when correcting a detection.
CORRECTABLE_LANGUAGES = (
    "en", "zh", "es", "de", "fr", "ja", "ko", "pt", "ru", "ar", "it", "nl", "pl", "tr", "th",
    "vi", "id", "ms", "sv", "da", "nb", "fi", "cs", "ro", "hu", "el", "he", "uk", "hi",
)  # fmt: skip


def _follow_menu(button: QToolButton, menu: QMenu) -> None:
    button.setText(menu.title().replace("&", ""))
    button.setEnabled(menu.isEnabled())


class ConversationPane(FollowsUiLanguage, QWidget):
    #: The agent corrected a message's language: (message id, ISO 639-1 code).
    language_corrected = Signal(int, str)
    #: The agent wants to install translation models.
    manage_models_requested = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.detail: ConversationDetail | None = None
        self._missing_route: tuple[str, str] | None = None
        self.reply_translation: ReplyTranslationPanel | None = None
        #: Fills policy variables ({withdrawal_deadline}, ...) in what the agent types.
        self.render_variables: Callable[[str], str] = lambda text: text
        self.title = QLabel(self)
        self.title.setObjectName("conversationTitle")
        set_role(self.title, "title")
        self.title.setProperty("showsData", True)
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("conversationSubtitle")
        set_role(self.subtitle, "note")
        self.subtitle.setProperty("showsData", True)
        #: Why the conversation is where it is (routing); the window attaches the store lane.
        self.routing_note = RoutingNote(self)
        #: Who else has this conversation open, and who is writing a reply (team mode).
        self.presence_line = QLabel(self)
        self.presence_line.setObjectName("presenceLine")
        set_role(self.presence_line, "note")
        self.presence_line.setProperty("showsData", True)
        self.presence_line.hide()
        self._others: list[Present] = []
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
        self.thread_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.thread_view.customContextMenuRequested.connect(self._context_menu)
        self._reading = ReadingPosition(self.thread_view, self.model)
        self.route_banner = QFrame(self)
        self.route_banner.setObjectName("routeBanner")  # its look: console.qss
        self.route_text = QLabel(self.route_banner)
        self.route_text.setWordWrap(True)
        self.manage_models = QPushButton(self.route_banner)
        self.manage_models.clicked.connect(self.manage_models_requested)
        banner_layout = QHBoxLayout(self.route_banner)
        banner_layout.addWidget(self.route_text, 1)
        banner_layout.addWidget(self.manage_models)
        self.route_banner.hide()
        self.composer = Composer(self)
        self.composer.set_available(False)

        self.conversation_actions: ConversationActions | None = None
        self.header_buttons = QHBoxLayout()
        self.header_buttons.setContentsMargins(0, 0, 0, 0)
        self.header_buttons.setSpacing(4)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.routing_note)
        layout.addWidget(self.presence_line)
        layout.addLayout(self.header_buttons)
        layout.addWidget(self.route_banner)
        layout.addWidget(self.thread_view, 1)
        layout.addWidget(self.composer)
        self.ui_language_changed()

    def ui_language_changed(self) -> None:
        self.manage_models.setText(self.tr("Manage translation models…"))
        if self._missing_route is not None:
            self.show_missing_route(*self._missing_route)
        self.delegate.clear_cache()
        self.thread_view.doItemsLayout()
        self.show_detail(self.detail)
        self.show_presence(self._others)

    def show_presence(self, others: list[Present]) -> None:
        """ "Also open: Wang Fang · Li Lei is writing a reply" (nothing when nobody else is)."""
        self._others = list(others)
        someone = self.tr("someone else")
        viewing = [p.name or someone for p in others if not p.writing]
        writing = [p.name or someone for p in others if p.writing]
        parts = []
        if viewing:
            parts.append(self.tr("Also open: %1").replace("%1", ", ".join(viewing)))
        if len(writing) == 1:
            parts.append(self.tr("%1 is writing a reply").replace("%1", writing[0]))
        elif writing:
            parts.append(self.tr("%1 are writing replies").replace("%1", ", ".join(writing)))
        self.presence_line.setText(" · ".join(parts))
        self.presence_line.setVisible(bool(parts))

    def keyPressEvent(self, event: Any) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            message = self.model.message(self.thread_view.currentIndex().row())
            if message is not None:
                QApplication.clipboard().setText(message.text)
                return
        super().keyPressEvent(event)

    def attach_actions(self, actions: ConversationActions) -> None:
        """Buttons in the thread header for what can be done to this conversation."""
        self.conversation_actions = actions
        plain = (
            ("resolveButton", actions.resolve_action),
            ("reopenButton", actions.reopen_action),
            ("waitingButton", actions.waiting_action),
        )
        for name, action in plain:
            button = QToolButton(self)
            button.setObjectName(name)
            button.setDefaultAction(action)
            self.header_buttons.addWidget(button)
        menus = (
            ("snoozeButton", actions.snooze_menu),
            ("priorityButton", actions.priority_menu),
            ("assignButton", actions.assign_menu),
        )
        for name, menu in menus:
            button = QToolButton(self)
            button.setObjectName(name)
            button.setMenu(menu)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            # The button reads and enables as its menu does (in either UI language).
            follow = partial(_follow_menu, button, menu)
            menu.menuAction().changed.connect(follow)
            follow()
            self.header_buttons.addWidget(button)
        self.header_buttons.addStretch(1)
        actions.update_for(self.detail.summary.status if self.detail else None)

    def attach_reply_translation(self, panel: ReplyTranslationPanel) -> None:
        """Put the live reply translation under the composer and feed it what is typed."""
        self.reply_translation = panel
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.composer) + 1, panel)
        self.composer.editor.textChanged.connect(
            lambda: panel.source_changed(self.render_variables(self.composer.editor.toPlainText()))
        )

    def customer_language(self) -> str | None:
        """The language replies to the open conversation should be in."""
        if self.detail is None:
            return None
        if self.detail.summary.language:
            return self.detail.summary.language
        # Not known when the mail was stored: what the latest customer message was found
        # to be written in (its detection arrives after the thread is shown).
        for row in reversed(range(self.model.rowCount())):
            message = self.model.message(row)
            if message is not None and message.direction is Direction.INBOUND and message.language:
                return message.language
        return self.detail.customer.preferred_language

    def show_missing_route(self, source: str, target: str) -> None:
        """Say that messages cannot be translated, and offer the model manager."""
        self._missing_route = (source, target)
        self.route_text.setText(
            self.tr("No translation model is installed for %1 → %2.")
            .replace("%1", language_name(source))
            .replace("%2", language_name(target))
        )
        self.route_banner.show()

    def _context_menu(self, position: QPoint) -> None:
        index = self.thread_view.indexAt(position)
        message = self.model.message(index.row()) if index.isValid() else None
        if message is None:
            return
        menu = QMenu(self)
        correct = menu.addAction(self.tr("Correct the language…"))
        copy = menu.addAction(self.tr("Copy text"))
        chosen = menu.exec(self.thread_view.viewport().mapToGlobal(position))
        if chosen is correct:
            self._ask_language(message.id, message.language)
        elif chosen is copy:
            QApplication.clipboard().setText(message.text)

    def _ask_language(self, message_id: int, current: str | None) -> None:
        names = [f"{language_name(code)} [{code}]" for code in CORRECTABLE_LANGUAGES]
        position = CORRECTABLE_LANGUAGES.index(current) if current in CORRECTABLE_LANGUAGES else 0
        choice, accepted = QInputDialog.getItem(
            self,
            self.tr("Correct the language"),
            self.tr("This message is written in:"),
            names,
            position,
            False,
        )
        if accepted:
            self.language_corrected.emit(message_id, CORRECTABLE_LANGUAGES[names.index(choice)])

    def show_detail(self, detail: ConversationDetail | None, unread: int = 0) -> None:
        """Show a conversation; a newly opened one at its first of ``unread`` messages."""
        if detail is None or self.detail is None or detail.summary.id != self.detail.summary.id:
            self._missing_route = None
            self.route_banner.hide()
        self.detail = detail
        self.composer.set_available(detail is not None)
        if self.conversation_actions is not None:
            self.conversation_actions.update_for(detail.summary.status if detail else None)
        if detail is None:
            self.title.setText(self.tr("No conversation selected"))
            self.subtitle.clear()
            self.routing_note.follow(None)
            self.model.set_thread(None, ())
            return
        summary = detail.summary
        customer = customer_name(detail.customer.name)
        self.title.setText(summary.subject or customer)
        facts = [
            self.tr("%1 · %2 · %n message(s)", "", len(detail.messages))
            .replace("%1", customer)
            .replace("%2", status_name(summary.status))
        ]
        facts.append(
            self.tr("assigned to %1").replace("%1", summary.assignee_name)
            if summary.assignee_name
            else self.tr("unassigned")
        )
        if summary.priority is not Priority.NORMAL:
            facts.append(self.tr("priority %1").replace("%1", priority_name(summary.priority)))
        if summary.snoozed_until is not None:
            moment = QDateTime.fromSecsSinceEpoch(int(summary.snoozed_until.timestamp()))
            facts.append(
                self.tr("snoozed until %1").replace(
                    "%1", QLocale().toString(moment, QLocale.FormatType.ShortFormat)
                )
            )
        self.subtitle.setText(" · ".join(facts))
        self.routing_note.follow(summary.id)
        same = self.model.conversation_id == summary.id
        self.model.set_thread(summary.id, detail.messages)
        if detail.messages and not same:
            self._reading.open_at(detail.messages, unread)
