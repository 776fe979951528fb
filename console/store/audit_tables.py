"""The audit chain's head (migration 0020): the last entry's id and hash, one row.

Every insert into ``audit_log`` takes this row's lock (PostgreSQL: ``SELECT ... FOR
UPDATE`` in the chain trigger; SQLite: the write lock), reads the hash to link to and
moves the head on, so entries written at once by several seats still form one chain.
The head also tells a check (``support-console audit verify``) where the log ended,
so entries cut from its end are found too.
"""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from console.store.models import Base


class AuditChainHead(Base):
    __tablename__ = "audit_chain_head"

    id: Mapped[int] = mapped_column(primary_key=True)  # always 1
    #: The newest entry's id; None while the log is empty.
    last_id: Mapped[int | None]
    last_hash: Mapped[str] = mapped_column(String(64))
