"""PostgreSQL (team mode): a server that cannot be reached is not a damaged store.

Connecting to a shared store can fail for reasons a local file never has: the
server is down or unreachable, the sign-in is refused, the database does not
exist. :func:`connection_error` names those problems so the user is told what
to check, instead of hearing that the store is damaged.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import URL

from console.problems import define, problem
from console.store.errors import StoreError

#: Seconds to wait for a server before saying it cannot be reached.
CONNECT_TIMEOUT_SECONDS = 10

UNREACHABLE = define(
    "store.server_unreachable",
    "The team database {path} cannot be reached, or it refused the connection. Nothing was "
    "changed. Check the network connection and the database address, or ask your "
    "administrator whether the server is running.",
)
SIGN_IN_REFUSED = define(
    "store.sign_in_refused",
    "The team database {path} refused the sign-in. Check the user name and password, or "
    "ask your administrator for access.",
)
NO_DATABASE = define(
    "store.no_database",
    "The team database server has no database named {database} ({path}). Check the "
    "database address, or ask your administrator to create it.",
)


_SIGN_IN_MARKERS = (
    "password authentication failed",
    "no password supplied",
    "no pg_hba.conf entry",
    "authentication failed for user",
)


class StoreUnreachableError(StoreError):
    """The server of a shared store cannot be reached, or refuses this user."""


#: libpq options that notice a dead network in seconds, not the hours of the OS
#: defaults (the team's duties hand over and the window reconnects on them).
KEEPALIVES: dict[str, Any] = {
    "keepalives": 1,
    "keepalives_idle": 5,
    "keepalives_interval": 2,
    "keepalives_count": 3,
    "tcp_user_timeout": 10_000,
}


def seat_name() -> str:
    """This process as the other seats see it (each connection's ``application_name``)."""
    import getpass
    import os
    import socket

    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "?"
    return f"console {user}@{socket.gethostname()} {os.getpid()}"[:63]


#: Every statement planned for its own values: psycopg prepares a statement run five times,
#: and the server then plans it once for any values ("generic"): a search planned without
#: its words walked every conversation instead of joining a few thousand hits (100 ms ->
#: 500 ms for the same search once five others had run). And no JIT compiling: the
#: console's statements are short, and compiling a search's join cost more than running
#: it (189 ms -> 372 ms at a million messages).
PLAN_OPTIONS = "-c plan_cache_mode=force_custom_plan -c jit=off"


def connect_args(url: URL) -> dict[str, Any]:
    """Driver options for a PostgreSQL engine: a bounded wait for the server, keepalives,
    plans for the values at hand, and the seat's name (``application_name``) unless the
    URL says them."""
    args: dict[str, Any] = {"connect_timeout": CONNECT_TIMEOUT_SECONDS, "options": PLAN_OPTIONS}
    args.update(KEEPALIVES)
    args["application_name"] = seat_name()
    return {key: value for key, value in args.items() if key not in url.query}


def connection_error(exc: BaseException, url: URL) -> StoreError | None:
    """The problem for a failure to connect to the store at ``url``, or None if it is not one."""
    original: Any = getattr(exc, "orig", None) or exc
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency
        return None
    if not isinstance(original, psycopg.OperationalError):
        return None
    path = url.render_as_string(hide_password=True)
    sqlstate = original.sqlstate
    # libpq gives no SQLSTATE for a refused connection, only the server's message
    # (English unless the server is set otherwise): both are looked at.
    message = str(original)
    pgconn: Any = getattr(original, "pgconn", None)
    if (
        sqlstate in ("28P01", "28000")  # invalid_password, invalid_authorization_specification
        or any(marker in message for marker in _SIGN_IN_MARKERS)
        or ('role "' in message and "does not exist" in message)
        or (getattr(pgconn, "needs_password", False) and not getattr(pgconn, "used_password", 1))
    ):
        return StoreUnreachableError(problem(SIGN_IN_REFUSED, path=path))
    if sqlstate == "3D000" or (
        url.database and f'database "{url.database}" does not exist' in message
    ):
        return StoreUnreachableError(problem(NO_DATABASE, path=path, database=url.database or ""))
    # No SQLSTATE: the connection itself failed (refused, timed out, name not resolved);
    # class 08 and 57P03: connection exceptions and a server starting or stopping.
    if sqlstate is None or sqlstate.startswith("08") or sqlstate in ("57P01", "57P03"):
        return StoreUnreachableError(problem(UNREACHABLE, path=path))
    return None
