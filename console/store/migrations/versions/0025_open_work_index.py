"""The inbox's pages read indexes only, for everyone (PostgreSQL; SQLite: nothing changes).

* ``ix_conversations_open_work``: the conversations that are awake and not resolved,
  by assignee. The view tabs count open work up to ``VIEW_COUNT_CAP`` (console/inbox/
  queries.py): *Mine* reads the agent's own entries, *Unassigned* the null ones and
  *All* the first thousand, instead of every open conversation of the team on every
  inbox page.
* ``ix_conversations_inbox`` (0024) holds the market and the queue too, as does the new
  index: row-level security (0022) decides on them, and without them every
  conversation a person's page passed was read from the table (an agent of two
  markets: 46 ms -> 8 ms for the first 5,001 ids at a million messages).

SQLite (one seat, no row-level security) keeps its indexes: the same bounded counts are
cheap there.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-01 05:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None

_INBOX = (
    "CREATE INDEX ix_conversations_inbox ON conversations "
    "(last_activity_at DESC, id DESC) INCLUDE ({}) WHERE snoozed_until IS NULL"
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_conversations_inbox")
    op.execute(_INBOX.format("assignee_id, status, market_id, queue_id"))
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_conversations_open_work ON conversations (assignee_id) "
        "INCLUDE (market_id, queue_id) WHERE snoozed_until IS NULL AND status <> 'resolved'"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_conversations_open_work")
        op.execute("DROP INDEX IF EXISTS ix_conversations_inbox")
        op.execute(_INBOX.format("assignee_id, status"))
