"""The webhook under load and abuse: racing first messages, stalled clients, failing stores."""

from __future__ import annotations

import http.client
import json
import logging
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select, text

from console.channels.webhook import WebhookServer, WebhookSettings
from console.store import Store
from console.store.models import ChannelIdentity, Conversation, Customer, Message

TOKEN = "h" * 24
TIMEOUT = 1.5


@pytest.fixture
def webhook(store: Store) -> Iterator[WebhookServer]:
    server = WebhookServer(store, WebhookSettings(token=TOKEN, port=0, timeout=TIMEOUT, workers=4))
    server.start()
    yield server
    server.stop()


def _post(server: WebhookServer, payload: object) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        connection.request(
            "POST",
            "/messages",
            body=json.dumps(payload).encode("utf-8"),
            headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
        )
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _count(store: Store, model: object) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)  # type: ignore[arg-type]


def _message(number: int, handle: str = "new-visitor") -> dict[str, str]:
    return {
        "id": f"race-{number}",
        "handle": handle,
        "name": "Ines",
        "timestamp": "2026-11-01T10:00:00+01:00",
        "text": f"olá, mensagem {number}",
    }


def test_a_hundred_concurrent_first_messages_are_all_stored_once(
    webhook: WebhookServer, store: Store
) -> None:
    answers: list[tuple[int, bytes]] = []
    lock = threading.Lock()
    start = threading.Barrier(100)

    def send(number: int) -> None:
        start.wait()
        answer = _post(webhook, _message(number))
        with lock:
            answers.append(answer)

    threads = [threading.Thread(target=send, args=(n,)) for n in range(100)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(answers) == 100
    assert sorted({status for status, _ in answers}) == [200]
    assert sum(json.loads(body)["imported"] for _, body in answers) == 100
    assert _count(store, Message) == 100
    assert _count(store, Customer) == 1
    assert _count(store, ChannelIdentity) == 1
    assert _count(store, Conversation) == 1


def test_the_same_message_sent_concurrently_is_stored_once(
    webhook: WebhookServer, store: Store
) -> None:
    statuses: list[int] = []
    start = threading.Barrier(12)

    def send() -> None:
        start.wait()
        statuses.append(_post(webhook, _message(7))[0])

    threads = [threading.Thread(target=send) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert statuses == [200] * 12
    assert _count(store, Message) == 1


def _closed_by_server(sock: socket.socket, within: float) -> float:
    """Seconds until the server closed ``sock`` (reading EOF or a reset)."""
    begun = time.monotonic()
    sock.settimeout(within)
    try:
        while sock.recv(1024):
            pass
    except ConnectionResetError:
        pass
    return time.monotonic() - begun


def test_a_stalled_half_request_is_closed_within_the_timeout(webhook: WebhookServer) -> None:
    with socket.create_connection(("127.0.0.1", webhook.port), timeout=5) as sock:
        sock.sendall(b"POST /messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le")
        assert _closed_by_server(sock, TIMEOUT + 3) < TIMEOUT + 1


def test_a_trickling_client_is_closed_at_the_deadline(webhook: WebhookServer) -> None:
    """A byte every 0.2 s never hits a per-read timeout; the whole-request deadline ends it."""
    with socket.create_connection(("127.0.0.1", webhook.port), timeout=5) as sock:
        sock.sendall(b"POST /messages HTTP/1.1\r\n")
        begun = time.monotonic()
        closed = False
        while time.monotonic() - begun < TIMEOUT + 3:
            try:
                sock.sendall(b"X")
            except (BrokenPipeError, ConnectionResetError):
                closed = True
                break
            sock.settimeout(0.2)
            try:
                if sock.recv(1024) == b"":
                    closed = True
                    break
            except TimeoutError:
                continue
            except ConnectionResetError:
                closed = True
                break
        assert closed and time.monotonic() - begun < TIMEOUT + 1


def test_an_idle_connection_is_closed_and_the_server_still_answers(
    webhook: WebhookServer, store: Store
) -> None:
    with socket.create_connection(("127.0.0.1", webhook.port), timeout=5) as sock:
        assert _closed_by_server(sock, TIMEOUT + 3) < TIMEOUT + 1
    assert _post(webhook, _message(1))[0] == 200


def test_stalled_clients_hold_at_most_the_worker_threads(
    webhook: WebhookServer, store: Store
) -> None:
    before = threading.active_count()
    stalled = [socket.create_connection(("127.0.0.1", webhook.port)) for _ in range(20)]
    try:
        for sock in stalled:
            sock.sendall(b"POST /messages HTTP/1.1\r\n")
        time.sleep(0.5)
        workers = [t for t in threading.enumerate() if t.name.startswith("webhook-request")]
        assert len(workers) <= 4
        assert threading.active_count() <= before + 4
        # Once the stalled ones time out, the queued ones are served and closed too,
        # and a real client gets through.
        status, _ = _post(webhook, _message(2))
        assert status == 200
    finally:
        for sock in stalled:
            sock.close()
    assert _count(store, Message) == 1


def test_a_store_failure_is_logged_without_message_text_or_sql(
    webhook: WebhookServer,
    store: Store,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    with store.session() as session:
        session.execute(
            text(
                "CREATE TRIGGER refuse_messages BEFORE INSERT ON messages "
                "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
            )
        )
    secret_text = "my card number is 4111 1111 1111 1111"
    payload = {**_message(3), "text": secret_text}
    with caplog.at_level(logging.DEBUG):
        status, body = _post(webhook, payload)
    assert status == 500
    assert b"4111" not in body and b"INSERT" not in body
    assert _count(store, Message) == 0
    logged = caplog.text + "".join(str(r.args) for r in caplog.records)
    assert "could not store" in logged  # the failure is reported ...
    err = capfd.readouterr()
    for output in (logged, err.out, err.err):  # ... but never what was sent, nor the SQL
        assert "4111" not in output
        assert "INSERT" not in output and "parameters" not in output.lower()
        assert "new-visitor" not in output
