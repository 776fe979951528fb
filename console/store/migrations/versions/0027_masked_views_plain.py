"""A masked person's reads use the indexes (PostgreSQL; SQLite: nothing changes).

The ``console_masked`` views (migration 0023) were security barriers. They filter no
row (each table's row-level security does, and policies are barriers of their own)
and name no raw column, so the barrier hid nothing; but the planner cannot look rows
up through a barrier, so every join into one read the whole table: a masked agent's
search page read all of ``messages`` (450 ms), a reply's response figures twice
(800 ms), at a million messages. They become plain views, as
console/store/masking_sql.py now makes them.

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-01 06:00:00
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

from console.store.masking_sql import MASKED_SCHEMA, SEARCH_TABLES

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None


def _views() -> list[str]:
    return list(
        op.get_bind().scalars(
            text(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = :schema AND c.relkind = 'v'"
            ),
            {"schema": MASKED_SCHEMA},
        )
    )


def _set(barrier: bool) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for view in _views():
        if barrier and view in SEARCH_TABLES:
            continue  # the search tables' views never were barriers
        op.execute(
            f'ALTER VIEW {MASKED_SCHEMA}."{view}" SET (security_barrier = {str(barrier).lower()})'
        )


def upgrade() -> None:
    _set(False)


def downgrade() -> None:
    _set(True)
