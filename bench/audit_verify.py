"""Audit chain check benchmark: ``python bench/audit_verify.py [N] [--store=PATH]``.

Builds a SQLite store whose audit log holds N entries (default 1,000,000), each
chained by the store's trigger as the console writes them, then, in a fresh process,
checks the chain as ``support-console audit verify`` does and prints one figure per
line:

- entries:            entries checked
- verify_s:           seconds the check took
- entries_per_s:      entries checked per second
- peak_rss_mb:        the checking process's peak resident memory (it streams: a
                      million entries never sit in memory at once)

``--store=PATH`` keeps the store for the next run (building a million entries takes
about a minute).
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from console.store import open_store, sqlite_url
from console.store.models import AuditEntry

START = datetime(2026, 1, 1, tzinfo=UTC)
ACTIONS = ("open_conversation", "set_status", "reply", "assign", "reveal", "sign_in")
BATCH = 20_000


def build(path: Path, count: int) -> None:
    store = open_store(sqlite_url(path))
    try:
        written = 0
        while written < count:
            size = min(BATCH, count - written)
            rows = [
                {
                    "at": START + timedelta(seconds=written + n),
                    "actor": f"Agent {(written + n) % 97}",
                    "action": ACTIONS[(written + n) % len(ACTIONS)],
                    "entity": "conversation",
                    "entity_id": (written + n) % 50_000,
                    "detail": {"previous_status": "open", "status": "resolved", "n": written + n},
                }
                for n in range(size)
            ]
            with store.session() as session:
                session.execute(insert(AuditEntry), rows)
            written += size
    finally:
        store.close()


def check(path: Path) -> None:
    from console.privacy.audit_chain import verify_store

    store = open_store(sqlite_url(path), create=False)
    try:
        started = time.monotonic()
        report = verify_store(store)
        seconds = time.monotonic() - started
    finally:
        store.close()
    if report.broken is not None:
        print(f"chain broken: {report.broken.problem.text}", file=sys.stderr)
        raise SystemExit(1)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"entries: {report.checked}")
    print(f"verify_s: {seconds:.2f}")
    print(f"entries_per_s: {report.checked / seconds:.0f}")
    print(f"peak_rss_mb: {peak_mb:.0f}")


def main(argv: list[str]) -> None:
    if argv[:1] == ["--check"]:
        check(Path(argv[1]))
        return
    count = next((int(a) for a in argv if a.isdigit()), 1_000_000)
    kept = next((a.split("=", 1)[1] for a in argv if a.startswith("--store=")), None)
    folder = tempfile.TemporaryDirectory()
    path = Path(kept) if kept else Path(folder.name) / "audit.sqlite3"
    try:
        if not path.exists():
            started = time.monotonic()
            build(path, count)
            print(f"build_s: {time.monotonic() - started:.1f}", file=sys.stderr)
        subprocess.run([sys.executable, __file__, "--check", str(path)], check=True)
    finally:
        folder.cleanup()


if __name__ == "__main__":
    main(sys.argv[1:])
