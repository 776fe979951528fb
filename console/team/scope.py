"""Whose rows a connection sees in a team store (Qt-free).

Row-level security (migration ``0022_row_level_security``) shows a signed-in
person the conversations of their scope (``console_scope(current_user)``); the
table owner, superusers and roles with ``BYPASSRLS`` see every row. The team's
duties (ingest, routing, delivery: console/team/duties.py) need every row, so a
seat takes them over only when its login sees every row: an administrator, an
in-house lead, QA or compliance person, or the owner. A single seat (SQLite) has
no database roles: everything there is visible, and scope is a team-mode guarantee.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

#: One row, one boolean: whether the connection's ``current_user`` sees every row.
SEES_EVERY_ROW_SQL = (
    "SELECT r.rolsuper OR r.rolbypassrls OR pg_has_role(current_user, c.relowner, 'USAGE') "
    "OR coalesce((SELECT s.everything FROM console_scope(current_user) s), false) "
    "FROM pg_roles r, pg_class c "
    "WHERE r.rolname = current_user AND c.oid = 'conversations'::regclass"
)


def sees_every_row(session: Session) -> bool:
    """Whether this session sees every row of the store (always on SQLite)."""
    if session.get_bind().dialect.name != "postgresql":
        return True
    return bool(session.scalar(text(SEES_EVERY_ROW_SQL)))


def set_queue_vendor(session: Session, queue_id: int, vendor: str | None, *, actor: str) -> None:
    """Give a routing queue to an outsourcing vendor (None: in-house); audited.

    The vendor's people then see the queue's conversations (their agents those of the
    markets they serve) and people of other vendors no longer do. Leads and
    administrators may change queues (console/team/privileges.py).
    """
    from console import audit
    from console.store.routing_tables import RoutingQueue

    queue = session.get(RoutingQueue, queue_id)
    if queue is None:
        return
    before = queue.vendor
    queue.vendor = (vendor or "").strip() or None
    queue.version += 1
    queue.updated_by = actor
    session.flush()
    audit.record(
        session,
        actor=actor,
        action=audit.SCOPE_CHANGED,
        entity="routing_queue",
        entity_id=queue_id,
        queue=queue.key,
        vendor=queue.vendor,
        vendor_before=before,
    )
