"""Team store speed at a million messages (PostgreSQL; SQLite: nothing changes).

* The search text functions of 0015 again, faster: unicode61's folds are applied a
  code point range at a time and only to texts holding such a character
  (``console_search_fold``), not as one ``translate`` over ~350 characters that cost
  0.4 ms per message on every ingest. The tokens are the same, so the stored
  tsvectors stay as they are.
* ``ix_conversations_inbox``: the inbox's order (newest activity first) over the
  conversations not snoozed, holding the assignee and status too. Every inbox page
  reads the ids of its view in that order and counts each view's open work; the ids
  are now an index-only scan in order instead of a scan of the whole (wide) table
  and a sort: at 1,000,000 messages (151,000 conversations) 171 ms -> 62 ms on a busy
  2-core machine. The counts become index-only scans too (about as fast as before
  there: every demo conversation is open and unassigned).

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-01 03:00:00
"""

from __future__ import annotations

import importlib

from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

_SEARCH = importlib.import_module("console.store.migrations.versions.0015_postgresql_search")


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for function in _SEARCH.text_functions(bind):
        op.execute(function)
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_conversations_inbox ON conversations "
        "(last_activity_at DESC, id DESC) INCLUDE (assignee_id, status) "
        "WHERE snoozed_until IS NULL"
    )


def downgrade() -> None:
    # The faster search functions give the same tokens: they stay.
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_conversations_inbox")
