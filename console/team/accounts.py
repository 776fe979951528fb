"""``support-console team init`` and ``team add``: the team store's roles and people.

``team init --db URL --admin NAME`` creates (or upgrades) the store, the group
roles and their privileges, and makes NAME an administrator with a login role
of their own; run again, it changes nothing that is already right (a new
password only with ``--password-stdin``). It runs as the database's owner or
a superuser (the one who may create tables and roles); the people it makes
then work as themselves.

Group roles (NOLOGIN): ``console_people`` (every person; ``pg_hba.conf`` can
ask them for a password with ``+console_people``) and one per console role,
``console_role_agent``, ``console_role_lead``, ``console_role_qa``,
``console_role_compliance``, ``console_role_admin``. Each of the latter may
read every table and change what its role changes (console/team/privileges.py);
which rows a person sees is row-level security on ``current_user`` (migration
0022, console/team/scope.py). Tables made by later upgrades may be read and
changed by every role (``ALTER DEFAULT PRIVILEGES`` for the role that runs
``team init``) until the next ``team init`` narrows them again.

Administrators' login roles have ``CREATEROLE`` and the ADMIN OPTION on the
group roles, which is what adding, changing and disabling people takes
(``team add --db postgresql+psycopg://ADMIN@host/db`` or *Team → People*).
"""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import sys

from sqlalchemy import text

from console.policies import ensure_seed_pack
from console.problems import ProblemError, define, problem
from console.store import Store, StoreError, open_store
from console.store.errors import NotPermittedError
from console.store.models import AgentRole
from console.team import people, privileges
from console.team.masking_roles import apply_masking_privileges
from console.team.people import PeopleError, PersonSpec

EXIT_BAD_INPUT = 1
EXIT_STORE_ERROR = 2
_GROUP_GRANTS = (
    "GRANT USAGE ON SCHEMA {schema} TO {group}",
    # Narrowed per table below (console/team/privileges.py).
    "REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {group}",
    "GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {schema} TO {group}",
    "ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} "
    "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {group}",
    "ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} "
    "GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {group}",
)

NEEDS_POSTGRESQL = define(
    "team.needs_postgresql",
    "A team store is a PostgreSQL database (postgresql+psycopg://user@host/database); "
    "{path} is not one.",
)
PASSWORDS_DIFFER = define("team.passwords_differ", "The two passwords differ; nothing was changed.")
NO_TERMINAL = define(
    "team.password_no_terminal",
    "{name} needs a password: give it on standard input with --password-stdin.",
)
NOT_PRIVILEGED = define(
    "team.not_privileged",
    "{login} may not create the team's roles or people in {path}. Run it as the database "
    "owner or an administrator of the team.",
)


def prepare_team_database(store: Store) -> None:
    """Create the group roles (if missing) and give them the console's table privileges."""
    from psycopg import sql

    with store.session() as session:
        schema = str(session.scalar(text("SELECT current_schema()")))
        for group in (people.PEOPLE_GROUP, *people.GROUP_ROLES.values()):
            if not people.role_exists(session, group):
                people.execute_sql(
                    session, sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(group))
                )
        tables = list(
            session.scalars(
                text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
            )
        )
        for role, group in people.GROUP_ROLES.items():
            for grant in _GROUP_GRANTS:
                people.execute_sql(
                    session,
                    sql.SQL(grant).format(
                        schema=sql.Identifier(schema), group=sql.Identifier(group)
                    ),
                )
            for table in tables:
                allowed = privileges.table_privileges(str(table), role)
                if not allowed:
                    continue
                people.execute_sql(
                    session,
                    sql.SQL("GRANT {} ON {} TO {}").format(
                        sql.SQL(", ").join(sql.SQL(word) for word in allowed),
                        sql.Identifier(schema, str(table)),
                        sql.Identifier(group),
                    ),
                )
        # Masked people read masked columns only (console/team/masking_roles.py).
        apply_masking_privileges(session, tuple(people.GROUP_ROLES.values()), people.PEOPLE_GROUP)
    with store.session() as session:
        # The starting rules, written once here: a seat may not write them (compliance).
        ensure_seed_pack(session)


def read_password(args: argparse.Namespace, *, name: str, needed: bool) -> str | None:
    """The password: one line of stdin with --password-stdin, else asked (twice) if needed."""
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise PeopleError(problem(people.PASSWORD_MISSING, name=name))
        return password
    if not needed:
        return None
    if not sys.stdin.isatty():
        raise PeopleError(problem(NO_TERMINAL, name=name))
    first = getpass.getpass(f"Password for {name}: ")
    if not first:
        raise PeopleError(problem(people.PASSWORD_MISSING, name=name))
    if getpass.getpass("The same password again: ") != first:
        raise PeopleError(problem(PASSWORDS_DIFFER))
    return first


def _open_team_store(url: str) -> Store:
    store = open_store(url)
    if store.is_sqlite or store.engine.dialect.name != "postgresql":
        name = store.name
        store.close()
        raise PeopleError(problem(NEEDS_POSTGRESQL, path=name))
    return store


def _failed(exc: Exception) -> int:
    print(f"support-console: {exc}", file=sys.stderr)
    return EXIT_STORE_ERROR if isinstance(exc, StoreError) else EXIT_BAD_INPUT


def _not_privileged(exc: Exception, store: Store) -> PeopleError | None:
    """A permission error of the server (SQLSTATE 42501) as the problem it is for a person."""
    original = getattr(exc, "orig", None) or getattr(exc, "__cause__", None) or exc
    if getattr(original, "sqlstate", None) != "42501" and not isinstance(exc, NotPermittedError):
        return None
    login = store.url.username or "?"
    return PeopleError(problem(NOT_PRIVILEGED, login=login, path=store.name))


def _refusal(exc: Exception, store: Store) -> Exception:
    """What to tell the person for ``exc``: the server's permission error as the problem it
    is, a problem as it is; anything else is no refusal and is raised again."""
    refused = _not_privileged(exc, store)
    if refused is not None:
        return refused
    if isinstance(exc, ProblemError):
        return exc
    raise exc


def run_init(args: argparse.Namespace) -> int:
    try:
        store = _open_team_store(args.command_db)
    except (StoreError, ProblemError) as exc:
        return _failed(exc)
    try:
        prepare_team_database(store)
        with store.session() as session:
            existing = people.find_person(session, args.admin)
        password = read_password(args, name=args.admin, needed=existing is None or (
            existing.login_role is None
        ))  # fmt: skip
        with store.session() as session:
            actor = people.command_line_actor(session)
            current = people.find_person(session, args.admin)
            if current is None:
                spec = PersonSpec(name=args.admin, role=AgentRole.ADMIN)
            else:
                spec = PersonSpec(
                    name=current.name,
                    role=AgentRole.ADMIN,
                    markets=current.markets,
                    languages=current.languages,
                    vendor=current.vendor,
                    expires_on=current.expires_on,
                    masked=current.masked,
                )
            person = people.save_person(
                session,
                spec,
                actor=actor,
                person_id=None if current is None else current.id,
                password=password,
            )
    except Exception as exc:
        return _failed(_refusal(exc, store))
    finally:
        store.close()
    print(f"Team store {store.name} is ready.")
    print(f"Administrator {person.name} signs in as {person.login_role}.")
    return 0


def run_add(args: argparse.Namespace) -> int:
    try:
        spec = PersonSpec(
            name=args.name,
            role=AgentRole(args.role),
            markets=people.parse_codes(args.markets),
            languages=people.parse_codes(args.languages),
            vendor=args.vendor,
            expires_on=people.parse_day(args.expires) if args.expires else None,
            masked=getattr(args, "masked", None),
        )
        store = _open_team_store(args.command_db)
    except (StoreError, ProblemError) as exc:
        return _failed(exc)
    try:
        with store.session() as session:
            existing = people.find_person(session, spec.name)
        needed = existing is None or existing.login_role is None
        password = read_password(args, name=spec.name, needed=needed)
        with store.session() as session:
            current = people.find_person(session, spec.name)
            if current is not None and spec.masked is None:
                spec = dataclasses.replace(spec, masked=current.masked)  # kept unless given
            person = people.save_person(
                session,
                spec,
                actor=people.command_line_actor(session),
                person_id=None if current is None else current.id,
                password=password,
            )
    except Exception as exc:
        return _failed(_refusal(exc, store))
    finally:
        store.close()
    done = "Added" if existing is None else "Changed"
    print(f"{done} {person.name} ({person.role}); they sign in as {person.login_role}.")
    return 0


def run_disable(args: argparse.Namespace) -> int:
    try:
        store = _open_team_store(args.command_db)
    except (StoreError, ProblemError) as exc:
        return _failed(exc)
    try:
        with store.session() as session:
            current = people.find_person(session, args.name)
            if current is None:
                raise PeopleError(problem(people.PERSON_GONE))
            acting = people.current_person(session)
            person = people.set_disabled(
                session,
                current.id,
                not args.enable,
                actor=people.command_line_actor(session),
                acting_id=acting.id if acting is not None else None,
            )
    except Exception as exc:
        return _failed(_refusal(exc, store))
    finally:
        store.close()
    state = "disabled" if person.disabled else "enabled"
    print(f"{person.name} ({person.login_role}) is {state}.")
    return 0


def run_list(args: argparse.Namespace) -> int:
    try:
        store = open_store(args.command_db)
    except StoreError as exc:
        return _failed(exc)
    try:
        with store.session() as session:
            everyone = people.list_people(session)
    finally:
        store.close()
    for person in everyone:
        state = "disabled" if person.disabled else "expired" if person.expired() else "active"
        print(
            "\t".join(
                [
                    person.name,
                    str(person.role),
                    person.login_role or "-",
                    person.vendor or "-",
                    ",".join(person.markets) or "-",
                    ",".join(person.languages) or "-",
                    person.expires_on.isoformat() if person.expires_on else "-",
                    state,
                ]
            )
        )
    return 0
