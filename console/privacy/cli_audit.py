"""``support-console audit verify [--db URL]``: check that the audit log's hash chain holds.

Prints, and exits 0, when it holds::

    audit chain intact: 12345 entries checked in 0.4 s

and exits 1 naming the first entry that does not hold (its id, when, what is wrong)::

    audit chain broken at entry 42 (2026-11-30 09:12:01 UTC)
    Audit entry 42 (2026-11-30 09:12:01 UTC) was altered: its content no longer matches its hash.
    41 entries before it hold

Exit 2 when the store cannot be opened or read (``console/cli.py`` says why).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from console.store import Store

EXIT_INTACT = 0
EXIT_BROKEN = 1


def add_audit_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "audit",
        help="check the audit log",
        description="The audit log is append-only and tamper-evident: each entry carries "
        "a hash of the one before.",
    )
    actions = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = actions.add_parser(
        "verify",
        help="check the audit log's hash chain (exit 0: it holds; 1: the first broken entry)",
        description="Recompute every audit entry's hash in id order and follow the links; "
        "exit 0 when the chain holds, 1 naming the first entry that does not.",
    )
    verify.add_argument("--db", dest="command_db", metavar="URL", help="store to check")
    return parser


def run_audit(
    args: argparse.Namespace, open_selected_store: Callable[[argparse.Namespace], Store]
) -> int:
    from console.privacy.audit_chain import verify_store
    from console.store import open_store

    url = getattr(args, "command_db", None)  # a store that is not there is not created
    store = open_store(url, create=False) if url else open_selected_store(args)
    try:
        report = verify_store(store)
    finally:
        store.close()
    if report.broken is None:
        print(f"audit chain intact: {report.checked} entries checked in {report.seconds:.1f} s")
        return EXIT_INTACT
    broken = report.broken
    where = "the chain's head" if broken.entry_id is None else f"entry {broken.entry_id}"
    when = f" ({broken.at:%Y-%m-%d %H:%M:%S} UTC)" if broken.at is not None else ""
    print(f"audit chain broken at {where}{when}")
    print(broken.problem.text)
    print(f"{report.checked} entries before it hold")
    sys.stdout.flush()
    return EXIT_BROKEN
