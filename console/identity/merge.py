"""Agents merge two customers into one or split identities off into a new one; both undo.

A merge moves the other customer's channel identities, keys (e-mail, phone,
order numbers) and conversations to the kept customer. The emptied customer
row stays, so an undo can move everything back. A split moves chosen
identities (with their e-mail/phone keys) and conversations to a new customer.
Every change is written to ``identity_changes`` and to the audit log.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from console import audit
from console.identity.linking import normalize_email, normalize_phone
from console.store.channel_tables import CustomerKey, IdentityChange, MergeSuggestion
from console.store.models import ChannelIdentity, ChannelKind, Conversation, Customer, utcnow


class IdentityError(ValueError):
    """A merge, split or undo that cannot be done; the text says why."""


@dataclass(frozen=True)
class IdentityChangeInfo:
    id: int
    action: str
    from_customer_id: int
    to_customer_id: int
    identity_ids: tuple[int, ...]
    conversation_ids: tuple[int, ...]
    actor: str
    at: datetime
    undone: bool


@dataclass(frozen=True)
class MergeSuggestionInfo:
    id: int
    customer_a_id: int
    customer_a_name: str
    customer_b_id: int
    customer_b_name: str
    reason: str


def _info(change: IdentityChange) -> IdentityChangeInfo:
    return IdentityChangeInfo(
        id=change.id,
        action=change.action,
        from_customer_id=change.from_customer_id,
        to_customer_id=change.to_customer_id,
        identity_ids=tuple(change.identity_ids),
        conversation_ids=tuple(change.conversation_ids),
        actor=change.actor,
        at=change.at,
        undone=change.undone_at is not None,
    )


def _customer(session: Session, customer_id: int) -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise IdentityError(f"There is no customer {customer_id}.")
    return customer


def _ids(session: Session, column: object, where: object) -> list[int]:
    return list(session.scalars(select(column).where(where)))  # type: ignore[call-overload]


def _move(
    session: Session,
    to_customer_id: int,
    identity_ids: Sequence[int],
    key_ids: Sequence[int],
    conversation_ids: Sequence[int],
) -> None:
    if identity_ids:
        session.execute(
            update(ChannelIdentity)
            .where(ChannelIdentity.id.in_(identity_ids))
            .values(customer_id=to_customer_id)
        )
    if key_ids:
        session.execute(
            update(CustomerKey)
            .where(CustomerKey.id.in_(key_ids))
            .values(customer_id=to_customer_id)
        )
    if conversation_ids:
        session.execute(
            update(Conversation)
            .where(Conversation.id.in_(conversation_ids))
            .values(customer_id=to_customer_id)
        )
    session.expire_all()


def merge_customers(
    session: Session, keep_id: int, other_id: int, *, actor: str
) -> IdentityChangeInfo:
    """Move everything of ``other_id`` to ``keep_id``."""
    if keep_id == other_id:
        raise IdentityError("A customer cannot be merged with itself.")
    keep = _customer(session, keep_id)
    other = _customer(session, other_id)
    identity_ids = _ids(session, ChannelIdentity.id, ChannelIdentity.customer_id == other_id)
    key_ids = _ids(session, CustomerKey.id, CustomerKey.customer_id == other_id)
    conversation_ids = _ids(session, Conversation.id, Conversation.customer_id == other_id)
    _move(session, keep_id, identity_ids, key_ids, conversation_ids)
    change = IdentityChange(
        action="merge",
        from_customer_id=other_id,
        to_customer_id=keep_id,
        identity_ids=identity_ids,
        key_ids=key_ids,
        conversation_ids=conversation_ids,
        actor=actor,
        at=utcnow(),
    )
    session.add(change)
    low, high = min(keep_id, other_id), max(keep_id, other_id)
    session.execute(
        update(MergeSuggestion)
        .where(
            (MergeSuggestion.customer_a_id == low)
            & (MergeSuggestion.customer_b_id == high)
            & (MergeSuggestion.status == "open")
        )
        .values(status="accepted")
    )
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="merge_customers",
        entity="customer",
        entity_id=keep_id,
        merged_customer_id=other_id,
        merged_name=other.name,
        kept_name=keep.name,
        change_id=change.id,
        identities=len(identity_ids),
        conversations=len(conversation_ids),
    )
    return _info(change)


def split_customer(
    session: Session,
    customer_id: int,
    identity_ids: Sequence[int],
    *,
    conversation_ids: Sequence[int] = (),
    name: str | None = None,
    actor: str,
) -> IdentityChangeInfo:
    """Move the given identities (and their e-mail/phone keys) and conversations to a new
    customer."""
    source = _customer(session, customer_id)
    identities = list(
        session.scalars(select(ChannelIdentity).where(ChannelIdentity.id.in_(identity_ids)))
    )
    if not identities or len(identities) != len(set(identity_ids)):
        raise IdentityError("Choose at least one of the customer's identities to split off.")
    if any(identity.customer_id != customer_id for identity in identities):
        raise IdentityError("An identity to split off belongs to another customer.")
    remaining = _ids(
        session,
        ChannelIdentity.id,
        (ChannelIdentity.customer_id == customer_id) & ChannelIdentity.id.not_in(identity_ids),
    )
    if not remaining:
        raise IdentityError("A split must leave the customer at least one identity.")
    conversations = _ids(
        session,
        Conversation.id,
        (Conversation.customer_id == customer_id) & Conversation.id.in_(conversation_ids),
    )
    if len(conversations) != len(set(conversation_ids)):
        raise IdentityError("A conversation to split off belongs to another customer.")
    values: set[tuple[str, str]] = set()
    for identity in identities:
        email = normalize_email(identity.address) if identity.kind is ChannelKind.EMAIL else None
        phone = normalize_phone(identity.address) if identity.kind is ChannelKind.PHONE else None
        if email:
            values.add(("email", email))
        if phone:
            values.add(("phone", phone))
    key_ids = [
        key.id
        for key in session.scalars(
            select(CustomerKey).where(CustomerKey.customer_id == customer_id)
        )
        if (key.kind, key.value) in values
    ]
    new = Customer(
        name=name or identities[0].address,
        country=source.country,
        region=source.region,
        city=source.city,
        locale=source.locale,
        preferred_language=source.preferred_language,
        time_zone=source.time_zone,
    )
    session.add(new)
    session.flush()
    ids = [identity.id for identity in identities]
    _move(session, new.id, ids, key_ids, conversations)
    change = IdentityChange(
        action="split",
        from_customer_id=customer_id,
        to_customer_id=new.id,
        identity_ids=ids,
        key_ids=key_ids,
        conversation_ids=conversations,
        actor=actor,
        at=utcnow(),
    )
    session.add(change)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="split_customer",
        entity="customer",
        entity_id=customer_id,
        new_customer_id=new.id,
        change_id=change.id,
        identities=len(ids),
        conversations=len(conversations),
    )
    return _info(change)


def undo_change(session: Session, change_id: int, *, actor: str) -> IdentityChangeInfo:
    """Move back what a merge or split moved (what still sits where it was moved to)."""
    change = session.get(IdentityChange, change_id)
    if change is None:
        raise IdentityError(f"There is no merge or split {change_id}.")
    if change.undone_at is not None:
        raise IdentityError("This change was already undone.")
    back = change.from_customer_id
    here = change.to_customer_id
    identity_ids = _ids(
        session,
        ChannelIdentity.id,
        ChannelIdentity.id.in_(change.identity_ids) & (ChannelIdentity.customer_id == here),
    )
    key_ids = _ids(
        session,
        CustomerKey.id,
        CustomerKey.id.in_(change.key_ids) & (CustomerKey.customer_id == here),
    )
    conversation_ids = _ids(
        session,
        Conversation.id,
        Conversation.id.in_(change.conversation_ids) & (Conversation.customer_id == here),
    )
    _move(session, back, identity_ids, key_ids, conversation_ids)
    change = session.get(IdentityChange, change_id)  # expired by _move
    assert change is not None
    change.undone_at = utcnow()
    session.flush()
    audit.record(
        session,
        actor=actor,
        action=f"undo_{change.action}",
        entity="customer",
        entity_id=back,
        change_id=change.id,
        identities=len(identity_ids),
        conversations=len(conversation_ids),
    )
    return _info(change)


def changes_for(session: Session, customer_id: int) -> list[IdentityChangeInfo]:
    rows = session.scalars(
        select(IdentityChange)
        .where(
            (IdentityChange.from_customer_id == customer_id)
            | (IdentityChange.to_customer_id == customer_id)
        )
        .order_by(IdentityChange.id.desc())
    )
    return [_info(row) for row in rows]


def open_suggestions(session: Session, *, limit: int = 200) -> list[MergeSuggestionInfo]:
    rows = session.scalars(
        select(MergeSuggestion)
        .where(MergeSuggestion.status == "open")
        .order_by(MergeSuggestion.id)
        .limit(limit)
    ).all()
    ids = {row.customer_a_id for row in rows} | {row.customer_b_id for row in rows}
    names = dict(
        session.execute(select(Customer.id, Customer.name).where(Customer.id.in_(ids))).all()
    )
    return [
        MergeSuggestionInfo(
            id=row.id,
            customer_a_id=row.customer_a_id,
            customer_a_name=names.get(row.customer_a_id, ""),
            customer_b_id=row.customer_b_id,
            customer_b_name=names.get(row.customer_b_id, ""),
            reason=row.reason,
        )
        for row in rows
    ]


def dismiss_suggestion(session: Session, suggestion_id: int, *, actor: str) -> None:
    suggestion = session.get(MergeSuggestion, suggestion_id)
    if suggestion is None:
        raise IdentityError(f"There is no suggestion {suggestion_id}.")
    suggestion.status = "dismissed"
    audit.record(
        session,
        actor=actor,
        action="dismiss_merge_suggestion",
        entity="customer",
        entity_id=suggestion.customer_a_id,
        other_customer_id=suggestion.customer_b_id,
    )
