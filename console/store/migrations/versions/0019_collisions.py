"""No collisions: version columns against lost updates, and who has a conversation open.

Who is writing a reply is kept too (conversation_presence; see console/inbox/presence.py).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-01 02:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from console.store.live_updates import NotifyTable, drop_notify_triggers, install_notify_triggers

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

#: Tables whose rows carry a version, raised by every change (a stale change is refused).
VERSIONED = ("conversations", "agent_shifts", "shift_exceptions")
#: Seats hear of each other's presence (PostgreSQL; console/team/listener.py -> Changes.presence).
WATCHED = [NotifyTable("conversation_presence", key="seat", conversation="conversation_id")]


def upgrade() -> None:
    for table in VERSIONED:  # an added column: no table is rebuilt, on SQLite either
        op.add_column(
            table, sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1"))
        )
    op.create_table(
        "conversation_presence",
        sa.Column("seat", sa.String(length=64), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("activity", sa.String(length=16), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["conversation_id"], ["conversations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["agents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("seat"),
    )
    op.create_index(
        "ix_conversation_presence_conversation_id", "conversation_presence", ["conversation_id"]
    )
    op.create_index("ix_conversation_presence_seen_at", "conversation_presence", ["seen_at"])
    install_notify_triggers(op.get_bind(), WATCHED)


def downgrade() -> None:
    drop_notify_triggers(op.get_bind(), WATCHED)
    op.drop_index("ix_conversation_presence_seen_at", table_name="conversation_presence")
    op.drop_index("ix_conversation_presence_conversation_id", table_name="conversation_presence")
    op.drop_table("conversation_presence")
    for table in reversed(VERSIONED):
        # SQLite (3.35+) drops a plain column in place: a batch rebuild of conversations
        # is refused there ("database table is locked") while its FTS triggers hold it.
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f'ALTER TABLE "{table}" DROP COLUMN version')
        else:
            op.drop_column(table, "version")
