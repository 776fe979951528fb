"""Replies over SMTP against a real (in-process aiosmtpd) server, and the outbox's promises."""

from __future__ import annotations

import ssl
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aiosmtpd.controller import Controller
from corpus import mail, write_maildir
from mailservers import Capture, free_port
from sqlalchemy import select, update

from console.channels.importer import import_path
from console.channels.outbox import (
    INTERRUPTED,
    SmtpSettings,
    export_outbox,
    outbox_items,
    retry,
    send_pending,
)
from console.inbox.commands import schedule_reply, send_reply
from console.inbox.ingest import ingest
from console.inbox.outgoing import enqueue_reply
from console.store import Store
from console.store.channel_tables import ChannelOutboxEntry
from console.store.coverage_tables import ScheduledSend
from console.store.models import ChannelKind, Conversation


def _thread_with_reply(store: Store, tmp_path: Path, text: str) -> int:
    box = write_maildir(
        tmp_path / "Mail",
        {
            "1": mail(1, subject="Refund for order A-1", message_id="<root@customer>"),
            "2": mail(
                2, subject="Re: Refund", message_id="<second@customer>", in_reply_to="root@customer"
            ),
        },
    )
    import_path(store, box)
    with store.session() as session:
        conversation_id = session.scalars(select(Conversation.id)).one()
        message_id = send_reply(session, conversation_id, text, agent_id=None)
        return enqueue_reply(session, message_id, domain="shop.example")


def test_reply_threads_and_encodes_cjk_and_rtl(
    store: Store, tmp_path: Path, smtp: tuple[Capture, int]
) -> None:
    handler, port = smtp
    text = "您好，退款已处理。\nمرحبا، تم رد المبلغ.\nשלום"
    _thread_with_reply(store, tmp_path, text)
    settings = SmtpSettings("127.0.0.1", port, "support@shop.example", "Shop 客服", security="none")
    assert send_pending(store, settings).sent == 1
    (email,) = handler.received
    assert handler.raw[0].isascii()  # non-ASCII travels as encoded words and base64
    assert b"=?utf-8?" in handler.raw[0]
    assert email["In-Reply-To"] == "<second@customer>"
    assert email["References"] == "<root@customer> <second@customer>"
    assert email["To"].addresses[0].addr_spec == "ana@example.com"
    assert str(email["From"]) == "Shop 客服 <support@shop.example>"
    assert email["Subject"].startswith("Re: Refund")
    assert email.get_content().replace("\r\n", "\n").strip() == text
    # Sent once: a second run sends nothing.
    assert send_pending(store, settings).sent == 0
    assert len(handler.received) == 1
    with store.session() as session:
        (item,) = outbox_items(session)
        assert item.state == "sent" and item.sent_at is not None


def test_offline_then_back_and_failures_stay_visible(
    store: Store, tmp_path: Path, smtp: tuple[Capture, int]
) -> None:
    handler, port = smtp
    entry_id = _thread_with_reply(store, tmp_path, "hello")
    offline = SmtpSettings("127.0.0.1", free_port(), "support@shop.example", security="none")
    assert send_pending(store, offline).waiting == 1
    with store.session() as session:
        (item,) = outbox_items(session)
        assert item.state == "pending" and "cannot be reached" in item.last_error
    online = SmtpSettings("127.0.0.1", port, "support@shop.example", security="none")
    handler.refuse = 550
    assert send_pending(store, online).failed == 1
    with store.session() as session:
        (item,) = outbox_items(session)
        assert item.state == "failed" and "550" in item.last_error
        retry(session, entry_id, actor="agent")
    handler.refuse = None
    assert send_pending(store, online).sent == 1
    assert len(handler.received) == 1


def test_a_send_interrupted_by_a_crash_is_not_resent_automatically(
    store: Store, tmp_path: Path, smtp: tuple[Capture, int]
) -> None:
    handler, port = smtp
    entry_id = _thread_with_reply(store, tmp_path, "hello")
    with store.session() as session:  # what a crash between "sending" and "sent" leaves
        entry = session.get(ChannelOutboxEntry, entry_id)
        assert entry is not None
        entry.state = "sending"
    settings = SmtpSettings("127.0.0.1", port, "support@shop.example", security="none")
    assert send_pending(store, settings).sent == 0
    assert handler.received == []
    with store.session() as session:
        (item,) = outbox_items(session)
        assert (item.state, item.last_error) == ("failed", INTERRUPTED)


def test_starttls_with_a_self_signed_certificate(store: Store, tmp_path: Path) -> None:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    handler = Capture()
    port = free_port()
    controller = Controller(
        handler, hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True
    )
    controller.start()
    try:
        _thread_with_reply(store, tmp_path, "over TLS")
        plain = SmtpSettings("127.0.0.1", port, "support@shop.example", security="none")
        assert send_pending(store, plain).sent == 0  # the server insists on STARTTLS
        with store.session() as session:
            for entry in session.scalars(select(ChannelOutboxEntry)):
                entry.state = "pending"
        secure = SmtpSettings(
            "127.0.0.1", port, "support@shop.example", security="starttls", ca_file=str(cert)
        )
        assert send_pending(store, secure).sent == 1
        assert handler.received[0].get_content().strip() == "over TLS"
    finally:
        controller.stop()


def test_replies_on_other_channels_go_to_an_export(
    store: Store, tmp_path: Path, message: object
) -> None:
    from factories import MessageFactory

    assert callable(message)
    make: MessageFactory = message
    ingest(store, [make("hola", channel=ChannelKind.CHAT, address="visitor-9")])
    with store.session() as session:
        conversation_id = session.scalars(select(Conversation.id)).one()
        enqueue_reply(session, send_reply(session, conversation_id, "¡hola!", agent_id=None))
    out = tmp_path / "chat-outbox.jsonl"
    with store.session() as session:
        assert export_outbox(session, ChannelKind.CHAT, out, actor="agent") == 1
        assert export_outbox(session, ChannelKind.CHAT, out, actor="agent") == 0
    assert '"to": "visitor-9"' in out.read_text(encoding="utf-8")
    assert "¡hola!" in out.read_text(encoding="utf-8")


def test_a_scheduled_reply_waits_until_its_time(
    store: Store, tmp_path: Path, smtp: tuple[Capture, int]
) -> None:
    """'Send at their 09:00': queued at once, sent only once the time has come."""
    handler, port = smtp
    _thread_with_reply(store, tmp_path, "sent now")
    with store.session() as session:
        conversation_id = session.scalars(select(Conversation.id)).one()
        later = schedule_reply(
            session,
            conversation_id,
            "wait for their morning",
            agent_id=None,
            send_at=datetime.now(UTC) + timedelta(hours=3),
        )
    settings = SmtpSettings("127.0.0.1", port, "support@shop.example", "Shop", security="none")
    assert send_pending(store, settings).sent == 1  # only the immediate reply
    assert [m.get_content().strip() for m in handler.received] == ["sent now"]
    with store.session() as session:
        session.execute(
            update(ScheduledSend)
            .where(ScheduledSend.message_id == later)
            .values(send_at=datetime.now(UTC) - timedelta(minutes=1))
        )
    assert send_pending(store, settings).sent == 1
    assert handler.received[-1].get_content().strip() == "wait for their morning"
    with store.session() as session:
        assert session.get(ScheduledSend, later).state == "sent"  # type: ignore[union-attr]
