"""``support-console team init / add / disable``: each person a PostgreSQL login role.

Against the real test server (tests/pg_server.py): its pg_hba.conf asks members of
``console_people`` for their password, so expiry (VALID UNTIL) is the server's to enforce.
Roles belong to the whole server, so each test names its people with a token of its own.
"""

from __future__ import annotations

import io
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import psycopg
import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import make_url

from console.cli import main
from console.policies import ensure_seed_pack
from console.store import open_store
from console.store.models import Agent, AuditEntry, Market
from console.store.policy_tables import PolicyVersion
from console.store.postgresql import StoreUnreachableError
from console.team import people
from console.team.connection import from_url, sign_in_store
from console.team.people import SignInRefused

pytestmark = pytest.mark.usefixtures("pg_server")


@pytest.fixture
def token() -> str:
    return uuid.uuid4().hex[:8]


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
    )


def _init(monkeypatch: pytest.MonkeyPatch, url: str, admin: str, password: str) -> int:
    return _run(
        monkeypatch, ["team", "init", "--db", url, "--admin", admin, "--password-stdin"], password
    )


def test_init_twice_add_and_the_person_signs_in_as_themselves(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], pg_url: str, token: str
) -> None:
    admin = f"Ada {token}"
    assert _init(monkeypatch, pg_url, admin, "ada-secret\n") == 0
    out = capsys.readouterr().out
    assert f"Administrator {admin} signs in as ada.{token}." in out
    # Again, without a password: nothing doubles, the password stays.
    assert _run(monkeypatch, ["team", "init", "--db", pg_url, "--admin", admin]) == 0
    store = open_store(pg_url)
    with store.session() as session:
        session.add(
            Market(code="DACH", name="DACH", countries=["DE", "AT", "CH"], languages=["de"])
        )
    store.close()

    name = f"Wang Fang {token}"
    code = _run(
        monkeypatch,
        ["team", "add", "--db", pg_url, "--name", name, "--role", "agent", "--markets", "DE",
         "--languages", "de,zh", "--vendor", "Acme BPO", "--expires", "2099-12-31",
         "--password-stdin"],
        "wf-secret\n",
    )  # fmt: skip
    assert code == 0
    assert f"Added {name} (agent); they sign in as wang.fang.{token}." in capsys.readouterr().out

    login = f"wang.fang.{token}"
    with _connect(pg_url, login, "wf-secret") as connection:
        assert connection.execute("SELECT current_user").fetchone() == (login,)
        # Her group role may work with the console's tables.
        connection.execute("SELECT count(*) FROM conversations").fetchone()
    with pytest.raises(psycopg.OperationalError):
        _connect(pg_url, login, "wrong").close()
    with _connect(pg_url, f"ada.{token}", "ada-secret") as connection:
        assert connection.execute("SELECT current_user").fetchone() == (f"ada.{token}",)

    signed = open_store(_as(pg_url, login, "wf-secret"))
    with signed.session() as session:
        person = people.sign_in(session)
    signed.close()
    assert (person.name, person.role, person.markets, person.languages, person.vendor) == (
        name, "agent", ("DACH",), ("de", "zh"), "Acme BPO",
    )  # fmt: skip
    assert person.expires_on == date(2099, 12, 31)

    store = open_store(pg_url)
    with store.session() as session:
        admins = session.scalars(select(Agent).where(Agent.name == admin)).all()
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.entity == "agent"))
        recorded = list(actions)
    store.close()
    assert len(admins) == 1 and admins[0].login_role == f"ada.{token}"
    assert recorded.count("person.added") == 2


def test_an_administrator_adds_people_as_themselves(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], pg_url: str, token: str
) -> None:
    assert _init(monkeypatch, pg_url, f"Root {token}", "root-pw\n") == 0
    as_admin = _as(pg_url, f"root.{token}", "root-pw")
    code = _run(
        monkeypatch,
        ["team", "add", "--db", as_admin, "--name", f"Lee {token}", "--role", "lead",
         "--password-stdin"],
        "lee-pw\n",
    )  # fmt: skip
    assert code == 0, capsys.readouterr().err
    # A lead is not an administrator: adding people is refused with a sentence.
    as_lead = _as(pg_url, f"lee.{token}", "lee-pw")
    code = _run(
        monkeypatch,
        ["team", "add", "--db", as_lead, "--name", f"Mo {token}", "--role", "agent",
         "--password-stdin"],
        "mo-pw\n",
    )  # fmt: skip
    assert code == 1
    assert "may not create the team's roles or people" in capsys.readouterr().err
    store = open_store(pg_url)
    with store.session() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "person.added").order_by(AuditEntry.id)
        ).all()[-1]
    store.close()
    assert entry.actor == f"Root {token}"  # the signed-in administrator made the change


def test_an_expired_account_is_refused_by_the_server_and_by_the_app(
    monkeypatch: pytest.MonkeyPatch, pg_url: str, token: str
) -> None:
    assert _init(monkeypatch, pg_url, f"Boss {token}", "boss-pw\n") == 0
    yesterday = (datetime.now(UTC) - timedelta(days=2)).date().isoformat()
    code = _run(
        monkeypatch,
        ["team", "add", "--db", pg_url, "--name", f"Temp {token}", "--role", "agent",
         "--expires", yesterday, "--password-stdin"],
        "temp-pw\n",
    )  # fmt: skip
    assert code == 0
    with pytest.raises(psycopg.OperationalError):
        _connect(pg_url, f"temp.{token}", "temp-pw").close()
    with pytest.raises(StoreUnreachableError) as refused:
        open_store(_as(pg_url, f"temp.{token}", "temp-pw"))
    assert refused.value.problem.code == "store.sign_in_refused"

    # The app checks the day itself too: an account whose last day is today works
    # today and is refused tomorrow (in the person's own time zone).
    today = datetime.now(UTC).date().isoformat()
    _run(
        monkeypatch,
        ["team", "add", "--db", pg_url, "--name", f"Short {token}", "--role", "agent",
         "--expires", today, "--password-stdin"],
        "short-pw\n",
    )  # fmt: skip
    signed = open_store(_as(pg_url, f"short.{token}", "short-pw"))
    with signed.session() as session:
        assert people.sign_in(session).name == f"Short {token}"
        with pytest.raises(SignInRefused) as later:
            people.sign_in(session, now=datetime.now(UTC) + timedelta(days=1))
    signed.close()
    assert later.value.problem.code == "team.account_expired"


def test_a_disabled_account_is_refused_by_the_server_and_by_the_app(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], pg_url: str, token: str
) -> None:
    assert _init(monkeypatch, pg_url, f"Chief {token}", "chief-pw\n") == 0
    name, login = f"Gone {token}", f"gone.{token}"
    args = ["team", "add", "--db", pg_url, "--name", name, "--role", "qa", "--password-stdin"]
    assert _run(monkeypatch, args, "gone-pw\n") == 0
    _connect(pg_url, login, "gone-pw").close()
    assert _run(monkeypatch, ["team", "disable", "--db", pg_url, "--name", name]) == 0
    assert f"{name} ({login}) is disabled." in capsys.readouterr().out
    with pytest.raises(psycopg.OperationalError):
        _connect(pg_url, login, "gone-pw").close()

    # Enabled again on the server but disabled in the store (the app's own check).
    assert _run(monkeypatch, ["team", "disable", "--db", pg_url, "--name", name, "--enable"]) == 0
    store = open_store(pg_url)
    with store.session() as session:
        session.execute(
            update(Agent).where(Agent.login_role == login).values(disabled_at=datetime.now(UTC))
        )
    store.close()
    signed = open_store(_as(pg_url, login, "gone-pw"))
    with signed.session() as session, pytest.raises(SignInRefused) as refused:
        people.sign_in(session)
    signed.close()
    assert refused.value.problem.code == "team.account_disabled"


def test_bad_input_is_one_sentence_and_changes_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], pg_url: str, token: str
) -> None:
    assert _init(monkeypatch, pg_url, f"Head {token}", "head-pw\n") == 0
    base = ["team", "add", "--db", pg_url, "--name", f"Nia {token}", "--role", "agent"]
    assert _run(monkeypatch, [*base, "--markets", "XX", "--password-stdin"], "pw\n") == 1
    assert "There is no market XX" in capsys.readouterr().err
    assert _run(monkeypatch, [*base, "--expires", "31.12.2026", "--password-stdin"], "pw\n") == 1
    assert "31.12.2026 is not a date" in capsys.readouterr().err
    assert _run(monkeypatch, base) == 1  # no password, no terminal
    assert "--password-stdin" in capsys.readouterr().err
    store = open_store(pg_url)
    with store.session() as session:
        assert people.find_person(session, f"Nia {token}") is None
    store.close()


def test_a_team_store_is_postgresql(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Any
) -> None:
    url = f"sqlite:///{tmp_path / 's.sqlite3'}"
    assert _run(monkeypatch, ["team", "init", "--db", url, "--admin", "A"]) == 1
    assert "is not one" in capsys.readouterr().err


def test_sign_ins_and_the_consoles_refusals_are_audited(
    monkeypatch: pytest.MonkeyPatch, pg_url: str, token: str
) -> None:
    assert _init(monkeypatch, pg_url, f"Boss {token}", "boss-pw\n") == 0
    today = datetime.now(UTC).date().isoformat()
    name = f"Short {token}"
    _run(
        monkeypatch,
        ["team", "add", "--db", pg_url, "--name", name, "--role", "agent",
         "--expires", today, "--password-stdin"],
        "short-pw\n",
    )  # fmt: skip
    connection, _password = from_url(_as(pg_url, f"short.{token}", "short-pw"))
    store, person = sign_in_store(connection, "short-pw")
    store.close()
    with pytest.raises(SignInRefused):  # the next day, as the console sees it
        sign_in_store(connection, "short-pw", now=datetime.now(UTC) + timedelta(days=1))
    owner = open_store(pg_url)
    with owner.session() as session:
        entries = session.execute(
            select(AuditEntry.action, AuditEntry.actor, AuditEntry.entity_id, AuditEntry.detail)
            .where(AuditEntry.action.in_(["sign_in", "sign_in_refused"]))
            .order_by(AuditEntry.id)
        ).all()
    owner.close()
    assert [(action, entity_id) for action, _actor, entity_id, _detail in entries] == [
        ("sign_in", person.id),
        ("sign_in_refused", person.id),
    ]
    assert entries[0].actor == name
    assert entries[1].detail["reason"] == "team.account_expired"
    assert "short-pw" not in str(entries)


def test_init_stores_the_starting_rules_and_an_agents_seat_never_writes_them(
    monkeypatch: pytest.MonkeyPatch, pg_url: str, token: str
) -> None:
    """Only someone who may write the rules loads the seed pack: ``team init`` does; an
    agent opening a store without rules reads none, and nothing is refused."""
    assert _init(monkeypatch, pg_url, f"Ada {token}", "ada-secret\n") == 0
    owner = open_store(pg_url)
    with owner.session() as session:
        assert session.scalar(select(func.count()).select_from(PolicyVersion)) > 0
        session.execute(delete(PolicyVersion))  # a store whose rules were never loaded
    owner.close()
    name = f"Wang Fang {token}"
    argv = ["team", "add", "--db", pg_url, "--name", name, "--role", "agent", "--password-stdin"]
    assert _run(monkeypatch, argv, "wf-secret\n") == 0
    seat = open_store(_as(pg_url, f"wang.fang.{token}", "wf-secret"))
    try:
        with seat.session() as session:
            assert ensure_seed_pack(session) is False
            assert session.scalar(select(func.count()).select_from(PolicyVersion)) == 0
    finally:
        seat.close()
