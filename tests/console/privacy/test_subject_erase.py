"""Erasing a customer: their personal data goes, a tombstone stays, the files hold no trace."""

from __future__ import annotations

from pathlib import Path

import pytest
from privacy_helpers import (
    ADDRESS,
    ATTACHMENT,
    HTML_PHRASE,
    NAME,
    OTHER_ADDRESS,
    OTHER_PHRASE,
    PHONE,
    PHRASE,
    TRANSLATED_PHRASE,
    seed,
)
from sqlalchemy import func, select, text

from console.inbox.queries import InboxFilter, conversation_detail, conversation_ids
from console.privacy.subject_erase import erase_customer, purge_residue
from console.privacy.subjects import find_customer
from console.problems import ProblemError
from console.store import Store
from console.store.channel_tables import AttachmentBlob, CustomerKey, MergeSuggestion
from console.store.kpi_tables import ConversationKpi
from console.store.models import (
    AuditEntry,
    ChannelIdentity,
    Conversation,
    Customer,
    Draft,
    Message,
    Translation,
)
from console.store.policy_tables import PolicyTask
from console.store.privacy_tables import DataSubjectRequest, ErasedConversation


def _rows_holding(store: Store, needle: str) -> list[str]:
    """Every table and column whose text holds ``needle`` (PostgreSQL and SQLite alike)."""
    from console.privacy.subjects import load_all_tables
    from console.store.models import Base

    load_all_tables()
    found = []
    with store.engine.connect() as connection:
        names = set(
            store.engine.dialect.get_table_names(connection)  # type: ignore[attr-defined]
        )
        from sqlalchemy import String, Text, cast

        for table in Base.metadata.sorted_tables:
            if table.name not in names:
                continue
            for column in table.columns:
                hit = connection.execute(
                    select(func.count())
                    .select_from(table)
                    .where(cast(column, Text).like(f"%{needle}%"))
                ).scalar()
                if hit:
                    found.append(f"{table.name}.{column.name}")
        for name in ("translation_memory",):
            hit = connection.execute(
                text(f"SELECT count(*) FROM {name} WHERE translation LIKE :n"), {"n": f"%{needle}%"}
            ).scalar()
            if hit:
                found.append(name)
        del String
    return found


def test_erase_removes_personal_data_and_keeps_a_tombstone(any_store: Store) -> None:
    seeded = seed(any_store)
    with any_store.session() as session:
        assert find_customer(session, email=ADDRESS.upper()) == seeded.customer_id
        assert find_customer(session, phone=PHONE) == seeded.customer_id
        kpi_before = session.get(ConversationKpi, seeded.conversation_id)
        assert kpi_before is not None and kpi_before.inbound_count == 1
        result = erase_customer(
            session,
            seeded.customer_id,
            actor="Compliance Carla",
            agent_id=seeded.agent_id,
            reason="Art. 17 request by e-mail",
        )
    purge_residue(any_store.engine)
    assert result.counts.messages == 1 and result.counts.translations == 2
    assert result.counts.memory_entries == 2 and result.counts.attachments == 1
    assert result.closed_task_ids == (seeded.task_id,)
    for needle in (ADDRESS, PHRASE, HTML_PHRASE, TRANSLATED_PHRASE, NAME, "München", PHONE):
        assert _rows_holding(any_store, needle) == [], needle
    # the other customer keeps everything
    assert _rows_holding(any_store, OTHER_ADDRESS) != []
    assert _rows_holding(any_store, OTHER_PHRASE) != []
    with any_store.session() as session:
        customer = session.get(Customer, seeded.customer_id)
        assert customer is not None and customer.name == "" and customer.city is None
        assert customer.country == "DE"  # kept for the market's figures
        for model in (ChannelIdentity, CustomerKey):
            assert (
                session.scalar(
                    select(func.count())
                    .select_from(model)
                    .where(
                        model.customer_id == seeded.customer_id  # type: ignore[attr-defined]
                    )
                )
                == 0
            )
        assert session.scalar(select(func.count()).select_from(MergeSuggestion)) == 0
        assert session.scalar(select(func.count()).select_from(Draft)) == 0
        assert session.scalar(select(func.count()).select_from(AttachmentBlob)) == 0
        # structure for the KPIs stays, without text
        message = session.scalars(
            select(Message).where(Message.conversation_id == seeded.conversation_id)
        ).one()
        assert (message.text, message.html, message.subject) == ("", None, None)
        conversation = session.get(Conversation, seeded.conversation_id)
        assert conversation is not None and conversation.preview == ""
        assert session.get(ConversationKpi, seeded.conversation_id) is not None
        assert session.get(ErasedConversation, seeded.conversation_id) is not None
        assert session.scalar(select(func.count()).select_from(Translation)) == 0
        task = session.get(PolicyTask, seeded.task_id)
        assert task is not None and task.status == "done"
        tombstone = session.get(DataSubjectRequest, result.request_id)
        assert tombstone is not None
        assert (tombstone.kind, tombstone.customer_id, tombstone.requested_by) == (
            "erase",
            seeded.customer_id,
            "Compliance Carla",
        )
        assert tombstone.reason == "Art. 17 request by e-mail"
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "customer_erase")
        ).one()
        assert entry.entity_id == seeded.customer_id
        assert ADDRESS not in str(entry.detail) and "Art. 17" not in str(entry.detail)
        # search finds nothing of theirs any more, the other customer's still
        assert conversation_ids(session, InboxFilter(search="zeppelin")) == []
        assert conversation_ids(session, InboxFilter(search="turquoise")) == [
            seeded.other_conversation_id
        ]
        # a second erasure says so and changes nothing
        with pytest.raises(ProblemError, match="already erased"):
            erase_customer(session, seeded.customer_id, actor="x", reason="again")
        with pytest.raises(ProblemError, match="no customer"):
            find_customer(session, email=ADDRESS)


def test_bad_erasures_change_nothing(any_store: Store) -> None:
    seeded = seed(any_store)
    with any_store.session() as session:
        with pytest.raises(ProblemError, match="no customer"):
            find_customer(session, email="nobody@example.com")
        with pytest.raises(ProblemError, match="no customer"):
            erase_customer(session, 9999, actor="x", reason="why")
        with pytest.raises(ProblemError, match="needs a reason"):
            erase_customer(session, seeded.customer_id, actor="x", reason="  ")
    assert _rows_holding(any_store, ADDRESS) != []
    with any_store.session() as session:
        assert session.scalar(select(func.count()).select_from(DataSubjectRequest)) == 0


def test_the_thread_says_its_texts_were_erased_and_when(any_store: Store) -> None:
    seeded = seed(any_store)
    with any_store.session() as session:
        before = conversation_detail(session, seeded.conversation_id)
        erase_customer(session, seeded.customer_id, actor="Zhou Xin", reason="asked by mail")
    assert before is not None and all(m.erased_at is None for m in before.messages)
    with any_store.session() as session:
        tombstone = session.get(ErasedConversation, seeded.conversation_id)
        after = conversation_detail(session, seeded.conversation_id)
        other = conversation_detail(session, seeded.other_conversation_id)
    assert tombstone is not None and after is not None and other is not None
    assert [m.id for m in after.messages] == [m.id for m in before.messages]
    assert {(m.text, m.erased_at) for m in after.messages} == {("", tombstone.erased_at)}
    assert all(m.erased_at is None and m.text for m in other.messages)  # another customer's


@pytest.mark.parametrize("wal_reader", [False, True])
def test_sqlite_files_hold_no_trace(store: Store, wal_reader: bool) -> None:
    seeded = seed(store)
    path = Path(str(store.engine.url.database))
    with store.session() as session:
        erase_customer(session, seeded.customer_id, actor="Carla", reason="request")
    result = purge_residue(store.engine)
    assert result.files_clean
    store.close()
    for suffix in ("", "-wal", "-shm", "-journal"):
        file = Path(f"{path}{suffix}")
        if not file.exists():
            continue
        raw = file.read_bytes()
        for needle in (ADDRESS, PHRASE, HTML_PHRASE, TRANSLATED_PHRASE, NAME, ATTACHMENT):
            encoded = needle if isinstance(needle, bytes) else needle.encode("utf-8")
            assert encoded not in raw, (file.name, needle)
        assert OTHER_PHRASE.encode() in raw or suffix != ""
    del wal_reader
