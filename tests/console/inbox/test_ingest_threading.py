"""Ingest threading by e-mail headers and subject, and content-hash ids for sources without ids."""

from __future__ import annotations

from dataclasses import replace

from factories import MessageFactory
from sqlalchemy import select

from console.inbox.ingest import content_external_id, ingest, thread_subject
from console.store import Store
from console.store.channel_tables import MessageRef
from console.store.models import Conversation, Message


def _conversation_of(store: Store) -> dict[str, int]:
    with store.session() as session:
        return {str(m.external_id): m.conversation_id for m in session.scalars(select(Message))}


def test_thread_subject_strips_reply_prefixes() -> None:
    assert thread_subject("Re: AW: Fwd:  Order  #A1") == "order #a1"
    assert thread_subject("回复：订单") == "订单"
    assert thread_subject(None) == ""


def test_a_reply_chain_inside_one_batch_stays_together_across_customers(
    store: Store, message: MessageFactory
) -> None:
    root = replace(message("first", subject="Refund"), rfc_message_id="r1@x")
    reply = replace(
        message("from my other address", address="ana@work.example", subject="Re: Refund"),
        rfc_message_id="r2@x",
        in_reply_to="r1@x",
        references=("r1@x",),
    )
    deeper = replace(
        message("and again", address="ana@work.example", subject="Re: Refund"),
        rfc_message_id="r3@x",
        references=("r1@x", "r2@x"),
    )
    ingest(store, [root, reply, deeper])
    threads = _conversation_of(store)
    assert threads[root.external_id] == threads[reply.external_id] == threads[deeper.external_id]  # type: ignore[index]
    with store.session() as session:
        assert (
            session.scalar(
                select(MessageRef.in_reply_to).where(MessageRef.rfc_message_id == "r2@x")
            )
            == "r1@x"
        )


def test_subject_picks_the_thread_when_a_customer_has_several(
    store: Store, message: MessageFactory
) -> None:
    ingest(store, [message("about the refund", subject="Refund", minutes=1)])
    with store.session() as session:
        first = session.scalars(select(Conversation)).one()
        # A second, newer conversation of the same customer (as after a merge).
        session.add(
            Conversation(
                customer_id=first.customer_id,
                subject="Delivery",
                last_activity_at=first.last_activity_at.replace(year=2027),
            )
        )
    late = message("still about the refund", subject="RE: refund", minutes=5)
    other = message("no subject match", subject="Something new", minutes=6)
    ingest(store, [late, other])
    threads = _conversation_of(store)
    assert threads[late.external_id] == first.id  # type: ignore[index]
    assert threads[other.external_id] != first.id  # type: ignore[index]  (the newest one)


def test_content_ids_are_stable_and_distinct() -> None:
    one = content_external_id("chat", "v1", "2026-11-01T10:00:00+00:00", "hi")
    assert one == content_external_id("chat", "v1", "2026-11-01T10:00:00+00:00", "hi")
    assert one != content_external_id("chat", "v1", "2026-11-01T10:00:01+00:00", "hi")
    assert one.startswith("sha256:") and len(one) <= 300
