"""Channel secrets (IMAP/SMTP passwords, webhook tokens) live in the OS keyring only.

Never in the store, never in logs: the store's ``channel_configs`` rows name
the account; the password is looked up here by that name when connecting.
"""

from __future__ import annotations

from console.channels.scrub import scrub

KEYRING_SERVICE = "support-console"


class CredentialError(RuntimeError):
    """The keyring is unavailable or holds no secret for the account; the text says which."""


def set_secret(account: str, secret: str) -> None:
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, account, secret)
    except KeyringError as exc:
        # The keyring's error may quote what it was given: never the secret itself.
        reason = scrub(str(exc), [secret], account)
        raise CredentialError(f"The system keyring cannot store the secret: {reason}") from None


def get_secret(account: str) -> str:
    import keyring
    from keyring.errors import KeyringError

    try:
        secret = keyring.get_password(KEYRING_SERVICE, account)
    except KeyringError as exc:
        raise CredentialError(f"The system keyring cannot be read: {exc}") from exc
    if secret is None:
        raise CredentialError(f"No password is saved for {account}; enter it in the settings.")
    return secret


def delete_secret(account: str) -> None:
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        keyring.delete_password(KEYRING_SERVICE, account)
    except PasswordDeleteError:
        return
    except KeyringError as exc:
        raise CredentialError(f"The system keyring cannot be changed: {exc}") from exc
