"""What leads and compliance staff need to know about a person.

* ``role`` gains ``qa`` (quality reviewers) and ``admin``;
* ``vendor``: the outsourcing company a person works for (empty: in-house);
* ``joined_on``: first working day, so newcomers' work is sampled more for review;
* ``expires_on``: last working day of a temporary agent (peak staff).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-12 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_OLD_ROLES = ("agent", "lead", "compliance")
_NEW_ROLES = ("agent", "lead", "qa", "compliance", "admin")


def _role(values: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(*values, name="agentrole", native_enum=False, create_constraint=True, length=16)


def upgrade() -> None:
    with op.batch_alter_table("agents") as batch:
        batch.alter_column("role", existing_type=_role(_OLD_ROLES), type_=_role(_NEW_ROLES))
        batch.add_column(sa.Column("vendor", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("joined_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("expires_on", sa.Date(), nullable=True))
        batch.create_index("ix_agents_vendor", ["vendor"])


def downgrade() -> None:
    with op.batch_alter_table("agents") as batch:
        batch.drop_index("ix_agents_vendor")
        batch.drop_column("expires_on")
        batch.drop_column("joined_on")
        batch.drop_column("vendor")
        batch.alter_column("role", existing_type=_role(_NEW_ROLES), type_=_role(_OLD_ROLES))
