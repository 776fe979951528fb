"""``support-console report kpis``: the figures per group, as JSON and as a table."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from console.cli import main
from console.inbox.ingest import ingest
from console.incoming import CustomerInfo, IncomingMessage
from console.store import Store
from console.store.coverage_tables import MarketSupportHours
from console.store.models import ChannelKind, Direction, Market

FRIDAY_1730_BERLIN = datetime(2026, 11, 13, 16, 30, tzinfo=UTC)
NAMES = {
    "inbound",
    "first_response_minutes_p50",
    "first_response_minutes_p90",
    "first_response_business_minutes_p50",
    "first_response_business_minutes_p90",
    "sla_met_pct",
    "backlog",
    "reopened",
}


def _message(at: datetime, direction: Direction) -> IncomingMessage:
    return IncomingMessage(
        channel=ChannelKind.EMAIL,
        address="ada@example.de",
        customer=CustomerInfo(name="Ada", country="DE"),
        sent_at=at,
        text=f"{direction.value} at {at.isoformat()}",
        direction=direction,
        external_id=f"{direction.value}-{at.isoformat()}",
        language="de",
    )


def _store_with_a_weekend_reply(store: Store) -> str:
    with store.session() as session:
        market = Market(code="DE", name="Germany", countries=["DE"], languages=["de"])
        session.add(market)
        session.flush()
        weekdays = ("Mon", "Tue", "Wed", "Thu", "Fri")
        session.add(
            MarketSupportHours(
                market_id=market.id,
                zone="Europe/Berlin",
                periods=[f"{day} 09:00-18:00" for day in weekdays],
            )
        )
    monday = FRIDAY_1730_BERLIN + timedelta(days=2, hours=16)
    ingest(
        store,
        [_message(FRIDAY_1730_BERLIN, Direction.INBOUND), _message(monday, Direction.OUTBOUND)],
    )
    return str(store.engine.url)


def test_json_has_the_named_figures_per_group(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _store_with_a_weekend_reply(store)
    arguments = ["report", "kpis", "--db", url, "--since", "2026-11-01", "--until", "2026-12-01"]
    assert main([*arguments, "--by", "market", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert (document["since"], document["until"], document["by"]) == (
        "2026-11-01",
        "2026-12-01",
        "market",
    )
    (group,) = document["groups"]
    assert set(group) >= NAMES
    assert group["label"] == "DE"
    assert group["inbound"] == 1
    assert group["first_response_business_minutes_p50"] == 60.0
    assert group["first_response_minutes_p90"] == 3840.0
    assert (group["sla_met_pct"], group["backlog"], group["reopened"]) == (100.0, 0, 0)


def test_the_period_excludes_its_end_day(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    url = _store_with_a_weekend_reply(store)
    assert main(["report", "kpis", "--db", url, "--until", "2026-11-13", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["groups"] == []


def test_table_is_readable(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    url = _store_with_a_weekend_reply(store)
    assert main(["report", "kpis", "--db", url, "--by", "language"]) == 0
    heading, row = capsys.readouterr().out.splitlines()
    assert heading.split()[:2] == ["group", "inbound"]
    assert row.split()[:2] == ["de", "1"]
    assert "60.0" in row.split()


@pytest.mark.parametrize(
    "dates",
    [
        ["--since", "30/11/2026"],
        ["--until", "2026-02-30"],
        ["--since", "2026-11-02", "--until", "2026-11-01"],
    ],
)
def test_bad_dates_say_so_on_one_line_and_exit_2(
    store: Store, capsys: pytest.CaptureFixture[str], dates: list[str]
) -> None:
    url = _store_with_a_weekend_reply(store)
    assert main(["report", "kpis", "--db", url, *dates]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    (line,) = captured.err.splitlines()
    assert line.startswith("support-console: --")
