"""Make the shared mail corpus builder (corpus.py beside this file) importable."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


import pytest
from mailservers import Capture, Dovecot, dovecot_server, smtp_server


@pytest.fixture
def dovecot() -> Iterator[Dovecot]:
    with dovecot_server() as server:
        yield server


@pytest.fixture
def smtp() -> Iterator[tuple[Capture, int]]:
    with smtp_server() as server:
        yield server
