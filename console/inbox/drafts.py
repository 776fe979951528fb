"""Reply drafts: what an agent is writing in one conversation, kept as they type.

One draft per conversation and agent, so moving to another conversation never
carries text over and a restart (or a crash) gives the text back. An empty
draft is no draft: saving empty text removes it, and sending the reply does too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from console.store.models import Conversation, Draft, utcnow

#: The draft owner on a seat where no agent is chosen.
NO_AGENT = 0


@dataclass(frozen=True)
class DraftView:
    conversation_id: int
    text: str  # the agent's own language
    outgoing_text: str | None  # the customer-language text as the agent edited it
    updated_at: datetime


def _key(agent_id: int | None) -> int:
    return NO_AGENT if agent_id is None else agent_id


def load_draft(session: Session, conversation_id: int, agent_id: int | None) -> DraftView | None:
    row = session.scalar(
        select(Draft).where(
            Draft.conversation_id == conversation_id, Draft.agent_key == _key(agent_id)
        )
    )
    if row is None:
        return None
    return DraftView(row.conversation_id, row.text, row.outgoing_text, row.updated_at)


def save_draft(
    session: Session,
    conversation_id: int,
    agent_id: int | None,
    text: str,
    outgoing_text: str | None = None,
) -> bool:
    """Keep the draft (empty text removes it); returns whether one is kept now."""
    if not text.strip() and not (outgoing_text or "").strip():
        discard_draft(session, conversation_id, agent_id)
        return False
    if session.get(Conversation, conversation_id) is None:
        return False  # the conversation was merged away or erased meanwhile
    row = session.scalar(
        select(Draft).where(
            Draft.conversation_id == conversation_id, Draft.agent_key == _key(agent_id)
        )
    )
    if row is None:
        row = Draft(conversation_id=conversation_id, agent_key=_key(agent_id))
        session.add(row)
    row.text = text
    row.outgoing_text = outgoing_text
    row.updated_at = utcnow()
    return True


def discard_draft(session: Session, conversation_id: int, agent_id: int | None) -> None:
    session.execute(
        delete(Draft).where(
            Draft.conversation_id == conversation_id, Draft.agent_key == _key(agent_id)
        )
    )
