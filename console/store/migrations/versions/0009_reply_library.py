"""The multilingual reply library: entries with a variant per language.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reply_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("source_language", sa.String(length=16), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key", name="uq_reply_entry_key"),
    )
    op.create_table(
        "reply_variants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        # "approved" or "machine_draft"
        sa.Column("status", sa.String(length=16), nullable=False),
        # Bumped whenever the text changes; a translation approved against an
        # older version of the source variant is stale.
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("approved_source_version", sa.Integer(), nullable=True),
        sa.Column("approved_by", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["entry_id"], ["reply_entries.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("entry_id", "language", name="uq_reply_variant_language"),
    )


def downgrade() -> None:
    op.drop_table("reply_variants")
    op.drop_table("reply_entries")
