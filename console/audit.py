"""The append-only audit log: who did what to which record, and when."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from console.store.models import AuditEntry

#: Who a change is recorded for when no person is known (a seat before anyone is chosen).
UNKNOWN_ACTOR = "unknown agent"


def actor_name(agent: object | None) -> str:
    """The name an audit entry records for ``agent`` (anything with a ``name``), or the unknown."""
    name = getattr(agent, "name", None)
    return name if isinstance(name, str) and name else UNKNOWN_ACTOR


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None = None,
    **detail: Any,
) -> None:
    session.add(
        AuditEntry(actor=actor, action=action, entity=entity, entity_id=entity_id, detail=detail)
    )
