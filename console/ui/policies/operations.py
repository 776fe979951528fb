"""The return and privacy rules' store work, as named operations (console/ui/lanes/operations.py).

Reads are :class:`QueryOp`; writes are :class:`WriteOp` whose changes say what
they touched: a change to the rules (a market's rules, a restore, a review, the
review period, the store-wide return window) is ``rules``; a tracked task opens
or closes on a conversation, which the inbox row (overdue marker) and the
conversation's rules panel show. The acting person comes from
:class:`~console.ui.app_state.AppState`: the rules are role-gated on their id.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject
from sqlalchemy.orm import Session

from console.changes import Changes
from console.policies import (
    EditorAccess,
    MarketSummary,
    PolicyView,
    TaskOffer,
    VersionInfo,
    complete_task,
    editor_access,
    ensure_seed_pack,
    list_markets,
    mark_reviewed,
    market_rules,
    open_task,
    policy_view,
    restore_version,
    review_queue,
    save_market,
    set_review_period,
    set_store_return_window,
    store_return_window,
    version_history,
)
from console.policies.rules import review_period_days
from console.policies.schema import Json
from console.ui.lanes.operations import QueryOp, WriteOp, Wrote

RULES = Changes(rules=True)


@dataclass(frozen=True)
class ComplianceOverview:
    """What the compliance editor shows besides one market: access, markets, review queue."""

    access: EditorAccess
    markets: list[MarketSummary]
    queue: list[MarketSummary]
    review_period: int
    store_return_days: int | None


@dataclass(frozen=True)
class MarketRules:
    data: Json | None
    versions: list[VersionInfo]


# -- the conversation's rules -----------------------------------------------------------------


def load_policy(
    *,
    parent: QObject,
    conversation_id: int,
    display_locale: str,
    success: Callable[[PolicyView | None], None],
) -> QueryOp[PolicyView | None]:
    """The rules of the conversation's customer, with the dates worked out for its message."""
    return QueryOp(
        parent=parent,
        op=lambda session: policy_view(session, conversation_id, display_locale=display_locale),
        success=success,
    )


def open_policy_task(
    *,
    parent: QObject,
    conversation_id: int,
    offer: TaskOffer,
    agent_id: int | None,
    success: Callable[[None], None],
) -> WriteOp[None]:
    """Track a request (data access, withdrawal, …) with its statutory due date."""

    def op(session: Session) -> Wrote[None]:
        open_task(
            session, conversation_id, offer.kind, message_id=offer.message_id, agent_id=agent_id
        )
        return Wrote(None, Changes(conversations=frozenset({conversation_id})))

    return WriteOp(parent=parent, op=op, success=success)


def complete_policy_task(
    *,
    parent: QObject,
    conversation_id: int,
    task_id: int,
    agent_id: int | None,
    success: Callable[[None], None],
) -> WriteOp[None]:
    """Mark a tracked task done (clears the conversation's overdue marker)."""

    def op(session: Session) -> Wrote[None]:
        complete_task(session, task_id, agent_id=agent_id)
        return Wrote(None, Changes(conversations=frozenset({conversation_id})))

    return WriteOp(parent=parent, op=op, success=success)


# -- the compliance editor ----------------------------------------------------------------------


def load_compliance_overview(
    *, parent: QObject, agent_id: int | None, success: Callable[[ComplianceOverview], None]
) -> QueryOp[ComplianceOverview]:
    """The person's access and the markets (the seed pack is stored first if missing)."""

    def op(session: Session) -> ComplianceOverview:
        ensure_seed_pack(session)
        return ComplianceOverview(
            editor_access(session, agent_id),
            list_markets(session),
            review_queue(session),
            review_period_days(session),
            store_return_window(session),
        )

    return QueryOp(parent=parent, op=op, success=success)


def load_market(
    *, parent: QObject, code: str, success: Callable[[MarketRules], None]
) -> QueryOp[MarketRules]:
    """A market's rules in force and its version history."""

    def op(session: Session) -> MarketRules:
        rules = market_rules(session, code)
        return MarketRules(rules.data if rules else None, version_history(session, code))

    return QueryOp(parent=parent, op=op, success=success)


def save_market_rules(
    *,
    parent: QObject,
    agent_id: int | None,
    data: Json,
    reason: str,
    effective_from: datetime | None,
    success: Callable[[int], None],
    based_on: int | None = None,
) -> WriteOp[int]:
    """A new version of a market's rules (its number), from ``effective_from`` or now;
    refused when another was saved after version ``based_on`` (the newest shown)."""

    def op(session: Session) -> Wrote[int]:
        version = save_market(
            session,
            agent_id,
            data,
            reason=reason,
            effective_from=effective_from,
            based_on=based_on,
        )
        return Wrote(version, RULES)

    return WriteOp(parent=parent, op=op, success=success)


def restore_market_version(
    *,
    parent: QObject,
    agent_id: int | None,
    code: str,
    version: int,
    reason: str,
    effective_from: datetime | None,
    success: Callable[[int], None],
    based_on: int | None = None,
) -> WriteOp[int]:
    """An earlier version in force again, as a new version (its number); refused as
    :func:`save_market_rules` is."""

    def op(session: Session) -> Wrote[int]:
        restored = restore_version(
            session,
            agent_id,
            code,
            version,
            reason=reason,
            effective_from=effective_from,
            based_on=based_on,
        )
        return Wrote(restored, RULES)

    return WriteOp(parent=parent, op=op, success=success)


def mark_market_reviewed(
    *, parent: QObject, agent_id: int | None, code: str, success: Callable[[int], None]
) -> WriteOp[int]:
    """The market's rules were checked and are current (the version reviewed)."""

    def op(session: Session) -> Wrote[int]:
        return Wrote(mark_reviewed(session, agent_id, code), RULES)

    return WriteOp(parent=parent, op=op, success=success)


def set_review_period_days(
    *, parent: QObject, agent_id: int | None, days: int, success: Callable[[None], None]
) -> WriteOp[None]:
    """How often every market's rules must be reviewed."""

    def op(session: Session) -> Wrote[None]:
        set_review_period(session, agent_id, days)
        return Wrote(None, RULES)

    return WriteOp(parent=parent, op=op, success=success)


def set_store_return_days(
    *, parent: QObject, agent_id: int | None, days: int | None, success: Callable[[None], None]
) -> WriteOp[None]:
    """The store-wide return window (None: none); refused where it would undercut the law."""

    def op(session: Session) -> Wrote[None]:
        set_store_return_window(session, agent_id, days)
        return Wrote(None, RULES)

    return WriteOp(parent=parent, op=op, success=success)
