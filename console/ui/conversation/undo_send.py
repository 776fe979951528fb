"""Undo send: a reply waits a few seconds in the outbox, and an Undo button takes it back.

The core holds the reply (``send_reply(..., undo_seconds=...)``); the outbox
does not take it before the window ends. :class:`UndoSendBar` sits in the
status bar while a reply is held: Undo deletes the reply (nothing is sent) and
hands its text back for the composer; when the window ends the outbox is woken.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from console.ui.app_state import AppState
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.common.problem_texts import error_text
from console.ui.conversation.operations import undo_reply
from console.ui.lanes.store_executor import StoreExecutor

UNDO_SECONDS_KEY = "send/undo_seconds"
DEFAULT_UNDO_SECONDS = 5
MAX_UNDO_SECONDS = 30
TICK_MS = 250


def undo_seconds() -> int:
    """How long a reply can be taken back (the agent's setting; 0: no undo)."""
    value = QSettings().value(UNDO_SECONDS_KEY, DEFAULT_UNDO_SECONDS)
    try:
        seconds = int(str(value))
    except ValueError:
        return DEFAULT_UNDO_SECONDS
    return max(0, min(seconds, MAX_UNDO_SECONDS))


def save_undo_seconds(seconds: int) -> None:
    QSettings().setValue(UNDO_SECONDS_KEY, max(0, min(seconds, MAX_UNDO_SECONDS)))


@dataclass(frozen=True)
class HeldReply:
    message_id: int
    conversation_id: int
    until: datetime  # aware


class UndoSendBar(FollowsUiLanguage, QWidget):
    #: A reply was taken back: (conversation id, the text the agent wrote).
    restored = Signal(int, str)
    #: An undo window ended: the outbox may take the reply now.
    released = Signal()
    #: Undo failed (too late, store error): a message for the user.
    failed = Signal(str)

    def __init__(
        self,
        executor: StoreExecutor,
        actor: Callable[[], str] | None = None,
        parent: Any = None,
        *,
        state: AppState | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("undoSendBar")
        self._executor = executor
        #: Who is working: a reply taken back is recorded for them.
        self.state = state or AppState(self)
        # Only while the window passes its own: UndoSendBar(executor, parent, state=...)
        # is the call (then ``actor`` goes).
        self._actor = actor if actor is not None and state is None else lambda: self.state.actor
        self._held: list[HeldReply] = []
        self.label = QLabel(self)
        self.label.setObjectName("undoSendLabel")
        self.undo_button = QPushButton(self)
        self.undo_button.setObjectName("undoSendButton")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.undo_button)
        self._clock = QTimer(self)
        self._clock.setInterval(TICK_MS)
        self._clock.timeout.connect(self._tick)
        self.undo_button.clicked.connect(lambda: self.undo())
        self.ui_language_changed()
        self.hide()

    def ui_language_changed(self) -> None:
        self.undo_button.setText(self.tr("Undo"))
        self.undo_button.setToolTip(self.tr("Take the reply back before it leaves the outbox"))
        self._update_label()

    @property
    def held(self) -> tuple[HeldReply, ...]:
        return tuple(self._held)

    def hold(self, message_id: int, conversation_id: int, until: datetime) -> None:
        """A reply was stored with an undo window ending at ``until``."""
        self._held.append(HeldReply(message_id, conversation_id, until))
        self._clock.start()
        self._update_label()
        self.show()

    def undo(self, message_id: int | None = None) -> None:
        """Take back a held reply: ``message_id``, or the latest one."""
        chosen = [r for r in self._held if message_id is None or r.message_id == message_id]
        if not chosen:
            return
        reply = chosen[-1]
        self._held.remove(reply)
        self._update_label()
        undo_reply(
            parent=self,
            message_id=reply.message_id,
            conversation_id=reply.conversation_id,
            actor=self._actor(),
            success=lambda text: self.restored.emit(reply.conversation_id, text),
        ).failure(lambda exc: self._undo_failed(error_text(exc))).run(self._executor)

    def _undo_failed(self, message: str) -> None:
        self.failed.emit(message)
        self.released.emit()  # too late to take back: let it go at once

    def _tick(self) -> None:
        now = datetime.now(UTC)
        left = [reply for reply in self._held if reply.until > now]
        ended = len(left) != len(self._held)
        self._held = left
        self._update_label()
        if ended:
            self.released.emit()

    def _update_label(self) -> None:
        if not self._held:
            self._clock.stop()
            self.hide()
            self.label.clear()
            return
        seconds = max(0, round((self._held[-1].until - datetime.now(UTC)).total_seconds()))
        self.label.setText(self.tr("Reply leaves in %n s", "", seconds))
