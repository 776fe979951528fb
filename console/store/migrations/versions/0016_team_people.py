"""Team mode people: each a PostgreSQL login role; disabled, expired accounts; local profiles.

* ``login_role``: the PostgreSQL login role the person signs in as (team stores);
  unique, so ``agents.login_role = current_user`` finds at most one person.
  NULL: a person without an account (a single-seat local profile, or someone
  copied from a single seat who has not been given an account yet).
* ``disabled_at``: when an administrator disabled the person (NULL: not
  disabled). A disabled person keeps their history but cannot sign in.

The markets a person serves are the coverage planner's market assignments.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01 02:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("agents") as batch:
        batch.add_column(sa.Column("login_role", sa.String(length=63), nullable=True))
        batch.add_column(sa.Column("disabled_at", sa.DateTime(), nullable=True))
        batch.create_unique_constraint("uq_agents_login_role", ["login_role"])


def downgrade() -> None:
    with op.batch_alter_table("agents") as batch:
        batch.drop_constraint("uq_agents_login_role", type_="unique")
        batch.drop_column("disabled_at")
        batch.drop_column("login_role")
