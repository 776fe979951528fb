"""``support-console search QUERY --db URL [--json]``: the inbox search, headless.

Prints the matching conversations in inbox order (latest activity first), each
with where the search matched: the message as the customer wrote it, or a
stored translation and its language. Text output marks the matched words with
``[...]``; ``--json`` prints one JSON document. Exit 0 (also when nothing
matches), 2 when the store cannot be opened.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from console.inbox.queries import (
    InboxFilter,
    InboxRow,
    SearchPlace,
    conversation_ids,
    inbox_rows,
    search_places,
)
from console.inbox.search_excerpt import excerpt_of
from console.store.fts import highlight_spans

EXIT_STORE_ERROR = 2


def add_search_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "search",
        help="print the conversations a search finds, and where it matched",
        description="Search messages and their stored translations, as the inbox search "
        "does, and say for each conversation where it matched (original or translation).",
    )
    parser.add_argument("query", metavar="QUERY", help="the words to search for")
    parser.add_argument("--db", dest="command_db", metavar="URL", help="store to search")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument(
        "--limit",
        type=int,
        default=100,
        metavar="N",
        help="show at most N conversations (default 100; 0: all); the total is always given",
    )
    return parser


def run_search(args: argparse.Namespace, store: Any) -> int:
    with store.session() as session:
        ids = conversation_ids(session, InboxFilter(search=args.query))
        shown = ids if args.limit <= 0 else ids[: args.limit]
        rows = inbox_rows(session, shown)
        places = search_places(session, args.query, shown)
    results = [_result(rows[i], places.get(i, ()), args.query) for i in shown if i in rows]
    if args.json:
        document = {"query": args.query, "total": len(ids), "conversations": results}
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return 0
    print(f"{len(ids)} conversations match {args.query!r}" + _shown_note(len(results), len(ids)))
    for result in results:
        print(
            f"#{result['id']}  {result['customer']}  ({result['country'] or '-'}, "
            f"{result['language'] or '-'})  {result['subject'] or ''}".rstrip()
        )
        for match in result["matches"]:
            where = f"{match['where']} ({match['language'] or 'language unknown'})"
            print(f"    message {match['message_id']}, {where}: {match['excerpt']}")
    return 0


def _shown_note(shown: int, total: int) -> str:
    return f" (first {shown} shown)" if shown < total else ""


def _result(row: InboxRow, places: tuple[SearchPlace, ...], query: str) -> dict[str, Any]:
    return {
        "id": row.id,
        "customer": row.customer_name,
        "country": row.country,
        "language": row.language,
        "subject": row.subject,
        "last_activity_at": row.last_activity_at.isoformat(),
        "matches": [
            {
                "message_id": place.message_id,
                "where": "translation" if place.in_translation else "original",
                "language": place.translation_language or place.written_language,
                "excerpt": excerpt(place.text, query),
                "spans": highlight_spans(place.text, query),
            }
            for place in places
        ],
    }


def excerpt(text: str, query: str) -> str:
    """One line of ``text`` around its first match, matched words marked ``[like this]``."""
    return excerpt_of(text, query).marked()
