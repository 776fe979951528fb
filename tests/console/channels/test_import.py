"""Importing mailbox files and exports: counts, idempotence, quarantine, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from corpus import broken_corpus, mail, write_maildir, write_mbox
from sqlalchemy import func, select

from console.channels.importer import import_path
from console.channels.mapping import ColumnMapping
from console.channels.sources import SourceError
from console.store import Store
from console.store.channel_tables import (
    AttachmentBlob,
    CustomerKey,
    MessageAttachment,
    QuarantinedItem,
    SourceCursor,
)
from console.store.models import ChannelKind, Conversation, Customer, Direction, Message


def _count(store: Store, model: type) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_maildir_import_is_idempotent(store: Store, tmp_path: Path) -> None:
    box = write_maildir(tmp_path / "Mail", {f"{n}.host": mail(n) for n in range(30)})
    first = import_path(store, box, batch_size=7)
    again = import_path(store, box, batch_size=7)
    assert first.summary() == "imported 30, duplicates 0, quarantined 0"
    assert again.summary() == "imported 0, duplicates 30, quarantined 0"
    assert _count(store, Message) == 30
    assert _count(store, Customer) == 1
    with store.session() as session:
        assert session.scalars(select(SourceCursor.position)).one() == "9.host"
    # Nothing was marked read: the files are still in new/ under their names.
    assert sorted(p.name for p in (box / "new").iterdir()) == sorted(f"{n}.host" for n in range(30))


def test_broken_corpus_is_stored_or_quarantined_and_the_batch_goes_on(
    store: Store, tmp_path: Path
) -> None:
    corpus = broken_corpus()
    messages = {name: raw for name, (raw, _) in corpus.items()}
    messages["good"] = mail(1)
    box = write_maildir(tmp_path / "Mail", messages)
    report = import_path(store, box)
    expected_bad = sorted(name for name, (_, ok) in corpus.items() if not ok)
    assert report.quarantined == len(expected_bad)
    assert report.imported == len(messages) - len(expected_bad)
    with store.session() as session:
        quarantined = session.execute(
            select(QuarantinedItem.item_ref, QuarantinedItem.reason)
        ).all()
        assert sorted(ref for ref, _ in quarantined) == expected_bad
        assert all(reason.endswith(".") and len(reason) > 10 for _, reason in quarantined)
        texts = {m.subject: m for m in session.scalars(select(Message))}
        assert "我想退款" in texts["退款"].text
        assert "Grüße" in texts["Rückgabe"].text
        html = texts["html"]
        assert html.html is not None and "img" not in html.html and "script" not in html.html
        assert "Hi" in html.text
        assert "deep inside" in texts["deep"].text or texts["deep"].text == ""
        assert len(texts["big"].text) == 20 * 1024 * 1024
        attachment = session.scalars(select(MessageAttachment)).one()
        assert (attachment.filename, attachment.dangerous) == ("invoice.exe", True)
    # Re-import: nothing new, the quarantine is not repeated.
    again = import_path(store, box)
    assert (again.imported, again.quarantined) == (0, len(expected_bad))
    assert _count(store, QuarantinedItem) == len(expected_bad)


def test_same_attachment_is_stored_once(store: Store, tmp_path: Path) -> None:
    raw = broken_corpus()["attachment-only"][0]
    other = raw.replace(b"Subject: att", b"Subject: att again").replace(
        b"From: A <a@", b"Message-ID: <x2@a>\r\nFrom: A <a@"
    )
    box = write_maildir(tmp_path / "Mail", {"1": raw, "2": other})
    assert import_path(store, box).imported == 2
    assert _count(store, MessageAttachment) == 2
    assert _count(store, AttachmentBlob) == 1


def test_mbox_and_eml(store: Store, tmp_path: Path) -> None:
    box = write_mbox(tmp_path / "archive.mbox", [mail(n) for n in range(5)])
    assert import_path(store, box).summary() == "imported 5, duplicates 0, quarantined 0"
    eml = tmp_path / "one.eml"
    eml.write_bytes(mail(3))
    assert import_path(store, eml).summary() == "imported 0, duplicates 1, quarantined 0"
    eml.write_bytes(mail(99))
    assert import_path(store, eml).imported == 1


def test_replies_thread_by_message_id_even_from_another_address(
    store: Store, tmp_path: Path
) -> None:
    box = write_maildir(
        tmp_path / "Mail",
        {
            "1": mail(1, subject="Refund", message_id="<root@x>"),
            "2": mail(2, subject="Other topic", message_id="<other@x>"),
            "3": mail(
                3,
                sender="ana.work@example.org",
                subject="Re: Refund",
                message_id="<reply@x>",
                in_reply_to="root@x",
            ),
        },
    )
    import_path(store, box)
    with store.session() as session:
        conversation = {m.external_id: m.conversation_id for m in session.scalars(select(Message))}
    assert conversation["reply@x"] == conversation["root@x"]


CSV_HEADER = "order_id;buyer_name;buyer;email;phone;country;time;direction;message\n"


def test_csv_with_semicolons_and_gbk_links_customers(store: Store, tmp_path: Path) -> None:
    rows = [
        "A-1;李雷;lilei88;lilei@example.cn;13812345678;CN;2026-11-01 09:00;buyer;我的订单在哪里？",
        "A-1;李雷;lilei88;;;CN;2026-11-01 10:00;seller;已经发货了",
        "A-1;李雷;lilei88;;;CN;2026-11-01 11:00;buyer;谢谢",
        "B-2;Jonas;jonas_d;;+49 151 23456789;DE;2026-11-01T12:00:00+01:00;buyer;Wo ist mein Paket?",
        "B-3;Jonas;jonas_d;;;DE;not a time;buyer;kaputt",
        "B-4;;;;;;2026-11-01 12:00;buyer;",
        "B-5;Jonas;jonas_d;;;DE;2026-11-01 12:00;robot;hm",
    ]
    path = tmp_path / "export.csv"
    path.write_bytes((CSV_HEADER + "\n".join(rows) + "\n").encode("gbk"))
    report = import_path(store, path)
    assert report.summary() == "imported 4, duplicates 0, quarantined 3"
    assert import_path(store, path).summary() == "imported 0, duplicates 4, quarantined 3"
    with store.session() as session:
        reasons = dict(
            session.execute(select(QuarantinedItem.item_ref, QuarantinedItem.reason)).all()
        )
        assert "not a time" in reasons["row 6"]
        assert "no message text" in reasons["row 7"]
        assert "robot" in reasons["row 8"]
        keys = set(session.execute(select(CustomerKey.kind, CustomerKey.value)).all())
        assert ("phone", "+8613812345678") in keys
        assert ("phone", "+4915123456789") in keys
        assert ("order", "A-1") in keys
        first = session.scalars(select(Message).order_by(Message.sent_at)).first()
        assert first is not None and first.sent_at.hour == 9  # UTC without zone column
        directions = [
            m.direction for m in session.scalars(select(Message).order_by(Message.sent_at))
        ]
        assert directions.count(Direction.OUTBOUND) == 1
    # An e-mail from the same address joins the same customer.
    eml = tmp_path / "mail.eml"
    eml.write_bytes(mail(5, sender="lilei@example.cn", name="Li Lei"))
    import_path(store, eml)
    with store.session() as session:
        owners = set(
            session.scalars(
                select(Conversation.customer_id)
                .join(Message)
                .where(Message.channel.in_([ChannelKind.EMAIL, ChannelKind.MARKETPLACE]))
            )
        )
    assert _count(store, Customer) == 2 and len(owners) == 2


def test_csv_with_unmapped_columns_is_quarantined_whole(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    report = import_path(store, path)
    assert report.summary() == "imported 0, duplicates 0, quarantined 1"
    with store.session() as session:
        assert (
            "No column found for: text, timestamp"
            in session.scalars(select(QuarantinedItem.reason)).one()
        )


def test_json_with_mapping_and_nested_keys(store: Store, tmp_path: Path) -> None:
    data = {
        "messages": [
            {
                "id": "c1",
                "user": {"nick": "vis-1", "name": "Sara"},
                "at": 1793520000,
                "body": "hi",
                "zone": "Europe/Rome",
            },
            {
                "id": "c2",
                "user": {"nick": "vis-1", "name": "Sara"},
                "at": "2026-11-01 10:00",
                "body": "ciao",
                "zone": "Europe/Rome",
            },
            "not an object",
        ]
    }
    path = tmp_path / "chat.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    mapping = ColumnMapping(
        columns={
            "external_id": "id",
            "handle": "user.nick",
            "customer_name": "user.name",
            "timestamp": "at",
            "text": "body",
            "time_zone": "zone",
        },
        channel="chat",
    )
    mapping = ColumnMapping.from_json(mapping.to_json())
    assert import_path(store, path, mapping=mapping).summary() == (
        "imported 2, duplicates 0, quarantined 1"
    )
    with store.session() as session:
        message = session.scalars(select(Message).where(Message.external_id == "c2")).one()
        assert message.channel is ChannelKind.CHAT
        assert message.sent_at.hour == 9  # 10:00 in Rome (CET) is 09:00 UTC


def test_json_lines_with_a_broken_line(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "chat.jsonl"
    path.write_text(
        '{"user": "v1", "time": "2026-11-01T10:00Z", "text": "one"}\n{broken\n'
        '{"user": "v1", "time": "2026-11-01T10:01Z", "text": "two"}\n',
        encoding="utf-8",
    )
    assert import_path(store, path).summary() == "imported 2, duplicates 0, quarantined 1"


def test_unreadable_sources_raise(store: Store, tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="does not exist"):
        import_path(store, tmp_path / "missing.mbox")
    folder = tmp_path / "plain"
    folder.mkdir()
    with pytest.raises(SourceError, match="holds no e-mail or mailbox files"):
        import_path(store, folder)
    bad = tmp_path / "bad.json"
    bad.write_text("{{{{", encoding="utf-8")
    with pytest.raises(SourceError, match="not valid JSON"):
        import_path(store, bad)
