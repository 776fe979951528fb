"""Hostile and messy input: quarantine reasons as problem codes for the UI to word.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 20:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("quarantine") as batch:
        # console.problems.Problem as JSON ({"code", "params"}); NULL for rows
        # quarantined before codes existed (their English ``reason`` is shown).
        batch.add_column(sa.Column("problem", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("quarantine") as batch:
        batch.drop_column("problem")
