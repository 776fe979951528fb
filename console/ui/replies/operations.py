"""The reply library's store work, as named operations (console/ui/lanes/operations.py).

Reads are :class:`QueryOp`; every write to the library (a variant saved or
approved, a machine draft stored, a new reply) is a :class:`WriteOp` that
changes ``reply_library``, so the library window and an open reply palette
read it again from the change bus. The person who writes comes from
:class:`~console.ui.app_state.AppState`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject
from sqlalchemy.orm import Session

from console.changes import Changes
from console.replies import (
    DraftSource,
    EntryView,
    ReplyContext,
    approve_variant,
    create_entry,
    draft_source,
    draft_text,
    library_languages,
    list_entries,
    reply_context,
    save_draft,
    set_variant,
)
from console.ui.lanes.operations import QueryOp, WriteOp, Wrote
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.lanes.translation_worker import VISIBLE, TranslationWorker
from translation.translator import Translator

LIBRARY = Changes(reply_library=True)


@dataclass(frozen=True)
class Library:
    entries: list[EntryView]
    #: The languages the library should speak.
    languages: list[str]


def load_library(*, parent: QObject, success: Callable[[Library], None]) -> QueryOp[Library]:
    return QueryOp(
        parent=parent,
        op=lambda session: Library(list_entries(session), library_languages(session)),
        success=success,
    )


def load_reply_context(
    *, parent: QObject, conversation_id: int | None, success: Callable[[ReplyContext], None]
) -> QueryOp[ReplyContext]:
    """The library with what the conversation suggests first (the palette's list)."""
    return QueryOp(
        parent=parent,
        op=lambda session: reply_context(session, conversation_id),
        success=success,
    )


def load_draft_source(
    *, parent: QObject, entry_id: int, success: Callable[[DraftSource], None]
) -> QueryOp[DraftSource]:
    """The text a machine draft of the reply is translated from."""
    return QueryOp(
        parent=parent, op=lambda session: draft_source(session, entry_id), success=success
    )


def save_variant(
    *,
    parent: QObject,
    entry_id: int,
    language: str,
    text: str,
    by: str,
    success: Callable[[None], None],
) -> WriteOp[None]:
    """Store a variant's text as checked by ``by`` (approved as written)."""

    def op(session: Session) -> Wrote[None]:
        set_variant(session, entry_id, language, text, by=by)
        return Wrote(None, LIBRARY)

    return WriteOp(parent=parent, op=op, success=success)


def approve_reply_variant(
    *, parent: QObject, entry_id: int, language: str, by: str, success: Callable[[None], None]
) -> WriteOp[None]:
    """A machine draft or stale variant checked against its source: no longer either."""

    def op(session: Session) -> Wrote[None]:
        approve_variant(session, entry_id, language, by=by)
        return Wrote(None, LIBRARY)

    return WriteOp(parent=parent, op=op, success=success)


def store_machine_draft(
    *,
    parent: QObject,
    source: DraftSource,
    language: str,
    text: str,
    success: Callable[[None], None],
) -> WriteOp[None]:
    """Keep a machine translation of ``source`` as the reply's draft in ``language``."""

    def op(session: Session) -> Wrote[None]:
        save_draft(session, source, language, text)
        return Wrote(None, LIBRARY)

    return WriteOp(parent=parent, op=op, success=success)


def draft_machine_variant(
    *,
    parent: QObject,
    lanes: tuple[StoreExecutor, TranslationWorker],
    translator: Callable[[], Translator],
    entry_id: int,
    language: str,
    success: Callable[[None], None],
    failure: Callable[[Exception], None],
) -> None:
    """Draft the reply's variant in ``language``: its source read on the store lane,
    translated on the translation lane with the ``{variables}`` protected, and stored as a
    *machine draft* on the store lane again."""
    executor, worker = lanes

    def translate(source: DraftSource) -> None:
        def work() -> str:
            return draft_text(translator(), source.text, source.language, language, source.key)

        def store(text: str) -> None:
            store_machine_draft(
                parent=parent, source=source, language=language, text=text, success=success
            ).failure(failure).run(executor)

        worker.submit(parent, work, store, priority=VISIBLE, error=failure)

    load_draft_source(parent=parent, entry_id=entry_id, success=translate).failure(failure).run(
        executor
    )


def create_reply(
    *,
    parent: QObject,
    key: str,
    category: str,
    language: str,
    text: str,
    by: str,
    success: Callable[[int], None],
) -> WriteOp[int]:
    """A new reply with its source text in ``language`` (its id)."""

    def op(session: Session) -> Wrote[int]:
        entry = create_entry(
            session, key, category=category, source_language=language, text=text, by=by
        )
        return Wrote(entry.id, LIBRARY)

    return WriteOp(parent=parent, op=op, success=success)
