"""``support-console report kpis --db URL [--since DATE] [--until DATE] [--by SLICE] [--json]``.

Prints the team's KPIs per group for conversations whose first customer
message falls in [since, until) (UTC dates; ``--until`` is exclusive); the
backlog is as of now. ``--json`` prints one JSON document. Exit 0, 2 for a bad
date or a store that cannot be opened.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import Any

from console.kpis.queries import KpiQuery, KpiRow, Slice, kpi_rows

EXIT_BAD_DATE = 2
#: The slices the command offers (the dashboard offers them all).
CLI_SLICES = ("market", "agent", "language", "channel", "vendor", "hour", "weekday")

#: Columns of the readable table: (heading, field).
_TABLE = (
    ("group", "label"),
    ("inbound", "inbound"),
    ("FRT p50 min", "first_response_minutes_p50"),
    ("FRT p90 min", "first_response_minutes_p90"),
    ("FRT p50 bus.", "first_response_business_minutes_p50"),
    ("FRT p90 bus.", "first_response_business_minutes_p90"),
    ("SLA %", "sla_met_pct"),
    ("resolved", "resolved"),
    ("res. p50 bus.", "resolution_business_minutes_p50"),
    ("reopened", "reopened"),
    ("replies/conv", "replies_per_conversation"),
    ("backlog", "backlog"),
    ("oldest h", "backlog_age_hours_max"),
)


def add_report_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "report",
        help="print team reports (KPIs)",
        description="Reports over the store, computed by the store.",
    )
    reports = parser.add_subparsers(dest="report", metavar="REPORT", required=True)
    kpis = reports.add_parser(
        "kpis",
        help="first response, resolution, SLA kept, backlog and reopens per group",
        description="KPIs of the conversations whose first customer message falls in "
        "[--since, --until) (UTC dates), in calendar and in business minutes of each "
        "market's support hours. The backlog is as of now.",
    )
    kpis.add_argument("--db", dest="command_db", metavar="URL", help="store to read")
    kpis.add_argument("--since", metavar="DATE", help="first day (YYYY-MM-DD, inclusive)")
    kpis.add_argument("--until", metavar="DATE", help="end day (YYYY-MM-DD, exclusive)")
    kpis.add_argument(
        "--by", choices=CLI_SLICES, default="market", help="group by (default: market)"
    )
    kpis.add_argument("--json", action="store_true", help="print JSON")
    return parser


def parse_day(value: str | None, option: str) -> datetime | None:
    """Midnight UTC of a ``YYYY-MM-DD`` day; ValueError with a one-line reason."""
    if value is None:
        return None
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"{option} {value!r} is not a date like 2026-11-30") from None
    return datetime.combine(day, time(0), tzinfo=UTC)


def kpi_query(args: argparse.Namespace) -> KpiQuery:
    """The query the arguments ask for; ValueError for bad dates."""
    since = parse_day(args.since, "--since")
    until = parse_day(args.until, "--until")
    if since is not None and until is not None and until <= since:
        raise ValueError(f"--until {args.until} must be after --since {args.since}")
    return KpiQuery(since, until, Slice(args.by))


def run_report(args: argparse.Namespace, open_store: Callable[[argparse.Namespace], Any]) -> int:
    """Check the dates, then open the store and print the report."""
    try:
        query = kpi_query(args)
    except ValueError as exc:
        print(f"support-console: {exc}", file=sys.stderr)
        return EXIT_BAD_DATE
    store = open_store(args)
    try:
        with store.session() as session:
            rows = kpi_rows(session, query)
    finally:
        store.close()
    if args.json:
        document = {
            "since": query.since.date().isoformat() if query.since else None,
            "until": query.until.date().isoformat() if query.until else None,
            "by": query.by.value,
            "groups": [row.as_dict() for row in rows],
        }
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return 0
    sys.stdout.write(render_table(rows))
    return 0


def render_table(rows: list[KpiRow]) -> str:
    """The rows as an aligned text table (``-`` where there is nothing to measure)."""
    cells = [[heading for heading, _ in _TABLE]]
    for row in rows:
        values = [_cell(getattr(row, name)) for _, name in _TABLE]
        values[0] = row.label or "(none)"
        cells.append(values)
    widths = [max(len(line[i]) for line in cells) for i in range(len(_TABLE))]
    lines = []
    for line in cells:
        first = line[0].ljust(widths[0])
        rest = [value.rjust(width) for value, width in zip(line[1:], widths[1:], strict=True)]
        lines.append("  ".join([first, *rest]).rstrip())
    return "\n".join(lines) + "\n"


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)
