"""Routing's store work, as named operations (console/ui/lanes/operations.py).

Rule changes are writes that say ``Changes(routing=True)``; each takes the editor's
person id (only leads and administrators may change rules; the core checks it) and
the actor from :class:`~console.ui.app_state.AppState`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject
from sqlalchemy.orm import Session

from console import routing
from console.changes import Changes
from console.routing import Explanation, RoutingSettings
from console.team import scope
from console.ui.lanes.operations import QueryOp, WriteOp, Wrote

#: A routing edit: the routing views reload, and the audit log has one entry more.
_EDITED = Changes(routing=True, audit=True)


def load_routing_explanation(
    *, parent: QObject, conversation_id: int, success: Callable[[Explanation | None], None]
) -> QueryOp[Explanation | None]:
    """Why the conversation is where it is (None: routing had no say in it)."""
    return QueryOp(
        parent=parent,
        op=lambda session: routing.explanation(session, conversation_id),
        success=success,
    )


def load_routing_settings(
    *, parent: QObject, person_id: int | None, success: Callable[[RoutingSettings], None]
) -> QueryOp[RoutingSettings]:
    return QueryOp(
        parent=parent,
        op=lambda session: routing.load_settings(session, person_id),
        success=success,
    )


def set_capacity(
    *,
    parent: QObject,
    agent_id: int,
    capacity: int,
    version: int,
    editor_id: int | None,
    actor: str,
    success: Callable[[int], None] | None = None,
) -> WriteOp[int]:
    def op(session: Session) -> Wrote[int]:
        new = routing.set_capacity(
            session, agent_id, capacity, version=version, editor_id=editor_id, actor=actor
        )
        return Wrote(new, _EDITED)

    return WriteOp(parent=parent, op=op, success=success)


def set_queue_mode(
    *,
    parent: QObject,
    queue_id: int,
    auto_assign: bool,
    version: int,
    editor_id: int | None,
    actor: str,
    success: Callable[[int], None] | None = None,
) -> WriteOp[int]:
    def op(session: Session) -> Wrote[int]:
        new = routing.set_queue_mode(
            session, queue_id, auto_assign, version=version, editor_id=editor_id, actor=actor
        )
        return Wrote(new, _EDITED)

    return WriteOp(parent=parent, op=op, success=success)


def set_queue_vendor(
    *,
    parent: QObject,
    queue_id: int,
    vendor: str,
    version: int,
    editor_id: int | None,
    actor: str,
    success: Callable[[int | None], None] | None = None,
) -> WriteOp[int | None]:
    """Give a queue to a vendor (blank: in-house); who sees its conversations changes, so
    the inbox lists again (``listing``)."""

    def op(session: Session) -> Wrote[int | None]:
        new = scope.set_queue_vendor(
            session, queue_id, vendor, version=version, editor_id=editor_id, actor=actor
        )
        return Wrote(new, _EDITED | Changes(listing=True))

    return WriteOp(parent=parent, op=op, success=success)


def save_rule(
    *,
    parent: QObject,
    kind: str,
    language: str,
    keywords: Sequence[str],
    enabled: bool,
    version: int,
    editor_id: int | None,
    actor: str,
    success: Callable[[int], None] | None = None,
) -> WriteOp[int]:
    def op(session: Session) -> Wrote[int]:
        new = routing.save_rule(
            session, kind, language, keywords, enabled,
            version=version, editor_id=editor_id, actor=actor,
        )  # fmt: skip
        return Wrote(new, _EDITED)

    return WriteOp(parent=parent, op=op, success=success)


def add_vip(
    *,
    parent: QObject,
    address: str,
    editor_id: int | None,
    actor: str,
    success: Callable[[int], None] | None = None,
) -> WriteOp[int]:
    def op(session: Session) -> Wrote[int]:
        customer_id = routing.add_vip(session, address, editor_id=editor_id, actor=actor)
        return Wrote(customer_id, _EDITED)

    return WriteOp(parent=parent, op=op, success=success)


def remove_vip(
    *,
    parent: QObject,
    customer_id: int,
    editor_id: int | None,
    actor: str,
    success: Callable[[None], None] | None = None,
) -> WriteOp[None]:
    def op(session: Session) -> Wrote[None]:
        routing.remove_vip(session, customer_id, editor_id=editor_id, actor=actor)
        return Wrote(None, _EDITED)

    return WriteOp(parent=parent, op=op, success=success)
