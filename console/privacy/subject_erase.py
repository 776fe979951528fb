"""Erasing a customer's personal data, and the conversation texts retention lets go (Qt-free).

What goes (:func:`erase_customer`): every message text, its HTML, subject and
e-mail headers, the agent's composed text, the translations, the translation
memory entries made from those texts, the search index entries (the FTS5 triggers
of migrations 0001/0010 follow the messages and translations; PostgreSQL's GIN
indexes follow the rows), the attachments (their content too once no other
message refers to it), queued or scheduled replies, drafts, quality reviewers'
comments on those conversations, the identities and customer keys, merge
suggestions and merge history, zone corrections, every other row that refers to
the customer, quarantined items that carry one of their addresses, and the
customer's name, address, region, city, locale, zone and country evidence.

What stays, by design: the customer row (id, country, preferred language: no
name), its conversations without subject or preview, and its messages without
any text (direction, channel, time, language): the KPI facts, the staffing
forecast and the dashboards count them, and they say nothing about the person.
The rules tasks stay (their titles are generic); an open data-deletion task is
closed. A tombstone in ``data_subject_requests`` says what was erased, when, by
whom and why; the audit entry holds ids and counts only.

After the transaction, :func:`purge_residue` makes sure the store's files no
longer hold the erased bytes: on SQLite ``secure_delete`` is on for the erasure
(freed space is zeroed), the FTS5 indexes are merged (``optimize``: a deleted
entry otherwise lives on in an older segment), the file is rebuilt (``VACUUM``:
free space left by writes before the erasure may still hold old copies of a
text), and the WAL is checkpointed and truncated; on PostgreSQL the touched
tables are vacuumed.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, delete, func, or_, select, update
from sqlalchemy.orm import Session

from console import audit
from console.policies.classifier import RequestKind
from console.policies.tasks import OPEN, complete_task
from console.privacy.subjects import (
    ALREADY_ERASED,
    ERASE_NEEDS_REASON,
    UNKNOWN_CUSTOMER,
    load_all_tables,
)
from console.problems import ProblemError, problem
from console.store.channel_tables import (
    AttachmentBlob,
    ChannelOutboxEntry,
    MessageAttachment,
    MessageRef,
    QuarantinedItem,
)
from console.store.coverage_tables import ScheduledSend
from console.store.models import (
    Base,
    ChannelIdentity,
    Conversation,
    Customer,
    Draft,
    Message,
    Translation,
    utcnow,
)
from console.store.policy_tables import PolicyTask
from console.store.privacy_tables import DataSubjectRequest, ErasedConversation
from console.store.quality_tables import QualityComment, QualityReview
from translation.layout import split_lines
from translation.memory import memory_table
from translation.protect import protect

log = logging.getLogger(__name__)
_CHUNK = 500

#: Tables the erasure changes (PostgreSQL vacuums them afterwards).
TOUCHED_TABLES = (
    "messages",
    "translations",
    "translation_memory",
    "message_attachments",
    "attachment_blobs",
    "message_refs",
    "channel_outbox",
    "scheduled_sends",
    "drafts",
    "quality_comments",
    "conversations",
    "customers",
    "channel_identities",
    "customer_keys",
    "merge_suggestions",
    "identity_changes",
    "customer_zone_corrections",
    "quarantine",
)


@dataclass(frozen=True)
class ErasureCounts:
    conversations: int = 0
    messages: int = 0
    translations: int = 0
    memory_entries: int = 0
    attachments: int = 0
    identities: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class ErasureResult:
    request_id: int
    customer_id: int | None
    conversation_ids: tuple[int, ...]
    counts: ErasureCounts
    closed_task_ids: tuple[int, ...] = ()


def secure_delete_on(session: Session) -> None:
    """SQLite: zero what this transaction deletes (``PRAGMA secure_delete``)."""
    if session.get_bind().dialect.name == "sqlite":
        session.connection().exec_driver_sql("PRAGMA secure_delete=ON")


def erase_customer(
    session: Session,
    customer_id: int,
    *,
    actor: str,
    reason: str,
    agent_id: int | None = None,
    now: datetime | None = None,
) -> ErasureResult:
    """Erase the customer's personal data (see the module text); the tombstone's result.

    Raises :class:`ProblemError` for an unknown or already erased customer, or a
    missing reason; then nothing is changed. Call :func:`purge_residue` after commit.
    """
    now = now or utcnow()
    reason = reason.strip()
    if not reason:
        raise ProblemError(problem(ERASE_NEEDS_REASON))
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise ProblemError(problem(UNKNOWN_CUSTOMER, who=f"#{customer_id}"))
    earlier = session.scalars(
        select(DataSubjectRequest)
        .where(DataSubjectRequest.kind == "erase", DataSubjectRequest.customer_id == customer_id)
        .order_by(DataSubjectRequest.id.desc())
    ).first()
    if earlier is not None and not _holds_data(session, customer_id):
        raise ProblemError(
            problem(ALREADY_ERASED, id=customer_id, date=earlier.requested_at.date().isoformat())
        )
    secure_delete_on(session)
    conversation_ids = list(
        session.scalars(
            select(Conversation.id).where(Conversation.customer_id == customer_id)
        ).all()
    )
    request = DataSubjectRequest(
        kind="erase",
        customer_id=customer_id,
        requested_at=now,
        requested_by=actor,
        requested_by_agent_id=agent_id,
        reason=reason,
        counts={},
    )
    session.add(request)
    session.flush()
    addresses = [
        address
        for address in session.scalars(
            select(ChannelIdentity.address).where(ChannelIdentity.customer_id == customer_id)
        )
        if len(address) >= 5
    ]
    counts = erase_conversation_texts(session, conversation_ids, request_id=request.id, now=now)
    identities = _erase_customer_rows(session, customer_id, addresses)
    counts = ErasureCounts(**{**counts.as_dict(), "identities": identities})
    closed = _close_deletion_tasks(session, conversation_ids, agent_id=agent_id, now=now)
    request.counts = counts.as_dict()
    audit.record(
        session,
        actor=actor,
        action="customer_erase",
        entity="customer",
        entity_id=customer_id,
        request_id=request.id,
        conversations=counts.conversations,
        messages=counts.messages,
        closed_tasks=list(closed),
    )
    return ErasureResult(request.id, customer_id, tuple(conversation_ids), counts, closed)


def _holds_data(session: Session, customer_id: int) -> bool:
    """Whether an erased customer has gathered data again (wrote again since)."""
    identities = session.scalar(
        select(func.count())
        .select_from(ChannelIdentity)
        .where(ChannelIdentity.customer_id == customer_id)
    )
    texts = session.scalar(
        select(func.count())
        .select_from(Message)
        .join(Conversation, Conversation.id == Message.conversation_id)
        .where(Conversation.customer_id == customer_id, Message.text != "")
    )
    return bool(identities or texts)


def erase_conversation_texts(
    session: Session,
    conversation_ids: Sequence[int],
    *,
    request_id: int,
    now: datetime,
) -> ErasureCounts:
    """Erase the texts of these conversations; their rows stay for the KPIs (see module)."""
    messages = translations = memory = attachments = 0
    for start in range(0, len(conversation_ids), _CHUNK):
        chunk = list(conversation_ids[start : start + _CHUNK])
        message_ids = list(
            session.scalars(select(Message.id).where(Message.conversation_id.in_(chunk)))
        )
        texts: list[str] = []
        for text, composed in session.execute(
            select(Message.text, Message.composed_text).where(Message.conversation_id.in_(chunk))
        ):
            texts.extend(t for t in (text, composed) if t)
        memory += _erase_memory(session, texts)
        for part in _chunks(message_ids):
            translations += _count_delete(
                session, delete(Translation).where(Translation.message_id.in_(part))
            )
            shas = set(
                session.scalars(
                    select(MessageAttachment.sha256).where(MessageAttachment.message_id.in_(part))
                )
            )
            attachments += _count_delete(
                session, delete(MessageAttachment).where(MessageAttachment.message_id.in_(part))
            )
            _drop_unreferenced_blobs(session, shas)
            session.execute(delete(MessageRef).where(MessageRef.message_id.in_(part)))
            session.execute(delete(ScheduledSend).where(ScheduledSend.message_id.in_(part)))
            session.execute(
                update(Message)
                .where(Message.id.in_(part))
                .values(text="", html=None, subject=None, composed_text=None, external_id=None)
            )
        messages += len(message_ids)
        session.execute(
            delete(ChannelOutboxEntry).where(ChannelOutboxEntry.conversation_id.in_(chunk))
        )
        session.execute(delete(Draft).where(Draft.conversation_id.in_(chunk)))
        review_ids = select(QualityReview.id).where(QualityReview.conversation_id.in_(chunk))
        session.execute(delete(QualityComment).where(QualityComment.review_id.in_(review_ids)))
        session.execute(
            update(Conversation).where(Conversation.id.in_(chunk)).values(subject=None, preview="")
        )
        already = set(
            session.scalars(
                select(ErasedConversation.conversation_id).where(
                    ErasedConversation.conversation_id.in_(chunk)
                )
            )
        )
        session.add_all(
            ErasedConversation(conversation_id=cid, request_id=request_id, erased_at=now)
            for cid in chunk
            if cid not in already
        )
    session.flush()
    return ErasureCounts(
        conversations=len(conversation_ids),
        messages=messages,
        translations=translations,
        memory_entries=memory,
        attachments=attachments,
    )


def _chunks(values: Sequence[int]) -> Iterable[list[int]]:
    for start in range(0, len(values), _CHUNK):
        yield list(values[start : start + _CHUNK])


def _count_delete(session: Session, statement: Any) -> int:
    return int(getattr(session.execute(statement), "rowcount", 0) or 0)


def _drop_unreferenced_blobs(session: Session, shas: set[str]) -> None:
    if not shas:
        return
    used = set(
        session.scalars(select(MessageAttachment.sha256).where(MessageAttachment.sha256.in_(shas)))
    )
    gone = shas - used
    if gone:
        session.execute(delete(AttachmentBlob).where(AttachmentBlob.sha256.in_(gone)))


def memory_hashes(texts: Iterable[str]) -> set[str]:
    """The translation memory keys' text hashes the translator made from these texts.

    The translator (translation/translator.py) cuts a text into lines and protects
    order data before it looks a line up; the console's translator has no glossary.
    """
    hashes: set[str] = set()
    for text in texts:
        for line in split_lines(text):
            protected = protect(line.body)
            if protected.has_words:
                hashes.add(hashlib.sha256(protected.text.encode("utf-8")).hexdigest())
    return hashes


def _erase_memory(session: Session, texts: list[str]) -> int:
    """Delete the memory entries made from ``texts``, and the pivot hops made from those."""
    table = memory_table(Base.metadata)
    hashes = memory_hashes(texts)
    erased = 0
    for _hop in range(3):  # a direct hop, and at most two more through a pivot language
        if not hashes:
            break
        outputs: set[str] = set()
        ordered = sorted(hashes)
        for start in range(0, len(ordered), _CHUNK):
            chunk = ordered[start : start + _CHUNK]
            outputs.update(
                session.scalars(select(table.c.translation).where(table.c.text_hash.in_(chunk)))
            )
            erased += _count_delete(session, delete(table).where(table.c.text_hash.in_(chunk)))
        hashes = {hashlib.sha256(text.encode("utf-8")).hexdigest() for text in outputs}
    return erased


def _erase_customer_rows(session: Session, customer_id: int, addresses: list[str]) -> int:
    """The customer's identities and every row that refers to them; the row itself emptied."""
    load_all_tables()
    identities = 0
    for table in Base.metadata.sorted_tables:
        if table.name in ("conversations", "customers"):
            continue
        for fk in table.foreign_keys:
            if fk.column.table.name == "customers":
                removed = _count_delete(session, delete(table).where(fk.parent == customer_id))
                if table.name == "channel_identities":
                    identities = removed
    for address in addresses:
        pattern = "%" + address.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        session.execute(
            delete(QuarantinedItem).where(
                or_(
                    QuarantinedItem.excerpt.ilike(pattern, escape="\\"),
                    QuarantinedItem.source.ilike(pattern, escape="\\"),
                )
            )
        )
    session.execute(
        update(Customer)
        .where(Customer.id == customer_id)
        .values(
            name="",
            region=None,
            city=None,
            address=None,
            locale=None,
            time_zone=None,
            country_source=None,
            country_evidence=None,
        )
    )
    session.expire_all()
    return identities


def _close_deletion_tasks(
    session: Session, conversation_ids: Sequence[int], *, agent_id: int | None, now: datetime
) -> tuple[int, ...]:
    if not conversation_ids:
        return ()
    task_ids = list(
        session.scalars(
            select(PolicyTask.id).where(
                PolicyTask.conversation_id.in_(list(conversation_ids)),
                PolicyTask.kind == RequestKind.DATA_DELETION.value,
                PolicyTask.status == OPEN,
            )
        )
    )
    for task_id in task_ids:
        complete_task(session, task_id, agent_id=agent_id, now=now)
    return tuple(task_ids)


# -- After the transaction ------------------------------------------------------------


@dataclass(frozen=True)
class PurgeResult:
    #: False when another connection kept the WAL from being emptied (try again later).
    files_clean: bool
    seconds: float


def purge_residue(
    engine: Engine, *, vacuum: bool = True, wait_seconds: float = 10.0
) -> PurgeResult:
    """Leave no erased byte in the store's files (see the module text). After commit."""
    started = time.monotonic()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA secure_delete=ON")
            for index in ("message_fts", "message_fts_translations"):
                exists = connection.exec_driver_sql(
                    "SELECT 1 FROM sqlite_master WHERE name = ?", (index,)
                ).first()
                if exists:
                    connection.exec_driver_sql(f"INSERT INTO {index}({index}) VALUES('optimize')")
            if vacuum:
                connection.exec_driver_sql("VACUUM")
            clean = _checkpoint(connection, started + wait_seconds)
        elif engine.dialect.name == "postgresql":
            existing = set(
                connection.exec_driver_sql(
                    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                ).scalars()
            )
            for name in TOUCHED_TABLES:
                if name in existing:
                    connection.exec_driver_sql(f'VACUUM "{name}"')
            clean = True
        else:
            clean = True
    return PurgeResult(clean, time.monotonic() - started)


def _checkpoint(connection: Any, deadline: float) -> bool:
    while True:
        busy, _log, _done = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
        if not busy:
            return True
        if time.monotonic() > deadline:
            log.warning("the WAL could not be emptied after an erasure: a reader holds it")
            return False
        time.sleep(0.1)
