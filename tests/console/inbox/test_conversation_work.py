"""Status, snooze, priority, assignment and drafts: the agent's day in the core."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from factories import MessageFactory
from sqlalchemy import select

from console.inbox.commands import (
    CommandError,
    assign,
    send_reply,
    set_priority,
    set_statuses,
    snooze,
    wake_snoozed,
)
from console.inbox.drafts import load_draft, save_draft
from console.inbox.ingest import ingest
from console.inbox.queries import (
    NOBODY,
    InboxFilter,
    InboxView,
    conversation_ids,
    inbox_rows,
    view_counts,
)
from console.store import Store
from console.store.models import Agent, AuditEntry, ConversationStatus, Priority


@pytest.fixture
def store(any_store: Store) -> Store:
    """Every test here runs on SQLite and on PostgreSQL."""
    return any_store


def _two_conversations(store: Store, message: MessageFactory) -> tuple[int, int, int]:
    ingest(store, [message(address="ana@example.com"), message(address="bo@example.com")])
    with store.session() as session:
        agent = Agent(name="Mei")
        session.add(agent)
        session.flush()
        ana, bo = sorted(conversation_ids(session, InboxFilter()))  # in arrival order
        return ana, bo, agent.id


def test_resolve_and_reopen_many_at_once_are_audited(store: Store, message: MessageFactory) -> None:
    first, second, _ = _two_conversations(store, message)
    with store.session() as session:
        changed = set_statuses(session, [first, second], ConversationStatus.RESOLVED, actor="Mei")
        assert sorted(changed) == sorted([first, second])
        # Resolving again changes nothing and writes no audit entry.
        assert set_statuses(session, [first], ConversationStatus.RESOLVED, actor="Mei") == []
    with store.session() as session:
        set_statuses(session, [first], ConversationStatus.OPEN, actor="Mei")
        rows = inbox_rows(session, [first, second])
        assert rows[first].status is ConversationStatus.OPEN
        assert rows[second].status is ConversationStatus.RESOLVED
        actors = session.scalars(
            select(AuditEntry.actor).where(AuditEntry.action == "set_status")
        ).all()
        assert actors == ["Mei", "Mei", "Mei"]


def test_a_new_message_reopens_a_resolved_or_waiting_conversation(
    store: Store, message: MessageFactory
) -> None:
    first, second, _ = _two_conversations(store, message)
    with store.session() as session:
        set_statuses(session, [first], ConversationStatus.RESOLVED, actor="Mei")
        set_statuses(session, [second], ConversationStatus.PENDING, actor="Mei")
    ingest(store, [message(address="ana@example.com"), message(address="bo@example.com")])
    with store.session() as session:
        rows = inbox_rows(session, [first, second])
    assert rows[first].status is ConversationStatus.OPEN
    assert rows[second].status is ConversationStatus.OPEN


def test_a_snoozed_conversation_leaves_the_views_until_it_is_due(
    store: Store, message: MessageFactory
) -> None:
    first, second, _ = _two_conversations(store, message)
    soon = datetime.now(UTC) + timedelta(hours=2)
    with store.session() as session:
        assert snooze(session, [first], soon, actor="Mei") == [first]
    with store.session() as session:
        assert conversation_ids(session, InboxFilter()) == [second]
        assert conversation_ids(session, InboxFilter(view=InboxView.SNOOZED)) == [first]
        assert view_counts(session, None)[InboxView.SNOOZED] == 1
        assert wake_snoozed(session) == []  # not due yet
        assert wake_snoozed(session, now=soon + timedelta(seconds=1)) == [first]
    with store.session() as session:
        assert sorted(conversation_ids(session, InboxFilter())) == sorted([first, second])
        assert inbox_rows(session, [first])[first].status is ConversationStatus.OPEN


def test_the_customer_writing_ends_a_snooze_at_once(store: Store, message: MessageFactory) -> None:
    first, _, _ = _two_conversations(store, message)
    with store.session() as session:
        snooze(session, [first], datetime.now(UTC) + timedelta(days=3), actor="Mei")
    ingest(store, [message(address="ana@example.com", text="any news?")])
    with store.session() as session:
        assert first in conversation_ids(session, InboxFilter())
        assert inbox_rows(session, [first])[first].snoozed_until is None


def test_a_snooze_must_end_in_the_future(store: Store, message: MessageFactory) -> None:
    first, _, _ = _two_conversations(store, message)
    with store.session() as session, pytest.raises(CommandError):
        snooze(session, [first], datetime.now(UTC) - timedelta(minutes=1), actor="Mei")


def test_assignment_drives_mine_unassigned_and_counts(
    store: Store, message: MessageFactory
) -> None:
    first, second, mei = _two_conversations(store, message)
    with store.session() as session:
        assert assign(session, [first], mei, actor="Lead") == [first]
    with store.session() as session:
        mine = InboxFilter(view=InboxView.MINE, agent_id=mei)
        assert conversation_ids(session, mine) == [first]
        assert conversation_ids(session, InboxFilter(view=InboxView.UNASSIGNED)) == [second]
        assert conversation_ids(session, InboxFilter(assignee_id=NOBODY)) == [second]
        assert conversation_ids(session, InboxFilter(assignee_id=mei)) == [first]
        assert conversation_ids(session, InboxFilter(view=InboxView.MINE)) == []  # no agent
        counts = view_counts(session, mei)
        assert counts[InboxView.MINE] == 1
        assert counts[InboxView.UNASSIGNED] == 1
        assert counts[InboxView.ALL] == 2
        assert inbox_rows(session, [first])[first].assignee_name == "Mei"
        assign(session, [first], None, actor="Lead")
    with store.session() as session:
        assert view_counts(session, mei)[InboxView.MINE] == 0
        assert session.scalars(
            select(AuditEntry.action).where(AuditEntry.entity_id == first)
        ).all()[-2:] == ["assign", "unassign"]


def test_assigning_to_an_agent_who_is_gone_is_refused(
    store: Store, message: MessageFactory
) -> None:
    first, _, _ = _two_conversations(store, message)
    with store.session() as session, pytest.raises(CommandError):
        assign(session, [first], 9999, actor="Lead")


def test_priority_changes_are_audited(store: Store, message: MessageFactory) -> None:
    first, _, _ = _two_conversations(store, message)
    with store.session() as session:
        assert set_priority(session, [first], Priority.URGENT, actor="Mei") == [first]
        assert set_priority(session, [first], Priority.URGENT, actor="Mei") == []
    with store.session() as session:
        assert inbox_rows(session, [first])[first].priority is Priority.URGENT


def test_each_conversation_keeps_its_own_draft_until_the_reply_is_sent(
    store: Store, message: MessageFactory
) -> None:
    first, second, mei = _two_conversations(store, message)
    with store.session() as session:
        assert save_draft(session, first, mei, "Hola Ana", "Hola Ana (es)")
        assert save_draft(session, second, None, "Hi Bo")
    with store.session() as session:
        draft = load_draft(session, first, mei)
        assert draft is not None and draft.text == "Hola Ana"
        assert draft.outgoing_text == "Hola Ana (es)"
        assert load_draft(session, first, None) is None  # another seat's owner
        rows = inbox_rows(session, [first, second])
        assert rows[first].has_draft and rows[second].has_draft
        send_reply(session, first, "Hola Ana", agent_id=mei)
    with store.session() as session:
        assert load_draft(session, first, mei) is None
        assert not save_draft(session, second, None, "   ")  # emptied: gone
        assert load_draft(session, second, None) is None
