"""Encryption at rest of a single-seat store: SQLCipher, with the key in the OS keyring.

``support-console store encrypt`` turns a plain SQLite store into an SQLCipher
database (:func:`encrypt_store`). Its key is 32 random bytes, kept in the system
keyring under the service channel secrets use (``support-console``) and the
account ``store-key:<the store file's absolute path>``; so an encrypted store
opens at the path where it was encrypted (a copy put back in its place opens too).

Opening (:mod:`console.store.engine`): a file that does not start with SQLite's
header but has the shape of an SQLCipher database (whole pages) is an encrypted
store. Its key is looked up and tried on a read-only, immutable connection first
(:func:`key_for_file`), so a wrong or missing key, or a keyring that cannot be
read, is refused with a problem naming the file and the file is never written:
no migration, no WAL. Everything else about the store is as before: SQLCipher
is SQLite with encrypted pages, and :func:`connect` hands SQLAlchemy a DB-API
connection configured like any other (see ``engine._configure_sqlite_connection``).
"""

from __future__ import annotations

import os
import re
import secrets
import stat
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import quote

from console.problems import define, problem
from console.store.errors import (
    BUSY,
    DAMAGED,
    FOREIGN,
    IS_FOLDER,
    NO_STORE,
    NOT_A_STORE,
    CorruptStoreError,
    ForeignDatabaseError,
    StoreBusyError,
    StoreError,
    translate_database_error,
)

#: The keyring service of every console secret (``console.channels.credentials`` too).
KEYRING_SERVICE = "support-console"
SQLITE_HEADER = b"SQLite format 3\x00"
#: SQLCipher's smallest page: an encrypted store is a whole number of these.
_MIN_PAGE = 512
_KEY = re.compile(r"[0-9a-f]{64}")
_MAX_REASON_CHARS = 120
_SQLITE_NOTADB = 26

KEY_MISSING = define(
    "store.key_missing",
    "The store {path} is encrypted (or is not a store at all), and the system keyring holds "
    "no key for it, so it cannot be opened. It was left untouched. The key is kept under the "
    "store's path: an encrypted store opens only where it was encrypted.",
)
KEY_UNAVAILABLE = define(
    "store.key_unavailable",
    "The store {path} is encrypted and its key is kept in the system keyring, which cannot be "
    "read ({reason}). The store was left untouched; unlock the keyring and try again.",
)
WRONG_KEY = define(
    "store.wrong_key",
    "The key the system keyring holds for the store {path} does not open it (the key was "
    "replaced, or the file is damaged). The store was left untouched.",
)
NO_SQLCIPHER = define(
    "store.no_sqlcipher",
    "The store {path} is encrypted, but this installation has no SQLCipher (the sqlcipher3 "
    "package), so it cannot be opened. It was left untouched.",
)
KEY_NOT_SAVED = define(
    "store.key_not_saved",
    "The system keyring cannot keep a key for the store {path} ({reason}), so the store was "
    "not encrypted and was left as it was.",
)
ENCRYPT_SERVER_STORE = define(
    "store.encrypt_server_store",
    "{path} is a store on a database server: encryption at rest there is the server's "
    "business (encrypted disks or tablespaces). Nothing was changed.",
)
ENCRYPT_NOT_A_FILE = define(
    "store.encrypt_not_a_file",
    "{path} is not a store file (an in-memory store cannot be encrypted). Nothing was changed.",
)
ENCRYPT_NO_FTS5 = define(
    "store.encrypt_no_fts5",
    "The SQLCipher of this installation has no full-text search (FTS5), so an encrypted store "
    "could not be searched. {path} was not encrypted and was left untouched.",
)
IN_USE = define(
    "store.in_use",
    "The store {path} is open in another program (a console window, a worker or an import), "
    "or was not closed properly. Close it (or open it once with the console and close it "
    "again) and try again; nothing was changed.",
)
ENCRYPT_CHECK_FAILED = define(
    "store.encrypt_check_failed",
    "The encrypted copy of {path} did not match the store ({detail}), so it was discarded; "
    "the store was left as it was.",
)


def driver() -> ModuleType | None:
    """The SQLCipher DB-API module (sqlcipher3), or None where it is not installed."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        return None
    return dbapi2


def key_account(path: Path) -> str:
    """The keyring account of a store file's key (``store-key:/home/…/store.sqlite3``)."""
    return f"store-key:{path.resolve()}"


def has_sqlite_header(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def looks_encrypted(path: Path) -> bool:
    """Not plain SQLite, but whole pages: what an SQLCipher file looks like from outside."""
    size = path.stat().st_size
    return size > 0 and size % _MIN_PAGE == 0 and not has_sqlite_header(path)


def connect(database: str, key: str, **kwargs: Any) -> Any:
    """An SQLCipher DB-API connection to ``database`` with ``key`` set (nothing read yet)."""
    dbapi = driver()
    assert dbapi is not None
    if not _KEY.fullmatch(key):
        raise ValueError("not a store key")
    connection = dbapi.connect(database, **kwargs)
    try:
        # SQLCipher logs a failed page decryption to stderr itself; we report it as a problem.
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute(f"PRAGMA key = \"x'{key}'\"")  # a raw key: no KDF per connection
    except BaseException:
        connection.close()
        raise
    return connection


def read_key(path: Path) -> str | None:
    """The key the keyring holds for the store file ``path``, or None."""
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(KEYRING_SERVICE, key_account(path))
    except KeyringError as exc:
        raise StoreError(problem(KEY_UNAVAILABLE, path=path, reason=_reason(exc, []))) from None


def key_for_file(path: Path) -> str:
    """The key that opens the encrypted store ``path``, checked read-only; else a StoreError.

    Nothing is written: the check reads the first page through an immutable
    connection (no lock, no WAL, no shared memory file).
    """
    if driver() is None:
        raise StoreError(problem(NO_SQLCIPHER, path=path))
    key = read_key(path)
    if key is None:
        raise StoreError(problem(KEY_MISSING, path=path))
    if not _KEY.fullmatch(key) or not _opens(path, key):
        raise StoreError(problem(WRONG_KEY, path=path))
    return key


def _opens(path: Path, key: str) -> bool:
    dbapi = driver()
    assert dbapi is not None
    uri = f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1"
    try:
        with closing(connect(uri, key, uri=True)) as connection:
            connection.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    except dbapi.DatabaseError as exc:
        if getattr(exc, "sqlite_errorcode", None) == _SQLITE_NOTADB:
            return False
        raise translate_database_error(exc, str(path)) or CorruptStoreError(
            problem(DAMAGED, path=path)
        ) from None
    return True


def _reason(exc: BaseException, hidden: list[str]) -> str:
    """The keyring's message on one short line, without the key."""
    text = " ".join(str(exc).split())
    for secret in hidden:
        text = text.replace(secret, "[hidden]")
    text = text or type(exc).__name__
    if len(text) > _MAX_REASON_CHARS:
        text = text[: _MAX_REASON_CHARS - 1] + "…"
    return text


# -- encrypting a store ----------------------------------------------------------------------


@dataclass(frozen=True)
class Encrypted:
    """What ``store encrypt`` did: ``changed`` is False for a store encrypted already."""

    path: Path
    changed: bool
    account: str
    tables: int = 0
    rows: int = 0
    #: Plain copies made before migrations, still beside the store (never encrypted).
    plain_backups: tuple[Path, ...] = field(default=())


def encrypt_store(path: Path) -> Encrypted:
    """Turn the plain SQLite store ``path`` into an SQLCipher one whose key is in the keyring.

    The encrypted copy is written beside the store with ``sqlcipher_export``,
    checked (it opens with the key, every table has the same number of rows,
    full-text search works in it), and then takes the store's place in one
    rename; the plain original is overwritten with zeros and removed. Until that
    rename the store is as it was: any failure leaves it untouched. The store
    must not be open elsewhere (refused), and is held locked while this runs.
    """
    dbapi = driver()
    if not path.exists():
        raise StoreError(problem(NO_STORE, path=path))
    if path.is_dir():
        raise StoreError(problem(IS_FOLDER, path=path))
    account = key_account(path)
    if not has_sqlite_header(path):
        if path.stat().st_size == 0 or not looks_encrypted(path):
            raise CorruptStoreError(problem(NOT_A_STORE, path=path))
        key_for_file(path)  # refuses a missing or wrong key
        return Encrypted(path, changed=False, account=account)
    if dbapi is None:
        raise StoreError(problem(NO_SQLCIPHER, path=path))
    if not _has_fts5(dbapi):
        raise StoreError(problem(ENCRYPT_NO_FTS5, path=path))
    key = secrets.token_hex(32)
    copy = _temp_beside(path)
    plain: Path | None = None
    try:
        with _locked_plain(dbapi, path) as original:
            counts = _row_counts(original)
            original.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(copy), f"x'{key}'"))
            # A crash midway leaves only a copy nobody uses; it is flushed to disk once, whole.
            original.execute("PRAGMA encrypted.synchronous = OFF")
            original.execute("SELECT sqlcipher_export('encrypted')").fetchall()
            original.execute("DETACH DATABASE encrypted")
            _check_copy(dbapi, path, copy, key, counts)
            _fsync(copy)
            _save_key(path, account, key)
            plain = _swap(path, copy)
    except BaseException:
        with suppress(FileNotFoundError):
            copy.unlink()
        raise
    finally:
        if plain is not None:  # after the lock on it is gone: nothing writes to it any more
            _wipe(plain)
    backups = tuple(sorted(path.parent.glob(f"{path.name}.before-*.bak")))
    return Encrypted(
        path,
        changed=True,
        account=account,
        tables=len(counts),
        rows=sum(counts.values()),
        plain_backups=backups,
    )


def _has_fts5(dbapi: ModuleType) -> bool:
    with closing(dbapi.connect(":memory:")) as probe:
        try:
            probe.execute("CREATE VIRTUAL TABLE probe USING fts5(text)")
        except dbapi.OperationalError:
            return False
    return True


def _temp_beside(path: Path) -> Path:
    copy = path.with_name(f".{path.name}.encrypting-{secrets.token_hex(4)}")
    # Created empty, readable by the owner only (SQLCipher writes it from there).
    descriptor = os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(descriptor)
    return copy


@contextmanager
def _locked_plain(dbapi: ModuleType, path: Path) -> Iterator[Any]:
    """A connection to the plain store holding it exclusively (refused if it is open elsewhere).

    Leaving WAL mode needs every other connection closed: SQLite refuses it as
    busy while a console, a worker or an import has the store open (the console
    keeps every store in WAL mode). In exclusive
    locking mode the lock taken then is held until this connection closes, so
    nothing writes to the store while its copy is made, checked and swapped in.
    """
    if Path(f"{path}-wal").exists():
        # Every connection of the console keeps the store in WAL mode, and the last one to
        # close removes the WAL file. (Locks alone do not show another SQLite library's
        # connection in this same process: POSIX locks are per process.)
        raise StoreBusyError(problem(IN_USE, path=path))
    connection = dbapi.connect(str(path), isolation_level=None, timeout=0)
    try:
        try:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_schema")}
            if "alembic_version" not in tables:
                raise ForeignDatabaseError(problem(FOREIGN, path=path))
            (checked,) = connection.execute("PRAGMA quick_check(1)").fetchone()
            if checked != "ok":
                raise CorruptStoreError(problem(DAMAGED, path=path))
            connection.execute("PRAGMA locking_mode = EXCLUSIVE")
            # Out of WAL (checkpointed, the WAL file removed); nothing is written to the
            # original from here, so its journal may stay in memory (no journal file).
            (mode,) = connection.execute("PRAGMA journal_mode = MEMORY").fetchone()
        except dbapi.Error as exc:
            translated = translate_database_error(exc, str(path))
            if isinstance(translated, StoreBusyError):
                raise StoreBusyError(problem(IN_USE, path=path)) from None
            raise (translated or CorruptStoreError(problem(DAMAGED, path=path))) from None
        if mode != "memory":
            raise StoreBusyError(problem(IN_USE, path=path))
        for suffix in ("-wal", "-shm", "-journal"):
            if Path(f"{path}{suffix}").exists():  # left by a crash, or a live writer
                raise StoreBusyError(problem(BUSY, path=path))
        yield connection
    finally:
        connection.close()


def _row_counts(connection: Any) -> dict[str, int]:
    """Rows in every table (FTS shadow tables and virtual tables included), by name."""
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    return {
        name: connection.execute(f'SELECT count(*) FROM main."{_ident(name)}"').fetchone()[0]
        for name in names
    }


def _ident(name: str) -> str:
    return name.replace('"', '""')


def _check_copy(
    dbapi: ModuleType, path: Path, copy: Path, key: str, counts: dict[str, int]
) -> None:
    def failed(detail: str) -> StoreError:
        return StoreError(problem(ENCRYPT_CHECK_FAILED, path=path, detail=detail))

    if has_sqlite_header(copy):
        raise failed("the copy is not encrypted")
    try:
        with closing(connect(str(copy), key, isolation_level=None)) as encrypted:
            # In WAL mode already, as the console keeps a store: opening it changes nothing.
            encrypted.execute("PRAGMA journal_mode = WAL").fetchone()
            (checked,) = encrypted.execute("PRAGMA quick_check(1)").fetchone()
            if checked != "ok":
                raise failed(f"integrity check: {checked}")
            copied = _row_counts(encrypted)
            if copied != counts:
                differing = sorted(set(copied.items()) ^ set(counts.items()))
                raise failed(f"row counts differ in {', '.join({n for n, _ in differing})}")
            for (name,) in encrypted.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE "
                "'CREATE VIRTUAL TABLE%USING fts5%'"
            ).fetchall():
                table = _ident(name)
                # FTS5's own check of its index against its content, inside SQLCipher.
                encrypted.execute(f'INSERT INTO "{table}"("{table}") VALUES (\'integrity-check\')')
    except dbapi.Error as exc:
        raise failed(" ".join(str(exc).split()) or type(exc).__name__) from None


def _save_key(path: Path, account: str, key: str) -> None:
    """Keep the key in the keyring, and read it back: a keyring that forgets is refused."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, account, key)
        kept = keyring.get_password(KEYRING_SERVICE, account)
    except KeyringError as exc:
        reason = _reason(exc, [key])
        raise StoreError(problem(KEY_NOT_SAVED, path=path, reason=reason)) from None
    if kept != key:
        reason = "the key read back differs"
        raise StoreError(problem(KEY_NOT_SAVED, path=path, reason=reason))


def _swap(path: Path, copy: Path) -> Path:
    """Put ``copy`` in the place of ``path`` in one rename; the original's new name (to wipe)."""
    mode = stat.S_IMODE(path.stat().st_mode)
    os.chmod(copy, mode)
    plain = path.with_name(f".{path.name}.plain-{secrets.token_hex(4)}")
    os.link(path, plain)  # the original stays reachable until it is wiped
    try:
        os.replace(copy, path)
    except BaseException:
        plain.unlink()
        raise
    _fsync_folder(path.parent)
    return plain


def _wipe(path: Path) -> None:
    """Overwrite a file with zeros, flush it to disk, remove it.

    On SSDs and copy-on-write file systems the old blocks may survive the
    overwrite; the README says so (encrypt before a store holds data, or use
    disk encryption too).
    """
    size = path.stat().st_size
    chunk = b"\x00" * (1 << 20)
    with path.open("r+b") as handle:
        left = size
        while left > 0:
            written = handle.write(chunk[: min(left, len(chunk))])
            left -= written
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink()
    _fsync_folder(path.parent)


def _fsync(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
