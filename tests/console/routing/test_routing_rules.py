"""Editing routing rules: leads and administrators only, versions refuse lost updates, audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from console.problems import ProblemError
from console.routing import add_vip, load_settings, remove_vip, save_rule, set_capacity
from console.routing.rules import CHANGED_ELSEWHERE, NOT_ALLOWED, parse_keywords
from console.store import Store
from console.store.models import Agent, AgentRole, AuditEntry


def _people(store: Store) -> tuple[int, int]:
    with store.session() as session:
        lead = Agent(name="Li Wei", role=AgentRole.LEAD, languages=["zh"])
        agent = Agent(name="Wang Fang", languages=["de"])
        session.add_all([lead, agent])
        session.flush()
        return lead.id, agent.id


def test_only_leads_change_rules_and_a_stale_version_is_refused(any_store: Store) -> None:
    lead, agent = _people(any_store)
    with pytest.raises(ProblemError) as refused, any_store.session() as session:
        set_capacity(session, agent, 3, version=0, editor_id=agent, actor="Wang Fang")
    assert refused.value.problem.code == NOT_ALLOWED
    with any_store.session() as session:
        assert not load_settings(session, agent).can_edit
        assert set_capacity(session, agent, 3, version=0, editor_id=lead, actor="Li Wei") == 1
    # A second lead read version 0 too: their save is refused, nothing is lost.
    with pytest.raises(ProblemError) as stale, any_store.session() as session:
        set_capacity(session, agent, 7, version=0, editor_id=lead, actor="Li Wei")
    assert stale.value.problem.code == CHANGED_ELSEWHERE
    with any_store.session() as session:
        settings = load_settings(session, lead)
        (row,) = [c for c in settings.capacities if c.agent_id == agent]
        assert (row.capacity, row.version) == (3, 1) and settings.can_edit
        rule = next(r for r in settings.rules if r.kind == "complaint" and r.language == "de")
        assert "beschwerde" in rule.keywords
        assert save_rule(
            session, "complaint", "de", ["Beschwerde", "Frechheit"], True,
            version=rule.version, editor_id=lead, actor="Li Wei",
        ) == rule.version + 1  # fmt: skip
    with pytest.raises(ProblemError) as again, any_store.session() as session:
        save_rule(session, "complaint", "de", ["x"], True, version=rule.version,
                  editor_id=lead, actor="Li Wei")  # fmt: skip
    assert again.value.problem.code == CHANGED_ELSEWHERE
    with any_store.session() as session:
        actions = list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
        assert actions[-2:] == ["set_capacity", "save_routing_rule"]


def test_keywords_and_vips(any_store: Store) -> None:
    lead, _agent = _people(any_store)
    assert parse_keywords("投诉、律师，complaint; lawyer\nlawyer") == [
        "投诉", "律师", "complaint", "lawyer",
    ]  # fmt: skip
    with pytest.raises(ProblemError) as unknown, any_store.session() as session:
        add_vip(session, "nobody@example.com", editor_id=lead, actor="Li Wei")
    assert unknown.value.problem.code == "routing.unknown_customer"
    with any_store.session() as session:
        assert load_settings(session, lead).vips == ()
        del session
    with pytest.raises(ProblemError) as bad, any_store.session() as session:
        save_rule(session, "chargeback", "Deutsch", ["x"], True, version=0, editor_id=lead,
                  actor="Li Wei")  # fmt: skip
    assert bad.value.problem.code == "routing.bad_language"
    with any_store.session() as session:
        assert save_rule(session, "chargeback", "ko", ["지불 거절"], True, version=0,
                         editor_id=lead, actor="Li Wei") == 1  # fmt: skip
        remove_vip(session, 12345, editor_id=lead, actor="Li Wei")  # nothing to remove: fine
