"""The store on a real PostgreSQL (team mode), and the one rule for unstorable text.

The server is Debian's, started once per session by tests/pg_server.py; each
test has its own database (``pg_url`` empty, ``any_store`` migrated, on both
engines).
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from factories import MessageFactory
from pg_server import PASSWORD_USER, PgServer
from sqlalchemy import create_engine, func, select, text

import console.store
from console.inbox.ingest import ingest
from console.inbox.queries import InboxFilter, conversation_ids
from console.store import ForeignDatabaseError, Store, open_store
from console.store.engine import schema_head
from console.store.models import Base, ChannelIdentity, Conversation, Customer, Message
from console.store.postgresql import (
    NO_DATABASE,
    SIGN_IN_REFUSED,
    UNREACHABLE,
    StoreUnreachableError,
)
from console.store.text_safety import REPLACEMENT, clean_fields, clean_text, clean_value


def test_open_store_migrates_an_empty_database_and_reopens_it(pg_url: str) -> None:
    store = open_store(pg_url)
    assert not store.is_sqlite
    with store.engine.connect() as connection:
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        tables = set(
            connection.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            ).scalars()
        )
    store.close()
    assert version == schema_head()
    assert {"messages", "conversations", "quarantine", "audit_log", "channel_outbox"} <= tables
    again = open_store(pg_url)  # at head: nothing to do, nothing lost
    with again.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    again.close()


#: Made by migrations on PostgreSQL only, for the database's own enforcement, outside the
#: models: masked copies and keyed hashes of customer data (0023, kept by triggers, read
#: through the ``console_masked`` views), the inbox's covering index (0024) and the open
#: work its view counts read (0025).
POSTGRESQL_ONLY_INDEXES = {
    "ix_channel_identities_address_hash",
    "ix_customer_keys_value_hash",
    "ix_conversations_inbox",
    "ix_conversations_open_work",
}


def _postgresql_only(change: tuple[object, ...]) -> bool:
    if change[0] == "remove_index":
        return getattr(change[1], "name", None) in POSTGRESQL_ONLY_INDEXES
    if change[0] == "remove_column":
        name = str(getattr(change[3], "name", ""))
        return name.startswith("masked_") or name.endswith("_hash")
    return False


def test_migrated_postgresql_schema_equals_the_models(pg_url: str) -> None:
    for info in pkgutil.iter_modules(console.store.__path__, "console.store."):
        if info.name.endswith("_tables"):
            importlib.import_module(info.name)
    store = open_store(pg_url)
    with store.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    store.close()
    relevant = [
        change
        for change in diff
        if not (
            isinstance(change, tuple)
            and (
                (change[0] == "remove_table" and change[1].name == "translation_memory")
                # The search tables are made by the migrations (0015, 0026), outside the
                # models, like SQLite's FTS5 tables.
                or (change[0] == "remove_table" and change[1].name.startswith("message_fts"))
                or (change[0] == "remove_table" and change[1].name == "search_postings")
                or (change[0] == "remove_index" and change[1].table.name.startswith("message_fts"))
                or _postgresql_only(change)
            )
        )
    ]
    assert relevant == [], "\n".join(map(str, relevant))


def test_statements_are_planned_for_their_values_even_once_prepared(pg_url: str) -> None:
    """psycopg prepares a statement run five times; the server must still plan each run for
    its own values (a generic plan searched every conversation for every word), and not
    compile it (JIT doubled a search's time)."""
    store = open_store(pg_url)
    try:
        with store.session() as session:
            for _ in range(8):  # past psycopg's prepare threshold
                conversation_ids(session, InboxFilter(search="refund"), limit=10)
            mode = session.scalar(text("SHOW plan_cache_mode"))
            jit = session.scalar(text("SHOW jit"))
    finally:
        store.close()
    assert (mode, jit) == ("force_custom_plan", "off")


def test_another_programs_postgresql_database_is_refused(pg_url: str) -> None:
    engine = create_engine(pg_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoices (id integer PRIMARY KEY)"))
    with pytest.raises(ForeignDatabaseError):
        open_store(pg_url)
    with engine.connect() as connection:
        names = connection.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        ).scalars()
        assert list(names) == ["invoices"]
    engine.dispose()


def test_audit_log_is_append_only_on_both_engines(any_store: Store) -> None:
    with any_store.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO audit_log (at, actor, action, entity, detail) "
                "VALUES ('2026-01-01', 'li', 'reply', 'conversation', '{}')"
            )
        )
    for statement in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(Exception, match="append-only"), any_store.engine.begin() as connection:
            connection.execute(text(statement))
    with any_store.engine.connect() as connection:
        assert connection.execute(text("SELECT actor FROM audit_log")).scalars().all() == ["li"]


def _search(store: Store, query: str) -> list[int]:
    with store.session() as session:
        return conversation_ids(session, InboxFilter(search=query))


def test_ingest_and_search_basics_on_both_engines(
    any_store: Store, message: MessageFactory
) -> None:
    result = ingest(
        any_store,
        [
            message("Wo ist meine Bestellung? Sendungsnummer fehlt", address="de@x"),
            message("Où est ma commande ?", address="fr@x"),
            message("parcel damaged", address="en@x"),
            message("second message, same thread", address="en@x"),
        ],
    )
    assert (result.imported, result.duplicates) == (4, 0)
    again = ingest(any_store, [message("parcel damaged", address="en@x", external_id="m3")])
    assert (again.imported, again.duplicates) == (0, 1)
    with any_store.session() as session:
        assert session.scalar(select(func.count()).select_from(Conversation)) == 3
        assert session.scalar(select(func.count()).select_from(Message)) == 4
    assert len(_search(any_store, "bestellung")) == 1
    assert len(_search(any_store, "damaged")) == 1
    assert len(_search(any_store, "parcel damaged")) == 1
    assert _search(any_store, "refund") == []
    assert _search(any_store, "") != []  # no search: every conversation


def test_nul_and_lone_surrogates_become_the_replacement_character_on_both_engines(
    any_store: Store, message: MessageFactory
) -> None:
    batch = [
        message(
            "refund\x00please",
            address="n\x00l@example.com",
            name="Ana\x00Souza",
            subject="Order\x00 42",
            external_id="<id\x00@mail>",
        ),
        message("broken \udcff byte", address="s@example.com", subject="bad \ud800"),
    ]
    assert ingest(any_store, batch).imported == 2
    with any_store.session() as session:
        texts = sorted(session.scalars(select(Message.text)))
        assert texts == ["broken \ufffd byte", "refund\ufffdplease"]
        assert sorted(s or "" for s in session.scalars(select(Message.subject))) == [
            "Order\ufffd 42",
            "bad \ufffd",
        ]
        assert "<id\ufffd@mail>" in set(session.scalars(select(Message.external_id)))
        assert "Ana\ufffdSouza" in set(session.scalars(select(Customer.name)))
        assert "n\ufffdl@example.com" in set(session.scalars(select(ChannelIdentity.address)))
    # Re-ingesting the same input finds the stored copies: nothing new, no error.
    again = ingest(any_store, batch)
    assert (again.imported, again.duplicates) == (0, 2)
    # A later message from the same (NUL-bearing) address joins the same customer.
    ingest(any_store, [message("and again", address="n\x00l@example.com", external_id="x9")])
    with any_store.session() as session:
        assert session.scalar(select(func.count()).select_from(Customer)) == 2
    assert len(_search(any_store, "refund")) == 1


def test_any_text_written_by_any_statement_follows_the_rule(any_store: Store) -> None:
    with any_store.engine.begin() as connection:
        connection.execute(
            text("INSERT INTO customers (name, created_at) VALUES (:name, '2026-01-01')"),
            [{"name": "a\x00b"}, {"name": "c\udcffd"}],
        )
        names = connection.execute(text("SELECT name FROM customers ORDER BY id")).scalars()
        assert list(names) == ["a\ufffdb", "c\ufffdd"]
        # Queries follow the same rule, so what was written can be found as it was typed.
        found = connection.execute(
            text("SELECT count(*) FROM customers WHERE name = :name"), {"name": "a\x00b"}
        ).scalar()
        assert found == 1


def test_clean_text_keeps_length_and_clean_input_untouched() -> None:
    assert clean_text("a\x00b\x00") == f"a{REPLACEMENT}b{REPLACEMENT}"
    assert clean_text("\ud83d x") == f"{REPLACEMENT} x"  # half of an emoji's surrogate pair
    assert clean_text("退款 😀 \x01\t") == "退款 😀 \x01\t"
    clean = "nothing to do"
    assert clean_text(clean) is clean


@dataclass(frozen=True)
class _Inner:
    name: str
    data: bytes


@dataclass(frozen=True)
class _Outer:
    text: str
    tags: tuple[str, ...]
    inner: _Inner
    count: int = 0


def test_clean_fields_reaches_nested_values_and_leaves_bytes() -> None:
    dirty = _Outer("x\x00", ("ok", "t\x00"), _Inner("n\x00", b"raw\x00bytes"), 3)
    cleaned = clean_fields(dirty)
    assert cleaned == _Outer("x\ufffd", ("ok", "t\ufffd"), _Inner("n\ufffd", b"raw\x00bytes"), 3)
    fine = _Outer("x", ("ok",), _Inner("n", b"\x00"))
    assert clean_fields(fine) is fine
    assert clean_value({"k\x00": ["v\x00", 1]}) == {"k\ufffd": ["v\ufffd", 1]}


def test_a_server_that_cannot_be_reached_is_not_called_a_damaged_store() -> None:
    from pg_server import _free_port

    url = f"postgresql+psycopg://nobody:secret@127.0.0.1:{_free_port()}/console"
    with pytest.raises(StoreUnreachableError) as caught:
        open_store(url)
    assert caught.value.problem.code == UNREACHABLE
    assert "cannot be reached" in str(caught.value) and "secret" not in str(caught.value)
    assert "Error" not in str(caught.value)  # no exception class names for the user


def test_a_refused_sign_in_and_a_missing_database_are_named(pg_server: PgServer) -> None:
    wrong = f"postgresql+psycopg://{PASSWORD_USER}:wrong@127.0.0.1:{pg_server.port}/postgres"
    with pytest.raises(StoreUnreachableError) as caught:
        open_store(wrong)
    assert caught.value.problem.code == SIGN_IN_REFUSED
    assert "wrong" not in str(caught.value)
    with pytest.raises(StoreUnreachableError) as caught:
        open_store(f"postgresql+psycopg://ghost@127.0.0.1:{pg_server.port}/postgres")
    assert caught.value.problem.code == SIGN_IN_REFUSED
    missing = pg_server.url("no_such_database")
    with pytest.raises(StoreUnreachableError) as caught:
        open_store(missing)
    assert caught.value.problem.code == NO_DATABASE
    assert caught.value.problem.values["database"] == "no_such_database"


def test_losing_the_server_during_work_is_named_and_the_store_recovers(
    pg_store: Store, message: MessageFactory
) -> None:
    with pytest.raises(StoreUnreachableError) as caught, pg_store.session() as session:
        session.execute(text("SELECT pg_terminate_backend(pg_backend_pid())"))
        session.execute(text("SELECT 1"))
    assert caught.value.problem.code == UNREACHABLE
    # The next piece of work gets a fresh connection (pool pre-ping).
    assert ingest(pg_store, [message("back again")]).imported == 1


def test_any_typed_search_is_a_valid_query_on_both_engines(
    any_store: Store, message: MessageFactory
) -> None:
    ingest(any_store, [message("refund please, a b c")])
    # Quotes, operators and NUL never reach the engine's query syntax as such: no error.
    for typed in ["'", '"', "a & b | !c", "refund\x00", "(:*", "退款", "NEAR(a b)", "\\", "%_"]:
        assert isinstance(_search(any_store, typed), list), typed
    assert len(_search(any_store, "refund")) == 1
