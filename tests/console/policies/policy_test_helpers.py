"""Conversations for the policy tests: a German and a Californian customer."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from console.inbox.ingest import ingest
from console.incoming import CustomerInfo, IncomingMessage
from console.store import Store
from console.store.models import Agent, AgentRole, ChannelKind, Conversation, Customer, Direction


def add_conversation(
    store: Store,
    *,
    text: str,
    sent_at: datetime,
    country: str,
    region: str | None = None,
    time_zone: str | None = None,
    locale: str | None = None,
    language: str | None = None,
    address: str,
    name: str = "Test Customer",
    subject: str | None = None,
) -> int:
    """Ingest one inbound message; returns its conversation id."""
    ingest(
        store,
        [
            IncomingMessage(
                channel=ChannelKind.EMAIL,
                address=address,
                customer=CustomerInfo(
                    name=name,
                    country=country,
                    region=region,
                    time_zone=time_zone,
                    locale=locale,
                    preferred_language=language,
                ),
                sent_at=sent_at,
                text=text,
                direction=Direction.INBOUND,
                external_id=f"{address}-{sent_at.isoformat()}",
                language=language,
                subject=subject,
            )
        ],
        actor="test",
    )
    with store.session() as session:
        customer_id = session.scalars(
            select(Customer.id).where(Customer.name == name).order_by(Customer.id.desc())
        ).first()
        conversation_id = session.scalars(
            select(Conversation.id)
            .where(Conversation.customer_id == customer_id)
            .order_by(Conversation.id.desc())
        ).first()
        assert conversation_id is not None
        # the channel may not carry every detail: set them as the tests expect
        customer = session.get(Customer, customer_id)
        assert customer is not None
        customer.region = region
        customer.time_zone = time_zone
        customer.locale = locale
        customer.preferred_language = language
        return conversation_id


def add_agent(store: Store, name: str, role: AgentRole) -> int:
    with store.session() as session:
        agent = Agent(name=name, role=role, languages=["en"], time_zone="UTC")
        session.add(agent)
        session.flush()
        return agent.id
