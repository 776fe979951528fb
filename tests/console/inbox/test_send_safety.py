"""Sending safely: the language a reply went out in, delivery states, undo, retry."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from factories import MessageFactory
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "channels"))

from mailservers import Capture, smtp_server

from console.channels.outbox import SmtpSettings, retry, send_pending
from console.inbox.commands import (
    UNDO_TOO_LATE,
    Composed,
    schedule_reply,
    send_reply,
    undo_reply,
)
from console.inbox.ingest import ingest
from console.inbox.outgoing import (
    FAILED,
    HELD,
    NO_MAIL_SERVER,
    QUEUED,
    SCHEDULED,
    SENT,
    UNDELIVERABLE,
)
from console.inbox.queries import conversation_detail
from console.problems import ProblemError
from console.store import Store
from console.store.channel_tables import ChannelConfig, ChannelOutboxEntry
from console.store.models import Conversation, ConversationStatus, Direction, Message


@pytest.fixture
def store(any_store: Store) -> Store:
    """Every test here runs on SQLite and on PostgreSQL."""
    return any_store


@pytest.fixture
def smtp() -> Iterator[tuple[Capture, int]]:
    with smtp_server() as server:
        yield server


def _conversation(store: Store, message: MessageFactory, language: str = "de") -> int:
    ingest(store, [message("Wo bleibt meine Bestellung?", language=language, country="DE")])
    with store.session() as session:
        return session.scalars(select(Conversation.id)).one()


def _add_smtp(store: Store, port: int) -> SmtpSettings:
    with store.session() as session:
        session.add(
            ChannelConfig(
                name="mail out",
                kind="smtp",
                settings={"host": "127.0.0.1", "port": port, "from_address": "s@shop.example"},
            )
        )
    return SmtpSettings("127.0.0.1", port, "s@shop.example", security="none")


def _last_delivery(store: Store, conversation_id: int) -> object:
    with store.session() as session:
        detail = conversation_detail(session, conversation_id)
    assert detail is not None
    return detail.messages[-1].delivery


def test_a_reply_sent_untranslated_is_labelled_with_the_agents_language(
    store: Store, message: MessageFactory
) -> None:
    conversation_id = _conversation(store, message)
    with store.session() as session:
        anyway = send_reply(session, conversation_id, "Sorry for the wait.", agent_id=None,
                            language="en")  # fmt: skip
        translated = send_reply(
            session,
            conversation_id,
            "Entschuldigung für die Wartezeit.",
            agent_id=None,
            composed=Composed("Sorry for the wait.", "en"),
            language="de",
        )
        plain = send_reply(session, conversation_id, "Danke!", agent_id=None)
    with store.session() as session:
        labels = {
            m.id: (m.language, m.composed_language)
            for m in session.scalars(select(Message).where(Message.direction == Direction.OUTBOUND))
        }
    assert labels[anyway] == ("en", None)
    assert labels[translated] == ("de", "en")
    assert labels[plain] == ("de", None)  # no language given: the conversation's


def test_with_no_mail_server_the_reply_and_the_conversation_say_nothing_can_deliver(
    store: Store, message: MessageFactory
) -> None:
    conversation_id = _conversation(store, message)
    with store.session() as session:
        send_reply(session, conversation_id, "Hallo", agent_id=None)
    with store.session() as session:
        detail = conversation_detail(session, conversation_id)
    assert detail is not None
    assert detail.delivery_problem is not None and detail.delivery_problem.code == NO_MAIL_SERVER
    delivery = detail.messages[-1].delivery
    assert delivery is not None and delivery.state == UNDELIVERABLE
    assert delivery.problem is not None and "No channel can deliver" in delivery.problem.text
    assert detail.messages[0].delivery is None  # the customer's message is not on its way out


def test_states_follow_the_outbox_queued_sent_failed_and_retry(
    store: Store, message: MessageFactory, smtp: tuple[Capture, int]
) -> None:
    handler, port = smtp
    conversation_id = _conversation(store, message)
    settings = _add_smtp(store, port)
    with store.session() as session:
        send_reply(session, conversation_id, "Erste Antwort", agent_id=None)
        assert conversation_detail(session, conversation_id).delivery_problem is None  # type: ignore[union-attr]
    delivery = _last_delivery(store, conversation_id)
    assert getattr(delivery, "state", None) == QUEUED
    assert send_pending(store, settings).sent == 1
    delivery = _last_delivery(store, conversation_id)
    assert getattr(delivery, "state", None) == SENT and getattr(delivery, "at", None) is not None

    handler.refuse = 550
    with store.session() as session:
        send_reply(session, conversation_id, "Zweite Antwort", agent_id=None)
    assert send_pending(store, settings).failed == 1
    delivery = _last_delivery(store, conversation_id)
    assert getattr(delivery, "state", None) == FAILED
    assert "550" in str(getattr(delivery, "reason", ""))
    with store.session() as session:
        retry(session, getattr(delivery, "entry_id"), actor="Chen Jing")  # noqa: B009
    delivery = _last_delivery(store, conversation_id)
    assert getattr(delivery, "state", None) == QUEUED
    handler.refuse = None
    assert send_pending(store, settings).sent == 1
    assert getattr(_last_delivery(store, conversation_id), "state", None) == SENT


def test_a_scheduled_reply_shows_when_it_leaves(store: Store, message: MessageFactory) -> None:
    conversation_id = _conversation(store, message)
    when = datetime.now(UTC) + timedelta(hours=5)
    with store.session() as session:
        schedule_reply(session, conversation_id, "Morgen", agent_id=None, send_at=when)
    delivery = _last_delivery(store, conversation_id)
    assert getattr(delivery, "state", None) == SCHEDULED
    assert getattr(delivery, "at", None) == when


def test_the_outbox_waits_out_the_undo_window_and_undo_takes_the_reply_back(
    store: Store, message: MessageFactory, smtp: tuple[Capture, int]
) -> None:
    handler, port = smtp
    conversation_id = _conversation(store, message)
    settings = _add_smtp(store, port)
    with store.session() as session:
        before = session.get(Conversation, conversation_id)
        assert before is not None
        status, count, preview = before.status, before.message_count, before.preview
        message_id = send_reply(
            session,
            conversation_id,
            "Entschuldigung",
            agent_id=None,
            composed=Composed("Sorry", "en"),
            language="de",
            undo_seconds=30,
        )
    with store.session() as session:
        detail = conversation_detail(session, conversation_id)
    assert detail is not None
    assert detail.messages[-1].delivery is not None
    assert detail.messages[-1].delivery.state == HELD
    assert detail.messages[-1].scheduled_for is None  # a hold, not a schedule
    assert send_pending(store, settings).sent == 0
    assert handler.received == []
    with store.session() as session:
        assert undo_reply(session, message_id, actor="Chen Jing") == "Sorry"
    with store.session() as session:
        after = session.get(Conversation, conversation_id)
        assert after is not None
        assert (after.status, after.message_count, after.preview) == (status, count, preview)
        assert after.awaiting_reply is True
        assert session.get(Message, message_id) is None
        assert session.scalars(select(ChannelOutboxEntry)).all() == []
    assert send_pending(store, settings).sent == 0 and handler.received == []


def test_after_the_undo_window_the_reply_leaves_and_cannot_be_undone(
    store: Store, message: MessageFactory, smtp: tuple[Capture, int]
) -> None:
    handler, port = smtp
    conversation_id = _conversation(store, message)
    settings = _add_smtp(store, port)
    with store.session() as session:
        message_id = send_reply(session, conversation_id, "Hallo", agent_id=None, undo_seconds=0.3)
    time.sleep(0.4)
    with store.session() as session, pytest.raises(ProblemError) as raised:
        undo_reply(session, message_id, actor="Chen Jing")
    assert raised.value.problem.code == UNDO_TOO_LATE
    assert send_pending(store, settings).sent == 1
    assert len(handler.received) == 1
    with store.session() as session:
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None and conversation.status is ConversationStatus.PENDING
