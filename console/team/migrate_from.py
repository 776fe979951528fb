"""``support-console team migrate-from SQLITE_PATH --db URL``: a single seat into a team store.

Every table the two stores share is copied (the ORM's tables, whoever added
them, and the few the migrations make outside it, such as the translation
memory), parents before children, keeping every id, in batches read as a
stream from the SQLite file. Rows whose key the team store already has are
left alone (``ON CONFLICT DO NOTHING``), so a second run copies only what is
missing and doubles nothing. SQLite's FTS5 tables are not copied: the team
store's own triggers index what arrives (migration 0015).

Afterwards every sequence is moved past the ids copied (new rows get fresh
ids), and each table is checked, reading the SQLite store again: one line
``table: copied N, in team store M``. A source row is present when the team
store has a row under its key; if every row is, the exit code is 0, else 1
(a row kept out by another unique key). A row there under the same key with
other contents (a team store that already had data of its own, or a row its
own migrations made at another time) is kept as it is and counted in a notice.

The audit log is not copied as a table: it is a hash chain (migration 0020) whose
ids and hashes the team store draws itself, so the single seat's entries are
appended to the team store's chain, in their order and with their contents
(``at``, actor, action, entity, detail), under new ids; ``audit_chain_head`` belongs
to the chain and is never copied. The same transaction appends a
``store_migrated`` entry naming the source (its path, the hash of its first entry,
which identifies its log wherever the file has moved, and the last source id
copied); a later run copies only the source's entries after that id, so the log
is never doubled and ``support-console audit verify`` holds afterwards.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Connection, MetaData, Table, func, insert, inspect, select, text, tuple_
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError

import console.store
from console.problems import define, problem
from console.store import Store, StoreError, open_store, sqlite_url
from console.store.models import Agent, AuditEntry, Base, utcnow

EXIT_OK = 0
EXIT_INCOMPLETE = 1
EXIT_STORE_ERROR = 2
#: Rows read, written and checked at a time (memory stays flat for any size of store).
BATCH = 2000
#: Tables never copied: the schema's version, and SQLite's search index (rebuilt there).
_SKIPPED = {"alembic_version", "audit_chain_head"}
#: Appended to the team store's chain, not copied as rows (see the module text).
AUDIT_TABLE = "audit_log"
#: The team store's entry recording what a run appended from one single-seat store.
MIGRATED_ACTION = "store_migrated"
MIGRATED_ACTOR = "team migrate-from"
_SKIPPED_PREFIXES = ("message_fts", "sqlite_")

NEEDS_POSTGRESQL = define(
    "team.migrate_needs_postgresql",
    "The team store must be a PostgreSQL database (postgresql+psycopg://user@host/database); "
    "{path} is not one. Nothing was copied.",
)
ROWS_MISSING = define(
    "team.migrate_rows_missing",
    "{table}: {count} rows of the single-seat store are not in the team store (a row already "
    "there has the same unique value). Remove those rows from the team store, or copy into a "
    "new, empty team store, and run the command again.",
)
ROWS_DIFFER = define(
    "team.migrate_rows_differ",
    "{table}: {count} rows have the same id as rows already in the team store with other "
    "contents; the team store's rows were kept.",
)
ROWS_REFER_TO_MISSING = define(
    "team.migrate_rows_refer_to_missing",
    "{table}: rows of the single-seat store refer to rows the team store could not take "
    "(a row already there has the same unique value). The copy stopped; what was copied "
    "is kept. Remove those rows from the team store, or copy into a new, empty team store, "
    "and run the command again.",
)
PEOPLE_TAKEN = define(
    "team.migrate_people_taken",
    "The team store already has other people under the ids of this seat's people ({names}): "
    "their conversations, replies and reviews would be theirs. Copy the single-seat store "
    "before running team init, or into a new, empty database. Nothing was copied.",
)
ALL_COPIED = define(
    "team.migrate_all_copied",
    "Every row of {source} is in the team store {target}.",
)


@dataclass(frozen=True)
class TableCopy:
    """What one table's copy did."""

    name: str
    #: Rows in the single-seat store.
    source_rows: int
    #: Rows this run wrote to the team store.
    copied: int
    #: Rows of the single-seat store whose key the team store does not have.
    missing: int
    #: Rows whose key the team store has, with other contents.
    different: int
    #: Rows in the team store afterwards.
    team_rows: int

    def line(self) -> str:
        return f"{self.name}: copied {self.copied}, in team store {self.team_rows}"


def run_migrate_from(args: argparse.Namespace) -> int:
    """The command: copy, move the sequences on, print the counts (see module docstring)."""
    source_path: Path = args.sqlite_path
    url: str = args.command_db
    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError:
        backend = ""
    if backend != "postgresql":
        print(f"support-console: {problem(NEEDS_POSTGRESQL, path=url)}", file=sys.stderr)
        return EXIT_INCOMPLETE
    try:
        source = open_store(sqlite_url(source_path), create=False)
    except StoreError as exc:
        print(f"support-console: {exc}", file=sys.stderr)
        return EXIT_STORE_ERROR
    try:
        team = open_store(url)
    except StoreError as exc:
        source.close()
        print(f"support-console: {exc}", file=sys.stderr)
        return EXIT_STORE_ERROR
    taken = _people_taken(source, team)
    if taken:
        source.close()
        team.close()
        print(f"support-console: {problem(PEOPLE_TAKEN, names=', '.join(taken))}", file=sys.stderr)
        return EXIT_INCOMPLETE
    try:
        results = migrate(
            source,
            team,
            progress=lambda copy: print(copy.line(), flush=True),
            source_name=str(source_path),
        )
    except StoreError as exc:
        print(f"support-console: {exc}", file=sys.stderr)
        return EXIT_STORE_ERROR
    except IntegrityError as exc:  # a parent kept out (ROWS_MISSING): its children cannot go
        table = getattr(getattr(exc.orig, "diag", None), "table_name", None) or "?"
        print(f"support-console: {problem(ROWS_REFER_TO_MISSING, table=table)}", file=sys.stderr)
        return EXIT_INCOMPLETE
    finally:
        source.close()
        team.close()
    for copy in results:
        if copy.different:
            notice = problem(ROWS_DIFFER, table=copy.name, count=copy.different)
            print(f"support-console: {notice}", file=sys.stderr)
    incomplete = [copy for copy in results if copy.missing]
    for copy in incomplete:
        print(
            f"support-console: {problem(ROWS_MISSING, table=copy.name, count=copy.missing)}",
            file=sys.stderr,
        )
    if incomplete:
        return EXIT_INCOMPLETE
    print(problem(ALL_COPIED, source=source_path, target=team.name))
    return EXIT_OK


def _people_taken(source: Store, team: Store) -> list[str]:
    """The seat's people whose ids the team store gives to someone else (at most five named).

    People keep their ids in the copy, and everything a person did points at that id:
    copied over an administrator made by ``team init`` first, the seat's person 1 would
    silently become that administrator.
    """
    with source.session() as reading, team.session() as writing:
        ours: dict[int, str] = {
            i: name for i, name in reading.execute(select(Agent.id, Agent.name))
        }
        theirs: dict[int, str] = {
            i: name
            for i, name in writing.execute(
                select(Agent.id, Agent.name).where(Agent.id.in_(list(ours)))
            )
        }
    return sorted(ours[i] for i, name in theirs.items() if name != ours[i])[:5]


def migrate(
    source: Store, team: Store, progress: Any = None, *, source_name: str = ""
) -> list[TableCopy]:
    """Copy every shared table of ``source`` into ``team`` (see module docstring)."""
    pairs = _table_pairs(source, team)
    results = []
    with source.engine.connect() as reading, team.engine.connect() as writing:
        copied = [
            _append_audit(reading, writing, source_name or source.name)
            if read.name == AUDIT_TABLE
            else _copy_table(reading, writing, read, write)
            for read, write in pairs
        ]
        _move_sequences(writing)
        writing.commit()
        for (read_table, write_table), count in zip(pairs, copied, strict=True):
            if read_table.name == AUDIT_TABLE:
                copy = _check_audit(reading, writing, count)
            else:
                copy = _check_table(reading, writing, read_table, write_table, count)
            results.append(copy)
            if progress is not None:
                progress(copy)
    return results


# -- the audit log: appended to the team store's chain --------------------------------------

_AUDIT = cast(Table, AuditEntry.__table__)
_AUDIT_CONTENT = ("at", "actor", "action", "entity", "entity_id", "detail")


def _source_chain(reading: Connection) -> str:
    """What names the single seat's log wherever its file is: its first entry's hash."""
    first = reading.scalar(select(_AUDIT.c.hash).order_by(_AUDIT.c.id).limit(1))
    reading.rollback()
    return first or ""


def _copied_through(writing: Connection, chain: str) -> int:
    """The last source id an earlier run appended from the store whose log is ``chain``."""
    through = 0
    markers = writing.execute(
        select(_AUDIT.c.detail).where(
            _AUDIT.c.action == MIGRATED_ACTION, _AUDIT.c.entity == "store"
        )
    ).scalars()
    for detail in markers:
        if isinstance(detail, dict) and detail.get("chain") == chain:
            through = max(through, int(detail.get("through_id") or 0))
    writing.rollback()
    return through


def _append_audit(reading: Connection, writing: Connection, source_name: str) -> int:
    """Append the source's entries not appended before, and the marker, in one transaction
    (a run that fails half-way leaves neither, so the next one starts at the same entry)."""
    chain = _source_chain(reading)
    if not chain:
        return 0
    after = _copied_through(writing, chain)
    appended, last_id = 0, after
    query = (
        select(_AUDIT.c.id, *(_AUDIT.c[name] for name in _AUDIT_CONTENT))
        .where(_AUDIT.c.id > after)
        .order_by(_AUDIT.c.id)
    )
    result = reading.execution_options(stream_results=True, yield_per=BATCH).execute(query)
    for batch in result.mappings().partitions(BATCH):
        # One row at a time in id order: the chain trigger draws each id and hash in turn.
        rows = [{name: row[name] for name in _AUDIT_CONTENT} for row in batch]
        writing.execute(insert(_AUDIT), rows)
        appended += len(rows)
        last_id = batch[-1]["id"]
    reading.rollback()
    if appended:
        writing.execute(
            insert(_AUDIT).values(
                at=utcnow(),
                actor=MIGRATED_ACTOR,
                action=MIGRATED_ACTION,
                entity="store",
                detail={
                    "source": source_name,
                    "chain": chain,
                    "through_id": last_id,
                    "entries": appended,
                },
            )
        )
    writing.commit()
    return appended


def _check_audit(reading: Connection, writing: Connection, appended: int) -> TableCopy:
    """Every source entry is covered by a marker (appended now or by an earlier run)."""
    source_rows = reading.scalar(select(func.count()).select_from(_AUDIT)) or 0
    chain = _source_chain(reading)
    through = _copied_through(writing, chain) if chain else 0
    missing = reading.scalar(select(func.count()).where(_AUDIT.c.id > through)) or 0
    reading.rollback()
    team_rows = writing.scalar(select(func.count()).select_from(_AUDIT)) or 0
    writing.rollback()
    return TableCopy(AUDIT_TABLE, source_rows, appended, missing, 0, team_rows)


def _import_table_modules() -> None:
    """Every ``console.store.*_tables`` module, so the ORM metadata holds every table."""
    for info in pkgutil.iter_modules(console.store.__path__, "console.store."):
        if info.name.endswith("_tables"):
            importlib.import_module(info.name)


def _copied(name: str) -> bool:
    return name not in _SKIPPED and not name.startswith(_SKIPPED_PREFIXES)


def _table_pairs(source: Store, team: Store) -> list[tuple[Table, Table]]:
    """(read from, write to) for each table both stores have, parents first."""
    _import_table_modules()
    source_names = set(inspect(source.engine).get_table_names())
    team_metadata = MetaData()
    team_metadata.reflect(team.engine)
    source_metadata = MetaData()
    pairs = []
    for team_table in team_metadata.sorted_tables:  # foreign-key order
        name = team_table.name
        if not _copied(name) or name not in source_names:
            continue
        mapped = Base.metadata.tables.get(name)
        if mapped is not None:
            pairs.append((mapped, mapped))
        else:  # made by a migration outside the ORM (the translation memory)
            pairs.append((Table(name, source_metadata, autoload_with=source.engine), team_table))
    return pairs


def _key_columns(table: Table) -> list[Any]:
    return list(table.primary_key.columns) or list(table.columns)


def _shared_columns(read_table: Table, write_table: Table) -> tuple[list[str], list[Any]]:
    """Column names both tables have, and the key columns of ``read_table`` among them."""
    shared = [c.name for c in read_table.columns if c.name in write_table.columns]
    return shared, [c for c in _key_columns(read_table) if c.name in shared]


def _source_batches(
    reading: Connection, read_table: Table, shared: list[str], key: list[Any]
) -> Iterable[list[dict[str, Any]]]:
    """The source table's rows in key order, ``BATCH`` at a time (a stream, not a list)."""
    query = select(*(read_table.c[name] for name in shared)).order_by(*key)
    result = reading.execution_options(stream_results=True, yield_per=BATCH).execute(query)
    for batch in result.mappings().partitions(BATCH):
        yield [dict(row) for row in batch]


def _copy_table(
    reading: Connection, writing: Connection, read_table: Table, write_table: Table
) -> int:
    """Rows written: every source row whose key (or other unique value) the team store lacks."""
    shared, read_key = _shared_columns(read_table, write_table)
    write_key = [write_table.c[c.name] for c in read_key]
    copied = 0
    statement = postgresql_insert(write_table).on_conflict_do_nothing().returning(*write_key)
    for rows in _source_batches(reading, read_table, shared, read_key):
        copied += len(writing.execute(statement, rows).all())
        writing.commit()
    return copied


def _check_table(
    reading: Connection, writing: Connection, read_table: Table, write_table: Table, copied: int
) -> TableCopy:
    """Whether each source row's key is in the team store, and with the same contents."""
    shared, read_key = _shared_columns(read_table, write_table)
    write_key = [write_table.c[c.name] for c in read_key]
    source_rows = missing = different = 0
    for rows in _source_batches(reading, read_table, shared, read_key):
        source_rows += len(rows)
        keys = [_key_of(row, read_key) for row in rows]
        there = {
            _key_of(dict(found), read_key): dict(found)
            for found in writing.execute(
                select(*(write_table.c[name] for name in shared)).where(
                    tuple_(*write_key).in_(keys)
                )
            ).mappings()
        }
        for key, row in zip(keys, rows, strict=True):
            if key not in there:
                missing += 1
            elif there[key] != row:
                different += 1
    writing.rollback()
    team_rows = writing.scalar(select(func.count()).select_from(write_table)) or 0
    writing.rollback()
    return TableCopy(read_table.name, source_rows, copied, missing, different, team_rows)


def _key_of(row: dict[str, Any], key: Sequence[Any]) -> tuple[Any, ...]:
    return tuple(row[column.name] for column in key)


_SEQUENCES = text(
    """
    SELECT quote_ident(c.relname) AS table_name, quote_ident(a.attname) AS column_name,
        pg_get_serial_sequence(quote_ident(c.relname), a.attname) AS sequence
    FROM pg_class AS c
    JOIN pg_namespace AS n ON n.oid = c.relnamespace AND n.nspname = current_schema()
    JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    WHERE c.relkind IN ('r', 'p')
        AND pg_get_serial_sequence(quote_ident(c.relname), a.attname) IS NOT NULL
    """
)


def _move_sequences(writing: Connection) -> None:
    """Every sequence of the team store past the largest id its column holds."""
    for table_name, column_name, sequence in writing.execute(_SEQUENCES).all():
        largest = writing.scalar(text(f"SELECT max({column_name}) FROM {table_name}"))
        if largest is None:
            continue
        writing.execute(
            text(
                "SELECT setval(CAST(:sequence AS regclass), :largest) "
                "WHERE :largest > (SELECT CASE WHEN is_called THEN last_value "
                f"ELSE last_value - 1 END FROM {sequence})"
            ),
            {"sequence": sequence, "largest": int(largest)},
        )
