"""Keeps what the agent writes in the reply box, per conversation, in the store.

The reply box belongs to one conversation at a time. As the agent types, the
text (and the customer-language text once they edit it) is saved after a pause,
on the store thread. When another conversation is about to open, the box's
pending text is saved at once for the conversation being left and the box is
emptied, so nothing written for one customer can be sent to another; the new
conversation's own draft is put back once it is shown. A draft read for a
conversation the agent has already left is dropped.

A save that fails (a team store that cannot be reached, a full disk) is kept
here and tried again in the background, with a growing pause, until it is
stored; meanwhile the text is what the reply box shows when the agent comes
back to that conversation, even if the store cannot be read.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from console.inbox.drafts import DraftView
from console.inbox.queries import ConversationDetail
from console.ui.common.problem_texts import error_text
from console.ui.conversation.composer import Composer
from console.ui.conversation.conversation_controller import ConversationController
from console.ui.conversation.operations import SavedDraft, load_reply_draft, save_reply_draft
from console.ui.conversation.reply_translation import ReplyTranslationPanel
from console.ui.lanes.store_executor import StoreExecutor

#: Pause in typing after which the draft is saved.
SAVE_DEBOUNCE_MS = 700
#: First and longest pause before a failed save is tried again.
RETRY_FIRST_MS, RETRY_MAX_MS = 2000, 30_000

_DraftKey = tuple[int, int | None]  # (conversation, agent)


class DraftKeeper(QObject):
    #: Whether a conversation has a draft changed: (conversation id).
    draft_changed = Signal(int)
    #: A save reached the store: (conversation id, whether a draft is kept now).
    saved = Signal(int, bool)
    #: A stored draft was put back into the reply box (conversation id).
    restored = Signal(int)

    def __init__(
        self,
        executor: StoreExecutor,
        composer: Composer,
        panel: ReplyTranslationPanel | None,
        controller: ConversationController,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._executor = executor
        self._composer = composer
        self._panel = panel
        self._controller = controller
        #: The conversation the reply box's text belongs to.
        self.conversation_id: int | None = None
        self._agent_id: int | None = None
        self._request = 0
        self._pending: tuple[int, DraftView | None] | None = None  # (request, draft) not yet shown
        self._shown = False  # the conversation is on screen (its languages are set)
        self._dirty = False
        self._quiet = False
        self._saved_outgoing: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        #: Saves that failed, newest text per (conversation, agent): tried again until stored.
        self.unsaved: dict[_DraftKey, tuple[str, str | None]] = {}
        self._retry_ms = RETRY_FIRST_MS
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._retry_unsaved)
        # Before the window's own slots: the draft is saved before a send is queued.
        composer.submitted.connect(self._before_send)
        composer.schedule_requested.connect(self._before_send)
        composer.editor.textChanged.connect(self._text_changed)
        if panel is not None:
            panel.target.textChanged.connect(self._outgoing_changed)
        controller.opening.connect(self._switch)
        # Drafts are the working person's: another person at the seat sees theirs.
        controller.state.person_changed.connect(lambda _person: self.agent_changed())
        # Queued: runs after the window has shown the conversation (and reset the
        # reply translation), so the restored text is not wiped out again.
        controller.loaded.connect(self._conversation_shown, Qt.ConnectionType.QueuedConnection)

    # -- public -----------------------------------------------------------

    @property
    def pending(self) -> bool:
        """Text in the box not stored yet: waiting for the typing to pause, or to be tried again."""
        return self._dirty or bool(self.unsaved)

    def flush(self) -> None:
        """Save the box's text now, if it changed since the last save."""
        self._timer.stop()
        conversation_id = self.conversation_id
        if not self._dirty or conversation_id is None:
            return
        self._dirty = False
        outgoing = self._panel.edited_outgoing() if self._panel is not None else None
        self._saved_outgoing = outgoing
        self._save((conversation_id, self._agent_id), self._composer.editor.toPlainText(), outgoing)

    def _save(self, key: _DraftKey, text: str, outgoing: str | None) -> None:
        save_reply_draft(
            parent=self,
            conversation_id=key[0],
            agent_id=key[1],
            text=text,
            outgoing=outgoing,
            success=partial(self._saved_as, key, (text, outgoing)),
        ).failure(partial(self._save_failed, key, (text, outgoing))).run(self._executor)

    def agent_changed(self) -> None:
        """Another agent took the seat: keep the text as theirs was, show the new one's."""
        if self._controller.sender_id != self._agent_id:
            self._switch(self.conversation_id, keep_shown=True)

    # -- switching ----------------------------------------------------------

    def _switch(self, conversation_id: int | None, *, keep_shown: bool = False) -> None:
        self.flush()  # the conversation being left keeps what was written, now
        self._request += 1
        self.conversation_id = conversation_id
        self._agent_id = self._controller.sender_id
        self._pending = None
        self._shown = keep_shown
        self._saved_outgoing = None
        self._quiet = True
        try:
            self._composer.editor.clear()
            if self._panel is not None:
                self._panel.clear()
        finally:
            self._quiet = False
        # Not until the conversation is shown (and the box is empty): a send now
        # would reach the new conversation with text the agent has not seen.
        self._composer.set_busy(False)
        if not keep_shown:
            self._composer.set_available(False)
        if conversation_id is None:
            return
        load_reply_draft(
            parent=self,
            conversation_id=conversation_id,
            agent_id=self._agent_id,
            success=partial(self._draft_arrived, self._request),
        ).failure(partial(self._draft_unread, self._request)).run(self._executor)

    def _draft_unread(self, request: int, _exc: Exception) -> None:
        """The store could not be read (e.g. unreachable): a draft kept here still shows."""
        self._draft_arrived(request, None)

    def _draft_arrived(self, request: int, draft: DraftView | None) -> None:
        if request != self._request:
            return  # the agent has moved on to another conversation
        conversation_id = self.conversation_id
        unsaved = self.unsaved.get((conversation_id, self._agent_id)) if conversation_id else None
        if conversation_id is not None and unsaved is not None:  # newer than the store's
            draft = DraftView(conversation_id, unsaved[0], unsaved[1], datetime.now(UTC))
        self._pending = (request, draft)
        self._restore()

    def _conversation_shown(self, detail: ConversationDetail | None) -> None:
        if detail is not None and detail.summary.id == self.conversation_id:
            self._shown = True
            self._restore()

    def _restore(self) -> None:
        if not self._shown or self._pending is None or self._pending[0] != self._request:
            return
        _request, draft = self._pending
        self._pending = None
        if draft is None or self._composer.editor.toPlainText():
            return  # nothing kept, or the agent has started writing anew
        self._quiet = True
        try:
            self._composer.restore_text(draft.text)
            if self._panel is not None:
                self._panel.restore(draft.outgoing_text)
        finally:
            self._quiet = False
        self._saved_outgoing = draft.outgoing_text
        self.restored.emit(draft.conversation_id)

    # -- saving -------------------------------------------------------------

    def _text_changed(self) -> None:
        if self._quiet or self.conversation_id is None:
            return
        self._dirty = True
        if self._composer.editor.toPlainText():
            self._timer.start()
        else:
            self.flush()  # an emptied box is no draft, at once

    def _outgoing_changed(self) -> None:
        if self._quiet or self._panel is None or self.conversation_id is None:
            return
        if self._panel.edited_outgoing() != self._saved_outgoing:
            self._dirty = True
            self._timer.start()

    def _before_send(self, _text: str) -> None:
        self.flush()

    def _saved_as(self, key: _DraftKey, content: tuple[str, str | None], draft: SavedDraft) -> None:
        if self.unsaved.get(key) == content:
            del self.unsaved[key]
        if not self.unsaved:
            self._retry_ms = RETRY_FIRST_MS
        self._saved(draft)

    def _save_failed(self, key: _DraftKey, content: tuple[str, str | None], exc: Exception) -> None:
        """Keep the text and try again later (the newest text of each draft wins)."""
        newer = self._dirty and key == (self.conversation_id, self._agent_id)
        if not newer:  # a later save of this box carries newer text itself
            self.unsaved[key] = content
        if not self._retry.isActive():
            self._retry.start(self._retry_ms)
            self._retry_ms = min(self._retry_ms * 2, RETRY_MAX_MS)
        self._executor.failed.emit(error_text(exc))

    def _retry_unsaved(self) -> None:
        for key, (text, outgoing) in list(self.unsaved.items()):
            self._save(key, text, outgoing)

    def _saved(self, draft: SavedDraft) -> None:
        self.saved.emit(draft.conversation_id, draft.kept)
        if draft.existed != draft.kept:
            self.draft_changed.emit(draft.conversation_id)
