"""Import a source into the store: messages in batches, broken items into quarantine.

Each batch is one transaction holding its messages, its quarantined items and
the source cursor, so a crash (even ``kill -9``) loses nothing that was
committed, and a re-run adds nothing twice (messages are deduplicated by
channel + external id, quarantined items by source + place + content hash).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import cast

from sqlalchemy import Table, insert, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from console import audit
from console.channels.mapping import ColumnMapping
from console.channels.sources import (
    EXCERPT_CHARS,
    SourceError,
    SourceItem,
    read_source,
    source_key,
)
from console.inbox.ingest import ingest_batch
from console.problems import Problem, define, problem
from console.store import Store
from console.store.channel_tables import QuarantinedItem, SourceCursor
from console.store.lookup import rows_with_keys
from console.store.models import utcnow

_QUARANTINE = cast(Table, QuarantinedItem.__table__)

READ_STOPPED = define(
    "import.read_stopped",
    "Reading the source stopped after {row} because of an unexpected problem; what came "
    "before was imported.",
)
STORE_FAILED = define(
    "import.store_failed", "{row} could not be stored, so it is kept in quarantine."
)


@dataclass
class ImportReport:
    imported: int = 0
    duplicates: int = 0
    quarantined: int = 0
    notices: list[Problem] = field(default_factory=list)  # about the source as a whole

    def summary(self) -> str:
        return (
            f"imported {self.imported}, duplicates {self.duplicates}, "
            f"quarantined {self.quarantined}"
        )

    def summary_lines(self) -> list[str]:
        """The summary, then one line per notice (the encoding guessed, bytes lost ...)."""
        return [self.summary(), *(notice.text for notice in self.notices)]


def import_path(
    store: Store,
    path: Path,
    *,
    fmt: str = "auto",
    mapping: ColumnMapping | None = None,
    batch_size: int = 500,
    actor: str | None = None,
    encoding: str | None = None,
) -> ImportReport:
    """Import a Maildir, mbox, .eml, CSV or JSON source. Raises SourceError if unreadable.

    A CSV/JSON file without an explicit ``mapping`` uses the one saved for it in the
    import preview, else one guessed from its column names. ``encoding`` names the
    CSV/JSON file's text encoding (else the mapping's, else it is detected; the
    report's notices say what was guessed).
    """
    from console.channels.admin import saved_mapping
    from console.channels.sources import detect_format

    resolved = detect_format(path) if fmt == "auto" and path.exists() else fmt
    if mapping is None and resolved in ("csv", "json"):
        with store.session() as session:
            mapping = saved_mapping(session, path)  # saved in the import preview
    notes: list[Problem] = []
    items = read_source(path, fmt, mapping, encoding=encoding, notes=notes)
    key = source_key(path, resolved)
    report = import_items(store, items, source=key, batch_size=batch_size, actor=actor)
    report.notices.extend(notes)
    return report


def import_items(
    store: Store,
    items: Iterable[SourceItem],
    *,
    source: str,
    batch_size: int = 500,
    actor: str | None = None,
) -> ImportReport:
    report = ImportReport()
    actor = actor or f"import:{source}"
    for batch in _batches(_guarded(items), batch_size):
        try:
            with store.session() as session:
                result = store_batch(session, batch, source=source, actor=actor)
        except (SQLAlchemyError, ValueError, TypeError):
            result = _store_one_by_one(store, batch, source=source, actor=actor)
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
        for source_, ref, sha in rows_with_keys(
            session,
            select(QuarantinedItem.source, QuarantinedItem.item_ref, QuarantinedItem.sha256),
            (QuarantinedItem.source, QuarantinedItem.item_ref, QuarantinedItem.sha256),
            keys,
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
                "problem": (item.problem.to_json() if isinstance(item.problem, Problem) else None),
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


def _guarded(items: Iterable[SourceItem]) -> Iterator[SourceItem]:
    """``items``; a reader that fails part-way ends in one quarantined item, not a crash.

    A :class:`SourceError` before the first item still means the source cannot be read.
    """
    iterator = iter(items)
    last: str | None = None
    while True:
        try:
            item = next(iterator)
        except StopIteration:
            return
        except Exception as exc:
            if last is None and isinstance(exc, SourceError):
                raise
            where = last or "the start"
            yield SourceItem(ref=f"after {where}", problem=problem(READ_STOPPED, row=where))
            return
        last = item.ref
        yield item


def _store_one_by_one(
    store: Store, batch: Sequence[SourceItem], *, source: str, actor: str
) -> ImportReport:
    """A batch the store refused, item by item: what cannot be stored is quarantined."""
    report = ImportReport()
    for item in batch:
        try:
            with store.session() as session:
                result = store_batch(session, [item], source=source, actor=actor)
        except (SQLAlchemyError, ValueError, TypeError):
            label = item.ref[:1].upper() + item.ref[1:]
            raw = item.raw or _message_excerpt(item)
            failed = SourceItem(ref=item.ref, problem=problem(STORE_FAILED, row=label), raw=raw)
            with store.session() as session:
                result = store_batch(session, [failed], source=source, actor=actor)
        report.imported += result.imported
        report.duplicates += result.duplicates
        report.quarantined += result.quarantined
    return report


def _message_excerpt(item: SourceItem) -> bytes:
    message = item.message
    if message is None:
        return b""
    return f"{message.address}\n{message.sent_at.isoformat()}\n{message.text}".encode(
        "utf-8", errors="replace"
    )


def _batches(items: Iterator[SourceItem], size: int) -> Iterator[list[SourceItem]]:
    while batch := list(islice(items, size)):
        yield batch
