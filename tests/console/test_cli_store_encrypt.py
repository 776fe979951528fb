"""``support-console store encrypt [--db URL]`` as a user runs it, and the window on the result."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from factories import MemoryKeyring, MessageFactory

from console.cli import EXIT_STORE_ERROR, main
from console.inbox.ingest import ingest
from console.paths import demo_store_path, user_store_path
from console.store import open_store, sqlite_url
from console.store.encryption import KEYRING_SERVICE, key_account

PHRASE = "violet umbrella"
REPO = Path(__file__).resolve().parents[2]
SQLITE_HEADER = b"SQLite format 3\x00"


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def _store_with_phrase(path: Path, message: MessageFactory) -> None:
    store = open_store(sqlite_url(path))
    try:
        ingest(store, [message(f"My parcel with the {PHRASE} never came", address="mia@x.com")])
    finally:
        store.close()


def test_encrypt_takes_the_users_store_and_a_second_run_changes_nothing(
    message: MessageFactory,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = user_store_path()
    _store_with_phrase(path, message)
    demo = demo_store_path()
    demo.write_bytes(path.read_bytes())  # a demo store beside it is not encrypted unless asked

    assert main(["store", "encrypt"]) == 0
    out = capsys.readouterr().out
    assert f"Encrypted {path}:" in out
    assert f'account "store-key:{path.resolve()}"' in out
    assert "The plain original was overwritten with zeros and removed." in out
    raw = path.read_bytes()
    assert not raw.startswith(SQLITE_HEADER) and PHRASE.encode() not in raw
    assert (KEYRING_SERVICE, key_account(path)) in memory_keyring.secrets
    assert demo.read_bytes().startswith(SQLITE_HEADER)

    mtime = path.stat().st_mtime_ns
    assert main(["store", "encrypt", "--db", sqlite_url(path)]) == 0
    assert capsys.readouterr().out == f"{path} is encrypted already; nothing was changed.\n"
    assert path.read_bytes() == raw and path.stat().st_mtime_ns == mtime

    assert main(["search", "umbrella", "--json"]) == 0  # other commands open it as before
    assert json.loads(capsys.readouterr().out)["total"] == 1


def test_a_postgresql_url_is_refused(
    memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    url = "postgresql+psycopg://kai:s3cret@127.0.0.1:5432/team"
    assert main(["store", "encrypt", "--db", url]) == EXIT_STORE_ERROR
    err = capsys.readouterr().err
    assert "encryption at rest there is the server's business" in err
    assert "s3cret" not in err and "Nothing was changed." in err
    assert not memory_keyring.secrets


def test_a_file_that_is_not_a_store_is_refused(
    tmp_path: Path, memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    garbage = tmp_path / "notes.sqlite3"
    garbage.write_bytes(b"garbage" * 500)
    assert main(["store", "encrypt", "--db", sqlite_url(garbage)]) == EXIT_STORE_ERROR
    assert "is not a support console store" in capsys.readouterr().err
    assert garbage.read_bytes() == b"garbage" * 500
    assert main(["store", "encrypt", "--db", sqlite_url(tmp_path / "none.sqlite3")]) == 2
    assert "There is no store at" in capsys.readouterr().err
    assert not (tmp_path / "none.sqlite3").exists()
    assert main(["store", "encrypt", "--db", "sqlite://"]) == EXIT_STORE_ERROR
    assert "an in-memory store cannot be encrypted" in capsys.readouterr().err


# -- the window, in a process of its own, with a keyring kept in a file ------------------------


def _run(keyring_file: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": "file_keyring.FileKeyring",
        "TEST_KEYRING_FILE": str(keyring_file),
        "PYTHONPATH": os.pathsep.join(filter(None, [os.environ.get("PYTHONPATH"), "tests"])),
    }
    return subprocess.run(
        [sys.executable, "-m", "console", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        cwd=REPO,
        stdin=subprocess.DEVNULL,
    )


def test_the_window_opens_on_an_encrypted_store_and_a_wrong_key_is_refused(
    tmp_path: Path, message: MessageFactory
) -> None:
    path = tmp_path / "store.sqlite3"
    _store_with_phrase(path, message)
    secrets = tmp_path / "keyring.json"
    url = sqlite_url(path)

    encrypted = _run(secrets, "store", "encrypt", "--db", url)
    assert encrypted.returncode == 0, encrypted.stderr
    assert PHRASE.encode() not in path.read_bytes()

    shot = tmp_path / "encrypted.png"
    opened = _run(secrets, "--db", url, "--screenshot", str(shot))
    assert opened.returncode == 0, opened.stderr
    header = shot.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    assert width >= 1000 and height >= 600

    stored = json.loads(secrets.read_text())
    stored[f"{KEYRING_SERVICE}\n{key_account(path)}"] = "ab" * 32
    secrets.write_text(json.dumps(stored))
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    refused = _run(secrets, "--db", url, "--screenshot", str(tmp_path / "wrong.png"))
    assert refused.returncode == EXIT_STORE_ERROR
    assert f"The key the system keyring holds for the store {path} does not open it" in (
        refused.stderr
    )
    assert "Traceback" not in refused.stderr
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert not (tmp_path / "wrong.png").exists()
