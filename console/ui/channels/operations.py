"""The channels' store work, as named operations (console/ui/lanes/operations.py).

Each function builds a :class:`QueryOp` (a read) or a :class:`WriteOp` (a write
that says what it changed); the widget runs it with ``.run(executor)``. Writes
record their actor, which the widget takes from
:class:`~console.ui.app_state.AppState`. An import runs on the file lane
(:func:`import_messages`); when it ends the change bus hears that the inbox's
listing (and perhaps the quarantine) changed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject
from sqlalchemy.orm import Session

from console.changes import Changes
from console.channels.admin import (
    ChannelConfigView,
    QuarantineEntry,
    TablePreview,
    channel_configs,
    delete_channel_config,
    preview_table,
    quarantine_entries,
    resolve_quarantined,
    save_channel_config,
    save_mapping,
    saved_mapping,
)
from console.channels.credentials import keyring_account, set_secret
from console.channels.import_run import import_paths
from console.channels.importer import ImportReport
from console.channels.mapping import ColumnMapping
from console.channels.outbox import OutboxItem, export_outbox, outbox_items, retry
from console.channels.retry import RetryReport, retry_quarantined
from console.store.channel_tables import ChannelOutboxEntry
from console.store.models import ChannelKind, Message
from console.ui.lanes.operations import QueryOp, WriteOp, Wrote
from console.ui.lanes.store_executor import StoreExecutor

# -- the outbox ---------------------------------------------------------------------------


def load_outbox(
    *,
    parent: QObject,
    states: tuple[str, ...] | None,
    success: Callable[[list[OutboxItem]], None],
) -> QueryOp[list[OutboxItem]]:
    """The outbox entries in ``states`` (None: all), newest first."""
    return QueryOp(
        parent=parent, op=lambda session: outbox_items(session, states=states), success=success
    )


def retry_deliveries(
    *,
    parent: QObject,
    items: Sequence[OutboxItem],
    actor: str,
    success: Callable[[int], None],
) -> WriteOp[int]:
    """Put failed entries back in the queue (audited per entry); their conversations changed."""
    chosen = list(items)

    def op(session: Session) -> Wrote[int]:
        for item in chosen:
            retry(session, item.id, actor=actor)
        changes = Changes(
            conversations=frozenset(item.conversation_id for item in chosen),
            messages=frozenset(item.message_id for item in chosen),
            outbox=True,
        )
        return Wrote(len(chosen), changes)

    return WriteOp(parent=parent, op=op, success=success)


def retry_delivery(
    *, parent: QObject, entry_id: int, actor: str, success: Callable[[None], None]
) -> WriteOp[None]:
    """Put one failed reply back in the queue (from its delivery line in the thread)."""

    def op(session: Session) -> Wrote[None]:
        retry(session, entry_id, actor=actor)
        entry = session.get(ChannelOutboxEntry, entry_id)
        message = session.get(Message, entry.message_id) if entry is not None else None
        conversations = frozenset({message.conversation_id}) if message is not None else frozenset()
        messages = frozenset({message.id}) if message is not None else frozenset()
        return Wrote(None, Changes(conversations=conversations, messages=messages, outbox=True))

    return WriteOp(parent=parent, op=op, success=success)


def export_for_handover(
    *,
    parent: QObject,
    channel: ChannelKind,
    path: Path,
    actor: str,
    success: Callable[[int], None],
) -> WriteOp[int]:
    """Append the waiting replies of ``channel`` to ``path``; they count as handed over."""

    def op(session: Session) -> Wrote[int]:
        count = export_outbox(session, channel, path, actor=actor)
        return Wrote(count, Changes(outbox=count > 0))

    return WriteOp(parent=parent, op=op, success=success)


# -- the quarantine -----------------------------------------------------------------------


def load_quarantine(
    *, parent: QObject, success: Callable[[list[QuarantineEntry]], None]
) -> QueryOp[list[QuarantineEntry]]:
    """What imports could not store and has not been dealt with."""
    return QueryOp(parent=parent, op=lambda session: quarantine_entries(session), success=success)


def resolve_quarantine(*, parent: QObject, entry_ids: Sequence[int], actor: str) -> WriteOp[int]:
    """Mark items as dealt with: they leave the quarantine and a re-import skips them."""
    ids = list(entry_ids)

    def op(session: Session) -> Wrote[int]:
        return Wrote(resolve_quarantined(session, ids, actor=actor), Changes(quarantine=True))

    return WriteOp(parent=parent, op=op)


def retry_quarantine(
    *,
    parent: QObject,
    entry_ids: Sequence[int],
    actor: str,
    success: Callable[[RetryReport], None],
) -> WriteOp[RetryReport]:
    """Read the items again from their files; what now reads is imported (the inbox lists it)."""
    ids = list(entry_ids)

    def op(session: Session) -> Wrote[RetryReport]:
        report = retry_quarantined(session, ids, actor=actor)
        return Wrote(report, Changes(quarantine=True, listing=report.imported > 0))

    return WriteOp(parent=parent, op=op, success=success)


# -- channel settings -----------------------------------------------------------------------


def load_channel_configs(
    *, parent: QObject, success: Callable[[list[ChannelConfigView]], None]
) -> QueryOp[list[ChannelConfigView]]:
    return QueryOp(parent=parent, op=lambda session: channel_configs(session), success=success)


def save_channel(
    *,
    parent: QObject,
    name: str,
    kind: str,
    settings: dict[str, Any],
    secret: str,
    actor: str,
    success: Callable[[int], None],
) -> WriteOp[int]:
    """Store a channel's settings; its password or token (if typed) goes to the keyring.

    No view on the change bus shows channel settings: the dialog reads them again
    itself, and the window restarts the channels on its ``saved`` signal.
    """

    def op(session: Session) -> Wrote[int]:
        config_id = save_channel_config(
            session, name=name, kind=kind, settings=settings, actor=actor
        )
        if secret:
            set_secret(keyring_account(kind, name), secret)
        return Wrote(config_id, Changes())

    return WriteOp(parent=parent, op=op, success=success)


def delete_channel(
    *, parent: QObject, config_id: int, actor: str, success: Callable[[None], None]
) -> WriteOp[None]:
    def op(session: Session) -> Wrote[None]:
        delete_channel_config(session, config_id, actor=actor)
        return Wrote(None, Changes())

    return WriteOp(parent=parent, op=op, success=success)


# -- import ---------------------------------------------------------------------------------


def preview_columns(
    *,
    parent: QObject,
    path: Path,
    mapping: ColumnMapping | None,
    use_saved: bool,
    success: Callable[[TablePreview], None],
) -> QueryOp[TablePreview]:
    """The file's first rows as the import would read them with ``mapping`` (or the saved one)."""

    def op(session: Session) -> TablePreview:
        chosen = mapping
        if chosen is None and use_saved:
            chosen = saved_mapping(session, path)
        return preview_table(path, mapping=chosen)

    return QueryOp(parent=parent, op=op, success=success)


def save_column_mapping(
    *,
    parent: QObject,
    path: Path,
    mapping: ColumnMapping,
    actor: str,
    success: Callable[[int], None],
) -> WriteOp[int]:
    """Keep the mapping for this file; later imports of it use it. No view shows it."""

    def op(session: Session) -> Wrote[int]:
        return Wrote(save_mapping(session, path, mapping, actor=actor), Changes())

    return WriteOp(parent=parent, op=op, success=success)


class ImportOp:
    """An import on the file lane; when it ends (done, stopped or failed) the bus hears of it."""

    def __init__(
        self,
        *,
        parent: QObject,
        paths: Sequence[Path],
        actor: str,
        progress: Callable[[int], None],
        stop: threading.Event,
        finished: Callable[[ImportReport | Exception], None],
    ) -> None:
        self._parent, self._paths, self._actor = parent, list(paths), actor
        self._progress, self._stop, self._finished = progress, stop, finished

    def run(self, executor: StoreExecutor) -> None:
        store, paths, actor = executor.store, self._paths, self._actor
        progress, stop, parent, finished = self._progress, self._stop, self._parent, self._finished

        def work() -> ImportReport:
            return import_paths(store, paths, actor=actor, progress=progress, stop=stop)

        def ended(outcome: ImportReport | Exception) -> None:
            # Told even when the widget is gone, and after a stop or a failure: the
            # batches stored until then are in the inbox.
            quarantined = isinstance(outcome, ImportReport) and outcome.quarantined > 0
            executor.changes.publish(Changes(listing=True, quarantine=quarantined))
            if shiboken6.isValid(parent):
                finished(outcome)

        executor.files.run(executor, work, ended, error=ended, stop=stop)


def import_messages(
    *,
    parent: QObject,
    paths: Sequence[Path],
    actor: str,
    progress: Callable[[int], None],
    stop: threading.Event,
    finished: Callable[[ImportReport | Exception], None],
) -> ImportOp:
    """Import mail files, mailboxes or a mapped export; ``progress(items read)`` from the lane."""
    return ImportOp(
        parent=parent, paths=paths, actor=actor, progress=progress, stop=stop, finished=finished
    )
