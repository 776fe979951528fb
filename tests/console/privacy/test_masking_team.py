"""Masked people in a team store: the database itself keeps raw customer data from them.

Plain SQL as each person's login role (tests/pg_server.py asks members of
console_people for their password), and the console's own functions on a
connection signed in as a masked person.
"""

from __future__ import annotations

import io
import re
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import psycopg
import pytest
from privacy_helpers import ADDRESS, NAME, PHONE, PHRASE, seed
from sqlalchemy import select, update
from sqlalchemy.engine import make_url

from console.cli import main
from console.inbox import commands
from console.inbox.queries import conversation_detail
from console.privacy.masking import masking_for
from console.store import open_store
from console.store.channel_tables import ChannelOutboxEntry
from console.store.masking_sql import raw_columns
from console.store.models import AuditEntry, Conversation, ConversationStatus

pytestmark = pytest.mark.usefixtures("pg_server")


def _run(monkeypatch: pytest.MonkeyPatch, argv: list[str], stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(argv)


def _as(url: str, login: str, password: str) -> str:
    return make_url(url).set(username=login, password=password).render_as_string(False)


def _connect(url: str, login: str, password: str) -> Any:
    parsed = make_url(url)
    return psycopg.connect(
        host=parsed.host,
        port=parsed.port,
        dbname=parsed.database,
        user=login,
        password=password,
        connect_timeout=5,
        autocommit=True,
    )


@pytest.fixture
def team(monkeypatch: pytest.MonkeyPatch, pg_url: str) -> Iterator[dict[str, Any]]:
    token = uuid.uuid4().hex[:8]
    admin = f"Ada {token}"
    assert (
        _run(
            monkeypatch,
            ["team", "init", "--db", pg_url, "--admin", admin, "--password-stdin"],
            "ada-pw\n",
        )
        == 0
    )
    store = open_store(pg_url)
    seeded = seed(store)
    later = (date.today() + timedelta(days=30)).isoformat()
    people = {
        "vera": [f"Vera {token}", "agent", "--vendor", "Acme"],
        "lena": [f"Lena {token}", "lead", "--expires", later],
        "uwe": [f"Uwe {token}", "lead"],
    }
    for key, (name, role, *extra) in people.items():
        argv = ["team", "add", "--db", pg_url, "--name", name, "--role", role, *extra]
        assert _run(monkeypatch, [*argv, "--password-stdin"], f"{key}-pw\n") == 0
    logins = {key: f"{key}.{token}" for key in people}
    from console.store.models import Agent

    with store.session() as session:
        vera_id = session.scalar(select(Agent.id).where(Agent.login_role == logins["vera"]))
        masked = dict(session.execute(select(Agent.login_role, Agent.masked)).all())
        session.execute(
            update(Conversation)
            .where(Conversation.id == seeded.conversation_id)
            .values(assignee_id=vera_id)
            .execution_options(synchronize_session=False)
        )
    assert masked[logins["vera"]] and masked[logins["lena"]] and not masked[logins["uwe"]]
    yield {"url": pg_url, "store": store, "seeded": seeded, "logins": logins}
    store.close()


def test_a_masked_role_cannot_read_raw_columns_with_plain_sql(team: dict[str, Any]) -> None:
    vera = _connect(team["url"], team["logins"]["vera"], "vera-pw")
    for statement in (
        "SELECT text FROM public.messages",
        "SELECT name FROM public.customers",
        "SELECT address FROM public.channel_identities",
        "SELECT to_address FROM public.channel_outbox",
        "SELECT text FROM public.translations",
        "SELECT preview FROM public.conversations",
        "SELECT inner_pad FROM console_private.team_secret",
        "SELECT * FROM public.messages",
    ):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            vera.execute(statement)
    # Through the views on their search path: masked.
    texts = [row[0] for row in vera.execute("SELECT text FROM messages")]
    names = [row[0] for row in vera.execute("SELECT name FROM customers")]
    addresses = [row[0] for row in vera.execute("SELECT address FROM channel_identities")]
    assert texts and all(ADDRESS not in text for text in texts)
    assert any(PHRASE in text for text in texts)  # what is not personal data stays
    assert names == ["Maria P."]  # and only their scope's customer (row-level security)
    assert ADDRESS not in addresses and PHONE not in addresses
    assert "m***@e***.com" in addresses
    # The exact e-mail or phone still finds the customer, by its keyed hash.
    for typed in (ADDRESS, ADDRESS.upper(), PHONE):
        found = vera.execute(
            "SELECT customer_id FROM channel_identities "
            "WHERE address_hash = console_private.identity_hash(%(v)s) UNION "
            "SELECT customer_id FROM customer_keys "
            "WHERE value_hash = console_private.identity_hash(%(v)s)",
            {"v": typed.lower()},
        ).fetchall()
        assert found == [(team["seeded"].customer_id,)], typed
    # A condition on the views meets masked values only: the views name no raw column
    # (so they need not be barriers, and the planner looks rows up through them).
    leaked = vera.execute("SELECT count(*) FROM messages WHERE text LIKE %s", (f"%{ADDRESS}%",))
    assert leaked.fetchone() == (0,)
    for view, definition, options in vera.execute(
        "SELECT c.relname, pg_get_viewdef(c.oid), c.reloptions FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'console_masked' AND c.relkind = 'v'"
    ):
        for column in raw_columns().get(view, ()):
            assert not re.search(rf"\b{view}\.{column}\b", definition), (view, column)
        assert "security_barrier=true" not in (options or []), view
    # A vendor agent may not reveal.
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        vera.execute(
            "SELECT console_private.reveal(%s, 'name', 'the customer asked')",
            (team["seeded"].customer_id,),
        )
    vera.close()


def test_the_console_works_for_a_masked_person_and_replies_reach_the_real_address(
    team: dict[str, Any],
) -> None:
    seeded = team["seeded"]
    store = open_store(_as(team["url"], team["logins"]["vera"], "vera-pw"))
    try:
        with store.session() as session:
            assert masking_for(session).masked
            detail = conversation_detail(session, seeded.conversation_id)
            assert detail is not None
            assert detail.customer.name == "Maria P."
            assert all(ADDRESS not in address for _, address in detail.customer.identities)
            assert all(ADDRESS not in message.text for message in detail.messages)
            assert commands.mark_read(session, seeded.conversation_id) in (True, False)
            message_id = commands.send_reply(
                session, seeded.conversation_id, "We are on it.", agent_id=None
            )
            commands.set_status(
                session, seeded.conversation_id, ConversationStatus.RESOLVED, actor="Vera"
            )
    finally:
        store.close()
    with team["store"].session() as session:  # the owner: the worker's rights
        entry = session.scalars(
            select(ChannelOutboxEntry).where(ChannelOutboxEntry.message_id == message_id)
        ).one()
        assert entry.to_address == ADDRESS
        conversation = session.get(Conversation, seeded.conversation_id)
        assert conversation is not None
        assert conversation.status is ConversationStatus.RESOLVED


def test_a_lead_reveals_one_value_for_a_reason_and_it_is_audited(team: dict[str, Any]) -> None:
    customer_id = team["seeded"].customer_id
    lena = _connect(team["url"], team["logins"]["lena"], "lena-pw")
    assert "Maria P." in [row[0] for row in lena.execute("SELECT name FROM customers")]
    for reason in ("", "   ", None):
        with pytest.raises(psycopg.errors.InvalidParameterValue):
            lena.execute("SELECT console_private.reveal(%s, 'name', %s)", (customer_id, reason))
    value = lena.execute(
        "SELECT console_private.reveal(%s, 'name', 'courier needs the full name')", (customer_id,)
    ).fetchone()
    assert value == (NAME,)
    lena.close()
    with team["store"].session() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "reveal")).all()
    assert len(entries) == 1
    assert entries[0].entity_id == customer_id
    assert entries[0].detail["field"] == "name"
    assert entries[0].detail["reason"] == "courier needs the full name"
    assert NAME not in str(entries[0].detail)
    # An unmasked lead reads raw values anyway.
    uwe = _connect(team["url"], team["logins"]["uwe"], "uwe-pw")
    assert NAME in [row[0] for row in uwe.execute("SELECT name FROM customers")]
    uwe.close()
