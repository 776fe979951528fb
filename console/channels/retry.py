"""Retry quarantined items whose source file is still readable.

An item is read again from its source (a Maildir, mbox, .eml, CSV or JSON
file, named by the quarantine's ``source`` key). When it now makes a message
(the file was fixed, or a column mapping was saved since), the message is
stored (deduplicated as usual) and the entry is marked dealt with. Items
from IMAP or the webhook, and sources that are gone, are left as they are,
with a reason. A CSV/JSON file quarantined as a whole (unreadable encoding,
missing columns) is imported in full once it reads.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from console import audit
from console.channels.importer import store_batch
from console.channels.sources import SourceError, SourceItem, read_source
from console.problems import Problem
from console.store.channel_tables import QuarantinedItem
from console.store.models import utcnow

FILE_FORMATS = ("maildir", "mbox", "eml", "csv", "json")
NOT_FOUND = "(not found when read again)"


@dataclass(frozen=True)
class RetryReport:
    imported: int = 0  # entries whose item is now stored (or was already): marked dealt with
    still_failing: int = 0  # read again, still broken (the reason is updated)
    skipped: int = 0  # not from a file, or the file is gone or unreadable
    problems: tuple[str, ...] = ()  # one line per skipped source, for the user


def source_path(source: str) -> tuple[str, Path] | None:
    """``(format, path)`` of a file source key such as ``"csv:/data/orders.csv"``, else None."""
    fmt, sep, rest = source.partition(":")
    if not sep or fmt not in FILE_FORMATS or not rest.startswith("/"):
        return None
    return fmt, Path(rest)


def retry_quarantined(session: Session, entry_ids: list[int], *, actor: str) -> RetryReport:
    from console.channels.admin import saved_mapping

    entries = list(
        session.scalars(
            select(QuarantinedItem).where(
                QuarantinedItem.id.in_(entry_ids) & QuarantinedItem.resolved_at.is_(None)
            )
        )
    )
    by_source: dict[str, list[QuarantinedItem]] = {}
    for entry in entries:
        by_source.setdefault(entry.source, []).append(entry)
    imported = failing = skipped = 0
    problems: list[str] = []
    now = utcnow()
    for source, group in by_source.items():
        located = source_path(source)
        if located is None:
            skipped += len(group)
            problems.append(f"{source}: not a file; it cannot be read again from here.")
            continue
        fmt, path = located
        if not path.exists() or not os.access(path, os.R_OK):
            skipped += len(group)
            problems.append(f"{path}: the file is gone or cannot be read.")
            continue
        mapping = saved_mapping(session, path) if fmt in ("csv", "json") else None
        try:
            items = {item.ref: item for item in read_source(path, fmt, mapping)}
        except (SourceError, OSError) as exc:
            skipped += len(group)
            problems.append(f"{path}: {exc}")
            continue
        whole_file = False
        wanted: list[SourceItem] = []
        for entry in group:
            item = items.get(entry.item_ref)
            table_level = fmt in ("csv", "json") and entry.item_ref == path.name
            if table_level and item is None:
                whole_file = True  # the file reads now: import all of it
                entry.resolved_at = now
                imported += 1
            elif item is None:
                failing += 1
                if NOT_FOUND not in entry.reason:
                    entry.reason = f"{entry.reason} {NOT_FOUND}"[:2000]
            elif item.message is None:
                failing += 1
                if item.problem is not None:
                    entry.reason = str(item.problem)
                    entry.problem = (
                        item.problem.to_json() if isinstance(item.problem, Problem) else None
                    )
            else:
                wanted.append(item)
                entry.resolved_at = now
                imported += 1
        batch = list(items.values()) if whole_file else wanted
        if batch:
            store_batch(session, batch, source=source, actor=actor)
    if imported or failing:
        audit.record(
            session,
            actor=actor,
            action="retry_quarantine",
            entity="quarantine",
            ids=[entry.id for entry in entries],
            imported=imported,
            still_failing=failing,
        )
    return RetryReport(imported, failing, skipped, tuple(problems))
