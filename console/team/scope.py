"""Whose rows a connection sees in a team store (Qt-free).

Row-level security (migration ``0022_row_level_security``) shows a signed-in
person the conversations of their scope (``console_scope(current_user)``; whether a
connection sees every row: console/store/row_scope.py). The team's duties (ingest,
routing, delivery: console/team/duties.py) need every row, so a seat takes them over
only when its login sees every row: an administrator, an in-house lead, QA or
compliance person, or the owner. A single seat (SQLite) has no database roles:
everything there is visible, and scope is a team-mode guarantee. Here: which
vendor a queue belongs to.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from console.problems import ProblemError, define, problem

#: The longest vendor name a queue (and a person) can carry.
VENDOR_CHARS = 200
VENDOR_TOO_LONG = define(
    "team.vendor_too_long", "A vendor's name can be at most {limit} characters long."
)
ESCALATION_IN_HOUSE = define(
    "team.escalation_in_house",
    "The escalation queue is worked in-house; it cannot be given to a vendor.",
)


def set_queue_vendor(
    session: Session,
    queue_id: int,
    vendor: str | None,
    *,
    actor: str,
    version: int | None = None,
    editor_id: int | None = None,
) -> int | None:
    """Give a routing queue to an outsourcing vendor (None or blank: in-house); audited.

    The vendor's people then see the queue's conversations (their agents those of the
    markets they serve) and people of other vendors no longer do. A person's change (Team
    → Routing rules…) gives who makes it (``editor_id``: a lead or administrator, as for
    the other routing rules, else :data:`console.routing.rules.NOT_ALLOWED`) and the
    queue's ``version`` they read (someone else's change meanwhile is refused with
    :data:`console.routing.rules.CHANGED_ELSEWHERE`, a removed queue with ``GONE``); the
    store owner's own setup gives neither. In team mode the database lets only leads and
    administrators change queues (console/team/privileges.py). The escalation queue stays
    in-house. Returns the queue's new version (None: no such queue and none was asked).
    """
    from console import audit
    from console.routing.rules import GONE, bump_version, check_editor
    from console.store.routing_tables import RoutingQueue

    checked = version is not None or editor_id is not None
    if checked:
        check_editor(session, editor_id)
    name = (vendor or "").strip() or None
    if name is not None and len(name) > VENDOR_CHARS:
        raise ProblemError(problem(VENDOR_TOO_LONG, limit=VENDOR_CHARS))
    queue = session.get(RoutingQueue, queue_id)
    if queue is None:
        if checked:
            raise ProblemError(problem(GONE))
        return None
    if queue.escalation and name is not None:
        raise ProblemError(problem(ESCALATION_IN_HOUSE))
    key, before = queue.key, queue.vendor
    if version is None:
        queue.vendor = name
        queue.version += 1
        queue.updated_by = actor
        session.flush()
        new_version = queue.version
    else:
        new_version = bump_version(
            session, RoutingQueue, RoutingQueue.id == queue_id, version,
            vendor=name, updated_by=actor,
        )  # fmt: skip
    audit.record(
        session,
        actor=actor,
        action=audit.SCOPE_CHANGED,
        entity="routing_queue",
        entity_id=queue_id,
        queue=key,
        vendor=name,
        vendor_before=before,
    )
    return new_version
