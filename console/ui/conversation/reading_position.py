"""Where a conversation opens: its first unread message, else the newest.

The message delegate measures bubbles lazily and the thread view lays itself out
after a delay (and again whenever its width, the panes around it or a
translation change a bubble), so one scroll right after the model is filled
lands on a layout that is about to change. The position is therefore held:
re-applied each time the scroll range changes, until the agent scrolls, clicks
or types in the thread, or another conversation opens.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QListView

from console.inbox.queries import MessageView
from console.store.models import Direction
from console.ui.conversation.thread_model import ThreadModel

#: Agent input in the thread that takes over the scroll position.
_TAKE_OVER = (
    QEvent.Type.Wheel,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.KeyPress,
)


class ReadingPosition(QObject):
    """Keeps a newly opened thread at the agent's reading position while it lays out."""

    def __init__(self, view: QListView, model: ThreadModel) -> None:
        super().__init__(view)
        self._view = view
        self._model = model
        #: The first unread message's row (shown at the top); None: the newest is shown.
        self.first_unread: int | None = None
        #: The latest customer message's row, kept in view.
        self.latest_inbound: int | None = None
        #: Whether the position is still held (the agent has not scrolled yet).
        self.holding = False
        self._queued = False
        bar = view.verticalScrollBar()
        bar.rangeChanged.connect(self._queue)
        bar.actionTriggered.connect(self.release)  # wheel, arrows, page clicks, dragging
        bar.sliderPressed.connect(self.release)
        view.installEventFilter(self)
        view.viewport().installEventFilter(self)

    def open_at(self, messages: Sequence[MessageView], unread: int) -> None:
        """Hold ``messages`` at the first of the last ``unread`` customer messages."""
        inbound = [row for row, m in enumerate(messages) if m.direction is Direction.INBOUND]
        self.latest_inbound = inbound[-1] if inbound else None
        count = min(max(unread, 0), len(inbound))
        self.first_unread = inbound[-count] if count else None
        self.holding = True
        self._apply()

    def release(self, *_args: object) -> None:
        self.holding = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _TAKE_OVER:
            self.release()
        return False

    def _queue(self, *_args: object) -> None:
        if self.holding and not self._queued:
            self._queued = True
            QTimer.singleShot(0, self, self._apply)

    def _apply(self) -> None:
        self._queued = True  # range changes caused here need no second pass
        try:
            if not self.holding or self._model.rowCount() == 0:
                return
            view = self._view
            view.doItemsLayout()  # measure every bubble now, at the current width
            if self.first_unread is None:
                view.scrollToBottom()
            else:
                view.scrollTo(
                    self._model.index(self.first_unread),
                    QAbstractItemView.ScrollHint.PositionAtTop,
                )
            if self.latest_inbound is not None:
                view.scrollTo(
                    self._model.index(self.latest_inbound),
                    QAbstractItemView.ScrollHint.EnsureVisible,
                )
        finally:
            self._queued = False
