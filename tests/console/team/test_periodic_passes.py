"""The team's periodic duties: routing every few seconds and retention once a day, run by
the pass runner the worker (and a seat holding the duties) uses."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from factories import MessageFactory
from sqlalchemy import select

from console.changes import Changes
from console.inbox.commands import set_statuses
from console.inbox.ingest import ingest
from console.privacy.retention import set_retention_rule
from console.routing import route_pending
from console.store import Store
from console.store.models import Agent, AgentRole, Conversation, ConversationStatus, Market
from console.store.privacy_tables import ErasedConversation
from console.team.duties import (
    RETENTION_SECONDS,
    ROUTING_SECONDS,
    PassRunner,
    PeriodicPass,
    StorePass,
    daily_retention,
    periodic_passes,
)


def test_the_worker_passes_are_routing_and_daily_retention() -> None:
    passes = {duty.name: duty for duty in periodic_passes()}
    assert set(passes) == {"routing", "retention"}
    routing, retention = passes["routing"], passes["retention"]
    assert isinstance(routing, PeriodicPass) and routing.work is route_pending
    assert routing.seconds == ROUTING_SECONDS
    assert isinstance(retention, StorePass) and retention.work is daily_retention
    assert retention.seconds == RETENTION_SECONDS == 24 * 3600


def test_retention_runs_through_the_pass_runner(any_store: Store, message: MessageFactory) -> None:
    with any_store.session() as session:
        session.add(Market(code="DE", name="Germany", countries=["DE"], languages=["de"]))
        admin = Agent(name="Ada Admin", role=AgentRole.ADMIN, languages=["en"])
        session.add(admin)
        session.flush()
        set_retention_rule(session, "DE", 12, agent_id=admin.id)
    ingest(
        any_store,
        [
            message("Wo ist meine Bestellung?", address="old@example.de", country="DE"),
            message("Noch offen", address="open@example.de", country="DE"),
        ],
    )
    with any_store.session() as session:
        old, kept = session.scalars(select(Conversation.id).order_by(Conversation.id)).all()
        set_statuses(  # resolved long before any day the test runs on
            session,
            [old],
            ConversationStatus.RESOLVED,
            actor="t",
            at=datetime(2001, 1, 5, tzinfo=UTC),
        )
    heard: list[Changes] = []
    retention = [duty for duty in periodic_passes() if duty.name == "retention"]
    runner = PassRunner(any_store, retention, heard.append)
    runner.start()
    try:
        deadline = time.monotonic() + 20
        while runner.rounds["retention"] < 1:
            assert time.monotonic() < deadline, "the retention pass did not run"
            time.sleep(0.05)
    finally:
        runner.stop()
    assert runner.rounds["retention"] == 1  # once a day: not again within the test
    with any_store.session() as session:
        erased = set(session.scalars(select(ErasedConversation.conversation_id)))
    assert erased == {old} and kept not in erased
    assert len(heard) == 1 and old in heard[0].conversations and heard[0].listing
