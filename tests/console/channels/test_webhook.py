"""The local webhook over real HTTP on loopback: stored once, or refused with a 4xx."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from console.channels.webhook import WebhookServer, WebhookSettings
from console.store import Store
from console.store.models import ChannelKind, Message

TOKEN = "t" * 24


@pytest.fixture
def webhook(store: Store) -> Iterator[WebhookServer]:
    server = WebhookServer(store, WebhookSettings(token=TOKEN, port=0, max_body=4096))
    server.start()
    yield server
    server.stop()


def _post(
    server: WebhookServer,
    body: bytes,
    *,
    token: str = TOKEN,
    content_type: str = "application/json",
    path: str = "/messages",
) -> tuple[int, dict[str, object]]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.request(
            "POST",
            path,
            body=body,
            headers={"Authorization": f"Bearer {token}", "Content-Type": content_type},
        )
        response = connection.getresponse()
        return response.status, json.loads(response.read() or b"{}")
    finally:
        connection.close()


def _count(store: Store) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(Message)) or 0)


MESSAGE = {
    "id": "w-1",
    "handle": "visitor-9",
    "name": "Sara",
    "timestamp": "2026-11-01T10:00:00+01:00",
    "text": "ciao, dov'è il mio ordine?",
}


def test_a_message_is_stored_once(webhook: WebhookServer, store: Store) -> None:
    body = json.dumps(MESSAGE).encode()
    assert _post(webhook, body) == (200, {"imported": 1, "duplicates": 0})
    assert _post(webhook, body) == (200, {"imported": 0, "duplicates": 1})
    with store.session() as session:
        message = session.scalars(select(Message)).one()
        assert message.channel is ChannelKind.CHAT and message.sent_at.hour == 9


@pytest.mark.parametrize(
    ("body", "kwargs", "status"),
    [
        (json.dumps(MESSAGE).encode(), {"token": "wrong-token-wrong-token"}, 401),
        (json.dumps(MESSAGE).encode(), {"path": "/other"}, 404),
        (json.dumps(MESSAGE).encode(), {"content_type": "text/plain"}, 415),
        (b"{not json", {}, 400),
        (b"\xff\xfe{}", {}, 400),
        (json.dumps({**MESSAGE, "text": "x" * 5000}).encode(), {}, 413),
        (json.dumps({**MESSAGE, "text": ""}).encode(), {}, 422),
        (json.dumps([MESSAGE, {**MESSAGE, "id": "w-2", "timestamp": "soon"}]).encode(), {}, 422),
        (json.dumps([MESSAGE, 5]).encode(), {}, 422),
        (json.dumps({**MESSAGE, "channel": "fax"}).encode(), {}, 422),
        (b"[]", {}, 422),
    ],
)
def test_bad_requests_get_a_4xx_and_store_nothing(
    webhook: WebhookServer, store: Store, body: bytes, kwargs: dict[str, str], status: int
) -> None:
    code, answer = _post(webhook, body, **kwargs)
    assert code == status and "error" in answer
    assert _count(store) == 0


def test_token_must_be_long_and_host_loopback(store: Store) -> None:
    with pytest.raises(ValueError, match="16 characters"):
        WebhookServer(store, WebhookSettings(token="short", port=0))
    with pytest.raises(ValueError, match="loopback"):
        WebhookServer(store, WebhookSettings(token=TOKEN, port=0, host="0.0.0.0"))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=300))
def test_arbitrary_bodies_never_crash_the_server(
    webhook: WebhookServer, store: Store, body: bytes
) -> None:
    code, _ = _post(webhook, body)
    assert code in (200, 400, 413, 422)
