"""Encryption at rest: an SQLCipher store whose key is in the keyring opens as before."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from alembic import command
from factories import MemoryKeyring, MessageFactory
from keyring.backends import fail
from sqlalchemy import select, text

from console.inbox.ingest import ingest
from console.inbox.queries import InboxFilter, conversation_ids
from console.store import StoreError, encryption, open_store, sqlite_url
from console.store.encryption import (
    KEYRING_SERVICE,
    encrypt_store,
    key_account,
)
from console.store.engine import _alembic_config, schema_head
from console.store.errors import CorruptStoreError, ForeignDatabaseError
from console.store.models import Message

PHRASE = "violet umbrella"


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(scope="module")
def plain_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A plain store with two customers' messages, made once (migrations take seconds)."""
    from factories import T0

    from console.incoming import CustomerInfo, IncomingMessage
    from console.store.models import ChannelKind, Direction

    path = tmp_path_factory.mktemp("plain") / "store.sqlite3"
    store = open_store(sqlite_url(path))
    try:
        ingest(
            store,
            [
                IncomingMessage(
                    channel=ChannelKind.EMAIL,
                    address=address,
                    customer=CustomerInfo(name=name, country="DE"),
                    sent_at=T0,
                    text=body,
                    direction=Direction.INBOUND,
                    external_id=f"m{number}",
                    email=address,
                )
                for number, (body, address, name) in enumerate(
                    [
                        (f"My parcel with the {PHRASE} never came", "mia@example.com", "Mia"),
                        ("Where is order 4711?", "li@example.com", "Li Wei"),
                    ]
                )
            ],
        )
    finally:
        store.close()
    return path


@pytest.fixture
def plain(plain_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "store.sqlite3"
    path.write_bytes(plain_template.read_bytes())
    return path


def _snapshot(path: Path) -> tuple[bytes, int, list[str]]:
    return path.read_bytes(), path.stat().st_mtime_ns, sorted(os.listdir(path.parent))


@pytest.fixture
def encrypted(plain: Path, memory_keyring: MemoryKeyring) -> Path:
    path = plain
    assert PHRASE.encode() in path.read_bytes()  # the test would prove nothing otherwise
    done = encrypt_store(path)
    assert done.changed and done.rows > 0
    return path


def test_the_file_holds_no_readable_text_and_the_store_opens_and_searches(
    encrypted: Path, memory_keyring: MemoryKeyring, message: MessageFactory
) -> None:
    raw = encrypted.read_bytes()
    assert PHRASE.encode() not in raw and b"mia@example.com" not in raw
    assert not raw.startswith(b"SQLite format 3\x00")
    # Only the store is left: no copy, no plain original, no journal.
    assert sorted(os.listdir(encrypted.parent)) == ["store.sqlite3"]
    assert memory_keyring.secrets[(KEYRING_SERVICE, key_account(encrypted))]
    with pytest.raises(sqlite3.DatabaseError):  # plain SQLite cannot read it
        sqlite3.connect(encrypted).execute("SELECT count(*) FROM sqlite_schema").fetchone()

    store = open_store(sqlite_url(encrypted), create=False)
    try:
        with store.session() as session:
            found = conversation_ids(session, InboxFilter(search="umbrella"))
            assert len(found) == 1
            texts = session.scalars(select(Message.text)).all()
            assert any(PHRASE in body for body in texts)
            # The same per-connection set-up as a plain store.
            connection = session.connection()
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("SELECT fts_prepare('Ünïcode')").scalar()
            assert connection.exec_driver_sql("PRAGMA cipher_version").scalar()
        # Text safety and the FTS triggers (they call fts_prepare) work on new writes.
        ingest(store, [message("late \x00 parcel with a red kite", address="kai@example.com")])
        with store.session() as session:
            assert len(conversation_ids(session, InboxFilter(search="kite"))) == 1
            late = session.scalars(select(Message.text).where(Message.text.like("late%"))).one()
            assert "\x00" not in late and "\ufffd" in late
        assert store.url.password is None  # the key never sits in the URL
    finally:
        store.close()
    assert PHRASE.encode() not in encrypted.read_bytes()
    assert b"red kite" not in encrypted.read_bytes()


def test_a_wrong_key_is_refused_and_the_file_is_not_touched(
    encrypted: Path, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.secrets[(KEYRING_SERVICE, key_account(encrypted))] = "ab" * 32
    before = _snapshot(encrypted)
    with pytest.raises(StoreError) as refused:
        open_store(sqlite_url(encrypted))
    assert refused.value.problem.code == "store.wrong_key"
    assert str(encrypted) in str(refused.value)
    assert _snapshot(encrypted) == before  # bytes, mtime, and no WAL or journal beside it


def test_a_key_that_is_not_a_key_is_refused(encrypted: Path, memory_keyring: MemoryKeyring) -> None:
    memory_keyring.secrets[(KEYRING_SERVICE, key_account(encrypted))] = "x'; DROP TABLE"
    before = _snapshot(encrypted)
    with pytest.raises(StoreError) as refused:
        open_store(sqlite_url(encrypted))
    assert refused.value.problem.code == "store.wrong_key"
    assert _snapshot(encrypted) == before


def test_a_missing_keyring_entry_is_refused_and_the_file_is_not_touched(
    encrypted: Path, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.secrets.clear()
    before = _snapshot(encrypted)
    with pytest.raises(StoreError) as refused:
        open_store(sqlite_url(encrypted))
    assert refused.value.problem.code == "store.key_missing"
    assert str(encrypted) in str(refused.value)
    assert _snapshot(encrypted) == before


def test_a_keyring_that_cannot_be_read_is_refused_and_the_file_is_not_touched(
    encrypted: Path,
) -> None:
    before = _snapshot(encrypted)
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        with pytest.raises(StoreError) as refused:
            open_store(sqlite_url(encrypted))
    finally:
        keyring.set_keyring(previous)
    assert refused.value.problem.code == "store.key_unavailable"
    assert str(encrypted) in str(refused.value)
    assert _snapshot(encrypted) == before


def test_encrypting_twice_changes_nothing(encrypted: Path, memory_keyring: MemoryKeyring) -> None:
    key = memory_keyring.secrets[(KEYRING_SERVICE, key_account(encrypted))]
    before = _snapshot(encrypted)
    again = encrypt_store(encrypted)
    assert not again.changed
    assert _snapshot(encrypted) == before
    assert memory_keyring.secrets[(KEYRING_SERVICE, key_account(encrypted))] == key


def test_a_file_that_is_not_a_store_is_refused(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    garbage = tmp_path / "notes.sqlite3"
    garbage.write_bytes(b"garbage" * 500)
    with pytest.raises(CorruptStoreError) as refused:
        encrypt_store(garbage)
    assert refused.value.problem.code == "store.not_a_store"
    with pytest.raises(CorruptStoreError):
        open_store(sqlite_url(garbage))
    assert garbage.read_bytes() == b"garbage" * 500
    assert sorted(os.listdir(tmp_path)) == ["notes.sqlite3"]

    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE recipes (name TEXT)")
    connection.close()
    content = other.read_bytes()
    with pytest.raises(ForeignDatabaseError):
        encrypt_store(other)
    assert other.read_bytes() == content
    assert not memory_keyring.secrets


def test_a_store_open_elsewhere_is_refused(plain: Path, memory_keyring: MemoryKeyring) -> None:
    path, tmp_path = plain, plain.parent
    busy = open_store(sqlite_url(path))
    try:
        with busy.session() as session:  # a console holding a connection
            session.execute(text("SELECT 1"))
        with pytest.raises(StoreError) as refused:
            encrypt_store(path)
        assert refused.value.problem.code == "store.in_use"
        with busy.session() as session:
            assert session.scalars(select(Message.text)).all()
    finally:
        busy.close()
    assert path.read_bytes().startswith(b"SQLite format 3\x00")
    assert not memory_keyring.secrets
    assert not [name for name in os.listdir(tmp_path) if "encrypting" in name]


def test_a_keyring_that_cannot_keep_the_key_leaves_the_store_plain(
    plain: Path,
) -> None:
    path, tmp_path = plain, plain.parent
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        with pytest.raises(StoreError) as refused:
            encrypt_store(path)
    finally:
        keyring.set_keyring(previous)
    assert refused.value.problem.code == "store.key_not_saved"
    assert sorted(os.listdir(tmp_path)) == ["store.sqlite3"]
    assert PHRASE.encode() in path.read_bytes()
    open_store(sqlite_url(path)).close()


def test_an_encrypted_store_is_migrated_and_its_backup_is_encrypted(
    plain: Path, memory_keyring: MemoryKeyring
) -> None:
    path, tmp_path = plain, plain.parent
    store = open_store(sqlite_url(path))
    with store.engine.begin() as connection:
        command.downgrade(_alembic_config(connection), "-1")
        older = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    store.close()
    assert older != schema_head()
    encrypt_store(path)

    store = open_store(sqlite_url(path))
    try:
        with store.session() as session:
            version = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
            assert version == schema_head()
            assert len(conversation_ids(session, InboxFilter(search="umbrella"))) == 1
    finally:
        store.close()
    backup = tmp_path / f"store.sqlite3.before-{older}.bak"
    raw = backup.read_bytes()
    assert not raw.startswith(b"SQLite format 3\x00") and PHRASE.encode() not in raw
    # The backup is encrypted with the same key: put in the store's place, it opens.
    path.unlink()
    backup.rename(path)
    restored = open_store(sqlite_url(path))
    try:
        with restored.session() as session:
            assert session.execute(text("SELECT version_num FROM alembic_version")).scalar() in (
                older,
                schema_head(),
            )
    finally:
        restored.close()


def test_a_damaged_encrypted_store_is_refused(
    encrypted: Path, memory_keyring: MemoryKeyring
) -> None:
    raw = bytearray(encrypted.read_bytes())
    assert len(raw) >= 3 * 4096
    middle = len(raw) // 4096 // 2 * 4096 + 100
    raw[middle : middle + 64] = bytes(64)  # a page whose authentication code no longer fits
    encrypted.write_bytes(bytes(raw))
    before = _snapshot(encrypted)
    with pytest.raises(CorruptStoreError) as refused:
        open_store(sqlite_url(encrypted))
    assert refused.value.problem.code == "store.damaged"
    assert _snapshot(encrypted)[0] == before[0]


def test_the_bundled_sqlcipher_has_full_text_search() -> None:
    dbapi = encryption.driver()
    assert dbapi is not None
    assert encryption._has_fts5(dbapi)


def test_channel_secrets_and_store_keys_share_the_keyring_service() -> None:
    from console.channels.credentials import KEYRING_SERVICE as CHANNELS

    assert KEYRING_SERVICE == CHANNELS
