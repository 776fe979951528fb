"""A queue's vendor: set by leads and administrators, audited, against the version read."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from console.problems import ProblemError
from console.routing import ensure_queues, load_settings
from console.routing.rules import CHANGED_ELSEWHERE, NOT_ALLOWED
from console.store import Store
from console.store.models import Agent, AgentRole, AuditEntry, Market
from console.store.routing_tables import RoutingQueue
from console.team.scope import (
    ESCALATION_IN_HOUSE,
    VENDOR_CHARS,
    VENDOR_TOO_LONG,
    set_queue_vendor,
)


def _setup(store: Store) -> tuple[int, int, int, int]:
    """A lead, an agent, the DE market's queue and the escalation queue."""
    with store.session() as session:
        lead = Agent(name="Li Wei", role=AgentRole.LEAD, languages=["zh"])
        agent = Agent(name="Wang Fang", languages=["de"])
        session.add_all(
            [lead, agent, Market(code="DE", name="DACH", countries=["DE"], languages=["de"])]
        )
        session.flush()
        ensure_queues(session)
        queues = {q.escalation: q.id for q in session.scalars(select(RoutingQueue))}
        return lead.id, agent.id, queues[False], queues[True]


def _audited(store: Store) -> list[tuple[str, str, int | None, dict[str, object]]]:
    with store.session() as session:
        return [
            (e.actor, e.action, e.entity_id, e.detail)
            for e in session.scalars(
                select(AuditEntry)
                .where(AuditEntry.entity == "routing_queue")
                .order_by(AuditEntry.id)
            )
        ]


def test_a_lead_sets_a_queues_vendor_audited_and_a_stale_version_is_refused(
    any_store: Store,
) -> None:
    lead, agent, queue_id, escalation_id = _setup(any_store)
    with any_store.session() as session:
        (read,) = [q for q in load_settings(session, lead).queues if q.id == queue_id]
    assert read.vendor is None

    # An agent may not, and nothing changes.
    with pytest.raises(ProblemError) as refused, any_store.session() as session:
        set_queue_vendor(
            session, queue_id, "Acme BPO", version=read.version, editor_id=agent, actor="Wang Fang"
        )
    assert refused.value.problem.code == NOT_ALLOWED

    with any_store.session() as session:
        new = set_queue_vendor(
            session, queue_id, "  Acme BPO ", version=read.version, editor_id=lead, actor="Li Wei"
        )
    assert new == read.version + 1
    with any_store.session() as session:
        (now,) = [q for q in load_settings(session, lead).queues if q.id == queue_id]
    assert (now.vendor, now.version) == ("Acme BPO", read.version + 1)
    assert _audited(any_store) == [
        (
            "Li Wei",
            "scope_changed",
            queue_id,
            {"queue": read.key, "vendor": "Acme BPO", "vendor_before": None},
        )
    ]

    # A second lead read the old version: refused with the routing rules' problem, kept.
    with pytest.raises(ProblemError) as stale, any_store.session() as session:
        set_queue_vendor(
            session, queue_id, "Other BPO", version=read.version, editor_id=lead, actor="Li Wei"
        )
    assert stale.value.problem.code == CHANGED_ELSEWHERE
    with any_store.session() as session:
        stored = session.get(RoutingQueue, queue_id)
        assert stored is not None and stored.vendor == "Acme BPO"
    assert len(_audited(any_store)) == 1

    # Blank is in-house again; too long a name and the escalation queue are refused.
    with any_store.session() as session:
        set_queue_vendor(session, queue_id, " ", version=new, editor_id=lead, actor="Li Wei")
        assert session.get(RoutingQueue, queue_id).vendor is None  # type: ignore[union-attr]
    with pytest.raises(ProblemError) as long, any_store.session() as session:
        set_queue_vendor(
            session, queue_id, "x" * (VENDOR_CHARS + 1), version=new + 1, editor_id=lead,
            actor="Li Wei",
        )  # fmt: skip
    assert long.value.problem.code == VENDOR_TOO_LONG
    with pytest.raises(ProblemError) as escalation, any_store.session() as session:
        set_queue_vendor(
            session, escalation_id, "Acme BPO", version=1, editor_id=lead, actor="Li Wei"
        )
    assert escalation.value.problem.code == ESCALATION_IN_HOUSE
    audited = _audited(any_store)
    assert len(audited) == 2 and audited[-1][3]["vendor_before"] == "Acme BPO"
