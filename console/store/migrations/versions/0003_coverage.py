"""Coverage planning (agent shifts, leave, market support hours, market assignments),
customer time-zone corrections and replies scheduled for later (scheduled_sends).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 16:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agent_shifts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("start", sa.String(length=5), nullable=False),
        sa.Column("end", sa.String(length=5), nullable=False),
        sa.Column("zone", sa.String(length=64), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["agent_id"], ["agents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("agent_shifts", schema=None) as batch_op:
        batch_op.create_index("ix_agent_shifts_agent_id", ["agent_id"], unique=False)

    op.create_table(
        "shift_exceptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("start", sa.String(length=5), nullable=True),
        sa.Column("end", sa.String(length=5), nullable=True),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["agent_id"], ["agents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("shift_exceptions", schema=None) as batch_op:
        batch_op.create_index("ix_shift_exceptions_agent_id", ["agent_id"], unique=False)

    op.create_table(
        "market_support_hours",
        sa.Column("market_id", sa.Integer(), nullable=False),
        sa.Column("zone", sa.String(length=64), nullable=False),
        sa.Column("periods", sa.JSON(), nullable=False),
        sa.Column("holiday_country", sa.String(length=2), nullable=True),
        sa.ForeignKeyConstraint(["market_id"], ["markets.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("market_id"),
    )

    op.create_table(
        "market_assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("market_id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("assigned_by", sa.String(length=200), nullable=False),
        sa.Column("assigned_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["agent_id"], ["agents.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["market_id"], ["markets.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("market_id", "agent_id", name="uq_market_assignment"),
    )
    with op.batch_alter_table("market_assignments", schema=None) as batch_op:
        batch_op.create_index("ix_market_assignments_market_id", ["market_id"], unique=False)
        batch_op.create_index("ix_market_assignments_agent_id", ["agent_id"], unique=False)

    op.create_table(
        "customer_zone_corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("zone", sa.String(length=64), nullable=False),
        sa.Column("previous_zone", sa.String(length=64), nullable=True),
        sa.Column("corrected_by", sa.String(length=200), nullable=False),
        sa.Column("corrected_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("customer_zone_corrections", schema=None) as batch_op:
        batch_op.create_index(
            "ix_zone_corrections_customer", ["customer_id", "corrected_at"], unique=False
        )

    op.create_table(
        "scheduled_sends",
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("send_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["message_id"], ["messages.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("message_id"),
    )
    with op.batch_alter_table("scheduled_sends", schema=None) as batch_op:
        batch_op.create_index(
            "ix_scheduled_sends_state_send_at", ["state", "send_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("scheduled_sends", schema=None) as batch_op:
        batch_op.drop_index("ix_scheduled_sends_state_send_at")
    op.drop_table("scheduled_sends")
    with op.batch_alter_table("customer_zone_corrections", schema=None) as batch_op:
        batch_op.drop_index("ix_zone_corrections_customer")
    op.drop_table("customer_zone_corrections")
    with op.batch_alter_table("market_assignments", schema=None) as batch_op:
        batch_op.drop_index("ix_market_assignments_agent_id")
        batch_op.drop_index("ix_market_assignments_market_id")
    op.drop_table("market_assignments")
    op.drop_table("market_support_hours")
    with op.batch_alter_table("shift_exceptions", schema=None) as batch_op:
        batch_op.drop_index("ix_shift_exceptions_agent_id")
    op.drop_table("shift_exceptions")
    with op.batch_alter_table("agent_shifts", schema=None) as batch_op:
        batch_op.drop_index("ix_agent_shifts_agent_id")
    op.drop_table("agent_shifts")
