"""Loads the open conversation and sends replies, through the store executor."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session

from console.changes import Changes
from console.inbox.commands import Composed, mark_read, send_reply
from console.inbox.queries import ConversationDetail, conversation_detail
from console.inbox.their_hours import schedule_reply_at_their_business_start
from console.store.models import Conversation
from console.ui.common.problem_texts import error_text
from console.ui.lanes.operations import Wrote
from console.ui.lanes.store_executor import StoreExecutor


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

    def __init__(self, executor: StoreExecutor, parent: Any = None) -> None:
        super().__init__(parent)
        self._executor = executor
        executor.changes.changed.connect(self.apply_changes)
        self.conversation_id: int | None = None
        self.agent_id: int | None = None
        self.translation_language: str | None = None
        self._request = 0
        #: How many messages were unread when the loaded conversation was opened.
        self.unread_on_open = 0
        #: The conversation shown (None until loaded, or when none is open).
        self.detail: ConversationDetail | None = None

    def open(self, conversation_id: int | None) -> None:
        if conversation_id != self.conversation_id:
            self.opening.emit(conversation_id)
        self.conversation_id = conversation_id
        self._request += 1
        if conversation_id is None:
            self.detail = None
            self.loaded.emit(None)
            return
        language = self.translation_language

        def work(session: Session) -> tuple[ConversationDetail | None, bool, int]:
            stored = session.get(Conversation, conversation_id)
            unread = stored.unread_count if stored is not None else 0  # before it is cleared
            changed = mark_read(session, conversation_id)
            detail = conversation_detail(session, conversation_id, translation_language=language)
            return detail, changed, unread

        self._executor.run(self, work, partial(self._arrived, self._request), error=self._failed)

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

    def _arrived(self, request: int, outcome: tuple[ConversationDetail | None, bool, int]) -> None:
        if request != self._request:
            return  # the agent has moved on to another conversation
        detail, changed, self.unread_on_open = outcome
        self.detail = detail
        self.loaded.emit(detail)
        if changed and detail is not None:
            self.marked_read.emit(detail.summary.id)

    def send(
        self,
        text: str,
        composed: Composed | None = None,
        *,
        language: str | None = None,
        undo_seconds: float = 0,
    ) -> None:
        """Store a reply; ``language`` is the language ``text`` goes out in. With
        ``undo_seconds`` the outbox holds it that long (:attr:`reply_held` says until when)."""
        conversation_id, agent_id = self.conversation_id, self.agent_id
        if conversation_id is None:
            return

        def work(session: Session) -> Wrote[tuple[int, datetime]]:
            message_id = send_reply(
                session,
                conversation_id,
                text,
                agent_id=agent_id,
                composed=composed,
                language=language,
                undo_seconds=undo_seconds,
            )
            until = datetime.now(UTC) + timedelta(seconds=undo_seconds)
            changes = Changes(
                conversations=frozenset({conversation_id}),
                messages=frozenset({message_id}),
                outbox=True,
            )
            return Wrote((message_id, until), changes)

        def stored(outcome: tuple[int, datetime]) -> None:
            message_id, until = outcome
            if undo_seconds > 0:
                self.reply_held.emit(message_id, conversation_id, until)
            self.reply_stored.emit(conversation_id)

        self._executor.write(self, work, stored, error=self._failed)

    def send_at_their_business_start(
        self, text: str, composed: Composed | None = None, *, language: str | None = None
    ) -> None:
        """ "Send at their 09:00": keep the reply until the customer's next business start."""
        conversation_id, agent_id = self.conversation_id, self.agent_id
        if conversation_id is None:
            return

        def work(session: Session) -> Wrote[datetime]:
            message_id, send_at = schedule_reply_at_their_business_start(
                session,
                conversation_id,
                text,
                agent_id=agent_id,
                now=datetime.now(UTC),
                composed=composed,
                language=language,
            )
            changes = Changes(
                conversations=frozenset({conversation_id}),
                messages=frozenset({message_id}),
                outbox=True,
            )
            return Wrote(send_at, changes)

        self._executor.write(
            self,
            work,
            lambda send_at: self.reply_scheduled.emit(conversation_id, send_at),
            error=self._failed,
        )

    def _failed(self, exc: Exception) -> None:
        self.failed.emit(error_text(exc))
