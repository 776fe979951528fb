"""The people of a store and their accounts (Qt-free; the CLI and *Team → People* use it).

In a team store (PostgreSQL) each person is a PostgreSQL **login role** of their
own, so the database itself knows who acts: ``agents.login_role = current_user``
finds the one person signed in (the column is unique). Every person is a member
of the group role :data:`PEOPLE_GROUP` and of the group role of their console
role (:data:`GROUP_ROLES`); the group roles hold the table privileges
(``console/team/accounts.py: prepare_team_database``). Administrators' login
roles have ``CREATEROLE``, so an administrator can add, change and disable
people from the console or the command line.

An account cannot sign in when:

* it is **disabled** (``agents.disabled_at`` set; the login role is ``NOLOGIN``);
* it has **expired**: ``expires_on`` is the *last day* the person may sign in,
  counted in the person's own time zone (``agents.time_zone``; UTC when none).
  The login role is ``VALID UNTIL`` the start of the next day in that zone, so
  the server refuses the password from then on too.

A single-seat store (SQLite) has no accounts: its people are local profiles.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import column, func, select, table
from sqlalchemy.orm import Session

from console import audit
from console.customers.country import markets_by_country
from console.problems import Problem, ProblemError, define, problem
from console.store.coverage_tables import MarketAssignment
from console.store.models import Agent, AgentRole, Market
from console.team.masking_roles import default_masked, masking_groups, sync_masking

#: Every person of a team store is a member of this group role (pg_hba: +console_people).
PEOPLE_GROUP = "console_people"
#: The group role of each console role; it holds that role's table privileges.
GROUP_ROLES: dict[AgentRole, str] = {
    AgentRole.AGENT: "console_role_agent",
    AgentRole.LEAD: "console_role_lead",
    AgentRole.QA: "console_role_qa",
    AgentRole.COMPLIANCE: "console_role_compliance",
    AgentRole.ADMIN: "console_role_admin",
}
#: Who may change people; who may see the list.
EDITOR_ROLES = frozenset({AgentRole.ADMIN})
VIEWER_ROLES = frozenset({AgentRole.ADMIN, AgentRole.LEAD})
NAME_CHARS = 200
LOGIN_BYTES = 63  # PostgreSQL's identifier limit
_LANGUAGE = re.compile(r"^[a-z]{2,3}(_[A-Z0-9]{2,8})?$")

NAME_MISSING = define("team.name_missing", "A person needs a name.")
NAME_TOO_LONG = define("team.name_too_long", "A name can be at most {limit} characters long.")
LOGIN_INVALID = define(
    "team.login_invalid",
    "{name} cannot be made into a sign-in name. Use letters or digits in the name.",
)
LOGIN_TAKEN = define(
    "team.login_taken", "The sign-in name {login} already belongs to {other}; choose another name."
)
LOGIN_RESERVED = define(
    "team.login_reserved",
    "The sign-in name {login} is a database administrator's or the console's own; "
    "choose another name.",
)
MARKET_UNKNOWN = define(
    "team.market_unknown", "There is no market {market}. The markets are: {known}."
)
LANGUAGE_INVALID = define(
    "team.language_invalid", "{value} is not a language code (such as de, fr or zh)."
)
DATE_INVALID = define("team.date_invalid", "{value} is not a date; write it as YYYY-MM-DD.")
PASSWORD_MISSING = define(
    "team.password_missing", "{name} needs a password to sign in; nothing was changed."
)
PERSON_GONE = define("team.person_gone", "This person no longer exists.")
NOT_A_PERSON = define(
    "team.not_a_person",
    "The sign-in {login} is not a person of this team store. Ask your administrator to add you.",
)
ACCOUNT_DISABLED = define(
    "team.account_disabled",
    "The account of {name} is disabled, so it cannot sign in. Ask your administrator.",
)
ACCOUNT_EXPIRED = define(
    "team.account_expired",
    "The account of {name} expired after {day}, so it cannot sign in. Ask your "
    "administrator to extend it.",
)
NOT_ALLOWED = define("team.not_allowed", "Only an administrator can change people.")
CANNOT_DISABLE_SELF = define(
    "team.cannot_disable_self", "You cannot disable or expire your own account."
)


class PeopleError(ProblemError):
    """Bad input for a person, or a change the actor may not make; nothing was changed."""


class SignInRefused(ProblemError):
    """The account is not a person of the store, or is disabled or expired."""

    def __init__(self, refusal: Problem, *, person_id: int | None = None) -> None:
        super().__init__(refusal)
        self.person_id = person_id


@dataclass(frozen=True)
class PersonView:
    id: int
    name: str
    role: AgentRole
    languages: tuple[str, ...]
    markets: tuple[str, ...]  # market codes
    vendor: str | None
    joined_on: date | None
    expires_on: date | None
    disabled: bool
    login_role: str | None
    time_zone: str | None
    #: Reads customer data masked (console/privacy/masking.py).
    masked: bool = False

    def today(self, now: datetime | None = None) -> date:
        """Today in the person's own time zone (UTC when none or unknown)."""
        return (now or datetime.now(UTC)).astimezone(_zone(self.time_zone)).date()

    def expired(self, now: datetime | None = None) -> bool:
        return self.expires_on is not None and self.today(now) > self.expires_on

    def refusal(self, now: datetime | None = None) -> Problem | None:
        """Why this person cannot sign in (None: they can)."""
        if self.disabled:
            return problem(ACCOUNT_DISABLED, name=self.name)
        if self.expires_on is not None and self.expired(now):
            return problem(ACCOUNT_EXPIRED, name=self.name, day=self.expires_on.isoformat())
        return None

    @property
    def can_edit_people(self) -> bool:
        return self.role in EDITOR_ROLES

    @property
    def can_view_people(self) -> bool:
        return self.role in VIEWER_ROLES


@dataclass(frozen=True)
class PersonSpec:
    """What an administrator enters for a person."""

    name: str
    role: AgentRole
    markets: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    vendor: str | None = None
    expires_on: date | None = None
    #: Reads customer data masked; None: the default (vendor and temporary people are).
    masked: bool | None = None


def _zone(name: str | None) -> Any:
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return UTC


def valid_until(expires_on: date, time_zone: str | None) -> datetime:
    """The moment an account whose last day is ``expires_on`` stops working (aware)."""
    return datetime.combine(expires_on + timedelta(days=1), time(0), tzinfo=_zone(time_zone))


def parse_codes(text: str | None) -> tuple[str, ...]:
    """``"DE, fr de"`` -> ``("DE", "fr", "de")``: comma or space separated, blanks dropped."""
    return tuple(part for part in re.split(r"[\s,;，、]+", text or "") if part)


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise PeopleError(problem(DATE_INVALID, value=text)) from None


def login_role_for(name: str) -> str:
    """The sign-in name (login role) made from a person's name: ``Wang Fang`` -> ``wang.fang``.

    Letters and digits in any script are kept (``王芳`` stays ``王芳``), spaces become
    dots, other characters are dropped; at most 63 bytes.
    """
    text = unicodedata.normalize("NFKC", name).casefold()
    kept = "".join(ch if ch.isalnum() or ch in "._-" else " " for ch in text)
    login = ".".join(kept.split()).strip(".-")
    while len(login.encode("utf-8")) > LOGIN_BYTES:
        login = login[:-1]
    if not login:
        raise PeopleError(problem(LOGIN_INVALID, name=name))
    if login in ("postgres", "public") or login.startswith(("pg_", "console_")):
        raise PeopleError(problem(LOGIN_RESERVED, login=login))
    return login


def is_team_store(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


# -- reading ------------------------------------------------------------------------------


def _views(session: Session, agents: list[Agent]) -> list[PersonView]:
    codes: dict[int, list[str]] = {}
    if agents:
        rows = session.execute(
            select(MarketAssignment.agent_id, Market.code)
            .join(Market, Market.id == MarketAssignment.market_id)
            .where(MarketAssignment.agent_id.in_([agent.id for agent in agents]))
            .order_by(Market.code)
        )
        for agent_id, code in rows:
            codes.setdefault(int(agent_id), []).append(str(code))
    return [
        PersonView(
            id=agent.id,
            name=agent.name,
            role=AgentRole(agent.role),
            languages=tuple(agent.languages or ()),
            markets=tuple(codes.get(agent.id, ())),
            vendor=agent.vendor,
            joined_on=agent.joined_on,
            expires_on=agent.expires_on,
            disabled=agent.disabled_at is not None,
            login_role=agent.login_role,
            time_zone=agent.time_zone,
            masked=bool(agent.masked),
        )
        for agent in agents
    ]


def list_people(session: Session) -> list[PersonView]:
    agents = list(session.scalars(select(Agent).order_by(Agent.name, Agent.id)))
    return _views(session, agents)


def get_person(session: Session, person_id: int) -> PersonView | None:
    agent = session.get(Agent, person_id)
    return _views(session, [agent])[0] if agent is not None else None


def find_person(session: Session, name: str) -> PersonView | None:
    agent = session.scalars(select(Agent).where(Agent.name == name.strip()).limit(1)).first()
    return _views(session, [agent])[0] if agent is not None else None


def current_login(session: Session) -> str:
    """The PostgreSQL role this session acts as (``current_user``)."""
    return str(session.scalar(select(func.current_user())))


def current_person(session: Session) -> PersonView | None:
    """The person whose login role this session is (team stores), or None."""
    if not is_team_store(session):
        return None
    agent = session.scalars(select(Agent).where(Agent.login_role == func.current_user())).first()
    return _views(session, [agent])[0] if agent is not None else None


def sign_in(session: Session, now: datetime | None = None) -> PersonView:
    """The person signed in on this session's connection; refused if not one, disabled, expired."""
    person = current_person(session)
    if person is None:
        raise SignInRefused(problem(NOT_A_PERSON, login=current_login(session)))
    refusal = person.refusal(now)
    if refusal is not None:
        raise SignInRefused(refusal, person_id=person.id)
    seat = str(session.scalar(select(func.current_setting("application_name"))) or "")
    audit.record_sign_in(session, person_id=person.id, actor=person.name, seat=seat[:64])
    return person


def record_refused_sign_in(session: Session, refused: SignInRefused) -> None:
    """Audit a sign-in the console refused (the server's own refusals never reach it)."""
    audit.record_sign_in_refused(
        session,
        login=current_login(session),
        reason=refused.problem.code,
        person_id=refused.person_id,
    )


def command_line_actor(session: Session) -> str:
    """Who a command-line change is recorded for: the signed-in person, else the login."""
    person = current_person(session)
    if person is not None:
        return person.name
    login = current_login(session) if is_team_store(session) else "local"
    return f"{login} (command line)"


# -- changing -----------------------------------------------------------------------------


def _check_spec(session: Session, spec: PersonSpec) -> tuple[str, list[int], list[str]]:
    name = " ".join(spec.name.split())
    if not name:
        raise PeopleError(problem(NAME_MISSING))
    if len(name) > NAME_CHARS:
        raise PeopleError(problem(NAME_TOO_LONG, limit=NAME_CHARS))
    languages: list[str] = []
    for value in spec.languages:
        base, _, region = value.strip().replace("-", "_").partition("_")
        code = base.lower() + ("_" + region.upper() if region else "")
        if not _LANGUAGE.match(code):
            raise PeopleError(problem(LANGUAGE_INVALID, value=value))
        if code not in languages:
            languages.append(code)
    markets = {str(code).upper(): int(market_id) for market_id, code in session.execute(
        select(Market.id, Market.code)
    )}  # fmt: skip
    by_country = markets_by_country(session)
    market_ids: list[int] = []
    for value in spec.markets:
        wanted = value.strip().upper()
        market_id = markets.get(wanted, by_country.get(wanted))
        if market_id is None:
            known = ", ".join(sorted(markets)) or "-"
            raise PeopleError(problem(MARKET_UNKNOWN, market=value, known=known))
        if market_id not in market_ids:
            market_ids.append(market_id)
    return name, market_ids, languages


def save_person(
    session: Session,
    spec: PersonSpec,
    *,
    actor: str,
    person_id: int | None = None,
    password: str | None = None,
) -> PersonView:
    """Add a person (``person_id`` None) or change one; in a team store, their login role too.

    A new person in a team store needs a ``password``; a changed one keeps theirs
    unless a new one is given. Audited; the caller publishes ``Changes(people=True)``.
    """
    name, market_ids, languages = _check_spec(session, spec)
    team = is_team_store(session)
    if person_id is None:
        agent = Agent(name=name, role=spec.role, languages=languages, joined_on=date.today())
        session.add(agent)
    else:
        found = session.get(Agent, person_id)
        if found is None:
            raise PeopleError(problem(PERSON_GONE))
        agent = found
    before = {
        "name": agent.name,
        "role": None if person_id is None else str(AgentRole(agent.role)),
        "vendor": agent.vendor,
        "expires_on": agent.expires_on.isoformat() if agent.expires_on else None,
        "masked": None if person_id is None else bool(agent.masked),
    }
    agent.name = name
    agent.role = spec.role
    agent.languages = languages
    agent.vendor = (spec.vendor or "").strip() or None
    agent.expires_on = spec.expires_on
    agent.masked = (
        default_masked(agent.vendor, spec.expires_on) if spec.masked is None else spec.masked
    )
    session.flush()
    if team:
        if agent.login_role is None:
            login = login_role_for(name)
            other = session.scalars(
                select(Agent.name).where(Agent.login_role == login, Agent.id != agent.id)
            ).first()
            if other is not None:
                raise PeopleError(problem(LOGIN_TAKEN, login=login, other=other))
            agent.login_role = login
            session.flush()
        _sync_login_role(session, agent, password=password)
    _sync_markets(session, agent.id, market_ids, actor=actor)
    audit.record(
        session,
        actor=actor,
        action="person.added" if person_id is None else "person.changed",
        entity="agent",
        entity_id=agent.id,
        name=name,
        role=str(spec.role),
        markets=sorted(spec.markets),
        languages=languages,
        vendor=agent.vendor,
        expires_on=spec.expires_on.isoformat() if spec.expires_on else None,
        login_role=agent.login_role,
        masked=bool(agent.masked),
        password_set=password is not None,
        before=before,
    )
    view = get_person(session, agent.id)
    assert view is not None
    return view


def set_disabled(
    session: Session,
    person_id: int,
    disabled: bool,
    *,
    actor: str,
    acting_id: int | None = None,
) -> PersonView:
    """Disable a person (they cannot sign in, their history stays) or enable them again."""
    agent = session.get(Agent, person_id)
    if agent is None:
        raise PeopleError(problem(PERSON_GONE))
    if disabled and acting_id == person_id:
        raise PeopleError(problem(CANNOT_DISABLE_SELF))
    agent.disabled_at = datetime.now(UTC) if disabled else None
    session.flush()
    if is_team_store(session) and agent.login_role is not None:
        _sync_login_role(session, agent, password=None)
    audit.record(
        session,
        actor=actor,
        action="person.disabled" if disabled else "person.enabled",
        entity="agent",
        entity_id=agent.id,
        name=agent.name,
    )
    view = get_person(session, agent.id)
    assert view is not None
    return view


def expire_person(
    session: Session,
    person_id: int,
    *,
    actor: str,
    acting_id: int | None = None,
    last_day: date | None = None,
    now: datetime | None = None,
) -> PersonView:
    """End a person's account: ``last_day`` (default yesterday in their zone) is their last day."""
    agent = session.get(Agent, person_id)
    if agent is None:
        raise PeopleError(problem(PERSON_GONE))
    if acting_id == person_id:
        raise PeopleError(problem(CANNOT_DISABLE_SELF))
    today = (now or datetime.now(UTC)).astimezone(_zone(agent.time_zone)).date()
    agent.expires_on = last_day or today - timedelta(days=1)
    session.flush()
    if is_team_store(session) and agent.login_role is not None:
        _sync_login_role(session, agent, password=None)
    audit.record(
        session,
        actor=actor,
        action="person.expired",
        entity="agent",
        entity_id=agent.id,
        name=agent.name,
        expires_on=agent.expires_on.isoformat(),
    )
    view = get_person(session, agent.id)
    assert view is not None
    return view


def _sync_markets(session: Session, agent_id: int, market_ids: list[int], *, actor: str) -> None:
    existing = {
        int(market_id): row_id
        for row_id, market_id in session.execute(
            select(MarketAssignment.id, MarketAssignment.market_id).where(
                MarketAssignment.agent_id == agent_id
            )
        )
    }
    for market_id, row_id in existing.items():
        if market_id not in market_ids:
            row = session.get(MarketAssignment, row_id)
            if row is not None:
                session.delete(row)
    for market_id in market_ids:
        if market_id not in existing:
            session.add(MarketAssignment(market_id=market_id, agent_id=agent_id, assigned_by=actor))
    session.flush()


# -- PostgreSQL roles -----------------------------------------------------------------------


def execute_sql(session: Session, statement: Any) -> None:
    """Run a psycopg ``sql.Composed`` (quoted names and literals) in the session's transaction."""
    raw: Any = session.connection().connection.dbapi_connection
    raw.execute(statement)


def role_exists(session: Session, role: str) -> bool:
    roles = _pg_roles()
    return (
        session.execute(select(roles.c.rolname).where(roles.c.rolname == role)).first() is not None
    )


_PG_ROLES = table("pg_roles", column("rolname"), column("rolsuper"))


def _pg_roles() -> Any:
    return _PG_ROLES


def _sync_login_role(session: Session, agent: Agent, *, password: str | None) -> None:
    """Make the person's login role match the row: exists, password, LOGIN/NOLOGIN,
    VALID UNTIL, CREATEROLE for administrators, membership of their role's group only."""
    from psycopg import sql

    login = agent.login_role
    assert login is not None
    ident = sql.Identifier(login)
    row = session.execute(
        select(_pg_roles().c.rolsuper).where(_pg_roles().c.rolname == login)
    ).first()
    if row is not None and row[0]:
        raise PeopleError(problem(LOGIN_RESERVED, login=login))
    if row is None:
        if not password:
            raise PeopleError(problem(PASSWORD_MISSING, name=agent.name))
        execute_sql(session, sql.SQL("CREATE ROLE {} LOGIN").format(ident))
    role = AgentRole(agent.role)
    options = [
        sql.SQL("LOGIN" if agent.disabled_at is None else "NOLOGIN"),
        sql.SQL("CREATEROLE" if role in EDITOR_ROLES else "NOCREATEROLE"),
        sql.SQL("VALID UNTIL {}").format(
            sql.Literal(
                valid_until(agent.expires_on, agent.time_zone).isoformat()
                if agent.expires_on is not None
                else "infinity"
            )
        ),
    ]
    if password:
        options.append(sql.SQL("PASSWORD {}").format(sql.Literal(password)))
    execute_sql(session, sql.SQL("ALTER ROLE {} ").format(ident) + sql.SQL(" ").join(options))
    execute_sql(session, sql.SQL("GRANT {} TO {}").format(sql.Identifier(PEOPLE_GROUP), ident))
    own = GROUP_ROLES[role]
    if role in EDITOR_ROLES:
        # Administrators grant the groups to the people they add (and are in every group).
        for group in (PEOPLE_GROUP, *GROUP_ROLES.values(), *masking_groups(session)):
            execute_sql(
                session,
                sql.SQL("GRANT {} TO {} WITH ADMIN OPTION").format(sql.Identifier(group), ident),
            )
        sync_masking(session, login, bool(agent.masked), keep_groups=True)
        return
    for group in GROUP_ROLES.values():
        if group != own:
            execute_sql(session, sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(group), ident))
    execute_sql(session, sql.SQL("GRANT {} TO {}").format(sql.Identifier(own), ident))
    execute_sql(
        session,
        sql.SQL("REVOKE ADMIN OPTION FOR {} FROM {}").format(sql.Identifier(own), ident),
    )
    sync_masking(session, login, bool(agent.masked))
