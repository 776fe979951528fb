"""The saved team store connection: the settings file holds where, the keyring the password."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from console.channels.credentials import CredentialError, get_secret, set_secret
from console.team.connection import DEFAULT_PORT, TeamConnection

_KEYS = ("team/host", "team/port", "team/database", "team/user")


def saved_connection() -> TeamConnection | None:
    """The connection saved by *File → Connect to team store…*, or None."""
    settings = QSettings()
    host, port, database, user = (settings.value(key) for key in _KEYS)
    if not host or not database or not user:
        return None
    try:
        number = int(str(port)) if port not in (None, "") else DEFAULT_PORT
    except ValueError:
        number = DEFAULT_PORT
    return TeamConnection(host=str(host), port=number, database=str(database), user=str(user))


def save_connection(connection: TeamConnection, password: str | None) -> None:
    """Remember the connection; the password (if given) goes to the keyring only.

    Raises :class:`CredentialError` when the keyring cannot keep the password (the
    connection is saved all the same; the sign-in then asks for the password).
    """
    settings = QSettings()
    for key, value in zip(
        _KEYS,
        (connection.host, connection.port, connection.database, connection.user),
        strict=True,
    ):
        settings.setValue(key, value)
    settings.sync()
    if password:
        set_secret(connection.keyring_account(), password)


def saved_password(connection: TeamConnection) -> str | None:
    """The keyring's password for the connection, or None (none saved, or no keyring)."""
    try:
        return get_secret(connection.keyring_account())
    except CredentialError:
        return None
