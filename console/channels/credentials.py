"""Channel secrets (IMAP/SMTP passwords, webhook tokens) live in the OS keyring only.

Never in the store, never in logs: the store's ``channel_configs`` rows name
the account; the password is looked up here by that name when connecting.
A failure is a :class:`CredentialError` carrying a :class:`Problem` the window
words in its own language; the keyring's own text is passed on only as a short
reason with the secret and credential-bearing parts scrubbed out.
"""

from __future__ import annotations

from console.channels.scrub import scrub
from console.problems import ProblemError, define, problem

KEYRING_SERVICE = "support-console"
_MAX_REASON_CHARS = 120

KEYRING_STORE_FAILED = define(
    "keyring.store_failed",
    "The system keyring cannot store the password ({reason}); nothing was saved there.",
)
KEYRING_READ_FAILED = define(
    "keyring.read_failed",
    "The system keyring cannot be read ({reason}), so the password for {account} is not known.",
)
KEYRING_CHANGE_FAILED = define(
    "keyring.change_failed",
    "The system keyring cannot be changed ({reason}); the password for {account} is still there.",
)
KEYRING_NO_SECRET = define(
    "keyring.no_secret",
    "No password is saved for {account}; enter it in the channel settings.",
)


def keyring_account(kind: str, name: str) -> str:
    """The keyring entry of a channel's secret (``imap:Shop mailbox``)."""
    return f"{kind}:{name}"


class CredentialError(ProblemError):
    """The keyring is unavailable or holds no secret for the account; its problem says which."""


def _reason(exc: BaseException, account: str, secrets: list[str]) -> str:
    """The keyring's message, scrubbed of secrets and shortened; its kind when it says nothing."""
    text = " ".join(scrub(str(exc), secrets, account).split())
    if not text:
        text = type(exc).__name__
    if len(text) > _MAX_REASON_CHARS:
        text = text[: _MAX_REASON_CHARS - 1] + "…"
    return text


def set_secret(account: str, secret: str) -> None:
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, account, secret)
    except KeyringError as exc:
        # The keyring's error may quote what it was given: never the secret itself.
        reason = _reason(exc, account, [secret])
        raise CredentialError(problem(KEYRING_STORE_FAILED, reason=reason)) from None


def get_secret(account: str) -> str:
    import keyring
    from keyring.errors import KeyringError

    try:
        secret = keyring.get_password(KEYRING_SERVICE, account)
    except KeyringError as exc:
        reason = _reason(exc, account, [])
        found = problem(KEYRING_READ_FAILED, reason=reason, account=account)
        raise CredentialError(found) from None
    if secret is None:
        raise CredentialError(problem(KEYRING_NO_SECRET, account=account))
    return secret


def delete_secret(account: str) -> None:
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        keyring.delete_password(KEYRING_SERVICE, account)
    except PasswordDeleteError:
        return
    except KeyringError as exc:
        reason = _reason(exc, account, [])
        found = problem(KEYRING_CHANGE_FAILED, reason=reason, account=account)
        raise CredentialError(found) from None
