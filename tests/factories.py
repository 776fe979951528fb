"""Types and constants shared by tests (fixtures live in conftest.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from console.inbox.ingest import IncomingMessage

T0 = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
MessageFactory = Callable[..., IncomingMessage]
