"""Import a source into the store: messages in batches, broken items into quarantine.

Each batch is one transaction holding its messages, its quarantined items and
the source cursor, so a crash (even ``kill -9``) loses nothing that was
committed, and a re-run adds nothing twice (messages are deduplicated by
channel + external id, quarantined items by source + place + content hash).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import cast

from sqlalchemy import Table, insert, select, tuple_
from sqlalchemy.orm import Session

from console import audit
from console.channels.mapping import ColumnMapping
from console.channels.sources import EXCERPT_CHARS, SourceItem, read_source, source_key
from console.inbox.ingest import ingest_batch
from console.problems import Problem
from console.store import Store
from console.store.channel_tables import QuarantinedItem, SourceCursor
from console.store.models import utcnow

_QUARANTINE = cast(Table, QuarantinedItem.__table__)


@dataclass
class ImportReport:
    imported: int = 0
    duplicates: int = 0
    quarantined: int = 0

    def summary(self) -> str:
        return (
            f"imported {self.imported}, duplicates {self.duplicates}, "
            f"quarantined {self.quarantined}"
        )


def import_path(
    store: Store,
    path: Path,
    *,
    fmt: str = "auto",
    mapping: ColumnMapping | None = None,
    batch_size: int = 500,
    actor: str | None = None,
) -> ImportReport:
    """Import a Maildir, mbox, .eml, CSV or JSON source. Raises SourceError if unreadable.

    A CSV/JSON file without an explicit ``mapping`` uses the one saved for it in the
    import preview, else one guessed from its column names.
    """
    from console.channels.admin import saved_mapping
    from console.channels.sources import detect_format

    resolved = detect_format(path) if fmt == "auto" and path.exists() else fmt
    if mapping is None and resolved in ("csv", "json"):
        with store.session() as session:
            mapping = saved_mapping(session, path)  # saved in the import preview
    items = read_source(path, fmt, mapping)
    key = source_key(path, resolved)
    return import_items(store, items, source=key, batch_size=batch_size, actor=actor)


def import_items(
    store: Store,
    items: Iterable[SourceItem],
    *,
    source: str,
    batch_size: int = 500,
    actor: str | None = None,
) -> ImportReport:
    report = ImportReport()
    for batch in _batches(iter(items), batch_size):
        with store.session() as session:
            result = store_batch(session, batch, source=source, actor=actor or f"import:{source}")
        report.imported += result.imported
        report.duplicates += result.duplicates
        report.quarantined += result.quarantined
    return report


def store_batch(
    session: Session, batch: Sequence[SourceItem], *, source: str, actor: str
) -> ImportReport:
    """One batch in the caller's transaction: messages, quarantine rows, then the cursor."""
    messages = [item.message for item in batch if item.message is not None]
    broken = [item for item in batch if item.message is None]
    result = ingest_batch(session, messages)
    quarantine(session, source, broken)
    save_cursor(session, source, batch[-1].ref)
    if result.imported or broken:
        audit.record(
            session,
            actor=actor,
            action="ingest",
            entity="message",
            imported=result.imported,
            duplicates=result.duplicates,
            quarantined=len(broken),
        )
    return ImportReport(result.imported, result.duplicates, len(broken))


def quarantine(session: Session, source: str, items: Sequence[SourceItem]) -> int:
    """Record broken items (each once); returns how many were new."""
    if not items:
        return 0
    keys = {(source[:500], item.ref[:500], item.sha256) for item in items}
    known: set[tuple[str, str, str]] = set(
        (source_, ref, sha)
        for source_, ref, sha in session.execute(
            select(QuarantinedItem.source, QuarantinedItem.item_ref, QuarantinedItem.sha256).where(
                tuple_(
                    QuarantinedItem.source, QuarantinedItem.item_ref, QuarantinedItem.sha256
                ).in_(list(keys))
            )
        )
    )
    rows = []
    now = utcnow()
    for item in items:
        key = (source[:500], item.ref[:500], item.sha256)
        if key in known:
            continue
        known.add(key)
        rows.append(
            {
                "source": key[0],
                "item_ref": key[1],
                "sha256": key[2],
                "reason": str(item.problem or "Unknown problem."),
                "problem": (
                    item.problem.to_json() if isinstance(item.problem, Problem) else None
                ),
                "size": len(item.raw),
                "excerpt": item.raw[:EXCERPT_CHARS].decode("utf-8", errors="replace"),
                "created_at": now,
            }
        )
    if rows:
        session.execute(insert(_QUARANTINE), rows)
    return len(rows)


def save_cursor(session: Session, source: str, position: str) -> None:
    cursor = session.get(SourceCursor, source[:500])
    if cursor is None:
        session.add(SourceCursor(source=source[:500], position=position, updated_at=utcnow()))
    else:
        cursor.position = position
        cursor.updated_at = utcnow()


def load_cursor(session: Session, source: str) -> str | None:
    cursor = session.get(SourceCursor, source[:500])
    return None if cursor is None else cursor.position


def _batches(items: Iterator[SourceItem], size: int) -> Iterator[list[SourceItem]]:
    while batch := list(islice(items, size)):
        yield batch
