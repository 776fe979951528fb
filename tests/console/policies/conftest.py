"""Fixtures of the policy tests; policy_test_helpers.py sits beside this file."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pytest

from console.store import Store, open_store, sqlite_url


@pytest.fixture
def store_factory(tmp_path: Path) -> Iterator[Callable[[], Store]]:
    opened: list[Store] = []

    def make() -> Store:
        store = open_store(sqlite_url(tmp_path / f"other{len(opened)}.sqlite3"))
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()
