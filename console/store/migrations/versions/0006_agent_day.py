"""An agent's day: snoozed conversations and per-conversation reply drafts.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("conversations") as batch:
        batch.add_column(sa.Column("snoozed_until", sa.DateTime(), nullable=True))
        batch.create_index("ix_conversations_snoozed_until", ["snoozed_until"])
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        # 0 when no agent is chosen on this seat (a single-seat store).
        sa.Column("agent_key", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("outgoing_text", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["conversation_id"], ["conversations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("conversation_id", "agent_key", name="uq_draft_per_agent"),
    )


def downgrade() -> None:
    op.drop_table("drafts")
    with op.batch_alter_table("conversations") as batch:
        batch.drop_index("ix_conversations_snoozed_until")
        batch.drop_column("snoozed_until")
