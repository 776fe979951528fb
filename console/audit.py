"""The append-only audit log: who did what to which record, and when."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from console.store.models import AuditEntry


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
