"""Ingest inbound (and historic outbound) messages into one thread per customer.

Batches run as set operations (a handful of statements per batch, not per
message) so a large import runs at thousands of messages per second. Ingest
is idempotent: a message whose channel and external id are already stored is
counted as a duplicate and skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from typing import cast

from sqlalchemy import Table, bindparam, insert, select, tuple_, update
from sqlalchemy.orm import Session

from console import audit
from console.store import Store
from console.store.models import (
    ChannelIdentity,
    ChannelKind,
    Conversation,
    ConversationStatus,
    Customer,
    Direction,
    Market,
    Message,
    utcnow,
)

PREVIEW_CHARS = 200


@dataclass(frozen=True)
class CustomerInfo:
    """What a channel tells us about who wrote."""

    name: str
    country: str | None = None
    region: str | None = None
    city: str | None = None
    locale: str | None = None
    preferred_language: str | None = None
    time_zone: str | None = None


@dataclass(frozen=True)
class IncomingMessage:
    channel: ChannelKind
    address: str  # the customer's address on that channel
    customer: CustomerInfo
    sent_at: datetime
    text: str
    direction: Direction = Direction.INBOUND
    external_id: str | None = None
    subject: str | None = None
    html: str | None = None
    language: str | None = None
    language_confidence: float | None = None
    author_agent_id: int | None = None


@dataclass
class IngestResult:
    imported: int = 0
    duplicates: int = 0
    conversation_ids: set[int] = field(default_factory=set)

    def __iadd__(self, other: IngestResult) -> IngestResult:
        self.imported += other.imported
        self.duplicates += other.duplicates
        self.conversation_ids |= other.conversation_ids
        return self


def ingest(
    store: Store,
    messages: Iterable[IncomingMessage],
    *,
    batch_size: int = 2000,
    actor: str = "ingest",
) -> IngestResult:
    """Store ``messages``, each batch in its own transaction."""
    total = IngestResult()
    for batch in _batches(messages, batch_size):
        with store.session() as session:
            result = ingest_batch(session, batch)
            if result.imported:
                audit.record(
                    session,
                    actor=actor,
                    action="ingest",
                    entity="message",
                    imported=result.imported,
                    duplicates=result.duplicates,
                )
        total += result
    return total


def _batches(items: Iterable[IncomingMessage], size: int) -> Iterator[list[IncomingMessage]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def ingest_batch(session: Session, batch: Sequence[IncomingMessage]) -> IngestResult:
    fresh, duplicates = _drop_duplicates(session, batch)
    result = IngestResult(duplicates=duplicates)
    if not fresh:
        return result
    customer_ids = _customers_for(session, fresh)
    threads = _threads_for(session, fresh, customer_ids)
    rows = []
    for item in fresh:
        thread = threads[customer_ids[(item.channel, item.address)]]
        rows.append(_message_row(thread.id, item))
        thread.touch(item)
    session.execute(insert(_MESSAGES), rows)
    _save_threads(session, threads.values())
    result.imported = len(fresh)
    result.conversation_ids = {thread.id for thread in threads.values()}
    return result


# Core tables: batches go through executemany, not the ORM unit of work.
_MESSAGES = cast(Table, Message.__table__)
_CUSTOMERS = cast(Table, Customer.__table__)
_IDENTITIES = cast(Table, ChannelIdentity.__table__)
_CONVERSATIONS = cast(Table, Conversation.__table__)


def _drop_duplicates(
    session: Session, batch: Sequence[IncomingMessage]
) -> tuple[list[IncomingMessage], int]:
    keys = {(m.channel, m.external_id) for m in batch if m.external_id is not None}
    known: set[tuple[ChannelKind, str]] = set()
    if keys:
        stored = session.execute(
            select(Message.channel, Message.external_id).where(
                tuple_(Message.channel, Message.external_id).in_(list(keys))
            )
        )
        known = {(ChannelKind(channel), str(external)) for channel, external in stored}
    fresh: list[IncomingMessage] = []
    for item in batch:
        if item.external_id is not None:
            key = (item.channel, item.external_id)
            if key in known:
                continue
            known.add(key)
        fresh.append(item)
    return fresh, len(batch) - len(fresh)


def _customers_for(
    session: Session, items: Sequence[IncomingMessage]
) -> dict[tuple[ChannelKind, str], int]:
    """Customer id per (channel, address); unknown addresses become new customers."""
    keys = {(m.channel, m.address) for m in items}
    found: dict[tuple[ChannelKind, str], int] = {
        (ChannelKind(kind), address): customer_id
        for kind, address, customer_id in session.execute(
            select(
                ChannelIdentity.kind, ChannelIdentity.address, ChannelIdentity.customer_id
            ).where(tuple_(ChannelIdentity.kind, ChannelIdentity.address).in_(list(keys)))
        )
    }
    new: dict[tuple[ChannelKind, str], CustomerInfo] = {}
    for item in items:
        key = (item.channel, item.address)
        if key not in found:
            new.setdefault(key, item.customer)
    if not new:
        return found
    now = utcnow()
    ids = session.scalars(
        insert(_CUSTOMERS).returning(_CUSTOMERS.c.id, sort_by_parameter_order=True),
        [
            {
                "name": info.name,
                "country": info.country,
                "region": info.region,
                "city": info.city,
                "locale": info.locale,
                "preferred_language": info.preferred_language,
                "time_zone": info.time_zone,
                "created_at": now,
            }
            for info in new.values()
        ],
    ).all()
    session.execute(
        insert(_IDENTITIES),
        [
            {"customer_id": customer_id, "kind": kind, "address": address}
            for (kind, address), customer_id in zip(new, ids, strict=True)
        ],
    )
    found.update(zip(new, ids, strict=True))
    return found


@dataclass
class _Thread:
    """A conversation's inbox summary, folded over new messages, then saved once."""

    id: int
    subject: str | None
    status: ConversationStatus
    channel: ChannelKind | None
    language: str | None
    preview: str
    message_count: int
    unread_count: int
    awaiting_reply: bool
    last_activity_at: datetime

    def touch(self, item: IncomingMessage) -> None:
        self.message_count += 1
        inbound = item.direction is Direction.INBOUND
        if inbound:
            self.unread_count += 1
            if self.subject is None and item.subject:
                self.subject = item.subject
        if item.sent_at < self.last_activity_at and self.message_count > 1:
            return  # an older message arriving late changes nothing on top
        self.last_activity_at = item.sent_at
        self.preview = _preview(item.text)
        self.channel = item.channel
        self.awaiting_reply = inbound
        if inbound:
            if item.language:
                self.language = item.language
            if self.status is ConversationStatus.RESOLVED:
                self.status = ConversationStatus.OPEN

    def values(self) -> dict[str, object]:
        return {
            "b_id": self.id,
            "subject": self.subject,
            "status": self.status,
            "channel": self.channel,
            "language": self.language,
            "preview": self.preview,
            "message_count": self.message_count,
            "unread_count": self.unread_count,
            "awaiting_reply": self.awaiting_reply,
            "last_activity_at": self.last_activity_at,
        }


_THREAD_FIELDS = tuple(name for name in _Thread.__dataclass_fields__ if name != "id")


def _threads_for(
    session: Session,
    items: Sequence[IncomingMessage],
    customer_ids: dict[tuple[ChannelKind, str], int],
) -> dict[int, _Thread]:
    """The thread of each customer in the batch (the newest one; created if none)."""
    wanted = set(customer_ids.values())
    threads: dict[int, _Thread] = {}
    columns = [_CONVERSATIONS.c.customer_id, _CONVERSATIONS.c.id] + [
        _CONVERSATIONS.c[name] for name in _THREAD_FIELDS
    ]
    rows = session.execute(
        select(*columns)
        .where(_CONVERSATIONS.c.customer_id.in_(wanted))
        .order_by(_CONVERSATIONS.c.last_activity_at)
    )
    for customer_id, *values in rows:
        threads[customer_id] = _Thread(*values)  # newest thread wins
        thread = threads[customer_id]
        thread.status = ConversationStatus(thread.status)
        thread.channel = ChannelKind(thread.channel) if thread.channel else None
    missing = sorted(wanted - threads.keys())
    if missing:
        first_item: dict[int, IncomingMessage] = {}
        for item in items:
            first_item.setdefault(customer_ids[(item.channel, item.address)], item)
        markets = _market_by_country(session)
        new_rows = [
            {
                "customer_id": customer_id,
                "subject": first_item[customer_id].subject,
                "status": ConversationStatus.OPEN,
                "market_id": markets.get(first_item[customer_id].customer.country or ""),
                "priority": 1,
                "preview": "",
                "message_count": 0,
                "unread_count": 0,
                "awaiting_reply": False,
                "last_activity_at": first_item[customer_id].sent_at,
                "created_at": first_item[customer_id].sent_at,
            }
            for customer_id in missing
        ]
        ids = session.scalars(
            insert(_CONVERSATIONS).returning(_CONVERSATIONS.c.id, sort_by_parameter_order=True),
            new_rows,
        ).all()
        for customer_id, conversation_id, row in zip(missing, ids, new_rows, strict=True):
            threads[customer_id] = _Thread(
                id=conversation_id,
                subject=row["subject"],  # type: ignore[arg-type]
                status=ConversationStatus.OPEN,
                channel=None,
                language=None,
                preview="",
                message_count=0,
                unread_count=0,
                awaiting_reply=False,
                last_activity_at=first_item[customer_id].sent_at,
            )
    return threads


def _save_threads(session: Session, threads: Iterable[_Thread]) -> None:
    statement = (
        update(_CONVERSATIONS)
        .where(_CONVERSATIONS.c.id == bindparam("b_id"))
        .values({name: bindparam(name) for name in _THREAD_FIELDS})
    )
    session.connection().execute(statement, [thread.values() for thread in threads])


def _market_by_country(session: Session) -> dict[str, int]:
    return {
        country: market_id
        for market_id, countries in session.execute(select(Market.id, Market.countries))
        for country in countries
    }


def _message_row(conversation_id: int, item: IncomingMessage) -> dict[str, object]:
    return {
        "conversation_id": conversation_id,
        "direction": item.direction,
        "channel": item.channel,
        "external_id": item.external_id,
        "sent_at": item.sent_at,
        "author_agent_id": item.author_agent_id,
        "subject": item.subject,
        "text": item.text,
        "html": item.html,
        "language": item.language,
        "language_confidence": item.language_confidence,
    }


def _preview(text: str) -> str:
    return " ".join(text.split())[:PREVIEW_CHARS]
