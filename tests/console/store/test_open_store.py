"""Opening, creating and refusing stores."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from console.store import (
    CorruptStoreError,
    ForeignDatabaseError,
    NewerSchemaError,
    StoreError,
    open_store,
    sqlite_url,
)
from console.store.engine import schema_head


def test_new_store_is_created_and_migrated_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "store.sqlite3"
    store = open_store(sqlite_url(path))
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        tables = {
            row[0]
            for row in connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type='table'"
            )
        }
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    store.close()
    assert {
        "customers",
        "channel_identities",
        "conversations",
        "messages",
        "translations",
        "agents",
        "markets",
        "audit_log",
        "message_fts",
    } <= tables
    assert version == schema_head()


def test_reopening_keeps_data(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "s.sqlite3")
    store = open_store(url)
    with store.engine.begin() as connection:
        connection.execute(
            text("INSERT INTO customers (name, created_at) VALUES ('Kim', '2026-01-01')")
        )
    store.close()
    again = open_store(url)
    with again.engine.connect() as connection:
        assert connection.execute(text("SELECT name FROM customers")).scalar() == "Kim"
    again.close()


def test_missing_store_is_not_created_when_create_is_false(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        open_store(sqlite_url(tmp_path / "absent.sqlite3"), create=False)
    assert not (tmp_path / "absent.sqlite3").exists()


def test_corrupt_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    garbage = b"this is not a database\x00" * 100
    path.write_bytes(garbage)
    with pytest.raises(CorruptStoreError, match="left untouched"):
        open_store(sqlite_url(path))
    assert path.read_bytes() == garbage


def test_damaged_sqlite_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    open_store(sqlite_url(path)).close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # smash the schema page
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    with pytest.raises(CorruptStoreError):
        open_store(sqlite_url(path))
    assert path.read_bytes() == before


def test_store_from_newer_version_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    open_store(sqlite_url(path)).close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = path.read_bytes()
    with pytest.raises(NewerSchemaError, match="newer version"):
        open_store(sqlite_url(path))
    assert path.read_bytes() == before


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    with pytest.raises(ForeignDatabaseError):
        open_store(sqlite_url(path))
    with sqlite3.connect(path) as connection:
        names = [r[0] for r in connection.execute("SELECT name FROM sqlite_master")]
    assert names == ["invoices"]


def test_audit_log_is_append_only(tmp_path: Path) -> None:
    store = open_store(sqlite_url(tmp_path / "s.sqlite3"))
    with store.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO audit_log (at, actor, action, entity, detail) "
                "VALUES ('2026-01-01', 'li', 'reply', 'conversation', '{}')"
            )
        )
    for statement in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(Exception, match="append-only"), store.engine.begin() as connection:
            connection.execute(text(statement))
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT actor FROM audit_log")).scalars().all() == ["li"]
    store.close()
