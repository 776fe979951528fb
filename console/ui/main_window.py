"""The main window composes the panes and wires their signals; nothing more."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from console.inbox.queries import AgentSummary, FilterOptions, filter_options, list_agents
from console.ui import i18n
from console.ui.conversation_controller import ConversationController
from console.ui.conversation_view import ConversationView
from console.ui.customer_panel import CustomerPanel
from console.ui.filter_bar import FilterBar
from console.ui.inbox_model import (
    ACTIVITY,
    CHANNEL,
    COUNTRY,
    CUSTOMER,
    LANGUAGE,
    MARKER,
    STATUS,
    SUBJECT,
    InboxModel,
)
from console.ui.settings_dialog import SettingsDialog
from console.ui.store_executor import StoreExecutor

AGENT_KEY = "agent/id"
COLUMN_WIDTHS = {
    MARKER: 26,
    CUSTOMER: 140,
    COUNTRY: 56,
    CHANNEL: 84,
    LANGUAGE: 80,
    STATUS: 72,
    ACTIVITY: 112,
}
STATUS_MESSAGE_MS = 8000


class MainWindow(QMainWindow):
    #: The inbox shows its first rows and the first conversation is open.
    ready = Signal()

    def __init__(
        self, executor: StoreExecutor, translations: i18n.UiTranslations, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self._executor = executor
        self._translations = translations
        self._agents: list[AgentSummary] = []
        self._rows_shown = False
        self._conversation_shown = False
        self._ready_sent = False
        #: Whether window geometry and pane sizes are saved on close.
        self.persist_layout = True

        self.filter_bar = FilterBar(self)
        self.inbox_model = InboxModel(executor, self)
        self.inbox_view = self._make_inbox_view()
        self.conversation = ConversationView(self)
        self.customer_panel = CustomerPanel(self)
        self.controller = ConversationController(executor, self)
        self.count_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.count_label)

        inbox_pane = QWidget(self)
        inbox_layout = QVBoxLayout(inbox_pane)
        inbox_layout.setContentsMargins(6, 6, 0, 6)
        inbox_layout.addWidget(self.filter_bar)
        inbox_layout.addWidget(self.inbox_view, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(inbox_pane)
        self.splitter.addWidget(self.conversation)
        self.splitter.addWidget(self.customer_panel)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setStretchFactor(2, 2)
        self.setCentralWidget(self.splitter)

        self._make_actions()
        self._wire()
        self.retranslate()
        self._restore_layout()
        self._load_reference_data()
        self.inbox_model.reload()

    # -- composition --------------------------------------------------------

    def _make_inbox_view(self) -> QTableView:
        view = QTableView(self)
        view.setObjectName("inboxView")
        view.setModel(self.inbox_model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setAlternatingRowColors(True)
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(26)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(SUBJECT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(MARKER, QHeaderView.ResizeMode.Fixed)
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
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
        self.file_menu = self.menuBar().addMenu("")
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.view_menu = self.menuBar().addMenu("")
        for action in (self.search_action, self.inbox_action, self.reply_action):
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.refresh_action)
        self.help_menu = self.menuBar().addMenu("")
        self.help_menu.addAction(self.about_action)
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
        self._open_reply.activated.connect(self.conversation.composer.editor.setFocus)
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
        self.conversation.composer.submitted.connect(self.controller.send)
        self._executor.failed.connect(self._on_failed)

    # -- language -----------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Support Console"))
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.search_action.setText(self.tr("&Search messages"))
        self.inbox_action.setText(self.tr("Go to &inbox"))
        self.reply_action.setText(self.tr("&Reply"))
        self.refresh_action.setText(self.tr("Re&fresh"))
        self.about_action.setText(self.tr("&About Support Console"))
        self.inbox_model.retranslate()
        self._update_count()
        language = self._translations.language.split("_")[0]
        if self.controller.translation_language != language:
            self.controller.translation_language = language
            self.controller.reload()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- slots --------------------------------------------------------------

    def focus_search(self) -> None:
        self.filter_bar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.search.selectAll()

    def refresh(self) -> None:
        self._load_reference_data()
        self.inbox_model.reload()

    def open_settings(self) -> None:
        dialog = SettingsDialog(
            language=i18n.saved_choice(),
            agents=[(agent.id, agent.name) for agent in self._agents],
            agent_id=self.controller.agent_id,
            parent=self,
        )
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        self.apply_settings(dialog.chosen_language(), dialog.chosen_agent())

    def apply_settings(self, language: str, agent_id: int | None) -> None:
        i18n.save_choice(language)
        QSettings().setValue(AGENT_KEY, agent_id)
        self.controller.agent_id = agent_id
        self._translations.apply(language)

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
        self.conversation.show_detail(detail)
        self.customer_panel.show_customer(detail.customer if detail else None)
        if detail is not None:
            self._conversation_shown = True
            self._maybe_ready()

    def _on_page_loaded(self) -> None:
        self._rows_shown = True
        self._maybe_ready()

    def _on_reply_stored(self, _conversation_id: int) -> None:
        self.conversation.composer.sent()
        self.statusBar().showMessage(self.tr("Reply saved to the outbox."), STATUS_MESSAGE_MS)
        self.controller.reload()
        self.inbox_model.reload()

    def _on_failed(self, message: str) -> None:
        self.conversation.composer.set_busy(False)
        self.statusBar().showMessage(message, STATUS_MESSAGE_MS)

    def _maybe_ready(self) -> None:
        if self._rows_shown and self._conversation_shown and not self._ready_sent:
            self._ready_sent = True
            QTimer.singleShot(0, self, self.ready.emit)  # cancelled if the window goes

    def _update_count(self) -> None:
        count = self.inbox_model.rowCount()
        self.count_label.setText(self.tr("%n conversation(s)", "", count))

    # -- reference data and persistence -------------------------------------

    def _load_reference_data(self) -> None:
        def work(session: Session) -> tuple[FilterOptions, list[AgentSummary]]:
            return filter_options(session), list_agents(session)

        self._executor.run(self, work, self._on_reference_data)

    def _on_reference_data(self, data: tuple[FilterOptions, list[AgentSummary]]) -> None:
        options, agents = data
        self._agents = agents
        self.filter_bar.set_options(options)
        saved = QSettings().value(AGENT_KEY)
        known = {agent.id for agent in agents}
        agent_id = int(saved) if saved not in (None, "") and int(saved) in known else None
        if agent_id is None and agents:
            agent_id = agents[0].id
        self.controller.agent_id = agent_id

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
            self.splitter.setSizes([700, 480, 260])
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
