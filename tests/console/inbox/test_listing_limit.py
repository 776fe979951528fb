"""The inbox lists a bounded number of conversations for any filter, and counts its views
in one query up to a cap: what a page costs does not grow with the store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from factories import MessageFactory
from sqlalchemy import event, func, select

from console.inbox import pages, queries
from console.inbox.commands import assign, set_statuses, snooze
from console.inbox.ingest import ingest
from console.inbox.pages import listing
from console.inbox.queries import (
    InboxFilter,
    InboxSort,
    InboxView,
    _view_conditions,
    conversation_ids,
    view_counts,
)
from console.store import Store
from console.store.models import Agent, Conversation, ConversationStatus

BOUND = 3


@pytest.fixture
def store(any_store: Store) -> Store:
    """Every test here runs on SQLite and on PostgreSQL."""
    return any_store


def _conversations(store: Store, message: MessageFactory, count: int) -> None:
    """``count`` conversations, customer n's last written at minute n (the newest last)."""
    ingest(
        store,
        [
            message(f"hello {n}", address=f"c{n}@example.com", name=f"{chr(90 - n)} {n}", minutes=n)
            for n in range(count)
        ],
    )


def test_an_unsearched_listing_holds_the_bound_and_one_more_newest_first(
    store: Store, message: MessageFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages, "SEARCH_RESULTS", BOUND)
    _conversations(store, message, 7)
    with store.session() as session:
        newest_first = list(
            session.scalars(
                select(Conversation.id).order_by(
                    Conversation.last_activity_at.desc(), Conversation.id.desc()
                )
            )
        )
        found = listing(session, InboxFilter(), page_size=2)
        assert found.ids == newest_first[: BOUND + 1]
        assert sorted(found.first_page.rows) == sorted(newest_first[:2])
        # Oldest first, and by another sort: the limit applies after the order.
        oldest = listing(session, InboxFilter(descending=False), page_size=2)
        assert oldest.ids == newest_first[::-1][: BOUND + 1]
        by_name = InboxFilter(sort=InboxSort.CUSTOMER, descending=False)
        assert listing(session, by_name, 2).ids == conversation_ids(session, by_name)[: BOUND + 1]
        # A view's filter first, then the bound.
        unassigned = InboxFilter(view=InboxView.UNASSIGNED)
        assert listing(session, unassigned, 2).ids == newest_first[: BOUND + 1]
        # Within the bound the whole list, with no extra id.
        assert len(listing(session, InboxFilter(only_ids=tuple(newest_first[:2])), 2).ids) == 2


def test_view_counts_are_the_counts_of_each_view_in_one_query(
    store: Store, message: MessageFactory
) -> None:
    _conversations(store, message, 8)
    with store.session() as session:
        mei, bo = Agent(name="Mei"), Agent(name="Bo")
        session.add_all([mei, bo])
        session.flush()
        ids = conversation_ids(session, InboxFilter(descending=False))
        assign(session, ids[:3], mei.id, actor="test")
        assign(session, ids[3:4], bo.id, actor="test")
        set_statuses(session, [ids[1], ids[5]], ConversationStatus.RESOLVED, actor="test")
        snooze(session, [ids[2], ids[6]], datetime.now(UTC) + timedelta(days=1), actor="test")
        agents = (mei.id, bo.id)
    with store.session() as session:
        statements: list[str] = []

        def count(*args: object) -> None:
            statements.append(str(args[2]))

        for agent_id in (*agents, None):
            expected = {}
            for view in InboxView:
                query = select(func.count()).select_from(Conversation)
                query = query.where(*_view_conditions(view, agent_id))
                if view is not InboxView.SNOOZED:
                    query = query.where(Conversation.status != ConversationStatus.RESOLVED)
                expected[view] = session.scalar(query)
            statements.clear()
            event.listen(store.engine, "before_cursor_execute", count)
            try:
                counts = view_counts(session, agent_id)
            finally:
                event.remove(store.engine, "before_cursor_execute", count)
            assert counts == expected
            assert len(statements) == 1
        assert view_counts(session, agents[0]) == {
            InboxView.MINE: 1,  # ids[0]; ids[1] is resolved, ids[2] snoozed
            InboxView.UNASSIGNED: 2,  # ids[4], ids[7]; ids[5] is resolved
            InboxView.ALL: 4,  # ids[0], ids[3], ids[4], ids[7]
            InboxView.SNOOZED: 2,  # ids[2], ids[6]: whoever has them
        }


def test_view_counts_stop_one_past_the_cap(
    store: Store, message: MessageFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    _conversations(store, message, 6)
    monkeypatch.setattr(queries, "VIEW_COUNT_CAP", 2)
    with store.session() as session:
        mei = Agent(name="Mei")
        session.add(mei)
        session.flush()
        ids = conversation_ids(session, InboxFilter(descending=False))
        assign(session, ids[:2], mei.id, actor="test")
        snooze(session, ids[5:], datetime.now(UTC) + timedelta(days=1), actor="test")
        counts = view_counts(session, mei.id)
    assert counts == {
        InboxView.MINE: 2,  # exactly the cap: told as it is
        InboxView.UNASSIGNED: 3,  # 3 of them: one past the cap, "more than 2"
        InboxView.ALL: 3,  # 5 of them
        InboxView.SNOOZED: 1,
    }
