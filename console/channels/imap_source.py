"""E-mail over IMAP (imapclient): TLS or STARTTLS, watched folders, poll and IDLE.

The connector reads each watched folder from the last UID it stored: the
cursor ``"<UIDVALIDITY>:<UID>"`` is saved in the same transaction as the
messages it covers, so after a restart (or a crash) reading resumes where the
store left off. When the server resets UIDVALIDITY the folder is read again
from the start; Message-ID deduplication keeps that from adding anything twice.

Folders are opened read-only and fetched with ``BODY.PEEK[]``, so nothing is
marked as read unless ``mark_seen`` is set. The password comes from the
caller (the keyring, :mod:`console.channels.credentials`), never the store.
"""

from __future__ import annotations

import contextlib
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from imapclient import IMAPClient  # type: ignore[import-untyped]
from imapclient.exceptions import IMAPClientError  # type: ignore[import-untyped]

from console.channels.importer import ImportReport, import_items, load_cursor
from console.channels.scrub import scrub
from console.channels.sources import SourceItem, email_item
from console.store import Store

FETCH_CHUNK = 200


class ImapError(RuntimeError):
    """The server cannot be reached or refused us; the text says why."""


@dataclass(frozen=True)
class ImapSettings:
    host: str
    port: int
    username: str
    security: str = "tls"  # "tls" (IMAPS) | "starttls"
    folders: tuple[str, ...] = ("INBOX",)
    mark_seen: bool = False
    ca_file: str | None = None  # a private CA or a self-signed server certificate
    timeout: float = 30.0

    @property
    def account(self) -> str:
        return f"imap:{self.username}@{self.host}:{self.port}"

    def source(self, folder: str) -> str:
        return f"{self.account}/{folder}"


class ImapConnector:
    def __init__(self, store: Store, settings: ImapSettings, password: str) -> None:
        self.store = store
        self.settings = settings
        self._password = password
        self._client: IMAPClient | None = None

    # -- connection ------------------------------------------------------------------------

    def connect(self) -> None:
        settings = self.settings
        context = ssl.create_default_context(cafile=settings.ca_file)
        client: IMAPClient | None = None
        try:
            if settings.security == "tls":
                client = IMAPClient(
                    settings.host,
                    port=settings.port,
                    ssl=True,
                    ssl_context=context,
                    timeout=settings.timeout,
                )
            elif settings.security == "starttls":
                client = IMAPClient(
                    settings.host, port=settings.port, ssl=False, timeout=settings.timeout
                )
                client.starttls(context)
            else:
                raise ImapError(f"Unknown security {settings.security!r}: use tls or starttls.")
            client.login(settings.username, self._password)
        except (OSError, IMAPClientError, ssl.SSLError) as exc:
            if client is not None:  # refused after connecting: do not leave the socket open
                with contextlib.suppress(OSError, IMAPClientError):
                    client.shutdown()
            # Not chained: the server's reply may echo the LOGIN line with the password.
            raise ImapError(
                self._clean(f"Cannot sign in to {settings.host}:{settings.port}: {exc}")
            ) from None
        self._client = client

    def _clean(self, text: str) -> str:
        """An error or server reply without the password (in any encoding) or LOGIN arguments."""
        return scrub(text, [self._password], self.settings.username)

    def close(self) -> None:
        if self._client is not None:
            with contextlib.suppress(OSError, IMAPClientError):
                self._client.logout()
            self._client = None

    def __enter__(self) -> ImapConnector:
        self.connect()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def client(self) -> IMAPClient:
        if self._client is None:
            self.connect()
        assert self._client is not None
        return self._client

    # -- reading ---------------------------------------------------------------------------

    def sync(self) -> ImportReport:
        """Read every watched folder from its cursor; each batch commits with its cursor."""
        total = ImportReport()
        for folder in self.settings.folders:
            report = self.sync_folder(folder)
            total.imported += report.imported
            total.duplicates += report.duplicates
            total.quarantined += report.quarantined
        return total

    def sync_folder(self, folder: str) -> ImportReport:
        client = self.client
        source = self.settings.source(folder)
        try:
            status = client.select_folder(folder, readonly=not self.settings.mark_seen)
        except IMAPClientError as exc:
            raise ImapError(self._clean(f"The folder {folder!r} cannot be opened: {exc}")) from None
        validity = int(status[b"UIDVALIDITY"])
        with self.store.session() as session:
            cursor = load_cursor(session, source)
        last = 0
        if cursor:
            stored_validity, _, stored_uid = cursor.partition(":")
            if stored_validity == str(validity):
                last = int(stored_uid or 0)
        uids = sorted(uid for uid in client.search(["UID", f"{last + 1}:*"]) if uid > last)
        if not uids:
            return ImportReport()
        report = import_items(
            self.store,
            self._items(folder, validity, uids),
            source=source,
            batch_size=FETCH_CHUNK,
            actor=f"import:{source}",
        )
        if self.settings.mark_seen:
            client.add_flags(uids, [b"\\Seen"])
        return report

    def _items(self, folder: str, validity: int, uids: list[int]) -> Iterator[SourceItem]:
        client = self.client
        for start in range(0, len(uids), FETCH_CHUNK):
            chunk = uids[start : start + FETCH_CHUNK]
            fetched = client.fetch(chunk, ["BODY.PEEK[]", "INTERNALDATE"])
            for uid in chunk:
                data = fetched.get(uid)
                ref = f"{validity}:{uid}"
                if data is None:
                    yield SourceItem(ref=ref, problem="The server did not return this message.")
                    continue
                raw = data.get(b"BODY[]") or b""
                received = data.get(b"INTERNALDATE")
                if isinstance(received, datetime):
                    received = (
                        received.astimezone(UTC)
                        if received.tzinfo
                        else received.replace(tzinfo=UTC)
                    )
                else:
                    received = datetime.now(UTC)
                yield email_item(raw, ref, received_at=received)

    def wait_for_mail(
        self,
        timeout: float,
        folder: str | None = None,
        *,
        stop: threading.Event | None = None,
        check_every: float = 1.0,
    ) -> bool:
        """IDLE on a folder until the server reports new mail or ``timeout`` passes.

        With ``stop``, the wait also ends (within ``check_every`` seconds) once it is set:
        one IDLE command, checked in short slices, so stopping never waits for the server.
        """
        client = self.client
        folder = folder or self.settings.folders[0]
        client.select_folder(folder, readonly=not self.settings.mark_seen)
        if b"IDLE" not in client.capabilities():
            return False
        deadline = time.monotonic() + timeout
        client.idle()
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0 or (stop is not None and stop.is_set()):
                    return False
                slice_ = left if stop is None else min(left, check_every)
                responses = client.idle_check(timeout=slice_)
                if any(len(r) > 1 and r[1] in (b"EXISTS", b"RECENT") for r in responses):
                    return True
        finally:
            client.idle_done()

    def run(self, stop: threading.Event, *, idle_seconds: float = 300.0) -> None:
        """Sync, then wait (IDLE, or poll every ``idle_seconds``), until ``stop`` is set."""
        while not stop.is_set():
            self.sync()
            if stop.is_set():
                return
            if b"IDLE" in self.client.capabilities():
                # servers drop IDLE after 30 min
                self.wait_for_mail(min(idle_seconds, 29 * 60), stop=stop)
            else:
                stop.wait(idle_seconds)
