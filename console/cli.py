"""``support-console``: open the console on a store (or run a maintenance command)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from console.paths import demo_store_path, user_store_path
from console.store import Store, StoreError, open_store, sqlite_url

EXIT_STORE_ERROR = 2


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
    return parser


def open_selected_store(args: argparse.Namespace) -> Store:
    if args.db:
        return open_store(args.db)
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
        store = open_selected_store(args)
    except StoreError as exc:
        print(f"support-console: {exc}", file=sys.stderr)
        if args.screenshot is None:
            from console.ui.app import show_fatal_error

            show_fatal_error(str(exc))
        return EXIT_STORE_ERROR
    from console.ui.app import run

    try:
        return run(store, screenshot=args.screenshot, language=args.language)
    finally:
        store.close()


if __name__ == "__main__":
    raise SystemExit(main())
