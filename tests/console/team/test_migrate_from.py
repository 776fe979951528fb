"""``support-console team migrate-from``: a single-seat store copied into a team store."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from factories import MessageFactory
from sqlalchemy import MetaData, func, inspect, select, text
from sqlalchemy.orm import Session

from console.cli import main
from console.demo import ensure_demo_store
from console.inbox.ingest import ingest
from console.inbox.queries import InboxFilter, conversation_ids
from console.store import Store, open_store, sqlite_url
from console.store.models import AuditEntry, Message, Translation
from console.team.migrate_from import MIGRATED_ACTION, _copied
from console.translations.service import save_translation


def _counts(store: Store) -> dict[str, int]:
    metadata = MetaData()
    metadata.reflect(store.engine)
    with store.engine.connect() as connection:
        return {
            name: int(connection.scalar(select(func.count()).select_from(table)) or 0)
            for name, table in metadata.tables.items()
            if _copied(name)
        }


def _audit(session: Session) -> list[tuple[Any, ...]]:
    """The log's entries in chain order, without their ids and hashes."""
    rows = session.execute(
        select(
            AuditEntry.at,
            AuditEntry.actor,
            AuditEntry.action,
            AuditEntry.entity,
            AuditEntry.entity_id,
            AuditEntry.detail,
        ).order_by(AuditEntry.id)
    ).all()
    return [tuple(row) for row in rows]


def _single_seat(tmp_path: Path, message: MessageFactory) -> Path:
    """The demo store (agents, markets, rules, coverage, replies, audit...) plus translations."""
    path = tmp_path / "seat.sqlite3"
    store = ensure_demo_store(path)
    ingest(store, [message("Quiero un reembolso, 退款 por favor", address="x@example.com")])
    with store.session() as session:
        message_id = session.scalars(select(Message.id).order_by(Message.id.desc())).first()
        assert message_id is not None
        save_translation(
            session, message_id, "en", engine="test", engine_version="1", text="I want a refund"
        )
    store.close()
    return path


def test_copies_everything_twice_without_doubling(
    tmp_path: Path, pg_url: str, message: MessageFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _single_seat(tmp_path, message)
    assert main(["team", "migrate-from", str(path), "--db", pg_url]) == 0
    first = capsys.readouterr().out
    assert "messages: copied " in first and "translations: copied 1, in team store 1" in first

    seat, team = open_store(sqlite_url(path), create=False), open_store(pg_url)
    try:
        seat_counts, team_counts = _counts(seat), _counts(team)
        shared = set(seat_counts) & set(team_counts)
        assert {"messages", "translations", "audit_log", "agent_shifts", "policy_versions"} <= {
            name for name in shared if seat_counts[name]
        }
        assert "message_fts" not in shared or team_counts["message_fts"] == seat_counts["messages"]
        for name in shared - {"message_fts", "message_fts_translations"}:
            assert team_counts[name] >= seat_counts[name], name
        with seat.session() as a, team.session() as b:  # ids kept
            assert a.execute(select(Message.id, Message.text).order_by(Message.id)).all() == (
                b.execute(select(Message.id, Message.text).order_by(Message.id)).all()
            )
            # The audit log is appended to the team store's chain: the same entries in the
            # same order under the ids the chain gave them, then one store_migrated entry.
            assert _audit(a) == [e for e in _audit(b) if e[2] != MIGRATED_ACTION]
            marker = b.scalars(
                select(AuditEntry.detail).where(AuditEntry.action == MIGRATED_ACTION)
            ).one()
            assert marker["entries"] == len(_audit(a)) and marker["source"] == str(path)
            assert marker["through_id"] == a.scalar(select(func.max(AuditEntry.id)))
        for query in ("reembolso", "退款", "refund", "refun", "order"):  # found alike
            with seat.session() as a, team.session() as b:
                assert conversation_ids(a, InboxFilter(search=query)) == conversation_ids(
                    b, InboxFilter(search=query)
                ), query
    finally:
        seat.close()
        team.close()

    assert main(["audit", "verify", "--db", pg_url]) == 0
    assert main(["team", "migrate-from", str(path), "--db", pg_url]) == 0
    second = capsys.readouterr().out
    for line in second.splitlines():
        if ": copied " in line:
            assert ": copied 0, " in line, line
    assert "audit_chain_head:" not in first + second  # the chain's own, never copied
    assert main(["audit", "verify", "--db", pg_url]) == 0
    team = open_store(pg_url)
    try:
        assert _counts(team) == team_counts  # nothing doubled
        with team.session() as session:  # sequences moved past the copied ids
            largest = session.scalar(select(func.max(Message.id)))
            ingest(team, [message("a new message after the copy", address="new@example.com")])
        with team.session() as session:
            newest = session.scalar(select(func.max(Message.id)))
            assert largest is not None and newest is not None and newest > largest
            translation_ids = session.scalars(select(Translation.id)).all()
            save_translation(
                session, newest, "de", engine="test", engine_version="1", text="eine neue"
            )
            assert session.scalar(select(func.max(Translation.id))) > max(translation_ids)
    finally:
        team.close()


def test_copies_only_what_is_missing(
    tmp_path: Path, pg_url: str, message: MessageFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _single_seat(tmp_path, message)
    assert main(["team", "migrate-from", str(path), "--db", pg_url]) == 0
    seat = open_store(sqlite_url(path), create=False)
    ingest(seat, [message("one more after the first copy", address="late@example.com")])
    seat.close()
    capsys.readouterr()
    assert main(["team", "migrate-from", str(path), "--db", pg_url]) == 0
    out = capsys.readouterr().out
    assert "messages: copied 1, " in out
    assert "conversations: copied 1, " in out
    assert "audit_log: copied 1, " in out  # the ingest's entry, after the ones copied before
    team = open_store(pg_url)
    seat = open_store(sqlite_url(path), create=False)
    try:
        with seat.session() as a, team.session() as b:
            assert _audit(a) == [e for e in _audit(b) if e[2] != MIGRATED_ACTION]
            assert (
                len(
                    b.scalars(
                        select(AuditEntry.id).where(AuditEntry.action == MIGRATED_ACTION)
                    ).all()
                )
                == 2
            )
    finally:
        seat.close()
        team.close()
    assert main(["audit", "verify", "--db", pg_url]) == 0


def test_the_log_of_a_moved_store_is_not_appended_twice(
    tmp_path: Path, pg_url: str, message: MessageFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    # The team store already has entries of its own: the seat's are appended after them.
    team = open_store(pg_url)
    ingest(team, [message("the team's own message", address="own@example.com")])
    team.close()
    path = _single_seat(tmp_path, message)
    assert main(["team", "migrate-from", str(path), "--db", pg_url]) == 0
    moved = path.rename(tmp_path / "moved.sqlite3")
    capsys.readouterr()
    assert main(["team", "migrate-from", str(moved), "--db", pg_url]) == 0
    assert "audit_log: copied 0, " in capsys.readouterr().out
    team = open_store(pg_url)
    try:
        with team.session() as session:
            entries = _audit(session)
            assert entries[0][2] == "ingest" and entries[-1][2] == MIGRATED_ACTION
    finally:
        team.close()
    assert main(["audit", "verify", "--db", pg_url]) == 0


def test_a_row_kept_out_is_reported_and_exits_1(
    tmp_path: Path, pg_url: str, message: MessageFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _single_seat(tmp_path, message)
    team = open_store(pg_url)  # the team store knows x@example.com as another customer's
    ingest(team, [message("the team's own", address="x@example.com", name="Someone Else")])
    with team.engine.begin() as connection:  # ... under an id the single seat does not use
        connection.execute(text("UPDATE channel_identities SET id = 9000"))
    team.close()
    assert main(["team", "migrate-from", str(path), "--db", pg_url]) == 1
    captured = capsys.readouterr()
    assert "channel_identities: copied " in captured.out
    assert "channel_identities: 1 rows" in captured.err
    assert "not in the team store" in captured.err


def test_a_parent_kept_out_stops_the_copy_with_a_message(
    tmp_path: Path, pg_url: str, message: MessageFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _single_seat(tmp_path, message)
    team = open_store(pg_url)
    with team.engine.begin() as connection:  # a market of its own under a code the seat uses
        connection.execute(
            text(
                "INSERT INTO markets (id, code, name, countries, languages) "
                "VALUES (900, 'DACH', 'DACH (team)', '[]', '[]')"
            )
        )
    team.close()
    assert main(["team", "migrate-from", str(path), "--db", pg_url]) == 1
    err = capsys.readouterr().err
    assert "rows the team store could not take" in err and "Traceback" not in err


def test_refuses_what_is_not_a_store_and_a_server_not_there(
    tmp_path: Path, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.sqlite3"
    assert main(["team", "migrate-from", str(missing), "--db", pg_url]) == 2
    assert "missing.sqlite3" in capsys.readouterr().err
    assert not missing.exists()
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    assert main(["team", "migrate-from", str(junk), "--db", pg_url]) == 2
    assert "junk.sqlite3" in capsys.readouterr().err
    seat = tmp_path / "seat.sqlite3"
    open_store(sqlite_url(seat)).close()
    assert main(["team", "migrate-from", str(seat), "--db", sqlite_url(tmp_path / "b")]) == 1
    assert "PostgreSQL" in capsys.readouterr().err
    unreachable = "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2"
    assert main(["team", "migrate-from", str(seat), "--db", unreachable]) == 2
    err = capsys.readouterr().err
    assert "cannot be reached" in err and "Traceback" not in err
    assert inspect(open_store(sqlite_url(seat)).engine).get_table_names()


def test_people_whose_ids_the_team_gave_to_someone_else_stop_the_copy(
    tmp_path: Path,
    message: MessageFactory,
    pg_url: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # team init first makes its administrator person 1: the seat's person 1 (and all they
    # did) would become the administrator. Nothing is copied; the order is said.
    path = _single_seat(tmp_path, message)
    monkeypatch.setattr("sys.stdin", io.StringIO("admin-pw\n"))
    assert main(["team", "init", "--db", pg_url, "--admin", "Ada Admin", "--password-stdin"]) == 0
    capsys.readouterr()
    assert main(["team", "migrate-from", str(path), "--db", pg_url]) == 1
    said = capsys.readouterr().err
    assert "before running team init" in said and "Li Wei" in said
    team = open_store(pg_url)
    try:
        with team.session() as session:
            assert session.scalar(select(func.count()).select_from(Message)) == 0
    finally:
        team.close()
