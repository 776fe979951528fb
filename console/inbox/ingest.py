"""Ingest inbound (and historic outbound) messages into one thread per customer.

Batches run as set operations (a handful of statements per batch, not per
message) so a large import runs at thousands of messages per second. Ingest
is idempotent: a message whose channel and external id are already stored is
counted as a duplicate and skipped; a source without ids gives each message
an id made from a hash of its content (:func:`content_external_id`).

Which customer: :mod:`console.identity.linking` (channel identity, then the
same e-mail, E.164 phone or order number). Which conversation: the one holding
a message named in ``In-Reply-To``/``References``, else the customer's
conversation with the same subject (``Re:``/``Fwd:`` stripped), else the
customer's newest conversation, else a new one.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import islice
from typing import cast

from sqlalchemy import Integer, Table, bindparam, column, insert, select, update
from sqlalchemy import cast as cast_to
from sqlalchemy import values as values_list
from sqlalchemy.orm import Session

from console import audit
from console.customers.country import markets_by_country
from console.identity.linking import resolve_customers
from console.incoming import Attachment, IncomingMessage
from console.kpis import facts as kpi_facts
from console.store import Store
from console.store.channel_tables import AttachmentBlob, MessageAttachment, MessageRef
from console.store.lookup import rows_with_keys
from console.store.models import (
    ChannelIdentity,
    ChannelKind,
    Conversation,
    ConversationStatus,
    Customer,
    Direction,
    Message,
)
from console.store.text_safety import clean_fields
from console.translations.arrival import UNDETERMINED, Arrival, detect_arrivals, store_languages

PREVIEW_CHARS = 200


def content_external_id(*parts: object) -> str:
    """An external id for sources that have none: a hash of what identifies the message."""
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode("utf-8"))
    return "sha256:" + digest.hexdigest()[:40]


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
    # Compare in Python what the store will hold (NUL -> U+FFFD: console/store/text_safety.py).
    batch = [clean_fields(item) for item in batch]
    fresh, duplicates = _drop_duplicates(session, batch)
    result = IngestResult(duplicates=duplicates)
    if not fresh:
        return result
    fresh = _detect_languages(session, fresh)  # before linking: a new customer's country uses it
    customer_ids = resolve_customers(session, fresh)
    threads, placement = _threads_for(session, fresh, customer_ids)
    resolved = {t.id for t in threads.values() if t.status is ConversationStatus.RESOLVED}
    rows = []
    for item, thread in zip(fresh, placement, strict=True):
        rows.append(_message_row(thread.id, item))
        thread.touch(item)
    message_ids = session.scalars(
        insert(_MESSAGES).returning(_MESSAGES.c.id, sort_by_parameter_order=True), rows
    ).all()
    _save_refs(session, fresh, message_ids)
    _save_attachments(session, fresh, message_ids)
    _save_threads(session, threads.values())
    # KPI facts: first message and reply of each touched conversation, reopens after resolution.
    kpi_facts.refresh(session, {thread.id for thread in placement})
    kpi_facts.record_reopened(
        session, {i for i in resolved if threads[i].status is ConversationStatus.OPEN}
    )
    result.imported = len(fresh)
    result.conversation_ids = {thread.id for thread in threads.values()}
    return result


def _detect_languages(session: Session, items: list[IncomingMessage]) -> list[IncomingMessage]:
    """``items`` with a detected language on each inbound message that came without one."""
    wanted = [
        index
        for index, item in enumerate(items)
        if item.direction is Direction.INBOUND and not item.language
    ]
    if not wanted:
        return items
    arrivals = [
        Arrival(items[i].text or items[i].subject or "", items[i].customer.country) for i in wanted
    ]
    detections = detect_arrivals(arrivals, store_languages(session))
    detected = list(items)
    for index, detection in zip(wanted, detections, strict=True):
        known = detection.language != UNDETERMINED
        detected[index] = replace(
            items[index],
            language=detection.language if known else None,
            language_confidence=detection.confidence,
            language_source="detected",
        )
    return detected


# Core tables: batches go through executemany, not the ORM unit of work.
_MESSAGES = cast(Table, Message.__table__)
_CUSTOMERS = cast(Table, Customer.__table__)
_IDENTITIES = cast(Table, ChannelIdentity.__table__)
_CONVERSATIONS = cast(Table, Conversation.__table__)
_REFS = cast(Table, MessageRef.__table__)
_BLOBS = cast(Table, AttachmentBlob.__table__)
_MESSAGE_ATTACHMENTS = cast(Table, MessageAttachment.__table__)


def _drop_duplicates(
    session: Session, batch: Sequence[IncomingMessage]
) -> tuple[list[IncomingMessage], int]:
    """The items not stored yet, and how many were dropped as duplicates.

    A duplicate is the same message again: the same channel and external id *and* the
    same sender and content. Another message that reuses an id (a copied or forged
    Message-ID, a sender that numbers every message 1) is no duplicate and is never
    dropped: it is stored under an id of its own (:func:`_own_id`, the id plus a hash
    of sender and content), which a re-import finds again. It does not claim the
    RFC Message-ID for threading, which belongs to the message stored first.
    """
    prints = [_fingerprint(item) for item in batch]
    owns = [
        _own_id(item.external_id, mark) if item.external_id is not None else None
        for item, mark in zip(batch, prints, strict=True)
    ]
    keys = {(m.channel, m.external_id) for m in batch if m.external_id is not None}
    keys |= {(m.channel, own) for m, own in zip(batch, owns, strict=True) if own is not None}
    stored = _stored_messages(session, keys) if keys else {}
    taken: dict[tuple[ChannelKind, str], str] = {}  # key -> fingerprint, for this batch
    fresh: list[IncomingMessage] = []
    for item, mark, own in zip(batch, prints, owns, strict=True):
        if item.external_id is None or own is None:
            fresh.append(item)
            continue
        key = (item.channel, item.external_id)
        known = stored.get(key)
        if key in taken or known is not None:
            if taken.get(key) == mark or (known is not None and known.holds(item)):
                continue  # the same message again
            key = (item.channel, own)
            if key in taken or key in stored:
                continue  # this other message was stored under its own id before
            item = replace(item, external_id=own, rfc_message_id=None)
        taken[key] = mark
        fresh.append(item)
    return fresh, len(batch) - len(fresh)


@dataclass
class _Stored:
    """What decides whether a stored message is the same as an incoming one."""

    text: str
    subject: str | None
    senders: set[str]  # the customer's addresses on the message's channel

    def holds(self, item: IncomingMessage) -> bool:
        return (
            self.text == item.text
            and (self.subject or None) == (item.subject or None)
            and item.address in self.senders
        )


def _stored_messages(
    session: Session, keys: set[tuple[ChannelKind, str]]
) -> dict[tuple[ChannelKind, str], _Stored]:
    rows = rows_with_keys(
        session,
        select(
            Message.channel,
            Message.external_id,
            Message.text,
            Message.subject,
            ChannelIdentity.address,
        )
        .join(Conversation, Conversation.id == Message.conversation_id)
        .outerjoin(
            ChannelIdentity,
            (ChannelIdentity.customer_id == Conversation.customer_id)
            & (ChannelIdentity.kind == Message.channel),
        ),
        (Message.channel, Message.external_id),
        keys,
    )
    stored: dict[tuple[ChannelKind, str], _Stored] = {}
    for channel, external, text, subject, address in rows:
        entry = stored.setdefault(
            (ChannelKind(channel), str(external)), _Stored(text or "", subject, set())
        )
        if address is not None:
            entry.senders.add(address)
    return stored


def _fingerprint(item: IncomingMessage) -> str:
    """A hash of who sent the message and what it says."""
    parts = (item.channel.value, item.address, item.subject or "", item.text)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "replace")).hexdigest()


def _own_id(external_id: str, fingerprint: str) -> str:
    """The id for another message that came with an id already taken."""
    return f"{external_id[:280]}#{fingerprint[:16]}"


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
    snoozed_until: datetime | None = None

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
            # The customer wrote: whatever waited (resolved, waiting on them, snoozed) is open.
            self.status = ConversationStatus.OPEN
            self.snoozed_until = None

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
            "snoozed_until": self.snoozed_until,
        }


_THREAD_FIELDS = tuple(name for name in _Thread.__dataclass_fields__ if name != "id")


_SUBJECT_PREFIX = re.compile(
    r"^\s*((re|fwd?|aw|wg|sv|vs|antw|r|rif|enc|res|回复|转发)\s*(\[\d+\])?\s*[:：]\s*)+", re.I
)


def thread_subject(subject: str | None) -> str:
    """A subject as threads compare it: reply/forward prefixes and spacing removed."""
    if not subject:
        return ""
    return " ".join(_SUBJECT_PREFIX.sub("", subject).casefold().split())


def _threads_for(
    session: Session, items: Sequence[IncomingMessage], customer_ids: list[int]
) -> tuple[dict[int, _Thread], list[_Thread]]:
    """Each item's conversation (aligned with ``items``), creating conversations as needed."""
    wanted = set(customer_ids)
    referenced = {ref for item in items for ref in _item_refs(item)}
    by_rfc: dict[str, int] = {}
    if referenced:
        by_rfc = {
            rfc: conversation_id
            for rfc, conversation_id in session.execute(
                select(MessageRef.rfc_message_id, Message.conversation_id)
                .join(Message, Message.id == MessageRef.message_id)
                .where(MessageRef.rfc_message_id.in_(referenced))
            )
            if rfc is not None
        }
    columns = [_CONVERSATIONS.c.customer_id, _CONVERSATIONS.c.id] + [
        _CONVERSATIONS.c[name] for name in _THREAD_FIELDS
    ]
    rows = session.execute(
        select(*columns)
        .where(
            _CONVERSATIONS.c.customer_id.in_(wanted) | _CONVERSATIONS.c.id.in_(set(by_rfc.values()))
        )
        .order_by(_CONVERSATIONS.c.last_activity_at, _CONVERSATIONS.c.id)
        # Another seat's ingest or reply waits until this batch is saved (PostgreSQL): the
        # counts folded in Python over these rows must not overwrite theirs.
        .with_for_update()
    )
    threads: dict[int, _Thread] = {}
    newest: dict[int, _Thread] = {}  # per customer
    by_subject: dict[tuple[int, str], _Thread] = {}
    for customer_id, *values in rows:
        thread = _Thread(*values)
        thread.status = ConversationStatus(thread.status)
        thread.channel = ChannelKind(thread.channel) if thread.channel else None
        threads[thread.id] = thread
        newest[customer_id] = thread  # newest thread wins
        if thread.subject:
            by_subject[(customer_id, thread_subject(thread.subject))] = thread

    # Decide per item; conversations still to be made are keyed by customer.
    pending: dict[int, list[int]] = {}  # customer id -> indexes of items waiting for a new thread
    placement: list[_Thread | None] = []
    pending_rfc: dict[str, int] = {}  # rfc id of a batch item going to a new thread -> customer
    for index, (item, customer_id) in enumerate(zip(items, customer_ids, strict=True)):
        chosen: _Thread | None = None
        waiting_for: int | None = None
        for ref in _item_refs(item):
            if ref in by_rfc and by_rfc[ref] in threads:
                chosen = threads[by_rfc[ref]]
                break
            if ref in pending_rfc:
                waiting_for = pending_rfc[ref]
                break
        if chosen is None and waiting_for is None:
            subject = thread_subject(item.subject)
            chosen = by_subject.get((customer_id, subject)) if subject else None
            if chosen is None:
                chosen = newest.get(customer_id)
        if chosen is None:
            waiting_for = customer_id if waiting_for is None else waiting_for
            pending.setdefault(waiting_for, []).append(index)
            if item.rfc_message_id:
                pending_rfc[item.rfc_message_id] = waiting_for
        elif item.rfc_message_id:
            by_rfc[item.rfc_message_id] = chosen.id
        placement.append(chosen)
    if pending:
        created = _new_threads(session, items, pending)
        threads.update({thread.id: thread for thread in created.values()})
        for customer_id, indexes in pending.items():
            for index in indexes:
                placement[index] = created[customer_id]
    return threads, cast(list[_Thread], placement)


def _item_refs(item: IncomingMessage) -> list[str]:
    refs = [item.in_reply_to] if item.in_reply_to else []
    refs.extend(reversed(item.references))  # the nearest ancestor first
    return refs


def _new_threads(
    session: Session, items: Sequence[IncomingMessage], pending: dict[int, list[int]]
) -> dict[int, _Thread]:
    markets = markets_by_country(session)
    customers = sorted(pending)
    firsts = [items[pending[customer_id][0]] for customer_id in customers]
    # The customer's country as stored: guessed at creation, or set by an agent.
    countries: dict[int, str | None] = {
        customer_id: country
        for customer_id, country in session.execute(
            select(Customer.id, Customer.country).where(Customer.id.in_(customers))
        )
    }
    new_rows = [
        {
            "customer_id": customer_id,
            "subject": first.subject,
            "status": ConversationStatus.OPEN,
            "market_id": markets.get(countries.get(customer_id) or first.customer.country or ""),
            "priority": 1,
            "preview": "",
            "message_count": 0,
            "unread_count": 0,
            "awaiting_reply": False,
            "last_activity_at": first.sent_at,
            "created_at": first.sent_at,
        }
        for customer_id, first in zip(customers, firsts, strict=True)
    ]
    ids = session.scalars(
        insert(_CONVERSATIONS).returning(_CONVERSATIONS.c.id, sort_by_parameter_order=True),
        new_rows,
    ).all()
    return {
        customer_id: _Thread(
            id=conversation_id,
            subject=first.subject,
            status=ConversationStatus.OPEN,
            channel=None,
            language=None,
            preview="",
            message_count=0,
            unread_count=0,
            awaiting_reply=False,
            last_activity_at=first.sent_at,
        )
        for customer_id, conversation_id, first in zip(customers, ids, firsts, strict=True)
    }


def _save_refs(
    session: Session, items: Sequence[IncomingMessage], message_ids: Sequence[int]
) -> None:
    rows = [
        {
            "message_id": message_id,
            "rfc_message_id": item.rfc_message_id[:500] if item.rfc_message_id else None,
            "in_reply_to": item.in_reply_to[:500] if item.in_reply_to else None,
            "references": list(item.references),
        }
        for item, message_id in zip(items, message_ids, strict=True)
        if item.rfc_message_id or item.in_reply_to or item.references
    ]
    if rows:
        session.execute(insert(_REFS), rows)


def _save_attachments(
    session: Session, items: Sequence[IncomingMessage], message_ids: Sequence[int]
) -> None:
    """Content-addressed: each distinct content is stored once, however many messages carry it."""
    links = []
    blobs: dict[str, Attachment] = {}
    for item, message_id in zip(items, message_ids, strict=True):
        for attachment in item.attachments:
            blobs.setdefault(attachment.sha256, attachment)
            links.append(
                {
                    "message_id": message_id,
                    "sha256": attachment.sha256,
                    "filename": attachment.filename[:300],
                    "content_type": attachment.content_type[:200],
                    "size": attachment.size,
                    "dangerous": attachment.dangerous,
                }
            )
    if not links:
        return
    stored = set(
        session.scalars(select(AttachmentBlob.sha256).where(AttachmentBlob.sha256.in_(blobs)))
    )
    fresh = [
        {"sha256": sha, "size": attachment.size, "data": attachment.data}
        for sha, attachment in blobs.items()
        if sha not in stored
    ]
    if fresh:
        session.execute(insert(_BLOBS), fresh)
    session.execute(insert(_MESSAGE_ATTACHMENTS), links)


#: Conversations saved per UPDATE statement on PostgreSQL (11 parameters each, of 65,535).
_THREADS_PER_UPDATE = 2000


def _save_threads(session: Session, threads: Iterable[_Thread]) -> None:
    rows = [thread.values() for thread in threads]
    if not rows:
        return
    if session.get_bind().dialect.name == "postgresql":
        # One UPDATE ... FROM (VALUES ...) per chunk, not one statement per conversation:
        # the statement-level triggers (live updates) fire once, and a batch of thousands
        # of conversations is one round of work on the server, not thousands.
        names = ("b_id", *_THREAD_FIELDS)
        for start in range(0, len(rows), _THREADS_PER_UPDATE):
            chunk = rows[start : start + _THREADS_PER_UPDATE]
            saved = values_list(
                column("b_id", Integer()),
                *(column(name, _CONVERSATIONS.c[name].type) for name in _THREAD_FIELDS),
                name="saved_threads",
            ).data([tuple(row[name] for name in names) for row in chunk])
            session.connection().execute(
                update(_CONVERSATIONS)
                .where(_CONVERSATIONS.c.id == saved.c.b_id)
                # A column that is NULL in every row of the list has type text: cast back.
                .values(
                    {
                        name: cast_to(saved.c[name], _CONVERSATIONS.c[name].type)
                        for name in _THREAD_FIELDS
                    }
                )
                .values(version=_CONVERSATIONS.c.version + 1)
            )
        return
    statement = (
        update(_CONVERSATIONS)
        .where(_CONVERSATIONS.c.id == bindparam("b_id"))
        .values({name: bindparam(name) for name in _THREAD_FIELDS})
        .values(version=_CONVERSATIONS.c.version + 1)  # a change other seats must not overwrite
    )
    session.connection().execute(statement, rows)


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
        "language": item.language or (UNDETERMINED if item.language_source == "detected" else None),
        "language_confidence": item.language_confidence,
        "language_source": item.language_source,
    }


def _preview(text: str) -> str:
    return " ".join(text.split())[:PREVIEW_CHARS]
