"""KPI figures on small stores with known answers, on SQLite and PostgreSQL."""

from __future__ import annotations

import importlib.util
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, select

from console.inbox.commands import assign, send_reply, set_statuses, undo_reply
from console.inbox.ingest import ingest
from console.incoming import CustomerInfo, IncomingMessage
from console.kpis.queries import Figure, KpiQuery, KpiRow, Slice, conversation_ids_for, kpi_rows
from console.kpis.targets import set_first_response_target
from console.problems import ProblemError
from console.store import Store
from console.store.coverage_tables import MarketSupportHours
from console.store.kpi_tables import ConversationKpi
from console.store.models import Agent, ChannelKind, ConversationStatus, Direction, Market

# Friday 13 November 2026, 17:30 in Berlin (UTC+1).
FRIDAY_1730 = datetime(2026, 11, 13, 16, 30, tzinfo=UTC)
MONDAY_0930 = datetime(2026, 11, 16, 8, 30, tzinfo=UTC)


@pytest.fixture
def store(any_store: Store) -> Store:
    return any_store


def _markets(store: Store) -> tuple[int, int]:
    """DE (Berlin, weekdays 09:00-18:00) and FR (no support hours: around the clock)."""
    with store.session() as session:
        de = Market(code="DE", name="Germany", countries=["DE"], languages=["de"])
        fr = Market(code="FR", name="France", countries=["FR"], languages=["fr"])
        session.add_all([de, fr])
        session.flush()
        session.add(
            MarketSupportHours(
                market_id=de.id,
                zone="Europe/Berlin",
                periods=[f"{day} 09:00-18:00" for day in ("Mon", "Tue", "Wed", "Thu", "Fri")],
            )
        )
        return de.id, fr.id


def _message(
    who: str,
    at: datetime,
    *,
    country: str = "DE",
    direction: Direction = Direction.INBOUND,
    language: str = "de",
    agent_id: int | None = None,
    channel: ChannelKind = ChannelKind.EMAIL,
) -> IncomingMessage:
    return IncomingMessage(
        channel=channel,
        address=f"{who}@example.com",
        customer=CustomerInfo(name=who, country=country),
        sent_at=at,
        text=f"{direction.value} {who} {at.isoformat()}",
        direction=direction,
        external_id=f"{who}-{at.isoformat()}-{direction.value}",
        language=language,
        author_agent_id=agent_id,
    )


def _reply(who: str, at: datetime, **kwargs: object) -> IncomingMessage:
    return _message(who, at, direction=Direction.OUTBOUND, **kwargs)  # type: ignore[arg-type]


def _row(
    store: Store,
    by: Slice = Slice.MARKET,
    since: datetime | None = None,
    until: datetime | None = None,
) -> dict[str, KpiRow]:
    with store.session() as session:
        rows = kpi_rows(session, KpiQuery(since, until, by), now=MONDAY_0930)
    return {row.label: row for row in rows}


def test_friday_evening_answered_monday_morning_is_sixty_business_minutes(store: Store) -> None:
    _markets(store)
    ingest(store, [_message("ada", FRIDAY_1730), _reply("ada", MONDAY_0930)])
    de = _row(store)["DE"]
    assert de.inbound == 1
    assert de.answered == 1
    assert de.first_response_business_minutes_p50 == 60.0
    assert de.first_response_business_minutes_p90 == 60.0
    assert de.first_response_minutes_p50 == 2 * 24 * 60 + 16 * 60  # Fri 17:30 -> Mon 09:30
    assert de.sla_met_pct == 100.0  # the default target is 240 business minutes
    with store.session() as session:
        facts = session.get(ConversationKpi, 1)
        assert facts is not None
        assert (facts.inbound_hour, facts.inbound_weekday) == (17, 4)  # Berlin's clock


def test_percentiles_are_nearest_rank_per_group(store: Store) -> None:
    _markets(store)
    start = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
    messages = []
    for minutes in range(1, 11):  # FR: around the clock, replies after 1..10 minutes
        at = start + timedelta(hours=minutes)
        messages += [
            _message(f"fr{minutes}", at, country="FR", language="fr"),
            _reply(f"fr{minutes}", at + timedelta(minutes=minutes), country="FR", language="fr"),
        ]
    for minutes in (1, 2, 10):
        at = start + timedelta(days=1, minutes=20 * minutes)  # Tuesday, Berlin open
        messages += [
            _message(f"de{minutes}", at),
            _reply(f"de{minutes}", at + timedelta(minutes=minutes)),
        ]
    ingest(store, messages)
    rows = _row(store)
    fr, de = rows["FR"], rows["DE"]
    assert (fr.inbound, fr.answered) == (10, 10)
    assert (fr.first_response_minutes_p50, fr.first_response_minutes_p90) == (5.0, 9.0)
    assert fr.first_response_business_minutes_p90 == 9.0  # no hours: business = calendar
    assert (de.first_response_minutes_p50, de.first_response_minutes_p90) == (2.0, 10.0)
    assert (de.first_response_business_minutes_p50, de.first_response_business_minutes_p90) == (
        2.0,
        10.0,
    )
    assert fr.replies_per_conversation == 1.0


def test_seconds_are_reported_in_tenths_of_a_minute_rounded_half_up(store: Store) -> None:
    """Nearest rank over whole seconds, shown as minutes rounded half up to a tenth."""
    _markets(store)
    start = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
    # FR (around the clock): replies after 2 s, 435 s (7.25 min) three times, 437 s, 3600 s.
    waits = (2, 435, 435, 435, 437, 3600)
    messages = []
    for index, seconds in enumerate(waits):
        at = start + timedelta(hours=index)
        messages += [
            _message(f"fr{index}", at, country="FR", language="fr"),
            _reply(f"fr{index}", at + timedelta(seconds=seconds), country="FR", language="fr"),
        ]
    ingest(store, messages)
    fr = _row(store)["FR"]
    assert fr.answered == 6
    assert fr.first_response_minutes_p50 == 7.3  # rank 3 of 6: 435 s, 7.25 min rounds up
    assert fr.first_response_minutes_p90 == 60.0  # rank 6 of 6
    hours = _row(store, Slice.HOUR)
    assert hours["10:00"].first_response_minutes_p50 == 0.0  # 2 s
    assert hours["14:00"].first_response_minutes_p90 == 7.3  # 437 s is 7.28 min


def test_period_is_half_open_and_slices_group(store: Store) -> None:
    _markets(store)
    monday = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    ingest(
        store,
        [
            _message("a", monday, language="de"),
            _message("b", monday + timedelta(hours=1), language="en", channel=ChannelKind.CHAT),
            _message("c", monday + timedelta(days=1), country="FR", language="fr"),
        ],
    )
    everything = _row(store, Slice.LANGUAGE)
    assert {label: row.inbound for label, row in everything.items()} == {"de": 1, "en": 1, "fr": 1}
    monday_only = _row(store, Slice.MARKET, since=monday, until=monday + timedelta(days=1))
    assert monday_only["DE"].inbound == 2
    assert monday_only["FR"].inbound == 0  # in the backlog only: it waits, but not from Monday
    assert monday_only["FR"].backlog == 1
    channels = _row(store, Slice.CHANNEL)
    assert {label: row.inbound for label, row in channels.items()} == {"chat": 1, "email": 2}
    hours = _row(store, Slice.HOUR)
    assert {label: row.inbound for label, row in hours.items()} == {
        "10:00": 1,  # Berlin's clock
        "11:00": 1,
        "09:00": 1,  # FR has no support hours: UTC
    }
    weekdays = _row(store, Slice.WEEKDAY)
    assert {label: row.inbound for label, row in weekdays.items()} == {"Mon": 2, "Tue": 1}


def test_agent_and_vendor_slices_follow_the_assignee(store: Store) -> None:
    _markets(store)
    with store.session() as session:
        mia = Agent(name="Mia", vendor="Acme BPO")
        tom = Agent(name="Tom")
        session.add_all([mia, tom])
        session.flush()
        mia_id, tom_id = mia.id, tom.id
    at = datetime(2026, 11, 3, 9, 0, tzinfo=UTC)
    result = ingest(store, [_message("a", at), _message("b", at), _message("c", at)])
    first, second, third = sorted(result.conversation_ids)
    with store.session() as session:
        assign(session, [first, second], mia_id, actor="lead")
        assign(session, [third], tom_id, actor="lead")
    agents = _row(store, Slice.AGENT)
    assert (agents["Mia"].inbound, agents["Tom"].inbound) == (2, 1)
    vendors = _row(store, Slice.VENDOR)
    assert (vendors["Acme BPO"].inbound, vendors[""].inbound) == (2, 1)
    with store.session() as session:
        query = KpiQuery(by=Slice.VENDOR)
        assert set(conversation_ids_for(session, query, "Acme BPO", Figure.INBOUND)) == {
            first,
            second,
        }
        assert conversation_ids_for(session, query, None, Figure.BACKLOG) == [third]


def test_reopen_resolution_and_backlog(store: Store) -> None:
    _markets(store)
    asked = datetime(2026, 11, 3, 9, 0, tzinfo=UTC)  # Tuesday 10:00 Berlin
    result = ingest(store, [_message("ada", asked), _reply("ada", asked + timedelta(minutes=30))])
    (conversation_id,) = result.conversation_ids
    with store.session() as session:
        set_statuses(
            session,
            [conversation_id],
            ConversationStatus.RESOLVED,
            actor="lead",
            at=asked + timedelta(hours=2),
        )
    resolved = _row(store)["DE"]
    assert (resolved.resolved, resolved.reopened, resolved.backlog) == (1, 0, 0)
    assert resolved.resolution_minutes_p50 == 120.0
    assert resolved.resolution_business_minutes_p50 == 120.0
    ingest(store, [_message("ada", asked + timedelta(days=1))])  # the customer writes again
    reopened = _row(store)["DE"]
    assert (reopened.reopened, reopened.reopen_rate_pct) == (1, 100.0)
    assert reopened.resolved == 0  # open again: no resolution time counts
    assert reopened.backlog == 1
    # Waiting since Wednesday 4th 09:00 UTC, seen on Monday 16th 08:30 UTC.
    assert reopened.backlog_age_hours_max == 12 * 24 - 0.5
    assert reopened.inbound_messages == 2
    with store.session() as session:
        query = KpiQuery()
        assert conversation_ids_for(session, query, 1, Figure.REOPENED) == [conversation_id]


def test_target_decides_sla_and_can_be_changed(store: Store) -> None:
    de_id, _fr = _markets(store)
    ingest(store, [_message("ada", FRIDAY_1730), _reply("ada", MONDAY_0930)])
    assert _row(store)["DE"].sla_met_pct == 100.0
    with store.session() as session:
        assert set_first_response_target(session, de_id, 45, actor="lead")
        assert not set_first_response_target(session, de_id, 45, actor="lead")
    missed = _row(store)["DE"]
    assert (missed.sla_met, missed.sla_met_pct) == (0, 0.0)
    with store.session() as session:
        assert conversation_ids_for(session, KpiQuery(), de_id, Figure.SLA_MISSED) == [1]
        with pytest.raises(ProblemError):
            set_first_response_target(session, de_id, 0, actor="lead")


def test_agent_reply_and_its_undo_keep_the_first_response(store: Store) -> None:
    _markets(store)
    asked = datetime.now(UTC) - timedelta(hours=1)
    result = ingest(store, [_message("ada", asked)])
    (conversation_id,) = result.conversation_ids
    with store.session() as session:
        message_id = send_reply(session, conversation_id, "Hallo!", agent_id=None, undo_seconds=30)
    with store.session() as session:
        facts = session.get(ConversationKpi, conversation_id)
        assert facts is not None and facts.first_response_at is not None
        assert 59 * 60 <= (facts.first_response_seconds or 0) <= 62 * 60
        assert facts.reply_count == 1
    with store.session() as session:
        undo_reply(session, message_id, actor="agent")
    with store.session() as session:
        facts = session.get(ConversationKpi, conversation_id)
        assert facts is not None
        assert (facts.first_response_at, facts.reply_count) == (None, 0)


def _migration() -> Any:
    path = Path(__file__).parents[3] / "console/store/migrations/versions/0013_kpis.py"
    spec = importlib.util.spec_from_file_location("kpi_migration", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_backfill_gives_the_facts_kept_live(store: Store) -> None:
    """The migration derives from messages and the audit log what ingest, replies and
    resolutions kept (the resolution instant is the audit entry's, a moment later)."""
    _markets(store)
    asked = datetime.now(UTC) - timedelta(days=2)
    ingest(
        store,
        [
            _message("ada", FRIDAY_1730),
            _reply("ada", MONDAY_0930),
            _message("bob", asked, country="FR", language="fr"),
            _reply("bob", asked + timedelta(minutes=7), country="FR", language="fr"),
            _message("cy", asked),
        ],
    )
    with store.session() as session:
        set_statuses(session, [2, 3], ConversationStatus.RESOLVED, actor="lead")
    later = datetime.now(UTC) + timedelta(minutes=1)
    ingest(store, [_message("bob", later, country="FR", language="fr")])  # reopens bob's
    columns = list(ConversationKpi.__table__.columns)
    with store.session() as session:
        live = [row._asdict() for row in session.execute(select(*columns).order_by(columns[0]))]
    migration = _migration()
    with store.engine.begin() as connection:
        connection.execute(delete(ConversationKpi))
        migration._backfill(connection)
    with store.session() as session:
        backfilled = [
            row._asdict() for row in session.execute(select(*columns).order_by(columns[0]))
        ]
    assert len(live) == len(backfilled) == 3
    assert [row["reopen_count"] for row in backfilled] == [0, 1, 0]
    resolved = ("resolved_at", "resolution_seconds", "resolution_business_seconds")
    for kept, derived in zip(live, backfilled, strict=True):
        for name in resolved:
            if kept[name] is None:
                assert derived[name] is None
            elif name == "resolved_at":
                assert abs(derived[name] - kept[name]) < timedelta(seconds=2)
            else:
                assert abs(derived[name] - kept[name]) <= 2
        assert {k: v for k, v in derived.items() if k not in resolved} == {
            k: v for k, v in kept.items() if k not in resolved
        }
