"""Tables of quality review (schema from migration ``0012_quality_review``).

Imported by :mod:`console.quality` so the ORM knows them wherever they are used.

A rubric is a name that lives on through *versions*; a version's items never
change once a review used it (a change makes the next version), so every review
keeps the items, weights and wordings it was scored against. Names a person
reads (rubric, section, item) are stored per language (``{"en": ..., "zh": ...}``):
leads write rubrics of their own, which no program catalogue could translate.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from console.store.models import Base, utcnow


class QualityRubric(Base):
    """A scorecard as leads know it ("Customer conversation"), across its versions."""

    __tablename__ = "quality_rubrics"
    __table_args__ = (UniqueConstraint("key", name="uq_quality_rubric_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64))  # stable name ("default")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    versions: Mapped[list[QualityRubricVersion]] = relationship(
        back_populates="rubric", order_by="QualityRubricVersion.version"
    )


class QualityRubricVersion(Base):
    """One version of a rubric: its name and items as they were from ``created_at`` on."""

    __tablename__ = "quality_rubric_versions"
    __table_args__ = (UniqueConstraint("rubric_id", "version", name="uq_quality_rubric_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rubric_id: Mapped[int] = mapped_column(ForeignKey("quality_rubrics.id", ondelete="CASCADE"))
    version: Mapped[int]
    names: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)  # language -> name
    created_by: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    rubric: Mapped[QualityRubric] = relationship(back_populates="versions")
    items: Mapped[list[QualityRubricItem]] = relationship(
        back_populates="version", order_by="QualityRubricItem.position"
    )


class QualityRubricItem(Base):
    """A line of the scorecard: its section, wording, weight, or auto-fail.

    ``key`` is stable across versions (calibration compares items by it).
    An auto-fail item weighs nothing: when it happened, the whole review scores 0.
    """

    __tablename__ = "quality_rubric_items"
    __table_args__ = (UniqueConstraint("version_id", "key", name="uq_quality_item_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("quality_rubric_versions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    key: Mapped[str] = mapped_column(String(64))
    section: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)  # language -> section name
    names: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)  # language -> item wording
    weight: Mapped[float] = mapped_column(Float, default=0.0)
    auto_fail: Mapped[bool] = mapped_column(default=False)

    version: Mapped[QualityRubricVersion] = relationship(back_populates="items")


class QualitySampling(Base):
    """How many conversations per agent and week a lead wants reviewed (one row, id 1)."""

    __tablename__ = "quality_sampling"

    id: Mapped[int] = mapped_column(primary_key=True)
    mode: Mapped[str] = mapped_column(String(8), default="count")  # "count" | "share"
    count: Mapped[int] = mapped_column(default=3)  # per agent and week, mode "count"
    share: Mapped[float] = mapped_column(Float, default=0.05)  # of the week's, mode "share"
    newcomer_factor: Mapped[float] = mapped_column(Float, default=2.0)
    temporary_factor: Mapped[float] = mapped_column(Float, default=2.0)
    newcomer_days: Mapped[int] = mapped_column(default=30)
    #: Share of sampled conversations that a second reviewer scores too.
    calibration_share: Mapped[float] = mapped_column(Float, default=0.1)
    updated_by: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class QualityAssignment(Base):
    """A sampled conversation: ``reviewer`` reviews ``agent``'s replies of the week."""

    __tablename__ = "quality_assignments"
    __table_args__ = (
        # Never the same conversation twice for the same reviewer.
        UniqueConstraint("reviewer_id", "conversation_id", name="uq_quality_assignment"),
        Index("ix_quality_assignments_week_agent", "week_start", "agent_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    week_start: Mapped[date] = mapped_column(Date)  # a Monday (UTC weeks)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"))
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    reviewer_id: Mapped[int] = mapped_column(
        ForeignKey("agents.id", ondelete="CASCADE"), index=True
    )
    #: "sample" (the weekly draw) or "calibration" (a second reviewer).
    reason: Mapped[str] = mapped_column(String(16), default="sample")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class QualityReview(Base):
    """A submitted scorecard: the version it used, its total (0..100) and auto-fail."""

    __tablename__ = "quality_reviews"
    __table_args__ = (
        UniqueConstraint("assignment_id", name="uq_quality_review_assignment"),
        Index("ix_quality_reviews_week_agent", "week_start", "agent_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("quality_assignments.id", ondelete="CASCADE")
    )
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"))
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"))
    rubric_version_id: Mapped[int] = mapped_column(ForeignKey("quality_rubric_versions.id"))
    week_start: Mapped[date] = mapped_column(Date)
    total: Mapped[float] = mapped_column(Float)
    auto_failed: Mapped[bool] = mapped_column(default=False)
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)

    scores: Mapped[list[QualityItemScore]] = relationship(
        back_populates="review", cascade="all, delete-orphan"
    )
    comments: Mapped[list[QualityComment]] = relationship(
        back_populates="review", cascade="all, delete-orphan", order_by="QualityComment.id"
    )


class QualityItemScore(Base):
    """One item of a review: 0 not met, 1 partly, 2 met; NULL: does not apply.

    Auto-fail items: 0 it happened, 2 it did not.
    """

    __tablename__ = "quality_item_scores"
    __table_args__ = (UniqueConstraint("review_id", "item_id", name="uq_quality_item_score"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("quality_reviews.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(ForeignKey("quality_rubric_items.id"), index=True)
    score: Mapped[int | None]

    review: Mapped[QualityReview] = relationship(back_populates="scores")


class QualityComment(Base):
    """A remark on a review (the reviewer's, or the agent's answer); ``item_id``: on one item."""

    __tablename__ = "quality_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(
        ForeignKey("quality_reviews.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[int | None] = mapped_column(ForeignKey("quality_rubric_items.id"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    review: Mapped[QualityReview] = relationship(back_populates="comments")
