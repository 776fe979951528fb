"""Types and constants shared by tests (fixtures live in conftest.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from keyring.backend import KeyringBackend

from console.incoming import IncomingMessage

T0 = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
MessageFactory = Callable[..., IncomingMessage]


class MemoryKeyring(KeyringBackend):
    """A keyring backend in memory: the test machines have no OS keyring (no Secret Service)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)
