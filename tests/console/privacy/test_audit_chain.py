"""The audit log's hash chain: written by the store on both engines, checked by
``support-console audit verify`` (exit 0 intact, 1 naming the first broken entry)."""

from __future__ import annotations

import itertools
import threading
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, delete, insert, select, text, update
from sqlalchemy.engine import make_url

from console import audit
from console.cli import main
from console.privacy.audit_chain import verify_store
from console.store import Store
from console.store.audit_hash import GENESIS, entry_hash
from console.store.audit_tables import AuditChainHead
from console.store.engine import _alembic_config, _create_engine
from console.store.models import Agent, AuditEntry

TRICKY = [
    "plain",
    "Grüße, 退款, 返品してください 😀",
    'quotes " and \\ backslash',
    "lines\nand\ttabs\r\n",
    "nul \x00 replaced",
    "",
]


def _url(store: Store) -> str:
    return store.url.render_as_string(hide_password=False)


def _write(store: Store, count: int, *, actor: str = "Ann") -> None:
    for n in range(count):
        with store.session() as session:
            audit.record(
                session,
                actor=actor,
                action=f"action_{n % 3}",
                entity="conversation" if n % 2 else "customer",
                entity_id=None if n % 4 == 3 else n,
                text=TRICKY[n % len(TRICKY)],
                n=n,
                ratio=n / 7,
                nested={"list": [n, None, True], "z": "ü"},
            )


def _ids(store: Store) -> list[int]:
    with store.session() as session:
        return list(session.scalars(select(AuditEntry.id).order_by(AuditEntry.id)))


def _lift_guards(store: Store) -> None:
    """What a tamperer with file or superuser access does first."""
    with store.engine.begin() as connection:
        if store.is_sqlite:
            connection.exec_driver_sql("DROP TRIGGER audit_log_no_update")
            connection.exec_driver_sql("DROP TRIGGER audit_log_no_delete")
        else:
            connection.exec_driver_sql("ALTER TABLE audit_log DISABLE TRIGGER USER")


def _verify_cli(store: Store, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["audit", "verify", "--db", _url(store)])
    return code, capsys.readouterr().out


def test_the_store_chains_every_entry_and_the_chain_holds(
    any_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(any_store, 12)
    with any_store.session() as session:
        rows = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        head = session.get(AuditChainHead, 1)
    assert len(rows) == 12
    assert rows[0].prev_hash == GENESIS
    for before, entry in itertools.pairwise(rows):
        assert entry.prev_hash == before.hash
    assert head is not None and head.last_id == rows[-1].id and head.last_hash == rows[-1].hash
    # The hash the store computed (plpgsql on PostgreSQL) is the one Python computes.
    first = rows[0]
    assert first.hash == entry_hash(
        first.at.strftime("%Y-%m-%d %H:%M:%S.%f"),
        first.actor,
        first.action,
        first.entity,
        first.entity_id,
        _detail_text(any_store, first.id),
        GENESIS,
    )
    code, out = _verify_cli(any_store, capsys)
    assert code == 0, out
    assert out.startswith("audit chain intact: 12 entries checked")


def _detail_text(store: Store, entry_id: int) -> str:
    cast = "CAST(detail AS TEXT)" if store.is_sqlite else "detail::text"
    with store.engine.connect() as connection:
        value = connection.execute(
            text(f"SELECT {cast} FROM audit_log WHERE id = :i"), {"i": entry_id}
        ).scalar_one()
    assert isinstance(value, str)
    return value


def test_an_empty_log_holds(any_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _verify_cli(any_store, capsys)
    assert (code, out.splitlines()[0].split(" in ")[0]) == (
        0,
        "audit chain intact: 0 entries checked",
    )


def test_an_altered_entry_is_named(any_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    _write(any_store, 6)
    ids = _ids(any_store)
    _lift_guards(any_store)
    with any_store.engine.begin() as connection:
        connection.execute(
            update(AuditEntry).where(AuditEntry.id == ids[2]).values(actor="Someone else")
        )
    code, out = _verify_cli(any_store, capsys)
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith(f"audit chain broken at entry {ids[2]} (")
    assert f"Audit entry {ids[2]} (" in lines[1] and "was altered" in lines[1]
    assert lines[2] == "2 entries before it hold"


def test_a_changed_detail_is_named(any_store: Store) -> None:
    _write(any_store, 4)
    ids = _ids(any_store)
    _lift_guards(any_store)
    with any_store.engine.begin() as connection:
        connection.execute(
            update(AuditEntry).where(AuditEntry.id == ids[1]).values(detail={"n": 99})
        )
    report = verify_store(any_store)
    assert report.broken is not None and report.broken.entry_id == ids[1]
    assert report.broken.problem.code == "audit.entry_altered"


def test_a_deleted_middle_entry_is_named(
    any_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(any_store, 6)
    ids = _ids(any_store)
    _lift_guards(any_store)
    with any_store.engine.begin() as connection:
        connection.execute(delete(AuditEntry).where(AuditEntry.id == ids[3]))
    code, out = _verify_cli(any_store, capsys)
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith(f"audit chain broken at entry {ids[4]} (")
    assert "are missing before entry" in lines[1] and f"is {ids[2]})" in lines[1]


def test_deleted_first_and_last_entries_are_named(any_store: Store) -> None:
    _write(any_store, 5)
    ids = _ids(any_store)
    _lift_guards(any_store)
    with any_store.engine.begin() as connection:
        connection.execute(delete(AuditEntry).where(AuditEntry.id == ids[-1]))
    report = verify_store(any_store)
    assert report.broken is not None
    assert (report.broken.entry_id, report.broken.problem.code) == (
        ids[-2],
        "audit.entries_missing_at_end",
    )
    assert report.checked == 4
    with any_store.engine.begin() as connection:
        connection.execute(delete(AuditEntry).where(AuditEntry.id == ids[0]))
    report = verify_store(any_store)
    assert report.broken is not None
    assert (report.broken.entry_id, report.broken.problem.code) == (ids[1], "audit.entries_missing")
    assert report.broken.problem.values["previous"] == "none"


def test_a_rewritten_entry_with_a_new_hash_breaks_the_next_link(any_store: Store) -> None:
    _write(any_store, 5)
    ids = _ids(any_store)
    _lift_guards(any_store)
    at_sql = (
        "CAST(at AS TEXT)" if any_store.is_sqlite else "to_char(at, 'YYYY-MM-DD HH24:MI:SS.US')"
    )
    with any_store.engine.begin() as connection:
        at, prev = connection.exec_driver_sql(
            f"SELECT {at_sql}, prev_hash FROM audit_log WHERE id = {ids[2]}"
        ).one()
        forged = entry_hash(at, "Forger", "action_2", "customer", 2, "{}", prev)
        connection.execute(
            update(AuditEntry)
            .where(AuditEntry.id == ids[2])
            .values(actor="Forger", action="action_2", entity="customer", detail={}, hash=forged)
        )
    report = verify_store(any_store)
    assert report.broken is not None
    assert (report.broken.entry_id, report.broken.problem.code) == (ids[3], "audit.link_broken")


def test_the_guards_still_refuse_changes_and_deletes(any_store: Store) -> None:
    _write(any_store, 2)
    ids = _ids(any_store)
    for statement in (
        update(AuditEntry).where(AuditEntry.id == ids[0]).values(actor="x"),
        update(AuditEntry).where(AuditEntry.id == ids[0]).values(hash="0" * 64),
        delete(AuditEntry).where(AuditEntry.id == ids[0]),
    ):
        with pytest.raises(Exception, match="append-only"), any_store.engine.begin() as c:
            c.execute(statement)
    assert verify_store(any_store).intact


def test_seats_writing_at_once_keep_one_chain(any_store: Store) -> None:
    """Several threads (each its own connection) record entries in transactions that also
    change a row the others change: the chain holds and nobody deadlocks."""
    with any_store.session() as session:
        session.add(Agent(name="Shared", languages=[]))
    threads, rounds = 6, 15
    barrier = threading.Barrier(threads)
    errors: list[BaseException] = []

    def seat(n: int) -> None:
        try:
            barrier.wait(timeout=30)
            for r in range(rounds):
                with any_store.session() as session:
                    audit.record(session, actor=f"seat {n}", action="a", entity="x", entity_id=r)
                    agent = session.scalars(select(Agent).where(Agent.name.like("Shared%"))).one()
                    agent.name = f"Shared {n}.{r}"
                    audit.record(session, actor=f"seat {n}", action="b", entity="x", entity_id=r)
        except BaseException as exc:  # reported below
            errors.append(exc)

    workers = [threading.Thread(target=seat, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert not errors, errors
    report = verify_store(any_store)
    assert report.intact, report.broken
    assert report.checked == threads * rounds * 2


def test_an_entry_recorded_in_a_rolled_back_savepoint_is_not_written(any_store: Store) -> None:
    with any_store.session() as session:
        audit.record(session, actor="Ann", action="kept", entity="x")
        nested = session.begin_nested()
        audit.record(session, actor="Ann", action="dropped", entity="x")
        nested.rollback()
    with pytest.raises(RuntimeError), any_store.session() as session:
        audit.record(session, actor="Ann", action="failed", entity="x")
        raise RuntimeError
    with any_store.session() as session:
        assert list(session.scalars(select(AuditEntry.action))) == ["kept"]


def test_details_lose_addresses_and_phone_numbers() -> None:
    scrubbed = audit.scrub(
        {
            "reason": "customer maria.p@gmail.com asked, call +49 171 1234567",
            "order": "ORD-2024-00012345",
            "send_at": "2026-12-01T09:00:00+01:00",
            "list": ["a@b.de"],
        }
    )
    assert scrubbed == {
        "reason": "customer [e-mail] asked, call [phone]",
        "order": "ORD-2024-00012345",
        "send_at": "2026-12-01T09:00:00+01:00",
        "list": ["[e-mail]"],
    }


def _engine(url: str) -> Engine:
    return _create_engine(make_url(url))


@pytest.mark.parametrize("engine_name", ["sqlite", "postgresql"])
def test_migration_0020_chains_the_entries_already_there(
    engine_name: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if engine_name == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    else:
        url = request.getfixturevalue("pg_url")
    engine = _engine(url)
    try:
        with engine.begin() as connection:
            command.upgrade(_alembic_config(connection), "0019")
        with engine.begin() as connection:
            for n in range(7):
                connection.execute(
                    insert(AuditEntry).values(
                        actor="Old", action="old", entity="conversation", entity_id=n,
                        detail={"n": n, "t": TRICKY[n % len(TRICKY)]},
                        at=_at(n),
                    )
                )  # fmt: skip
        with engine.begin() as connection:
            command.upgrade(_alembic_config(connection), "0020")
        from console.store import Store as OpenStore

        store = OpenStore(engine)
        _write(store, 3)  # new entries link to the old ones
        report = verify_store(store)
        assert report.intact, report.broken
        assert report.checked == 10
        with engine.begin() as connection:
            command.downgrade(_alembic_config(connection), "0019")
            command.upgrade(_alembic_config(connection), "0020")
        assert verify_store(store).checked == 10
    finally:
        engine.dispose()


def _at(n: int) -> object:
    from datetime import UTC, datetime, timedelta

    return datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=n, microseconds=n * 10)
