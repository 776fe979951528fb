"""Who has a conversation open, and who is writing a reply in it (migration 0019).

One row per seat (a window of the console): the conversation it shows, who sits
there, whether the reply box has text (``writing``) or not (``viewing``), and
when the seat last said so. A seat refreshes its row while it runs (a heartbeat);
rows not refreshed for :data:`console.inbox.presence.EXPIRY` are ignored and
removed, so a seat that was killed disappears by itself.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from console.store.models import Base, utcnow


class ConversationPresence(Base):
    __tablename__ = "conversation_presence"

    #: The seat: a random id each window draws when it starts.
    seat: Mapped[str] = mapped_column(String(64), primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    #: Who sits there (None: no person chosen on a single-seat store).
    person_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"))
    activity: Mapped[str] = mapped_column(String(16))  # "viewing" | "writing"
    seen_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
