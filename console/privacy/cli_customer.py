"""``support-console customer export|erase``: a data-subject request from the command line.

``customer export --db URL (--email E | --phone P | --customer-id N) --out DIR`` writes
everything held about the customer into a new folder inside DIR (JSON, an HTML page,
the attachments) and prints its path. ``customer erase --db URL (--email E | --phone P |
--customer-id N) --reason TEXT --yes`` erases their personal data and prints what went.
An unknown customer, an unwritable folder, an erasure without ``--yes`` or a reason:
one line on stderr, exit 1, nothing written or changed.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from console.problems import ProblemError, problem

EXIT_BAD_INPUT = 1


def add_customer_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "customer",
        help="export or erase everything held about one customer (data-subject requests)",
        description="Data-subject requests: export a customer's data, or erase it.",
    )
    actions = parser.add_subparsers(dest="customer_command", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export",
        help="write everything held about the customer as JSON and an HTML page",
        description="Write everything held about the customer (messages, translations, "
        "identities, attachments, rules tasks, audit entries) into a new folder in DIR.",
    )
    _who(export)
    export.add_argument("--out", metavar="DIR", type=Path, required=True, help="folder to write to")
    erase = actions.add_parser(
        "erase",
        help="erase the customer's personal data (a tombstone stays)",
        description="Erase the customer's messages, translations, identities and attachments; "
        "a tombstone (when, who, why) stays. This cannot be undone.",
    )
    _who(erase)
    erase.add_argument("--reason", metavar="TEXT", default="", help="why (kept in the tombstone)")
    erase.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")
    return parser


def _who(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", dest="command_db", metavar="URL", help="the store")
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--email", metavar="E", help="the customer's e-mail address")
    who.add_argument("--phone", metavar="P", help="the customer's phone number (+49…)")
    who.add_argument("--customer-id", metavar="N", type=int, help="the customer's id")


def run_customer(args: argparse.Namespace, open_store: Callable[[argparse.Namespace], Any]) -> int:
    from console.privacy.subjects import ERASE_NEEDS_CONFIRMATION, ERASE_NEEDS_REASON

    if args.customer_command == "erase":
        if not args.reason.strip():
            return _refused(problem(ERASE_NEEDS_REASON).text)
        if not args.yes:
            return _refused(problem(ERASE_NEEDS_CONFIRMATION).text)
    store = open_store(args)
    try:
        if args.customer_command == "export":
            return _export(args, store)
        return _erase(args, store)
    except ProblemError as exc:
        return _refused(exc.problem.text)
    finally:
        store.close()


def _actor(action: str) -> str:
    return f"customer {action} from the command line ({getpass.getuser()})"


def _find(args: argparse.Namespace, session: Any) -> int:
    from console.privacy.subjects import find_customer

    return find_customer(session, email=args.email, phone=args.phone, customer_id=args.customer_id)


def _export(args: argparse.Namespace, store: Any) -> int:
    from console.privacy.subject_export import (
        collect_export,
        record_export,
        refuse_masked_export,
        write_export,
    )

    with store.session() as session:
        refuse_masked_export(session)  # before the customer is looked up
        export = collect_export(session, _find(args, session))
    folder = write_export(export, args.out)
    with store.session() as session:
        record_export(session, export, actor=_actor("export"))
    print(
        f"Exported customer {export.customer_id}: {export.conversation_count} conversations, "
        f"{export.message_count} messages, {len(export.files)} attachments to {folder}"
    )
    return 0


def _erase(args: argparse.Namespace, store: Any) -> int:
    from console.privacy.subject_erase import erase_customer, purge_residue

    with store.session() as session:
        result = erase_customer(
            session, _find(args, session), actor=_actor("erase"), reason=args.reason
        )
    purged = purge_residue(store.engine)
    counts = result.counts
    print(
        f"Erased customer {result.customer_id}: {counts.conversations} conversations, "
        f"{counts.messages} messages, {counts.translations} translations, "
        f"{counts.attachments} attachments, {counts.identities} identities "
        f"(request {result.request_id})"
    )
    if not purged.files_clean:
        print(
            "support-console: another program still reads the store; the erased texts leave "
            "its journal (-wal file) when that program closes.",
            file=sys.stderr,
        )
    return 0


def _refused(text: str) -> int:
    print(f"support-console: {text}", file=sys.stderr)
    return EXIT_BAD_INPUT
