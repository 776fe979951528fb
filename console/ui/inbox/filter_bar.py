"""Search box and filters above the inbox."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLineEdit, QTabBar, QWidget

from console.inbox.queries import (
    NOBODY,
    VIEW_COUNT_CAP,
    AgentSummary,
    FilterOptions,
    InboxFilter,
    InboxView,
)
from console.store.models import ChannelKind, ConversationStatus
from console.ui.common.display_names import (
    channel_name,
    language_name,
    queue_name,
    status_name,
)
from console.ui.common.follows_ui_language import FollowsUiLanguage

SEARCH_DELAY_MS = 250
COMBO_MIN_CHARS = 6
VIEWS = (InboxView.MINE, InboxView.UNASSIGNED, InboxView.ALL, InboxView.SNOOZED)


class FilterBar(FollowsUiLanguage, QWidget):
    #: The criteria changed (search is debounced while typing).
    changed = Signal(object)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        #: The agent whose conversations the *Mine* view shows (set from Settings).
        self.agent_id: int | None = None
        self.views = QTabBar(self)
        self.views.setObjectName("inboxViews")
        self.views.setExpanding(False)
        self.views.setDrawBase(False)
        for view in VIEWS:
            self.views.setTabData(self.views.addTab(""), view.value)
        self.views.setCurrentIndex(VIEWS.index(InboxView.ALL))
        self._counts: dict[InboxView, int] = {}
        self.search = QLineEdit(self)
        self.search.setObjectName("searchBox")
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox(self)
        self.status.setObjectName("statusFilter")
        self.channel = QComboBox(self)
        self.channel.setObjectName("channelFilter")
        self.market = QComboBox(self)
        self.market.setObjectName("marketFilter")
        self.language = QComboBox(self)
        self.language.setObjectName("languageFilter")
        self.assignee = QComboBox(self)
        self.assignee.setObjectName("assigneeFilter")
        #: The routing queue (a market's, or the in-house escalation queue).
        self.queue = QComboBox(self)
        self.queue.setObjectName("queueFilter")
        self._options = FilterOptions(channels=(), markets=(), languages=())
        self._agents: list[AgentSummary] = []

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # The queue picks a pile of work as the views do: it sits beside them, so the
        # bar is no wider or taller for it.
        layout.addWidget(self.views, 0, 0, 1, 4)
        layout.addWidget(self.search, 1, 0, 1, 5)
        combos = (self.status, self.channel, self.market, self.language, self.assignee)
        places = [(2, column) for column in range(len(combos))]
        for combo, (row, column) in zip((*combos, self.queue), [*places, (0, 4)], strict=True):
            # Combos shrink with the pane (their text elides) so the window fits 1,280 px.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(COMBO_MIN_CHARS)
            layout.addWidget(combo, row, column)
            combo.currentIndexChanged.connect(self._emit)
        self.views.currentChanged.connect(self._emit)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self._emit)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._emit)
        self._building = False
        self.ui_language_changed()

    def ui_language_changed(self) -> None:
        self.search.setPlaceholderText(self.tr("Search all messages (Ctrl+F)"))
        self.search.setToolTip(
            self.tr("Finds conversations with a message containing every word typed")
        )
        self.set_options(self._options)
        self._show_counts()

    def set_counts(self, counts: Mapping[InboxView, int]) -> None:
        """How much open work each view holds (shown on its tab)."""
        self._counts = dict(counts)
        self._show_counts()

    def _show_counts(self) -> None:
        names = {
            InboxView.MINE: self.tr("Mine"),
            InboxView.UNASSIGNED: self.tr("Unassigned"),
            InboxView.ALL: self.tr("All"),
            InboxView.SNOOZED: self.tr("Snoozed"),
        }
        for position, view in enumerate(VIEWS):
            count = self._counts.get(view)
            if count is None:
                text = names[view]
            elif count > VIEW_COUNT_CAP:
                text = f"{names[view]} ({VIEW_COUNT_CAP}+)"
            else:
                text = f"{names[view]} ({count})"
            self.views.setTabText(position, text)

    def set_agents(self, agents: Sequence[AgentSummary]) -> None:
        self._agents = list(agents)
        self.set_options(self._options)

    def select_view(self, view: InboxView) -> None:
        self.views.setCurrentIndex(VIEWS.index(view))

    def set_options(self, options: FilterOptions) -> None:
        """Fill the combos, keeping what was selected."""
        self._options = options
        self._building = True
        try:
            _fill(
                self.status,
                self.tr("All statuses"),
                [(status_name(s), s.value) for s in ConversationStatus],
            )
            _fill(
                self.channel,
                self.tr("All channels"),
                [(channel_name(c), c.value) for c in options.channels],
            )
            _fill(self.market, self.tr("All markets"), [(n, i) for i, n in options.markets])
            _fill(
                self.language,
                self.tr("All languages"),
                sorted(((language_name(c), c) for c in options.languages), key=lambda p: p[0]),
            )
            _fill(
                self.assignee,
                self.tr("Anyone assigned"),
                [(self.tr("Nobody (unassigned)"), NOBODY)]
                + [(agent.name, agent.id) for agent in self._agents],
            )
            _fill(
                self.queue,
                self.tr("All queues"),
                [(queue_name(q.name, q.escalation), q.id) for q in options.queues],
            )
        finally:
            self._building = False

    def criteria(self) -> InboxFilter:
        status = self.status.currentData()
        channel = self.channel.currentData()
        return InboxFilter(
            view=VIEWS[max(self.views.currentIndex(), 0)],
            agent_id=self.agent_id,
            assignee_id=self.assignee.currentData(),
            status=ConversationStatus(status) if status else None,
            channel=ChannelKind(channel) if channel else None,
            market_id=self.market.currentData(),
            language=self.language.currentData(),
            queue_id=self.queue.currentData(),
            search=self.search.text(),
        )

    def clear_search(self) -> None:
        """Esc in the search box: the search goes, and the inbox shows at once."""
        if self.search.text():
            self._building = True  # one reload, not one per keystroke undone
            try:
                self.search.clear()
            finally:
                self._building = False
            self._emit()

    def active_filters(self) -> list[str]:
        """What narrows the inbox now, each as the agent sees it ("Status: Resolved")."""
        names = {
            InboxView.MINE: self.tr("Mine"),
            InboxView.UNASSIGNED: self.tr("Unassigned"),
            InboxView.SNOOZED: self.tr("Snoozed"),
        }
        active: list[str] = []
        view = VIEWS[max(self.views.currentIndex(), 0)]
        if view in names:
            active.append(self.tr("View: %1").replace("%1", names[view]))
        if self.search.text().strip():
            active.append(self.tr("Search: “%1”").replace("%1", self.search.text().strip()))
        labels = (
            (self.status, self.tr("Status: %1")),
            (self.channel, self.tr("Channel: %1")),
            (self.market, self.tr("Market: %1")),
            (self.language, self.tr("Language: %1")),
            (self.assignee, self.tr("Assigned to: %1")),
            (self.queue, self.tr("Queue: %1")),
        )
        for combo, label in labels:
            if combo.currentIndex() > 0:
                active.append(label.replace("%1", combo.currentText()))
        return active

    def clear_filters(self) -> None:
        """Back to the whole inbox: every filter, the search and the view reset at once."""
        self._building = True
        try:
            self.search.clear()
            combos = (self.status, self.channel, self.market, self.language, self.assignee)
            for combo in (*combos, self.queue):
                combo.setCurrentIndex(0)
            self.views.setCurrentIndex(VIEWS.index(InboxView.ALL))
        finally:
            self._building = False
        self._emit()

    def _emit(self) -> None:
        if not self._building:
            self._debounce.stop()
            self.changed.emit(self.criteria())


def _fill(combo: QComboBox, everything: str, items: list[tuple[str, Any]]) -> None:
    selected = combo.currentData()
    combo.clear()
    combo.addItem(everything, None)
    for text, value in items:
        combo.addItem(text, value)
    position = combo.findData(selected) if selected is not None else 0
    combo.setCurrentIndex(max(position, 0))
