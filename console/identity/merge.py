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
from console.store.models import (
    ChannelIdentity,
    ChannelKind,
    Conversation,
    Customer,
    Direction,
    Message,
    utcnow,
)


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
    _customer(session, keep_id)  # both must exist
    _customer(session, other_id)
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
        merged_customer_id=other_id,  # ids, not names: the log holds no personal data
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


@dataclass(frozen=True)
class IdentityInfo:
    """One channel identity of a customer: how and where the customer writes from."""

    id: int
    kind: ChannelKind
    address: str


def customer_identities(session: Session, customer_id: int) -> list[IdentityInfo]:
    rows = session.execute(
        select(ChannelIdentity.id, ChannelIdentity.kind, ChannelIdentity.address)
        .where(ChannelIdentity.customer_id == customer_id)
        .order_by(ChannelIdentity.kind, ChannelIdentity.address, ChannelIdentity.id)
    )
    return [IdentityInfo(ident, ChannelKind(kind), address) for ident, kind, address in rows]


def conversations_of_identities(
    session: Session, customer_id: int, identity_ids: Sequence[int]
) -> list[int]:
    """The customer's conversations that came only through the given identities.

    Messages do not record the address they came from, so a conversation goes with the
    identities when each of its customer messages came on a channel kind that only these
    identities have among the customer's identities. Conversations that may belong to an
    identity that stays (same channel kind) stay with the customer.
    """
    kinds: dict[ChannelKind, set[bool]] = {}
    chosen = set(identity_ids)
    for identity in customer_identities(session, customer_id):
        kinds.setdefault(identity.kind, set()).add(identity.id in chosen)
    moving = {kind for kind, flags in kinds.items() if flags == {True}}
    if not moving:
        return []
    channels: dict[int, set[ChannelKind]] = {}
    for conversation_id, channel in session.execute(
        select(Message.conversation_id, Message.channel)
        .join(Conversation, Conversation.id == Message.conversation_id)
        .where((Conversation.customer_id == customer_id) & (Message.direction == Direction.INBOUND))
        .distinct()
    ):
        channels.setdefault(conversation_id, set()).add(ChannelKind(channel))
    return sorted(cid for cid, seen in channels.items() if seen <= moving)


def split_off_identities(
    session: Session,
    customer_id: int,
    identity_ids: Sequence[int],
    *,
    name: str | None = None,
    actor: str,
) -> IdentityChangeInfo:
    """Split the given identities into a new customer, with the conversations that came
    only through them (see :func:`conversations_of_identities`)."""
    conversation_ids = conversations_of_identities(session, customer_id, identity_ids)
    return split_customer(
        session,
        customer_id,
        identity_ids,
        conversation_ids=conversation_ids,
        name=(name or "").strip() or None,
        actor=actor,
    )


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


@dataclass(frozen=True)
class CustomerSuggestion:
    """An open merge suggestion seen from one customer: who the other one is, and why."""

    id: int
    other_customer_id: int
    other_name: str
    reason: str  # as stored, e.g. "same order number A-1"
    reason_kind: str  # "email" | "phone" | "order" | "other": for a translated caption
    reason_value: str  # the shared value, e.g. "A-1"


@dataclass(frozen=True)
class IdentityOverview:
    """What the identity panel shows for a customer."""

    customer_id: int
    suggestions: tuple[CustomerSuggestion, ...]
    last_change: IdentityChangeInfo | None  # the newest merge/split not undone yet
    last_change_other_name: str  # the name of the other customer of that change
    identities: tuple[IdentityInfo, ...] = ()  # the customer's own channel identities


_REASON_PREFIXES = (
    ("same e-mail address ", "email"),
    ("same phone number ", "phone"),
    ("same order number ", "order"),
)


def _reason_parts(reason: str) -> tuple[str, str]:
    for prefix, kind in _REASON_PREFIXES:
        if reason.startswith(prefix):
            return kind, reason[len(prefix) :]
    return "other", reason


def identity_overview(session: Session, customer_id: int) -> IdentityOverview:
    """Open suggestions involving ``customer_id`` and its last merge/split that can be undone."""
    rows = session.scalars(
        select(MergeSuggestion)
        .where(
            (MergeSuggestion.status == "open")
            & (
                (MergeSuggestion.customer_a_id == customer_id)
                | (MergeSuggestion.customer_b_id == customer_id)
            )
        )
        .order_by(MergeSuggestion.id)
    ).all()
    others = {
        row.id: row.customer_b_id if row.customer_a_id == customer_id else row.customer_a_id
        for row in rows
    }
    change = next((c for c in changes_for(session, customer_id) if not c.undone), None)
    wanted = set(others.values())
    if change is not None:
        wanted |= {change.from_customer_id, change.to_customer_id}
    names: dict[int, str] = (
        {
            cid: name
            for cid, name in session.execute(
                select(Customer.id, Customer.name).where(Customer.id.in_(wanted))
            )
        }
        if wanted
        else {}
    )
    suggestions = tuple(
        CustomerSuggestion(
            id=row.id,
            other_customer_id=others[row.id],
            other_name=names.get(others[row.id], ""),
            reason=row.reason,
            reason_kind=_reason_parts(row.reason)[0],
            reason_value=_reason_parts(row.reason)[1],
        )
        for row in rows
    )
    other_name = ""
    if change is not None:
        other = (
            change.from_customer_id
            if change.to_customer_id == customer_id
            else change.to_customer_id
        )
        other_name = names.get(other, "")
    identities = tuple(customer_identities(session, customer_id))
    return IdentityOverview(customer_id, suggestions, change, other_name, identities)


def accept_suggestion(
    session: Session, suggestion_id: int, keep_id: int, *, actor: str
) -> IdentityChangeInfo:
    """Merge the two customers of an open suggestion, keeping ``keep_id`` (one of them)."""
    suggestion = session.get(MergeSuggestion, suggestion_id)
    if suggestion is None or suggestion.status != "open":
        raise IdentityError("This suggestion is no longer open.")
    pair = (suggestion.customer_a_id, suggestion.customer_b_id)
    if keep_id not in pair:
        raise IdentityError("The customer to keep is not part of this suggestion.")
    other_id = pair[1] if keep_id == pair[0] else pair[0]
    return merge_customers(session, keep_id, other_id, actor=actor)
