"""Keep credentials out of the store and out of what an agent reads.

Two tools:

* :func:`scrub` removes credentials from a server reply or an error text before it
  is stored (``channel_outbox.last_error``) or shown: the password itself (also
  quoted, URL-encoded and in base64, alone or inside an ``AUTH PLAIN`` payload),
  the arguments of ``AUTH`` and IMAP ``LOGIN`` commands, ``user:password@`` in
  URLs and ``password=...`` pairs.
* :func:`secret_setting` finds a setting that holds a secret, whatever its key is
  called and wherever it sits (nested dicts, lists, URLs, values that look like
  keys or tokens), so channel settings keep secrets in the keyring only.
"""

from __future__ import annotations

import base64
import binascii
import math
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

HIDDEN = "[hidden]"

# -- scrubbing texts --------------------------------------------------------------------------

_AUTH_COMMAND = re.compile(
    r"(\bAUTH(?:ENTICATE)?\s+(?:PLAIN|LOGIN|XOAUTH2|OAUTHBEARER|CRAM-MD5|[A-Z0-9-]+))(\s+)\S+",
    re.IGNORECASE,
)
_QUOTED_OR_ATOM = r'(?:"(?:[^"\\]|\\.)*"|\{\d+\+?\}|[^\s"]+)'
_LOGIN_COMMAND = re.compile(
    rf"((?:^|(?<=[\s'\"(\[]))LOGIN\s+){_QUOTED_OR_ATOM}(?:\s+{_QUOTED_OR_ATOM})?",
    re.IGNORECASE,
)
_URL_USERINFO = re.compile(r"([a-z][a-z0-9+.\-]*://[^\s/@:]*):[^\s/@]*@", re.IGNORECASE)
_KEY_VALUE = re.compile(
    r"((?:pass(?:word|wd|wort)?|pwd|secret|token|api[_-]?key|credentials?|auth(?:orization)?)"
    r"\s*[=:]\s*)(?:\"[^\"]*\"|'[^']*'|\S+)",
    re.IGNORECASE,
)
_BEARER = re.compile(r"(\b(?:Bearer|Basic)\s+)[A-Za-z0-9._~+/=-]{8,}", re.IGNORECASE)
_BASE64_TOKEN = re.compile(r"[A-Za-z0-9+/]{8,}={0,2}")


def scrub(text: str, secrets: Iterable[str | None] = (), user: str | None = None) -> str:
    """``text`` without the given secrets in any usual encoding, nor credential-bearing commands.

    ``user`` (the account name) helps find ``AUTH PLAIN`` payloads; it is not hidden.
    """
    known = [secret for secret in secrets if secret]
    for secret in sorted(known, key=len, reverse=True):
        for form in _forms(secret, user):
            text = text.replace(form, HIDDEN)
    text = _AUTH_COMMAND.sub(rf"\1\2{HIDDEN}", text)
    text = _LOGIN_COMMAND.sub(rf"\1{HIDDEN}", text)
    text = _URL_USERINFO.sub(rf"\1:{HIDDEN}@", text)
    text = _KEY_VALUE.sub(rf"\1{HIDDEN}", text)
    text = _BEARER.sub(rf"\1{HIDDEN}", text)
    return _BASE64_TOKEN.sub(lambda match: _base64_checked(match.group(0), known), text)


def _forms(secret: str, user: str | None) -> list[str]:
    raw = secret.encode("utf-8")
    payloads = [raw, b"\0" + raw]
    if user:
        name = user.encode("utf-8")
        payloads += [b"\0" + name + b"\0" + raw, name + b"\0" + name + b"\0" + raw]
    quoted = secret.replace("\\", "\\\\").replace('"', '\\"')  # an IMAP quoted string
    forms = [
        secret,
        quoted,
        *(repr(form.encode("utf-8"))[2:-1] for form in (secret, quoted)),  # inside b'...'
        *(repr(form)[1:-1] for form in (secret, quoted)),
        quote(secret, safe=""),
        *(base64.b64encode(payload).decode("ascii") for payload in payloads),
        *(base64.b64encode(payload).decode("ascii").rstrip("=") for payload in payloads),
    ]
    # Longest first, so a form that contains another is replaced whole.
    return sorted((form for form in set(forms) if len(form) >= 3), key=len, reverse=True)


def _base64_checked(token: str, secrets: list[str]) -> str:
    """A base64 token that decodes to a secret or to a SASL PLAIN payload is hidden."""
    padded = token + "=" * (-len(token) % 4)
    try:
        decoded = base64.b64decode(padded, validate=True)
    except (binascii.Error, ValueError):
        return token
    if b"\0" in decoded and len(decoded) < 1024 and _mostly_text(decoded.replace(b"\0", b"")):
        return HIDDEN  # \0user\0password
    text = decoded.decode("utf-8", "ignore")
    if any(secret in text for secret in secrets):
        return HIDDEN
    return token


def _mostly_text(data: bytes) -> bool:
    return bool(data) and sum(32 <= byte < 127 for byte in data) >= 0.9 * len(data)


# -- secrets in settings ----------------------------------------------------------------------

#: Parts of a key name that mean the value is a secret ("smtp_password", "apiKey", "pwd").
_SECRET_NAME_PARTS = (
    "password",
    "passwd",
    "passwort",
    "passphrase",
    "secret",
    "token",
    "credential",
    "apikey",
    "accesskey",
    "privatekey",
    "clientkey",
    "signingkey",
    "cookie",
)
#: Whole words of a key name that mean the same ("pass", "pwd", "auth").
_SECRET_NAME_WORDS = {"pass", "pwd", "pw", "auth", "authorization", "bearer", "sig", "otp"}
_TOKEN_PREFIXES = re.compile(
    r"^(?:sk|pk|rk)_(?:live|test)_|^sk-|^gh[pousr]_|^github_pat_|^xox[abpors]-|^AKIA[0-9A-Z]{12}"
    r"|^ya29\.|^eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.|^(?:Bearer|Basic)\s",
)
_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def secret_name(key: str) -> bool:
    """Whether a setting called ``key`` holds a secret, however it is spelled."""
    squashed = re.sub(r"[^a-z0-9]", "", key.lower())
    if any(part in squashed for part in _SECRET_NAME_PARTS):
        return True
    return any(word.lower() in _SECRET_NAME_WORDS for word in _WORDS.findall(key))


def secret_value(value: str) -> bool:
    """Whether a setting's text carries a secret: a URL with a password, or a key or token."""
    if _URL_USERINFO.search(value) or _KEY_VALUE.search(value):
        return True
    stripped = value.strip()
    if _TOKEN_PREFIXES.search(stripped):
        return True
    return _random_looking(stripped)


def _random_looking(value: str) -> bool:
    """A long run without spaces that mixes letters, digits and symbols like a generated key."""
    if len(value) < 20 or any(ch.isspace() for ch in value):
        return False
    if value.startswith(("/", "~", "\\", ".")) or re.match(r"^[A-Za-z]:[\\/]", value):
        return False  # a file path
    if re.match(r"^[a-z][a-z0-9+.\-]*://", value, re.IGNORECASE):
        return False  # a URL (one with a password is caught above)
    if re.fullmatch(r"[A-Za-z0-9.-]+", value) and "." in value:
        return False  # a host name
    if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        return False  # an e-mail address
    classes = sum(
        (
            any(ch.islower() for ch in value),
            any(ch.isupper() for ch in value),
            any(ch.isdigit() for ch in value),
            any(not ch.isalnum() for ch in value),
        )
    )
    if classes < 3 and not re.fullmatch(r"[0-9a-fA-F]{32,}", value):
        return False
    counts: dict[str, int] = {}
    for ch in value:
        counts[ch] = counts.get(ch, 0) + 1
    entropy = -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())
    return entropy >= 3.5


def secret_setting(settings: Any, path: str = "") -> str | None:
    """The place (``"imap.password"``, ``"servers[1]"``) of the first secret in ``settings``."""
    if isinstance(settings, dict):
        for key, value in settings.items():
            place = f"{path}.{key}" if path else str(key)
            if secret_name(str(key)) and not isinstance(value, bool) and value not in (None, ""):
                return place  # a flag ("auth": true) is not a secret; anything else is
            found = secret_setting(value, place)
            if found is not None:
                return found
        return None
    if isinstance(settings, list | tuple):
        for index, value in enumerate(settings):
            found = secret_setting(value, f"{path}[{index}]")
            if found is not None:
                return found
        return None
    if isinstance(settings, str) and secret_value(settings):
        return path or "value"
    return None
