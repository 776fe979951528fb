"""Staffing for peaks in the coverage planner, as a lead uses it: a peak event typed into
the "Peak events…" dialog raises the required agents under the grid, and "Suggest
assignment" staffs the requirement."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from acting import acting_as
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.coverage import ShiftSpec, set_agent_shifts, set_market_hours
from console.coverage.staffing import erlang_c_agents
from console.store import Store
from console.store.coverage_tables import MarketAssignment, PeakEvent
from console.store.models import (
    Agent,
    AgentRole,
    ChannelKind,
    Conversation,
    Customer,
    Direction,
    Market,
    Message,
)
from console.ui.app import application
from console.ui.coverage.planner import CoveragePlanner
from console.ui.coverage.staffing_rows import REQUIRED, SCHEDULED, CountRole
from console.ui.lanes.store_executor import StoreExecutor

# Wednesday 18 November 2026; the shown week is Monday 16 to Sunday 22 (UTC).
NOW = datetime(2026, 11, 18, 12, 0, tzinfo=UTC)
THIS_MONDAY = datetime(2026, 11, 16, tzinfo=UTC)
THURSDAY_10 = 3 * 24 + 10
CHATS = 20  # every Thursday 10:00-11:00 for four weeks


@pytest.fixture
def small_executor(qapp: object, store: Store) -> Iterator[StoreExecutor]:
    application()
    with store.session() as session:
        session.add(Agent(name="Lea", role=AgentRole.LEAD, languages=["en"], time_zone="UTC"))
        agents = [Agent(name=f"Agent {n}", languages=["en"], time_zone="UTC") for n in range(5)]
        market = Market(code="NA", name="North America", languages=["en"])
        customer = Customer(name="Ana")
        session.add_all([*agents, market, customer])
        session.flush()
        set_market_hours(session, market.id, "UTC", ["Thu 09:00-18:00"], actor="test")
        for agent in agents:
            set_agent_shifts(session, agent.id, [ShiftSpec("thu", "09:00", "18:00")], actor="test")
        for week in range(1, 5):
            thursday = THIS_MONDAY - timedelta(weeks=week) + timedelta(days=3, hours=10)
            for n in range(CHATS):
                conversation = Conversation(
                    customer_id=customer.id, market_id=market.id, channel=ChannelKind.CHAT
                )
                session.add(conversation)
                session.flush()
                session.add(
                    Message(
                        conversation_id=conversation.id,
                        direction=Direction.INBOUND,
                        channel=ChannelKind.CHAT,
                        sent_at=thursday + timedelta(minutes=2 * n),
                    )
                )
    runner = StoreExecutor(store)
    yield runner
    runner.shutdown()


@pytest.fixture
def planner(qtbot: QtBot, small_executor: StoreExecutor) -> Iterator[CoveragePlanner]:
    widget = CoveragePlanner(
        small_executor, state=acting_as(small_executor.store, "Lea"), clock=lambda: NOW
    )
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    with qtbot.waitSignal(widget.ready, timeout=10_000):
        widget.show_week(NOW)
    yield widget
    qtbot.waitUntil(lambda: small_executor.pending == 0, timeout=10_000)


def _click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def _cell(planner: CoveragePlanner, row: int, slot: int) -> int:
    return int(planner.staffing_model.index(row, slot).data(CountRole))


def _type_over(qtbot: QtBot, widget: QWidget, text: str) -> None:
    _click(qtbot, widget)
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def test_a_typed_peak_event_raises_the_requirement_row(
    qtbot: QtBot, planner: CoveragePlanner, small_executor: StoreExecutor
) -> None:
    assert planner.staffing_strip.isVisible()
    before = erlang_c_agents(CHATS, 180, 60, 0.8)
    assert _cell(planner, REQUIRED, THURSDAY_10) == before
    assert _cell(planner, REQUIRED, THURSDAY_10 + 1) == 1  # open, nothing expected
    assert _cell(planner, REQUIRED, THURSDAY_10 - 24) == 0  # closed on Wednesday
    tip = planner.staffing_model.index(REQUIRED, THURSDAY_10).data(Qt.ItemDataRole.ToolTipRole)
    assert "20.0" in tip

    _click(qtbot, planner.peaks_button)
    dialog = planner.peak_editor
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    qtbot.keyClicks(dialog.name_edit, "Black Friday")
    _type_over(qtbot, dialog.first_edit, "2026-11-19")
    _type_over(qtbot, dialog.last_edit, "2026-11-19")
    _type_over(qtbot, dialog.multiplier_edit, "3")
    with qtbot.waitSignal(planner.ready, timeout=10_000):
        _click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=5000)
    with small_executor.store.session() as session:
        stored = session.scalars(select(PeakEvent)).one()
        assert (stored.name, stored.first_day.isoformat(), stored.multiplier) == (
            "Black Friday", "2026-11-19", 3.0,
        )  # fmt: skip
        assert stored.market_id is None and stored.created_by == "Lea"
    after = erlang_c_agents(3 * CHATS, 180, 60, 0.8)
    assert after > before
    assert _cell(planner, REQUIRED, THURSDAY_10) == after

    # Select the event in the list and press Delete: the requirement goes back.
    table = dialog.table
    _click(qtbot, table.viewport())
    table.selectRow(0)
    with qtbot.waitSignal(planner.ready, timeout=10_000):
        qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert _cell(planner, REQUIRED, THURSDAY_10) == before
    _click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Close))


def test_a_nonsense_peak_says_why_and_stores_nothing(
    qtbot: QtBot, planner: CoveragePlanner, small_executor: StoreExecutor
) -> None:
    dialog = planner.edit_peaks()
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    _type_over(qtbot, dialog.first_edit, "2026-11-20")
    _type_over(qtbot, dialog.last_edit, "2026-11-19")
    qtbot.keyClicks(dialog.name_edit, "618")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(dialog.message.text()), timeout=5000)
    assert "2026-11-19" in dialog.message.text()
    with small_executor.store.session() as session:
        assert session.scalars(select(PeakEvent)).first() is None


def test_suggest_assignment_staffs_the_requirement(
    qtbot: QtBot, planner: CoveragePlanner, small_executor: StoreExecutor
) -> None:
    required = _cell(planner, REQUIRED, THURSDAY_10)
    assert required >= 2 and _cell(planner, SCHEDULED, THURSDAY_10) == 0
    assert planner.staffing_model.totals()[2] == 9  # short in every support hour
    _click(qtbot, planner.suggest_button)
    dialog = planner.suggestion_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    with qtbot.waitSignal(planner.changed, timeout=5000):
        _click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    assert _cell(planner, SCHEDULED, THURSDAY_10) >= required
    assert planner.staffing_model.totals()[2] == 0
    assert "short in 0 h" in planner.staffing_summary.text()
    with small_executor.store.session() as session:
        assigned = session.scalars(select(MarketAssignment.agent_id)).all()
    assert len(assigned) >= required
