"""Peak events for the staffing forecast: a name, the days, the expected multiplier of
inbound volume, and the market (none: every market).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-14 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "peak_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("multiplier", sa.Float(), nullable=False),
        sa.Column("market_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["market_id"], ["markets.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_peak_events_days", "peak_events", ["first_day", "last_day"])
    op.create_index("ix_peak_events_market_id", "peak_events", ["market_id"])


def downgrade() -> None:
    op.drop_index("ix_peak_events_market_id", table_name="peak_events")
    op.drop_index("ix_peak_events_days", table_name="peak_events")
    op.drop_table("peak_events")
