""" "Send at their 09:00": a reply that waits until the customer's next business-hours start.

The customer's clock comes from :func:`console.customers.zones.zone_of_customer`,
the same resolver the inbox row, the customer panel and the rules' dates use.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from console.customers.local_time import THEIR_BUSINESS_START, customer_hours, next_business_start
from console.customers.zones import zone_of_customer
from console.inbox.commands import CommandError, Composed, schedule_reply
from console.store.models import Conversation, Customer


def their_next_business_start(session: Session, customer_id: int, after: datetime) -> datetime:
    """When "send at their 09:00" sends: the customer's next business-hours start."""
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise CommandError(f"Customer {customer_id} no longer exists.")
    hours = customer_hours(zone_of_customer(session, customer))
    if hours is None:
        raise CommandError("The customer's time zone is unknown; set it first.")
    return next_business_start(hours, after)


def schedule_reply_at_their_business_start(
    session: Session,
    conversation_id: int,
    text: str,
    *,
    agent_id: int | None,
    now: datetime,
    composed: Composed | None = None,
    language: str | None = None,
) -> tuple[int, datetime]:
    """Store a reply that waits in the outbox until the customer's next business-hours
    start; returns (message id, send time in UTC)."""
    conversation = session.get(Conversation, conversation_id)
    if conversation is None:
        raise CommandError(f"Conversation {conversation_id} no longer exists.")
    send_at = their_next_business_start(session, conversation.customer_id, now)
    message_id = schedule_reply(
        session,
        conversation_id,
        text,
        agent_id=agent_id,
        send_at=send_at,
        reason=THEIR_BUSINESS_START,
        composed=composed,
        language=language,
    )
    return message_id, send_at
