"""Search box and filters above the inbox."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLineEdit, QWidget

from console.inbox.queries import FilterOptions, InboxFilter
from console.store.models import ChannelKind, ConversationStatus
from console.ui.display_names import channel_name, language_name, status_name
from console.ui.retranslating import Retranslating

SEARCH_DELAY_MS = 250


class FilterBar(Retranslating, QWidget):
    #: The criteria changed (search is debounced while typing).
    changed = Signal(object)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
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
        self._options = FilterOptions(channels=(), markets=(), languages=())

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 0, 0, 1, 4)
        for column, combo in enumerate((self.status, self.channel, self.market, self.language)):
            layout.addWidget(combo, 1, column)
            combo.currentIndexChanged.connect(self._emit)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self._emit)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._emit)
        self._building = False
        self.retranslate()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search all messages (Ctrl+F)"))
        self.search.setToolTip(
            self.tr("Finds conversations with a message containing every word typed")
        )
        self.set_options(self._options)

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
        finally:
            self._building = False

    def criteria(self) -> InboxFilter:
        status = self.status.currentData()
        channel = self.channel.currentData()
        return InboxFilter(
            status=ConversationStatus(status) if status else None,
            channel=ChannelKind(channel) if channel else None,
            market_id=self.market.currentData(),
            language=self.language.currentData(),
            search=self.search.text(),
        )

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
