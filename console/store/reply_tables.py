"""Tables of the multilingual reply library (schema from migration ``0009_reply_library``).

Imported by :mod:`console.replies` so the ORM knows them wherever they are used.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from console.store.models import Base, utcnow

APPROVED = "approved"
MACHINE_DRAFT = "machine_draft"


class ReplyEntry(Base):
    """One reply of the library: a category, keywords and a variant per language."""

    __tablename__ = "reply_entries"
    __table_args__ = (UniqueConstraint("key", name="uq_reply_entry_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100))  # stable name, shared by export/import
    category: Mapped[str] = mapped_column(String(64))
    keywords: Mapped[list[str]] = mapped_column(default=list)
    source_language: Mapped[str] = mapped_column(String(16))  # the variant others follow
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    variants: Mapped[list[ReplyVariant]] = relationship(
        back_populates="entry", cascade="all, delete-orphan", order_by="ReplyVariant.language"
    )


class ReplyVariant(Base):
    """The text of a reply in one language.

    ``version`` goes up with every change of the text; a variant approved when
    the source variant had ``approved_source_version`` is stale once the source
    moved on.
    """

    __tablename__ = "reply_variants"
    __table_args__ = (UniqueConstraint("entry_id", "language", name="uq_reply_variant_language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("reply_entries.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default=APPROVED)
    version: Mapped[int] = mapped_column(default=1)
    approved_source_version: Mapped[int | None]
    approved_by: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    entry: Mapped[ReplyEntry] = relationship(back_populates="variants")
