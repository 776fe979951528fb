"""Masked people in a team store: what their login roles may read (PostgreSQL).

Two group roles besides the console's: ``console_unmasked`` may read the raw
customer columns (SELECT on the tables of console/store/masking_sql.py:MASKED, and the
raw-text tsvectors of the search tables);
``console_masked`` is the mark of a masked person. The console's role groups
(``console_role_*``) read those tables' other columns only (column privileges),
so a masked person reads raw values nowhere: ``SELECT text FROM public.messages``
is refused; their login role's ``search_path`` starts with the ``console_masked``
views, which read the masked columns under the same row-level security, so the
console works for them unchanged (reads, replies, status changes).

Administrators hold every group with the ADMIN OPTION (they add people), and in
PostgreSQL 15 that makes them members: an administrator marked masked reads
masked data in the window, but the database cannot keep raw values from them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from console.store import search_scope
from console.store.masking_sql import MASKED_SCHEMA, PRIVATE_SCHEMA, SEARCH_TABLES, raw_columns

MASKED_GROUP = "console_masked"
UNMASKED_GROUP = "console_unmasked"


def _sql(session: Session, statement: str) -> None:
    raw: Any = session.connection().connection.dbapi_connection
    raw.execute(statement)


def _role_exists(session: Session, role: str) -> bool:
    return bool(session.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}))


def _masking_installed(session: Session) -> bool:
    return bool(
        session.scalar(text("SELECT 1 FROM pg_namespace WHERE nspname = :n"), {"n": MASKED_SCHEMA})
    )


def apply_masking_privileges(session: Session, groups: tuple[str, ...], people_group: str) -> None:
    """Column privileges for the role groups, the raw reads for ``console_unmasked``,
    the views and functions for everyone; then every person's membership."""
    if not _masking_installed(session):
        return
    schema = str(session.scalar(text("SELECT current_schema()")))
    for group in (MASKED_GROUP, UNMASKED_GROUP):
        if not _role_exists(session, group):
            _sql(session, f'CREATE ROLE "{group}" NOLOGIN')
    for table, masks in raw_columns().items():
        if not session.scalar(text("SELECT to_regclass(:t)"), {"t": f'"{schema}".{table}'}):
            continue
        columns = [
            str(name)
            for (name,) in session.execute(
                text(
                    "SELECT column_name FROM information_schema.columns "
                    "WHERE table_schema = :s AND table_name = :t"
                ),
                {"s": schema, "t": table},
            )
            if name not in masks
        ]
        listed = ", ".join(f'"{c}"' for c in columns)
        for group in groups:
            _sql(session, f'REVOKE SELECT ON "{schema}".{table} FROM "{group}"')
            _sql(session, f'GRANT SELECT ({listed}) ON "{schema}".{table} TO "{group}"')
        _sql(session, f'GRANT SELECT ON "{schema}".{table} TO "{UNMASKED_GROUP}"')
    _sql(session, f'GRANT USAGE ON SCHEMA {MASKED_SCHEMA} TO "{people_group}"')
    _sql(
        session,
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {MASKED_SCHEMA} "
        f'TO "{people_group}"',
    )
    for table in SEARCH_TABLES:  # searched, never written through (the triggers write the tables)
        if session.scalar(text("SELECT to_regclass(:t)"), {"t": f"{MASKED_SCHEMA}.{table}"}):
            _sql(
                session,
                f'REVOKE INSERT, UPDATE, DELETE ON {MASKED_SCHEMA}.{table} FROM "{people_group}"',
            )
    _sql(session, f'GRANT USAGE ON SCHEMA {PRIVATE_SCHEMA} TO "{people_group}"')
    _sql(
        session,
        f"GRANT EXECUTE ON FUNCTION {PRIVATE_SCHEMA}.identity_hash(text), "
        f"{PRIVATE_SCHEMA}.reveal(integer, text, text, integer), {search_scope.SIGNATURE} "
        f'TO "{people_group}"',
    )
    for login, masked, role in session.execute(
        text("SELECT login_role, masked, role FROM agents WHERE login_role IS NOT NULL")
    ):
        if _role_exists(session, str(login)):
            editor = str(role) == "admin"
            if editor:
                for group in (MASKED_GROUP, UNMASKED_GROUP):
                    _sql(session, f'GRANT "{group}" TO "{login}" WITH ADMIN OPTION')
            sync_masking(session, str(login), bool(masked), schema=schema, keep_groups=editor)


def masking_groups(session: Session) -> tuple[str, ...]:
    """The masking group roles, once ``team init`` has made them."""
    return tuple(g for g in (MASKED_GROUP, UNMASKED_GROUP) if _role_exists(session, g))


def sync_masking(
    session: Session,
    login: str,
    masked: bool,
    *,
    schema: str | None = None,
    keep_groups: bool = False,
) -> None:
    """The person's login role reads masked (views first, no raw reads) or raw values.

    ``keep_groups``: an administrator, who holds both groups to grant them; only the
    search path follows the mark.
    """
    if not _masking_installed(session) or not _role_exists(session, UNMASKED_GROUP):
        return
    schema = schema or str(session.scalar(text("SELECT current_schema()")))
    ident = '"' + login.replace('"', '""') + '"'
    if keep_groups:
        if masked:
            _sql(session, f'ALTER ROLE {ident} SET search_path = {MASKED_SCHEMA}, "{schema}"')
        else:
            _sql(session, f"ALTER ROLE {ident} RESET search_path")
        return
    if masked:
        _sql(session, f'REVOKE "{UNMASKED_GROUP}" FROM {ident}')
        _sql(session, f'GRANT "{MASKED_GROUP}" TO {ident}')
        _sql(session, f'ALTER ROLE {ident} SET search_path = {MASKED_SCHEMA}, "{schema}"')
    else:
        _sql(session, f'REVOKE "{MASKED_GROUP}" FROM {ident}')
        _sql(session, f'GRANT "{UNMASKED_GROUP}" TO {ident}')
        _sql(session, f"ALTER ROLE {ident} RESET search_path")


def default_masked(vendor: str | None, expires_on: object) -> bool:
    """Vendor and temporary people are masked unless an administrator says otherwise."""
    return bool(vendor) or expires_on is not None
