"""Small stores for quality review tests: agents, conversations and the replies in them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy.orm import Session

from console.store.models import (
    Agent,
    AgentRole,
    ChannelKind,
    Conversation,
    Customer,
    Direction,
    Message,
    Translation,
)

#: A Monday; the tests' week.
WEEK = date(2026, 11, 2)
WEEK_START = datetime(2026, 11, 2, tzinfo=UTC)


def add_agent(
    session: Session,
    name: str,
    role: AgentRole = AgentRole.AGENT,
    *,
    vendor: str | None = None,
    joined_on: date | None = None,
    expires_on: date | None = None,
) -> int:
    agent = Agent(
        name=name,
        role=role,
        languages=["zh", "en"],
        vendor=vendor,
        joined_on=joined_on,
        expires_on=expires_on,
    )
    session.add(agent)
    session.flush()
    return agent.id


def add_conversation(
    session: Session,
    agent_id: int | None,
    *,
    at: datetime = WEEK_START + timedelta(days=1),
    subject: str = "Where is my order?",
    inbound: str = "Wo ist meine Bestellung?",
    inbound_language: str = "de",
    translation: str | None = "Where is my order?",
    reply: str = "Ihre Bestellung ist unterwegs.",
    composed: str | None = "您的订单已发货。",
) -> int:
    """A customer's message and, when ``agent_id`` is given, the agent's reply an hour later."""
    customer = Customer(name=f"Customer of {subject}")
    session.add(customer)
    session.flush()
    conversation = Conversation(
        customer_id=customer.id, subject=subject, channel=ChannelKind.EMAIL, language="de"
    )
    session.add(conversation)
    session.flush()
    message = Message(
        conversation_id=conversation.id,
        direction=Direction.INBOUND,
        channel=ChannelKind.EMAIL,
        sent_at=at,
        text=inbound,
        language=inbound_language,
    )
    if translation is not None:
        message.translations = [
            Translation(target_language="en", engine="argos", engine_version="1", text=translation)
        ]
    session.add(message)
    if agent_id is not None:
        session.add(
            Message(
                conversation_id=conversation.id,
                direction=Direction.OUTBOUND,
                channel=ChannelKind.EMAIL,
                sent_at=at + timedelta(hours=1),
                author_agent_id=agent_id,
                text=reply,
                language=inbound_language,
                composed_text=composed,
                composed_language="zh" if composed is not None else None,
            )
        )
    session.flush()
    return conversation.id
