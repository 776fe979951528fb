"""The inbox's view counts read at most a thousand index entries each (PostgreSQL).

``ix_conversations_open_work``: the conversations that are awake and not resolved, by
assignee. The view tabs count open work up to ``VIEW_COUNT_CAP`` (console/inbox/
queries.py): *Mine* reads the agent's own entries, *Unassigned* the null ones and
*All* the first thousand, instead of every open conversation of the team on every
inbox page. SQLite (one seat) keeps its indexes: the same bounded counts are cheap there.

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


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_conversations_open_work ON conversations (assignee_id) "
        "WHERE snoozed_until IS NULL AND status <> 'resolved'"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_conversations_open_work")
