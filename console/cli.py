"""``support-console``: open the console on a store (or run a maintenance command).

Maintenance commands are subcommands (``support-console policies export``);
without one, the console window opens.

Whatever the command, a failure of the store itself (read-only, disk full,
damaged, busy) ends with one line on stderr naming the problem and exit code
2; no traceback, no SQL. Nothing stored is lost: the failed transaction is
rolled back.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from console.paths import demo_store_path, user_store_path
from console.store import Store, StoreError, open_store, sqlite_url, translate_database_error

EXIT_STORE_ERROR = 2
EXIT_BAD_INPUT = 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="support-console",
        description="Offline multilingual console for cross-border e-commerce support.",
    )
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--demo", action="store_true", help="open the built-in demo store")
    source.add_argument("--db", metavar="URL", help="SQLAlchemy URL of the store to open")
    parser.add_argument(
        "--screenshot",
        metavar="PATH",
        type=Path,
        help="load the window, save a PNG of it to PATH once the inbox and the first "
        "conversation are shown, and exit",
    )
    parser.add_argument(
        "--language",
        choices=("system", "en", "zh_CN"),
        help="UI language for this run (default: the setting, else the system locale)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_policies_command(commands)
    from console.channels.cli_import import add_import_parser

    add_import_parser(commands)
    from console.replies.cli import add_replies_parser

    add_replies_parser(commands)
    from console.translations.cli_pending import add_translate_pending_parser

    add_translate_pending_parser(commands)
    from console.search_cli import add_search_parser

    add_search_parser(commands)
    from console.kpis.cli import add_report_parser

    add_report_parser(commands)
    from console.team.cli import add_team_parser

    add_team_parser(commands)
    from console.team.worker import add_worker_parser

    add_worker_parser(commands)
    from console.privacy.cli_customer import add_customer_parser

    add_customer_parser(commands)
    from console.privacy.cli_audit import add_audit_parser

    add_audit_parser(commands)
    from console.store.cli import add_store_parser

    add_store_parser(commands)
    return parser


def _add_policies_command(commands: Any) -> None:
    policies = commands.add_parser(
        "policies",
        help="export or import the per-country return and privacy rules (JSON)",
        description="Share one reviewed policy pack: export it from a store, import it elsewhere.",
    )
    actions = policies.add_subparsers(dest="policies_command", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write the pack in force as JSON")
    export.add_argument("--db", dest="command_db", metavar="URL", help="store to read")
    export.add_argument(
        "file", nargs="?", type=Path, metavar="FILE", help="output file (default: stdout)"
    )
    load = actions.add_parser(
        "import", help="validate a pack and make it the store's rules (a bad file changes nothing)"
    )
    load.add_argument("file", type=Path, metavar="FILE", help="the pack to import")
    load.add_argument("--db", dest="command_db", metavar="URL", help="store to change")
    load.add_argument(
        "--reason", default="Imported policy pack", help="reason recorded with every change"
    )
    load.add_argument(
        "--agent",
        metavar="NAME",
        help="import as this agent profile (it must have the compliance role)",
    )


def open_selected_store(args: argparse.Namespace) -> Store:
    url = getattr(args, "command_db", None) or args.db
    if url:
        return open_store(url)
    if args.demo:
        from console.demo import ensure_demo_store

        path = demo_store_path()
        if not path.exists():
            print(f"Creating the demo store at {path} …", file=sys.stderr)
        return ensure_demo_store(path)
    return open_store(sqlite_url(user_store_path()))


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except StoreError as exc:
        return _store_failed(exc)
    except Exception as exc:
        translated = _as_store_error(exc, args)
        if translated is None:
            raise
        return _store_failed(translated)


def _store_failed(exc: StoreError) -> int:
    print(f"support-console: {exc}", file=sys.stderr)
    return EXIT_STORE_ERROR


def _as_store_error(exc: Exception, args: argparse.Namespace) -> StoreError | None:
    """A driver error that escaped a store session, as the store problem it is (or None)."""
    from sqlalchemy.exc import DBAPIError

    if not isinstance(exc, DBAPIError | sqlite3.Error):
        return None
    url = getattr(args, "command_db", None) or getattr(args, "db", None)
    if url:
        from sqlalchemy.engine import make_url

        parsed = make_url(url)
        name = str(parsed.database) if parsed.get_backend_name() == "sqlite" else ""
        name = name or parsed.render_as_string(hide_password=True)
    else:
        name = str(demo_store_path() if getattr(args, "demo", False) else user_store_path())
    return translate_database_error(exc, name)


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "policies":
        return _policies(args)
    if args.command == "import":
        from console.channels.cli_import import run_import

        return run_import(args)
    if args.command == "replies":
        from console.replies.cli import run_replies

        return run_replies(args, open_selected_store)
    if args.command == "translate-pending":
        from console.translations.cli_pending import run_translate_pending

        return run_translate_pending(args, open_selected_store)
    if args.command == "report":
        from console.kpis.cli import run_report

        return run_report(args, open_selected_store)
    if args.command == "customer":
        from console.privacy.cli_customer import run_customer

        return run_customer(args, open_selected_store)
    if args.command == "team":
        from console.team.cli import run_team

        return run_team(args)
    if args.command == "worker":
        from console.team.worker import run_worker

        return run_worker(args)
    if args.command == "audit":
        from console.privacy.cli_audit import run_audit

        return run_audit(args, open_selected_store)
    if args.command == "store":
        from console.store.cli import run_store

        return run_store(args, user_store=user_store_path(), demo_store=demo_store_path())
    if args.command == "search":
        from console.search_cli import run_search

        searched = open_selected_store(args)
        try:
            return run_search(args, searched)
        finally:
            searched.close()
    if args.screenshot is None and not args.demo:
        # Team mode: a PostgreSQL --db, or the saved team connection, starts with the sign-in.
        from console.ui.app import run_team_seat

        signed_in = run_team_seat(args.db, language=args.language)
        if signed_in is not None:
            return signed_in
    try:
        store = open_selected_store(args)
    except StoreError as exc:
        print(f"support-console: {exc}", file=sys.stderr)
        if args.screenshot is None:
            from console.ui.app import show_fatal_error

            show_fatal_error(exc)
        return EXIT_STORE_ERROR
    from console.ui.app import run

    try:
        return run(store, screenshot=args.screenshot, language=args.language)
    finally:
        store.close()


def _policies(args: argparse.Namespace) -> int:
    from console.policies import (
        PolicyPermissionError,
        PolicyValidationError,
        export_pack,
        import_pack,
        read_pack_file,
    )

    pack = None
    if args.policies_command == "import":
        try:
            pack = read_pack_file(args.file)
        except PolicyValidationError as exc:
            print(
                f"support-console: {args.file} was not imported (nothing changed):", file=sys.stderr
            )
            for error in exc.errors:
                print(f"  {error}", file=sys.stderr)
            return EXIT_BAD_INPUT
    try:
        store = open_selected_store(args)
    except StoreError as exc:
        print(f"support-console: {exc}", file=sys.stderr)
        return EXIT_STORE_ERROR
    try:
        if pack is not None:
            actor = f"policies import from the command line ({getpass.getuser()})"
            try:
                with store.session() as session:
                    agent_id = _agent_id(session, args.agent) if args.agent else None
                    result = import_pack(
                        session, pack, actor=actor, agent_id=agent_id, reason=args.reason
                    )
            except (PolicyPermissionError, LookupError) as exc:
                print(f"support-console: {exc} Nothing was imported.", file=sys.stderr)
                return EXIT_BAD_INPUT
            print(f"Imported {args.file}: {result.summary()}.", file=sys.stderr)
            return 0
        with store.session() as session:
            exported = export_pack(session)
        text = json.dumps(exported, ensure_ascii=False, indent=2) + "\n"
        if args.file is None:
            sys.stdout.write(text)
        else:
            args.file.parent.mkdir(parents=True, exist_ok=True)
            args.file.write_text(text, encoding="utf-8")
            print(f"Exported {len(exported['markets'])} markets to {args.file}.", file=sys.stderr)
        return 0
    finally:
        store.close()


def _agent_id(session: Any, name: str) -> int:
    from sqlalchemy import select

    from console.store.models import Agent

    agent_id = session.scalars(select(Agent.id).where(Agent.name == name)).first()
    if agent_id is None:
        raise LookupError(f"There is no agent profile named {name!r}.")
    return int(agent_id)


if __name__ == "__main__":
    raise SystemExit(main())
