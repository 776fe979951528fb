"""Data-subject requests: tombstones of erased customers and retention rules per market.

``data_subject_requests`` keeps what stays of an erasure (kind, customer id, when, who,
why, counts); ``erased_conversations`` marks conversations whose texts are gone (their
rows stay for the KPIs); ``retention_rules`` holds each market's retention period.
See console/store/privacy_tables.py.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-01 02:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "data_subject_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("market_code", sa.String(length=16), nullable=True),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("requested_by", sa.String(length=200), nullable=False),
        sa.Column("requested_by_agent_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_data_subject_requests_customer_id", "data_subject_requests", ["customer_id"]
    )
    op.create_index(
        "ix_data_subject_requests_requested_at", "data_subject_requests", ["requested_at"]
    )
    op.create_table(
        "erased_conversations",
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("erased_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["conversation_id"], ["conversations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["request_id"], ["data_subject_requests.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("conversation_id"),
    )
    op.create_index("ix_erased_conversations_request_id", "erased_conversations", ["request_id"])
    op.create_table(
        "retention_rules",
        sa.Column("market_code", sa.String(length=16), nullable=False),
        sa.Column("resolved_months", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("market_code"),
    )


def downgrade() -> None:
    op.drop_table("retention_rules")
    op.drop_index("ix_erased_conversations_request_id", table_name="erased_conversations")
    op.drop_table("erased_conversations")
    op.drop_index("ix_data_subject_requests_requested_at", table_name="data_subject_requests")
    op.drop_index("ix_data_subject_requests_customer_id", table_name="data_subject_requests")
    op.drop_table("data_subject_requests")
