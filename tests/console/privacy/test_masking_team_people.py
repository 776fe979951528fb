"""Changing a person's Masked mark in a team store changes what their login role may read."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest
from sqlalchemy import select, text
from test_masking_team import _connect, team  # noqa: F401 (the fixture)

from console.store.models import Agent
from console.team.masking_roles import MASKED_GROUP, UNMASKED_GROUP
from console.team.people import PersonSpec, get_person, save_person


def _set_masked(store: Any, login: str, masked: bool) -> None:
    with store.session() as session:
        agent_id = session.scalars(select(Agent.id).where(Agent.login_role == login)).one()
        person = get_person(session, agent_id)
        assert person is not None
        spec = PersonSpec(
            name=person.name,
            role=person.role,
            markets=person.markets,
            languages=person.languages,
            vendor=person.vendor,
            expires_on=person.expires_on,
            masked=masked,
        )
        save_person(session, spec, actor="Ada", person_id=agent_id)


def _groups(store: Any, login: str) -> set[str]:
    with store.session() as session:
        return {
            group
            for group in (MASKED_GROUP, UNMASKED_GROUP)
            if session.scalar(
                text("SELECT pg_has_role(:login, :group, 'MEMBER')"),
                {"login": login, "group": group},
            )
        }


def test_unmasking_and_masking_a_vendor_agent(team: dict[str, Any]) -> None:  # noqa: F811
    store, login = team["store"], team["logins"]["vera"]
    assert _groups(store, login) == {MASKED_GROUP}

    _set_masked(store, login, False)
    assert _groups(store, login) == {UNMASKED_GROUP}
    vera = _connect(team["url"], login, "vera-pw")
    assert vera.execute("SELECT name FROM public.customers").fetchall()  # raw, in her scope
    assert "Maria Pérez" in [row[0] for row in vera.execute("SELECT name FROM customers")]
    vera.close()

    _set_masked(store, login, True)
    assert _groups(store, login) == {MASKED_GROUP}
    vera = _connect(team["url"], login, "vera-pw")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        vera.execute("SELECT name FROM public.customers")
    assert [row[0] for row in vera.execute("SELECT name FROM customers")] == ["Maria P."]
    vera.close()
