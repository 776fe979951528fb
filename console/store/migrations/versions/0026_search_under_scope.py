"""A person's search reads the search indexes, not every row through its policy
(PostgreSQL; SQLite: nothing changes).

* ``console_private.search_hits(query)`` (console/store/search_scope.py) finds the
  matching conversations with the owner's rights and keeps those of the signed-in
  person's scope: row-level security put each search table's policy before the text
  match, so a person's search read all of ``message_fts`` (1.3 s at a million
  messages). The people's group may run it (``team init`` grants it too, for a store
  made later).
* ``search_postings`` (console/store/search_postings.py): per word, the conversations
  holding it, so a one-word search reads an index only (``order`` at a million
  messages: 60-100 ms -> 5 ms for its 40,000 conversations). Filled here from the
  search tables (a few minutes at a million messages), then kept by triggers.

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-01 05:30:00
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

from console.store import search_postings, search_scope

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None

_PEOPLE_GROUP = "console_people"  # console/team/people.py, as it was at this revision


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    search_postings.install(bind)
    search_scope.install(bind)
    if bind.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": _PEOPLE_GROUP}):
        op.execute(f'GRANT EXECUTE ON FUNCTION {search_scope.SIGNATURE} TO "{_PEOPLE_GROUP}"')


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        search_scope.uninstall(op.get_bind())
        search_postings.uninstall(op.get_bind())
