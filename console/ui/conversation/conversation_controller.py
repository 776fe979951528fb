"""Loads the open conversation and sends replies, through the store executor."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Signal

from console.changes import Changes
from console.inbox.collisions import ReplyCrossed
from console.inbox.commands import Composed
from console.inbox.queries import ConversationDetail
from console.ui.app_state import AppState
from console.ui.common.problem_texts import error_text
from console.ui.conversation.operations import (
    OpenedConversation,
    StoredReply,
    open_conversation,
    schedule_reply,
    send_reply,
)
from console.ui.lanes.store_executor import StoreExecutor


@dataclass(frozen=True)
class HeldReply:
    """A reply not sent because another agent's crossed it, with what is needed to send it."""

    conversation_id: int
    text: str
    composed: Composed | None
    language: str | None
    undo_seconds: float
    crossed: ReplyCrossed


class ConversationController(QObject):
    #: Another conversation is about to open (its id, or None); emitted before it loads.
    opening = Signal(object)
    #: The conversation's thread and customer are ready to show.
    loaded = Signal(object)
    #: A reply was stored (conversation id).
    reply_stored = Signal(int)
    #: A reply waits out its undo window: (message id, conversation id, aware end of window).
    reply_held = Signal(int, int, object)
    #: A reply waits in the outbox: (conversation id, send time as an aware UTC datetime).
    reply_scheduled = Signal(int, object)
    #: The conversation's unread marker was cleared (conversation id).
    marked_read = Signal(int)
    #: Something failed; a message for the user.
    failed = Signal(str)
    #: A reply was held: another agent replied after the newest message shown. A
    #: :class:`HeldReply`; the conversation reloads to show their reply.
    reply_crossed = Signal(object)

    def __init__(
        self, executor: StoreExecutor, parent: Any = None, *, state: AppState | None = None
    ) -> None:
        super().__init__(parent)
        self._executor = executor
        executor.changes.changed.connect(self.apply_changes)
        #: Who is working: replies are sent as theirs.
        self.state = state or AppState(self)
        self.conversation_id: int | None = None
        #: The agent chosen in Settings (the window makes them :attr:`state`'s person).
        self.agent_id: int | None = None
        self.translation_language: str | None = None
        self._request = 0
        #: How many messages were unread when the loaded conversation was opened.
        self.unread_on_open = 0
        #: The conversation shown (None until loaded, or when none is open).
        self.detail: ConversationDetail | None = None

    def open(self, conversation_id: int | None) -> None:
        another = conversation_id != self.conversation_id
        if another:
            self.opening.emit(conversation_id)
        self.conversation_id = conversation_id
        self._request += 1
        if conversation_id is None:
            self.detail = None
            self.loaded.emit(None)
            return
        open_conversation(
            parent=self,
            conversation_id=conversation_id,
            translation_language=self.translation_language,
            success=partial(self._arrived, self._request),
            opened_by=self.state.actor if another else None,  # audited; not a reload
        ).failure(self._failed).run(self._executor)

    def reload(self) -> None:
        self.open(self.conversation_id)

    def apply_changes(self, changes: Changes) -> None:
        """The open conversation (or its customer) changed: load it again."""
        if self.conversation_id is None:
            return
        if self.conversation_id in changes.conversations or (
            self.detail is not None and self.detail.customer.id in changes.customers
        ):
            self.reload()

    def _arrived(self, request: int, opened: OpenedConversation) -> None:
        if request != self._request:
            return  # the agent has moved on to another conversation
        detail, self.unread_on_open = opened.detail, opened.unread_on_open
        self.detail = detail
        self.loaded.emit(detail)
        if opened.marked_read and detail is not None:
            self.marked_read.emit(detail.summary.id)

    def send(
        self,
        text: str,
        composed: Composed | None = None,
        *,
        language: str | None = None,
        undo_seconds: float = 0,
        check_crossing: bool = True,
    ) -> None:
        """Store a reply; ``language`` is the language ``text`` goes out in. With
        ``undo_seconds`` the outbox holds it that long (:attr:`reply_held` says until when).

        A reply crossing another agent's (stored after the newest message shown) is held
        (:attr:`reply_crossed`) unless ``check_crossing`` is off ("send anyway").
        """
        conversation_id, agent_id = self.conversation_id, self.sender_id
        if conversation_id is None:
            return
        seen = self.newest_message_seen() if check_crossing else None

        def crossed(exc: Exception) -> None:
            if not isinstance(exc, ReplyCrossed):
                self._failed(exc)
                return
            self.reply_crossed.emit(
                HeldReply(conversation_id, text, composed, language, undo_seconds, exc)
            )
            if conversation_id == self.conversation_id:
                self.reload()  # their reply shows in the thread

        def stored(reply: StoredReply) -> None:
            if undo_seconds > 0:
                self.reply_held.emit(reply.message_id, conversation_id, reply.held_until)
            self.reply_stored.emit(conversation_id)

        send_reply(
            parent=self,
            conversation_id=conversation_id,
            text=text,
            agent_id=agent_id,
            composed=composed,
            language=language,
            undo_seconds=undo_seconds,
            success=stored,
            seen_message_id=seen,
        ).failure(crossed).run(self._executor)

    def send_anyway(self, held: HeldReply) -> bool:
        """Send a held reply as it was, without the crossing check (False: another
        conversation is open now, nothing was sent)."""
        if held.conversation_id != self.conversation_id:
            return False
        self.send(
            held.text,
            held.composed,
            language=held.language,
            undo_seconds=held.undo_seconds,
            check_crossing=False,
        )
        return True

    def newest_message_seen(self) -> int | None:
        """The id of the newest message of the open conversation as shown (None: not loaded)."""
        detail = self.detail
        if detail is None or detail.summary.id != self.conversation_id:
            return None
        return max((message.id for message in detail.messages), default=0)

    def send_at_their_business_start(
        self, text: str, composed: Composed | None = None, *, language: str | None = None
    ) -> None:
        """ "Send at their 09:00": keep the reply until the customer's next business start."""
        conversation_id, agent_id = self.conversation_id, self.sender_id
        if conversation_id is None:
            return

        def scheduled(send_at: datetime) -> None:
            self.reply_scheduled.emit(conversation_id, send_at)

        schedule_reply(
            parent=self,
            conversation_id=conversation_id,
            text=text,
            agent_id=agent_id,
            composed=composed,
            language=language,
            success=scheduled,
        ).failure(self._failed).run(self._executor)

    @property
    def sender_id(self) -> int | None:
        """Who replies and keeps drafts: the state's person (Settings' choice while the
        window does not share its state with the controller)."""
        person = self.state.person_id
        return person if person is not None else self.agent_id

    def _failed(self, exc: Exception) -> None:
        self.failed.emit(error_text(exc))
