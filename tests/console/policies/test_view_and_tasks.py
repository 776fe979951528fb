"""Rules for a conversation's customer, dates worked out, tasks and reply variables."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from policy_test_helpers import add_agent, add_conversation
from sqlalchemy import select

from console.policies import (
    RequestKind,
    TaskError,
    complete_task,
    conversation_tasks,
    ensure_seed_pack,
    market_code_for,
    market_rules,
    open_task,
    overdue_conversation_ids,
    overdue_task_ids_query,
    overdue_tasks,
    policy_view,
    render_reply,
    save_market,
)
from console.store import Store
from console.store.models import AgentRole, Conversation, Message

SENT = datetime(2026, 12, 11, 23, 30, tzinfo=UTC)  # 12 Dec in Berlin, 11 Dec in California
NOW = datetime(2026, 12, 14, 9, 0, tzinfo=UTC)


def _de(store: Store, text: str = "Ich möchte die Bestellung zurücksenden (Widerruf).") -> int:
    return add_conversation(
        store,
        text=text,
        sent_at=SENT,
        country="DE",
        time_zone="Europe/Berlin",
        locale="de_DE",
        language="de",
        address="lena@example.de",
        name="Lena Müller",
    )


def _ca(store: Store, text: str = "Please delete my account and all my personal data.") -> int:
    return add_conversation(
        store,
        text=text,
        sent_at=SENT,
        country="US",
        region="California",
        time_zone="America/Los_Angeles",
        locale="en_US",
        language="en",
        address="sam@example.com",
        name="Sam Rivera",
    )


def test_market_for_a_customer_prefers_the_region(store: Store) -> None:
    with store.session() as session:
        ensure_seed_pack(session)
        assert market_code_for(session, "US", "California") == "US-CA"
        assert market_code_for(session, "US", "CA") == "US-CA"
        assert market_code_for(session, "US", "Texas") == "US"
        assert market_code_for(session, "UK", None) == "GB"
        assert market_code_for(session, "de", "Bayern") == "DE"
        assert market_code_for(session, "ZZ", None) is None
        assert market_code_for(session, None, None) is None


def test_german_view_has_the_dates_worked_out(store: Store) -> None:
    conversation = _de(store)
    with store.session() as session:
        view = policy_view(session, conversation, now=NOW)
    assert view is not None
    assert view.market_code == "DE" and view.customer_zone == "Europe/Berlin"
    assert view.withdrawal_deadline is not None
    assert view.withdrawal_deadline.last_day == date(2026, 12, 28)  # holiday + Sunday roll
    assert view.withdrawal_days_left == 14
    assert view.delivery_assumed
    assert view.refund_deadline is not None and view.refund_deadline.last_day == date(2026, 12, 26)
    assert view.data_request_deadline is not None
    assert view.data_request_deadline.last_day == date(2027, 1, 12)
    assert view.data_request_extended_day == "Mar 12, 2027"
    assert view.detected == (RequestKind.WITHDRAWAL,)
    assert [offer.kind for offer in view.offers] == [RequestKind.WITHDRAWAL]
    assert view.variables["withdrawal_deadline"] == "28. Dezember 2026"
    assert view.variables["withdrawal_days"] == "14"


def test_a_known_delivery_date_is_used(store: Store) -> None:
    conversation = _de(store)
    delivered = datetime(2026, 12, 1, 10, tzinfo=UTC)
    with store.session() as session:
        view = policy_view(session, conversation, delivered_at=delivered, now=NOW)
    assert view is not None and not view.delivery_assumed
    assert view.withdrawal_deadline is not None
    assert view.withdrawal_deadline.last_day == date(2026, 12, 15)
    assert view.withdrawal_days_left == 1


def test_store_goodwill_window_extends_the_deadline(store: Store) -> None:
    conversation = _de(store)
    officer = add_agent(store, "Clara", AgentRole.COMPLIANCE)
    with store.session() as session:
        ensure_seed_pack(session)
        rules = market_rules(session, "DE")
        assert rules is not None
        data = rules.data
        data["store_policy"]["return_window_days"] = 30
        save_market(session, officer, data, reason="30-day goodwill returns")
    with store.session() as session:
        view = policy_view(session, conversation, now=NOW)
    assert view is not None and view.withdrawal_deadline is not None
    assert view.withdrawal_deadline.last_day == date(2027, 1, 11)
    assert view.store_return_days == 30
    assert view.variables["return_window_days"] == "30"


def test_californian_view(store: Store) -> None:
    conversation = _ca(store)
    with store.session() as session:
        view = policy_view(session, conversation, now=NOW)
    assert view is not None and view.market_code == "US-CA"
    assert not view.withdrawal_applies and view.withdrawal_deadline is None
    assert view.data_request_deadline is not None
    assert view.data_request_deadline.last_day == date(2027, 1, 25)
    assert view.detected == (RequestKind.DATA_DELETION,)
    assert view.variables["data_request_deadline"] == "January 25, 2027"
    assert view.variables["withdrawal_deadline"] == ""


def test_reply_variables_render_in_the_customer_locale(store: Store) -> None:
    conversation = _de(store)
    with store.session() as session:
        view = policy_view(session, conversation, now=NOW)
    assert view is not None
    text = "Sie können bis zum {withdrawal_deadline} widerrufen. {unknown} bleibt."
    assert render_reply(text, view.variables) == (
        "Sie können bis zum 28. Dezember 2026 widerrufen. {unknown} bleibt."
    )


def test_open_task_with_the_statutory_due_date_and_overdue_list(store: Store) -> None:
    conversation = _ca(store)
    agent = add_agent(store, "Arun", AgentRole.AGENT)
    with store.session() as session:
        message_id = session.scalars(
            select(Message.id).where(Message.conversation_id == conversation)
        ).one()
        task = open_task(
            session,
            conversation,
            RequestKind.DATA_DELETION,
            message_id=message_id,
            agent_id=agent,
            now=NOW,
        )
        again = open_task(
            session,
            conversation,
            RequestKind.DATA_DELETION,
            message_id=message_id,
            agent_id=agent,
            now=NOW,
        )
    assert again.id == task.id
    # 45 days from 11 Dec (Los Angeles), end of 25 Jan 2027 there
    assert task.due_at == datetime(2027, 1, 26, 7, 59, 59, tzinfo=UTC)
    assert task.opened_by == "Arun" and not task.overdue
    late = task.due_at + timedelta(seconds=1)
    with store.session() as session:
        assert overdue_conversation_ids(session, NOW) == set()
        assert overdue_conversation_ids(session, late) == {conversation}
        assert [t.id for t in overdue_tasks(session, late)] == [task.id]
        flagged = session.scalars(
            select(Conversation.id).where(Conversation.id.in_(overdue_task_ids_query(late)))
        ).all()
        assert flagged == [conversation]
        done = complete_task(session, task.id, agent_id=agent, now=late)
    assert done.status == "done" and not done.overdue
    with store.session() as session:
        assert overdue_conversation_ids(session, late) == set()
        assert len(conversation_tasks(session, conversation, late)) == 1


def test_withdrawal_task_is_due_at_the_refund_deadline(store: Store) -> None:
    conversation = _de(store)
    with store.session() as session:
        task = open_task(
            session, conversation, RequestKind.WITHDRAWAL, message_id=None, agent_id=None, now=SENT
        )
    assert task.due_at == datetime(2026, 12, 26, 22, 59, 59, tzinfo=UTC)
    assert task.market_code == "DE"


def test_no_task_without_a_statutory_deadline(store: Store) -> None:
    conversation = _ca(store, text="I want to return the headphones")
    with pytest.raises(TaskError, match="no statutory deadline"), store.session() as session:
        open_task(
            session, conversation, RequestKind.WITHDRAWAL, message_id=None, agent_id=None, now=NOW
        )


def test_a_message_dated_in_year_9999_starts_its_periods_now(store: Store) -> None:
    conversation_id = add_conversation(
        store,
        text="Ich möchte die Bestellung widerrufen.",
        sent_at=datetime(9999, 12, 31, 2, 0, tzinfo=UTC),
        country="DE",
        time_zone="Europe/Berlin",
        locale="de_DE",
        language="de",
        address="far@example.de",
        name="Far Future",
    )
    with store.session() as session:
        view = policy_view(session, conversation_id, now=NOW)
    assert view is not None  # the rules still show, with dates counted from now
    assert view.variables["withdrawal_deadline"]
    assert "9999" not in view.variables["withdrawal_deadline"]
