"""Migration 0003 adds the coverage tables and removes them again."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import inspect

from console.store import open_store, sqlite_url
from console.store.engine import _alembic_config

TABLES = {
    "agent_shifts",
    "shift_exceptions",
    "market_support_hours",
    "market_assignments",
    "customer_zone_corrections",
    "scheduled_sends",
}


def test_upgrade_and_downgrade(tmp_path: Path) -> None:
    store = open_store(sqlite_url(tmp_path / "store.sqlite3"))
    try:
        assert set(inspect(store.engine).get_table_names()) >= TABLES
        with store.engine.begin() as connection:
            command.downgrade(_alembic_config(connection), "0002")
        assert not TABLES & set(inspect(store.engine).get_table_names())
        with store.engine.begin() as connection:
            command.upgrade(_alembic_config(connection), "head")
        assert set(inspect(store.engine).get_table_names()) >= TABLES
    finally:
        store.close()
