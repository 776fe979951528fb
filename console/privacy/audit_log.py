"""Reading the audit log for the viewer (Qt-free): who may, filters, pages, choices.

The log can hold millions of entries, so it is read a page at a time, newest first,
by id (keyset paging: the next page starts below the last id shown, never an
OFFSET), and counted separately.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, String, cast, func, or_, select
from sqlalchemy.orm import Session

from console.store.models import Agent, AgentRole, AuditEntry

#: Roles that may read the audit log.
AUDIT_ROLES = frozenset({AgentRole.ADMIN, AgentRole.COMPLIANCE})
PAGE = 200


@dataclass(frozen=True)
class AuditFilter:
    actor: str | None = None
    action: str | None = None
    entity: str | None = None
    #: First and last day (UTC), inclusive; None: open.
    since: date | None = None
    until: date | None = None
    #: Words in the actor, action, entity, id or details.
    text: str = ""


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: int | None
    detail: str  # the details as one line of JSON


@dataclass(frozen=True)
class AuditChoices:
    actors: tuple[str, ...]
    actions: tuple[str, ...]
    entities: tuple[str, ...]


def can_view_audit(session: Session, person_id: int | None) -> bool:
    """Admins and compliance staff read the audit log."""
    if person_id is None:
        return False
    person = session.get(Agent, person_id)
    return person is not None and person.disabled_at is None and person.role in AUDIT_ROLES


def _filtered(statement: Select[Any], wanted: AuditFilter) -> Select[Any]:
    if wanted.actor:
        statement = statement.where(AuditEntry.actor == wanted.actor)
    if wanted.action:
        statement = statement.where(AuditEntry.action == wanted.action)
    if wanted.entity:
        statement = statement.where(AuditEntry.entity == wanted.entity)
    if wanted.since is not None:
        statement = statement.where(AuditEntry.at >= datetime.combine(wanted.since, time(), UTC))
    if wanted.until is not None:
        end = datetime.combine(wanted.until + timedelta(days=1), time(), UTC)
        statement = statement.where(AuditEntry.at < end)
    for word in wanted.text.split():
        bare = word.replace("\\", "").replace("%", "").replace("_", "")
        if not bare:
            continue
        pattern = f"%{bare}%"
        conditions: list[ColumnElement[bool]] = [
            AuditEntry.actor.ilike(pattern),
            AuditEntry.action.ilike(pattern),
            AuditEntry.entity.ilike(pattern),
            cast(AuditEntry.detail, String).ilike(pattern),
        ]
        if word.isdigit():
            conditions.append(AuditEntry.entity_id == int(word))
        statement = statement.where(or_(*conditions))
    return statement


def count_entries(session: Session, wanted: AuditFilter) -> int:
    return int(session.scalar(_filtered(select(func.count(AuditEntry.id)), wanted)) or 0)


def page_entries(
    session: Session, wanted: AuditFilter, *, below: int | None = None, limit: int = PAGE
) -> list[AuditRow]:
    """Up to ``limit`` entries, newest first, with ids below ``below`` (None: from the newest)."""
    statement = _filtered(
        select(
            AuditEntry.id,
            AuditEntry.at,
            AuditEntry.actor,
            AuditEntry.action,
            AuditEntry.entity,
            AuditEntry.entity_id,
            AuditEntry.detail,
        ),
        wanted,
    )
    if below is not None:
        statement = statement.where(AuditEntry.id < below)
    rows = session.execute(statement.order_by(AuditEntry.id.desc()).limit(limit)).all()
    return [
        AuditRow(
            id=row.id,
            at=row.at,
            actor=row.actor,
            action=row.action,
            entity=row.entity,
            entity_id=row.entity_id,
            detail=json.dumps(row.detail, ensure_ascii=False, sort_keys=True),
        )
        for row in rows
    ]


def audit_choices(session: Session) -> AuditChoices:
    """The actors, actions and entities in the log, for the filters."""

    def distinct(column: Any) -> tuple[str, ...]:
        return tuple(session.scalars(select(column).distinct().order_by(column)))

    return AuditChoices(
        distinct(AuditEntry.actor), distinct(AuditEntry.action), distinct(AuditEntry.entity)
    )
