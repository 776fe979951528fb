"""Shared fixtures. Every test runs with its own data and settings folders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pg_server as pg_server_module
import pytest
from PySide6.QtCore import QSettings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from factories import T0, MessageFactory

from console.incoming import CustomerInfo, IncomingMessage
from console.store import Store, open_store, sqlite_url
from console.store.models import ChannelKind, Direction


@pytest.fixture(autouse=True)
def isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Keep the user's real store and settings out of every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SUPPORT_CONSOLE_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "share"))
    # Qt reads XDG_CONFIG_HOME once per process: point QSettings at this test's folder
    # too, or a window's saved layout, sort and person leak into the next test.
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(home / "config"))
        QSettings.setPath(QSettings.Format.NativeFormat, scope, str(home / "config"))
    return home


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(sqlite_url(tmp_path / "store.sqlite3"))
    yield opened
    opened.close()


@pytest.fixture
def message() -> MessageFactory:
    """Build an IncomingMessage with sensible defaults; keywords override."""
    counter = iter(range(1, 1_000_000))

    def make(
        text: str = "where is my order?",
        *,
        address: str = "ana@example.com",
        name: str = "Ana Souza",
        country: str | None = "BR",
        channel: ChannelKind = ChannelKind.EMAIL,
        direction: Direction = Direction.INBOUND,
        minutes: int | None = None,
        external_id: str | None = "auto",
        language: str | None = None,
        subject: str | None = None,
        time_zone: str | None = None,
    ) -> IncomingMessage:
        number = next(counter)
        return IncomingMessage(
            channel=channel,
            address=address,
            customer=CustomerInfo(name=name, country=country, time_zone=time_zone),
            sent_at=T0 + timedelta(minutes=number if minutes is None else minutes),
            text=text,
            direction=direction,
            external_id=f"m{number}" if external_id == "auto" else external_id,
            language=language,
            subject=subject,
        )

    return make


# -- PostgreSQL (team mode) -------------------------------------------------------------
# One throwaway server per session (tests/pg_server.py), started the first time a
# test asks for it; each test gets its own database. Without the binaries the
# tests skip on a developer machine and fail in CI (CI=true), where .ci/setup
# installs Debian's postgresql.


@pytest.fixture(scope="session")
def pg_server() -> Iterator[pg_server_module.PgServer]:
    reason = pg_server_module.unavailable_reason()
    if reason is not None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"CI needs PostgreSQL for team-mode tests: {reason}")
        pytest.skip(reason)
    server = pg_server_module.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_template(pg_server: pg_server_module.PgServer) -> str:
    """A database migrated to the head schema once; tests get copies of it."""
    name = pg_server.create_database()
    migrated = open_store(pg_server.url(name))
    migrated.close()
    return name


@pytest.fixture
def pg_url(pg_server: pg_server_module.PgServer) -> Iterator[str]:
    """URL of a fresh, empty PostgreSQL database (postgresql+psycopg://...)."""
    name = pg_server.create_database()
    yield pg_server.url(name)
    pg_server.drop_database(name)


@pytest.fixture
def pg_store(pg_server: pg_server_module.PgServer, pg_template: str) -> Iterator[Store]:
    """An opened store in a fresh PostgreSQL database (a copy of the migrated template)."""
    name = pg_server.create_database(template=pg_template)
    opened = open_store(pg_server.url(name))
    yield opened
    opened.close()
    pg_server.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request: pytest.FixtureRequest) -> Store:
    """An opened store on each engine: SQLite in a temporary file, and PostgreSQL."""
    fixture = "store" if request.param == "sqlite" else "pg_store"
    opened: Store = request.getfixturevalue(fixture)
    return opened
