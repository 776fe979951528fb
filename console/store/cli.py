"""``support-console store encrypt [--db URL]``: encrypt a single-seat store at rest.

The store is the one other commands pick: ``--db URL``, ``--demo``, else the
user's own store. A refusal (a PostgreSQL URL, a file that is not a store, one
open elsewhere, a keyring that cannot keep the key) is a :class:`StoreError`
the command line prints as one line, exit 2; the store is then as it was.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from console.problems import problem
from console.store.encryption import (
    ENCRYPT_NOT_A_FILE,
    ENCRYPT_SERVER_STORE,
    KEYRING_SERVICE,
    encrypt_store,
)
from console.store.engine import _sqlite_path
from console.store.errors import StoreError


def add_store_parser(commands: Any) -> None:
    store = commands.add_parser(
        "store",
        help="maintain a single-seat store file (encrypt it at rest)",
        description="Maintenance of a single-seat store file.",
    )
    actions = store.add_subparsers(dest="store_command", metavar="ACTION", required=True)
    encrypt = actions.add_parser(
        "encrypt",
        help="turn the store into an SQLCipher database whose key is in the system keyring",
        description="Encrypt the store at rest (SQLCipher). The key is generated and kept in "
        "the system keyring; the console opens the store as before. A store encrypted "
        "already is left as it is.",
    )
    encrypt.add_argument(
        "--db", dest="command_db", metavar="URL", help="the store (default: your own store)"
    )


def run_store(args: argparse.Namespace, *, user_store: Path, demo_store: Path) -> int:
    url = getattr(args, "command_db", None) or getattr(args, "db", None)
    chosen = demo_store if getattr(args, "demo", False) else user_store
    path = _file_of(url) if url else chosen
    done = encrypt_store(path)
    if not done.changed:
        print(f"{path} is encrypted already; nothing was changed.")
        return 0
    print(
        f"Encrypted {path}: {done.tables} tables, {done.rows} rows checked in the encrypted copy."
    )
    print(
        f'Its key is in the system keyring (service "{KEYRING_SERVICE}", account '
        f'"{done.account}"); without that entry the store cannot be opened.'
    )
    print("The plain original was overwritten with zeros and removed.")
    if done.plain_backups:
        names = ", ".join(str(backup) for backup in done.plain_backups)
        print(
            f"Plain copies made before migrations are still beside it, not encrypted: {names}. "
            "Delete them once you no longer need them.",
            file=sys.stderr,
        )
    return 0


def _file_of(url: str) -> Path:
    """The store file of an SQLite URL; anything else is refused (a server's store, memory)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(problem(ENCRYPT_NOT_A_FILE, path=url)) from None
    if parsed.get_backend_name() != "sqlite":
        shown = parsed.render_as_string(hide_password=True)
        raise StoreError(problem(ENCRYPT_SERVER_STORE, path=shown))
    path = _sqlite_path(parsed)
    if path is None:
        raise StoreError(problem(ENCRYPT_NOT_A_FILE, path=url))
    return path
