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
"""

from __future__ import annotations

import hmac
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from console.channels.importer import store_batch
from console.channels.mapping import ColumnMapping
from console.channels.sources import SourceItem, row_to_incoming
from console.store import Store

DEFAULT_MAX_BODY = 256 * 1024
MAX_MESSAGES_PER_REQUEST = 500
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
        self.store = store
        self.settings = settings
        #: Called (on a request thread) with the number of new messages after each store.
        self.on_imported = on_imported
        handler = type("_BoundHandler", (_Handler,), {"webhook": self})
        self._server = ThreadingHTTPServer((settings.host, settings.port), handler)
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
        with self.store.session() as session:
            report = store_batch(
                session, items, source=f"webhook:{self.settings.port}", actor="webhook"
            )
        if report.imported and self.on_imported is not None:
            self.on_imported(report.imported)
        return HTTPStatus.OK, {"imported": report.imported, "duplicates": report.duplicates}


class _Handler(BaseHTTPRequestHandler):
    webhook: WebhookServer
    server_version = "support-console-webhook"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:
        return  # no request logs: they could carry customer data

    def _reply(self, status: HTTPStatus, body: dict[str, Any]) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
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
        except Exception:
            self._reply(HTTPStatus.INTERNAL_SERVER_ERROR, {"error": "The message was not stored."})
            raise
        self._reply(status, answer)
