"""No lost updates, no crossed replies, and who else is there: on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from factories import MessageFactory
from sqlalchemy import func, select

from console.inbox import commands, presence
from console.inbox.collisions import ChangedMeanwhile, ReplyCrossed
from console.inbox.ingest import ingest
from console.problems import problem
from console.store import Store
from console.store.models import Agent, Conversation, ConversationStatus, Message, Priority


def _setup(store: Store, message: MessageFactory) -> tuple[int, int, int]:
    """A conversation with one customer message, and two agents (Wang Fang, Li Lei)."""
    ingest(store, [message("Wo ist meine Bestellung?", language="de", subject="Bestellung")])
    with store.session() as session:
        wang, li = Agent(name="Wang Fang"), Agent(name="Li Lei")
        session.add_all([wang, li])
        session.flush()
        return session.scalars(select(Conversation.id)).one(), wang.id, li.id


def _version(store: Store, conversation_id: int) -> int:
    with store.session() as session:
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None
        return conversation.version


def _last_message(store: Store, conversation_id: int) -> int:
    with store.session() as session:
        newest = session.scalar(
            select(func.max(Message.id)).where(Message.conversation_id == conversation_id)
        )
        assert newest is not None
        return newest


def test_every_change_raises_the_version(any_store: Store, message: MessageFactory) -> None:
    conversation_id, wang, _li = _setup(any_store, message)
    first = _version(any_store, conversation_id)
    with any_store.session() as session:
        commands.set_priority(session, [conversation_id], Priority.HIGH, actor="Wang Fang")
    second = _version(any_store, conversation_id)
    with any_store.session() as session:
        commands.send_reply(session, conversation_id, "Kommt morgen.", agent_id=wang)
    third = _version(any_store, conversation_id)
    ingest(any_store, [message("Danke!", language="de", subject="Bestellung")])
    assert first < second < third < _version(any_store, conversation_id)


def test_a_change_on_a_stale_version_is_refused_and_names_who(
    any_store: Store, message: MessageFactory
) -> None:
    conversation_id, wang, li = _setup(any_store, message)
    seen = _version(any_store, conversation_id)  # both open it
    with any_store.session() as session:
        commands.assign(
            session, [conversation_id], wang, actor="Wang Fang", versions={conversation_id: seen}
        )
    with pytest.raises(ChangedMeanwhile) as refused, any_store.session() as session:
        commands.set_statuses(
            session,
            [conversation_id],
            ConversationStatus.RESOLVED,
            actor="Li Lei",
            versions={conversation_id: seen},
        )
    assert refused.value.problem == problem("conversation.changed_meanwhile", name="Wang Fang")
    assert "Wang Fang changed this conversation after you opened it" in str(refused.value)
    with any_store.session() as session:
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None
        assert conversation.status is ConversationStatus.OPEN  # nothing written
        assert conversation.assignee_id == wang
    # Reloaded, Li Lei's change on the fresh version goes through.
    fresh = {conversation_id: _version(any_store, conversation_id)}
    with any_store.session() as session:
        commands.snooze(
            session,
            [conversation_id],
            datetime.now(UTC) + timedelta(hours=1),
            actor="Li Lei",
            versions=fresh,
        )
    with pytest.raises(ChangedMeanwhile), any_store.session() as session:
        commands.set_priority(  # the snooze made a new version: this one is stale now
            session, [conversation_id], Priority.URGENT, actor="Li Lei", versions=fresh
        )
    fresh = {conversation_id: _version(any_store, conversation_id)}
    with any_store.session() as session:
        commands.set_priority(
            session, [conversation_id], Priority.URGENT, actor="Li Lei", versions=fresh
        )
    with any_store.session() as session:
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None and conversation.priority == Priority.URGENT
        assert conversation.snoozed_until is not None
    assert li


def test_a_reply_after_another_agents_reply_is_held(
    any_store: Store, message: MessageFactory
) -> None:
    conversation_id, wang, li = _setup(any_store, message)
    seen = _last_message(any_store, conversation_id)
    with any_store.session() as session:
        theirs = commands.send_reply(
            session, conversation_id, "Wir prüfen das.", agent_id=wang, seen_message_id=seen
        )
    with pytest.raises(ReplyCrossed) as held, any_store.session() as session:
        commands.send_reply(
            session, conversation_id, "Ich schaue nach.", agent_id=li, seen_message_id=seen
        )
    assert [(r.message_id, r.author, r.text) for r in held.value.replies] == [
        (theirs, "Wang Fang", "Wir prüfen das.")
    ]
    assert held.value.problem.code == "send.reply_crossed"
    with any_store.session() as session:
        texts = session.scalars(
            select(Message.text).where(Message.conversation_id == conversation_id)
        ).all()
    assert "Ich schaue nach." not in texts
    # One's own replies never hold one back.
    with any_store.session() as session:
        also = commands.send_reply(
            session, conversation_id, "Noch etwas.", agent_id=wang, seen_message_id=seen
        )
    # Having seen them (the thread reloaded), Li Lei's reply goes.
    with any_store.session() as session:
        commands.send_reply(
            session, conversation_id, "Ich schaue nach.", agent_id=li, seen_message_id=also
        )


def test_two_seats_sending_at_the_same_moment_only_one_passes(
    pg_store: Store, message: MessageFactory
) -> None:
    """Two connections, two threads, both having seen the same message: the conversation
    row lock makes the second wait for the first and then see its reply."""
    conversation_id, wang, li = _setup(pg_store, message)
    seen = _last_message(pg_store, conversation_id)
    start = threading.Barrier(2)
    outcomes: dict[int, str] = {}

    def seat(agent_id: int) -> None:
        start.wait()
        try:
            with pg_store.session() as session:
                commands.send_reply(
                    session, conversation_id, f"reply {agent_id}", agent_id=agent_id,
                    seen_message_id=seen,
                )  # fmt: skip
                session.flush()
                time.sleep(0.3)  # still inside the transaction: without the lock both pass
            outcomes[agent_id] = "sent"
        except ReplyCrossed:
            outcomes[agent_id] = "held"

    threads = [threading.Thread(target=seat, args=(agent,)) for agent in (wang, li)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes.values()) == ["held", "sent"]
    with pg_store.session() as session:
        replies = session.scalar(
            select(func.count()).where(
                Message.conversation_id == conversation_id, Message.text.like("reply %")
            )
        )
    assert replies == 1


def test_presence_shows_others_and_expires(any_store: Store, message: MessageFactory) -> None:
    conversation_id, wang, li = _setup(any_store, message)
    now = datetime.now(UTC)
    with any_store.session() as session:
        assert presence.announce(session, "seat-a", conversation_id, person_id=wang, now=now) == {
            conversation_id
        }
        presence.announce(session, "seat-b", conversation_id, person_id=li, writing=True, now=now)
        presence.announce(session, "seat-c", conversation_id, person_id=None, now=now)
    with any_store.session() as session:
        seen_by_a = presence.present(session, conversation_id, seat="seat-a", person_id=wang)
    assert seen_by_a == [
        presence.Present(li, "Li Lei", writing=True),
        presence.Present(None, None, writing=False),
    ]
    later = now + presence.EXPIRY + timedelta(seconds=1)
    with any_store.session() as session:  # only seat a kept its heartbeat
        changed = presence.announce(session, "seat-a", conversation_id, person_id=wang, now=later)
        assert changed == {conversation_id}  # the others expired
        assert presence.present(session, conversation_id, seat="seat-a", now=later) == []
    with any_store.session() as session:  # seat a closes it: Li's view is empty too
        assert presence.announce(session, "seat-a", None, person_id=wang, now=later) == {
            conversation_id
        }
        assert presence.present(session, conversation_id, seat="seat-b", now=later) == []
