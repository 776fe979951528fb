"""Who else has a conversation open, and who is writing a reply in it (Qt-free).

Each seat (a window of the console) keeps one row in ``conversation_presence``
(console/store/presence_tables.py): the conversation it shows and whether its
reply box has text. It says so when a conversation opens or closes and when the
box starts or stops having text (:func:`announce`), and again every few seconds
while it runs (the heartbeat). A row not refreshed for :data:`EXPIRY` is
ignored and removed by the next announcement of any seat, so a killed seat's
presence disappears by itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from console.store.models import Agent, Conversation, utcnow
from console.store.presence_tables import ConversationPresence

#: A seat not heard of for this long has gone.
EXPIRY = timedelta(seconds=30)
#: How often a running seat says it is still there (well inside :data:`EXPIRY`).
HEARTBEAT = timedelta(seconds=10)
VIEWING, WRITING = "viewing", "writing"


@dataclass(frozen=True)
class Present:
    """Someone else with the conversation open."""

    person_id: int | None
    name: str | None  # None: no person chosen at that seat
    writing: bool


def announce(
    session: Session,
    seat: str,
    conversation_id: int | None,
    *,
    person_id: int | None,
    writing: bool = False,
    now: datetime | None = None,
) -> set[int]:
    """This seat shows ``conversation_id`` (None: none), writing a reply or not.

    Returns the conversations whose presence changed: the one left, the one
    shown, and those whose expired rows were removed.
    """
    moment = now or utcnow()
    changed: set[int] = set()
    expired = list(
        session.scalars(
            select(ConversationPresence.conversation_id).where(
                ConversationPresence.seen_at < moment - EXPIRY, ConversationPresence.seat != seat
            )
        )
    )
    if expired:
        session.execute(
            delete(ConversationPresence).where(
                ConversationPresence.seen_at < moment - EXPIRY, ConversationPresence.seat != seat
            )
        )
        changed.update(expired)
    row = session.get(ConversationPresence, seat)
    if conversation_id is not None and session.get(Conversation, conversation_id) is None:
        conversation_id = None  # merged away or erased meanwhile
    activity = WRITING if writing else VIEWING
    if conversation_id is None:
        if row is not None:
            changed.add(row.conversation_id)
            session.delete(row)
        return changed
    if row is None:
        session.add(
            ConversationPresence(
                seat=seat,
                conversation_id=conversation_id,
                person_id=person_id,
                activity=activity,
                seen_at=moment,
            )
        )
        changed.add(conversation_id)
        return changed
    if (row.conversation_id, row.person_id, row.activity) != (
        conversation_id,
        person_id,
        activity,
    ):
        changed.update({row.conversation_id, conversation_id})
    row.conversation_id, row.person_id, row.activity = conversation_id, person_id, activity
    row.seen_at = moment
    return changed


def present(
    session: Session,
    conversation_id: int,
    *,
    seat: str,
    person_id: int | None = None,
    now: datetime | None = None,
) -> list[Present]:
    """The others with ``conversation_id`` open (not this seat, not this person elsewhere),
    by name; rows older than :data:`EXPIRY` do not count."""
    moment = now or utcnow()
    rows = session.execute(
        select(ConversationPresence.person_id, Agent.name, ConversationPresence.activity)
        .outerjoin(Agent, Agent.id == ConversationPresence.person_id)
        .where(
            ConversationPresence.conversation_id == conversation_id,
            ConversationPresence.seat != seat,
            ConversationPresence.seen_at >= moment - EXPIRY,
        )
    ).all()
    people: dict[object, Present] = {}
    for who, name, activity in rows:
        if person_id is not None and who == person_id:
            continue
        key = who if who is not None else object()  # unnamed seats each count
        known = people.get(key)
        writing = activity == WRITING or (known is not None and known.writing)
        people[key] = Present(who, name, writing)
    return sorted(people.values(), key=lambda p: (p.name is None, p.name or ""))
