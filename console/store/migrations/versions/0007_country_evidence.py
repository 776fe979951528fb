"""The customer's country from evidence: why the country is what it is.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("customers") as batch:
        # "channel", "agent", or the evidence of a guess ("email_domain", "phone", ...).
        batch.add_column(sa.Column("country_source", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("country_evidence", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("customers") as batch:
        batch.drop_column("country_evidence")
        batch.drop_column("country_source")
