"""Reviewing a sampled conversation: the queue, what the reviewer reads, scoring, reading back.

The reviewer reads each message as written beside its translation: a customer's
message beside the stored translation (the reviewer's language first), and a
reply written through translation as the agent wrote it beside what was sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from console import audit
from console.problems import define, problem
from console.quality.access import LEAD_ROLES, REVIEWER_ROLES, QualityError, acting_agent
from console.quality.rubrics import RubricView, ensure_default_rubric, rubric_version
from console.quality.scoring import check_scores, total
from console.store.models import Agent, Conversation, Customer, Direction, Message, utcnow
from console.store.quality_tables import (
    QualityAssignment,
    QualityComment,
    QualityItemScore,
    QualityReview,
    QualityRubricVersion,
)

NOT_YOUR_ASSIGNMENT = define(
    "quality.not_your_assignment",
    "This conversation was sampled for another reviewer.",
)
ALREADY_REVIEWED = define(
    "quality.already_reviewed",
    "This conversation's review was already submitted; a review is not changed afterwards.",
)
NOT_YOUR_REVIEW = define(
    "quality.not_your_review",
    "Only the agent reviewed, the reviewer and leads read this review.",
)
ASSIGNMENT_GONE = define(
    "quality.assignment_gone",
    "This review is no longer in the queue.",
)
MAX_COMMENT = 4000


@dataclass(frozen=True)
class QueueEntry:
    assignment_id: int
    week_start: date
    conversation_id: int
    subject: str
    customer: str
    agent: str
    reason: str  # "sample" | "calibration"


@dataclass(frozen=True)
class MessagePair:
    """A message as written and its translation (empty when there is none)."""

    sent_at: datetime
    inbound: bool
    author: str  # customer or agent name
    original: str
    original_language: str
    translation: str
    translation_language: str


@dataclass(frozen=True)
class ReviewMaterial:
    assignment_id: int
    conversation_id: int
    subject: str
    agent: str
    week_start: date
    messages: tuple[MessagePair, ...]
    rubric: RubricView


@dataclass(frozen=True)
class ReviewSummary:
    review_id: int
    week_start: date
    conversation_id: int
    subject: str
    agent: str
    reviewer: str
    total: float
    auto_failed: bool
    submitted_at: datetime
    rubric_version: int


@dataclass(frozen=True)
class ScoredItem:
    key: str
    section: dict[str, str]
    names: dict[str, str]
    weight: float
    auto_fail: bool
    score: int | None


@dataclass(frozen=True)
class CommentView:
    author: str
    text: str
    at: datetime


@dataclass(frozen=True)
class ReviewDetail:
    summary: ReviewSummary
    items: tuple[ScoredItem, ...]
    comments: tuple[CommentView, ...]


def reviewer_queue(session: Session, reviewer_id: int | None) -> list[QueueEntry]:
    """The reviewer's sampled conversations not reviewed yet, oldest week first."""
    if reviewer_id is None:
        return []
    rows = session.execute(
        select(QualityAssignment, Conversation.subject, Customer.name, Agent.name)
        .join(Conversation, Conversation.id == QualityAssignment.conversation_id)
        .join(Customer, Customer.id == Conversation.customer_id)
        .join(Agent, Agent.id == QualityAssignment.agent_id)
        .outerjoin(QualityReview, QualityReview.assignment_id == QualityAssignment.id)
        .where(QualityAssignment.reviewer_id == reviewer_id, QualityReview.id.is_(None))
        .order_by(QualityAssignment.week_start, QualityAssignment.id)
    ).all()
    return [
        QueueEntry(a.id, a.week_start, a.conversation_id, subject or "", customer, agent, a.reason)
        for a, subject, customer, agent in rows
    ]


def review_material(
    session: Session, assignment_id: int, reviewer_id: int | None, language: str
) -> ReviewMaterial:
    """What the reviewer reads and scores; translations in ``language`` first."""
    assignment = _own_open_assignment(session, assignment_id, reviewer_id)
    conversation = session.get(Conversation, assignment.conversation_id)
    agent = session.get(Agent, assignment.agent_id)
    assert conversation is not None and agent is not None
    names = {row.id: row.name for row in session.execute(select(Agent.id, Agent.name))}
    messages = session.scalars(
        select(Message)
        .where(Message.conversation_id == conversation.id)
        .order_by(Message.sent_at, Message.id)
    ).all()
    pairs = tuple(
        _pair(message, conversation.customer.name, names, language) for message in messages
    )
    return ReviewMaterial(
        assignment.id,
        conversation.id,
        conversation.subject or "",
        agent.name,
        assignment.week_start,
        pairs,
        ensure_default_rubric(session),
    )


def _pair(message: Message, customer: str, names: Mapping[int, str], language: str) -> MessagePair:
    inbound = message.direction is Direction.INBOUND
    author = customer if inbound else names.get(message.author_agent_id or 0, "")
    if not inbound and message.composed_text is not None:
        return MessagePair(
            message.sent_at,
            inbound,
            author,
            message.composed_text,
            message.composed_language or "",
            message.text,
            message.language or "",
        )
    wanted = language.split("_")[0]
    translations = sorted(
        message.translations,
        key=lambda t: (t.target_language.split("_")[0] != wanted, -t.created_at.timestamp()),
    )
    chosen = next(
        (t for t in translations if t.target_language.split("_")[0] != (message.language or "")),
        None,
    )
    return MessagePair(
        message.sent_at,
        inbound,
        author,
        message.text,
        message.language or "",
        chosen.text if chosen else "",
        chosen.target_language if chosen else "",
    )


def submit_review(
    session: Session,
    assignment_id: int,
    *,
    reviewer_id: int | None,
    rubric_version_id: int,
    scores: Mapping[int, int | None],
    comment: str = "",
    now: datetime | None = None,
) -> ReviewSummary:
    """Score the assignment against the version the reviewer saw; returns the review."""
    assignment = _own_open_assignment(session, assignment_id, reviewer_id)
    rubric = rubric_version(session, rubric_version_id)
    check_scores(rubric.items, scores)
    points, failed = total(rubric.items, scores)
    review = QualityReview(
        assignment_id=assignment.id,
        conversation_id=assignment.conversation_id,
        agent_id=assignment.agent_id,
        reviewer_id=assignment.reviewer_id,
        rubric_version_id=rubric.version_id,
        week_start=assignment.week_start,
        total=points,
        auto_failed=failed,
        submitted_at=now or utcnow(),
    )
    review.scores = [
        QualityItemScore(item_id=item.id, score=scores[item.id]) for item in rubric.items
    ]
    text = comment.strip()[:MAX_COMMENT]
    if text:
        review.comments = [QualityComment(author_id=assignment.reviewer_id, text=text)]
    session.add(review)
    session.flush()
    reviewer = session.get(Agent, assignment.reviewer_id)
    audit.record(
        session,
        actor=reviewer.name if reviewer else "",
        action="quality.reviewed",
        entity="quality_review",
        entity_id=review.id,
        conversation_id=assignment.conversation_id,
        total=points,
        auto_failed=failed,
    )
    return _summaries(session, [review.id])[0]


def add_comment(session: Session, review_id: int, *, agent_id: int | None, text: str) -> None:
    """A remark on a review, by the agent reviewed (their answer), the reviewer or a lead."""
    review = _readable_review(session, review_id, agent_id)
    cleaned = text.strip()[:MAX_COMMENT]
    if cleaned:
        session.add(QualityComment(review_id=review.id, author_id=agent_id, text=cleaned))


def reviews_of_agent(session: Session, agent_id: int | None) -> list[ReviewSummary]:
    """The reviews of ``agent_id``'s conversations, newest first ("My reviews")."""
    if agent_id is None:
        return []
    ids = session.scalars(
        select(QualityReview.id)
        .where(QualityReview.agent_id == agent_id)
        .order_by(QualityReview.submitted_at.desc(), QualityReview.id.desc())
    ).all()
    return _summaries(session, list(ids))


def review_detail(session: Session, review_id: int, viewer_id: int | None) -> ReviewDetail:
    review = _readable_review(session, review_id, viewer_id)
    rubric = rubric_version(session, review.rubric_version_id)
    scored = {row.item_id: row.score for row in review.scores}
    items = tuple(
        ScoredItem(i.key, i.section, i.names, i.weight, i.auto_fail, scored.get(i.id))
        for i in rubric.items
    )
    names = {row.id: row.name for row in session.execute(select(Agent.id, Agent.name))}
    comments = tuple(
        CommentView(names.get(c.author_id or 0, ""), c.text, c.created_at) for c in review.comments
    )
    return ReviewDetail(_summaries(session, [review.id])[0], items, comments)


def _summaries(session: Session, review_ids: list[int]) -> list[ReviewSummary]:
    if not review_ids:
        return []
    reviewer = select(Agent.id, Agent.name).subquery()
    rows = session.execute(
        select(
            QualityReview,
            Conversation.subject,
            Agent.name,
            reviewer.c.name,
            QualityRubricVersion.version,
        )
        .join(Conversation, Conversation.id == QualityReview.conversation_id)
        .join(Agent, Agent.id == QualityReview.agent_id)
        .join(reviewer, reviewer.c.id == QualityReview.reviewer_id)
        .join(QualityRubricVersion, QualityRubricVersion.id == QualityReview.rubric_version_id)
        .where(QualityReview.id.in_(review_ids))
    ).all()
    found = {
        r.id: ReviewSummary(
            r.id,
            r.week_start,
            r.conversation_id,
            subject or "",
            agent,
            reviewer_name,
            r.total,
            r.auto_failed,
            r.submitted_at,
            version,
        )
        for r, subject, agent, reviewer_name, version in rows
    }
    return [found[i] for i in review_ids if i in found]


def _own_open_assignment(
    session: Session, assignment_id: int, reviewer_id: int | None
) -> QualityAssignment:
    acting_agent(session, reviewer_id)
    assignment = session.get(QualityAssignment, assignment_id)
    if assignment is None:
        raise QualityError(problem(ASSIGNMENT_GONE))
    if assignment.reviewer_id != reviewer_id:
        raise QualityError(problem(NOT_YOUR_ASSIGNMENT))
    done = session.scalar(
        select(QualityReview.id).where(QualityReview.assignment_id == assignment.id)
    )
    if done is not None:
        raise QualityError(problem(ALREADY_REVIEWED))
    return assignment


def _readable_review(session: Session, review_id: int, viewer_id: int | None) -> QualityReview:
    viewer = acting_agent(session, viewer_id)
    review = session.get(QualityReview, review_id)
    if review is None:
        raise QualityError(problem(ASSIGNMENT_GONE))
    if viewer.id not in (review.agent_id, review.reviewer_id) and viewer.role not in (
        *LEAD_ROLES,
        *REVIEWER_ROLES,
    ):
        raise QualityError(problem(NOT_YOUR_REVIEW))
    return review
