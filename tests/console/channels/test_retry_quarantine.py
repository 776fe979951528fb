"""Retrying quarantined items from files that are still readable."""

from __future__ import annotations

from pathlib import Path

from corpus import mail, write_maildir
from sqlalchemy import func, select

from console.channels.admin import quarantine_entries, save_mapping
from console.channels.importer import import_path, quarantine
from console.channels.mapping import ColumnMapping
from console.channels.retry import retry_quarantined, source_path
from console.channels.sources import SourceItem
from console.store import Store
from console.store.models import AuditEntry, Message

NO_SENDER = b"Subject: no sender\r\n\r\nhello"


def _count(store: Store) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(Message)) or 0)


def test_a_fixed_mail_is_imported_and_a_broken_one_stays(store: Store, tmp_path: Path) -> None:
    box = write_maildir(tmp_path / "Mail", {"1.fixed": NO_SENDER, "2.broken": b""})
    assert import_path(store, box).quarantined == 2
    (box / "new" / "1.fixed").write_bytes(mail(1))  # someone repaired the file
    with store.session() as session:
        ids = [entry.id for entry in quarantine_entries(session)]
        report = retry_quarantined(session, ids, actor="agent:li")
    assert (report.imported, report.still_failing, report.skipped) == (1, 1, 0)
    assert _count(store) == 1
    with store.session() as session:
        (left,) = quarantine_entries(session)
        assert left.item_ref == "2.broken" and "empty" in left.reason
        assert (
            session.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.action == "retry_quarantine")
            )
            == 1
        )
        # A second retry changes nothing and imports nothing twice.
        again = retry_quarantined(session, [left.id], actor="agent:li")
    assert (again.imported, again.still_failing) == (0, 1)
    assert _count(store) == 1


def test_a_table_quarantined_as_a_whole_imports_once_mapped(store: Store, tmp_path: Path) -> None:
    table = tmp_path / "orders.csv"
    table.write_text(
        "col_a,col_b,col_c\n2026-11-01T10:00:00Z,buyer-1,where is it?\n"
        "2026-11-01T11:00:00Z,buyer-2,refund please\n",
        encoding="utf-8",
    )
    assert import_path(store, table).quarantined == 1
    with store.session() as session:
        (entry,) = quarantine_entries(session)
        assert entry.item_ref == "orders.csv"
        mapping = ColumnMapping(
            columns={"timestamp": "col_a", "handle": "col_b", "text": "col_c"}, channel="chat"
        )
        save_mapping(session, table, mapping, actor="agent:li")
    with store.session() as session:
        report = retry_quarantined(session, [entry.id], actor="agent:li")
    assert report.imported == 1
    assert _count(store) == 2
    with store.session() as session:
        assert quarantine_entries(session) == []


def test_items_not_from_readable_files_are_skipped(store: Store, tmp_path: Path) -> None:
    gone = write_maildir(tmp_path / "Gone", {"1.x": NO_SENDER})
    import_path(store, gone)
    (gone / "new" / "1.x").unlink()
    (gone / "new").rmdir()
    with store.session() as session:
        quarantine(
            session,
            "imap:agent@mail.example:993/INBOX",
            [SourceItem(ref="7:1", problem="broken", raw=b"x")],
        )
    with store.session() as session:
        ids = [entry.id for entry in quarantine_entries(session)]
        report = retry_quarantined(session, ids, actor="agent:li")
    assert (report.imported, report.still_failing, report.skipped) == (0, 0, 2)
    assert len(report.problems) == 2
    assert source_path("imap:agent@mail.example:993/INBOX") is None
    assert source_path("csv:/data/x.csv") == ("csv", Path("/data/x.csv"))
