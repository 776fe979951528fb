"""The migrations build exactly the schema the ORM models describe."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import console.store
from console.store import open_store, sqlite_url
from console.store.models import Base

#: Tables made by migrations for code outside the ORM (FTS5 and its shadow tables, the TM).
NOT_MAPPED = {"translation_memory"}


def _import_all_table_modules() -> list[str]:
    names = [
        info.name
        for info in pkgutil.iter_modules(console.store.__path__, "console.store.")
        if info.name.endswith("_tables")
    ]
    for name in names:
        importlib.import_module(name)
    return names


def test_migrated_schema_equals_the_models(tmp_path: Path) -> None:
    _import_all_table_modules()
    store = open_store(sqlite_url(tmp_path / "s.sqlite3"))
    with store.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    store.close()
    relevant = [
        change
        for change in diff
        if not (
            isinstance(change, tuple)
            and change[0] == "remove_table"
            and (change[1].name in NOT_MAPPED or change[1].name.startswith("message_fts"))
        )
    ]
    assert relevant == []
