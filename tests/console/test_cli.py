"""The support-console command as a user runs it."""

from __future__ import annotations

import os
import sqlite3
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from console.store import open_store, sqlite_url
from console.store.engine import schema_head


def _run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "console", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_demo_screenshot(tmp_path: Path, isolated_dirs: Path) -> None:
    shot = tmp_path / "shots" / "console.png"
    result = _run("--demo", "--screenshot", str(shot))
    assert result.returncode == 0, result.stderr
    width, height = _png_size(shot)
    assert width >= 1000 and height >= 600
    assert (isolated_dirs / "data" / "demo.sqlite3").exists()


def test_user_store_is_created_under_the_data_folder(tmp_path: Path, isolated_dirs: Path) -> None:
    result = _run("--screenshot", str(tmp_path / "empty.png"))
    assert result.returncode == 0, result.stderr
    store_file = isolated_dirs / "data" / "store.sqlite3"
    with sqlite3.connect(store_file) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            schema_head(),
        )


def test_corrupt_store_exits_non_zero_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(b"garbage" * 500)
    result = _run("--db", sqlite_url(path), "--screenshot", str(tmp_path / "x.png"))
    assert result.returncode == 2
    assert "not a support console store" in result.stderr
    assert path.read_bytes() == b"garbage" * 500
    assert not (tmp_path / "x.png").exists()


def test_store_from_a_newer_version_exits_non_zero(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    open_store(sqlite_url(path)).close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffff'")
    result = _run("--db", sqlite_url(path), "--screenshot", str(tmp_path / "x.png"))
    assert result.returncode == 2
    assert "newer version" in result.stderr


@pytest.mark.parametrize("args", [["--demo", "--db", "sqlite://"], ["--language", "klingon"]])
def test_bad_arguments_are_refused(args: list[str]) -> None:
    result = _run(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr
