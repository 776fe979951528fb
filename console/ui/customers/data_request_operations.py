"""Data-subject requests (export, erasure), as named operations (console/ui/lanes/operations.py).

Store work runs on the store lane; writing an export's files on the file lane
(:func:`write_customer_export`). An erasure is two steps on the store lane: the
erasure itself (one transaction, :func:`erase_customer_data`), then
:func:`purge_store_files`, which works outside any transaction (SQLite's FTS
merge, VACUUM and WAL checkpoint; PostgreSQL's VACUUM) and so uses no session.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from sqlalchemy.orm import Session

from console.changes import Changes
from console.privacy.subject_erase import ErasureResult, PurgeResult, erase_customer, purge_residue
from console.privacy.subject_export import (
    SubjectExport,
    collect_export,
    record_export,
    write_export,
)
from console.store import Store
from console.store.models import Conversation, Customer
from console.ui.lanes.operations import QueryOp, WriteOp, Wrote
from console.ui.lanes.store_executor import StoreExecutor


def conversation_customer(
    *, parent: QObject, conversation_id: int, success: Callable[[tuple[int, str] | None], None]
) -> QueryOp[tuple[int, str] | None]:
    """The open conversation's customer: id and name (for the confirmation)."""

    def op(session: Session) -> tuple[int, str] | None:
        conversation = session.get(Conversation, conversation_id)
        if conversation is None:
            return None
        customer = session.get(Customer, conversation.customer_id)
        return (conversation.customer_id, customer.name if customer else "")

    return QueryOp(parent=parent, op=op, success=success)


def collect_customer_export(
    *, parent: QObject, customer_id: int, success: Callable[[SubjectExport], None]
) -> QueryOp[SubjectExport]:
    return QueryOp(
        parent=parent, op=lambda session: collect_export(session, customer_id), success=success
    )


def write_customer_export(
    executor: StoreExecutor,
    *,
    owner: QObject,
    export: SubjectExport,
    folder: Path,
    done: Callable[[Path], None],
    error: Callable[[Exception], None],
) -> None:
    """Write the export's files on the file lane."""
    executor.files.run(owner, lambda: write_export(export, folder), done, error=error)


def record_customer_export(
    *, parent: QObject, export: SubjectExport, actor: str, success: Callable[[None], None]
) -> WriteOp[None]:
    def op(session: Session) -> Wrote[None]:
        record_export(session, export, actor=actor)
        return Wrote(None, Changes(audit=True))

    return WriteOp(parent=parent, op=op, success=success)


def erase_customer_data(
    *,
    parent: QObject,
    customer_id: int,
    reason: str,
    actor: str,
    agent_id: int | None,
    success: Callable[[ErasureResult], None],
) -> WriteOp[ErasureResult]:
    def op(session: Session) -> Wrote[ErasureResult]:
        result = erase_customer(session, customer_id, actor=actor, reason=reason, agent_id=agent_id)
        return Wrote(
            result,
            Changes(
                customers=frozenset({customer_id}),
                conversations=frozenset(result.conversation_ids),
                listing=True,
                rules=True,
                audit=True,
            ),
        )

    return WriteOp(parent=parent, op=op, success=success)


def purge_store_files(
    *, parent: QObject, store: Store, success: Callable[[PurgeResult], None]
) -> QueryOp[PurgeResult]:
    """After an erasure: leave no erased byte in the store's files (uses no session)."""
    return QueryOp(parent=parent, op=lambda _session: purge_residue(store.engine), success=success)
