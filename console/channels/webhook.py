"""Local webhook: chat widgets and relays POST JSON messages to 127.0.0.1.

``POST /messages`` with ``Authorization: Bearer <token>`` and a JSON object
(or a list of them)::

    {"id": "chat-123", "channel": "chat", "handle": "visitor-9", "name": "Sara",
     "email": "...", "phone": "...", "country": "IT", "order_number": "...",
     "timestamp": "2026-11-01T10:00:00+01:00", "direction": "inbound", "text": "ciao"}

``text``, ``timestamp`` and one of ``handle``/``email``/``phone``/``name`` are
required. A request is all or nothing: a body over the size limit (413), not
JSON or not UTF-8 (400), with an invalid message (422), without the right
token (401), to another path (404) or with another method (405) stores
nothing. A stored request answers 200 with ``{"imported": n, "duplicates": d}``;
sending the same ``id`` again adds nothing. The server binds to loopback only.

Requests are served by a fixed number of worker threads; while all are busy,
further connections wait in the listen queue. A request must arrive whole
within ``timeout`` seconds (idle or trickling connections are closed), and a
failure is logged by its kind only, never with message contents or SQL.
"""

from __future__ import annotations

import hmac
import io
import json
import logging
import socket
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

from sqlalchemy.exc import IntegrityError, OperationalError

from console.channels.importer import store_batch
from console.channels.mapping import ColumnMapping
from console.channels.sources import SourceItem, row_to_incoming
from console.store import Store

DEFAULT_MAX_BODY = 256 * 1024
MAX_MESSAGES_PER_REQUEST = 500
STORE_ATTEMPTS = 3  # a request racing another one for the same new rows is stored again
_log = logging.getLogger(__name__)
_FIELDS = {
    "external_id": "id",
    "handle": "handle",
    "customer_name": "name",
    "email": "email",
    "phone": "phone",
    "country": "country",
    "order_number": "order_number",
    "timestamp": "timestamp",
    "time_zone": "time_zone",
    "direction": "direction",
    "text": "text",
    "subject": "subject",
}


@dataclass(frozen=True)
class WebhookSettings:
    token: str  # from the keyring; never stored or logged
    port: int = 8765  # 0: any free port
    max_body: int = DEFAULT_MAX_BODY
    host: str = "127.0.0.1"
    timeout: float = 10.0  # seconds for a whole request to arrive
    workers: int = 8  # requests handled at once; more wait in the listen queue


class WebhookServer:
    def __init__(
        self,
        store: Store,
        settings: WebhookSettings,
        *,
        on_imported: Callable[[int], None] | None = None,
    ) -> None:
        if not settings.token or len(settings.token) < 16:
            raise ValueError("The webhook token must be at least 16 characters.")
        if settings.host not in ("127.0.0.1", "::1", "localhost"):
            raise ValueError("The webhook listens on loopback only.")
        if settings.workers < 1 or settings.timeout <= 0:
            raise ValueError("The webhook needs at least one worker and a positive timeout.")
        self.store = store
        self.settings = settings
        #: Called (on a request thread) with the number of new messages after each store.
        self.on_imported = on_imported
        handler = type("_BoundHandler", (_Handler,), {"webhook": self, "timeout": settings.timeout})
        self._server = _BoundedServer((settings.host, settings.port), handler, settings.workers)
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def start(self) -> None:
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="webhook", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self._server.closing.set()
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def accept(self, payload: Any) -> tuple[HTTPStatus, dict[str, Any]]:
        """Validate and store a decoded JSON payload (one transaction)."""
        objects = payload if isinstance(payload, list) else [payload]
        if not objects or len(objects) > MAX_MESSAGES_PER_REQUEST:
            return HTTPStatus.UNPROCESSABLE_ENTITY, {
                "error": f"Send 1 to {MAX_MESSAGES_PER_REQUEST} messages per request."
            }
        items: list[SourceItem] = []
        for position, obj in enumerate(objects, start=1):
            if not isinstance(obj, dict):
                return HTTPStatus.UNPROCESSABLE_ENTITY, {
                    "error": f"Message {position} is not a JSON object."
                }
            channel = str(obj.get("channel") or "chat")
            if channel not in ("chat", "marketplace", "phone"):
                return HTTPStatus.UNPROCESSABLE_ENTITY, {
                    "error": f"Message {position}: unknown channel {channel!r}."
                }
            mapping = ColumnMapping(columns=dict(_FIELDS), channel=channel)
            flat = {k: v for k, v in obj.items() if isinstance(v, str | int | float)}
            try:
                message = row_to_incoming(flat, f"message {position}", mapping)
            except ValueError as exc:
                return HTTPStatus.UNPROCESSABLE_ENTITY, {"error": str(exc)}
            items.append(SourceItem(ref=f"message {position}", message=message))
        for attempt in range(1, STORE_ATTEMPTS + 1):
            try:
                with self.store.session() as session:
                    report = store_batch(
                        session, items, source=f"webhook:{self.settings.port}", actor="webhook"
                    )
                break
            except (IntegrityError, OperationalError) as exc:
                # Another request stored the same message (or held the database) meanwhile:
                # the next attempt sees what it stored.
                if attempt == STORE_ATTEMPTS:
                    raise
                _log.info("Webhook store attempt %d failed (%s); retrying.", attempt, _kind(exc))
        if report.imported and self.on_imported is not None:
            self.on_imported(report.imported)
        return HTTPStatus.OK, {"imported": report.imported, "duplicates": report.duplicates}


def _kind(exc: BaseException | None) -> str:
    """What went wrong, without the message (SQL errors carry statements and parameters)."""
    return "unknown error" if exc is None else type(exc).__name__


class _BoundedServer(HTTPServer):
    """An HTTP server whose requests run on a fixed pool of worker threads."""

    request_queue_size = 128  # connections waiting while every worker is busy

    def __init__(
        self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler], workers: int
    ) -> None:
        super().__init__(address, handler)
        self.closing = threading.Event()
        self._slots = threading.BoundedSemaphore(workers)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="webhook-request")

    def process_request(self, request: Any, client_address: Any) -> None:
        while not self._slots.acquire(timeout=0.2):
            if self.closing.is_set():
                self.shutdown_request(request)
                return
        try:
            self._pool.submit(self._work, request, client_address)
        except RuntimeError:  # the pool is shut down
            self._slots.release()
            self.shutdown_request(request)

    def _work(self, request: Any, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)
            self._slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Never the traceback: it would print SQL parameters and message text.
        _log.error("A webhook request failed (%s).", _kind(sys.exc_info()[1]))

    def server_close(self) -> None:
        self.closing.set()
        super().server_close()
        self._pool.shutdown(wait=True, cancel_futures=True)


class _DeadlineReader(io.RawIOBase):
    """Reads a socket until a deadline: a client trickling bytes cannot hold a worker."""

    def __init__(self, connection: socket.socket, deadline: float) -> None:
        super().__init__()
        self._connection = connection
        self._deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request did not arrive in time")
        self._connection.settimeout(left)
        return self._connection.recv_into(buffer)


class _Handler(BaseHTTPRequestHandler):
    webhook: WebhookServer
    server_version = "support-console-webhook"
    sys_version = ""

    def setup(self) -> None:
        super().setup()
        self.rfile.close()
        deadline = time.monotonic() + self.webhook.settings.timeout
        self.rfile = io.BufferedReader(_DeadlineReader(self.connection, deadline))

    def log_message(self, format: str, *args: Any) -> None:
        return  # no request logs: they could carry customer data

    def _reply(self, status: HTTPStatus, body: dict[str, Any]) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.connection.settimeout(self.webhook.settings.timeout)
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)
        self.close_connection = True

    def do_GET(self) -> None:
        self._reply(HTTPStatus.METHOD_NOT_ALLOWED, {"error": "Use POST /messages."})

    do_PUT = do_DELETE = do_PATCH = do_GET

    def do_POST(self) -> None:
        settings = self.webhook.settings
        if self.path.split("?")[0] != "/messages":
            self._reply(HTTPStatus.NOT_FOUND, {"error": "Use POST /messages."})
            return
        auth = self.headers.get("Authorization", "")
        expected = f"Bearer {settings.token}"
        if not hmac.compare_digest(auth.encode("utf-8"), expected.encode("utf-8")):
            self._reply(HTTPStatus.UNAUTHORIZED, {"error": "A valid bearer token is required."})
            return
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self._reply(HTTPStatus.LENGTH_REQUIRED, {"error": "Send a Content-Length."})
            return
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self._reply(HTTPStatus.LENGTH_REQUIRED, {"error": "Send a Content-Length."})
            return
        if length < 0 or length > settings.max_body:
            self._reply(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                {"error": f"The body is over {settings.max_body} bytes."},
            )
            return
        content_type = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type != "application/json":
            self._reply(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, {"error": "Send application/json."})
            return
        body = self.rfile.read(length)
        try:
            payload = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            self._reply(HTTPStatus.BAD_REQUEST, {"error": f"The body is not UTF-8 JSON: {exc}"})
            return
        try:
            status, answer = self.webhook.accept(payload)
        except Exception as exc:
            _log.error("The webhook could not store a request (%s).", _kind(exc))
            self._reply(HTTPStatus.INTERNAL_SERVER_ERROR, {"error": "The message was not stored."})
            return
        self._reply(status, answer)
