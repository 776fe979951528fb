"""What the agent sees for a conversation: the customer's rules and the dates worked out.

:func:`policy_view` gives the customer panel a :class:`PolicyView` (plain
data): the rules of the customer's country (or region, e.g. US-CA), the last
day to withdraw in the customer's local date, days left, the refund deadline,
the deadline to answer a data request received on the message's date, the
request kinds detected in the message and the task the agent may open.
:func:`reply_variables` and :func:`render_reply` put those facts into replies,
formatted in the customer's locale.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.policies.classifier import RequestKind, classify
from console.policies.customer_rules import (
    customer_rules,
    data_request_deadline,
    refund_deadline,
    withdrawal_deadline,
)
from console.policies.deadlines import Deadline, period_end
from console.policies.defaults import effective_return_window
from console.policies.rules import MarketRules, ensure_seed_pack, review_period_days
from console.policies.schema import NOTICE
from console.policies.tasks import DONE, conversation_tasks
from console.store.models import Conversation, Customer, Direction, Message, Translation, utcnow
from timezones import format_local_date


@dataclass(frozen=True)
class TaskOffer:
    kind: RequestKind
    message_id: int | None
    due_at: datetime
    due_text: str  # the due date in the display locale


@dataclass(frozen=True)
class TrackedTask:
    """One tracked task of the conversation, for the panel's task list (plain data)."""

    id: int
    kind: RequestKind
    title: str
    due_at: datetime
    due_text: str  # the due date in the customer's local calendar, in the display locale
    status: str  # "open", "overdue" or "done"
    done_at: datetime | None

    @property
    def is_open(self) -> bool:
        return self.status != "done"


@dataclass(frozen=True)
class PolicyView:
    """The panel's data for one conversation (strings are data, formatted already)."""

    conversation_id: int
    market_code: str
    market_name: str
    notice: str
    version: int
    last_reviewed: str
    review_due: bool
    customer_zone: str
    customer_locale: str
    message_id: int | None
    message_date: str
    # withdrawal
    withdrawal_applies: bool
    withdrawal_days: int | None
    withdrawal_unit: str
    withdrawal_starts: str
    withdrawal_note: str
    delivery_assumed: bool  # no delivery date known: counted from the message's date
    withdrawal_deadline: Deadline | None
    withdrawal_last_day: str
    withdrawal_days_left: int | None
    store_return_days: int | None  # the market's own window, else the store-wide one
    return_shipping_paid_by: str
    refund_deadline: Deadline | None
    refund_last_day: str
    refund_note: str
    guarantee_months: int | None
    guarantee_note: str
    # privacy
    privacy_laws: tuple[str, ...]
    request_types: tuple[str, ...]
    data_request_deadline: Deadline | None
    data_request_last_day: str
    data_request_extended_day: str
    response_note: str
    extension_condition: str
    breach_amount: int | None
    breach_unit: str
    breach_note: str
    transfer_note: str
    languages_required: tuple[str, ...]
    languages_note: str
    notes: str
    sources: tuple[str, ...]
    # the message in view
    detected: tuple[RequestKind, ...]
    offers: tuple[TaskOffer, ...]
    variables: Mapping[str, str]
    # the conversation's tracked tasks, earliest due first
    tasks: tuple[TrackedTask, ...] = ()
    store_return_default: bool = False  # store_return_days is the store-wide default
    # the same facts as ``variables``, written for the agent (the display locale)
    agent_variables: Mapping[str, str] = field(default_factory=dict)


def customer_locale(customer: Customer, rules: MarketRules | None) -> str:
    """The locale of text sent to the customer: their language, their country's conventions.

    A German-writing customer in Switzerland gets ``de_CH`` dates even when the
    record's locale says ``fr_CH``: the reply is written in German.
    """
    language, country = customer.preferred_language, customer.country
    if language and country and _known_locale(f"{language}_{country}"):
        return f"{language}_{country}"
    if customer.locale and (not language or customer.locale.split("_")[0] == language):
        return customer.locale
    if language:
        return language
    if customer.locale:
        return customer.locale
    return str(rules.data.get("locale", "en")) if rules else "en"


def _known_locale(name: str) -> bool:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(name)
    except (UnknownLocaleError, ValueError):
        return False
    return True


def _message(
    session: Session, conversation_id: int, message_id: int | None
) -> tuple[Message | None, list[str]]:
    if message_id is not None:
        message = session.get(Message, message_id)
    else:
        message = session.scalars(
            select(Message)
            .where(
                Message.conversation_id == conversation_id, Message.direction == Direction.INBOUND
            )
            .order_by(Message.sent_at.desc(), Message.id.desc())
            .limit(1)
        ).first()
    if message is None:
        return None, []
    texts = [message.subject or "", message.text]
    texts += list(
        session.scalars(select(Translation.text).where(Translation.message_id == message.id))
    )
    return message, texts


def _date(deadline: Deadline | None, locale: str) -> str:
    if deadline is None:
        return ""
    return format_local_date(deadline.last_day, deadline.zone, locale, format="medium")


def policy_view(
    session: Session,
    conversation_id: int,
    *,
    message_id: int | None = None,
    delivered_at: datetime | None = None,
    now: datetime | None = None,
    display_locale: str = "en",
) -> PolicyView | None:
    """The rules and worked-out dates for a conversation, or None without rules for its country.

    *message_id* is the message in view (default: the latest from the customer);
    *delivered_at* the delivery of the order in view (default: the message's
    date, flagged by ``delivery_assumed``).
    """
    ensure_seed_pack(session)
    now = now or utcnow()
    conversation = session.get(Conversation, conversation_id)
    if conversation is None:
        return None
    customer = session.get(Customer, conversation.customer_id)
    assert customer is not None
    ctx = customer_rules(session, customer, now)
    if ctx is None:
        return None
    rules = ctx.rules
    data = rules.data
    locale = customer_locale(customer, rules)
    message, texts = _message(session, conversation_id, message_id)
    received = message.sent_at if message is not None else now
    # A sender's clock far ahead (year 9999 in an import) cannot start a period.
    received = min(received, now)
    delivered = delivered_at or received
    withdrawal = data.get("withdrawal") or {}
    privacy = data.get("privacy") or {}
    refund = data.get("refund") or {}
    guarantee = data.get("guarantee") or {}
    extension = privacy.get("extension") or {}
    w_deadline = withdrawal_deadline(ctx, delivered)
    r_deadline = refund_deadline(ctx, received)
    d_deadline = data_request_deadline(ctx, received)
    extended = None
    if d_deadline is not None and extension.get("amount"):
        extended = period_end(
            d_deadline.ends_at,
            int(extension["amount"]),
            str(extension.get("unit", "days")),
            ctx.zone,
            country=ctx.country,
            subdivision=ctx.subdivision,
        )
    found = classify(texts)
    offers = []
    for kind in found.kinds:
        due = r_deadline if kind is RequestKind.WITHDRAWAL else d_deadline
        if due is not None:
            offers.append(
                TaskOffer(
                    kind, message.id if message else None, due.ends_at, _date(due, display_locale)
                )
            )
    from datetime import timedelta

    reviewed = str(data.get("last_reviewed", ""))
    try:
        review_due = (
            datetime.fromisoformat(reviewed).date() + timedelta(days=review_period_days(session))
            < now.date()
        )
    except ValueError:
        review_due = True
    return_days, return_default = effective_return_window(data, ctx.default_return_days)
    view_facts = {
        "withdrawal": w_deadline,
        "refund": r_deadline,
        "data_request": d_deadline,
    }
    return PolicyView(
        conversation_id=conversation_id,
        market_code=rules.code,
        market_name=str(data.get("name", rules.code)),
        notice=NOTICE,
        version=rules.version,
        last_reviewed=reviewed,
        review_due=review_due,
        customer_zone=ctx.zone,
        customer_locale=locale,
        message_id=message.id if message else None,
        message_date=format_local_date(received, ctx.zone, display_locale),
        withdrawal_applies=bool(withdrawal.get("applies")),
        withdrawal_days=withdrawal.get("days"),
        withdrawal_unit=str(withdrawal.get("unit", "days")),
        withdrawal_starts=str(withdrawal.get("starts", "delivery")),
        withdrawal_note=str(withdrawal.get("note", "")),
        delivery_assumed=delivered_at is None,
        withdrawal_deadline=w_deadline,
        withdrawal_last_day=_date(w_deadline, display_locale),
        withdrawal_days_left=w_deadline.days_left(now) if w_deadline else None,
        store_return_days=return_days,
        store_return_default=return_default,
        return_shipping_paid_by=str(data.get("return_shipping_paid_by", "")),
        refund_deadline=r_deadline,
        refund_last_day=_date(r_deadline, display_locale),
        refund_note=str(refund.get("note", "")),
        guarantee_months=guarantee.get("months"),
        guarantee_note=str(guarantee.get("note", "")),
        privacy_laws=tuple(privacy.get("laws", ())),
        request_types=tuple(privacy.get("request_types", ())),
        data_request_deadline=d_deadline,
        data_request_last_day=_date(d_deadline, display_locale),
        data_request_extended_day=_date(extended, display_locale),
        response_note=str((privacy.get("response") or {}).get("note", "")),
        extension_condition=str(extension.get("condition", "")),
        breach_amount=(privacy.get("breach") or {}).get("amount"),
        breach_unit=str((privacy.get("breach") or {}).get("unit", "hours")),
        breach_note=str((privacy.get("breach") or {}).get("note", "")),
        transfer_note=str(privacy.get("transfer_note", "")),
        languages_required=tuple(data.get("languages_required", ())),
        languages_note=str(data.get("languages_note", "")),
        notes=str(data.get("notes", "")),
        sources=tuple(data.get("sources", ())),
        detected=found.kinds,
        offers=tuple(offers),
        variables=reply_variables(view_facts, data, locale, now, return_window_days=return_days),
        tasks=tracked_tasks(session, conversation_id, ctx.zone, display_locale, now),
        agent_variables=reply_variables(
            view_facts, data, display_locale, now, return_window_days=return_days
        ),
    )


def tracked_tasks(
    session: Session, conversation_id: int, zone: str, display_locale: str, now: datetime
) -> tuple[TrackedTask, ...]:
    """The conversation's tasks with their due date in the customer's calendar (*zone*)."""
    return tuple(
        TrackedTask(
            id=task.id,
            kind=task.kind,
            title=task.title,
            due_at=task.due_at,
            due_text=format_local_date(task.due_at, zone, display_locale, format="medium"),
            status=DONE if task.status == DONE else ("overdue" if task.overdue else "open"),
            done_at=task.done_at,
        )
        for task in conversation_tasks(session, conversation_id, now)
    )


# -- reply variables ----------------------------------------------------------------------

VARIABLES = (
    "withdrawal_deadline",
    "withdrawal_days",
    "withdrawal_days_left",
    "return_window_days",
    "refund_deadline",
    "data_request_deadline",
    "guarantee_months",
)
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def reply_variables(
    deadlines: Mapping[str, Deadline | None],
    data: Mapping[str, Any],
    locale: str,
    now: datetime,
    *,
    return_window_days: int | None = None,
) -> dict[str, str]:
    """Policy facts for replies, dates written as the customer's locale writes them.

    *return_window_days*: the store return window in force (e.g. the store-wide
    default) when the market's rules set none.
    """
    from babel.numbers import format_decimal

    from timezones.formatting import resolve_locale

    babel_locale = resolve_locale(locale)

    def long_date(deadline: Deadline | None) -> str:
        if deadline is None:
            return ""
        return format_local_date(deadline.last_day, deadline.zone, locale, format="long")

    def number(value: Any) -> str:
        return "" if value is None else str(format_decimal(int(value), locale=babel_locale))

    withdrawal = data.get("withdrawal") or {}
    store = data.get("store_policy") or {}
    window = (
        store.get("return_window_days")
        or return_window_days
        or (withdrawal.get("days") if withdrawal.get("applies") else None)
    )
    w_deadline = deadlines.get("withdrawal")
    return {
        "withdrawal_deadline": long_date(w_deadline),
        "withdrawal_days": number(withdrawal.get("days") if withdrawal.get("applies") else None),
        "withdrawal_days_left": number(max(w_deadline.days_left(now), 0) if w_deadline else None),
        "return_window_days": number(window),
        "refund_deadline": long_date(deadlines.get("refund")),
        "data_request_deadline": long_date(deadlines.get("data_request")),
        "guarantee_months": number((data.get("guarantee") or {}).get("months")),
    }


def render_reply(text: str, variables: Mapping[str, str]) -> str:
    """Replace ``{name}`` placeholders that have a value; others are left as typed."""

    def substitute(match: re.Match[str]) -> str:
        value = variables.get(match.group(1))
        return value if value else match.group(0)

    return _PLACEHOLDER.sub(substitute, text)


def fact_pairs(agent: Mapping[str, str], customer: Mapping[str, str]) -> dict[str, str]:
    """Each fact as the agent reads it -> as the customer reads it, where the two differ."""
    return {
        agent[name]: customer[name]
        for name in VARIABLES
        if agent.get(name) and customer.get(name) and agent[name] != customer[name]
    }


def swap_facts(text: str, pairs: Mapping[str, str]) -> str:
    """*text* with every fact written the agent's way replaced by the customer's way."""
    if not pairs:
        return text
    pattern = re.compile("|".join(re.escape(key) for key in sorted(pairs, key=len, reverse=True)))
    return pattern.sub(lambda match: pairs[match.group(0)], text)
