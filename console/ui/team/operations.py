"""The people's store work, as named operations (console/ui/lanes/operations.py).

Every change is recorded for the person of the window's AppState and puts
``Changes(people=True, audit=True)`` on the change bus.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject
from sqlalchemy.orm import Session

from console.changes import Changes
from console.problems import problem
from console.store.models import AgentRole
from console.team import people
from console.team.people import PeopleError, PersonSpec, PersonView
from console.ui.lanes.operations import QueryOp, WriteOp, Wrote

PEOPLE_CHANGED = Changes(people=True, audit=True)


def load_people(
    *, parent: QObject, success: Callable[[list[PersonView]], None]
) -> QueryOp[list[PersonView]]:
    return QueryOp(parent=parent, op=people.list_people, success=success)


def load_person(
    *, parent: QObject, person_id: int, success: Callable[[PersonView | None], None]
) -> QueryOp[PersonView | None]:
    return QueryOp(
        parent=parent, op=lambda session: people.get_person(session, person_id), success=success
    )


def _editor(session: Session, acting_id: int | None) -> None:
    """Only an administrator changes people (the database refuses others in team mode too)."""
    acting = people.get_person(session, acting_id) if acting_id is not None else None
    if acting is None or not acting.can_edit_people:
        raise PeopleError(problem(people.NOT_ALLOWED))


def save_person(
    *,
    parent: QObject,
    spec: PersonSpec,
    person_id: int | None,
    password: str | None,
    actor: str,
    acting_id: int | None,
    success: Callable[[PersonView], None] | None = None,
) -> WriteOp[PersonView]:
    def op(session: Session) -> Wrote[PersonView]:
        _editor(session, acting_id)
        saved = people.save_person(
            session, spec, actor=actor, person_id=person_id, password=password
        )
        return Wrote(saved, PEOPLE_CHANGED)

    return WriteOp(parent=parent, op=op, success=success)


def set_disabled(
    *,
    parent: QObject,
    person_id: int,
    disabled: bool,
    actor: str,
    acting_id: int | None,
    success: Callable[[PersonView], None] | None = None,
) -> WriteOp[PersonView]:
    def op(session: Session) -> Wrote[PersonView]:
        _editor(session, acting_id)
        changed = people.set_disabled(
            session, person_id, disabled, actor=actor, acting_id=acting_id
        )
        return Wrote(changed, PEOPLE_CHANGED)

    return WriteOp(parent=parent, op=op, success=success)


def expire_person(
    *,
    parent: QObject,
    person_id: int,
    actor: str,
    acting_id: int | None,
    last_day: date | None = None,
    success: Callable[[PersonView], None] | None = None,
) -> WriteOp[PersonView]:
    def op(session: Session) -> Wrote[PersonView]:
        _editor(session, acting_id)
        changed = people.expire_person(
            session, person_id, actor=actor, acting_id=acting_id, last_day=last_day
        )
        return Wrote(changed, PEOPLE_CHANGED)

    return WriteOp(parent=parent, op=op, success=success)


def create_local_profile(
    *, parent: QObject, name: str, first: bool, success: Callable[[PersonView], None]
) -> WriteOp[PersonView]:
    """A single seat's new local profile (the first one of a store administers it)."""

    def op(session: Session) -> Wrote[PersonView]:
        role = AgentRole.ADMIN if first else AgentRole.AGENT
        made = people.save_person(session, PersonSpec(name=name, role=role), actor=name)
        return Wrote(made, PEOPLE_CHANGED)

    return WriteOp(parent=parent, op=op, success=success)
