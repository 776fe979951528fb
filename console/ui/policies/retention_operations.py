"""Retention rules and their daily run, as named operations (console/ui/lanes/operations.py).

The rules and the run are Qt-free (console/privacy/retention.py); the run's files are
purged afterwards with ``purge_store_files`` (console/ui/customers/data_request_operations.py
has the same for an erasure; :func:`purge_after_retention` here).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject
from sqlalchemy.orm import Session

from console.changes import Changes
from console.privacy.retention import (
    RetentionCandidate,
    RetentionResult,
    RetentionRuleView,
    apply_retention,
    may_edit_retention,
    retention_preview,
    retention_rules,
    set_retention_rule,
)
from console.privacy.subject_erase import PurgeResult, purge_residue
from console.store import Store
from console.ui.lanes.operations import QueryOp, WriteOp, Wrote


def load_retention(
    *,
    parent: QObject,
    agent_id: int | None,
    success: Callable[[tuple[bool, list[RetentionRuleView]]], None],
) -> QueryOp[tuple[bool, list[RetentionRuleView]]]:
    """Whether the person may change the rules, and every market's rule."""
    return QueryOp(
        parent=parent,
        op=lambda session: (may_edit_retention(session, agent_id), retention_rules(session)),
        success=success,
    )


def save_retention_rule(
    *,
    parent: QObject,
    market_code: str,
    months: int | None,
    agent_id: int | None,
    success: Callable[[None], None],
) -> WriteOp[None]:
    def op(session: Session) -> Wrote[None]:
        set_retention_rule(session, market_code, months, agent_id=agent_id)
        return Wrote(None, Changes(rules=True, audit=True))

    return WriteOp(parent=parent, op=op, success=success)


def preview_retention(
    *, parent: QObject, today: date, success: Callable[[list[RetentionCandidate]], None]
) -> QueryOp[list[RetentionCandidate]]:
    return QueryOp(
        parent=parent, op=lambda session: retention_preview(session, today), success=success
    )


def apply_daily_retention(
    *, parent: QObject, today: date, success: Callable[[RetentionResult], None]
) -> WriteOp[RetentionResult]:
    def op(session: Session) -> Wrote[RetentionResult]:
        result = apply_retention(session, today)
        if not result.conversations:
            return Wrote(result, Changes())
        return Wrote(
            result,
            Changes(
                conversations=frozenset(result.conversation_ids),
                customers=frozenset(result.customers_erased),
                listing=True,
                audit=True,
            ),
        )

    return WriteOp(parent=parent, op=op, success=success)


def purge_after_retention(
    *, parent: QObject, store: Store, success: Callable[[PurgeResult], None]
) -> QueryOp[PurgeResult]:
    """After a run that erased something: no erased byte left in the files (no session used)."""
    return QueryOp(parent=parent, op=lambda _session: purge_residue(store.engine), success=success)
