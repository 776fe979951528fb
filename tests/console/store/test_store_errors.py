"""Store trouble, reproduced for real: read-only, disk full, a malformed page.

Each failure becomes a StoreError with a problem for the user (no SQL, no
traceback); nothing stored is lost, and a damaged store is refused, not written.
The command line says it in one line and exits 2.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from factories import MessageFactory
from sqlalchemy import Engine, event, func, select, text

from console.cli import main
from console.inbox.ingest import ingest
from console.policies import version_history
from console.problems import TEMPLATES
from console.store import (
    CorruptStoreError,
    ReadOnlyStoreError,
    Store,
    StoreError,
    StoreFullError,
    open_store,
    sqlite_url,
    translate_database_error,
)
from console.store.models import Customer, Message

_SQL_WORDS = ("INSERT", "UPDATE", "SELECT", "sqlalchemy", "OperationalError", "Traceback", "[SQL")


def _count(store: Store) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(Message)) or 0)


def _add_customer(store: Store, name: str = "Kim") -> None:
    with store.session() as session:
        session.add(Customer(name=name))


def _filled_store(path: Path, message: MessageFactory, count: int = 300) -> None:
    store = open_store(sqlite_url(path))
    ingest(
        store,
        [message(f"order {n} has not arrived yet", address=f"c{n % 40}@x") for n in range(count)],
    )
    store.close()  # the last connection checkpoints the WAL into the file
    assert not Path(f"{path}-wal").exists()


def _assert_for_a_person(error: StoreError, code: str, path: Path) -> None:
    assert error.problem.code == code
    assert code in TEMPLATES
    assert str(path) in str(error)
    assert not any(word in str(error) for word in _SQL_WORDS)


@contextmanager
def _immutable(path: Path) -> Iterator[None]:
    """Make ``path`` unwritable even for root (``chattr +i``), or skip where that is refused."""
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed")
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"chattr +i is refused here: {done.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


# Read-only ------------------------------------------------------------------


def test_a_store_opened_read_only_refuses_writes_and_keeps_its_data(
    tmp_path: Path, message: MessageFactory
) -> None:
    path = tmp_path / "store.sqlite3"
    _filled_store(path, message, count=20)
    store = open_store(f"sqlite:///file:{path}?mode=ro&uri=true")
    try:
        assert _count(store) == 20  # reading works
        with pytest.raises(ReadOnlyStoreError) as raised:
            _add_customer(store)
        _assert_for_a_person(raised.value, "store.read_only", path)
        assert _count(store) == 20
    finally:
        store.close()


def test_an_immutable_store_file_refuses_writes_even_for_root(
    tmp_path: Path, message: MessageFactory
) -> None:
    path = tmp_path / "store.sqlite3"
    _filled_store(path, message, count=20)
    store = open_store(sqlite_url(path))
    try:
        with _immutable(path):
            store.engine.dispose()  # the next connection finds the file unwritable
            with pytest.raises(ReadOnlyStoreError) as raised:
                _add_customer(store)
            _assert_for_a_person(raised.value, "store.read_only", path)
            assert _count(store) == 20
        store.engine.dispose()
        _add_customer(store)  # writable again: nothing was left half-done
    finally:
        store.close()


# Disk full --------------------------------------------------------------------


def _cap_pages(dbapi_connection: Any, _record: Any) -> None:
    """A real SQLITE_FULL: the store file may not grow by a single page."""
    (pages,) = dbapi_connection.execute("PRAGMA page_count").fetchone()
    dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")


def test_a_full_disk_refuses_the_change_and_loses_nothing(
    tmp_path: Path, message: MessageFactory
) -> None:
    path = tmp_path / "store.sqlite3"
    _filled_store(path, message, count=50)
    store = open_store(sqlite_url(path))
    try:
        event.listen(store.engine, "connect", _cap_pages)
        store.engine.dispose()
        big = [message("x" * 2000 + f" {n}", address=f"full{n}@x") for n in range(200)]
        with pytest.raises(StoreFullError) as raised:
            ingest(store, big, batch_size=200)
        _assert_for_a_person(raised.value, "store.disk_full", path)
        assert _count(store) == 50
    finally:
        store.close()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA quick_check").fetchone() == ("ok",)


# A malformed page -------------------------------------------------------------


def _smash_a_middle_page(path: Path) -> bytes:
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big") or 65536
    pages = len(data) // page_size
    assert pages > 8, "the store should span many pages"
    start = (pages // 2) * page_size
    data[start : start + 64] = b"\xa5" * 64  # a page header of garbage
    path.write_bytes(bytes(data))
    return bytes(data)


def _smash_the_root_page_of(path: Path, table: str) -> None:
    """Damage the first page of ``table`` (the one every read of it starts from)."""
    db = sqlite3.connect(path)
    try:
        (root,) = db.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()
    finally:
        db.close()
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big") or 65536
    start = (root - 1) * page_size
    data[start : start + 64] = b"\xa5" * 64
    path.write_bytes(bytes(data))


def test_a_store_with_a_malformed_page_is_refused_at_open_and_not_written(
    tmp_path: Path, message: MessageFactory
) -> None:
    path = tmp_path / "store.sqlite3"
    _filled_store(path, message)
    damaged = _smash_a_middle_page(path)
    with pytest.raises(CorruptStoreError) as raised:
        open_store(sqlite_url(path))
    _assert_for_a_person(raised.value, "store.damaged", path)
    assert path.read_bytes() == damaged
    assert not list(tmp_path.glob("*.bak"))


def test_damage_met_while_working_is_a_damaged_store_problem(
    tmp_path: Path, message: MessageFactory
) -> None:
    path = tmp_path / "store.sqlite3"
    _filled_store(path, message)
    store = open_store(sqlite_url(path))
    try:
        store.engine.dispose()
        # The table the work reads: which page lies in the middle depends on the schema.
        _smash_the_root_page_of(path, "messages")
        with pytest.raises(CorruptStoreError) as raised, store.session() as session:
            session.execute(text("SELECT count(*), max(length(text)) FROM messages")).all()
            session.execute(text("SELECT count(*) FROM message_fts WHERE message_fts MATCH 'x*'"))
            session.execute(text("PRAGMA quick_check")).all()
            session.execute(text("UPDATE customers SET name = name || ''"))
        _assert_for_a_person(raised.value, "store.damaged", path)
    finally:
        store.close()


def test_errors_that_are_not_the_stores_fault_are_left_alone(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError) as raised, sqlite3.connect(":memory:") as db:
        db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)")
        db.execute("INSERT INTO t VALUES (1)")
        db.execute("INSERT INTO t VALUES (1)")
    assert translate_database_error(raised.value, "x") is None


# The command line ---------------------------------------------------------------


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "console", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def _changed_pack(tmp_path: Path, url: str) -> Path:
    exported = _run("policies", "export", "--db", url)
    assert exported.returncode == 0, exported.stderr
    pack = json.loads(exported.stdout)
    germany = next(m for m in pack["markets"] if m["code"] == "DE")
    germany["store_policy"]["return_window_days"] = 31
    file = tmp_path / "pack.json"
    file.write_text(json.dumps(pack), encoding="utf-8")
    return file


def _one_clear_line(result: subprocess.CompletedProcess[str], code: str, path: Path) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0]
    assert (
        lines[0].removeprefix("support-console: ").startswith(TEMPLATES[code].split("{", 1)[0])
    ), lines[0]
    assert not any(word in result.stderr for word in _SQL_WORDS)


def test_cli_on_a_read_only_store_says_so_and_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    url = sqlite_url(path)
    pack = _changed_pack(tmp_path, url)
    before = path.read_bytes()
    with _immutable(path):
        result = _run("policies", "import", str(pack), "--db", url)
    _one_clear_line(result, "store.read_only", path)
    assert path.read_bytes() == before


def test_cli_on_a_read_only_uri_says_so_and_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    pack = _changed_pack(tmp_path, sqlite_url(path))
    result = _run(
        "policies", "import", str(pack), "--db", f"sqlite:///file:{path}?mode=ro&uri=true"
    )
    _one_clear_line(result, "store.read_only", path)


def test_cli_on_a_damaged_store_says_so_and_exits_2(
    tmp_path: Path, message: MessageFactory
) -> None:
    path = tmp_path / "store.sqlite3"
    _filled_store(path, message)
    damaged = _smash_a_middle_page(path)
    result = _run("policies", "export", "--db", sqlite_url(path))
    _one_clear_line(result, "store.damaged", path)
    assert path.read_bytes() == damaged


def test_cli_on_a_full_disk_says_so_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "store.sqlite3"
    url = sqlite_url(path)
    pack = _changed_pack(tmp_path, url)
    capsys.readouterr()
    event.listen(Engine, "connect", _cap_pages)  # every store this process opens
    try:
        code = main(["policies", "import", str(pack), "--db", url])
    finally:
        event.remove(Engine, "connect", _cap_pages)
    err = capsys.readouterr().err
    _one_clear_line(subprocess.CompletedProcess([], code, "", err), "store.disk_full", path)
    store = open_store(url)
    try:
        with store.session() as session:
            history = version_history(session, "DE")
    finally:
        store.close()
    assert [version.action for version in history if version.action == "import"] == []


def test_the_check_at_open_is_bounded_in_time(
    tmp_path: Path,
    message: MessageFactory,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A store too large to check in time opens after the pages checked so far."""
    from console.store import engine

    path = tmp_path / "store.sqlite3"
    _filled_store(path, message)
    monkeypatch.setattr(engine, "INTEGRITY_CHECK_SECONDS", 0.0)
    with caplog.at_level("INFO", logger="console.store.engine"):
        store = open_store(sqlite_url(path))
    assert "store check stopped" in caplog.text
    try:
        assert _count(store) == 300
        with store.engine.connect() as connection:  # the progress handler is gone again
            assert connection.exec_driver_sql("PRAGMA quick_check").scalar() == "ok"
    finally:
        store.close()
