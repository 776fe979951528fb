"""``support-console import SOURCE``: import a mailbox folder or file, or a CSV/JSON export.

Prints one closing line ``imported N, duplicates D, quarantined Q``, then for a
CSV/JSON export a line per notice (the text encoding guessed, and whether the
guess is uncertain or bytes did not decode). Exit 0
when the import ran (even with quarantined items), 1 when the source cannot
be read at all, 2 when the store cannot be opened.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from console.channels.mapping import ColumnMapping
from console.channels.sources import FORMATS, SourceError

EXIT_UNREADABLE_SOURCE = 1
EXIT_STORE_ERROR = 2


def add_import_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "import",
        help="import a Maildir, mbox, .eml, CSV or JSON source into the store",
        description="Import a mailbox folder or file, or a marketplace/chat export. "
        "Re-importing the same source adds nothing.",
    )
    parser.add_argument("source", metavar="SOURCE", type=Path, help="folder or file to import")
    # dest "command_db", as the other subcommands: the top-level --db stays distinct.
    parser.add_argument("--db", dest="command_db", metavar="URL", help="store to import into")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="auto",
        help="source format (default: from the name and content; a folder that is not a "
        "Maildir is read as a folder of .eml and mbox files, as with --format eml)",
    )
    parser.add_argument(
        "--mapping",
        metavar="FILE",
        type=Path,
        help="column mapping for CSV/JSON as saved by the import preview (JSON)",
    )
    parser.add_argument(
        "--encoding",
        metavar="NAME",
        help="text encoding of a CSV/JSON export (gb18030, shift_jis, big5, euc-kr, cp1252, "
        "...); without it the encoding is detected and the guess reported",
    )
    parser.add_argument("--batch-size", type=int, default=500, help=argparse.SUPPRESS)
    parser.set_defaults(func=run_import)
    return parser


def run_import(args: argparse.Namespace) -> int:
    from console.channels.importer import import_path
    from console.paths import user_store_path
    from console.store import StoreError, open_store, sqlite_url

    mapping = None
    encoding = getattr(args, "encoding", None)
    if encoding:
        from console.channels.table_encoding import EncodingNameError, check_encoding_name

        try:
            encoding = check_encoding_name(encoding)
        except EncodingNameError as exc:
            print(f"support-console import: {exc}", file=sys.stderr)
            return EXIT_UNREADABLE_SOURCE
    if args.mapping is not None:
        try:
            mapping = ColumnMapping.from_json(args.mapping.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            print(f"support-console import: the mapping cannot be read: {exc}", file=sys.stderr)
            return EXIT_UNREADABLE_SOURCE
    try:
        url = getattr(args, "command_db", None) or getattr(args, "db", None)
        store = open_store(url or sqlite_url(user_store_path()))
    except StoreError as exc:
        print(f"support-console import: {exc}", file=sys.stderr)
        return EXIT_STORE_ERROR
    try:
        report = import_path(
            store,
            args.source,
            fmt=args.format,
            mapping=mapping,
            batch_size=args.batch_size,
            encoding=encoding or None,
        )
    except SourceError as exc:
        print(f"support-console import: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE_SOURCE
    finally:
        store.close()
    print("\n".join(report.summary_lines()))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry (``python -m console.channels.cli_import``) until the CLI is wired."""
    parser = argparse.ArgumentParser(prog="support-console")
    add_import_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
