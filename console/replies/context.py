"""What a reply needs from a conversation: the customer's name, order and request kinds."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.replies.library import EntryView, list_entries, suggested_categories
from console.store.channel_tables import CustomerKey
from console.store.models import Conversation, Direction, Message, Translation


@dataclass(frozen=True)
class ReplyContext:
    """The library and this conversation's own variables (policy facts come from its rules)."""

    entries: tuple[EntryView, ...]
    variables: dict[str, str]  # customer_name, order_number (when known)
    suggested: tuple[str, ...]  # library categories for what the customer asks


def reply_context(session: Session, conversation_id: int | None) -> ReplyContext:
    entries = tuple(list_entries(session))
    conversation = session.get(Conversation, conversation_id) if conversation_id else None
    if conversation is None:
        return ReplyContext(entries, {}, ())
    variables = {"customer_name": conversation.customer.name or ""}
    order = session.scalars(
        select(CustomerKey.value)
        .where(CustomerKey.customer_id == conversation.customer_id, CustomerKey.kind == "order")
        .order_by(CustomerKey.id.desc())
    ).first()
    if order:
        variables["order_number"] = order
    latest = session.scalars(
        select(Message)
        .where(Message.conversation_id == conversation.id, Message.direction == Direction.INBOUND)
        .order_by(Message.sent_at.desc(), Message.id.desc())
    ).first()
    texts: list[str | None] = []
    if latest is not None:
        texts = [latest.subject, latest.text]
        texts.extend(
            session.scalars(select(Translation.text).where(Translation.message_id == latest.id))
        )
    return ReplyContext(entries, variables, tuple(suggested_categories(texts)))
