"""Live updates: what changed, told to every seat (LISTEN/NOTIFY), and the worker's lease.

PostgreSQL only (SQLite has one seat): statement-level triggers on the tables
seats show call ``pg_notify('console_changes', …)`` (console/store/live_updates.py).
The worker's lease needs no table: it is a session-level advisory lock
(console/team/duties.py). The tables of 0016, 0017 and 0019 are watched by their
own migrations (``install_notify_triggers(bind, [NotifyTable(...)])``).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-01 02:00:00
"""

from __future__ import annotations

from alembic import op

from console.store.live_updates import (
    LIVE_TABLES,
    drop_notify_function,
    drop_notify_triggers,
    install_notify_triggers,
)

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    install_notify_triggers(op.get_bind(), LIVE_TABLES)


def downgrade() -> None:
    bind = op.get_bind()
    drop_notify_triggers(bind, LIVE_TABLES)
    drop_notify_function(bind)
