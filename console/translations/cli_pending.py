"""``support-console translate-pending``: translate stored inbound messages ahead of time.

Prints one line per target language and a closing total, e.g.::

    en: translated 12, already in en 1, no model 3, undetermined 0, failed 0
    total: translated 12, already in the language 1, no model 3, undetermined 0, failed 0

Exit 0 when the run ended (even if some messages could not be translated),
1 for a bad ``--to``, 2 when the store cannot be opened or used.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from typing import Any

from console.store import Store
from console.translations.background import BackgroundReport, TargetCounts

EXIT_BAD_INPUT = 1
EXIT_STORE_ERROR = 2

_CODE = re.compile(r"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})?$")


def add_translate_pending_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "translate-pending",
        help="translate stored inbound messages that have no translation yet",
        description="Translate inbound messages without a stored translation into the "
        "languages of the agents who serve their market (or the --to languages), newest "
        "first, and store the translations.",
    )
    parser.add_argument("--db", dest="command_db", metavar="URL", help="store to work on")
    parser.add_argument(
        "--to",
        metavar="LANG[,LANG]",
        help="translate into these languages (ISO 639-1 codes, comma-separated) "
        "instead of the languages of the agents who serve each market",
    )
    return parser


def parse_languages(value: str) -> list[str] | None:
    """The --to codes, or None when one is not a language code."""
    codes = [code.strip() for code in value.split(",") if code.strip()]
    if not codes or not all(_CODE.match(code) for code in codes):
        return None
    return codes


def _counts_line(label: str, language: str, counts: TargetCounts) -> str:
    return (
        f"{label}: translated {counts.translated}, already in {language} "
        f"{counts.same_language}, no model {counts.no_model}, "
        f"undetermined {counts.undetermined}, failed {counts.failed}"
    )


def report_lines(report: BackgroundReport) -> list[str]:
    lines = [_counts_line(target, target, counts) for target, counts in report.targets.items()]
    if not report.targets:
        lines.append("total: nothing to translate into (no agent serves a market; give --to LANG)")
        return lines
    lines.append(_counts_line("total", "the language", report.total))
    return lines


def run_translate_pending(
    args: argparse.Namespace, open_selected_store: Callable[[argparse.Namespace], Store]
) -> int:
    """Run ``translate-pending``; ``open_selected_store`` opens the store the arguments
    name (the CLI's choice of store: ``--db``, ``--demo`` or the user's)."""
    from console.store import StoreError
    from console.translations.background import translate_pending, wanted_targets
    from console.translations.translator_setup import TranslatorHolder

    only = None
    if args.to is not None:
        only = parse_languages(args.to)
        if only is None:
            print(
                f"support-console translate-pending: --to {args.to!r} is not a comma-separated "
                "list of language codes (for example: en,zh).",
                file=sys.stderr,
            )
            return EXIT_BAD_INPUT
    try:
        store = open_selected_store(args)
    except StoreError as exc:
        print(f"support-console translate-pending: {exc}", file=sys.stderr)
        return EXIT_STORE_ERROR
    try:
        with store.session() as session:
            plan = wanted_targets(session, only=only)
        translator = TranslatorHolder(store).get()
        report = translate_pending(store, translator, plan)
    finally:
        store.close()
    print("\n".join(report_lines(report)))
    return 0
