"""Retention per market: preview, apply (idempotent, audited), who may set the rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from privacy_helpers import ADDRESS, OTHER_PHRASE, PHRASE, seed
from sqlalchemy import func, select

from console.inbox.commands import set_statuses
from console.privacy.retention import (
    apply_retention,
    months_before,
    retention_preview,
    retention_rules,
    set_retention_rule,
)
from console.privacy.subject_erase import purge_residue
from console.problems import ProblemError
from console.store import Store
from console.store.kpi_tables import ConversationKpi
from console.store.models import (
    Agent,
    AgentRole,
    AuditEntry,
    ChannelIdentity,
    ConversationStatus,
    Market,
    Message,
)
from console.store.privacy_tables import DataSubjectRequest, ErasedConversation

TODAY = date(2029, 1, 15)


def _markets(store: Store) -> tuple[int, int]:
    with store.session() as session:
        session.add_all(
            [
                Market(code="DE", name="Germany", countries=["DE"], languages=["de"]),
                Market(code="FR", name="France", countries=["FR"], languages=["fr"]),
            ]
        )
        agent = Agent(name="Lea Lead", role=AgentRole.LEAD, languages=["en"])
        admin = Agent(name="Ada Admin", role=AgentRole.ADMIN, languages=["en"])
        session.add_all([agent, admin])
        session.flush()
        return agent.id, admin.id


def test_months_before() -> None:
    assert months_before(date(2029, 1, 15), 24) == date(2027, 1, 15)
    assert months_before(date(2029, 3, 31), 1) == date(2029, 2, 28)
    assert months_before(date(2028, 12, 31), 10) == date(2028, 2, 29)


def test_preview_apply_and_rules(any_store: Store) -> None:
    lead, admin = _markets(any_store)
    seeded = seed(any_store)
    with any_store.session() as session:
        # Maria's conversation resolved 25 months before TODAY, Jonas's 23 months before
        set_statuses(
            session,
            [seeded.conversation_id],
            ConversationStatus.RESOLVED,
            actor="t",
            at=datetime(2026, 12, 10, tzinfo=UTC),
        )
        set_statuses(
            session,
            [seeded.other_conversation_id],
            ConversationStatus.RESOLVED,
            actor="t",
            at=datetime(2027, 2, 10, tzinfo=UTC),
        )
        kpi = session.get(ConversationKpi, seeded.conversation_id)
        assert kpi is not None and kpi.resolved_at is not None
    with any_store.session() as session:
        with pytest.raises(ProblemError, match="Only compliance staff and admins"):
            set_retention_rule(session, "DE", 24, agent_id=lead)
        with pytest.raises(ProblemError, match="between 1 and 240 months"):
            set_retention_rule(session, "DE", 0, agent_id=seeded.agent_id)
        with pytest.raises(ProblemError, match="no market XX"):
            set_retention_rule(session, "XX", 12, agent_id=admin)
        assert retention_preview(session, TODAY) == []
        set_retention_rule(session, "DE", 24, agent_id=seeded.agent_id)  # compliance
    with any_store.session() as session:
        rules = {rule.market_code: rule.resolved_months for rule in retention_rules(session)}
        assert rules == {"DE": 24, "FR": None}
        preview = retention_preview(session, TODAY)
        assert [(c.conversation_id, c.market_code) for c in preview] == [
            (seeded.conversation_id, "DE")
        ]
        # a preview changes nothing
        assert (
            PHRASE
            in session.scalars(
                select(Message.text).where(Message.conversation_id == seeded.conversation_id)
            ).one()
        )
        result = apply_retention(session, TODAY)
    purge_residue(any_store.engine)
    assert result.by_market == {"DE": 1}
    assert result.customers_erased == (seeded.customer_id,)
    with any_store.session() as session:
        texts = dict(
            (cid, text)
            for cid, text in session.execute(select(Message.conversation_id, Message.text))
        )
        assert texts[seeded.conversation_id] == ""
        assert OTHER_PHRASE in texts[seeded.other_conversation_id]
        assert (
            session.scalar(
                select(func.count())
                .select_from(ChannelIdentity)
                .where(ChannelIdentity.address == ADDRESS)
            )
            == 0
        )
        (request,) = session.scalars(select(DataSubjectRequest)).all()
        assert (request.kind, request.market_code, request.counts["messages"]) == (
            "retention",
            "DE",
            1,
        )
        assert session.get(ErasedConversation, seeded.conversation_id) is not None
        actions = session.scalars(select(AuditEntry.action)).all()
        assert "retention_rule_set" in actions and "retention_apply" in actions
        # the same day again: nothing more; later, Jonas's conversation goes too
        assert apply_retention(session, TODAY).conversations == 0
        later = apply_retention(session, TODAY + timedelta(days=40))
        assert later.conversation_ids == (seeded.other_conversation_id,)
        # removing the rule: nothing more is erased
        set_retention_rule(session, "DE", None, agent_id=admin)
        assert {r.market_code: r.resolved_months for r in retention_rules(session)}["DE"] is None
