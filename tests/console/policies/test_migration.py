"""Migration 0002 creates the policy tables on top of 0001 and can be undone."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, inspect

from console.store.engine import _alembic_config

POLICY_TABLES = {"policy_versions", "policy_settings", "policy_tasks"}


def test_0002_up_and_down(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'steps.sqlite3'}")
    try:
        with engine.begin() as connection:
            command.upgrade(_alembic_config(connection), "0001")
        assert not set(inspect(engine).get_table_names()) & POLICY_TABLES
        with engine.begin() as connection:
            command.upgrade(_alembic_config(connection), "0002")
        assert set(inspect(engine).get_table_names()) >= POLICY_TABLES
        with engine.begin() as connection:
            command.downgrade(_alembic_config(connection), "0001")
        assert not set(inspect(engine).get_table_names()) & POLICY_TABLES
    finally:
        engine.dispose()
