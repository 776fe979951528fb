"""Masked customer data: masked columns, keyed hashes for exact lookups, audited reveals.

Both engines: ``agents.masked`` (the person reads customer data masked,
console/privacy/masking.py); vendor and temporary people become masked.

PostgreSQL only (a single seat masks in the window; there is no database role to
enforce it on): the masked columns and their triggers, the ``console_masked``
views, the keyed identity hash and the audited reveal of
console/store/masking_sql.py. The privileges that make masked people read only
masked columns are granted by ``team init`` (console/team/masking_roles.py).

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-01 03:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from console.store import masking_sql

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("agents") as batch:
        batch.add_column(
            sa.Column("masked", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.execute("UPDATE agents SET masked = (vendor IS NOT NULL OR expires_on IS NOT NULL)")
    if op.get_bind().dialect.name == "postgresql":
        masking_sql.install(op.get_bind())


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        masking_sql.uninstall(op.get_bind())
    with op.batch_alter_table("agents") as batch:
        batch.drop_column("masked")
