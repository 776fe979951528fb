"""Secrets stay in the keyring: refused in channel settings, scrubbed from server replies."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from corpus import mail, write_maildir
from sqlalchemy import select

from console.channels.admin import (
    SECRET_IN_SETTINGS,
    ChannelConfigError,
    channel_configs,
    save_channel_config,
)
from console.channels.imap_source import ImapConnector, ImapError, ImapSettings
from console.channels.importer import import_path
from console.channels.outbox import SmtpSettings, outbox_items, send_pending
from console.channels.scrub import scrub
from console.inbox.commands import send_reply
from console.inbox.outgoing import enqueue_reply
from console.store import Store
from console.store.models import Conversation

USER = "agent@shop.example"
PASSWORD = "Tr0ub4dor&3-horse"


def _forms(password: str = PASSWORD, user: str = USER) -> list[str]:
    """What must never be read back: the password and its base64 forms."""
    raw = password.encode()
    return [
        password,
        base64.b64encode(raw).decode(),
        base64.b64encode(b"\0" + user.encode() + b"\0" + raw).decode(),
        base64.b64encode(b"\0" + user.encode() + b"\0" + raw).decode().rstrip("="),
    ]


def _assert_clean(text: str) -> None:
    for form in _forms():
        assert form not in text, (form, text)


# -- channel settings -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("settings", "place"),
    [
        ({"host": "imap.example.com", "pwd": "x1"}, "pwd"),
        ({"host": "imap.example.com", "pass": "hunter2"}, "pass"),
        ({"passwd": "hunter2"}, "passwd"),
        ({"smtpPassword": "hunter2"}, "smtpPassword"),
        ({"client_secret": "abc"}, "client_secret"),
        ({"token": "abc"}, "token"),
        ({"credentials": {"user": "a", "pw": "b"}}, "credentials"),
        ({"api-key": "abc"}, "api-key"),
        ({"apiKey": "abc"}, "apiKey"),
        ({"auth": "Basic YWdlbnQ6aHVudGVyMg=="}, "auth"),
        ({"relay": {"server": {"login_pass": "hunter2"}}}, "relay.server.login_pass"),
        ({"folders": ["INBOX", {"password": "hunter2"}]}, "folders[1].password"),
        (
            {"servers": ["imap.example.com", "imaps://agent:hunter2@imap.example.com/"]},
            "servers[1]",
        ),
        ({"url": "https://agent:hunter2@relay.example.com:8443/hook"}, "url"),
        ({"dsn": "host=db.example.com user=agent password=hunter2"}, "dsn"),
        ({"header": "Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0"}, "header"),
        ({"note": "sk_live_51HxYzAbCdEfGh"}, "note"),
        ({"extra": ["ghp_aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5"]}, "extra[0]"),
        ({"value": "q8X!vR2#mZ7$kP4@wL9^tN6&"}, "value"),
        ({"value": "3f9a1c7e5b2d4f6a8c0e1b3d5f7a9c2e"}, "value"),
    ],
)
def test_settings_with_a_secret_anywhere_are_refused(
    store: Store, settings: dict[str, Any], place: str
) -> None:
    with store.session() as session, pytest.raises(ChannelConfigError) as refused:
        save_channel_config(session, name="shop", kind="imap", settings=settings, actor="t")
    assert refused.value.problem is not None
    assert refused.value.problem.code == SECRET_IN_SETTINGS
    assert refused.value.problem.values["place"] == place
    assert "hunter2" not in str(refused.value)  # the refusal names the place, not the secret
    with store.session() as session:
        assert channel_configs(session) == []


@pytest.mark.parametrize(
    "settings",
    [
        {
            "host": "imap.mail.example.com",
            "port": 993,
            "security": "tls",
            "username": "support-team@shop.example",
            "folders": ["INBOX", "Orders/2026", "Заказы"],
            "mark_seen": False,
            "ca_file": "/tmp/pytest-of-root/pytest-7/test_x0/dovecot-test-k3j2h1/cert.pem",
            "timeout": 10.0,
        },
        {"host": "127.0.0.1", "port": 587, "security": "none", "from_address": "a@b.example"},
        {"port": 8765, "auth": True},
        {
            "path": "/home/ana/Exports/orders_2026-11-01T10-00-00Z.csv",
            "mapping": {"columns": {"text": "Message", "handle": "Buyer ID", "timestamp": "Date"}},
        },
        {"url": "https://relay.example.com:8443/hook?channel=chat"},
    ],
)
def test_ordinary_settings_are_saved(store: Store, settings: dict[str, Any]) -> None:
    with store.session() as session:
        save_channel_config(session, name="shop", kind="imap", settings=settings, actor="t")
    with store.session() as session:
        assert [config.settings for config in channel_configs(session)] == [settings]


# -- scrubbing ------------------------------------------------------------------------------


def test_scrub_hides_every_form_of_the_password() -> None:
    plain = base64.b64encode(f"\0{USER}\0{PASSWORD}".encode()).decode()
    login = base64.b64encode(PASSWORD.encode()).decode()
    other_plain = base64.b64encode(b"\0someone\0other-secret").decode()
    text = (
        f"535 no: AUTH PLAIN {plain} / {login} / raw {PASSWORD} / "
        f'a1 LOGIN "{USER}" "{PASSWORD}" / imaps://{USER}:{PASSWORD}@host/ / '
        f"password={PASSWORD} / AUTH PLAIN {other_plain} / {other_plain}"
    )
    cleaned = scrub(text, [PASSWORD], USER)
    _assert_clean(cleaned)
    assert "other-secret" not in cleaned and other_plain not in cleaned
    assert cleaned.startswith("535 no: AUTH PLAIN [hidden]")
    assert scrub("Mailbox full, try later", [PASSWORD], USER) == "Mailbox full, try later"


# -- SMTP: a server that echoes the credentials --------------------------------------------


class EchoSmtp:
    """A small SMTP server on loopback that repeats the client's AUTH lines in its replies.

    ``accept``: sign-in succeeds, and MAIL FROM is refused quoting everything heard so far.
    """

    def __init__(self, *, accept: bool) -> None:
        self.accept = accept
        self.heard: list[str] = []
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> EchoSmtp:
        self._thread.start()
        assert self._ready.wait(10)
        return self

    def __exit__(self, *exc: object) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(asyncio.start_server(self._session, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()
        server.close()

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        def say(line: str) -> None:
            writer.write(line.encode() + b"\r\n")

        say("220 echo.test ESMTP")
        pending_login = False
        while line := (await reader.readline()).decode().rstrip("\r\n"):
            self.heard.append(line)
            verb = line.split(" ")[0].upper()
            echo = " | ".join(self.heard)
            if pending_login:  # the password line of AUTH LOGIN
                pending_login = False
                decoded = base64.b64decode(line).decode()
                say(f"535 5.7.8 bad credentials: {line} ({decoded})")
            elif verb == "EHLO":
                say("250-echo.test")
                say("250 AUTH PLAIN LOGIN")
            elif line.upper().startswith("AUTH PLAIN"):
                decoded = base64.b64decode(line.split()[2]).decode().replace("\0", "/")
                if self.accept:
                    say(f"235 2.7.0 welcome, you sent {line}")
                else:
                    say(f"535 5.7.8 rejected {line} ({decoded})")
            elif line.upper().startswith("AUTH LOGIN"):
                pending_login = True
                say("334 UGFzc3dvcmQ6")
            elif verb == "MAIL":
                say(f"550 5.7.1 policy: you said {echo}")
            elif verb == "QUIT":
                say("221 bye")
                break
            else:
                say("250 ok")
            await writer.drain()
        writer.close()


def _queued_reply(store: Store, tmp_path: Path) -> None:
    box = write_maildir(tmp_path / "Mail", {"1": mail(1, subject="Where is my parcel?")})
    import_path(store, box)
    with store.session() as session:
        conversation_id = session.scalars(select(Conversation.id)).one()
        message_id = send_reply(session, conversation_id, "It left today.", agent_id=None)
        enqueue_reply(session, message_id, domain="shop.example")


@pytest.mark.parametrize("accept", [False, True], ids=["refused-sign-in", "echo-after-sign-in"])
def test_smtp_replies_echoing_credentials_are_stored_scrubbed(
    store: Store, tmp_path: Path, accept: bool
) -> None:
    _queued_reply(store, tmp_path)
    with EchoSmtp(accept=accept) as server:
        settings = SmtpSettings(
            "127.0.0.1", server.port, "support@shop.example", security="none", username=USER,
            timeout=10,
        )  # fmt: skip
        send_pending(store, settings, PASSWORD)
    assert any(line.upper().startswith("AUTH") for line in server.heard)  # it did hear them
    with store.session() as session:
        (item,) = outbox_items(session)
    assert item.last_error  # the reason is kept ...
    _assert_clean(item.last_error)  # ... without the credentials
    assert ("535" if not accept else "550") in item.last_error


# -- IMAP: a server that echoes the LOGIN line -------------------------------------------------


@pytest.fixture
def tls_files(tmp_path: Path) -> tuple[Path, Path]:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


@contextlib.contextmanager
def echo_imap(cert: Path, key: Path) -> Iterator[int]:
    """An IMAPS server that answers LOGIN with NO, repeating the command's arguments."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(10)

    def serve() -> None:
        with contextlib.suppress(OSError):
            raw, _ = listener.accept()
            with context.wrap_socket(raw, server_side=True) as conn:
                stream = conn.makefile("rwb")
                stream.write(b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] echo ready\r\n")
                stream.flush()
                while line := stream.readline():
                    tag, _, rest = line.decode().rstrip("\r\n").partition(" ")
                    command = rest.split(" ")[0].upper()
                    if command == "CAPABILITY":
                        stream.write(b"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n")
                        stream.write(f"{tag} OK done\r\n".encode())
                    elif command == "LOGIN":
                        stream.write(f"{tag} NO [AUTHENTICATIONFAILED] {rest} refused\r\n".encode())
                    elif command == "LOGOUT":
                        stream.write(f"* BYE\r\n{tag} OK bye\r\n".encode())
                        stream.flush()
                        break
                    else:
                        stream.write(f"{tag} BAD what\r\n".encode())
                    stream.flush()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        listener.close()
        thread.join(10)


@pytest.mark.parametrize("password", [PASSWORD, 'with "quotes" and \\ slash'])
def test_imap_login_echo_is_not_shown(
    store: Store, tls_files: tuple[Path, Path], password: str
) -> None:
    cert, key = tls_files
    with echo_imap(cert, key) as port:
        settings = ImapSettings(
            host="127.0.0.1", port=port, username=USER, ca_file=str(cert), timeout=10
        )
        with pytest.raises(ImapError) as refused:
            ImapConnector(store, settings, password).connect()
    shown = str(refused.value)
    assert "Cannot sign in" in shown and "refused" in shown  # the server's reason is kept
    assert password not in shown and "quotes" not in shown
    assert base64.b64encode(password.encode()).decode() not in shown
    assert refused.value.__cause__ is None and refused.value.__suppress_context__
