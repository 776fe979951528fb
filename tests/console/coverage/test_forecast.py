"""Forecast, handle times, peak events and the requirement on small stores with known
answers, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from console.coverage import load_plan, set_market_hours
from console.coverage.forecast import forecast_week, forecast_weeks, inbound_counts
from console.coverage.handle_times import DEFAULT_SECONDS, Kind, measure_handle_times
from console.coverage.peaks import (
    PeakSpec,
    add_peak_event,
    change_peak_event,
    peak_events,
    remove_peak_event,
)
from console.coverage.requirement import with_requirements
from console.problems import ProblemError
from console.store import Store
from console.store.models import (
    Agent,
    AuditEntry,
    ChannelKind,
    Conversation,
    Customer,
    Direction,
    Market,
    Message,
)

# "Now" is Wednesday 18 November 2026; its week starts Monday 16 November (UTC).
NOW = datetime(2026, 11, 18, 12, 0, tzinfo=UTC)
THIS_MONDAY = datetime(2026, 11, 16, tzinfo=UTC)
NEXT_WEEK = THIS_MONDAY + timedelta(days=7)


@pytest.fixture
def store(any_store: Store) -> Store:
    return any_store


class Builder:
    """Customers, conversations and messages written straight into the store."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.customer = Customer(name="Ana")
        session.add(self.customer)
        session.flush()

    def market(self, code: str, languages: list[str] | None = None) -> int:
        market = Market(code=code, name=code, languages=languages or ["en"])
        self.session.add(market)
        self.session.flush()
        return market.id

    def conversation(self, market_id: int | None, channel: ChannelKind) -> int:
        row = Conversation(customer_id=self.customer.id, market_id=market_id, channel=channel)
        self.session.add(row)
        self.session.flush()
        return row.id

    def message(
        self,
        conversation_id: int,
        at: datetime,
        *,
        channel: ChannelKind = ChannelKind.CHAT,
        agent_id: int | None = None,
    ) -> None:
        self.session.add(
            Message(
                conversation_id=conversation_id,
                direction=Direction.OUTBOUND if agent_id else Direction.INBOUND,
                channel=channel,
                sent_at=at,
                author_agent_id=agent_id,
            )
        )

    def inbound(self, market_id: int | None, at: datetime, channel: ChannelKind) -> None:
        self.message(self.conversation(market_id, channel), at, channel=channel)


def test_a_steady_weekly_pattern_is_forecast_as_it_was(store: Store) -> None:
    with store.session() as session:
        build = Builder(session)
        market = build.market("DACH")
        for week in range(1, 5):  # the four weeks before this one
            monday = THIS_MONDAY - timedelta(weeks=week)
            for minute in (5, 40):
                build.inbound(
                    market, monday + timedelta(hours=10, minutes=minute), ChannelKind.CHAT
                )
            build.inbound(market, monday + timedelta(days=2, hours=15), ChannelKind.EMAIL)
        # This week's (incomplete) messages are not history.
        build.inbound(market, THIS_MONDAY + timedelta(hours=3), ChannelKind.CHAT)
    with store.session() as session:
        forecast = forecast_week(session, "UTC", NEXT_WEEK, now=NOW).market(market)
    assert forecast.chat[10] == pytest.approx(2.0)
    assert forecast.email[2 * 24 + 15] == pytest.approx(1.0)
    assert sum(forecast.chat) == pytest.approx(2.0) and sum(forecast.email) == pytest.approx(1.0)
    assert forecast.chat[3] == 0.0
    assert forecast.total[10] == pytest.approx(2.0)


def test_a_rising_trend_is_extrapolated(store: Store) -> None:
    with store.session() as session:
        build = Builder(session)
        market = build.market("CN", ["zh"])
        # 1, 2, 3, 4 chats on Tuesday 01:30 UTC (09:30 in Shanghai) four weeks running.
        for count, week in zip((1, 2, 3, 4), (4, 3, 2, 1), strict=True):
            tuesday = THIS_MONDAY - timedelta(weeks=week) + timedelta(days=1)
            for n in range(count):
                build.inbound(
                    market, tuesday + timedelta(hours=1, minutes=30 + n), ChannelKind.CHAT
                )
    with store.session() as session:
        this_week, next_week = forecast_weeks(
            session,
            "Asia/Shanghai",
            NOW,
            [THIS_MONDAY + timedelta(days=1), NEXT_WEEK + timedelta(days=1)],
        )
    tuesday_9 = 1 * 24 + 9
    assert this_week.market(market).chat[tuesday_9] == pytest.approx(5.0)
    assert next_week.market(market).chat[tuesday_9] == pytest.approx(6.0)


def test_half_hour_zones_place_messages_in_the_right_hour(store: Store) -> None:
    with store.session() as session:
        build = Builder(session)
        market = build.market("IN", ["hi"])
        # 04:40 UTC is 10:10 in India (UTC+05:30); 04:20 UTC is 09:50.
        for week in (1, 2):
            monday = THIS_MONDAY - timedelta(weeks=week)
            build.inbound(market, monday + timedelta(hours=4, minutes=40), ChannelKind.CHAT)
            build.inbound(market, monday + timedelta(hours=4, minutes=20), ChannelKind.CHAT)
    with store.session() as session:
        forecast = forecast_week(session, "Asia/Kolkata", NEXT_WEEK, now=NOW).market(market)
    assert forecast.chat[9] == pytest.approx(1.0)
    assert forecast.chat[10] == pytest.approx(1.0)


def test_counting_is_one_aggregate_row_per_quarter_hour(store: Store) -> None:
    with store.session() as session:
        build = Builder(session)
        market = build.market("UKI")
        for minute in range(0, 30, 3):  # ten messages in two quarter hours
            build.inbound(
                market,
                THIS_MONDAY - timedelta(days=3) + timedelta(minutes=minute),
                ChannelKind.CHAT,
            )
    with store.session() as session:
        rows = inbound_counts(session, THIS_MONDAY - timedelta(weeks=1), THIS_MONDAY)
    assert sorted(n for *_rest, n in rows) == [5, 5]
    assert {kind for _m, kind, _b, _n in rows} == {Kind.CHAT}


def test_peak_events_multiply_their_days_in_their_market(store: Store) -> None:
    with store.session() as session:
        build = Builder(session)
        cn = build.market("CN", ["zh"])
        de = build.market("DACH", ["de"])
        set_market_hours(session, cn, "Asia/Shanghai", ["Wed 00:00-24:00"], actor="lead")
        for week in range(1, 5):
            # Wednesday 12:00 UTC = 20:00 in Shanghai, for both markets.
            wednesday = THIS_MONDAY - timedelta(weeks=week) + timedelta(days=2, hours=12)
            build.inbound(cn, wednesday, ChannelKind.CHAT)
            build.inbound(de, wednesday, ChannelKind.CHAT)
        event = add_peak_event(
            session, PeakSpec("Double 11", date(2026, 11, 25), date(2026, 11, 25), 3.0, cn),
            actor="Li Wei",
        )  # fmt: skip
    with store.session() as session:
        forecast = forecast_week(session, "UTC", NEXT_WEEK, now=NOW)
    wednesday_12 = 2 * 24 + 12
    assert forecast.market(cn).chat[wednesday_12] == pytest.approx(3.0)
    assert forecast.market(cn).multipliers[wednesday_12] == 3.0
    assert forecast.market(de).chat[wednesday_12] == pytest.approx(1.0)
    # Wednesday 16:00-24:00 UTC is already Thursday in Shanghai: not the event's day there.
    assert forecast.market(cn).multipliers[2 * 24 + 16] == 1.0
    assert forecast.market(cn).multipliers[2 * 24 + 15] == 3.0
    assert [e.name for e in forecast.peaks] == ["Double 11"]
    with store.session() as session:
        change_peak_event(
            session, event, PeakSpec("Double 11", date(2026, 11, 25), date(2026, 11, 25), 2.0),
            actor="Li Wei",
        )  # fmt: skip
    with store.session() as session:
        forecast = forecast_week(session, "UTC", NEXT_WEEK, now=NOW)
    assert forecast.market(de).chat[wednesday_12] == pytest.approx(2.0)  # now every market
    with store.session() as session:
        assert remove_peak_event(session, event, actor="Li Wei")
        assert not remove_peak_event(session, event, actor="Li Wei")
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.entity == "peak_event")
        )
        assert list(actions) == ["add_peak_event", "change_peak_event", "remove_peak_event"]
        assert peak_events(session) == ()


@pytest.mark.parametrize(
    ("spec", "code"),
    [
        (PeakSpec("  ", date(2026, 11, 11), date(2026, 11, 11), 2.0), "coverage.peak_name_missing"),
        (PeakSpec("618", date(2026, 6, 18), date(2026, 6, 1), 2.0), "coverage.peak_days_order"),
        (
            PeakSpec("618", date(2026, 6, 1), date(2026, 6, 18), 0.0),
            "coverage.peak_multiplier_range",
        ),
        (
            PeakSpec("618", date(2026, 6, 1), date(2026, 6, 18), 2.0, 999),
            "coverage.peak_market_not_found",
        ),
    ],
)
def test_nonsense_peak_events_are_refused(store: Store, spec: PeakSpec, code: str) -> None:
    with store.session() as session, pytest.raises(ProblemError) as raised:
        add_peak_event(session, spec, actor="Li Wei")
    assert raised.value.problem.code == code


def test_handle_times_are_measured_from_reply_timestamps(store: Store) -> None:
    with store.session() as session:
        build = Builder(session)
        market = build.market("UKI")
        agent = Agent(name="Ana", languages=["en"])
        session.add(agent)
        session.flush()
        t = THIS_MONDAY - timedelta(days=2)
        first = build.conversation(market, ChannelKind.CHAT)
        second = build.conversation(market, ChannelKind.CHAT)
        build.message(first, t + timedelta(hours=10))
        build.message(first, t + timedelta(hours=10, minutes=4), agent_id=agent.id)  # 240 s
        build.message(second, t + timedelta(hours=9, minutes=50))
        # Busy with the first reply until 10:04: this one took 3 minutes, not 17.
        build.message(second, t + timedelta(hours=10, minutes=7), agent_id=agent.id)  # 180 s
        late = build.conversation(market, ChannelKind.CHAT)
        build.message(late, t + timedelta(hours=11))
        build.message(late, t + timedelta(hours=13), agent_id=agent.id)  # 53 min: not handling
        mail = build.conversation(market, ChannelKind.EMAIL)
        build.message(mail, t + timedelta(hours=14), channel=ChannelKind.EMAIL)
        build.message(
            mail, t + timedelta(hours=14, minutes=20), channel=ChannelKind.EMAIL, agent_id=agent.id
        )
    with store.session() as session:
        measured = measure_handle_times(session)
    assert measured.by_market[(market, Kind.CHAT)] == (pytest.approx(210.0), 2)
    assert measured.by_market[(market, Kind.EMAIL)] == (pytest.approx(1200.0), 1)
    # Two replies are too few to plan with: the default applies.
    assert measured.seconds(market, Kind.CHAT) == DEFAULT_SECONDS[Kind.CHAT]


def test_a_peak_raises_the_requirement(store: Store) -> None:
    with store.session() as session:
        build = Builder(session)
        market = build.market("NA")
        set_market_hours(session, market, "UTC", ["Mon 09:00-18:00"], actor="lead")
        for week in range(1, 5):
            monday = THIS_MONDAY - timedelta(weeks=week)
            for n in range(40):  # 40 chats between 10:00 and 11:00 every Monday
                build.inbound(
                    market, monday + timedelta(hours=10, seconds=80 * n), ChannelKind.CHAT
                )
    with store.session() as session:
        plan = load_plan(session, "UTC", NEXT_WEEK)
        before = with_requirements(session, plan, NOW).plan.markets[0]
        add_peak_event(
            session, PeakSpec("Black Friday", date(2026, 11, 23), date(2026, 11, 23), 4.0),
            actor="lead",
        )  # fmt: skip
        session.flush()
        after = with_requirements(session, plan, NOW).plan.markets[0]
    # 40 chats of 3 minutes an hour, 80 % within 60 s: 4 agents; four times that: 11.
    assert before.required[10] == 4
    assert after.required[10] == 11
    assert before.demand[10] == pytest.approx(40.0) and after.demand[10] == pytest.approx(160.0)
    # Open without expected messages: one agent; closed: none.
    assert before.required[9] == 1 and before.required[8] == 0 and before.required[24 + 10] == 0
