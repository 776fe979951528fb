"""Hostile input imported into both engines gives the same counts and the same stored text.

The mbox and the CSV are made here, byte by byte: NUL bytes in bodies, headers,
names and cells, a row or message that must be quarantined (holding NUL bytes
too), and a duplicate. PostgreSQL cannot hold NUL in text; the store's rule
(console/store/text_safety.py) makes it U+FFFD on both engines, so an import
neither aborts nor differs between SQLite and PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from corpus import mail, write_mbox
from sqlalchemy import select

from console.channels.importer import ImportReport, import_path
from console.store import Store
from console.store.channel_tables import QuarantinedItem
from console.store.models import ChannelIdentity, Conversation, Customer, Message

NUL_MAIL = (
    b"From: Nul\x00Person <nul@example.com>\r\n"
    b"To: support@shop.example\r\n"
    b"Subject: refund\x00 order 7\r\n"
    b"Date: Sun, 01 Nov 2026 09:00:00 +0000\r\n"
    b"Message-ID: <nul-1@example.com>\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n"
    b"Content-Transfer-Encoding: 8bit\r\n"
    b"\r\n"
    b"I want a refund\x00\x00 for order 7, gr\xc3\xbc\xc3\x9fe\r\n"
)
# No sender: must be quarantined; its raw bytes (and excerpt) hold NUL bytes.
NO_SENDER = b"Subject: \x00hello\r\nDate: Sun, 01 Nov 2026 09:05:00 +0000\r\n\r\nbody\x00body\r\n"


def hostile_mbox(path: Path) -> Path:
    return write_mbox(
        path,
        [
            mail(1, text="a normal message"),
            NUL_MAIL,
            NO_SENDER,
            NUL_MAIL,  # the same message again: a duplicate
            mail(2, sender="zero@example.com", name="Ze\x00ro", text="name with NUL"),
        ],
    )


CSV_BYTES = (
    b"order_id,buyer_name,buyer,email,country,time,direction,message\n"
    b"C-1,Mei\x00Ling,mei01,mei@example.cn,CN,2026-11-01 09:00,buyer,where\x00is my parcel\n"
    b"C-1,Mei\x00Ling,mei01,,CN,2026-11-01 09:30,seller,shipped \x00today\n"
    b"C-2,Tom,tom_x,,GB,not\x00a time,buyer,bad row\x00\n"
    b"C-1,Mei\x00Ling,mei01,mei@example.cn,CN,2026-11-01 09:00,buyer,where\x00is my parcel\n"
    b"C-3,Ana,ana_b,,BR,2026-11-01 10:00,buyer,\xc3\xa9 tudo bem\n"
)


def _snapshot(store: Store) -> dict[str, Any]:
    """What the store holds, in an engine-independent order."""
    with store.session() as session:
        messages = sorted(
            (m.external_id or "", m.subject, m.text, m.direction.value)
            for m in session.scalars(select(Message))
        )
        customers = sorted(session.scalars(select(Customer.name)))
        addresses = sorted(session.scalars(select(ChannelIdentity.address)))
        conversations = sorted(
            (c.subject or "", c.preview, c.message_count)
            for c in session.scalars(select(Conversation))
        )
        quarantine = sorted(
            (q.item_ref, q.reason, q.excerpt, q.size)
            for q in session.scalars(select(QuarantinedItem))
        )
    return {
        "messages": messages,
        "customers": customers,
        "addresses": addresses,
        "conversations": conversations,
        "quarantine": quarantine,
    }


def _import_twice(store: Store, path: Path) -> tuple[ImportReport, ImportReport]:
    return import_path(store, path), import_path(store, path)


R = "\ufffd"  # what a NUL byte becomes in stored text


def _write_csv(folder: Path) -> Path:
    path = folder / "hostile.csv"
    path.write_bytes(CSV_BYTES)
    return path


def test_mbox_with_nul_bytes_a_bad_message_and_a_duplicate(
    any_store: Store, tmp_path: Path
) -> None:
    first, again = _import_twice(any_store, hostile_mbox(tmp_path / "hostile.mbox"))
    assert first.summary() == "imported 3, duplicates 1, quarantined 1"
    assert again.summary() == "imported 0, duplicates 4, quarantined 1"
    held = _snapshot(any_store)
    texts = {external: text for external, _, text, _ in held["messages"]}
    assert texts == {
        "m1@example.com": "a normal message",
        "m2@example.com": "name with NUL",
        "nul-1@example.com": f"I want a refund{R}{R} for order 7, grüße",
    }
    assert all("\x00" not in name for name in held["customers"])
    ((ref, reason, excerpt, size),) = held["quarantine"]
    assert (ref, size) == ("message 3", len(NO_SENDER))
    assert "no sender" in reason
    # The excerpt keeps every other byte of what was quarantined, NUL shown as U+FFFD.
    assert excerpt == NO_SENDER.decode().replace("\x00", R)


def test_csv_with_nul_bytes_a_bad_row_and_a_duplicate(any_store: Store, tmp_path: Path) -> None:
    first, again = _import_twice(any_store, _write_csv(tmp_path))
    assert first.summary() == "imported 3, duplicates 1, quarantined 1"
    assert again.summary() == "imported 0, duplicates 4, quarantined 1"
    held = _snapshot(any_store)
    assert sorted(text for _, _, text, _ in held["messages"]) == [
        f"shipped {R}today",
        f"where{R}is my parcel",
        "é tudo bem",
    ]
    ((ref, reason, excerpt, size),) = held["quarantine"]
    line = CSV_BYTES.splitlines(keepends=True)[3]
    assert ref == "row 4" and size in (len(line), len(line.rstrip(b"\n")))  # with or without EOL
    assert "\x00" not in reason and "\x00" not in excerpt
    assert excerpt.rstrip("\n") == f"C-2,Tom,tom_x,,GB,not{R}a time,buyer,bad row{R}"


@pytest.mark.parametrize("source", ["mbox", "csv"])
def test_both_engines_hold_the_same_after_a_hostile_import(
    store: Store, pg_store: Store, tmp_path: Path, source: str
) -> None:
    path = hostile_mbox(tmp_path / "hostile.mbox") if source == "mbox" else _write_csv(tmp_path)
    on_sqlite = [r.summary() for r in _import_twice(store, path)]
    on_postgresql = [r.summary() for r in _import_twice(pg_store, path)]
    assert on_sqlite == on_postgresql
    assert _snapshot(store) == _snapshot(pg_store)
