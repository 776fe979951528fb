"""The import command: its closing line, exit codes, and a kill -9 in the middle."""

from __future__ import annotations

import argparse
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from corpus import broken_corpus, mail, write_maildir

from console.channels.cli_import import add_import_parser, run_import
from console.store import sqlite_url

ROOT = Path(__file__).resolve().parents[3]


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_import_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["import", *argv])


def test_run_import_prints_one_line_and_exits_0_with_quarantine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    box = write_maildir(
        tmp_path / "Mail", {"a": mail(1), "b": mail(2), "c": broken_corpus()["empty"][0]}
    )
    db = sqlite_url(tmp_path / "s.sqlite3")
    assert run_import(_args(str(box), "--db", db)) == 0
    assert capsys.readouterr().out == "imported 2, duplicates 0, quarantined 1\n"
    assert run_import(_args(str(box), "--db", db, "--format", "maildir")) == 0
    assert capsys.readouterr().out == "imported 0, duplicates 2, quarantined 1\n"


def test_unreadable_source_exits_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = sqlite_url(tmp_path / "s.sqlite3")
    assert run_import(_args(str(tmp_path / "nope.mbox"), "--db", db)) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "does not exist" in captured.err
    mapping = tmp_path / "mapping.json"
    mapping.write_text('{"columns": {"colour": "x"}}', encoding="utf-8")
    csv_file = tmp_path / "x.csv"
    csv_file.write_text("text,time\nhi,2026-11-01 10:00\n", encoding="utf-8")
    assert run_import(_args(str(csv_file), "--db", db, "--mapping", str(mapping))) == 1
    assert "Unknown fields" in capsys.readouterr().err


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=30) as connection:
            return int(connection.execute("select count(*) from messages").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


@pytest.mark.slow
def test_kill_9_during_import_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    total = 3000
    box = write_maildir(tmp_path / "Mail", {f"{n:05d}.host": mail(n) for n in range(total)})
    db = tmp_path / "s.sqlite3"
    command = [
        sys.executable,
        "-m",
        "console.channels.cli_import",
        "import",
        str(box),
        "--db",
        sqlite_url(db),
        "--batch-size",
        "50",
    ]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while _count(db) < 200 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    assert process.poll() is None, "the import finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    committed = _count(db)
    assert 0 < committed < total
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"imported {total - committed}, duplicates {committed}, quarantined 0\n"
    assert _count(db) == total
    with sqlite3.connect(db) as connection:
        (distinct,) = connection.execute(
            "select count(distinct external_id) from messages"
        ).fetchone()
    assert distinct == total
