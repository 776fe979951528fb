"""A customer with something in every place personal data is kept, and one beside them."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from console.inbox.drafts import save_draft
from console.inbox.ingest import ingest
from console.incoming import Attachment, CustomerInfo, IncomingMessage
from console.store import Store
from console.store.channel_tables import QuarantinedItem
from console.store.models import Agent, AgentRole, ChannelKind, Conversation, Customer
from console.store.policy_tables import PolicyTask
from console.translations.service import save_translation
from translation.memory import SqlMemory
from translation.translator import Translator

ADDRESS = "maria.erase@example.com"
PHONE = "+4915123456789"
NAME = "Maria Pérez"
PHRASE = "lilac umbrella zeppelin"
HTML_PHRASE = "velvet harpsichord"
TRANSLATED_PHRASE = "paraguas lila zepelín"
ATTACHMENT = b"%PDF-1.4 invoice of Maria: saffron teapot"
OTHER_ADDRESS = "jonas.keep@example.de"
OTHER_PHRASE = "turquoise lantern"
SENT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


class ReversingEngine:
    """A translation engine for tests: writes each text backwards (deterministic, offline)."""

    name = "reverse"
    priority = 1

    def pairs(self) -> frozenset[tuple[str, str]]:
        return frozenset({("de", "en"), ("en", "de"), ("de", "es"), ("es", "de")})

    def version(self, source: str, target: str) -> str:
        return "1"

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        return [text[::-1] for text in texts]


@dataclass(frozen=True)
class Seeded:
    customer_id: int
    conversation_id: int
    other_customer_id: int
    other_conversation_id: int
    agent_id: int
    task_id: int


def seed(store: Store) -> Seeded:
    blob = Attachment(
        filename="../../invoice<script>.pdf",
        content_type="application/pdf",
        size=len(ATTACHMENT),
        sha256=hashlib.sha256(ATTACHMENT).hexdigest(),
        dangerous=False,
        data=ATTACHMENT,
    )
    maria = CustomerInfo(name=NAME, country="DE", region="Bayern", city="München")
    ingest(
        store,
        [
            IncomingMessage(
                channel=ChannelKind.EMAIL,
                address=ADDRESS,
                customer=maria,
                sent_at=SENT,
                text=f"Hallo, please delete my data. My {PHRASE} order ORD-77 <script>alert(1)</script>",
                html=f"<p>{PHRASE} and a {HTML_PHRASE}</p>",
                subject=f"Delete {PHRASE}",
                external_id="maria-1",
                phone=PHONE,
                order_number="ORD-77",
                language="de",
                rfc_message_id="maria-1@example.com",
                attachments=(blob,),
            ),
            IncomingMessage(
                channel=ChannelKind.EMAIL,
                address=OTHER_ADDRESS,
                customer=CustomerInfo(name="Jonas Weber", country="DE"),
                sent_at=SENT + timedelta(minutes=5),
                text=f"My {OTHER_PHRASE} broke",
                external_id="jonas-1",
                order_number="ORD-77",
                language="de",
            ),
        ],
        actor="test",
    )
    translator = Translator([ReversingEngine()], SqlMemory(store.engine))
    with store.session() as session:
        ids = {name: cid for name, cid in session.execute(select(Customer.name, Customer.id))}
        conversations = {
            customer: conversation
            for customer, conversation in session.execute(
                select(Conversation.customer_id, Conversation.id)
            )
        }
        customer_id, other_id = ids[NAME], ids["Jonas Weber"]
        conversation_id = conversations[customer_id]
        agent = Agent(name="Compliance Carla", role=AgentRole.COMPLIANCE, languages=["en"])
        session.add(agent)
        session.flush()
        from console.store.models import Message

        message_id = session.scalars(
            select(Message.id).where(Message.conversation_id == conversation_id)
        ).one()
        text = session.get(Message, message_id).text  # type: ignore[union-attr]
    result = translator.translate(text, "de", "es")  # through the memory, as the console does
    translator.translate(text, "de", "en")
    with store.session() as session:
        save_translation(
            session, message_id, "es", engine="reverse", engine_version="1", text=TRANSLATED_PHRASE
        )
        save_translation(
            session, message_id, "en", engine="reverse", engine_version="1", text=result.text
        )
        save_draft(session, conversation_id, agent.id, f"Dear {NAME}, we erase your data")
        task = PolicyTask(
            conversation_id=conversation_id,
            message_id=message_id,
            kind="data_deletion",
            market_code="DE",
            title="Answer the data deletion request",
            opened_by="Compliance Carla",
            opened_at=SENT,
            due_at=SENT + timedelta(days=30),
            status="open",
        )
        session.add(task)
        session.add(
            QuarantinedItem(
                source="maildir:/tmp/in",
                item_ref="1",
                reason="broken",
                sha256="0" * 64,
                excerpt=f"From: {ADDRESS}\nbroken",
            )
        )
        session.flush()
        return Seeded(
            customer_id,
            conversation_id,
            other_id,
            conversations[other_id],
            agent.id,
            task.id,
        )
