"""The main window composes the panes and wires their signals; nothing more."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.changes import Changes
from console.inbox.commands import Composed
from console.inbox.queries import (
    AgentSummary,
    InboxFilter,
    TranslationView,
)
from console.policies import (
    PolicyView,
    TaskOffer,
    render_reply,
)
from console.policies.view import swap_facts
from console.team.people import PersonView
from console.translations.background import BackgroundReport
from console.translations.pipeline import MessageTranslation
from console.translations.translator_setup import TranslatorHolder, argos_package_dir
from console.ui.app_state import AppState
from console.ui.audit.audit_window import AuditWindow, follow_audit_access
from console.ui.channels.channel_models import ChannelStatusModel
from console.ui.channels.channel_service import ChannelService
from console.ui.channels.channel_settings import ChannelSettingsDialog
from console.ui.channels.import_dialog import ImportDialog
from console.ui.channels.operations import retry_delivery
from console.ui.channels.outbox_window import OutboxWindow
from console.ui.channels.quarantine_window import QuarantineWindow
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.common.problem_texts import error_text, problem_text
from console.ui.conversation.conversation_actions import ConversationActions
from console.ui.conversation.conversation_controller import ConversationController
from console.ui.conversation.conversation_pane import ConversationPane
from console.ui.conversation.conversation_translation import ConversationTranslation
from console.ui.conversation.crossed_reply import CrossedReplyGuard
from console.ui.conversation.draft_keeper import DraftKeeper
from console.ui.conversation.operations import wake_snoozed_conversations
from console.ui.conversation.presence import PresenceTracker
from console.ui.conversation.reply_translation import ReplyTranslationPanel
from console.ui.conversation.send_guard import SendGuard, check_reply, reply_language
from console.ui.conversation.undo_send import UndoSendBar, save_undo_seconds, undo_seconds
from console.ui.coverage.planner import CoveragePlanner
from console.ui.customers.customer_panel import CustomerPanel
from console.ui.customers.data_requests import CustomerDataRequests
from console.ui.customers.identity_panel import IdentityPanel
from console.ui.customers.local_time_panel import LocalTimePanel
from console.ui.dashboard.team_dashboard import TeamDashboard
from console.ui.inbox.background_translation import BackgroundTranslation
from console.ui.inbox.empty_inbox import EmptyInbox
from console.ui.inbox.filter_bar import FilterBar
from console.ui.inbox.inbox_model import (
    ACTIVITY,
    ASSIGNEE,
    CHANNEL,
    COUNTRY,
    CUSTOMER,
    LANGUAGE,
    MARKER,
    QUEUE,
    STATUS,
    SUBJECT,
    InboxModel,
)
from console.ui.inbox.operations import ReferenceData, load_reference_data
from console.ui.inbox.search_match_delegate import SearchMatchDelegate
from console.ui.lanes.live_updates import LiveUpdates
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.lanes.translation_worker import TranslationWorker
from console.ui.models.model_manager import ModelManagerDialog
from console.ui.policies.compliance_editor import ComplianceEditor
from console.ui.policies.operations import complete_policy_task, load_policy, open_policy_task
from console.ui.quality.quality_scores import QualityScores
from console.ui.quality.quality_window import QualityWindow
from console.ui.replies.reply_library import ReplyLibraryDialog
from console.ui.routing.routing_rules_window import RoutingRulesWindow
from console.ui.settings.settings_dialog import SettingsDialog
from console.ui.settings.ui_language import UiLanguage, save_choice, saved_choice
from console.ui.team.seat import Seat

AGENT_KEY = "agent/id"
THEIR_TIME_REFRESH_MS = 30_000
#: Background translation of the inbox starts this long after the window is ready.
BACKGROUND_TRANSLATION_DELAY_MS = 10_000
COLUMN_WIDTHS = {
    MARKER: 26,
    CUSTOMER: 140,
    COUNTRY: 56,
    CHANNEL: 84,
    LANGUAGE: 80,
    STATUS: 72,
    QUEUE: 76,
    ACTIVITY: 112,
}
STATUS_MESSAGE_MS = 8000
SNOOZE_CHECK_MS = 30_000
PLANNER_SIZE = (1280, 720)


class MainWindow(FollowsUiLanguage, QMainWindow):
    #: The inbox shows its first rows and the first conversation is open.
    ready = Signal()

    def __init__(
        self,
        executor: StoreExecutor,
        ui_language: UiLanguage,
        parent: Any = None,
        *,
        person: PersonView | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self._executor = executor
        self._ui_language = ui_language
        self._agents: list[AgentSummary] = []
        self._rows_shown = False
        self._conversation_shown = False
        self._ready_sent = False
        #: Whether window geometry and pane sizes are saved on close.
        self.persist_layout = True
        #: Whether the configured channels start once the window is ready (off for pictures).
        self.start_channels = True
        #: Whether the inbox is translated ahead of time once the window is ready.
        self.translate_in_background = True

        #: Who is working, in which UI language, on which conversation.
        self.state = AppState(self)
        self.filter_bar = FilterBar(self)
        self.inbox_model = InboxModel(executor, self)
        self.inbox_view = self._make_inbox_view()
        self.empty_inbox = EmptyInbox(self.inbox_view, self.inbox_model, self.filter_bar)
        self.conversation = ConversationPane(self)
        self.conversation.routing_note.attach(executor)
        self.customer_panel = CustomerPanel(self, executor=executor, state=self.state)
        self.local_time_panel = LocalTimePanel(executor, self, state=self.state)
        self.customer_panel.add_section(self.local_time_panel, 1)
        self._their_clock = QTimer(self)
        self._their_clock.setInterval(THEIR_TIME_REFRESH_MS)
        self.controller = ConversationController(executor, self, state=self.state)
        self.translation_worker = TranslationWorker(self)
        self.translator = TranslatorHolder(executor.store)
        self.translation = ConversationTranslation(
            executor, self.translation_worker, self.translator.get, self, state=self.state
        )
        self.conversation.attach_reply_translation(
            ReplyTranslationPanel(self.translation_worker, self.translator.get, self)
        )
        self.background_translation = BackgroundTranslation(
            executor, self.translation_worker, self.translator.get, self
        )
        self.background_translation.visible_conversations = self._visible_conversation_ids
        self._waiting_reply: tuple[str, bool] | None = None
        self.send_guard = SendGuard(self)  # asks before a reply leaves untranslated
        # Made before the window's own wiring: it saves a draft before a send is queued.
        self.draft_keeper = DraftKeeper(
            executor,
            self.conversation.composer,
            self.conversation.reply_translation,
            self.controller,
            self,
        )
        self.conversation.render_variables = self.render_variables
        if self.conversation.reply_translation is not None:  # facts keep their customer form
            self.conversation.reply_translation.facts = self.conversation.composer.fact_pairs
        self.count_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.count_label)
        self.channel_service = ChannelService(executor.store, self, changes=executor.changes)
        self.channel_status = ChannelStatusModel(self)
        self.channel_label = QLabel(self)
        self.channel_label.setProperty("showsData", True)
        self.statusBar().addPermanentWidget(self.channel_label)
        #: Team store: other seats' changes on the bus, and the connection in the status bar.
        self.live_updates = LiveUpdates(executor, lambda: self.controller.conversation_id, self)
        self.statusBar().addPermanentWidget(self.live_updates.indicator)
        self.live_updates.message.connect(self.statusBar().showMessage)
        self.undo_bar = UndoSendBar(executor, parent=self, state=self.state)
        self.statusBar().addPermanentWidget(self.undo_bar)
        self.identity_panel = IdentityPanel(executor, state=self.state, parent=self)
        self.customer_panel.add_section(self.identity_panel, 2)  # after their local time
        self.conversation_actions = ConversationActions(
            executor, self.selected_conversation_ids, self, state=self.state
        )
        self.conversation.attach_actions(self.conversation_actions)
        self.conversation_actions.versions = self._seen_versions  # stale changes are refused
        # Team mode: who else has the conversation open; a reply crossing another is held.
        self.presence = PresenceTracker(
            executor, self.controller, self.conversation.composer, self, state=self.state
        )
        self.presence.changed.connect(self.conversation.show_presence)
        self.crossed_reply = CrossedReplyGuard(self.controller, self.conversation.composer, self)
        self._snooze_clock = QTimer(self)
        self._snooze_clock.setInterval(SNOOZE_CHECK_MS)

        inbox_pane = QWidget(self)
        inbox_layout = QVBoxLayout(inbox_pane)
        inbox_layout.setContentsMargins(6, 6, 0, 6)
        inbox_layout.addWidget(self.filter_bar)
        inbox_layout.addWidget(self.inbox_view, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(inbox_pane)
        self.splitter.addWidget(self.conversation)
        # The customer's picture (details, local time, rules) grows long: it scrolls.
        self.customer_scroll = QScrollArea(self)
        self.customer_scroll.setObjectName("customerScroll")
        self.customer_scroll.setWidgetResizable(True)
        self.customer_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.customer_scroll.setWidget(self.customer_panel)
        self.splitter.addWidget(self.customer_scroll)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setStretchFactor(2, 2)
        self.setCentralWidget(self.splitter)

        self._make_actions()
        #: Who works here (team sign-in or local profile); File → Connect, Team → People.
        self.seat = Seat(self, executor, person)
        self._wire()
        self.ui_language_changed()
        self._restore_layout()
        # The inbox loads once the person at this seat is known (their "Mine" count).
        self._load_reference_data()

    # -- composition --------------------------------------------------------

    def _make_inbox_view(self) -> QTableView:
        view = QTableView(self)
        view.setObjectName("inboxView")
        view.setModel(self.inbox_model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows at once for bulk actions (Shift/Ctrl+click, Shift+arrows).
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.setAlternatingRowColors(True)
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(26)
        view.setItemDelegateForColumn(SUBJECT, SearchMatchDelegate(view))
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(SUBJECT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(MARKER, QHeaderView.ResizeMode.Fixed)
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        header.moveSection(header.visualIndex(QUEUE), header.visualIndex(ASSIGNEE))
        header.setSortIndicator(ACTIVITY, Qt.SortOrder.DescendingOrder)
        view.setSortingEnabled(True)
        return view

    def _make_actions(self) -> None:
        self.settings_action = QAction(self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.search_action = QAction(self)
        self.search_action.setShortcut(QKeySequence("Ctrl+F"))
        self.inbox_action = QAction(self)
        self.inbox_action.setShortcut(QKeySequence("Ctrl+1"))
        self.reply_action = QAction(self)
        self.reply_action.setShortcut(QKeySequence("Ctrl+R"))
        self.refresh_action = QAction(self)
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.about_action = QAction(self)
        self.models_action = QAction(self)
        self.coverage_action = QAction(self)
        self.routing_rules_action = QAction(self)
        self.routing_rules_action.setObjectName("routingRulesAction")
        self.dashboard_action = QAction(self)
        self.compliance_action = QAction(self)
        self.reply_library_action = QAction(self)
        self.import_action = QAction(self)
        self.channels_action = QAction(self)
        self.quarantine_action = QAction(self)
        self.outbox_action = QAction(self)
        self.quality_action = QAction(self)
        self.audit_action = QAction(self)  # admins and compliance staff only
        self.audit_action.setObjectName("auditLogAction")
        self.file_menu = self.menuBar().addMenu("")
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addAction(self.import_action)
        self.file_menu.addAction(self.channels_action)
        self.file_menu.addAction(self.models_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.view_menu = self.menuBar().addMenu("")
        for action in (self.search_action, self.inbox_action, self.reply_action):
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.coverage_action)
        self.view_menu.addAction(self.dashboard_action)
        self.view_menu.addAction(self.compliance_action)
        self.view_menu.addAction(self.reply_library_action)
        self.view_menu.addAction(self.quarantine_action)
        self.view_menu.addAction(self.outbox_action)
        self.view_menu.addAction(self.quality_action)
        self.view_menu.addAction(self.audit_action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.refresh_action)
        self.conversation_menu = self.menuBar().addMenu("")
        self.conversation_menu.setObjectName("conversationMenu")
        self.conversation_actions.add_to(self.conversation_menu)
        #: Team mode's menu: team features add their actions here.
        self.team_menu = self.menuBar().addMenu("")
        self.team_menu.setObjectName("teamMenu")
        self.team_menu.addAction(self.routing_rules_action)
        self.help_menu = self.menuBar().addMenu("")
        self.help_menu.addAction(self.about_action)
        #: Customer: export or erase their data, retention (console/ui/customers/data_requests.py).
        self.data_requests = CustomerDataRequests(
            self._executor, self.menuBar(), state=self.state, parent=self,
            before=self.help_menu.menuAction(),
        )  # fmt: skip
        # Keyboard flow: Enter in the inbox goes to the reply; Esc in search goes back.
        self._open_reply = QShortcut(QKeySequence(Qt.Key.Key_Return), self.inbox_view)
        self._open_reply.setContext(Qt.ShortcutContext.WidgetShortcut)
        self._leave_search = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.filter_bar.search)
        self._leave_search.setContext(Qt.ShortcutContext.WidgetShortcut)

    def _wire(self) -> None:
        self.settings_action.triggered.connect(self.open_settings)
        self.quit_action.triggered.connect(self.close)
        self.search_action.triggered.connect(self.focus_search)
        self.inbox_action.triggered.connect(self.inbox_view.setFocus)
        self.reply_action.triggered.connect(self.conversation.composer.editor.setFocus)
        self.refresh_action.triggered.connect(self.refresh)
        self.about_action.triggered.connect(self.show_about)
        self.models_action.triggered.connect(self.open_model_manager)
        self.coverage_action.triggered.connect(self.open_coverage_planner)
        self.routing_rules_action.triggered.connect(self.open_routing_rules)
        self.dashboard_action.triggered.connect(self.open_team_dashboard)
        self.compliance_action.triggered.connect(self.open_compliance_editor)
        self.reply_library_action.triggered.connect(self.open_reply_library)
        self.import_action.triggered.connect(self._choose_import)
        self.channels_action.triggered.connect(self.open_channel_settings)
        self.quarantine_action.triggered.connect(self.open_quarantine)
        self.outbox_action.triggered.connect(self.open_outbox)
        self.quality_action.triggered.connect(self.open_quality_review)
        self.audit_action.triggered.connect(self.open_audit_log)
        follow_audit_access(self.audit_action, self._executor, self.state)
        self.customer_panel.policy_panel.open_task_requested.connect(self._open_policy_task)
        self.customer_panel.policy_panel.complete_task_requested.connect(self._complete_policy_task)
        self._their_clock.timeout.connect(self.inbox_model.refresh_local_times)
        self._snooze_clock.timeout.connect(self._wake_snoozed)
        self._snooze_clock.start()
        self.inbox_view.customContextMenuRequested.connect(self._inbox_menu)
        self.conversation_actions.failed.connect(self._on_failed)
        self.inbox_model.counts_loaded.connect(self.filter_bar.set_counts)
        self._their_clock.start()
        self.local_time_panel.failed.connect(self._on_failed)
        self.conversation.manage_models_requested.connect(self.open_model_manager)
        self._open_reply.activated.connect(self.conversation.composer.editor.setFocus)
        self._leave_search.activated.connect(self.filter_bar.clear_search)
        self._leave_search.activated.connect(self.inbox_view.setFocus)
        self.filter_bar.search.returnPressed.connect(self.inbox_view.setFocus)

        self.filter_bar.changed.connect(self.inbox_model.apply_filter)
        self.inbox_model.ids_loaded.connect(self._on_ids_loaded)
        self.inbox_model.page_loaded.connect(self._on_page_loaded)
        self.inbox_view.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.controller.loaded.connect(self._on_conversation_loaded)
        self.controller.marked_read.connect(self.inbox_model.refresh_row)
        self.controller.reply_stored.connect(self._on_reply_stored)
        self.controller.failed.connect(self._on_failed)
        self.draft_keeper.draft_changed.connect(self.inbox_model.refresh_row)
        self.conversation.composer.submitted.connect(self._send)
        self.conversation.composer.schedule_requested.connect(self._schedule)
        self.conversation.composer.palette_requested.connect(self.open_reply_palette)
        if self.conversation.reply_translation is not None:
            self.conversation.reply_translation.draft_ready.connect(self._on_reply_draft)
        self.controller.reply_scheduled.connect(self._on_reply_scheduled)
        self.controller.reply_held.connect(self.undo_bar.hold)
        self.undo_bar.restored.connect(self._on_reply_taken_back)
        self.undo_bar.released.connect(self.channel_service.reply_queued)
        self.undo_bar.released.connect(self.controller.reload)
        self.undo_bar.failed.connect(self._on_failed)
        self.conversation.delegate.retry_requested.connect(self._retry_send)
        self.conversation.delegate.undo_requested.connect(self._undo_from_thread)
        self.channel_service.outbox_changed.connect(self.controller.reload)
        self.channel_service.status_changed.connect(self.channel_status.update)
        self.channel_service.channel_removed.connect(self.channel_status.remove)
        self.channel_service.status_changed.connect(self._show_channel_status)
        self.channel_service.channel_removed.connect(self._show_channel_status)
        self.controller.reply_stored.connect(self.channel_service.reply_queued)
        self.controller.reply_scheduled.connect(self.channel_service.reply_queued)
        self.customer_panel.failed.connect(self._on_failed)
        self.identity_panel.failed.connect(self._on_failed)
        self.translation.translated.connect(self._on_translated)
        self._executor.changes.changed.connect(self._on_changes)
        self.background_translation.slice_done.connect(self._on_translated_ahead)
        self.translation.route_missing.connect(self.conversation.show_missing_route)
        self.translation.failed.connect(self._on_failed)
        self.translation_worker.failed.connect(self._on_failed)
        self.conversation.language_corrected.connect(self._on_language_corrected)
        self._executor.failed.connect(self._on_failed)

    # -- language -----------------------------------------------------------

    def ui_language_changed(self) -> None:
        self.state.set_ui_language(self._ui_language.language)
        self.setWindowTitle(self.tr("Support Console"))
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.conversation_menu.setTitle(self.tr("&Conversation"))
        self.team_menu.setTitle(self.tr("&Team"))
        self.seat.ui_language_changed()
        self.settings_action.setText(self.tr("&Settings…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.search_action.setText(self.tr("&Search messages"))
        self.inbox_action.setText(self.tr("Go to &inbox"))
        self.reply_action.setText(self.tr("&Reply"))
        self.refresh_action.setText(self.tr("Re&fresh"))
        self.about_action.setText(self.tr("&About Support Console"))
        self.models_action.setText(self.tr("&Translation models…"))
        self.coverage_action.setText(self.tr("&Coverage planner…"))
        self.routing_rules_action.setText(self.tr("&Routing rules…"))
        self.dashboard_action.setText(self.tr("Team &dashboard…"))
        self.compliance_action.setText(self.tr("Return and &privacy rules…"))
        self.reply_library_action.setText(self.tr("Reply &library…"))
        self.import_action.setText(self.tr("&Import messages…"))
        self.channels_action.setText(self.tr("&Channels…"))
        self.quarantine_action.setText(self.tr("&Quarantine"))
        self.outbox_action.setText(self.tr("&Outbox"))
        self.quality_action.setText(self.tr("&Quality review…"))
        self.audit_action.setText(self.tr("&Audit log…"))
        self.inbox_model.ui_language_changed()
        self.conversation_actions.ui_language_changed()  # QActions get no language event
        self._update_count()
        self.channel_status.ui_language_changed()
        self.live_updates.ui_language_changed()
        self._show_channel_status()
        language = self._ui_language.language.split("_")[0]
        if self.controller.translation_language != language:
            self.controller.translation_language = language
            self.translation.target_language = language
            self.controller.reload()

    # -- slots --------------------------------------------------------------

    def focus_search(self) -> None:
        self.filter_bar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.search.selectAll()

    def refresh(self) -> None:
        self._load_reference_data()
        self.inbox_model.reload()

    def open_settings(self) -> None:
        dialog = SettingsDialog(
            language=saved_choice(),
            agents=self.seat.choosable([(agent.id, agent.name) for agent in self._agents]),
            agent_id=self.controller.agent_id,
            parent=self,
        )
        dialog.undo_seconds.setValue(undo_seconds())
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        save_undo_seconds(dialog.undo_seconds.value())
        self.apply_settings(dialog.chosen_language(), dialog.chosen_agent())

    def apply_settings(self, language: str, agent_id: int | None) -> None:
        save_choice(language)
        QSettings().setValue(AGENT_KEY, agent_id)
        self.controller.agent_id = agent_id
        self.draft_keeper.agent_changed()
        self._update_actor()
        self._ui_language.apply(language)

    def open_model_manager(self) -> ModelManagerDialog:
        dialog = ModelManagerDialog(argos_package_dir(), self)
        dialog.models_changed.connect(self._on_models_changed)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _on_models_changed(self) -> None:
        self.translator.reset()
        self.translation.reload()
        self.background_translation.forget_attempts()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Support Console"),
            self.tr(
                "Support Console brings every customer channel into one inbox and keeps "
                "all history and translation on this computer."
            ),
        )

    def _on_ids_loaded(self, count: int) -> None:
        self._update_count()
        current = self.controller.conversation_id
        row = self.inbox_model.row_of(current) if current is not None else None
        if row is None and count:
            row = 0
        if row is None:
            self.controller.open(None)
            self._rows_shown = self._conversation_shown = True  # an empty inbox is ready
            self._maybe_ready()
            return
        index = self.inbox_model.index(row, CUSTOMER)
        self.inbox_view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.inbox_view.scrollTo(index)

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        conversation_id = self.inbox_model.conversation_id(current.row())
        if conversation_id != self.controller.conversation_id or conversation_id is None:
            self.controller.open(conversation_id)

    def _on_conversation_loaded(self, detail: Any) -> None:
        previous = self.conversation.detail
        self.state.set_conversation(detail.summary.id if detail else None)
        self.conversation.show_detail(detail, unread=self.controller.unread_on_open)
        self.translation.open(detail.summary.id if detail else None)
        self.local_time_panel.show_customer(detail.customer.id if detail else None)
        self.identity_panel.show_customer(detail.customer.id if detail else None)
        self._load_policy(detail.summary.id if detail else None)
        panel = self.conversation.reply_translation
        if panel is not None and (
            detail is None or previous is None or previous.summary.id != detail.summary.id
        ):
            self._waiting_reply = None
            panel.set_languages(
                self.translation.target_language, self.conversation.customer_language()
            )
        self.customer_panel.show_customer(detail.customer if detail else None)
        if detail is not None:
            self._conversation_shown = True
            self._maybe_ready()

    def _on_translated(self, result: MessageTranslation, view: TranslationView | None) -> None:
        self.conversation.model.update_message(
            result.message_id,
            language=result.language,
            confidence=result.detection.confidence if result.detection else None,
            translation=view,
        )
        self._follow_customer_language()

    def _on_translated_ahead(self, report: BackgroundReport) -> None:
        """Translations stored in the background that the open conversation lacks: show them."""
        detail = self.conversation.detail
        if detail is None:
            return
        untranslated = {m.id for m in detail.messages if m.translation is None}
        if untranslated & report.translated_messages:
            self.controller.reload()

    def open_reply_palette(self) -> None:
        """The reply library for the conversation in view (Ctrl+Shift+L in the reply box)."""
        from console.ui.replies.reply_palette import open_reply_palette

        panel = self.conversation.reply_translation
        detail = self.conversation.detail
        self.reply_palette = open_reply_palette(
            self._executor,
            self.conversation.composer,
            panel,
            detail.summary.id if detail is not None else None,
            self.conversation.customer_language(),
            panel.agent_language if panel is not None else self.translation.target_language,
            self,
            drafting=(self.translation_worker, self.translator.get),
        )

    def _follow_customer_language(self) -> None:
        """A detection told the customer's language: replies now go into it (and are checked)."""
        panel = self.conversation.reply_translation
        language = self.conversation.customer_language()
        if panel is None or language is None or panel.customer_language == language:
            return
        panel.set_languages(self.translation.target_language, language)
        panel.source_changed(self.render_variables(self.conversation.composer.editor.toPlainText()))

    def _on_language_corrected(self, message_id: int, language: str) -> None:
        self.translation.correct_language(message_id, language)

    def store_idle(self) -> bool:
        """No store work queued or running (for screenshots and checks)."""
        return self._executor.pending == 0

    def shutdown(self) -> None:
        """Stop connectors and translation (the store executor belongs to the app)."""
        self.draft_keeper.flush()  # the executor finishes queued work before it stops
        self.presence.stop()  # other seats stop showing this one at once
        self.channel_service.stop(timeout=5)
        self.live_updates.stop()
        self.background_translation.stop()
        self.translation_worker.shutdown()

    def _on_page_loaded(self) -> None:
        self._rows_shown = True
        self._maybe_ready()

    def _outgoing(self, text: str) -> tuple[str | None, Composed | None]:
        """What to send for what the agent wrote: the translation, when replies are translated."""
        panel = self.conversation.reply_translation
        if panel is None or not panel.active:
            return self._facts_for_customer(text), None
        outgoing = panel.outgoing_text()
        if outgoing is None or outgoing.strip() == text.strip():
            return outgoing, None
        return outgoing, Composed(text, panel.agent_language)

    def _send(self, text: str) -> None:
        self._deliver_reply(text, scheduled=False)

    def _schedule(self, text: str) -> None:
        self._deliver_reply(text, scheduled=True)

    def _deliver_reply(self, text: str, *, scheduled: bool) -> None:
        text = self.render_variables(text)
        outgoing, composed = self._outgoing(text)
        if outgoing is None:
            # Sent before the translation of the latest text arrived: it goes as soon as it does.
            self._waiting_reply = (text, scheduled)
            self.statusBar().showMessage(self.tr("Translating your reply…"), STATUS_MESSAGE_MS)
            panel = self.conversation.reply_translation
            if panel is not None:
                panel.translate_now()
            return
        self._waiting_reply = None
        check = check_reply(self.conversation.reply_translation)
        if check is not None:  # it would not go out in the customer's language: ask
            self.send_guard.ask(
                check,
                lambda: self._dispatch_reply(text, None, check.agent_language, scheduled),
                self._keep_editing,
            )
            return
        language = reply_language(self.conversation.reply_translation)
        self._dispatch_reply(outgoing, composed, language, scheduled)

    def _dispatch_reply(
        self, text: str, composed: Composed | None, language: str | None, scheduled: bool
    ) -> None:
        if scheduled:
            self.controller.send_at_their_business_start(text, composed, language=language)
        else:
            self.controller.send(text, composed, language=language, undo_seconds=undo_seconds())

    def _keep_editing(self) -> None:
        self.conversation.composer.set_busy(False)
        self.conversation.composer.editor.setFocus()

    def _actor_name(self) -> str:
        return self.state.actor

    def _on_reply_taken_back(self, conversation_id: int, text: str) -> None:
        if conversation_id == self.controller.conversation_id:
            self.conversation.composer.editor.setPlainText(text)
            self.conversation.composer.editor.setFocus()
            message = self.tr("Reply taken back: nothing was sent.")
        else:
            QApplication.clipboard().setText(text)
            message = self.tr("Reply taken back: nothing was sent. Its text is on the clipboard.")
        self.statusBar().showMessage(message, STATUS_MESSAGE_MS)

    def _undo_from_thread(self, message_id: int) -> None:
        if any(reply.message_id == message_id for reply in self.undo_bar.held):
            self.undo_bar.undo(message_id)

    def _retry_send(self, entry_id: int) -> None:
        def done(_: None) -> None:
            again = self.tr("The reply will be sent again.")
            self.statusBar().showMessage(again, STATUS_MESSAGE_MS)
            self.channel_service.reply_queued()

        retry_delivery(
            parent=self, entry_id=entry_id, actor=self.state.actor, success=done
        ).failure(self._report).run(self._executor)

    def _on_reply_draft(self, _draft: object) -> None:
        if self._waiting_reply is not None:
            text, scheduled = self._waiting_reply
            self._deliver_reply(text, scheduled=scheduled)

    def _on_reply_scheduled(self, conversation_id: int, _send_at: object) -> None:
        if conversation_id != self.draft_keeper.conversation_id:
            return  # moved on meanwhile: leave the box as it is (the bus refreshes its row)
        self.conversation.composer.sent()
        if self.conversation.reply_translation is not None:
            self.conversation.reply_translation.clear()
        self.statusBar().showMessage(
            self.tr("The reply waits in the outbox until their business hours."),
            STATUS_MESSAGE_MS,
        )

    def _load_policy(self, conversation_id: int | None) -> None:
        shown = self.customer_panel.policy_panel.view
        if conversation_id is None or (
            shown is not None and shown.conversation_id != conversation_id
        ):
            # Another customer's rules must not linger (nor be filled into this reply).
            self.customer_panel.show_policy(None)
            self.conversation.composer.set_facts({})
        if conversation_id is None:
            return
        load_policy(
            parent=self,
            conversation_id=conversation_id,
            display_locale=QLocale().name(),
            success=self._policy_arrived,
        ).run(self._executor)

    def _on_changes(self, changes: Changes) -> None:
        """Rules edited anywhere: the open conversation's rules panel shows them."""
        if changes.rules:
            self._load_policy(self.controller.conversation_id)

    def _policy_arrived(self, view: PolicyView | None) -> None:
        current = self.conversation.detail
        if view is None or (current is not None and current.summary.id == view.conversation_id):
            self.customer_panel.show_policy(view)
            self.conversation.composer.set_facts(
                view.variables if view is not None else {},
                view.agent_variables if view is not None else {},
            )
            if self.conversation.reply_translation is not None:
                self.conversation.reply_translation.facts_changed()

    def _open_policy_task(self, offer: TaskOffer) -> None:
        conversation_id = self.controller.conversation_id
        if conversation_id is None:
            return

        def done(_: None) -> None:
            self.statusBar().showMessage(
                self.tr("Task opened with its statutory due date."), STATUS_MESSAGE_MS
            )

        open_policy_task(
            parent=self,
            conversation_id=conversation_id,
            offer=offer,
            agent_id=self.state.person_id,
            success=done,
        ).failure(self._report).run(self._executor)

    def _choose_import(self) -> ImportDialog:
        """File → Import: files or a folder, imported off the UI thread, with a result."""
        dialog = ImportDialog(self._executor, state=self.state, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # The inbox hears of the import on the change bus; the filters may offer new channels:
        dialog.imported.connect(lambda _report: self._load_reference_data())
        dialog.open()
        return dialog

    def open_channel_settings(self) -> ChannelSettingsDialog:
        dialog = ChannelSettingsDialog(self._executor, state=self.state, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _name: self.channel_service.restart())
        dialog.open()
        return dialog

    def open_quarantine(self) -> QuarantineWindow:
        view = QuarantineWindow(self._executor, state=self.state, parent=self)
        view.setWindowFlag(Qt.WindowType.Window)
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view.resize(980, 520)
        view.show()
        view.reload()
        return view

    def _complete_policy_task(self, task_id: int) -> None:
        conversation_id = self.controller.conversation_id
        if conversation_id is None:
            return

        def done(_: None) -> None:
            self.statusBar().showMessage(self.tr("Task marked done."), STATUS_MESSAGE_MS)

        complete_policy_task(
            parent=self,
            conversation_id=conversation_id,
            task_id=task_id,
            agent_id=self.state.person_id,
            success=done,
        ).failure(self._report).run(self._executor)

    def open_audit_log(self) -> AuditWindow:
        window = AuditWindow(self._executor, parent=self, state=self.state)
        window.setWindowFlag(Qt.WindowType.Window)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        room = self.screen().availableGeometry()
        window.resize(min(1200, room.width()), min(720, room.height()))
        window.show()
        window.load()
        return window

    def open_quality_review(self) -> QualityWindow:
        window = QualityWindow(self._executor, parent=self, state=self.state)
        window.setWindowFlag(Qt.WindowType.Window)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        room = self.screen().availableGeometry()
        window.resize(min(1200, room.width()), min(720, room.height()))
        window.show()
        window.load()
        return window

    def open_outbox(self) -> OutboxWindow:
        view = OutboxWindow(self._executor, state=self.state, parent=self)
        view.setWindowFlag(Qt.WindowType.Window)
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view.resize(1040, 520)
        view.requeued.connect(lambda _n: self.channel_service.reply_queued())  # send now
        view.show()
        view.reload()
        return view

    def open_compliance_editor(self) -> ComplianceEditor:
        editor = ComplianceEditor(self._executor, parent=self, state=self.state)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.open()
        return editor

    def open_reply_library(self) -> ReplyLibraryDialog:
        library = ReplyLibraryDialog(
            self._executor,
            self.translation_worker,
            self.translator.get,
            parent=self,
            state=self.state,
        )
        library.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        library.open()
        return library

    def _facts_for_customer(self, text: str) -> str:
        """An untranslated reply in the customer's own language: their way of writing dates."""
        view = self.customer_panel.policy_panel.view
        panel = self.conversation.reply_translation
        language = panel.agent_language if panel is not None else QLocale().name()
        if view is None or view.conversation_id != self.controller.conversation_id:
            return text
        if view.customer_locale.split("_")[0] != language.split("_")[0]:
            return text
        return swap_facts(text, self.conversation.composer.fact_pairs())

    def render_variables(self, text: str) -> str:
        """Policy facts typed as {withdrawal_deadline} etc., in the customer's locale."""
        view = self.customer_panel.policy_panel.view
        if view is None or view.conversation_id != self.controller.conversation_id:
            return text
        return render_reply(text, view.variables)

    def open_routing_rules(self) -> RoutingRulesWindow:
        window = RoutingRulesWindow(self._executor, state=self.state, parent=self)
        window.show()
        return window

    def open_coverage_planner(self) -> CoveragePlanner:
        planner = CoveragePlanner(self._executor, state=self.state, parent=self)
        planner.setWindowFlag(Qt.WindowType.Window)
        planner.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        planner.failed.connect(self._on_failed)
        planner.exported.connect(lambda m: self.statusBar().showMessage(m, STATUS_MESSAGE_MS))
        # The week scrolls sideways: open no larger than the screen (1,280×720 at most).
        room = self.screen().availableGeometry()
        planner.resize(min(PLANNER_SIZE[0], room.width()), min(PLANNER_SIZE[1], room.height()))
        planner.show()
        planner.show_week()
        return planner

    def open_team_dashboard(self) -> TeamDashboard:
        dashboard = TeamDashboard(self._executor, parent=self)
        dashboard.setWindowFlag(Qt.WindowType.Window)
        dashboard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dashboard.failed.connect(self._on_failed)
        dashboard.exported.connect(lambda m: self.statusBar().showMessage(m, STATUS_MESSAGE_MS))
        dashboard.open_conversations.connect(self.show_conversations)
        quality = QualityScores(self._executor, dashboard)  # scores per agent/vendor and week
        dashboard.add_tab(quality, quality.title())
        room = self.screen().availableGeometry()
        dashboard.resize(min(PLANNER_SIZE[0], room.width()), min(PLANNER_SIZE[1], room.height()))
        dashboard.show()
        dashboard.reload()
        quality.reload()
        return dashboard

    def show_conversations(self, ids: list[int]) -> None:
        """Only these conversations in the inbox (a dashboard figure's); any filter change
        in the filter bar shows the inbox as filtered there again."""
        self.inbox_model.apply_filter(InboxFilter(only_ids=tuple(ids)))
        self.statusBar().showMessage(
            self.tr("Showing %n conversation(s) from the dashboard", "", len(ids)),
            STATUS_MESSAGE_MS,
        )
        self.raise_()
        self.activateWindow()

    def _show_channel_status(self, *_args: object) -> None:
        model = self.channel_status
        self.channel_label.setText(model.summary())
        self.channel_label.setToolTip(
            "\n".join(str(model.data(model.index(row))) for row in range(model.rowCount()))
        )

    def _current_agent(self) -> AgentSummary | None:
        return next((a for a in self._agents if a.id == self.controller.agent_id), None)

    def _seen_versions(self, ids: list[int]) -> dict[int, int]:
        """The version of each conversation as this seat shows it (the open one, inbox rows)."""
        seen = {}
        detail = self.conversation.detail
        for conversation_id in ids:
            row = self.inbox_model.cached_row(conversation_id)
            if detail is not None and detail.summary.id == conversation_id:
                row = detail.summary
            if row is not None and row.version:
                seen[conversation_id] = row.version
        return seen

    def selected_conversation_ids(self) -> list[int]:
        """The inbox rows selected (in order), else the open conversation."""
        rows = sorted(index.row() for index in self.inbox_view.selectionModel().selectedRows())
        ids = [cid for row in rows if (cid := self.inbox_model.conversation_id(row)) is not None]
        if not ids and self.controller.conversation_id is not None:
            ids = [self.controller.conversation_id]
        return ids

    def _inbox_menu(self, position: Any) -> None:
        if not self.inbox_view.indexAt(position).isValid():
            return
        menu = QMenu(self)
        self.conversation_actions.add_to(menu)
        menu.popup(self.inbox_view.viewport().mapToGlobal(position))

    def _wake_snoozed(self) -> None:
        wake_snoozed_conversations(parent=self).run(self._executor)

    def _on_reply_stored(self, conversation_id: int) -> None:
        """The reply is stored (the change bus refreshes its inbox row and the thread)."""
        if conversation_id != self.draft_keeper.conversation_id:
            return  # moved on meanwhile: leave the box as it is
        self.conversation.composer.sent()
        if self.conversation.reply_translation is not None:
            self.conversation.reply_translation.clear()
        detail = self.conversation.detail
        if detail is not None and detail.delivery_problem is not None:
            self.statusBar().showMessage(
                self.tr("Reply saved, but it cannot leave: %1").replace(
                    "%1", problem_text(detail.delivery_problem)
                )
            )  # stays until the next message: nothing will send it
        else:
            self.statusBar().showMessage(self.tr("Reply saved to the outbox."), STATUS_MESSAGE_MS)

    def _report(self, exc: Exception) -> None:
        self._on_failed(error_text(exc))

    def _on_failed(self, message: str) -> None:
        self.conversation.composer.set_busy(False)
        self.statusBar().showMessage(message, STATUS_MESSAGE_MS)

    def _maybe_ready(self) -> None:
        if self._rows_shown and self._conversation_shown and not self._ready_sent:
            self._ready_sent = True
            if self.start_channels:
                QTimer.singleShot(0, self, self.channel_service.start)
            QTimer.singleShot(0, self, self.live_updates.start)
            if self.translate_in_background:
                QTimer.singleShot(
                    BACKGROUND_TRANSLATION_DELAY_MS, self, self._start_background_translation
                )
            QTimer.singleShot(0, self, self.ready.emit)  # cancelled if the window goes

    def _start_background_translation(self) -> None:
        if not self.translate_in_background:
            return
        self.background_translation.seat_language = self.translation.target_language
        self.background_translation.start()

    def _visible_conversation_ids(self) -> list[int]:
        """The open conversation, then the inbox rows on screen (translated first)."""
        ids = [self.controller.conversation_id] if self.controller.conversation_id else []
        view = self.inbox_view
        top = view.rowAt(0)
        bottom = view.rowAt(view.viewport().height() - 1)
        if top >= 0:
            last = bottom if bottom >= 0 else self.inbox_model.rowCount() - 1
            for row in range(top, last + 1):
                conversation_id = self.inbox_model.conversation_id(row)
                if conversation_id is not None and conversation_id not in ids:
                    ids.append(conversation_id)
        return ids

    def _update_count(self) -> None:
        count = self.inbox_model.rowCount()
        if self.inbox_model.more_matches and not self.inbox_model.inbox_filter.search.strip():
            self.count_label.setText(
                self.tr("The %n most recent conversation(s); filter to narrow", "", count)
            )
            return
        if self.inbox_model.more_matches:
            self.count_label.setText(
                self.tr("The %n most recent matching conversation(s); add a word to narrow", "",
                        count)
            )  # fmt: skip
            return
        self.count_label.setText(self.tr("%n conversation(s)", "", count))

    # -- reference data and persistence -------------------------------------

    def _load_reference_data(self) -> None:
        load_reference_data(parent=self, success=self._on_reference_data).run(self._executor)

    def _on_reference_data(self, data: ReferenceData) -> None:
        options, agents = data.options, data.agents
        self._agents = agents
        self.filter_bar.set_options(options)
        self.filter_bar.set_agents(agents)
        self.conversation_actions.set_agents(agents)
        saved = QSettings().value(AGENT_KEY)
        known = {agent.id for agent in agents}
        agent_id = int(saved) if saved not in (None, "") and int(saved) in known else None
        if agent_id is None and agents:
            agent_id = agents[0].id
        agent_id = self.seat.agent_id(agent_id)  # team mode: who signed in
        self.controller.agent_id = agent_id
        self._update_actor()  # reloads the inbox when the person changes its filter
        if self.inbox_model.listings_asked == 0:
            self.inbox_model.reload()

    def _update_actor(self) -> None:
        agent = self._current_agent()
        self.state.set_person(agent)
        # Customer data as this person may read it (console/privacy/masking.py).
        masked = agent.masked if agent is not None else None
        if self._executor.viewer_masked != masked:
            self._executor.viewer_masked = masked
            if self.inbox_model.listings_asked:
                self.inbox_model.reload()
        if self.filter_bar.agent_id != self.state.person_id:
            self.filter_bar.agent_id = self.state.person_id
            self.inbox_model.apply_filter(self.filter_bar.criteria())

    def fit_to_screen(self) -> None:
        """Shrink to the screen's free area (a 1,280×720 laptop): nothing off screen."""
        room = self.screen().availableGeometry()
        if self.width() <= room.width() and self.height() <= room.height():
            return
        panes = self.splitter.sizes()
        self.resize(min(self.width(), room.width()), min(self.height(), room.height()))
        total = sum(panes) or 1
        self.splitter.setSizes([size * self.width() // total for size in panes])
        self.move(room.topLeft())

    def _restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1480, 880)
        splitter = settings.value("window/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([600, 520, 360])
        header = settings.value("inbox/header")
        if isinstance(header, QByteArray) and not header.isEmpty():
            # Column widths and the sort order (which re-sorts through the model).
            self.inbox_view.horizontalHeader().restoreState(header)

    def save_layout(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self.splitter.saveState())
        settings.setValue("inbox/header", self.inbox_view.horizontalHeader().saveState())

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.persist_layout:
            self.save_layout()
        super().closeEvent(event)
