"""Quality review: versioned rubrics, weekly samples, reviews, item scores and comments.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-14 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "quality_rubrics",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key", name="uq_quality_rubric_key"),
    )
    op.create_table(
        "quality_rubric_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rubric_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("names", sa.JSON(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["rubric_id"], ["quality_rubrics.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("rubric_id", "version", name="uq_quality_rubric_version"),
    )
    op.create_table(
        "quality_rubric_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("section", sa.JSON(), nullable=False),
        sa.Column("names", sa.JSON(), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("auto_fail", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["version_id"], ["quality_rubric_versions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("version_id", "key", name="uq_quality_item_key"),
    )
    op.create_index("ix_quality_rubric_items_version_id", "quality_rubric_items", ["version_id"])
    op.create_table(
        "quality_sampling",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mode", sa.String(length=8), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("share", sa.Float(), nullable=False),
        sa.Column("newcomer_factor", sa.Float(), nullable=False),
        sa.Column("temporary_factor", sa.Float(), nullable=False),
        sa.Column("newcomer_days", sa.Integer(), nullable=False),
        sa.Column("calibration_share", sa.Float(), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "quality_assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["agent_id"], ["agents.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["conversation_id"], ["conversations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["reviewer_id"], ["agents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("reviewer_id", "conversation_id", name="uq_quality_assignment"),
    )
    op.create_index(
        "ix_quality_assignments_week_agent", "quality_assignments", ["week_start", "agent_id"]
    )
    op.create_index(
        "ix_quality_assignments_conversation_id", "quality_assignments", ["conversation_id"]
    )
    op.create_index("ix_quality_assignments_reviewer_id", "quality_assignments", ["reviewer_id"])
    op.create_table(
        "quality_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=False),
        sa.Column("rubric_version_id", sa.Integer(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("total", sa.Float(), nullable=False),
        sa.Column("auto_failed", sa.Boolean(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["assignment_id"], ["quality_assignments.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["conversation_id"], ["conversations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["agent_id"], ["agents.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["reviewer_id"], ["agents.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["rubric_version_id"], ["quality_rubric_versions.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("assignment_id", name="uq_quality_review_assignment"),
    )
    op.create_index("ix_quality_reviews_week_agent", "quality_reviews", ["week_start", "agent_id"])
    op.create_index("ix_quality_reviews_conversation_id", "quality_reviews", ["conversation_id"])
    op.create_table(
        "quality_item_scores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        # 0 not met, 1 partly, 2 met; NULL: does not apply (auto-fail: 0 it happened).
        sa.Column("score", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["review_id"], ["quality_reviews.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["item_id"], ["quality_rubric_items.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("review_id", "item_id", name="uq_quality_item_score"),
    )
    op.create_index("ix_quality_item_scores_item_id", "quality_item_scores", ["item_id"])
    op.create_table(
        "quality_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["review_id"], ["quality_reviews.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["item_id"], ["quality_rubric_items.id"]),
        sa.ForeignKeyConstraint(["author_id"], ["agents.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_quality_comments_review_id", "quality_comments", ["review_id"])


def downgrade() -> None:
    op.drop_table("quality_comments")
    op.drop_table("quality_item_scores")
    op.drop_table("quality_reviews")
    op.drop_table("quality_assignments")
    op.drop_table("quality_sampling")
    op.drop_table("quality_rubric_items")
    op.drop_table("quality_rubric_versions")
    op.drop_table("quality_rubrics")
