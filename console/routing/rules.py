"""The routing rules leads edit (no Qt): capacity per person, escalation rules (VIP
customers, complaint and chargeback keywords per language) and each queue's mode.

Only leads and administrators change them (:func:`check_editor`). Every change is
audited and checked against the version the editor read: a change made on an older
version (someone else saved meanwhile) is refused with :data:`CHANGED_ELSEWHERE`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from console import audit
from console.problems import ProblemError, define, problem
from console.routing.engine import DEFAULT_CAPACITY, KEYWORD_KINDS, VIP, ensure_queues
from console.store.models import Agent, AgentRole, ChannelIdentity, Customer, Market
from console.store.routing_tables import (
    AgentCapacity,
    RoutingQueue,
    RoutingRule,
    VipCustomer,
)

NOT_ALLOWED = define(
    "routing.not_allowed", "Only team leads and administrators may change routing rules."
)
CHANGED_ELSEWHERE = define(
    "routing.changed_elsewhere",
    "Someone else changed this routing rule meanwhile. It is shown as it is now; "
    "make your change again.",
)
CAPACITY_RANGE = define(
    "routing.capacity_range", "A capacity must be between {low} and {high}; {value} was given."
)
BAD_LANGUAGE = define(
    "routing.bad_language",
    "{language} is not a language code (two or three letters, such as de or zh).",
)
KEYWORD_TOO_LONG = define(
    "routing.keyword_too_long", "A keyword may have at most {limit} characters: {keyword}"
)
UNKNOWN_CUSTOMER = define("routing.unknown_customer", "No customer writes from {address}.")
GONE = define("routing.gone", "This routing rule or person no longer exists.")

EDITOR_ROLES = (AgentRole.LEAD, AgentRole.ADMIN)
TAKING_ROLES = (AgentRole.AGENT, AgentRole.LEAD)
MAX_CAPACITY = 200
MAX_KEYWORD = 100
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


@dataclass(frozen=True)
class QueueView:
    id: int
    key: str
    market_code: str | None  # None: the escalation queue
    market_name: str | None
    escalation: bool
    auto_assign: bool
    version: int
    #: The outsourcing vendor whose people work the queue; None: in-house.
    vendor: str | None = None


@dataclass(frozen=True)
class RuleView:
    id: int
    kind: str  # "vip" | "complaint" | "chargeback"
    language: str
    keywords: tuple[str, ...]
    enabled: bool
    version: int


@dataclass(frozen=True)
class CapacityView:
    agent_id: int
    name: str
    role: str
    vendor: str | None
    capacity: int
    #: The stored row's version; 0: no row yet (the default capacity applies).
    version: int


@dataclass(frozen=True)
class VipView:
    customer_id: int
    name: str
    addresses: tuple[str, ...]


@dataclass(frozen=True)
class RoutingSettings:
    queues: tuple[QueueView, ...]
    rules: tuple[RuleView, ...]
    capacities: tuple[CapacityView, ...]
    vips: tuple[VipView, ...]
    default_capacity: int
    #: The person reading may change them (a lead or administrator).
    can_edit: bool


def may_edit(session: Session, person_id: int | None) -> bool:
    agent = session.get(Agent, person_id) if person_id is not None else None
    return agent is not None and agent.role in EDITOR_ROLES


def check_editor(session: Session, person_id: int | None) -> None:
    if not may_edit(session, person_id):
        raise ProblemError(problem(NOT_ALLOWED))


def load_settings(session: Session, person_id: int | None) -> RoutingSettings:
    ensure_queues(session)
    markets = {m.id: m for m in session.scalars(select(Market))}
    queues = []
    for queue in session.scalars(select(RoutingQueue)):
        market = markets.get(queue.market_id) if queue.market_id is not None else None
        queues.append(
            QueueView(
                queue.id,
                queue.key,
                market.code if market else None,
                market.name if market else None,
                queue.escalation,
                queue.auto_assign,
                queue.version,
                queue.vendor,
            )
        )
    queues.sort(key=lambda q: (not q.escalation, q.market_code or ""))
    rules = tuple(
        RuleView(r.id, r.kind, r.language, tuple(r.keywords), r.enabled, r.version)
        for r in session.scalars(
            select(RoutingRule).order_by(RoutingRule.kind, RoutingRule.language)
        )
    )
    stored = {c.agent_id: c for c in session.scalars(select(AgentCapacity))}
    capacities = tuple(
        CapacityView(
            agent.id,
            agent.name,
            agent.role.value,
            agent.vendor,
            stored[agent.id].capacity if agent.id in stored else DEFAULT_CAPACITY,
            stored[agent.id].version if agent.id in stored else 0,
        )
        for agent in session.scalars(
            select(Agent).where(Agent.role.in_(TAKING_ROLES)).order_by(Agent.name)
        )
    )
    vips = []
    for customer in session.scalars(
        select(Customer)
        .join(VipCustomer, VipCustomer.customer_id == Customer.id)
        .order_by(Customer.name)
    ):
        vips.append(
            VipView(customer.id, customer.name, tuple(i.address for i in customer.identities))
        )
    return RoutingSettings(
        tuple(queues),
        rules,
        capacities,
        tuple(vips),
        DEFAULT_CAPACITY,
        may_edit(session, person_id),
    )


def _stamp() -> datetime:
    return datetime.now(UTC)


def set_capacity(
    session: Session,
    agent_id: int,
    capacity: int,
    *,
    version: int,
    editor_id: int | None,
    actor: str,
) -> int:
    """Set a person's capacity; ``version`` is the one read (0: none was stored). Returns
    the new version."""
    check_editor(session, editor_id)
    if not 0 <= capacity <= MAX_CAPACITY:
        raise ProblemError(problem(CAPACITY_RANGE, low=0, high=MAX_CAPACITY, value=capacity))
    agent = session.get(Agent, agent_id)
    if agent is None:
        raise ProblemError(problem(GONE))
    row = session.get(AgentCapacity, agent_id)
    if row is None:
        if version != 0:
            raise ProblemError(problem(CHANGED_ELSEWHERE))
        session.add(
            AgentCapacity(
                agent_id=agent_id,
                capacity=capacity,
                version=1,
                updated_by=actor,
                updated_at=_stamp(),
            )
        )
        session.flush()  # a second writer's insert fails on the key: told as a conflict
        new_version = 1
    else:
        new_version = bump_version(
            session, AgentCapacity, AgentCapacity.agent_id == agent_id, version,
            capacity=capacity, updated_by=actor,
        )  # fmt: skip
    audit.record(
        session, actor=actor, action="set_capacity", entity="agent", entity_id=agent_id,
        capacity=capacity, agent=agent.name,
    )  # fmt: skip
    return new_version


def set_queue_mode(
    session: Session,
    queue_id: int,
    auto_assign: bool,
    *,
    version: int,
    editor_id: int | None,
    actor: str,
) -> int:
    """Route a queue by itself (True) or leave it to be worked by hand."""
    check_editor(session, editor_id)
    new_version = bump_version(
        session, RoutingQueue, RoutingQueue.id == queue_id, version,
        auto_assign=auto_assign, updated_by=actor,
    )  # fmt: skip
    queue = session.get(RoutingQueue, queue_id)
    audit.record(
        session, actor=actor, action="set_queue_mode", entity="routing_queue", entity_id=queue_id,
        queue=queue.key if queue else None, auto_assign=auto_assign,
    )  # fmt: skip
    return new_version


def parse_keywords(text: str) -> list[str]:
    """Keywords typed as a list: separated by commas, semicolons, 、，；or new lines."""
    words = [w.strip() for w in re.split(r"[,;\n、，；]", text)]
    unique = list(dict.fromkeys(w for w in words if w))
    for word in unique:
        if len(word) > MAX_KEYWORD:
            raise ProblemError(problem(KEYWORD_TOO_LONG, limit=MAX_KEYWORD, keyword=word))
    return unique


def save_rule(
    session: Session,
    kind: str,
    language: str,
    keywords: Sequence[str],
    enabled: bool,
    *,
    version: int,
    editor_id: int | None,
    actor: str,
) -> int:
    """Save an escalation rule: ``kind`` "vip" (language "") or a keyword rule of one
    language (``version`` 0: a new language). Returns the new version."""
    check_editor(session, editor_id)
    code = language.strip().lower()
    if kind == VIP:
        code = ""
    elif kind not in KEYWORD_KINDS:
        raise ValueError(f"unknown routing rule kind {kind!r}")
    elif not _LANGUAGE.match(code):
        raise ProblemError(problem(BAD_LANGUAGE, language=language))
    words = parse_keywords("\n".join(keywords)) if kind != VIP else []
    row = session.scalars(
        select(RoutingRule).where(RoutingRule.kind == kind, RoutingRule.language == code)
    ).first()
    if row is None:
        if version != 0:
            raise ProblemError(problem(GONE))
        session.add(
            RoutingRule(
                kind=kind, language=code, keywords=words, enabled=enabled, version=1,
                updated_by=actor, updated_at=_stamp(),
            )
        )  # fmt: skip
        session.flush()
        new_version = 1
    else:
        new_version = bump_version(
            session, RoutingRule, RoutingRule.id == row.id, version,
            keywords=words, enabled=enabled, updated_by=actor,
        )  # fmt: skip
    audit.record(
        session, actor=actor, action="save_routing_rule", entity="routing_rule",
        entity_id=None if row is None else row.id, kind=kind, language=code,
        keywords=words, enabled=enabled,
    )  # fmt: skip
    return new_version


def add_vip(session: Session, address: str, *, editor_id: int | None, actor: str) -> int:
    """Mark the customer who writes from ``address`` (an e-mail, phone or handle) as a VIP."""
    check_editor(session, editor_id)
    wanted = address.strip()
    customer_id = session.scalars(
        select(ChannelIdentity.customer_id).where(
            func.lower(ChannelIdentity.address) == wanted.lower()
        )
    ).first()
    if not wanted or customer_id is None:
        raise ProblemError(problem(UNKNOWN_CUSTOMER, address=wanted))
    if session.get(VipCustomer, customer_id) is None:
        session.add(VipCustomer(customer_id=customer_id, marked_by=actor, marked_at=_stamp()))
        audit.record(  # the customer's id only: their address is personal data
            session, actor=actor, action="mark_vip", entity="customer", entity_id=customer_id,
        )  # fmt: skip
    return customer_id


def remove_vip(session: Session, customer_id: int, *, editor_id: int | None, actor: str) -> None:
    check_editor(session, editor_id)
    row = session.get(VipCustomer, customer_id)
    if row is not None:
        session.delete(row)
        audit.record(
            session, actor=actor, action="unmark_vip", entity="customer", entity_id=customer_id
        )


def bump_version(
    session: Session, table: type, where: object, version: int, **values: object
) -> int:
    """Update the row if it still has ``version``; the new version, or a conflict
    (:data:`CHANGED_ELSEWHERE`; :data:`GONE` when the row no longer exists)."""
    column = table.version  # type: ignore[attr-defined]
    result = session.execute(
        update(table)
        .where(where, column == version)  # type: ignore[arg-type]
        .values(version=column + 1, updated_at=_stamp(), **values)
        .execution_options(synchronize_session=False)
    )
    if not getattr(result, "rowcount", 0):
        exists = session.scalars(select(func.count()).select_from(table).where(where)).one()  # type: ignore[arg-type]
        raise ProblemError(problem(CHANGED_ELSEWHERE if exists else GONE))
    session.expire_all()
    return version + 1
