"""Translation memory: every engine output, keyed by text, pair, engine and version.

Keys hold a SHA-256 of the engine's input (placeholders already in), never the
text itself. :class:`InMemoryMemory` lives for the process; :class:`SqlMemory`
keeps entries in any SQLAlchemy database (a SQLite file or the console's store),
so a repeat survives restarts.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from sqlalchemy import Engine as SqlEngine
    from sqlalchemy import Table


@dataclass(frozen=True)
class MemoryKey:
    text_hash: str
    source: str
    target: str
    engine: str
    engine_version: str

    @classmethod
    def of(cls, text: str, source: str, target: str, engine: str, version: str) -> MemoryKey:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return cls(digest, source, target, engine, version)


class TranslationMemory(Protocol):
    def get_many(self, keys: Iterable[MemoryKey]) -> dict[MemoryKey, str]:
        """The stored translations of those keys that have one."""
        ...

    def put_many(self, entries: Mapping[MemoryKey, str]) -> None:
        """Store (or replace) translations."""
        ...


class InMemoryMemory:
    """A process-wide dictionary; thread-safe."""

    def __init__(self) -> None:
        self._entries: dict[MemoryKey, str] = {}
        self._lock = threading.Lock()

    def get_many(self, keys: Iterable[MemoryKey]) -> dict[MemoryKey, str]:
        with self._lock:
            return {key: self._entries[key] for key in keys if key in self._entries}

    def put_many(self, entries: Mapping[MemoryKey, str]) -> None:
        with self._lock:
            self._entries.update(entries)

    def __len__(self) -> int:
        return len(self._entries)


TABLE_NAME = "translation_memory"


def memory_table(metadata: object | None = None) -> Table:
    """The table :class:`SqlMemory` uses (the console creates it by a migration).

    ``metadata`` is a ``sqlalchemy.MetaData``; a private one when omitted.
    """
    import sqlalchemy as sa

    meta = metadata if isinstance(metadata, sa.MetaData) else sa.MetaData()
    if TABLE_NAME in meta.tables:
        return meta.tables[TABLE_NAME]
    return sa.Table(
        TABLE_NAME,
        meta,
        sa.Column("text_hash", sa.String(64), primary_key=True),
        sa.Column("source", sa.String(16), primary_key=True),
        sa.Column("target", sa.String(16), primary_key=True),
        sa.Column("engine", sa.String(32), primary_key=True),
        sa.Column("engine_version", sa.String(200), primary_key=True),
        sa.Column("translation", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )


class SqlMemory:
    """Translation memory in a SQLAlchemy database.

    ``SqlMemory.sqlite(path)`` opens (and creates) a file of its own; the console
    passes its store's engine instead, once the table exists there.
    """

    def __init__(self, engine: SqlEngine, *, create: bool = False) -> None:
        self.engine = engine
        self.table = memory_table()
        if create:
            self.table.create(engine, checkfirst=True)

    @classmethod
    def sqlite(cls, path: Path | str) -> SqlMemory:
        from sqlalchemy import create_engine

        return cls(create_engine(f"sqlite:///{Path(path)}"), create=True)

    def get_many(self, keys: Iterable[MemoryKey]) -> dict[MemoryKey, str]:
        import sqlalchemy as sa

        wanted = list(dict.fromkeys(keys))
        if not wanted:
            return {}
        t = self.table
        found: dict[MemoryKey, str] = {}
        with self.engine.connect() as connection:
            for start in range(0, len(wanted), 200):
                chunk = wanted[start : start + 200]
                by_hash = {key.text_hash for key in chunk}
                rows = connection.execute(
                    sa.select(
                        t.c.text_hash, t.c.source, t.c.target, t.c.engine,
                        t.c.engine_version, t.c.translation,
                    ).where(t.c.text_hash.in_(by_hash))
                )  # fmt: skip
                chunk_set = set(chunk)
                for row in rows:
                    key = MemoryKey(row[0], row[1], row[2], row[3], row[4])
                    if key in chunk_set:
                        found[key] = row[5]
        return found

    def put_many(self, entries: Mapping[MemoryKey, str]) -> None:
        import sqlalchemy as sa

        if not entries:
            return
        t = self.table
        now = datetime.now(UTC).replace(tzinfo=None)
        with self.engine.begin() as connection:
            for key, text in entries.items():
                where = sa.and_(
                    t.c.text_hash == key.text_hash,
                    t.c.source == key.source,
                    t.c.target == key.target,
                    t.c.engine == key.engine,
                    t.c.engine_version == key.engine_version,
                )
                connection.execute(sa.delete(t).where(where))
                connection.execute(
                    sa.insert(t).values(
                        text_hash=key.text_hash, source=key.source, target=key.target,
                        engine=key.engine, engine_version=key.engine_version,
                        translation=text, created_at=now,
                    )
                )  # fmt: skip
