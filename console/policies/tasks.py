"""Tracked tasks with a statutory due date: answer a data request, refund a withdrawal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from console import audit
from console.policies.classifier import RequestKind
from console.policies.customer_rules import request_deadline
from console.store.models import Agent, Conversation, Message, utcnow
from console.store.policy_tables import PolicyTask

OPEN = "open"
DONE = "done"

TASK_TITLES = {
    RequestKind.DATA_ACCESS: "Answer the data access request",
    RequestKind.DATA_DELETION: "Answer the data deletion request",
    RequestKind.DATA_CORRECTION: "Answer the data correction request",
    RequestKind.WITHDRAWAL: "Refund the withdrawal",
}


class TaskError(ValueError):
    """A task that cannot be opened or changed; the message is for the user."""


@dataclass(frozen=True)
class TaskView:
    id: int
    conversation_id: int
    message_id: int | None
    kind: RequestKind
    market_code: str
    title: str
    opened_at: datetime
    opened_by: str
    due_at: datetime
    status: str
    done_at: datetime | None
    overdue: bool


def _view(task: PolicyTask, now: datetime) -> TaskView:
    return TaskView(
        id=task.id,
        conversation_id=task.conversation_id,
        message_id=task.message_id,
        kind=RequestKind(task.kind),
        market_code=task.market_code,
        title=task.title,
        opened_at=task.opened_at,
        opened_by=task.opened_by,
        due_at=task.due_at,
        status=task.status,
        done_at=task.done_at,
        overdue=task.status == OPEN and task.due_at < now,
    )


def open_task(
    session: Session,
    conversation_id: int,
    kind: RequestKind,
    *,
    message_id: int | None,
    agent_id: int | None,
    now: datetime | None = None,
) -> TaskView:
    """Open (or return the already open) task for a request, due at its statutory deadline.

    The due date comes from the rules in force for the customer's country: the
    data-request response deadline counted from the message's date, or the
    refund deadline after a withdrawal. :class:`TaskError` when the market has
    no statutory deadline for this kind of request.
    """
    now = now or utcnow()
    conversation = session.get(Conversation, conversation_id)
    if conversation is None:
        raise TaskError(f"Conversation {conversation_id} no longer exists.")
    existing = session.scalars(
        select(PolicyTask).where(
            PolicyTask.conversation_id == conversation_id,
            PolicyTask.kind == kind.value,
            PolicyTask.message_id.is_(None)
            if message_id is None
            else PolicyTask.message_id == message_id,
        )
    ).first()
    if existing is not None:
        return _view(existing, now)
    received = now
    if message_id is not None:
        message = session.get(Message, message_id)
        if message is None or message.conversation_id != conversation_id:
            raise TaskError(f"Message {message_id} is not part of this conversation.")
        received = message.sent_at
    market_code, deadline = request_deadline(session, conversation, kind, received, now=now)
    if deadline is None:
        raise TaskError(
            f"{market_code or 'This market'} sets no statutory deadline for this request."
        )
    agent = session.get(Agent, agent_id) if agent_id is not None else None
    task = PolicyTask(
        conversation_id=conversation_id,
        message_id=message_id,
        kind=kind.value,
        market_code=market_code or "",
        title=TASK_TITLES[kind],
        opened_at=now,
        opened_by=audit.actor_name(agent),
        due_at=deadline.ends_at,
        status=OPEN,
    )
    session.add(task)
    session.flush()
    audit.record(
        session,
        actor=task.opened_by,
        action="policy_task_open",
        entity="conversation",
        entity_id=conversation_id,
        task_id=task.id,
        kind=kind.value,
        due_at=task.due_at.isoformat(),
    )
    return _view(task, now)


def complete_task(
    session: Session, task_id: int, *, agent_id: int | None, now: datetime | None = None
) -> TaskView:
    now = now or utcnow()
    task = session.get(PolicyTask, task_id)
    if task is None:
        raise TaskError(f"Task {task_id} no longer exists.")
    if task.status != DONE:
        task.status = DONE
        task.done_at = now
        agent = session.get(Agent, agent_id) if agent_id is not None else None
        audit.record(
            session,
            actor=audit.actor_name(agent),
            action="policy_task_done",
            entity="conversation",
            entity_id=task.conversation_id,
            task_id=task.id,
        )
    return _view(task, now)


def conversation_tasks(
    session: Session, conversation_id: int, now: datetime | None = None
) -> list[TaskView]:
    now = now or utcnow()
    rows = session.scalars(
        select(PolicyTask)
        .where(PolicyTask.conversation_id == conversation_id)
        .order_by(PolicyTask.due_at)
    )
    return [_view(task, now) for task in rows]


def overdue_task_ids_query(now: datetime) -> Select[Any]:
    """``SELECT conversation_id`` of conversations with an open task past its due date.

    For the inbox: ``Conversation.id.in_(overdue_task_ids_query(now))``.
    """
    return (
        select(PolicyTask.conversation_id)
        .where(PolicyTask.status == OPEN, PolicyTask.due_at < now)
        .distinct()
    )


def overdue_conversation_ids(session: Session, now: datetime | None = None) -> set[int]:
    return set(session.scalars(overdue_task_ids_query(now or utcnow())))


def overdue_tasks(session: Session, now: datetime | None = None) -> list[TaskView]:
    now = now or utcnow()
    rows = session.scalars(
        select(PolicyTask)
        .where(PolicyTask.status == OPEN, PolicyTask.due_at < now)
        .order_by(PolicyTask.due_at)
    )
    return [_view(task, now) for task in rows]
