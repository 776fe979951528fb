"""Routing: who takes each open, unassigned conversation, and why (no Qt).

A conversation is routed while it is open, unassigned and not snoozed (new, reopened
without an owner, or waiting in its queue). It goes to its market's queue, or to the
in-house escalation queue when an escalation rule holds (the customer is a VIP, or a
customer message contains a complaint or chargeback keyword of the lead's list).

From the queue it goes to the least loaded eligible person (open assigned conversations,
fewest first; then by name), below their capacity:

* market queue: assigned to the market in the coverage planner, speaks the
  conversation's language (without one: one of the market's languages);
* escalation queue: in-house (no vendor), speaks the language;
* and in both: on shift now (``console.coverage.status.working_agent_ids``: weekly
  shifts, leave, extra shifts), taking conversations (agent or lead), neither
  disabled nor past their last day (``expires_on``).

With nobody eligible it waits in its queue and the next run assigns it (call
:func:`route_pending` every few seconds and at :func:`next_shift_start`). A queue set to
"by hand" is not routed. An assignee is never replaced: routing only fills empty ones.

Each decision is kept per conversation (``conversation_routing``) as facts, not words,
so the window says it in the UI language: :func:`explanation`.

Two processes may run :func:`route_pending` at once: on PostgreSQL a transaction-level
advisory lock makes the runs take turns, rows a seat is writing are skipped (``FOR
UPDATE SKIP LOCKED``) and an assignment is a conditional update of an empty assignee,
so no conversation is assigned twice and no one above capacity.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, text, update
from sqlalchemy.dialects import postgresql as postgresql_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.orm import Session

from console import audit
from console.changes import NOTHING, Changes
from console.coverage.plan import AgentCoverage, CoveragePlan, shift_intervals
from console.coverage.queries import load_plan
from console.coverage.status import working_agent_ids
from console.store.models import Agent, Conversation, ConversationStatus, Direction, Market, Message
from console.store.routing_tables import (
    ESCALATION_QUEUE_KEY,
    AgentCapacity,
    ConversationRouting,
    RoutingQueue,
    RoutingRule,
    VipCustomer,
    market_queue_key,
)

#: Open conversations a person takes at most when no capacity is set for them.
DEFAULT_CAPACITY = 10
#: Who routing's changes are recorded for in the audit log.
ROUTING_ACTOR = "routing"
#: The advisory lock routing runs hold on PostgreSQL (any constant shared by all seats).
ADVISORY_LOCK_KEY = 0x526F757465  # "Route"

ASSIGNED = "assigned"
WAITING = "waiting"

# Why a conversation waits.
NO_MARKET = "no_market"  # the customer's market is not known
BY_HAND = "by_hand"  # its queue is worked by hand
NOBODY_ON_SHIFT = "nobody_on_shift"  # nobody eligible is on shift now
AT_CAPACITY = "at_capacity"  # everyone eligible on shift is at capacity

# Escalation rules.
VIP = "vip"
COMPLAINT = "complaint"
CHARGEBACK = "chargeback"
KEYWORD_KINDS = (CHARGEBACK, COMPLAINT)  # a chargeback threat is named before a complaint

_CHUNK = 500


@dataclass(frozen=True)
class Explanation:
    """Why a conversation is where it is, in facts the window words.

    ``queue`` is the market's code, or ``"escalation"``; ``escalation`` the rule that
    escalated it (``"vip"``, ``"complaint"``, ``"chargeback"``) and ``matched`` the
    keyword found. Assigned: ``agent`` with the facts that made them eligible
    (``market`` they serve, or ``in_house`` for escalations; ``language`` they speak;
    on shift; ``open_count`` conversations they had open). Waiting: ``why``
    (:data:`NO_MARKET`, :data:`BY_HAND`, :data:`NOBODY_ON_SHIFT`, :data:`AT_CAPACITY`)
    for ``market`` in ``language``.
    """

    outcome: str
    queue: str | None
    escalation: str | None
    matched: str | None
    agent: str | None
    agent_id: int | None
    market: str | None
    language: str | None
    open_count: int | None
    in_house: bool
    why: str | None
    decided_at: datetime


@dataclass(frozen=True)
class _Person:
    id: int
    name: str
    languages: frozenset[str]
    in_house: bool
    capacity: int


@dataclass
class _Context:
    now: datetime
    plan: CoveragePlan
    people: dict[int, _Person]  # eligible people on shift now
    load: dict[int, int]
    queues: dict[str, RoutingQueue]
    markets: dict[int, Market]
    keywords: dict[str, list[str]]  # kind -> casefolded keywords of every language
    vip_enabled: bool


def language_code(language: str | None) -> str | None:
    """``de-AT`` → ``de``: the part of a language tag people and conversations are matched on."""
    if not language:
        return None
    return language.replace("_", "-").split("-")[0].lower() or None


# -- the run --------------------------------------------------------------------------------


def route_pending(session: Session, now: datetime | None = None) -> Changes:
    """Route every open, unassigned, unsnoozed conversation (new, reopened, waiting).

    Idempotent: a second run with nothing new changes nothing. Returns what changed
    (conversations whose assignee, queue or explanation changed; ``listing`` when an
    assignee or queue did).
    """
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    _take_turn(session)
    ensure_queues(session)
    pending_query = (
        select(
            Conversation.id,
            Conversation.market_id,
            Conversation.language,
            Conversation.customer_id,
            Conversation.queue_id,
        )
        .where(
            Conversation.status == ConversationStatus.OPEN,
            Conversation.assignee_id.is_(None),
            Conversation.snoozed_until.is_(None),
        )
        .order_by(Conversation.created_at, Conversation.id)
    )
    if session.get_bind().dialect.name == "postgresql":
        pending_query = pending_query.with_for_update(skip_locked=True, of=Conversation)
    pending = session.execute(pending_query).all()
    if not pending:
        return NOTHING
    context = _context(session, moment)
    ids = [row.id for row in pending]
    decisions = _existing_decisions(session, ids)
    vips = _vip_customers(session, {row.customer_id for row in pending})
    new_messages = _new_customer_messages(session, ids, decisions)
    changed: set[int] = set()
    listing = False
    escalated_first = sorted(
        pending,
        key=lambda row: 0 if _escalation(row, decisions, vips, new_messages, context) else 1,
    )
    for row in escalated_first:
        previous = decisions.get(row.id)
        kind, matched = _escalation(row, decisions, vips, new_messages, context)
        scanned = max(
            [previous.scanned_message_id if previous else 0]
            + [message_id for message_id, _ in new_messages.get(row.id, ())]
        )
        queue = (
            context.queues.get(ESCALATION_QUEUE_KEY)
            if kind
            else (
                context.queues.get(market_queue_key(row.market_id))
                if row.market_id is not None
                else None
            )
        )
        market = context.markets.get(row.market_id) if row.market_id is not None else None
        outcome, agent_id, reason = _decide(
            context, queue, market, row.language, escalated=bool(kind)
        )
        if outcome == ASSIGNED:
            assert agent_id is not None
            if not _assign(session, row.id, agent_id, queue):
                continue  # a person took it meanwhile: theirs
            context.load[agent_id] = context.load.get(agent_id, 0) + 1
            listing = True
        elif queue is not None and row.queue_id != queue.id:
            values: dict[str, Any] = {"queue_id": queue.id}
            if hasattr(Conversation, "version"):
                values["version"] = Conversation.version + 1
            session.execute(update(Conversation).where(Conversation.id == row.id).values(**values))
            listing = True
        queue_id = queue.id if queue is not None else None
        same = (
            previous is not None
            and previous.outcome == outcome
            and previous.queue_id == queue_id
            and previous.escalation == kind
            and previous.matched == matched
            and previous.agent_id == agent_id
            and previous.reason == reason
        )
        if same and previous is not None:
            previous.scanned_message_id = scanned
            continue
        if previous is None:
            previous = ConversationRouting(conversation_id=row.id)
            session.add(previous)
        previous.queue_id = queue_id
        previous.outcome = outcome
        previous.escalation = kind
        previous.matched = matched
        previous.agent_id = agent_id
        previous.reason = reason
        previous.scanned_message_id = scanned
        previous.decided_at = moment
        changed.add(row.id)
        audit.record(
            session,
            actor=ROUTING_ACTOR,
            action="route",
            entity="conversation",
            entity_id=row.id,
            outcome=outcome,
            queue=reason.get("queue"),
            escalation=kind,
            assignee=reason.get("agent"),
            why=reason.get("why"),
        )
    session.flush()
    if not changed and not listing:
        return NOTHING
    return Changes(conversations=frozenset(changed), listing=listing)


def _take_turn(session: Session) -> None:
    """One routing run at a time: PostgreSQL's advisory lock until the transaction ends;
    on SQLite the write lock, taken before anything is read."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
    else:
        session.execute(update(RoutingQueue).where(RoutingQueue.id == -1).values(version=0))


def ensure_queues(session: Session) -> None:
    """A queue for every market and the escalation queue (race-free on both engines)."""
    known = set(session.scalars(select(RoutingQueue.key)))
    rows: list[dict[str, Any]] = []
    if ESCALATION_QUEUE_KEY not in known:
        rows.append({"key": ESCALATION_QUEUE_KEY, "market_id": None, "escalation": True})
    for market_id in session.scalars(select(Market.id).order_by(Market.id)):
        if market_queue_key(market_id) not in known:
            rows.append({"key": market_queue_key(market_id), "market_id": market_id})
    if not rows:
        return
    now = datetime.now(UTC)
    full = [
        {
            "market_id": None,
            "escalation": False,
            "auto_assign": True,
            "version": 1,
            "updated_by": "",
            "updated_at": now,
            **row,
        }
        for row in rows
    ]
    table = RoutingQueue.__table__
    dialect = (
        postgresql_dialect if session.get_bind().dialect.name == "postgresql" else sqlite_dialect
    )
    session.execute(dialect.insert(table).on_conflict_do_nothing(index_elements=["key"]), full)


def _context(session: Session, now: datetime) -> _Context:
    plan = load_plan(session, "UTC", now, history_demand=False)
    working = working_agent_ids(plan, now)
    capacities = dict(session.execute(select(AgentCapacity.agent_id, AgentCapacity.capacity)).all())
    people: dict[int, _Person] = {}
    today = now.date()
    for agent in session.scalars(select(Agent).where(Agent.id.in_(working))) if working else ():
        if not _active(agent, now, today):
            continue
        people[agent.id] = _Person(
            agent.id,
            agent.name,
            frozenset(code for code in map(language_code, agent.languages) if code),
            agent.vendor is None,
            capacities.get(agent.id, DEFAULT_CAPACITY),
        )
    load: dict[int, int] = {
        assignee: count
        for assignee, count in session.execute(
            select(Conversation.assignee_id, func.count())
            .where(
                Conversation.status == ConversationStatus.OPEN,
                Conversation.assignee_id.is_not(None),
            )
            .group_by(Conversation.assignee_id)
        )
        if assignee is not None
    }
    queues = {queue.key: queue for queue in session.scalars(select(RoutingQueue))}
    markets = {market.id: market for market in session.scalars(select(Market))}
    keywords: dict[str, list[str]] = defaultdict(list)
    vip_enabled = False
    for rule in session.scalars(select(RoutingRule).where(RoutingRule.enabled.is_(True))):
        if rule.kind == VIP:
            vip_enabled = True
        elif rule.kind in KEYWORD_KINDS:
            keywords[rule.kind].extend(w.casefold() for w in rule.keywords if w.strip())
    return _Context(now, plan, people, load, queues, markets, dict(keywords), vip_enabled)


def _active(agent: Agent, now: datetime, today: date) -> bool:
    disabled = getattr(agent, "disabled_at", None)
    if disabled is not None and disabled <= now:
        return False
    return agent.expires_on is None or agent.expires_on >= today


def _existing_decisions(session: Session, ids: Sequence[int]) -> dict[int, ConversationRouting]:
    found: dict[int, ConversationRouting] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        for decision in session.scalars(
            select(ConversationRouting).where(ConversationRouting.conversation_id.in_(chunk))
        ):
            found[decision.conversation_id] = decision
    return found


def _vip_customers(session: Session, customer_ids: Iterable[int]) -> set[int]:
    wanted = sorted(customer_ids)
    found: set[int] = set()
    for start in range(0, len(wanted), _CHUNK):
        found.update(
            session.scalars(
                select(VipCustomer.customer_id).where(
                    VipCustomer.customer_id.in_(wanted[start : start + _CHUNK])
                )
            )
        )
    return found


def _new_customer_messages(
    session: Session, ids: Sequence[int], decisions: dict[int, ConversationRouting]
) -> dict[int, list[tuple[int, str]]]:
    """Customer messages not yet checked against the escalation rules, per conversation."""
    result: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        floor = min((decisions[i].scanned_message_id if i in decisions else 0) for i in chunk)
        rows = session.execute(
            select(Message.conversation_id, Message.id, Message.text)
            .where(
                Message.conversation_id.in_(chunk),
                Message.direction == Direction.INBOUND,
                Message.id > floor,
            )
            .order_by(Message.id)
        )
        for conversation_id, message_id, body in rows:
            seen = (
                decisions[conversation_id].scanned_message_id if conversation_id in decisions else 0
            )
            if message_id > seen:
                result[conversation_id].append((message_id, body or ""))
    return result


def _escalation(
    row: Any,
    decisions: dict[int, ConversationRouting],
    vips: set[int],
    new_messages: dict[int, list[tuple[int, str]]],
    context: _Context,
) -> tuple[str | None, str | None]:
    """The escalation rule that holds for the conversation (and the keyword), or none.

    An escalation stays: once escalated, a conversation is not moved back by itself."""
    previous = decisions.get(row.id)
    if previous is not None and previous.escalation:
        return previous.escalation, previous.matched
    if context.vip_enabled and row.customer_id in vips:
        return VIP, None
    for _, body in new_messages.get(row.id, ()):
        folded = body.casefold()
        for kind in KEYWORD_KINDS:
            for word in context.keywords.get(kind, ()):
                if word in folded:
                    return kind, word[:100]
    return None, None


def _decide(
    context: _Context,
    queue: RoutingQueue | None,
    market: Market | None,
    language: str | None,
    *,
    escalated: bool,
) -> tuple[str, int | None, dict[str, Any]]:
    """(outcome, chosen person, the facts of the explanation)."""
    wanted = language_code(language)
    languages = (
        [wanted]
        if wanted
        else [c for c in map(language_code, market.languages if market else []) if c]
    )
    reason: dict[str, Any] = {
        "queue": ESCALATION_QUEUE_KEY if escalated else (market.code if market else None),
        "market": market.code if market else None,
        "language": "/".join(languages) if languages else None,
    }
    if queue is None:
        return WAITING, None, {**reason, "why": NO_MARKET}
    if not queue.auto_assign:
        return WAITING, None, {**reason, "why": BY_HAND}
    serving: list[_Person]
    if escalated:
        serving = list(context.people.values())
    else:
        assert market is not None
        serving = [
            person
            for person in context.people.values()
            if (market.id, person.id) in context.plan.assignments
        ]
    eligible: list[tuple[_Person, str | None]] = []
    for person in serving:
        if escalated and not person.in_house:
            continue
        spoken = next((code for code in languages if code in person.languages), None)
        if languages and spoken is None:
            continue
        eligible.append((person, spoken))
    if not eligible:
        return WAITING, None, {**reason, "why": NOBODY_ON_SHIFT}
    free = [
        (person, spoken)
        for person, spoken in eligible
        if context.load.get(person.id, 0) < person.capacity
    ]
    if not free:
        return WAITING, None, {**reason, "why": AT_CAPACITY}
    person, spoken = min(
        free, key=lambda item: (context.load.get(item[0].id, 0), item[0].name, item[0].id)
    )
    return (
        ASSIGNED,
        person.id,
        {
            **reason,
            "agent": person.name,
            "language": spoken,
            "open": context.load.get(person.id, 0),
            "in_house": escalated,
        },
    )


def _assign(
    session: Session, conversation_id: int, agent_id: int, queue: RoutingQueue | None
) -> bool:
    """Give the conversation to ``agent_id`` if it still has no assignee."""
    values: dict[str, Any] = {"assignee_id": agent_id}
    if queue is not None:
        values["queue_id"] = queue.id
    if hasattr(Conversation, "version"):
        values["version"] = Conversation.version + 1
    result = session.execute(
        update(Conversation)
        .where(Conversation.id == conversation_id, Conversation.assignee_id.is_(None))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0))


# -- reading --------------------------------------------------------------------------------


def explanation(session: Session, conversation_id: int) -> Explanation | None:
    """Why the conversation is where it is, or None when routing has no say in it (never
    routed, or assigned by hand since routing decided)."""
    decision = session.get(ConversationRouting, conversation_id)
    conversation = session.get(Conversation, conversation_id)
    if decision is None or conversation is None:
        return None
    if decision.outcome == ASSIGNED and conversation.assignee_id != decision.agent_id:
        return None
    if decision.outcome == WAITING and (
        conversation.assignee_id is not None or conversation.status is not ConversationStatus.OPEN
    ):
        return None
    reason = decision.reason or {}
    opened = reason.get("open")
    return Explanation(
        outcome=decision.outcome,
        queue=reason.get("queue"),
        escalation=decision.escalation,
        matched=decision.matched,
        agent=reason.get("agent"),
        agent_id=decision.agent_id,
        market=reason.get("market"),
        language=reason.get("language"),
        open_count=opened if isinstance(opened, int) else None,
        in_house=bool(reason.get("in_house")),
        why=reason.get("why"),
        decided_at=decision.decided_at,
    )


def queue_names(session: Session) -> dict[int, str]:
    """Each queue's id with its name: the market's code, or ``"escalation"``."""
    names: dict[int, str] = {}
    for queue_id, key, code in session.execute(
        select(RoutingQueue.id, RoutingQueue.key, Market.code).outerjoin(
            Market, Market.id == RoutingQueue.market_id
        )
    ):
        names[queue_id] = code if code else key
    return names


def next_shift_start(session: Session, now: datetime | None = None) -> datetime | None:
    """When the next shift (weekly or extra) of anyone taking conversations begins after
    ``now`` (within a week), or None: the moment a waiting conversation may find someone."""
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    plan = load_plan(session, "UTC", moment, history_demand=False)
    around = [moment, moment + timedelta(days=8)]
    starts = [
        begin
        for agent in plan.agents
        for begin, _end in _intervals(agent, around)
        if begin > moment
    ]
    return min(starts, default=None)


def _intervals(agent: AgentCoverage, around: Sequence[datetime]) -> list[tuple[datetime, datetime]]:
    return shift_intervals(agent.zone, agent.shifts, agent.exceptions, around)
