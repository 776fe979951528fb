"""Whose rows a connection sees in a team store (PostgreSQL; every row on SQLite).

Row-level security (migration ``0022_row_level_security``) shows a signed-in
person the conversations of their scope (``console_scope(current_user)``); the
table owner, superusers and roles with ``BYPASSRLS`` see every row. What needs
every row asks here: the team's duties (console/team/duties.py) and the search's
choice of plan (console/inbox/queries.py).
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

#: Conversation ``c`` is in the scope ``s`` (a row of ``console_scope(login)``), besides
#: ``s.everything``: assigned to the person, of a market they serve or of a queue of theirs.
#: The policies of migration 0022 say the same; the SECURITY DEFINER functions that read
#: as the owner for a person (reveal, search) check it with this.
IN_SCOPE = (
    "(c.assignee_id = s.person_id OR c.market_id = ANY (s.market_ids) "
    "OR c.queue_id = ANY (s.queue_ids))"
)

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
