"""Who else has the open conversation, and who is writing a reply: this seat's side.

The seat says what it shows (:func:`~console.ui.conversation.operations.announce_presence`)
when a conversation opens or closes, when the reply box starts or stops having text,
and every :data:`~console.inbox.presence.HEARTBEAT` while it runs; each time the store
answers with who else is there. Other seats' changes arrive on the change bus
(``Changes.presence``, from team mode's notifications) and are read again. All of it
runs on the store lane: a heartbeat is one small write the agent never waits for.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from console.changes import Changes
from console.inbox.presence import HEARTBEAT, Present
from console.ui.app_state import AppState
from console.ui.conversation.composer import Composer
from console.ui.conversation.conversation_controller import ConversationController
from console.ui.conversation.operations import announce_presence, load_presence
from console.ui.lanes.store_executor import StoreExecutor


class PresenceTracker(QObject):
    #: Who else has the open conversation now (a list of :class:`Present`).
    changed = Signal(object)

    def __init__(
        self,
        executor: StoreExecutor,
        controller: ConversationController,
        composer: Composer,
        parent: Any = None,
        *,
        state: AppState | None = None,
        heartbeat_ms: int = int(HEARTBEAT.total_seconds() * 1000),
    ) -> None:
        super().__init__(parent)
        self._executor = executor
        self._controller = controller
        self._composer = composer
        self.state = state or controller.state
        #: This seat: one window of the console, for as long as it runs.
        self.seat = uuid.uuid4().hex
        self.conversation_id: int | None = None
        self.writing = False
        #: Who else is there, as last heard.
        self.others: list[Present] = []
        self._stopped = False
        self._request = 0
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(heartbeat_ms)
        self._heartbeat.timeout.connect(self.announce)
        controller.opening.connect(self._opening)
        composer.editor.textChanged.connect(self._text_changed)
        executor.changes.changed.connect(self._apply_changes)
        self._heartbeat.start()

    def _opening(self, conversation_id: int | None) -> None:
        self.conversation_id = conversation_id
        self.writing = False  # the box is emptied or given the other conversation's draft
        self._show([])
        self.announce()

    def _text_changed(self) -> None:
        writing = bool(self._composer.editor.toPlainText().strip())
        if writing != self.writing and self.conversation_id is not None:
            self.writing = writing
            self.announce()

    def announce(self) -> None:
        """Say what this seat shows now; the answer is who else is there."""
        if self._stopped:
            return
        self._request += 1
        announce_presence(
            parent=self,
            seat=self.seat,
            conversation_id=self.conversation_id,
            person_id=self.state.person_id,
            writing=self.writing,
            success=self._answer(self._request, self.conversation_id),
        ).failure(lambda _exc: None).run(self._executor)  # a missed beat is made up by the next

    def _apply_changes(self, changes: Changes) -> None:
        if self._stopped or self.conversation_id not in changes.presence:
            return
        self._request += 1
        load_presence(
            parent=self,
            seat=self.seat,
            conversation_id=self.conversation_id,
            person_id=self.state.person_id,
            success=self._answer(self._request, self.conversation_id),
        ).failure(lambda _exc: None).run(self._executor)

    def _answer(self, request: int, conversation_id: int | None) -> Any:
        def arrived(others: list[Present]) -> None:
            if request == self._request and conversation_id == self.conversation_id:
                self._show(others)

        return arrived

    def _show(self, others: list[Present]) -> None:
        if others != self.others:
            self.others = list(others)
            self.changed.emit(self.others)

    def stop(self) -> None:
        """The seat closes: it leaves the conversation at once (no waiting for expiry)."""
        if self._stopped:
            return
        self._heartbeat.stop()
        self.conversation_id = None
        self.announce()
        self._stopped = True
