"""Opening a store: engine set-up, schema checks and migrations.

A store is never overwritten or "repaired" behind the user's back: a file
that is not SQLite, a database of another program, one written by a newer
version of the console, or one that fails SQLite's ``quick_check`` raises a
:class:`StoreError` and is left as it was. An SQLCipher store (``store encrypt``)
opens with its key from the keyring, checked before anything is written
(:mod:`console.store.encryption`). Once open, a failure of the store
itself (read-only, disk full, damaged) leaves a session as a :class:`StoreError`
with a problem for the user, and the transaction is rolled back.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DatabaseError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from console.problems import problem
from console.store import encryption
from console.store.audit_hash import install_sqlite_function as install_audit_hash
from console.store.errors import (
    CHANGED_ELSEWHERE,
    DAMAGED,
    FOREIGN,
    IS_FOLDER,
    NEWER_SCHEMA,
    NO_STORE,
    NOT_A_STORE,
    SQLITE_DRIVER_DATABASE_ERRORS,
    SQLITE_DRIVER_ERRORS,
    ChangedElsewhereError,
    CorruptStoreError,
    ForeignDatabaseError,
    NewerSchemaError,
    StoreError,
    translate_database_error,
)
from console.store.fts import FTS_FUNCTION, prepare_text
from console.store.postgresql import connect_args as postgresql_connect_args
from console.store.postgresql import connection_error as postgresql_connection_error
from console.store.text_safety import install as install_text_safety

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_SQLITE_HEADER = b"SQLite format 3\x00"
#: How long the integrity check at open may run. ``quick_check`` reads every page
#: once; a store too large to finish in time is opened after the pages checked so
#: far passed (damage found later still stops every change, see Store.session).
INTEGRITY_CHECK_SECONDS = 2.0
_SQLITE_INTERRUPT = 9
log = logging.getLogger(__name__)
#: Driver errors, wrapped by SQLAlchemy or not (sqlcipher3's too: an encrypted store).
_DRIVER_ERRORS: tuple[type[Exception], ...] = (DBAPIError, *SQLITE_DRIVER_ERRORS)
_DATABASE_ERRORS: tuple[type[Exception], ...] = (DatabaseError, *SQLITE_DRIVER_DATABASE_ERRORS)


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

    @property
    def name(self) -> str:
        """The store as the user knows it: its file, or its URL without the password."""
        return _describe(self.engine.url)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in a transaction: committed on success, rolled back on error.

        A failure of the store itself (read-only, disk full, damaged, busy)
        leaves as a :class:`StoreError` whose problem names this store.
        """
        try:
            with self._sessions.begin() as session:
                yield session
        except StaleDataError as exc:  # a versioned row changed by another writer meanwhile
            raise ChangedElsewhereError(problem(CHANGED_ELSEWHERE)) from exc
        except _DRIVER_ERRORS as exc:
            translated = translate_database_error(exc, self.name)
            if translated is None and self.engine.dialect.name == "postgresql":
                translated = postgresql_connection_error(exc, self.engine.url)  # server gone
            if translated is None:
                raise
            raise translated from exc

    def close(self) -> None:
        self.engine.dispose()


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def open_store(url: str, *, create: bool = True) -> Store:
    """Open (and create or migrate, as needed) the store at ``url``.

    An existing SQLite store is checked first (``PRAGMA quick_check``, bounded
    by :data:`INTEGRITY_CHECK_SECONDS`); a damaged one is refused, not written.
    """
    parsed = make_url(url)
    existing = False
    key: str | None = None  # an encrypted store's key, checked already
    if parsed.get_backend_name() == "sqlite":
        existing, key = _check_sqlite_file(parsed, create=create)
    engine = _create_engine(parsed, key=key)
    install_text_safety(engine)  # NUL etc. -> U+FFFD on both engines
    try:
        if existing:
            _check_integrity(engine)
        _migrate(engine)
    except StoreError:
        engine.dispose()
        raise
    except _DATABASE_ERRORS as exc:
        engine.dispose()
        translated = translate_database_error(exc, _describe(parsed))
        if translated is None and parsed.get_backend_name() == "postgresql":
            translated = postgresql_connection_error(exc, parsed)  # not "damaged"
        raise (translated or CorruptStoreError(problem(DAMAGED, path=_describe(parsed)))) from exc
    return Store(engine)


def _sqlite_path(url: URL) -> Path | None:
    """The file of an SQLite URL (``file:`` URIs too), or None for an in-memory store."""
    database = url.database
    if not database or database == ":memory:":
        return None
    if url.query.get("uri") in ("true", "1") and database.startswith("file:"):
        database = database.removeprefix("file:").split("?", 1)[0]
        if database.startswith("//"):
            database = database[2:]
        if not database or database == ":memory:" or url.query.get("mode") == "memory":
            return None
    return Path(database)


def _describe(url: URL) -> str:
    if url.get_backend_name() == "sqlite":
        return str(_sqlite_path(url) or url.database)
    return url.render_as_string(hide_password=True)


def _check_sqlite_file(url: URL, *, create: bool) -> tuple[bool, str | None]:
    """Refuse what is not a store; whether the file exists (and may be checked), and its key.

    The key is None for a plain SQLite store; an encrypted one's key comes from
    the keyring and has opened the file read-only already (else a StoreError).
    """
    path = _sqlite_path(url)
    if path is None:
        return False, None
    if not path.exists():
        if not create or url.query.get("mode") == "ro":
            raise StoreError(problem(NO_STORE, path=path))
        path.parent.mkdir(parents=True, exist_ok=True)
        return False, None
    if path.is_dir():
        raise StoreError(problem(IS_FOLDER, path=path))
    with path.open("rb") as handle:
        header = handle.read(len(_SQLITE_HEADER))
    if header and header != _SQLITE_HEADER:
        if not encryption.looks_encrypted(path):
            raise CorruptStoreError(problem(NOT_A_STORE, path=path))
        return True, encryption.key_for_file(path)
    return bool(header), None


def _check_integrity(engine: Engine) -> None:
    """Refuse a damaged store before anything writes to it (``PRAGMA quick_check``, bounded)."""
    started = time.monotonic()
    deadline = started + INTEGRITY_CHECK_SECONDS
    with engine.connect() as connection:
        raw: Any = connection.connection.dbapi_connection
        raw.set_progress_handler(lambda: int(time.monotonic() > deadline), 20_000)
        try:
            result = connection.exec_driver_sql("PRAGMA quick_check(1)").scalars().all()
        except OperationalError as exc:
            if getattr(exc.orig, "sqlite_errorcode", None) != _SQLITE_INTERRUPT:
                raise
            log.info("store check stopped after %.1f s (store too large)", INTEGRITY_CHECK_SECONDS)
            return
        finally:
            raw.set_progress_handler(None, 0)
    log.debug("store check took %.3f s", time.monotonic() - started)
    if result != ["ok"]:
        log.info("store check failed: %s", result)
        raise CorruptStoreError(problem(DAMAGED, path=_describe(engine.url)))


def _create_engine(url: URL, *, key: str | None = None) -> Engine:
    if url.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True, connect_args=postgresql_connect_args(url))
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    # One connection per thread at a time; the pool hands connections across
    # threads (UI start-up, then the store executor), which sqlite3 must allow.
    connect_args = {"check_same_thread": False, "timeout": 30}
    if key is None:
        engine = create_engine(url, connect_args=connect_args)
    else:
        engine = _create_sqlcipher_engine(url, key, connect_args)
    # Plain and encrypted stores alike: every connection is set up here.
    event.listen(engine, "connect", _configure_sqlite_connection)
    return engine


def _create_sqlcipher_engine(url: URL, key: str, connect_args: dict[str, Any]) -> Engine:
    """The SQLite dialect over SQLCipher's DB-API: its errors are wrapped as sqlite3's are.

    The key stays out of the URL (so out of ``Store.url`` and every message);
    each new connection sets it before anything else is read.
    """
    from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite

    arguments, options = SQLiteDialect_pysqlite().create_connect_args(url)
    options = {**options, **connect_args}

    def connect() -> Any:
        (database,) = arguments
        return encryption.connect(database, key, **options)

    return create_engine(url, module=encryption.driver(), creator=connect)


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.create_function(FTS_FUNCTION, 1, prepare_text, deterministic=True)
    install_audit_hash(dbapi_connection)  # the audit chain trigger calls it (migration 0020)
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
                problem(NEWER_SCHEMA, path=_describe(engine.url), revision=current)
            )
        if current is None and _user_tables(connection):
            raise ForeignDatabaseError(problem(FOREIGN, path=_describe(engine.url)))
    if current is not None:
        _backup_before_migration(engine, current)
    _upgrade(engine)


def _user_tables(connection: Any) -> list[str]:
    try:
        names = inspect(connection).get_table_names()
    except OperationalError as exc:  # e.g. encrypted or truncated file
        path = _describe(connection.engine.url)
        raise translate_database_error(exc, path) or CorruptStoreError(
            problem(DAMAGED, path=path)
        ) from exc
    return [name for name in names if not name.startswith("sqlite_")]


def _backup_before_migration(engine: Engine, revision: str) -> None:
    url = engine.url
    database = url.database
    if url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return
    source = Path(database)
    backup = source.with_name(f"{source.name}.before-{revision}.bak")
    if engine.dialect.loaded_dbapi is not cast(Any, sqlite3):
        # Encrypted: the copy is encrypted with the same key (SQLCipher's VACUUM INTO);
        # put it in the store's place to open it (its key is kept under the store's path).
        backup.unlink(missing_ok=True)
        with engine.connect() as connection:
            connection.exec_driver_sql("VACUUM INTO ?", (str(backup),))
        return
    with (
        sqlite3.connect(source) as src,
        sqlite3.connect(backup) as dst,
    ):
        src.backup(dst)


def _upgrade(engine: Engine) -> None:
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "head")
