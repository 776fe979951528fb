"""``support-console replies export FILE`` / ``replies import FILE``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from console.problems import ProblemError
from console.store import Store

StoreOpener = Callable[[argparse.Namespace], Store]

EXIT_BAD_INPUT = 1
EXIT_STORE_ERROR = 2


def add_replies_parser(commands: Any) -> None:
    replies = commands.add_parser(
        "replies",
        help="export or import the multilingual reply library (JSON)",
        description="Share the reply library: export it from a store, import it elsewhere.",
    )
    actions = replies.add_subparsers(dest="replies_command", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write the reply library as JSON")
    export.add_argument("file", type=Path, metavar="FILE", help="output file")
    export.add_argument("--db", dest="command_db", metavar="URL", help="store to read")
    load = actions.add_parser(
        "import", help="add or replace replies from a file (a bad file changes nothing)"
    )
    load.add_argument("file", type=Path, metavar="FILE", help="the library to import")
    load.add_argument("--db", dest="command_db", metavar="URL", help="store to change")


def run_replies(args: argparse.Namespace, open_selected_store: StoreOpener) -> int:
    """Run ``replies export|import``; ``open_selected_store`` opens the store the
    arguments name (the CLI's choice of store: ``--db``, ``--demo`` or the user's)."""
    from console.replies.exchange import export_library, import_library, read_library_file

    entries = None
    if args.replies_command == "import":
        try:
            entries = read_library_file(args.file)
        except ProblemError as exc:
            print(f"support-console: {exc} Nothing was imported.", file=sys.stderr)
            return EXIT_BAD_INPUT
    store = open_selected_store(args)  # a StoreError is reported by console.cli.main
    try:
        if entries is not None:
            with store.session() as session:
                summary = import_library(session, entries)
            print(f"Imported {args.file}: {summary}.", file=sys.stderr)
            return 0
        with store.session() as session:
            exported = export_library(session)
        text = json.dumps(exported, ensure_ascii=False, indent=2) + "\n"
        try:
            args.file.parent.mkdir(parents=True, exist_ok=True)
            args.file.write_text(text, encoding="utf-8")
        except OSError as exc:
            print(f"support-console: {args.file} could not be written ({exc.strerror}).",
                  file=sys.stderr)  # fmt: skip
            return EXIT_BAD_INPUT
        print(f"Exported {len(exported['replies'])} replies to {args.file}.", file=sys.stderr)
        return 0
    finally:
        store.close()
