"""CSV and iCalendar exports of a plan."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from pathlib import Path

from dateutil.rrule import rrulestr

from console.coverage import (
    AgentCoverage,
    CalendarTitles,
    CoveragePlan,
    MarketCoverage,
    ShiftExceptionView,
    ShiftView,
    agent_calendar,
    plan_csv,
    write_calendars,
    write_csv,
)
from console.coverage.export import fold, vtimezone

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
WEEK_START = datetime(2026, 11, 16, tzinfo=UTC)


def _plan() -> CoveragePlan:
    ana = AgentCoverage(
        id=1,
        name="Ana Müller, Sr.",
        role="agent",
        languages=("de", "en"),
        zone="Europe/Berlin",
        shifts=(
            ShiftView(11, 0, "09:00", "17:00", "Europe/Berlin", None, date(2027, 6, 30)),
            ShiftView(12, 4, "22:00", "02:00", "Europe/Berlin"),
        ),
        exceptions=(
            ShiftExceptionView(5, "leave", date(2026, 11, 23), date(2026, 11, 24), note="Urlaub"),
            ShiftExceptionView(
                6, "extra", date(2026, 11, 28), date(2026, 11, 28), "10:00", "12:00"
            ),
        ),
    )
    kai = AgentCoverage(2, "Kai", "agent", ("ja",), "Asia/Tokyo")
    markets = (
        MarketCoverage(10, "DACH", "Germany; Austria", ("de",), "Europe/Berlin", (), "DE"),
        MarketCoverage(11, "JP", "Japan", ("ja",), "Asia/Tokyo", (), "JP"),
        MarketCoverage(12, "IT", "Italy", ("it",), "Europe/Rome", (), "IT"),
    )
    assignments = frozenset({(10, 1), (12, 1), (11, 2)})
    return CoveragePlan("Europe/Berlin", WEEK_START, (ana, kai), markets, assignments)


def _unfold(text: str) -> list[str]:
    assert text.endswith("\r\n")
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def test_csv_has_one_row_per_market_agent_and_shift(tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(plan_csv(_plan()))))
    assert [(r["market_code"], r["agent"], r["weekday"]) for r in rows] == [
        ("DACH", "Ana Müller, Sr.", "Mon"),
        ("DACH", "Ana Müller, Sr.", "Fri"),
        ("JP", "Kai", ""),
        ("IT", "Ana Müller, Sr.", "Mon"),
        ("IT", "Ana Müller, Sr.", "Fri"),
    ]
    assert rows[0]["speaks_market_language"] == "yes"
    assert rows[3]["speaks_market_language"] == "no"
    assert rows[0]["valid_until"] == "2027-06-30" and rows[1]["end"] == "02:00"
    path = write_csv(_plan(), tmp_path / "plan.csv")
    assert path.read_bytes().startswith(b"market_code,market_name,")


def test_calendar_is_valid_rfc5545_with_recurring_shifts() -> None:
    text = agent_calendar(_plan(), _plan().agents[0], now=NOW, titles=CalendarTitles())
    raw_lines = text.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in raw_lines)
    assert "\n" not in text.replace("\r\n", "")
    lines = _unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    stack: list[str] = []
    for line in lines:
        if line.startswith("BEGIN:"):
            stack.append(line[6:])
        elif line.startswith("END:"):
            assert stack.pop() == line[4:]
    assert stack == []
    events = "\r\n".join(lines).split("BEGIN:VEVENT")[1:]
    assert len(events) == 4
    for event in events:
        assert "UID:" in event and "DTSTAMP:20261122T100000Z" in event and "DTSTART" in event
    monday = events[0]
    assert "DTSTART;TZID=Europe/Berlin:20261116T090000" in monday
    assert "SUMMARY:Support shift: DACH\\, IT" in monday
    assert "DESCRIPTION:DACH (Germany\\; Austria)\\, IT (Italy)" in monday
    # The recurrence, expanded independently: leave removes 23 November, DST keeps 09:00.
    rule = "\n".join(
        line for line in monday.split("\r\n") if line.startswith(("DTSTART", "RRULE", "EXDATE"))
    )
    occurrences = list(rrulestr(rule, forceset=True))
    assert occurrences[0].replace(tzinfo=None) == datetime(2026, 11, 16, 9, 0)
    assert datetime(2026, 11, 23, 9, 0) not in [o.replace(tzinfo=None) for o in occurrences]
    assert occurrences[-1].date() == date(2027, 6, 28)
    assert {o.hour for o in occurrences} == {9}
    friday_night = events[1]
    assert "DTEND;TZID=Europe/Berlin:20261121T020000" in friday_night
    assert "SUMMARY:Leave" in events[2] and "DTEND;VALUE=DATE:20261125" in events[2]
    assert "DTSTART;TZID=Europe/Berlin:20261128T100000" in events[3]


def test_vtimezone_carries_the_dst_transitions() -> None:
    lines = vtimezone(
        "Europe/Berlin", datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC)
    )
    text = "\n".join(lines)
    assert "BEGIN:DAYLIGHT\nDTSTART:20260329T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200" in text
    assert "BEGIN:STANDARD\nDTSTART:20261025T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100" in text
    tokyo = vtimezone(
        "Asia/Tokyo", datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC)
    )
    assert [line for line in tokyo if line.startswith("BEGIN:")] == [
        "BEGIN:VTIMEZONE",
        "BEGIN:STANDARD",
    ]


def test_folding_never_splits_a_character() -> None:
    folded = fold("SUMMARY:" + "日本語" * 40)
    parts = folded.split("\r\n")[:-1]
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == "SUMMARY:" + "日本語" * 40


def test_one_calendar_file_per_agent(tmp_path: Path) -> None:
    paths = write_calendars(_plan(), tmp_path / "ics", now=NOW)
    assert [p.name for p in paths] == ["001-ana-müller-sr.ics", "002-kai.ics"]
    kai = paths[1].read_text(encoding="utf-8")
    assert "X-WR-CALNAME:Support shift – Kai" in kai and "BEGIN:VEVENT" not in kai
