"""Opening a store: engine set-up, schema checks and migrations.

A store is never overwritten or "repaired" behind the user's back: a file
that is not SQLite, a database of another program, or one written by a newer
version of the console raises a :class:`StoreError` and is left as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from console.store.errors import (
    CorruptStoreError,
    ForeignDatabaseError,
    NewerSchemaError,
    StoreError,
)
from console.store.fts import FTS_FUNCTION, prepare_text
from console.store.text_safety import install as install_text_safety

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass
class Store:
    """An open store: the engine plus a session factory. Thread-safe to share."""

    engine: Engine
    _sessions: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def url(self) -> URL:
        return self.engine.url

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in a transaction: committed on success, rolled back on error."""
        with self._sessions.begin() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def open_store(url: str, *, create: bool = True) -> Store:
    """Open (and create or migrate, as needed) the store at ``url``."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        _check_sqlite_file(parsed, create=create)
    engine = _create_engine(parsed)
    install_text_safety(engine)  # NUL etc. -> U+FFFD on both engines
    try:
        _migrate(engine)
    except StoreError:
        engine.dispose()
        raise
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        engine.dispose()
        raise CorruptStoreError(f"The store at {_describe(parsed)} cannot be read: {exc}") from exc
    return Store(engine)


def _describe(url: URL) -> str:
    if url.get_backend_name() == "sqlite":
        return str(url.database)
    return url.render_as_string(hide_password=True)


def _check_sqlite_file(url: URL, *, create: bool) -> None:
    database = url.database
    if not database or database == ":memory:":
        return
    path = Path(database)
    if not path.exists():
        if not create:
            raise StoreError(f"No store at {path}.")
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a store file.")
    with path.open("rb") as handle:
        header = handle.read(len(_SQLITE_HEADER))
    if header and header != _SQLITE_HEADER:
        raise CorruptStoreError(
            f"{path} is not a support console store (not an SQLite database, or damaged). "
            "It was left untouched."
        )


def _create_engine(url: URL) -> Engine:
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    # One connection per thread at a time; the pool hands connections across
    # threads (UI start-up, then the store executor), which sqlite3 must allow.
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
    event.listen(engine, "connect", _configure_sqlite_connection)
    return engine


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.create_function(FTS_FUNCTION, 1, prepare_text, deterministic=True)
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        (mode,) = cursor.execute("PRAGMA journal_mode").fetchone()
        if mode not in ("wal", "memory"):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def schema_head() -> str:
    """The newest schema revision this version of the console writes."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config(None)).get_current_head()
    assert head is not None
    return head


def _alembic_config(connection: Any) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def _migrate(engine: Engine) -> None:
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        script = ScriptDirectory.from_config(_alembic_config(connection))
        head = script.get_current_head()
        if current == head:
            return
        known = {rev.revision for rev in script.walk_revisions()}
        if current is not None and current not in known:
            raise NewerSchemaError(
                f"The store at {_describe(engine.url)} was written by a newer version of the "
                f"console (schema {current}). Update the console to open it; "
                "the store was left untouched."
            )
        if current is None and _user_tables(connection):
            raise ForeignDatabaseError(
                f"{_describe(engine.url)} holds another program's database, not a support "
                "console store. It was left untouched."
            )
    if current is not None:
        _backup_before_migration(engine.url, current)
    _upgrade(engine)


def _user_tables(connection: Any) -> list[str]:
    try:
        names = inspect(connection).get_table_names()
    except OperationalError as exc:  # e.g. encrypted or truncated file
        raise CorruptStoreError(f"The store cannot be read: {exc}") from exc
    return [name for name in names if not name.startswith("sqlite_")]


def _backup_before_migration(url: URL, revision: str) -> None:
    database = url.database
    if url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return
    source = Path(database)
    with (
        sqlite3.connect(source) as src,
        sqlite3.connect(source.with_name(f"{source.name}.before-{revision}.bak")) as dst,
    ):
        src.backup(dst)


def _upgrade(engine: Engine) -> None:
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "head")
