"""No lost updates, no crossed replies: the checks a change makes against what the agent saw.

Two seats working on the same conversation must not undo each other's work:

* **Versions.** A conversation (and a shift, console/coverage) carries a ``version``
  that every change raises (SQLAlchemy's ``version_id_col``; ingest's bulk update
  raises it too). A change made from what an agent saw passes the version seen;
  when the stored one is newer, :func:`check_conversation_versions` refuses the
  change with :class:`ChangedMeanwhile`, naming who changed it last, and nothing
  is written.
* **Crossed replies.** A reply passes the id of the newest message the agent saw;
  when another agent's reply was stored after it, :func:`check_reply_not_crossed`
  holds the reply back (:class:`ReplyCrossed`, carrying the other replies to show).

Both checks lock the conversation rows first (``SELECT … FOR UPDATE`` on
PostgreSQL; SQLite has one writer at a time anyway), inside the transaction
that then writes, so two seats acting at the same moment cannot both pass.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.problems import ProblemError, define, problem
from console.store.models import Agent, AuditEntry, Conversation, Direction, Message

CHANGED_MEANWHILE = define(
    "conversation.changed_meanwhile",
    "{name} changed this conversation after you opened it; your change was not saved. "
    "The conversation has been reloaded.",
)
CHANGED_MEANWHILE_SOMEONE = define(
    "conversation.changed_meanwhile_someone",
    "Someone else changed this conversation after you opened it; your change was not saved. "
    "The conversation has been reloaded.",
)
REPLY_CROSSED = define(
    "send.reply_crossed",
    "{name} replied to this conversation after you opened it. Your reply was not sent: "
    "read theirs, then send yours anyway or discard it.",
)

#: How much of a crossing reply's text is carried to show it.
EXCERPT_CHARS = 500


class ChangedMeanwhile(ProblemError):
    """A change made on an older version of a conversation: refused, nothing written."""

    def __init__(self, conversation_ids: Sequence[int], who: str | None) -> None:
        super().__init__(
            problem(CHANGED_MEANWHILE, name=who) if who else problem(CHANGED_MEANWHILE_SOMEONE)
        )
        self.conversation_ids = tuple(conversation_ids)
        self.who = who


@dataclass(frozen=True)
class CrossedReply:
    """Another agent's reply, stored after the newest message the sender saw."""

    message_id: int
    author: str | None
    text: str


class ReplyCrossed(ProblemError):
    """A reply held back: another agent answered after the sender last looked."""

    def __init__(self, conversation_id: int, replies: Sequence[CrossedReply]) -> None:
        names = [reply.author for reply in replies if reply.author]
        super().__init__(problem(REPLY_CROSSED, name=", ".join(dict.fromkeys(names)) or "?"))
        self.conversation_id = conversation_id
        self.replies = tuple(replies)


def lock_conversations(session: Session, conversation_ids: Sequence[int]) -> list[Conversation]:
    """The conversations, read fresh and locked until the transaction ends (in id order)."""
    wanted = sorted(set(conversation_ids))
    if not wanted:
        return []
    return list(
        session.scalars(
            select(Conversation)
            .where(Conversation.id.in_(wanted))
            .order_by(Conversation.id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    )


def check_conversation_versions(
    session: Session, seen: Mapping[int, int], *, actor: str | None = None
) -> None:
    """Refuse (:class:`ChangedMeanwhile`) when any conversation in ``seen`` (id -> version
    the agent saw) has changed since; otherwise the rows stay locked for the change."""
    if not seen:
        return
    stale = [c.id for c in lock_conversations(session, list(seen)) if c.version != seen[c.id]]
    if stale:
        raise ChangedMeanwhile(stale, last_changed_by(session, stale[0], besides=actor))


def last_changed_by(session: Session, conversation_id: int, *, besides: str | None) -> str | None:
    """Who made the conversation's latest audited change (other than ``besides``), if known."""
    query = (
        select(AuditEntry.actor)
        .where(AuditEntry.entity == "conversation", AuditEntry.entity_id == conversation_id)
        .order_by(AuditEntry.id.desc())
        .limit(1)
    )
    if besides:
        query = query.where(AuditEntry.actor != besides)
    return session.scalar(query)


def check_reply_not_crossed(
    session: Session, conversation_id: int, seen_message_id: int, agent_id: int | None
) -> None:
    """Hold a reply (:class:`ReplyCrossed`) when someone else's reply was stored in the
    conversation after message ``seen_message_id``. Lock the conversation first
    (:func:`lock_conversations`)."""
    rows = session.execute(
        select(Message.id, Agent.name, Message.text)
        .outerjoin(Agent, Agent.id == Message.author_agent_id)
        .where(
            Message.conversation_id == conversation_id,
            Message.direction == Direction.OUTBOUND,
            Message.id > seen_message_id,
            Message.author_agent_id.is_distinct_from(agent_id),
        )
        .order_by(Message.id)
    ).all()
    if rows:
        replies = [
            CrossedReply(message_id, name, text[:EXCERPT_CHARS]) for message_id, name, text in rows
        ]
        raise ReplyCrossed(conversation_id, replies)
