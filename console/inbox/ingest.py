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

from sqlalchemy import insert, select, tuple_
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
    conversations = _conversations_for(session, fresh, customer_ids)
    rows = []
    for item in fresh:
        conversation = conversations[customer_ids[(item.channel, item.address)]]
        rows.append(_message_row(conversation.id, item))
        _touch(conversation, item)
    session.execute(insert(Message), rows)
    result.imported = len(fresh)
    result.conversation_ids = {c.id for c in conversations.values()}
    return result


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
    keys = {(m.channel, m.address) for m in items}
    found: dict[tuple[ChannelKind, str], int] = {
        (ChannelKind(kind), address): customer_id
        for kind, address, customer_id in session.execute(
            select(
                ChannelIdentity.kind, ChannelIdentity.address, ChannelIdentity.customer_id
            ).where(tuple_(ChannelIdentity.kind, ChannelIdentity.address).in_(list(keys)))
        )
    }
    new: dict[tuple[ChannelKind, str], Customer] = {}
    for item in items:
        key = (item.channel, item.address)
        if key in found or key in new:
            continue
        info = item.customer
        customer = Customer(
            name=info.name,
            country=info.country,
            region=info.region,
            city=info.city,
            locale=info.locale,
            preferred_language=info.preferred_language,
            time_zone=info.time_zone,
        )
        customer.identities.append(ChannelIdentity(kind=item.channel, address=item.address))
        new[key] = customer
    if new:
        session.add_all(new.values())
        session.flush()
        found.update({key: customer.id for key, customer in new.items()})
    return found


def _conversations_for(
    session: Session,
    items: Sequence[IncomingMessage],
    customer_ids: dict[tuple[ChannelKind, str], int],
) -> dict[int, Conversation]:
    wanted = set(customer_ids.values())
    conversations: dict[int, Conversation] = {}
    for conversation in session.scalars(
        select(Conversation)
        .where(Conversation.customer_id.in_(wanted))
        .order_by(Conversation.last_activity_at)
    ):
        conversations[conversation.customer_id] = conversation  # newest thread wins
    missing = wanted - conversations.keys()
    if missing:
        markets = _market_by_country(session)
        first_item: dict[int, IncomingMessage] = {}
        for item in items:
            first_item.setdefault(customer_ids[(item.channel, item.address)], item)
        for customer_id in missing:
            item = first_item[customer_id]
            conversations[customer_id] = Conversation(
                customer_id=customer_id,
                subject=item.subject,
                market_id=markets.get(item.customer.country or ""),
                last_activity_at=item.sent_at,
                created_at=item.sent_at,
                preview="",
                message_count=0,
                unread_count=0,
                awaiting_reply=False,
                status=ConversationStatus.OPEN,
            )
        session.add_all(conversations[c] for c in missing)
        session.flush()
    return conversations


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


def _touch(conversation: Conversation, item: IncomingMessage) -> None:
    """Fold one new message into the conversation's inbox summary."""
    conversation.message_count += 1
    inbound = item.direction is Direction.INBOUND
    if inbound:
        conversation.unread_count += 1
        if conversation.subject is None and item.subject:
            conversation.subject = item.subject
    if item.sent_at < conversation.last_activity_at and conversation.message_count > 1:
        return  # an older message arriving late changes nothing on top
    conversation.last_activity_at = item.sent_at
    conversation.preview = _preview(item.text)
    conversation.channel = item.channel
    conversation.awaiting_reply = inbound
    if inbound:
        if item.language:
            conversation.language = item.language
        if conversation.status is ConversationStatus.RESOLVED:
            conversation.status = ConversationStatus.OPEN


def _preview(text: str) -> str:
    return " ".join(text.split())[:PREVIEW_CHARS]
