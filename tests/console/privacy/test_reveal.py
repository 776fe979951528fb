"""Reveal: one masked value for a stated reason, audited with the field and reason only.

A single seat (SQLite) checks the person's role itself; a team store (PostgreSQL)
asks ``console_private.reveal`` as the signed-in login role.
"""

from __future__ import annotations

from typing import Any

import pytest
from privacy_helpers import ADDRESS, NAME, seed
from sqlalchemy import select, update
from test_masking_team import _as, team  # noqa: F401 (the fixture)

from console.audit import REVEAL
from console.inbox.queries import AgentSummary
from console.privacy.reveal import (
    IDENTITY,
    NOT_ALLOWED,
    NOT_FOUND,
    REASON_MISSING,
    RevealRefused,
    may_reveal,
    offers_reveal,
    reveal_value,
)
from console.store import Store, open_store
from console.store.models import Agent, AgentRole, AuditEntry, ChannelIdentity


def _person(store: Store, name: str, role: AgentRole, masked: bool) -> AgentSummary:
    with store.session() as session:
        agent = Agent(name=name, role=role, languages=["en"], masked=masked)
        session.add(agent)
        session.flush()
        return AgentSummary(agent.id, agent.name, ("en",), masked, role.value)


def _reveals(store: Store) -> list[AuditEntry]:
    with store.session() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action == REVEAL)).all()
        session.expunge_all()
        return list(entries)


def test_who_may_reveal() -> None:
    for role in ("lead", "compliance", "admin"):
        assert may_reveal(role, True) and offers_reveal(role, True)
    for role in ("agent", "qa"):
        assert not may_reveal(role, True) and not offers_reveal(role, True)
        assert may_reveal(role, False)  # unmasked: sees the values anyway
    assert not offers_reveal(AgentRole.ADMIN, False)  # nothing masked, nothing to reveal
    assert may_reveal(AgentRole.LEAD, True)


def test_a_masked_lead_reveals_at_a_single_seat(store: Store) -> None:
    seeded = seed(store)
    lead = _person(store, "Lea Lead", AgentRole.LEAD, masked=True)
    with store.session() as session:
        identity_id = session.scalars(
            select(ChannelIdentity.id).where(ChannelIdentity.address == ADDRESS)
        ).one()
    with store.session() as session:
        value = reveal_value(
            session, lead, seeded.customer_id, IDENTITY, "  courier  needs it ", identity_id
        )
        assert value == ADDRESS
        assert reveal_value(session, lead, seeded.customer_id, "name", "label") == NAME
    entries = _reveals(store)
    assert [(e.actor, e.entity_id, e.detail["field"]) for e in entries] == [
        ("Lea Lead", seeded.customer_id, "identity"),
        ("Lea Lead", seeded.customer_id, "name"),
    ]
    assert entries[0].detail["reason"] == "courier needs it"
    assert entries[0].detail["identity_id"] == identity_id
    assert not [e for e in entries if ADDRESS in str(e.detail) or NAME in str(e.detail)]


@pytest.mark.parametrize("reason", ["", "   ", "\n\t"])
def test_no_reason_reveals_nothing(store: Store, reason: str) -> None:
    seeded = seed(store)
    lead = _person(store, "Lea Lead", AgentRole.LEAD, masked=True)
    with store.session() as session, pytest.raises(RevealRefused) as refused:
        reveal_value(session, lead, seeded.customer_id, "name", reason)
    assert refused.value.problem.code == REASON_MISSING
    assert "nothing was revealed" in str(refused.value)
    assert _reveals(store) == []


def test_a_masked_agent_may_not_and_a_missing_value_is_not_there(store: Store) -> None:
    seeded = seed(store)
    agent = _person(store, "Vic Vendor", AgentRole.AGENT, masked=True)
    lead = _person(store, "Lea Lead", AgentRole.LEAD, masked=True)
    refusals: list[str] = []
    for who, customer, field, identity in (
        (agent, seeded.customer_id, "name", None),
        (None, seeded.customer_id, "name", None),
        (lead, 999_999, "name", None),
        (lead, seeded.customer_id, "address", None),  # no postal address stored
        (lead, seeded.customer_id, IDENTITY, 999_999),
        (lead, seeded.customer_id, "iban", None),
    ):
        with store.session() as session, pytest.raises(RevealRefused) as refused:
            reveal_value(session, who, customer, field, "a reason", identity)
        refusals.append(refused.value.problem.code)
    assert refusals == [NOT_ALLOWED, NOT_ALLOWED] + [NOT_FOUND] * 4
    # The role is read from the store, not from what the window holds.
    with store.session() as session:
        session.execute(update(Agent).where(Agent.id == lead.id).values(role=AgentRole.AGENT))
    with store.session() as session, pytest.raises(RevealRefused) as refused:
        reveal_value(session, lead, seeded.customer_id, "name", "a reason")
    assert refused.value.problem.code == NOT_ALLOWED
    assert _reveals(store) == []


def test_reveal_in_a_team_store_goes_through_the_database(team: dict[str, Any]) -> None:  # noqa: F811
    customer_id = team["seeded"].customer_id
    logins = team["logins"]
    lena = open_store(_as(team["url"], logins["lena"], "lena-pw"))  # a masked lead
    vera = open_store(_as(team["url"], logins["vera"], "vera-pw"))  # a masked vendor agent
    try:
        with lena.session() as session:
            identity_id = session.scalars(
                select(ChannelIdentity.id).where(ChannelIdentity.customer_id == customer_id)
            ).first()
        codes = []
        for store, reason, field, identity in (
            (lena, "  ", "name", None),
            (vera, "a reason", "name", None),
            (lena, "a reason", IDENTITY, 999_999),
        ):
            with store.session() as session, pytest.raises(RevealRefused) as refused:
                reveal_value(session, None, customer_id, field, reason, identity)
            codes.append(refused.value.problem.code)
        assert codes == [REASON_MISSING, NOT_ALLOWED, NOT_FOUND]
        with lena.session() as session:
            # The person argument does not matter here: the login role decides.
            assert reveal_value(session, None, customer_id, "name", "courier label") == NAME
            assert reveal_value(
                session, None, customer_id, IDENTITY, "mail to maria@x.example", identity_id
            ) in (ADDRESS, "+4915123456789")
    finally:
        lena.close()
        vera.close()
    entries = _reveals(team["store"])
    assert [e.detail["field"] for e in entries] == ["name", "identity"]
    assert entries[1].detail["reason"] == "mail to [e-mail]"  # typed addresses are scrubbed
    assert not [e for e in entries if NAME in str(e.detail) or ADDRESS in str(e.detail)]
