"""The demo store: big and varied enough to be real, and the same every time."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from console.demo import build_demo_store, ensure_demo_store

TOPIC_WORDS = {
    # A word per topic in English demo text, to show every topic is present.
    "where is my order": ("tracking", "where is"),
    "customs": ("customs", "duty", "vat", "import"),
    "wrong size": ("size",),
    "damaged": ("broken", "damaged", "cracked", "scratch"),
    "refund": ("refund",),
    "return": ("return",),
    "data deletion": ("delete", "personal data", "gdpr"),
    "escalation": ("manager", "chargeback", "complaint", "supervisor"),
}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    build_demo_store(path)
    connection = sqlite3.connect(path)
    yield connection
    connection.close()


def _scalar(connection: sqlite3.Connection, sql: str) -> int:
    return int(connection.execute(sql).fetchone()[0])


def test_demo_is_large_and_varied(demo_db: sqlite3.Connection) -> None:
    assert _scalar(demo_db, "SELECT count(*) FROM conversations") >= 300
    assert _scalar(demo_db, "SELECT count(*) FROM messages") >= 2000
    assert _scalar(demo_db, "SELECT count(DISTINCT channel) FROM messages") >= 3
    assert _scalar(demo_db, "SELECT count(DISTINCT country) FROM customers") >= 25
    languages = {row[0] for row in demo_db.execute("SELECT DISTINCT language FROM messages")}
    assert {"en", "zh", "es", "de", "fr", "ja", "ko", "pt", "ru", "ar"} <= languages


def test_demo_has_agent_replies_and_every_status(demo_db: sqlite3.Connection) -> None:
    assert _scalar(demo_db, "SELECT count(*) FROM messages WHERE direction = 'outbound'") > 500
    statuses = {row[0] for row in demo_db.execute("SELECT DISTINCT status FROM conversations")}
    assert statuses == {"open", "pending", "resolved"}
    assert _scalar(demo_db, "SELECT count(*) FROM conversations WHERE unread_count > 0") > 0


def test_demo_covers_the_support_topics(demo_db: sqlite3.Connection) -> None:
    english = " ".join(
        row[0].lower() for row in demo_db.execute("SELECT text FROM messages WHERE language = 'en'")
    )
    missing = [
        topic for topic, words in TOPIC_WORDS.items() if not any(w in english for w in words)
    ]
    assert missing == []


def test_placeholders_are_all_filled(demo_db: sqlite3.Connection) -> None:
    assert _scalar(demo_db, "SELECT count(*) FROM messages WHERE text GLOB '*{[a-z]*}*'") == 0


def _content_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with sqlite3.connect(path) as connection:
        for table in ("customers", "conversations", "messages", "agents", "markets"):
            cursor = connection.execute(f"SELECT * FROM {table} ORDER BY id")
            names = [column[0] for column in cursor.description]
            for row in cursor:
                values = dict(zip(names, row, strict=True))
                if table == "customers":
                    del values["created_at"]  # the wall clock of generation
                digest.update(repr(sorted(values.items())).encode())
    return digest.hexdigest()


def test_demo_is_deterministic(tmp_path: Path) -> None:
    build_demo_store(tmp_path / "a.sqlite3", conversations=40)
    build_demo_store(tmp_path / "b.sqlite3", conversations=40)
    assert _content_digest(tmp_path / "a.sqlite3") == _content_digest(tmp_path / "b.sqlite3")


def test_demo_is_created_once_and_reused(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite3"
    ensure_demo_store(path).close()
    first = path.stat().st_mtime_ns
    ensure_demo_store(path).close()
    assert path.stat().st_mtime_ns == first
    assert not list(tmp_path.glob(".*partial*"))
