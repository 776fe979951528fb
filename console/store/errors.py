"""Why a store cannot be opened or changed, as problems a user can act on.

Every failure of the store itself (not of the data asked for) becomes a
:class:`StoreError` carrying a :class:`~console.problems.Problem`: the command
line prints its English text and exits 2, the window words the same code in
the UI language. :func:`translate_database_error` is the one place where
driver errors (sqlite3, SQLAlchemy, psycopg) are mapped to those problems; an
error it does not recognise (a constraint, a programming error) is left as it is.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from console.problems import Problem, ProblemError, define, problem

NO_STORE = define("store.missing", "There is no store at {path}.")
IS_FOLDER = define("store.is_folder", "{path} is a folder, not a store file.")
NOT_A_STORE = define(
    "store.not_a_store",
    "{path} is not a support console store (not an SQLite database, or damaged). "
    "It was left untouched.",
)
DAMAGED = define(
    "store.damaged",
    "The store {path} is damaged, so the console will not change it: it was left "
    "untouched. Open a backup copy of it instead, or ask your administrator to repair it.",
)
NEWER_SCHEMA = define(
    "store.newer_version",
    "The store {path} was written by a newer version of the console (schema {revision}). "
    "Update the console to open it; the store was left untouched.",
)
FOREIGN = define(
    "store.foreign",
    "{path} holds another program's database, not a support console store. It was left untouched.",
)
READ_ONLY = define(
    "store.read_only",
    "The store {path} cannot be changed because the file is read-only. Nothing was "
    "saved, and everything stored before is intact. Make the file writable and try again.",
)
DISK_FULL = define(
    "store.disk_full",
    "The disk that holds the store {path} is full. Nothing was saved, and everything "
    "stored before is intact. Free some space and try again.",
)
BUSY = define(
    "store.busy",
    "The store {path} is in use by another program and did not become free in time. "
    "Nothing was saved; try again in a moment.",
)
CANNOT_OPEN = define(
    "store.cannot_open",
    "The store {path} cannot be opened: the file or its folder cannot be reached.",
)
DISK_ERROR = define(
    "store.disk_error",
    "The store {path} could not be read or written because of a disk error. Nothing was "
    "saved; check the disk and try again.",
)

NOT_PERMITTED = define(
    "store.not_permitted",
    "You may not make this change: your role does not allow it, or it concerns conversations "
    "outside what you serve. Nothing was changed.",
)

CHANGED_ELSEWHERE = define(
    "store.changed_elsewhere",
    "Someone else changed this at the same moment; your change was not saved. Look at it "
    "again as it is now and make your change again if it is still needed.",
)


class StoreError(ProblemError):
    """A store that cannot be used, or a change it refused. The problem is meant for the user."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem)


class CorruptStoreError(StoreError):
    """Not a store, or a damaged one: it is never written."""


class NewerSchemaError(StoreError):
    pass


class ForeignDatabaseError(StoreError):
    pass


class ReadOnlyStoreError(StoreError):
    pass


class StoreFullError(StoreError):
    pass


class StoreBusyError(StoreError):
    pass


class StoreIOError(StoreError):
    """The disk failed to read or write, or the file cannot be reached."""


class NotPermittedError(StoreError):
    """The team store refused a change the signed-in person's role or scope does not allow
    (privileges narrowed per role, row-level security); nothing was changed."""


class ChangedElsewhereError(StoreError):
    """A row changed by another transaction after this one read it (its version moved on):
    the write was refused and rolled back, nothing was lost. Not a failure of the store."""


def _sqlite_driver_errors() -> tuple[tuple[type[Exception], ...], tuple[type[Exception], ...]]:
    """sqlite3's errors, and sqlcipher3's (an encrypted store) where it is installed."""
    try:
        from sqlcipher3 import dbapi2 as sqlcipher
    except ImportError:
        return (sqlite3.Error,), (sqlite3.DatabaseError,)
    return (sqlite3.Error, sqlcipher.Error), (sqlite3.DatabaseError, sqlcipher.DatabaseError)


#: What the SQLite drivers raise: any error, and a database error.
SQLITE_DRIVER_ERRORS, SQLITE_DRIVER_DATABASE_ERRORS = _sqlite_driver_errors()

# SQLite primary result codes (https://sqlite.org/rescode.html).
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 3, 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN = 10, 11, 13, 14
_SQLITE_NOTADB = 26
_SQLITE_CODES: dict[int, tuple[type[StoreError], str]] = {
    _SQLITE_PERM: (ReadOnlyStoreError, READ_ONLY),
    _SQLITE_READONLY: (ReadOnlyStoreError, READ_ONLY),
    _SQLITE_FULL: (StoreFullError, DISK_FULL),
    _SQLITE_CORRUPT: (CorruptStoreError, DAMAGED),
    _SQLITE_NOTADB: (CorruptStoreError, DAMAGED),
    _SQLITE_BUSY: (StoreBusyError, BUSY),
    _SQLITE_LOCKED: (StoreBusyError, BUSY),
    _SQLITE_IOERR: (StoreIOError, DISK_ERROR),
    _SQLITE_CANTOPEN: (StoreIOError, CANNOT_OPEN),
}
# PostgreSQL SQLSTATEs (https://www.postgresql.org/docs/current/errcodes-appendix.html).
_SQLSTATES: dict[str, tuple[type[StoreError], str]] = {
    "25006": (ReadOnlyStoreError, READ_ONLY),  # read_only_sql_transaction
    "53100": (StoreFullError, DISK_FULL),  # disk_full
    "XX001": (CorruptStoreError, DAMAGED),  # data_corrupted
    "XX002": (CorruptStoreError, DAMAGED),  # index_corrupted
    "58030": (StoreIOError, DISK_ERROR),  # io_error
    "55P03": (StoreBusyError, BUSY),  # lock_not_available
    # insufficient_privilege: a table the role may not change, or a row outside the
    # person's scope ("new row violates row-level security policy").
    "42501": (NotPermittedError, NOT_PERMITTED),
}


def translate_database_error(exc: BaseException, path: str) -> StoreError | None:
    """The :class:`StoreError` for a driver error about the store at ``path``, or None.

    ``exc`` may be a SQLAlchemy error wrapping the driver's (``.orig``) or the
    driver's own. Only failures of the store itself are translated; the
    result's text names ``path`` and never quotes SQL.
    """
    if isinstance(exc, StoreError):
        return exc
    original: Any = getattr(exc, "orig", None) or exc
    kind: tuple[type[StoreError], str] | None = None
    if isinstance(original, SQLITE_DRIVER_ERRORS):
        code = getattr(original, "sqlite_errorcode", None)
        if isinstance(code, int):
            kind = _SQLITE_CODES.get(code & 0xFF)
        elif "readonly" in str(original):  # drivers without result codes
            kind = (ReadOnlyStoreError, READ_ONLY)
    else:
        sqlstate = getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)
        if isinstance(sqlstate, str):
            kind = _SQLSTATES.get(sqlstate)
    if kind is None:
        return None
    error_class, code_name = kind
    return error_class(problem(code_name, path=path))
