"""Read side of the inbox: conversation ids for a filter, rows by id, one thread.

Everything returned is plain frozen data, safe to hand from the store thread
to the UI thread.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    Select,
    case,
    column,
    false,
    func,
    literal_column,
    select,
    table,
    union,
    union_all,
)
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import ColumnElement

from console.customers.zones import zone_names_of_customers
from console.inbox.outgoing import UNDO_WINDOW, Delivery, delivery_problem, delivery_states
from console.policies.tasks import overdue_task_ids_query
from console.problems import Problem
from console.store.coverage_tables import ScheduledSend
from console.store.fts import (
    CONVERSATION_MASK,
    POSTGRESQL_MESSAGE_INDEX,
    POSTGRESQL_TRANSLATION_INDEX,
    build_match_query,
    postgresql_matches,
    postgresql_tsquery,
    split_rowid,
)
from console.store.masking_sql import customers_by_contact
from console.store.models import (
    Agent,
    ChannelIdentity,
    ChannelKind,
    Conversation,
    ConversationStatus,
    Customer,
    Direction,
    Draft,
    Market,
    Message,
    Priority,
    Translation,
    utcnow,
)
from console.store.policy_tables import PolicyTask
from console.store.privacy_tables import ErasedConversation
from console.store.routing_tables import RoutingQueue
from console.store.row_scope import sees_every_row
from console.store.search_scope import search_hits
from console.translations.service import TranslationView
from timezones import main_zone
from timezones.wallclock import is_valid_zone, load_zone


class InboxSort(enum.StrEnum):
    LAST_ACTIVITY = "last_activity"
    CUSTOMER = "customer"
    COUNTRY = "country"
    CHANNEL = "channel"
    LANGUAGE = "language"
    STATUS = "status"
    PRIORITY = "priority"
    ASSIGNEE = "assignee"
    LOCAL_TIME = "local_time"  # the customer's local time now (their UTC offset)


class InboxView(enum.StrEnum):
    """Which part of the work an agent looks at. Snoozed conversations wait in SNOOZED."""

    MINE = "mine"  # assigned to the signed-in agent
    UNASSIGNED = "unassigned"
    ALL = "all"
    SNOOZED = "snoozed"


#: An assignee filter value meaning "nobody" (conversations without an assignee).
NOBODY = 0


@dataclass(frozen=True)
class InboxFilter:
    view: InboxView = InboxView.ALL
    #: The agent for :attr:`InboxView.MINE` (no agent chosen: MINE is empty).
    agent_id: int | None = None
    #: Only this assignee's conversations (:data:`NOBODY`: the unassigned ones).
    assignee_id: int | None = None
    status: ConversationStatus | None = None
    channel: ChannelKind | None = None
    market_id: int | None = None
    language: str | None = None
    #: Only the conversations waiting in or routed through this routing queue.
    queue_id: int | None = None
    search: str = ""
    sort: InboxSort = InboxSort.LAST_ACTIVITY
    descending: bool = True
    #: Only these conversations (the ones behind a dashboard figure); None: no such limit.
    only_ids: tuple[int, ...] | None = None


@dataclass(frozen=True)
class InboxRow:
    id: int
    customer_name: str
    country: str | None
    channel: ChannelKind | None
    language: str | None
    status: ConversationStatus
    priority: Priority
    subject: str | None
    preview: str
    last_activity_at: datetime
    unread: bool
    awaiting_reply: bool
    market_code: str | None
    assignee_name: str | None
    #: The customer's zone (:func:`console.customers.zones.zone_of_customer`), for
    #: "their time now".
    time_zone: str | None = None
    #: An open request task (data request, withdrawal) is past its statutory due date.
    overdue_task: bool = False
    snoozed_until: datetime | None = None
    #: Someone on this seat has an unsent reply draft here.
    has_draft: bool = False
    #: The conversation's version when read: a change made from this row passes it, and
    #: is refused if someone changed the conversation since (console/inbox/collisions.py).
    version: int = 0
    #: Its routing queue, named as :func:`console.routing.queue_names` names it (the
    #: market's code, or ``"escalation"``); None: not routed.
    queue_name: str | None = None
    #: Its queue is the in-house escalation queue (the window words its name).
    in_escalation: bool = False


@dataclass(frozen=True)
class QueueOption:
    """A routing queue to filter the inbox by."""

    id: int
    name: str  # the market's code, or "escalation"
    escalation: bool


@dataclass(frozen=True)
class FilterOptions:
    channels: tuple[ChannelKind, ...]
    markets: tuple[tuple[int, str], ...]  # (id, name)
    languages: tuple[str, ...]
    #: The escalation queue first, then the markets' queues by code.
    queues: tuple[QueueOption, ...] = ()


@dataclass(frozen=True)
class CustomerCard:
    id: int
    name: str
    country: str | None
    region: str | None
    city: str | None
    locale: str | None
    preferred_language: str | None
    time_zone: str | None
    identities: tuple[tuple[ChannelKind, str], ...]
    address: str | None = None  # postal address, as the channel gave it
    #: The ``channel_identities`` id of each of :attr:`identities` (for a reveal).
    identity_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class MessageView:
    id: int
    direction: Direction
    channel: ChannelKind
    sent_at: datetime
    subject: str | None
    text: str
    language: str | None
    language_confidence: float | None
    author_name: str | None
    translation: TranslationView | None
    #: For an outbound message waiting in the outbox: when it will be sent.
    scheduled_for: datetime | None = None
    #: For a reply that went through the outbox: where it is on its way out.
    delivery: Delivery | None = None
    #: The customer's time zone, to show a scheduled time in their clock too.
    their_zone: str | None = None
    #: When the text was erased (a data-subject erasure or a retention run); None: it is here.
    erased_at: datetime | None = None


@dataclass(frozen=True)
class ConversationDetail:
    summary: InboxRow
    customer: CustomerCard
    messages: tuple[MessageView, ...]
    #: Why no configured channel can deliver a reply in this conversation (None: one can).
    delivery_problem: Problem | None = None


_MESSAGE_FTS = table("message_fts", column("rowid"))
_TRANSLATION_FTS = table("message_fts_translations", column("rowid"))

_SORT_COLUMNS: dict[InboxSort, ColumnElement[object]] = {
    InboxSort.LAST_ACTIVITY: Conversation.last_activity_at,  # type: ignore[dict-item]
    InboxSort.CUSTOMER: Customer.name,  # type: ignore[dict-item]
    InboxSort.COUNTRY: Customer.country,  # type: ignore[dict-item]
    InboxSort.CHANNEL: Conversation.channel,  # type: ignore[dict-item]
    InboxSort.LANGUAGE: Conversation.language,  # type: ignore[dict-item]
    InboxSort.STATUS: Conversation.status,  # type: ignore[dict-item]
    InboxSort.PRIORITY: Conversation.priority,  # type: ignore[dict-item]
    InboxSort.ASSIGNEE: Agent.name,  # type: ignore[dict-item]
}


#: The inbox lists at most this many conversations for any filter or search, the first in
#: its order (newest first, normally); past them an agent adds a word or a filter rather
#: than scrolls (console/inbox/pages.py asks for one more, to know there are more).
SEARCH_RESULTS = 5000
#: A search matching more than this many times ``limit`` messages walks the newest
#: conversations instead of sorting its matches (SQLite; below it, sorting them is
#: cheaper). PostgreSQL's hits come from console/store/search_scope.py, a set the
#: planner joins and sorts (a walk saved nothing there, and deciding cost two EXPLAINs).
WALK_FROM_HITS = 4


def conversation_ids(
    session: Session, inbox_filter: InboxFilter, *, limit: int | None = None
) -> list[int]:
    """Ids of the conversations matching ``inbox_filter``, in display order (at most ``limit``).

    On SQLite a search that matches many more messages than ``limit`` walks the
    last-activity index newest first with the matches as a set and stops at ``limit``,
    instead of joining and sorting every match. On PostgreSQL the matches are the
    person's own, read from the postings or the search indexes by
    console/store/search_scope.py, and joined.
    """
    search = inbox_filter.search.strip()
    matching = _matching_conversations(session, search) if search else None
    if search and matching is None:
        return []
    sqlite = session.get_bind().dialect.name == "sqlite"
    walk = (
        sqlite
        and matching is not None
        and limit is not None
        and inbox_filter.sort is InboxSort.LAST_ACTIVITY
        and _more_hits_than(session, search, WALK_FROM_HITS * limit)
    )
    # PostgreSQL cannot tell how many conversations the hits name, and guesses a few: for
    # a person who sees everything they are often tens of thousands, each looked up by
    # key (186 ms for "order"). ``id + 0`` makes it one hashed pass over the inbox index
    # (78 ms; 20 ms for a rare word). A person's own scope keeps the hits few.
    hashed = not sqlite and matching is not None and sees_every_row(session)
    query: Select[Any] = select(Conversation.id)
    if inbox_filter.sort in (InboxSort.CUSTOMER, InboxSort.COUNTRY, InboxSort.LOCAL_TIME):
        query = query.join(Customer, Customer.id == Conversation.customer_id)
    if inbox_filter.sort is InboxSort.ASSIGNEE:
        query = query.outerjoin(Agent, Agent.id == Conversation.assignee_id)
    query = query.where(*_view_conditions(inbox_filter.view, inbox_filter.agent_id, walk=walk))
    if inbox_filter.assignee_id is not None:
        query = query.where(
            Conversation.assignee_id.is_(None)
            if inbox_filter.assignee_id == NOBODY
            else Conversation.assignee_id == inbox_filter.assignee_id
        )
    if inbox_filter.only_ids is not None:
        query = query.where(Conversation.id.in_(inbox_filter.only_ids))
    if inbox_filter.status is not None:
        query = query.where(Conversation.status == inbox_filter.status)
    if inbox_filter.channel is not None:
        query = query.where(Conversation.channel == inbox_filter.channel)
    if inbox_filter.market_id is not None:
        query = query.where(Conversation.market_id == inbox_filter.market_id)
    if inbox_filter.language is not None:
        query = query.where(Conversation.language == inbox_filter.language)
    if inbox_filter.queue_id is not None:
        query = query.where(Conversation.queue_id == inbox_filter.queue_id)
    if matching is not None:
        # ``id + 0``: not a key to look up each match by (a walk, or one hashed pass).
        query = query.where(
            (Conversation.id + 0 if walk or hashed else Conversation.id).in_(matching)
        )
    if inbox_filter.sort is InboxSort.LOCAL_TIME:
        column = _local_offset_order(session)
    else:
        column = _SORT_COLUMNS[inbox_filter.sort]
    order = column.desc() if inbox_filter.descending else column.asc()
    tiebreak = Conversation.id.desc() if inbox_filter.descending else Conversation.id.asc()
    query = query.order_by(order, tiebreak)
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query))


def _more_hits_than(session: Session, text: str, limit: int) -> bool:
    """Whether ``text`` matches more than ``limit`` messages or translations (SQLite; cheap)."""
    match = build_match_query(text)
    if match is None:
        return False
    hits = 0
    for fts_table in (_MESSAGE_FTS, _TRANSLATION_FTS):
        found = _fts_hits(fts_table, match, literal_column("1")).limit(limit + 1).subquery()
        hits += session.scalar(select(func.count()).select_from(found)) or 0
    return hits > limit


def _view_conditions(
    view: InboxView, agent_id: int | None, *, walk: bool = False
) -> list[ColumnElement[bool]]:
    """The conditions of ``view``; with ``walk`` the snooze one uses no index (see above)."""
    if view is InboxView.SNOOZED:
        return [Conversation.snoozed_until.is_not(None)]
    if walk:
        awake = func.coalesce(Conversation.snoozed_until, None).is_(None)
    else:
        awake = Conversation.snoozed_until.is_(None)
    if view is InboxView.MINE:
        mine = Conversation.assignee_id == agent_id if agent_id is not None else false()
        return [awake, mine]
    if view is InboxView.UNASSIGNED:
        return [awake, Conversation.assignee_id.is_(None)]
    return [awake]


#: The view tabs count open work up to this many; past it a tab says "999+". Counting a
#: team's whole open work exactly read every open conversation on every inbox page
#: (150,000 at a million messages: 27 ms alone, seconds under fifty seats' load).
VIEW_COUNT_CAP = 999


def view_counts(session: Session, agent_id: int | None) -> dict[InboxView, int]:
    """How many conversations still need work (not resolved) in each view, counted up to
    one past :data:`VIEW_COUNT_CAP` (a figure above the cap means "more than the cap").

    One query of four bounded counts, each reading at most ``VIEW_COUNT_CAP + 1`` index
    entries (PostgreSQL: ``ix_conversations_open_work``, migration 0025, holds just the
    open work that is awake, by assignee). Below the cap each figure is what counting
    :func:`_view_conditions` of its view, not resolved, would give.
    """
    # A literal, not a parameter: a prepared (generic) plan can still use the partial index.
    open_work = Conversation.status != literal_column(f"'{ConversationStatus.RESOLVED.value}'")

    def bounded(*conditions: ColumnElement[bool]) -> Any:
        found: Select[Any] = select(literal_column("1")).where(*conditions)
        found = found.limit(VIEW_COUNT_CAP + 1)
        return select(func.count()).select_from(found.subquery()).scalar_subquery()

    mine = Conversation.assignee_id == agent_id if agent_id is not None else false()
    awake = Conversation.snoozed_until.is_(None)
    query = select(
        bounded(awake, open_work, mine),
        bounded(awake, open_work, Conversation.assignee_id.is_(None)),
        bounded(awake, open_work),
        bounded(*_view_conditions(InboxView.SNOOZED, agent_id)),
    )
    mine_count, unassigned, everything, asleep = session.execute(query).one()
    return {
        InboxView.MINE: int(mine_count or 0),
        InboxView.UNASSIGNED: int(unassigned or 0),
        InboxView.ALL: int(everything or 0),
        InboxView.SNOOZED: int(asleep or 0),
    }


def _offset_minutes(zone: str, now: datetime) -> int | None:
    if not is_valid_zone(zone):
        return None
    offset = now.astimezone(load_zone(zone)).utcoffset() or timedelta(0)
    return int(offset.total_seconds() // 60)


def _local_offset_order(session: Session, now: datetime | None = None) -> ColumnElement[Any]:
    """Customers' current UTC offsets in minutes (their local time now, as a sort key).

    Each distinct stored zone (and, for customers without one, each country's
    main zone) is resolved once in Python; the store sorts by a CASE over them.
    Unknown clocks sort as NULL.
    """
    moment = now or datetime.now(UTC)
    zones = session.scalars(
        select(Customer.time_zone).where(Customer.time_zone.is_not(None)).distinct()
    )
    by_zone = {
        zone: minutes
        for zone in zones
        if zone and (minutes := _offset_minutes(zone, moment)) is not None
    }
    countries = session.scalars(
        select(Customer.country)
        .where(Customer.time_zone.is_(None), Customer.country.is_not(None))
        .distinct()
    )
    by_country = {}
    for country in countries:
        zone = main_zone(country) if country else None
        minutes = _offset_minutes(zone, moment) if zone else None
        if minutes is not None:
            by_country[country] = minutes
    country_case: ColumnElement[Any] = (
        case(by_country, value=Customer.country, else_=None)
        if by_country
        else literal_column("NULL")
    )
    if not by_zone:
        return country_case
    return case(by_zone, value=Customer.time_zone, else_=country_case)


def _matching_conversations(session: Session, text: str) -> Select[Any] | None:
    """:func:`_text_matches`, and the conversations of the customer whose e-mail address or
    phone number is exactly ``text`` (by a keyed hash in a team store, so a masked person
    finds them too: console/store/masking_sql.py)."""
    found = _text_matches(session, text)
    contact = customers_by_contact(session, text)
    if contact is None:
        return found
    by_contact = select(Conversation.id).where(Conversation.customer_id.in_(contact))
    if found is None:
        return by_contact
    return select(union(found, by_contact).subquery().c[0])


def _text_matches(session: Session, text: str) -> Select[Any] | None:
    """Conversations with a message, or a stored translation of one, matching ``text``.

    None: nothing searchable. Both back ends search the same bounded terms
    (console/store/fts.py), so a pasted page costs what a short query costs.
    On SQLite the index rowid carries the conversation (migration 0010), so
    the match is never joined to ``messages``.
    """
    match = build_match_query(text)
    if match is None:
        return None
    if session.get_bind().dialect.name == "sqlite":
        rowid: ColumnElement[Any] = literal_column(f"rowid & {CONVERSATION_MASK}")
        conversation = rowid.label("conversation_id")
        in_messages = _fts_hits(_MESSAGE_FTS, match, conversation)
        in_translations = _fts_hits(_TRANSLATION_FTS, match, conversation)
        return select(union_all(in_messages, in_translations).subquery().c.conversation_id)
    tsquery = postgresql_tsquery(text)
    assert tsquery is not None  # the same terms as the match above
    # Through the person's scope, not each search table's policy (search_scope.py).
    hits = search_hits(tsquery)
    return select(hits.c.conversation_id)


def _fts_hits(fts_table: Any, match: str, what: ColumnElement[Any]) -> Select[Any]:
    """``what`` for the rows of an FTS5 table matching ``match`` (SQLite)."""
    return (
        select(what).select_from(fts_table).where(literal_column(fts_table.name).op("MATCH")(match))
    )


@dataclass(frozen=True)
class SearchPlace:
    """Where a search matched in a conversation: a message, or its stored translation."""

    message_id: int
    #: None: the message as the customer wrote it; else the translation's language.
    translation_language: str | None = None
    #: The matching text (the message, or the translation).
    text: str = ""
    #: The language the message was written in (stored or detected), if known.
    written_language: str | None = dataclasses.field(default=None, compare=False)

    @property
    def in_translation(self) -> bool:
        return self.translation_language is not None


def search_places(
    session: Session, text: str, conversation_ids: Sequence[int]
) -> dict[int, tuple[SearchPlace, ...]]:
    """For each given conversation, where ``text`` matched (messages in thread order).

    A message that matched both as written and in a translation appears once
    per place. Conversations without a match are absent.
    """
    match = build_match_query(text)
    if match is None or not conversation_ids:
        return {}
    message_hits: dict[int, set[int]] = {}
    translation_hits: dict[int, set[int]] = {}
    if session.get_bind().dialect.name == "sqlite":
        wanted = set(conversation_ids)
        rowid: ColumnElement[Any] = literal_column("rowid")
        for fts_table, hits in (
            (_MESSAGE_FTS, message_hits),
            (_TRANSLATION_FTS, translation_hits),
        ):
            for found_rowid in session.scalars(_fts_hits(fts_table, match, rowid)):
                conversation_id, row_id = split_rowid(found_rowid)
                if conversation_id in wanted:
                    hits.setdefault(conversation_id, set()).add(row_id)
        wanted_messages = [i for ids in message_hits.values() for i in ids]
        wanted_translations = [i for ids in translation_hits.values() for i in ids]
        message_condition: ColumnElement[bool] = Message.id.in_(wanted_messages)
        translation_condition: ColumnElement[bool] = Translation.id.in_(wanted_translations)
    else:
        tsquery = postgresql_tsquery(text)
        assert tsquery is not None  # the same terms as the match above
        wanted_ids = list(conversation_ids)
        message_condition = Message.id.in_(
            select(POSTGRESQL_MESSAGE_INDEX.c.message_id).where(
                POSTGRESQL_MESSAGE_INDEX.c.conversation_id.in_(wanted_ids),
                postgresql_matches(POSTGRESQL_MESSAGE_INDEX, tsquery),
            )
        )
        translation_condition = Translation.id.in_(
            select(POSTGRESQL_TRANSLATION_INDEX.c.translation_id).where(
                POSTGRESQL_TRANSLATION_INDEX.c.conversation_id.in_(wanted_ids),
                postgresql_matches(POSTGRESQL_TRANSLATION_INDEX, tsquery),
            )
        )
    places: list[tuple[int, datetime, int, int, SearchPlace]] = []
    for conversation_id, message_id, sent_at, body, written in session.execute(
        select(
            Message.conversation_id, Message.id, Message.sent_at, Message.text, Message.language
        ).where(message_condition)
    ):
        place = SearchPlace(message_id, None, body, written_language=written)
        places.append((conversation_id, sent_at, message_id, 0, place))
    for conversation_id, message_id, sent_at, language, body in session.execute(
        select(
            Message.conversation_id,
            Message.id,
            Message.sent_at,
            Translation.target_language,
            Translation.text,
        )
        .join(Translation, Translation.message_id == Message.id)
        .where(translation_condition)
    ):
        place = SearchPlace(message_id, language, body)
        places.append((conversation_id, sent_at, message_id, 1, place))
    found: dict[int, list[SearchPlace]] = {}
    for conversation_id, *_, place in sorted(
        places, key=lambda p: (p[0], p[1], p[2], p[3], p[4].translation_language or "")
    ):
        found.setdefault(conversation_id, []).append(place)
    return {key: tuple(value) for key, value in found.items()}


def inbox_rows(session: Session, ids: Sequence[int]) -> dict[int, InboxRow]:
    """Rows for the given conversation ids (missing ids are simply absent)."""
    if not ids:
        return {}
    assignee = aliased(Agent)
    queue_market = aliased(Market)
    query = (
        select(
            Conversation,
            Customer,
            Market.code,
            assignee.name,
            func.coalesce(queue_market.code, RoutingQueue.key),
            RoutingQueue.escalation,
        )
        .join(Customer, Customer.id == Conversation.customer_id)
        .outerjoin(Market, Market.id == Conversation.market_id)
        .outerjoin(assignee, assignee.id == Conversation.assignee_id)
        .outerjoin(RoutingQueue, RoutingQueue.id == Conversation.queue_id)
        .outerjoin(queue_market, queue_market.id == RoutingQueue.market_id)
        .where(Conversation.id.in_(list(ids)))
    )
    overdue = set(
        session.scalars(
            overdue_task_ids_query(utcnow()).where(PolicyTask.conversation_id.in_(list(ids)))
        )
    )
    drafted = set(
        session.scalars(
            select(Draft.conversation_id).where(Draft.conversation_id.in_(list(ids))).distinct()
        )
    )
    found = session.execute(query).all()
    # The page's customers' zones in one batch (zone_of_customer's resolution, not per row).
    zones = zone_names_of_customers(session, [customer for _, customer, *_ in found])
    return {
        conversation.id: dataclasses.replace(
            _row(
                conversation,
                customer.name,
                customer.country,
                market_code,
                assignee_name,
                zones[customer.id],
            ),
            overdue_task=conversation.id in overdue,
            has_draft=conversation.id in drafted,
            queue_name=queue_name,
            in_escalation=bool(escalation),
        )
        for conversation, customer, market_code, assignee_name, queue_name, escalation in found
    }


def _row(
    conversation: Conversation,
    customer_name: str,
    country: str | None,
    market_code: str | None,
    assignee_name: str | None,
    time_zone: str | None = None,
) -> InboxRow:
    return InboxRow(
        id=conversation.id,
        customer_name=customer_name,
        country=country,
        channel=conversation.channel,
        language=conversation.language,
        status=conversation.status,
        priority=Priority(conversation.priority),
        subject=conversation.subject,
        preview=conversation.preview,
        last_activity_at=conversation.last_activity_at,
        unread=conversation.unread_count > 0,
        awaiting_reply=conversation.awaiting_reply,
        market_code=market_code,
        assignee_name=assignee_name,
        time_zone=time_zone,
        snoozed_until=conversation.snoozed_until,
        version=conversation.version,
    )


def filter_options(session: Session) -> FilterOptions:
    channels = session.scalars(
        select(Conversation.channel).where(Conversation.channel.is_not(None)).distinct()
    )
    languages = session.scalars(
        select(Conversation.language).where(Conversation.language.is_not(None)).distinct()
    )
    markets = session.execute(select(Market.id, Market.name).order_by(Market.name))
    queues = session.execute(
        select(
            RoutingQueue.id, func.coalesce(Market.code, RoutingQueue.key), RoutingQueue.escalation
        ).outerjoin(Market, Market.id == RoutingQueue.market_id)
    )
    return FilterOptions(
        channels=tuple(sorted(ChannelKind(c) for c in channels if c is not None)),
        markets=tuple((market_id, name) for market_id, name in markets),
        languages=tuple(sorted(lang for lang in languages if lang)),
        queues=tuple(
            sorted(
                (
                    QueueOption(queue_id, name, bool(escalation))
                    for queue_id, name, escalation in queues
                ),
                key=lambda queue: (not queue.escalation, queue.name),
            )
        ),
    )


def conversation_detail(
    session: Session, conversation_id: int, *, translation_language: str | None = None
) -> ConversationDetail | None:
    """The whole thread, oldest first, with translations into ``translation_language``."""
    summary = inbox_rows(session, [conversation_id]).get(conversation_id)
    if summary is None:
        return None
    conversation = session.get(Conversation, conversation_id)
    assert conversation is not None
    customer = session.get(Customer, conversation.customer_id)
    assert customer is not None
    identities = session.execute(
        select(ChannelIdentity.id, ChannelIdentity.kind, ChannelIdentity.address)
        .where(ChannelIdentity.customer_id == customer.id)
        .order_by(ChannelIdentity.id)
    ).all()
    card = CustomerCard(
        id=customer.id,
        name=customer.name,
        country=customer.country,
        region=customer.region,
        city=customer.city,
        locale=customer.locale,
        preferred_language=customer.preferred_language,
        time_zone=customer.time_zone,
        identities=tuple((ChannelKind(kind), address) for _, kind, address in identities),
        address=customer.address,
        identity_ids=tuple(int(identity_id) for identity_id, _, _ in identities),
    )
    zone = summary.time_zone  # zone_of_customer's, resolved with the row
    erased = session.get(ErasedConversation, conversation_id)
    messages = _messages(session, conversation_id, translation_language, zone)
    if erased is not None:  # each message whose text went says when
        messages = [
            dataclasses.replace(message, erased_at=erased.erased_at)
            if not message.text
            else message
            for message in messages
        ]
    return ConversationDetail(
        summary=summary,
        customer=card,
        messages=tuple(messages),
        delivery_problem=delivery_problem(session, conversation.channel),
    )


def _messages(
    session: Session,
    conversation_id: int,
    translation_language: str | None,
    their_zone: str | None = None,
) -> list[MessageView]:
    rows = session.execute(
        select(Message, Agent.name)
        .outerjoin(Agent, Agent.id == Message.author_agent_id)
        .where(Message.conversation_id == conversation_id)
        .order_by(Message.sent_at, Message.id)
    ).all()
    translations: dict[int, TranslationView] = {}
    if translation_language and rows:
        for translation in session.scalars(
            select(Translation)
            .where(
                Translation.message_id.in_([message.id for message, _ in rows]),
                Translation.target_language == translation_language,
            )
            .order_by(Translation.created_at)
        ):
            translations[translation.message_id] = TranslationView(
                translation.target_language, translation.engine, translation.text
            )
    scheduled: dict[int, datetime] = {}
    outbound = [message.id for message, _ in rows if message.direction is Direction.OUTBOUND]
    if outbound:
        pending = session.execute(
            select(ScheduledSend.message_id, ScheduledSend.send_at).where(
                ScheduledSend.message_id.in_(outbound),
                ScheduledSend.state == "scheduled",
                ScheduledSend.reason != UNDO_WINDOW,  # a short hold, not a schedule
            )
        )
        scheduled = {message_id: send_at for message_id, send_at in pending}
    deliveries = delivery_states(session, outbound)
    return [
        MessageView(
            id=message.id,
            direction=message.direction,
            channel=message.channel,
            sent_at=message.sent_at,
            subject=message.subject,
            text=message.text,
            language=message.language,
            language_confidence=message.language_confidence,
            author_name=author,
            translation=translations.get(message.id),
            scheduled_for=scheduled.get(message.id),
            delivery=deliveries.get(message.id),
            their_zone=their_zone if message.id in deliveries else None,
        )
        for message, author in rows
    ]


@dataclass(frozen=True)
class AgentSummary:
    id: int
    name: str
    languages: tuple[str, ...]
    #: Reads customer data masked (console/privacy/masking.py).
    masked: bool = False
    #: Their role (``AgentRole`` value): whether they may reveal a masked value.
    role: str = "agent"


def list_agents(session: Session) -> list[AgentSummary]:
    return [
        AgentSummary(
            agent.id, agent.name, tuple(agent.languages), bool(agent.masked), str(agent.role.value)
        )
        for agent in session.scalars(select(Agent).order_by(Agent.name))
    ]
