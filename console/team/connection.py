"""Where a team store is and who signs in to it (Qt-free; the sign-in and connect dialogs use it).

A :class:`TeamConnection` is what *File → Connect to team store…* saves (host,
port, database, user); the password is kept in the OS keyring under
:meth:`TeamConnection.keyring_account`, never in the settings file.
:func:`sign_in_store` opens the store as that login role and resolves the person
from ``current_user`` (``console.team.people.sign_in``): a wrong password, a
disabled or an expired account is refused with its problem.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import URL, make_url

from console.store import Store, StoreError, open_store
from console.team.people import PersonView, SignInRefused, record_refused_sign_in, sign_in

DEFAULT_PORT = 5432
DRIVER = "postgresql+psycopg"


@dataclass(frozen=True)
class TeamConnection:
    host: str
    port: int
    database: str
    user: str

    def url(self, password: str | None) -> str:
        return URL.create(
            DRIVER,
            username=self.user or None,
            password=password or None,
            host=self.host or None,
            port=self.port or None,
            database=self.database or None,
        ).render_as_string(hide_password=False)

    def keyring_account(self) -> str:
        """The keyring entry of this sign-in's password (``team:ada@db.example:5432/support``)."""
        return f"team:{self.user}@{self.host}:{self.port}/{self.database}"

    @property
    def complete(self) -> bool:
        return bool(self.host and self.database and self.user and self.port)

    def describe(self) -> str:
        return f"{self.database} @ {self.host}:{self.port}"


def is_team_url(url: str | None) -> bool:
    if not url:
        return False
    try:
        return make_url(url).get_backend_name() == "postgresql"
    except Exception:  # a malformed URL is the store opener's to report
        return False


def from_url(url: str) -> tuple[TeamConnection, str | None]:
    """The connection a PostgreSQL URL names, and its password (if the URL carries one)."""
    parsed = make_url(url)
    connection = TeamConnection(
        host=parsed.host or "localhost",
        port=parsed.port or DEFAULT_PORT,
        database=parsed.database or "",
        user=parsed.username or "",
    )
    return connection, parsed.password if isinstance(parsed.password, str) else None


def sign_in_store(
    connection: TeamConnection, password: str, now: datetime | None = None
) -> tuple[Store, PersonView]:
    """Open the team store as ``connection.user`` and sign in (runs off the UI thread).

    The store is closed again when the sign-in is refused.
    """
    store = open_store(connection.url(password), create=False)
    try:
        with store.session() as session:
            person = sign_in(session, now)
    except SignInRefused as refused:
        # Recorded in a transaction of its own (the sign-in's rolled back); a login that is
        # no person may not write the log at all, and is refused all the same.
        with contextlib.suppress(StoreError), store.session() as session:
            record_refused_sign_in(session, refused)
        store.close()
        raise
    except BaseException:
        store.close()
        raise
    return store, person
