"""Team-mode fixtures: one PostgreSQL database opened by several seats, each its own name."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pg_server as pg_server_module
import pytest

from console.store import Store, open_store


@pytest.fixture
def team_url(pg_server: pg_server_module.PgServer, pg_template: str) -> Iterator[str]:
    """A fresh migrated team database (a copy of the template)."""
    name = pg_server.create_database(template=pg_template)
    yield pg_server.url(name)
    pg_server.drop_database(name)


@pytest.fixture
def open_seat(team_url: str) -> Iterator[Callable[[str], Store]]:
    """Open the team database as a seat named ``name`` (its connections' application_name)."""
    opened: list[Store] = []

    def open_as(name: str) -> Store:
        store = open_store(f"{team_url}?application_name={name}")
        opened.append(store)
        return store

    yield open_as
    for store in opened:
        store.close()
