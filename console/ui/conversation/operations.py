"""The conversation's store work, as named operations (console/ui/lanes/operations.py).

Each function builds a :class:`QueryOp` (a read) or a :class:`WriteOp` (a write
that says what it changed); the widget runs it on the store lane with
``.run(executor)``. Writes record their actor, which the caller takes from
:class:`~console.ui.app_state.AppState`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QObject
from sqlalchemy.orm import Session

from console import audit
from console.changes import Changes
from console.inbox import commands, presence
from console.inbox.commands import Composed
from console.inbox.drafts import DraftView, load_draft, save_draft
from console.inbox.presence import Present
from console.inbox.queries import ConversationDetail, TranslationView, conversation_detail
from console.inbox.their_hours import schedule_reply_at_their_business_start
from console.privacy.masking import mask_detail, mask_translation, masking_for
from console.store.models import Conversation, ConversationStatus, Priority
from console.translations.pipeline import MessageTranslation
from console.translations.service import (
    DetectionContext,
    TranslationRequest,
    detection_context,
    pending_requests,
    record_detection,
    save_translation,
    set_language,
)
from console.ui.lanes.operations import QueryOp, WriteOp, Wrote


@dataclass(frozen=True)
class OpenedConversation:
    """A conversation as it opened: what to show, and its unread marker before it was cleared."""

    detail: ConversationDetail | None
    marked_read: bool
    unread_on_open: int


@dataclass(frozen=True)
class StoredReply:
    message_id: int
    #: The end of its undo window (aware), or now when it has none.
    held_until: datetime


@dataclass(frozen=True)
class SavedDraft:
    conversation_id: int
    existed: bool
    kept: bool


def _reply_changes(conversation_id: int, message_id: int) -> Changes:
    return Changes(
        conversations=frozenset({conversation_id}),
        messages=frozenset({message_id}),
        outbox=True,
    )


# -- the open conversation ----------------------------------------------------------------


def open_conversation(
    *,
    parent: QObject,
    conversation_id: int,
    translation_language: str | None,
    success: Callable[[OpenedConversation], None],
    opened_by: str | None = None,
) -> QueryOp[OpenedConversation]:
    """Read the conversation to show and clear its unread marker (the window tells the inbox).

    ``opened_by``: the person who opened it (audited); None when it is shown again.
    """

    def op(session: Session) -> OpenedConversation:
        if opened_by is not None:
            audit.record_conversation_opened(
                session, conversation_id=conversation_id, actor=opened_by
            )
        stored = session.get(Conversation, conversation_id)
        unread = stored.unread_count if stored is not None else 0  # before it is cleared
        changed = commands.mark_read(session, conversation_id)
        detail = conversation_detail(
            session, conversation_id, translation_language=translation_language
        )
        if detail is not None:  # what a masked person reads (console/privacy/masking.py)
            detail = mask_detail(detail, masking_for(session))
        return OpenedConversation(detail, changed, unread)

    return QueryOp(parent=parent, op=op, success=success)


def send_reply(
    *,
    parent: QObject,
    conversation_id: int,
    text: str,
    agent_id: int | None,
    composed: Composed | None,
    language: str | None,
    undo_seconds: float,
    success: Callable[[StoredReply], None],
    seen_message_id: int | None = None,
) -> WriteOp[StoredReply]:
    """Store a reply for the outbox (held ``undo_seconds`` first).

    ``seen_message_id``: the newest message the agent saw; a reply crossing another
    agent's fails with :class:`~console.inbox.collisions.ReplyCrossed` (None: send anyway).
    """

    def op(session: Session) -> Wrote[StoredReply]:
        message_id = commands.send_reply(
            session,
            conversation_id,
            text,
            agent_id=agent_id,
            composed=composed,
            language=language,
            undo_seconds=undo_seconds,
            seen_message_id=seen_message_id,
        )
        until = datetime.now(UTC) + timedelta(seconds=undo_seconds)
        return Wrote(StoredReply(message_id, until), _reply_changes(conversation_id, message_id))

    return WriteOp(parent=parent, op=op, success=success)


def schedule_reply(
    *,
    parent: QObject,
    conversation_id: int,
    text: str,
    agent_id: int | None,
    composed: Composed | None,
    language: str | None,
    success: Callable[[datetime], None],
) -> WriteOp[datetime]:
    """ "Send at their 09:00": a reply that waits until the customer's next business start."""

    def op(session: Session) -> Wrote[datetime]:
        message_id, send_at = schedule_reply_at_their_business_start(
            session,
            conversation_id,
            text,
            agent_id=agent_id,
            now=datetime.now(UTC),
            composed=composed,
            language=language,
        )
        return Wrote(send_at, _reply_changes(conversation_id, message_id))

    return WriteOp(parent=parent, op=op, success=success)


def undo_reply(
    *,
    parent: QObject,
    message_id: int,
    conversation_id: int,
    actor: str,
    success: Callable[[str], None],
) -> WriteOp[str]:
    """Take a held reply back: nothing is sent, its text comes back, the status is as it was."""

    def op(session: Session) -> Wrote[str]:
        text = commands.undo_reply(session, message_id, actor=actor)
        changes = _reply_changes(conversation_id, message_id)
        return Wrote(text, changes | Changes(listing=True))  # the status is back

    return WriteOp(parent=parent, op=op, success=success)


# -- work on conversations (resolve, snooze, priority, assignee) ------------------------------


def _on_conversations(
    parent: QObject,
    ids: Sequence[int],
    work: Callable[[Session, list[int]], list[int]],
) -> WriteOp[list[int]]:
    chosen = list(ids)

    def op(session: Session) -> Wrote[list[int]]:
        # Status, snooze and assignee decide which views list a conversation: ``listing``.
        changes = Changes(conversations=frozenset(chosen), listing=True)
        return Wrote(work(session, chosen), changes)

    return WriteOp(parent=parent, op=op)


# ``versions``: the version of each conversation the agent saw (id -> version); a change to
# one changed since is refused (console.inbox.collisions.ChangedMeanwhile), nothing written.


def set_statuses(
    *,
    parent: QObject,
    ids: Sequence[int],
    status: ConversationStatus,
    actor: str,
    versions: Mapping[int, int] | None = None,
) -> WriteOp[list[int]]:
    """Resolve, reopen or mark as waiting on the customer."""
    return _on_conversations(
        parent,
        ids,
        lambda session, chosen: commands.set_statuses(
            session, chosen, status, actor=actor, versions=versions
        ),
    )


def snooze(
    *,
    parent: QObject,
    ids: Sequence[int],
    until: datetime,
    actor: str,
    versions: Mapping[int, int] | None = None,
) -> WriteOp[list[int]]:
    """Out of the open views until ``until`` (or until the customer writes)."""
    return _on_conversations(
        parent,
        ids,
        lambda session, chosen: commands.snooze(
            session, chosen, until, actor=actor, versions=versions
        ),
    )


def set_priority(
    *,
    parent: QObject,
    ids: Sequence[int],
    priority: Priority,
    actor: str,
    versions: Mapping[int, int] | None = None,
) -> WriteOp[list[int]]:
    return _on_conversations(
        parent,
        ids,
        lambda session, chosen: commands.set_priority(
            session, chosen, priority, actor=actor, versions=versions
        ),
    )


def assign(
    *,
    parent: QObject,
    ids: Sequence[int],
    agent_id: int | None,
    actor: str,
    versions: Mapping[int, int] | None = None,
) -> WriteOp[list[int]]:
    """Give the conversations to ``agent_id`` (None: nobody)."""
    return _on_conversations(
        parent,
        ids,
        lambda session, chosen: commands.assign(
            session, chosen, agent_id, actor=actor, versions=versions
        ),
    )


# -- who else is here (presence) --------------------------------------------------------------


def announce_presence(
    *,
    parent: QObject,
    seat: str,
    conversation_id: int | None,
    person_id: int | None,
    writing: bool,
    success: Callable[[list[Present]], None] | None = None,
) -> WriteOp[list[Present]]:
    """This seat shows ``conversation_id`` (writing a reply or not), also as its heartbeat;
    returns who else has it open."""

    def op(session: Session) -> Wrote[list[Present]]:
        changed = presence.announce(
            session, seat, conversation_id, person_id=person_id, writing=writing
        )
        others = (
            presence.present(session, conversation_id, seat=seat, person_id=person_id)
            if conversation_id is not None
            else []
        )
        return Wrote(others, Changes(presence=frozenset(changed)))

    return WriteOp(parent=parent, op=op, success=success)


def load_presence(
    *,
    parent: QObject,
    seat: str,
    conversation_id: int,
    person_id: int | None,
    success: Callable[[list[Present]], None],
) -> QueryOp[list[Present]]:
    """Who else has ``conversation_id`` open, and who is writing a reply."""
    return QueryOp(
        parent=parent,
        op=lambda session: presence.present(
            session, conversation_id, seat=seat, person_id=person_id
        ),
        success=success,
    )


# -- drafts -------------------------------------------------------------------------------


def load_reply_draft(
    *,
    parent: QObject,
    conversation_id: int,
    agent_id: int | None,
    success: Callable[[DraftView | None], None],
) -> QueryOp[DraftView | None]:
    """What ``agent_id`` had written in the conversation's reply box."""
    return QueryOp(
        parent=parent,
        op=lambda session: load_draft(session, conversation_id, agent_id),
        success=success,
    )


def save_reply_draft(
    *,
    parent: QObject,
    conversation_id: int,
    agent_id: int | None,
    text: str,
    outgoing: str | None,
    success: Callable[[SavedDraft], None],
) -> WriteOp[SavedDraft]:
    """Keep the reply box's text (empty: no draft).

    A draft is this seat's own: it changes no view but this seat's draft marker,
    which :class:`~console.ui.conversation.draft_keeper.DraftKeeper` reports itself
    (``draft_changed``); the open conversation must not reload as the agent types.
    """

    def op(session: Session) -> Wrote[SavedDraft]:
        existed = load_draft(session, conversation_id, agent_id) is not None
        kept = save_draft(session, conversation_id, agent_id, text, outgoing)
        return Wrote(SavedDraft(conversation_id, existed, kept), Changes())

    return WriteOp(parent=parent, op=op, success=success)


# -- translation of the open conversation ---------------------------------------------------


def load_untranslated(
    *,
    parent: QObject,
    conversation_id: int,
    target: str,
    success: Callable[[tuple[list[TranslationRequest], DetectionContext]], None],
) -> QueryOp[tuple[list[TranslationRequest], DetectionContext]]:
    """The conversation's messages without a translation into ``target``, and what detection
    knows of the conversation."""

    def op(session: Session) -> tuple[list[TranslationRequest], DetectionContext]:
        return (
            pending_requests(session, conversation_id, target),
            detection_context(session, conversation_id),
        )

    return QueryOp(parent=parent, op=op, success=success)


def store_message_translation(
    *,
    parent: QObject,
    result: MessageTranslation,
    target: str,
    success: Callable[[TranslationView | None], None],
) -> WriteOp[TranslationView | None]:
    """Keep a message's detected language and its translation into ``target``.

    The translation thread hands ``result`` to the window, which shows it at once
    (``success``); the bus hears of the message for other views.
    """

    def op(session: Session) -> Wrote[TranslationView | None]:
        if result.detection is not None and result.language is not None:
            record_detection(
                session, result.message_id, result.language, result.detection.confidence
            )
        view = None
        masking = masking_for(session)
        team = session.get_bind().dialect.name == "postgresql"
        if result.translation is not None and masking.masked and team:
            # A masked seat translated masked text: shown, never stored for everyone.
            view = TranslationView(target, result.translation.engine, result.translation.text)
        elif result.translation is not None:
            view = save_translation(
                session,
                result.message_id,
                target,
                engine=result.translation.engine,
                engine_version=result.engine_version,
                text=result.translation.text,
            )
        view = mask_translation(view, masking)
        return Wrote(view, Changes(messages=frozenset({result.message_id})))

    return WriteOp(parent=parent, op=op, success=success)


def correct_message_language(
    *,
    parent: QObject,
    message_id: int,
    language: str,
    actor: str,
    success: Callable[[None], None],
) -> WriteOp[None]:
    """An agent's correction of a message's language (its stale translations go)."""

    def op(session: Session) -> Wrote[None]:
        set_language(session, message_id, language, actor=actor)
        return Wrote(None, Changes(messages=frozenset({message_id})))

    return WriteOp(parent=parent, op=op, success=success)


def wake_snoozed_conversations(*, parent: QObject) -> WriteOp[list[int]]:
    """Snoozed conversations whose time has come are back in the open views."""

    def op(session: Session) -> Wrote[list[int]]:
        woken = commands.wake_snoozed(session)
        return Wrote(woken, Changes(conversations=frozenset(woken), listing=bool(woken)))

    return WriteOp(parent=parent, op=op)
