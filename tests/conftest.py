"""Shared fixtures. Every test runs with its own data and settings folders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from factories import T0, MessageFactory

from console.inbox.ingest import CustomerInfo, IncomingMessage
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
