"""Retention per market: conversations resolved longer ago than its period lose their texts.

Compliance staff (role ``compliance``, or an admin) set a period per market
("DE: erase conversations resolved more than 24 months ago",
:func:`set_retention_rule`). :func:`retention_preview` lists what would go today;
:func:`apply_retention` erases it, in the same way as a customer's erasure
(console/privacy/subject_erase.py: texts, translations, memory, search entries,
attachments; the rows stay for the KPIs). A customer none of whose conversations
keeps its texts any more loses their identities and name too. Each market's run
leaves a tombstone (``data_subject_requests``, kind ``retention``) and an audit
entry with ids and counts.

It runs daily: the single seat from its window (console/ui/policies/retention_schedule.py,
on the store lane), a headless worker with :func:`run_daily_retention` (or
``apply_retention(session, today)`` then ``purge_residue(engine)``). Running it twice
on one day erases nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console import audit
from console.privacy.subject_erase import (
    ErasureCounts,
    _erase_customer_rows,
    erase_conversation_texts,
    purge_residue,
    secure_delete_on,
)
from console.privacy.subjects import (
    RETENTION_MONTHS_RANGE,
    RETENTION_NOT_ALLOWED,
    RETENTION_UNKNOWN_MARKET,
)
from console.problems import ProblemError, problem
from console.store import Store
from console.store.kpi_tables import ConversationKpi
from console.store.models import (
    Agent,
    AgentRole,
    ChannelIdentity,
    Conversation,
    ConversationStatus,
    Market,
    utcnow,
)
from console.store.privacy_tables import DataSubjectRequest, ErasedConversation, RetentionRule

MIN_MONTHS = 1
MAX_MONTHS = 240
#: Who may change retention rules.
EDITOR_ROLES = frozenset({AgentRole.COMPLIANCE, AgentRole.ADMIN})
#: Who a daily run is recorded for.
RETENTION_ACTOR = "daily retention"


@dataclass(frozen=True)
class RetentionRuleView:
    market_code: str
    market_name: str
    #: None: the market keeps conversations (no rule).
    resolved_months: int | None
    updated_by: str
    updated_at: datetime | None


@dataclass(frozen=True)
class RetentionCandidate:
    conversation_id: int
    market_code: str
    customer_id: int
    resolved_at: datetime


@dataclass(frozen=True)
class RetentionResult:
    #: Conversations erased per market code.
    by_market: dict[str, int]
    request_ids: tuple[int, ...]
    conversation_ids: tuple[int, ...]
    customers_erased: tuple[int, ...]

    @property
    def conversations(self) -> int:
        return len(self.conversation_ids)


def may_edit_retention(session: Session, agent_id: int | None) -> bool:
    agent = session.get(Agent, agent_id) if agent_id is not None else None
    return agent is not None and agent.role in EDITOR_ROLES


def retention_rules(session: Session) -> list[RetentionRuleView]:
    """Every market with its rule (or none), by market code."""
    rules = {rule.market_code: rule for rule in session.scalars(select(RetentionRule))}
    views = []
    for market in session.scalars(select(Market).order_by(Market.code)):
        rule = rules.get(market.code)
        views.append(
            RetentionRuleView(
                market.code,
                market.name,
                rule.resolved_months if rule else None,
                rule.updated_by if rule else "",
                rule.updated_at if rule else None,
            )
        )
    return views


def set_retention_rule(
    session: Session,
    market_code: str,
    months: int | None,
    *,
    agent_id: int | None,
    now: datetime | None = None,
) -> None:
    """Set (``months``) or remove (None) a market's rule; compliance staff and admins only."""
    agent = session.get(Agent, agent_id) if agent_id is not None else None
    if agent is None or agent.role not in EDITOR_ROLES:
        raise ProblemError(problem(RETENTION_NOT_ALLOWED))
    market = session.scalars(select(Market).where(Market.code == market_code)).first()
    if market is None:
        raise ProblemError(problem(RETENTION_UNKNOWN_MARKET, market=market_code))
    if months is not None and not MIN_MONTHS <= months <= MAX_MONTHS:
        raise ProblemError(
            problem(RETENTION_MONTHS_RANGE, low=MIN_MONTHS, high=MAX_MONTHS, value=months)
        )
    rule = session.get(RetentionRule, market_code)
    before = rule.resolved_months if rule else None
    if before == months:
        return
    if months is None:
        assert rule is not None
        session.delete(rule)
    elif rule is None:
        session.add(
            RetentionRule(
                market_code=market_code,
                resolved_months=months,
                updated_by=agent.name,
                updated_at=now or utcnow(),
            )
        )
    else:
        rule.resolved_months = months
        rule.updated_by = agent.name
        rule.updated_at = now or utcnow()
    audit.record(
        session,
        actor=agent.name,
        action="retention_rule_set",
        entity="market",
        entity_id=market.id,
        market=market_code,
        months_before=before,
        months=months,
    )


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (the month's last day if shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for candidate in range(day.day, 27, -1):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    return date(year, month, min(day.day, 28))


def retention_preview(session: Session, today: date) -> list[RetentionCandidate]:
    """The conversations a run on ``today`` would erase, oldest first."""
    resolved_at = func.coalesce(ConversationKpi.resolved_at, Conversation.last_activity_at)
    found: list[RetentionCandidate] = []
    for rule in session.scalars(select(RetentionRule).order_by(RetentionRule.market_code)):
        cutoff = datetime.combine(months_before(today, rule.resolved_months), time(), UTC)
        rows = session.execute(
            select(Conversation.id, Conversation.customer_id, resolved_at)
            .join(Market, Market.id == Conversation.market_id)
            .outerjoin(ConversationKpi, ConversationKpi.conversation_id == Conversation.id)
            .outerjoin(ErasedConversation, ErasedConversation.conversation_id == Conversation.id)
            .where(
                Market.code == rule.market_code,
                Conversation.status == ConversationStatus.RESOLVED,
                ErasedConversation.conversation_id.is_(None),
                resolved_at < cutoff,
            )
            .order_by(resolved_at, Conversation.id)
        )
        for conversation_id, customer_id, when in rows:
            stamp = when if when.tzinfo else when.replace(tzinfo=UTC)
            found.append(RetentionCandidate(conversation_id, rule.market_code, customer_id, stamp))
    return found


def apply_retention(
    session: Session, today: date, *, actor: str = RETENTION_ACTOR
) -> RetentionResult:
    """Erase what :func:`retention_preview` lists; call :func:`purge_residue` after commit."""
    candidates = retention_preview(session, today)
    if not candidates:
        return RetentionResult({}, (), (), ())
    secure_delete_on(session)
    now = utcnow()
    by_market: dict[str, list[RetentionCandidate]] = {}
    for candidate in candidates:
        by_market.setdefault(candidate.market_code, []).append(candidate)
    rules = {
        rule.market_code: rule.resolved_months for rule in session.scalars(select(RetentionRule))
    }
    request_ids: list[int] = []
    for code, items in by_market.items():
        request = DataSubjectRequest(
            kind="retention",
            market_code=code,
            requested_at=now,
            requested_by=actor,
            reason=f"retention rule {code}: resolved more than {rules[code]} months ago",
            counts={},
        )
        session.add(request)
        session.flush()
        counts = erase_conversation_texts(
            session, [item.conversation_id for item in items], request_id=request.id, now=now
        )
        request.counts = counts.as_dict()
        request_ids.append(request.id)
        market_id = session.scalars(select(Market.id).where(Market.code == code)).first()
        audit.record(
            session,
            actor=actor,
            action=audit.RETENTION_RUN,
            entity="market",
            entity_id=market_id,
            request_id=request.id,
            conversations=counts.conversations,
            messages=counts.messages,
        )
    customers = sorted({candidate.customer_id for candidate in candidates})
    erased_customers = _customers_without_texts(session, customers)
    for customer_id in erased_customers:
        addresses = [
            address
            for address in session.scalars(
                select(ChannelIdentity.address).where(ChannelIdentity.customer_id == customer_id)
            )
            if len(address) >= 5
        ]
        _erase_customer_rows(session, customer_id, addresses)
    return RetentionResult(
        {code: len(items) for code, items in by_market.items()},
        tuple(request_ids),
        tuple(candidate.conversation_id for candidate in candidates),
        tuple(erased_customers),
    )


def _customers_without_texts(session: Session, customers: list[int]) -> list[int]:
    """Those of ``customers`` all of whose conversations are erased."""
    if not customers:
        return []
    kept = set(
        session.scalars(
            select(Conversation.customer_id)
            .outerjoin(ErasedConversation, ErasedConversation.conversation_id == Conversation.id)
            .where(
                Conversation.customer_id.in_(customers),
                ErasedConversation.conversation_id.is_(None),
            )
        )
    )
    return [customer for customer in customers if customer not in kept]


def run_daily_retention(store: Store, today: date | None = None) -> RetentionResult:
    """A headless worker's daily run: apply (one transaction), then purge the files."""
    with store.session() as session:
        result = apply_retention(session, today or datetime.now(UTC).date())
    if result.conversations:
        purge_residue(store.engine)
    return result


__all__ = [
    "ErasureCounts",
    "RetentionCandidate",
    "RetentionResult",
    "RetentionRuleView",
    "apply_retention",
    "may_edit_retention",
    "months_before",
    "retention_preview",
    "retention_rules",
    "run_daily_retention",
    "set_retention_rule",
]
