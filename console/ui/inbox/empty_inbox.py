"""What an empty inbox says: which filters hide everything, with a way back."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QPushButton, QVBoxLayout, QWidget

from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.inbox.filter_bar import FilterBar
from console.ui.inbox.inbox_model import InboxModel


class EmptyInbox(FollowsUiLanguage, QWidget):
    """Lies over the inbox's rows while none are shown."""

    def __init__(self, view: QAbstractItemView, model: InboxModel, bar: FilterBar) -> None:
        super().__init__(view.viewport())
        self.setObjectName("emptyInbox")
        self._view = view
        self._bar = bar
        self._filters: list[str] = []
        self.text = QLabel(self)
        self.text.setObjectName("emptyInboxText")
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.clear_button = QPushButton(self)
        self.clear_button.setObjectName("clearFiltersButton")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.text)
        layout.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.clear_button.clicked.connect(bar.clear_filters)
        model.ids_loaded.connect(self._on_ids_loaded)
        view.viewport().installEventFilter(self)
        self.hide()
        self.ui_language_changed()

    def ui_language_changed(self) -> None:
        self.clear_button.setText(self.tr("Clear filters"))
        if self._filters:
            lines = "\n".join(f"• {label}" for label in self._filters)
            self.text.setText(self.tr("No conversation matches these filters:") + "\n" + lines)
        else:
            self.text.setText(
                self.tr(
                    "The inbox is empty. Import messages (File → Import messages…) "
                    "or connect a channel to start."
                )
            )
        self.clear_button.setVisible(bool(self._filters))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(self._view.viewport().rect())
        return False

    def _on_ids_loaded(self, count: int) -> None:
        if count:
            self.hide()
            return
        self._filters = self._bar.active_filters()
        self.ui_language_changed()
        self.setGeometry(self._view.viewport().rect())
        self.show()
        self.raise_()
