"""Tracked tasks in the policy view, completing them, and the store-wide return window."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from policy_test_helpers import add_agent, add_conversation
from sqlalchemy import select

from console.policies import (
    PolicyPermissionError,
    PolicyValidationError,
    RequestKind,
    TaskError,
    complete_task,
    ensure_seed_pack,
    market_rules,
    open_task,
    overdue_task_ids_query,
    policy_view,
    save_market,
    set_store_return_window,
    store_return_window,
)
from console.store import Store
from console.store.models import AgentRole, AuditEntry, Conversation

SENT = datetime(2026, 12, 11, 23, 30, tzinfo=UTC)  # 12 Dec in Berlin, 11 Dec in California
NOW = datetime(2026, 12, 14, 9, 0, tzinfo=UTC)


def _de(store: Store, address: str = "lena@example.de", name: str = "Lena Müller") -> int:
    return add_conversation(
        store,
        text="Ich möchte die Bestellung zurücksenden (Widerruf).",
        sent_at=SENT,
        country="DE",
        time_zone="Europe/Berlin",
        locale="de_DE",
        language="de",
        address=address,
        name=name,
    )


def _ca(store: Store) -> int:
    return add_conversation(
        store,
        text="Please delete my account and all my personal data.",
        sent_at=SENT,
        country="US",
        region="California",
        time_zone="America/Los_Angeles",
        locale="en_US",
        language="en",
        address="sam@example.com",
        name="Sam Rivera",
    )


def _flagged(store: Store, at: datetime) -> list[int]:
    with store.session() as session:
        return list(
            session.scalars(
                select(Conversation.id).where(Conversation.id.in_(overdue_task_ids_query(at)))
            )
        )


# -- tracked tasks ------------------------------------------------------------------------


def test_view_lists_tasks_with_local_due_date_and_status(store: Store) -> None:
    conversation = _ca(store)
    agent = add_agent(store, "Arun", AgentRole.AGENT)
    with store.session() as session:
        empty = policy_view(session, conversation, now=NOW)
        assert empty is not None and empty.tasks == ()
        task = open_task(
            session,
            conversation,
            RequestKind.DATA_DELETION,
            message_id=None,
            agent_id=agent,
            now=NOW,
        )
    late = task.due_at + timedelta(seconds=1)
    with store.session() as session:
        before = policy_view(session, conversation, now=NOW)
        after = policy_view(session, conversation, now=late)
    assert before is not None and after is not None
    [shown] = before.tasks
    assert shown.id == task.id and shown.kind is RequestKind.DATA_DELETION
    # opened 14 Dec without a message: due at the end of 28 Jan in Los Angeles, 29 Jan in UTC
    assert task.due_at.date() == date(2027, 1, 29)
    assert shown.due_text == "Jan 28, 2027"
    assert shown.status == "open" and shown.is_open
    assert after.tasks[0].status == "overdue" and after.tasks[0].is_open


def test_completing_a_task_is_audited_and_clears_the_overdue_marker(store: Store) -> None:
    conversation = _de(store)
    other = _de(store, "jonas@example.de", "Jonas Weber")
    agent = add_agent(store, "Arun", AgentRole.AGENT)
    with store.session() as session:
        task = open_task(
            session, conversation, RequestKind.WITHDRAWAL, message_id=None, agent_id=agent, now=SENT
        )
        other_task = open_task(
            session, other, RequestKind.WITHDRAWAL, message_id=None, agent_id=agent, now=SENT
        )
    late = task.due_at + timedelta(days=1)
    assert sorted(_flagged(store, late)) == sorted([conversation, other])

    with store.session() as session:
        done = complete_task(session, task.id, agent_id=agent, now=late)
        again = complete_task(session, task.id, agent_id=agent, now=late + timedelta(hours=1))
    assert done.status == "done" and not done.overdue and done.done_at == late
    assert again.done_at == late  # completing twice changes nothing
    assert _flagged(store, late) == [other]  # only the other conversation stays flagged

    with store.session() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "policy_task_done")
        ).all()
        assert [(e.actor, e.entity, e.entity_id, e.detail["task_id"]) for e in entries] == [
            ("Arun", "conversation", conversation, task.id)
        ]
        view = policy_view(session, conversation, now=late)
    assert view is not None
    assert [(t.id, t.status, t.is_open) for t in view.tasks] == [(task.id, "done", False)]
    assert other_task.id != task.id


def test_completing_a_missing_task_says_so(store: Store) -> None:
    with pytest.raises(TaskError, match="no longer exists"), store.session() as session:
        complete_task(session, 9999, agent_id=None)


# -- store-wide return window ---------------------------------------------------------------


def test_store_wide_window_applies_where_a_market_sets_none(store: Store) -> None:
    de, ca = _de(store), _ca(store)
    officer = add_agent(store, "Clara", AgentRole.COMPLIANCE)
    with store.session() as session:
        ensure_seed_pack(session)
        assert store_return_window(session) is None
        set_store_return_window(session, officer, 30)
    with store.session() as session:
        assert store_return_window(session) == 30
        de_view = policy_view(session, de, now=NOW)
        ca_view = policy_view(session, ca, now=NOW)
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "policy_store_return_window")
        ).one()
    assert entry.actor == "Clara" and entry.detail == {"old": None, "days": 30}
    assert de_view is not None and de_view.withdrawal_deadline is not None
    assert de_view.withdrawal_deadline.last_day == date(2027, 1, 11)  # 12 Dec + 30 days
    assert de_view.store_return_days == 30 and de_view.store_return_default
    assert de_view.variables["return_window_days"] == "30"
    # no statutory withdrawal in California: the goodwill window still applies
    assert ca_view is not None and ca_view.withdrawal_deadline is not None
    assert ca_view.withdrawal_deadline.last_day == date(2027, 1, 10)
    assert ca_view.store_return_default

    # a market's own window wins over the store-wide one
    with store.session() as session:
        rules = market_rules(session, "DE")
        assert rules is not None
        rules.data["store_policy"]["return_window_days"] = 45
        save_market(session, officer, rules.data, reason="45 days in Germany")
    with store.session() as session:
        de_view = policy_view(session, de, now=NOW)
    assert de_view is not None and de_view.store_return_days == 45
    assert not de_view.store_return_default

    with store.session() as session:
        set_store_return_window(session, officer, None)
    with store.session() as session:
        assert store_return_window(session) is None
        ca_view = policy_view(session, ca, now=NOW)
    assert ca_view is not None and ca_view.withdrawal_deadline is None


def test_store_wide_window_never_undercuts_a_market(store: Store) -> None:
    officer = add_agent(store, "Clara", AgentRole.COMPLIANCE)
    with store.session() as session:
        ensure_seed_pack(session)
        with pytest.raises(PolicyValidationError) as raised:
            set_store_return_window(session, officer, 10)
    messages = {error.path: error.message for error in raised.value.errors}
    assert messages["DE"] == (
        "10 days would undercut the statutory withdrawal period of 14 days in Germany"
    )
    assert "FR" in messages and "US-CA" not in messages and "US" not in messages
    with store.session() as session:
        assert store_return_window(session) is None  # nothing stored

    # a scheduled change of the law counts too
    with store.session() as session:
        rules = market_rules(session, "DE")
        assert rules is not None
        rules.data["withdrawal"]["days"] = 40
        save_market(
            session,
            officer,
            rules.data,
            reason="longer withdrawal from next year",
            effective_from=datetime.now(UTC) + timedelta(days=60),
        )
        with pytest.raises(PolicyValidationError) as raised:
            set_store_return_window(session, officer, 30)
    assert [str(e) for e in raised.value.errors] == [
        "DE: 30 days would undercut the statutory withdrawal period of 40 days in Germany "
        "(v2, scheduled)"
    ]


def test_only_compliance_sets_the_store_wide_window(store: Store) -> None:
    agent = add_agent(store, "Arun", AgentRole.AGENT)
    with pytest.raises(PolicyPermissionError), store.session() as session:
        ensure_seed_pack(session)
        set_store_return_window(session, agent, 30)
