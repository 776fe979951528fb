"""Scope in team mode: PostgreSQL row-level security keyed on the signed-in login role.

People of each role are made with the console's own functions (``team init``'s
group roles, ``people.save_person``); each then connects with plain psycopg and
their own password, and sees exactly the conversations, messages and customers of
their scope, the same ids the inbox lists for them over a store opened as them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
import pytest
from sqlalchemy import select, update
from sqlalchemy.engine import make_url

from console.inbox.pages import listing
from console.inbox.queries import InboxFilter, InboxView
from console.policies.defaults import set_store_return_window
from console.privacy.subject_erase import erase_customer
from console.routing.engine import ensure_queues
from console.store import open_store, translate_database_error
from console.store.errors import NotPermittedError
from console.store.models import (
    Agent,
    AgentRole,
    ChannelIdentity,
    ChannelKind,
    Conversation,
    Customer,
    Direction,
    Draft,
    Market,
    Message,
    Translation,
)
from console.store.routing_tables import (
    ESCALATION_QUEUE_KEY,
    RoutingQueue,
    VipCustomer,
    market_queue_key,
)
from console.store.row_scope import SEES_EVERY_ROW_SQL, sees_every_row
from console.team import people
from console.team.accounts import prepare_team_database
from console.team.people import PersonSpec
from console.team.scope import set_queue_vendor

PASSWORD = "scope-secret"


@dataclass
class World:
    url: str
    logins: dict[str, str]  # who -> login role
    conversations: dict[str, int]  # name -> id
    messages: dict[str, int]  # conversation name -> its message id
    customers: dict[str, int]  # conversation name -> its customer id
    people: dict[str, int]  # who -> agent id


def _connect(url: str, login: str) -> Any:
    parsed = make_url(url)
    return psycopg.connect(
        host=parsed.host,
        port=parsed.port,
        dbname=parsed.database,
        user=login,
        password=PASSWORD,
        connect_timeout=5,
    )


def _as(url: str, login: str) -> str:
    return make_url(url).set(username=login, password=PASSWORD).render_as_string(False)


@pytest.fixture
def world(team_url: str) -> Iterator[World]:
    token = uuid.uuid4().hex[:8]
    owner = open_store(team_url)
    try:
        prepare_team_database(owner)
        with owner.session() as session:
            markets = {}
            for code, countries, language in (
                ("DE", ["DE"], "de"),
                ("FR", ["FR"], "fr"),
                ("US", ["US"], "en"),
            ):
                market = session.scalars(select(Market).where(Market.code == code)).first()
                if market is None:
                    market = Market(code=code, name=code, countries=countries, languages=[language])
                    session.add(market)
                    session.flush()
                markets[code] = market.id
            ensure_queues(session)
        with owner.session() as session:
            queues = {
                key: queue_id for key, queue_id in session.execute(
                    select(RoutingQueue.key, RoutingQueue.id)
                )
            }  # fmt: skip
            set_queue_vendor(session, queues[market_queue_key(markets["FR"])], f"X {token}",
                             actor="test")  # fmt: skip
            set_queue_vendor(session, queues[market_queue_key(markets["US"])], f"Y {token}",
                             actor="test")  # fmt: skip
            specs = {
                "de_agent": PersonSpec(f"Dora {token}", AgentRole.AGENT, markets=("DE",)),
                "x_agent": PersonSpec(
                    f"Xavier {token}", AgentRole.AGENT, markets=("FR",), vendor=f"X {token}"
                ),
                "y_agent": PersonSpec(
                    f"Yuki {token}", AgentRole.AGENT, markets=("US",), vendor=f"Y {token}"
                ),
                "x_lead": PersonSpec(f"Xena {token}", AgentRole.LEAD, vendor=f"X {token}"),
                "lead": PersonSpec(f"Lea {token}", AgentRole.LEAD),
                "qa": PersonSpec(f"Quinn {token}", AgentRole.QA),
                "compliance": PersonSpec(f"Cora {token}", AgentRole.COMPLIANCE),
                "admin": PersonSpec(f"Ada {token}", AgentRole.ADMIN),
            }
            logins: dict[str, str] = {}
            ids: dict[str, int] = {}
            for who, spec in specs.items():
                person = people.save_person(session, spec, actor="test", password=PASSWORD)
                assert person.login_role is not None
                logins[who] = person.login_role
                ids[who] = person.id
        now = datetime.now(UTC)
        layout = {
            "de": (markets["DE"], queues[market_queue_key(markets["DE"])], None),
            "fr": (markets["FR"], queues[market_queue_key(markets["FR"])], None),
            "fr_escalated": (markets["FR"], queues[ESCALATION_QUEUE_KEY], None),
            "us": (markets["US"], queues[market_queue_key(markets["US"])], None),
            "us_to_xavier": (
                markets["US"], queues[market_queue_key(markets["US"])], ids["x_agent"],
            ),
            "nowhere": (None, None, None),
        }  # fmt: skip
        conversations: dict[str, int] = {}
        messages: dict[str, int] = {}
        customers: dict[str, int] = {}
        with owner.session() as session:
            for index, (name, (market_id, queue_id, assignee)) in enumerate(layout.items()):
                customer = Customer(name=f"Customer {name}")
                customer.identities.append(
                    ChannelIdentity(kind=ChannelKind.EMAIL, address=f"{name}.{token}@example.com")
                )
                conversation = Conversation(
                    customer=customer,
                    market_id=market_id,
                    queue_id=queue_id,
                    assignee_id=assignee,
                    channel=ChannelKind.EMAIL,
                    preview=f"about {name}",
                    message_count=1,
                    last_activity_at=now - timedelta(minutes=index),
                )
                message = Message(
                    direction=Direction.INBOUND,
                    channel=ChannelKind.EMAIL,
                    sent_at=now - timedelta(minutes=index),
                    text=f"secret words of {name}",
                )
                session.add_all([customer, conversation])
                session.flush()
                message.conversation_id = conversation.id
                session.add(message)
                session.flush()
                session.add(
                    Translation(
                        message_id=message.id,
                        target_language="en",
                        engine="test",
                        engine_version="1",
                        text=f"translated {name}",
                    )
                )
                session.add(Draft(conversation_id=conversation.id, agent_key=0, text="draft"))
                conversations[name] = conversation.id
                messages[name] = message.id
                customers[name] = customer.id
    finally:
        owner.close()
    yield World(team_url, logins, conversations, messages, customers, ids)
    # Login roles belong to the whole server: drop this test's people.
    for login in logins.values():
        with psycopg.connect(
            host=make_url(team_url).host,
            port=make_url(team_url).port,
            dbname=make_url(team_url).database,
            user="postgres",
            autocommit=True,
        ) as connection:
            connection.execute(f'DROP OWNED BY "{login}"')
            connection.execute(f'DROP ROLE IF EXISTS "{login}"')


EVERYTHING = {"de", "fr", "fr_escalated", "us", "us_to_xavier", "nowhere"}
EXPECTED = {
    "de_agent": {"de"},
    "x_agent": {"fr", "us_to_xavier"},
    "y_agent": {"us", "us_to_xavier"},
    "x_lead": {"fr"},
    "lead": EVERYTHING,
    "qa": EVERYTHING,
    "compliance": EVERYTHING,
    "admin": EVERYTHING,
}


def _names(world: World, ids: set[int], by: dict[str, int]) -> set[str]:
    named = {value: key for key, value in by.items()}
    return {named[i] for i in ids if i in named}


@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_each_person_sees_exactly_their_scope_in_plain_sql_and_in_the_inbox(
    world: World, who: str
) -> None:
    expected = EXPECTED[who]
    with _connect(world.url, world.logins[who]) as connection:
        assert connection.execute("SELECT current_user").fetchone() == (world.logins[who],)

        def ids(statement: str) -> set[int]:
            return {int(row[0]) for row in connection.execute(statement)}

        assert _names(world, ids("SELECT id FROM conversations"), world.conversations) == expected
        assert _names(world, ids("SELECT id FROM messages"), world.messages) == expected
        assert _names(world, ids("SELECT id FROM customers"), world.customers) == expected
        assert _names(world, ids("SELECT message_id FROM translations"), world.messages) == expected
        assert (
            _names(world, ids("SELECT conversation_id FROM drafts"), world.conversations)
            == expected
        )
        assert (
            _names(world, ids("SELECT customer_id FROM channel_identities"), world.customers)
            == expected
        )
        assert (
            _names(world, ids("SELECT conversation_id FROM message_fts"), world.conversations)
            == expected
        )
        # The search's own reader (search_scope.py) keeps to the same scope.
        hits = "SELECT * FROM console_private.search_hits(to_tsquery('simple', '{}'))"
        for word in ("secret", "translated"):
            assert _names(world, ids(hits.format(word)), world.conversations) == expected
    # The window's own listing over a store opened as them: the same conversations,
    # listed and searched (in the messages, and in their translations).
    seat = open_store(_as(world.url, world.logins[who]))
    try:
        with seat.session() as session:
            me = people.sign_in(session)
            shown = listing(session, InboxFilter(view=InboxView.ALL, agent_id=me.id), 50)
            searched = {
                word: set(listing(session, InboxFilter(search=word), 50).ids)
                for word in ("secret", "translated", "secre")
            }
            assert sees_every_row(session) is (expected == EVERYTHING)
    finally:
        seat.close()
    assert _names(world, set(shown.ids), world.conversations) == expected
    assert set(shown.first_page.rows) == {world.conversations[name] for name in expected}
    for word, found in searched.items():
        assert _names(world, found, world.conversations) == expected, word


def test_a_login_that_is_no_person_finds_nothing_and_others_may_not_search(
    world: World,
) -> None:
    owner = make_url(world.url)
    with psycopg.connect(
        host=owner.host, port=owner.port, dbname=owner.database, user="postgres", autocommit=True
    ) as admin:
        stranger = f"stranger_{uuid.uuid4().hex[:8]}"
        admin.execute(f"CREATE ROLE {stranger} LOGIN PASSWORD '{PASSWORD}'")
        try:
            admin.execute(f'GRANT "console_people" TO {stranger}')
            search = "SELECT * FROM console_private.search_hits(to_tsquery('simple', 'secret'))"
            with _connect(world.url, stranger) as connection:
                assert connection.execute(search).fetchall() == []  # no person: nothing
            admin.execute(f'REVOKE "console_people" FROM {stranger}')
            with (
                _connect(world.url, stranger) as connection,
                pytest.raises(psycopg.errors.InsufficientPrivilege),
            ):
                connection.execute(search)
        finally:
            admin.execute(f"DROP ROLE {stranger}")


def test_an_agent_cannot_read_or_change_another_vendors_conversation_even_by_id(
    world: World,
) -> None:
    theirs = world.conversations["us"]  # vendor Y's queue, not assigned to Xavier
    with _connect(world.url, world.logins["x_agent"]) as connection:
        row = connection.execute(
            "SELECT text FROM messages WHERE id = %s", (world.messages["us"],)
        ).fetchone()
        assert row is None
        assert (
            connection.execute(
                "SELECT text FROM translations WHERE message_id = %s", (world.messages["us"],)
            ).fetchone()
            is None
        )
        changed = connection.execute(
            "UPDATE conversations SET status = 'resolved', assignee_id = NULL WHERE id = %s",
            (theirs,),
        )
        assert changed.rowcount == 0
        assert connection.execute("DELETE FROM messages WHERE id = %s", (world.messages["us"],)
                                  ).rowcount == 0  # fmt: skip
        connection.commit()
        # Nor can a message be slipped into it.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute(
                "INSERT INTO messages (conversation_id, direction, channel, sent_at, text) "
                "VALUES (%s, 'outbound', 'email', now(), 'hi')",
                (theirs,),
            )
        connection.rollback()
        # Their own conversation they may change.
        mine = connection.execute(
            "UPDATE conversations SET status = 'resolved' WHERE id = %s",
            (world.conversations["fr"],),
        )
        assert mine.rowcount == 1
        connection.commit()
    seat = open_store(_as(world.url, world.logins["x_agent"]))
    try:
        with seat.session() as session:
            assert session.get(Message, world.messages["us"]) is None
            assert session.get(Conversation, theirs) is None
    finally:
        seat.close()
    owner = open_store(world.url)
    try:
        with owner.session() as session:
            conversation = session.get(Conversation, theirs)
            assert conversation is not None and conversation.status == "open"
            assert session.get(Message, world.messages["us"]) is not None
    finally:
        owner.close()


def test_privileges_are_narrowed_per_role_and_refusals_are_a_problem(world: World) -> None:
    with _connect(world.url, world.logins["de_agent"]) as connection:
        for statement in (
            "UPDATE policy_settings SET key = key",
            "UPDATE routing_queues SET vendor = NULL",
            "UPDATE agents SET role = 'admin'",
            "UPDATE audit_log SET actor = 'nobody'",
            "DELETE FROM audit_log",
            "INSERT INTO market_assignments (market_id, agent_id, assigned_by, assigned_at) "
            "SELECT id, 1, 'me', now() FROM markets",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(statement)
            connection.rollback()
        # Reading the people, markets and rules the window shows is allowed.
        assert connection.execute("SELECT count(*) FROM agents").fetchone()[0] >= 8
        assert connection.execute("SELECT count(*) FROM policy_settings").fetchone() is not None
    # In the app: the console's own function (even named a compliance person's id, as a
    # tampered seat could), refused by the database with the store's problem.
    seat = open_store(_as(world.url, world.logins["de_agent"]))
    try:
        with pytest.raises(Exception) as refused, seat.session() as session:
            set_store_return_window(session, world.people["compliance"], 30)
        error = translate_database_error(refused.value, seat.name)
        assert isinstance(error, NotPermittedError)
        assert error.problem.code == "store.not_permitted"
    finally:
        seat.close()
    # Compliance staff may change the policy tables; leads the routing tables.
    seat = open_store(_as(world.url, world.logins["compliance"]))
    try:
        with seat.session() as session:
            set_store_return_window(session, world.people["compliance"], 30)
    finally:
        seat.close()
    with _connect(world.url, world.logins["lead"]) as connection:
        connection.execute("UPDATE routing_queues SET auto_assign = auto_assign")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute("UPDATE agents SET name = name")
        connection.rollback()
    with _connect(world.url, world.logins["admin"]) as connection:
        connection.execute("UPDATE agents SET name = name")
        connection.commit()


def test_only_people_who_see_every_row_take_the_teams_duties(world: World) -> None:
    for who, sees in (("de_agent", False), ("x_lead", False), ("lead", True), ("admin", True)):
        with _connect(world.url, world.logins[who]) as connection:
            assert connection.execute(SEES_EVERY_ROW_SQL).fetchone() == (sees,), who
    owner = open_store(world.url)
    try:
        with owner.session() as session:
            assert sees_every_row(session)
            # A disabled person sees nothing, whatever their role.
            session.execute(
                update(Agent)
                .where(Agent.login_role == world.logins["lead"])
                .values(disabled_at=datetime.now(UTC))
            )
    finally:
        owner.close()
    with _connect(world.url, world.logins["lead"]) as connection:
        assert connection.execute("SELECT count(*) FROM conversations").fetchone() == (0,)


def test_compliance_staff_erase_a_vip_customer_as_themselves(world: World) -> None:
    # An erasure removes every row about the customer, also in tables other roles own
    # (a VIP mark is the leads'): compliance staff may delete there, nothing else.
    customer_id = next(iter(world.customers.values()))
    owner = open_store(world.url)
    try:
        with owner.session() as session:
            session.add(VipCustomer(customer_id=customer_id, marked_by="lead"))
    finally:
        owner.close()
    seat = open_store(_as(world.url, world.logins["compliance"]))
    try:
        with seat.session() as session:
            erase_customer(
                session,
                customer_id,
                actor="Cora",
                reason="GDPR art. 17 request",
                agent_id=world.people["compliance"],
            )
        with seat.session() as session:
            assert session.get(VipCustomer, customer_id) is None
    finally:
        seat.close()
    with (
        _connect(world.url, world.logins["compliance"]) as connection,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        connection.execute("UPDATE vip_customers SET marked_by = 'me'")
