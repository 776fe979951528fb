"""The local-time panel, "send at their 09:00" and the inbox's "their time" column."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.customers import CORRECTED
from console.inbox.queries import AgentSummary, InboxSort
from console.store.coverage_tables import CustomerZoneCorrection, ScheduledSend
from console.store.models import AuditEntry, Conversation, Customer
from console.ui.app_state import AppState
from console.ui.conversation.composer import Composer
from console.ui.conversation.conversation_controller import ConversationController
from console.ui.customers.local_time_panel import LocalTimePanel
from console.ui.inbox.inbox_model import LOCAL_TIME, InboxModel, format_their_time
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.settings.ui_language import UiLanguage


@pytest.fixture
def panel(qtbot: QtBot, executor: StoreExecutor) -> Iterator[LocalTimePanel]:
    state = AppState()
    state.set_person(AgentSummary(2, "Zhang Min", ("zh", "en")))  # who is working at this seat
    widget = LocalTimePanel(executor, state=state)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    qtbot.waitUntil(lambda: executor.pending == 0, timeout=10_000)


def _customer(executor: StoreExecutor) -> tuple[int, str, int]:
    with executor.store.session() as session:
        customer = session.scalars(
            select(Customer).where(Customer.time_zone.is_not(None)).order_by(Customer.id)
        ).first()
        assert customer is not None and customer.time_zone
        conversation_id = session.scalars(
            select(Conversation.id).where(Conversation.customer_id == customer.id)
        ).first()
        assert conversation_id is not None
        return customer.id, customer.time_zone, conversation_id


def test_panel_shows_their_clock_and_why(
    qtbot: QtBot, panel: LocalTimePanel, executor: StoreExecutor
) -> None:
    customer_id, zone, _ = _customer(executor)
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        panel.show_customer(customer_id)
    assert panel.zone_label.text() == zone
    assert panel.reason_label.text().startswith(("From the city", "As stored", "From the"))
    assert panel.time_label.text() == format_their_time(zone)
    assert panel.markers.text().startswith(("☀ Day", "☾ Night"))
    assert "UTC" in panel.date_label.text()
    assert panel.business_label.text()
    # The demo store seeds support hours for every market (console/coverage/demo_rota.py).
    market = panel.market_label.text()
    assert re.search(r"\d\d:\d\d–\d\d:\d\d", market) and "(" in market, market
    assert market.endswith(("open now", "closed now")), market
    for label in (panel.time_label, panel.zone_label, panel.reason_label, panel.market_label):
        assert label.property("showsData") is True
    panel.tick()  # the live clock needs no store
    assert panel.time_label.text() == format_their_time(zone)
    panel.show_customer(None)
    assert panel.time_label.text() == "" and not panel.correct_button.isEnabled()


def test_correcting_the_zone_is_stored_and_shown(
    qtbot: QtBot, panel: LocalTimePanel, executor: StoreExecutor
) -> None:
    customer_id, _zone, _ = _customer(executor)
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        panel.show_customer(customer_id)
    with qtbot.waitSignal(panel.zone_corrected, timeout=5000) as corrected:
        panel.correct_zone("Pacific/Auckland")
    assert corrected.args == [customer_id, "Pacific/Auckland"]
    assert panel.zone_label.text() == "Pacific/Auckland"
    assert panel.reason_label.text().startswith("Corrected by Zhang Min on ")
    assert panel.view is not None and panel.view.zone.source == CORRECTED
    with executor.store.session() as session:
        row = session.scalars(select(CustomerZoneCorrection)).one()
        audit = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "correct_time_zone")
        ).one()
    assert (row.customer_id, row.corrected_by) == (customer_id, "Zhang Min")
    assert audit.detail["zone"] == "Pacific/Auckland"


def test_send_at_their_nine_schedules_the_reply(qtbot: QtBot, executor: StoreExecutor) -> None:
    _, _, conversation_id = _customer(executor)
    controller = ConversationController(executor)
    composer = Composer()
    qtbot.addWidget(composer)
    composer.schedule_requested.connect(controller.send_at_their_business_start)
    controller.reply_scheduled.connect(lambda *_: composer.sent())
    controller.conversation_id = conversation_id
    composer.set_available(True)
    assert not composer.schedule_button.isEnabled()
    composer.editor.setPlainText("We will check with the courier.")
    assert composer.schedule_button.text() == "Send at their 09:00"
    with qtbot.waitSignal(controller.reply_scheduled, timeout=5000) as scheduled:
        composer.schedule_button.click()
    sent_for, send_at = scheduled.args
    assert sent_for == conversation_id
    assert isinstance(send_at, datetime) and send_at > datetime.now(UTC)
    assert composer.editor.toPlainText() == ""
    with executor.store.session() as session:
        entry = session.scalars(select(ScheduledSend)).one()
    assert entry.send_at == send_at and entry.state == "scheduled"


def test_inbox_has_their_time_column_sorted_in_the_store(
    qtbot: QtBot, executor: StoreExecutor
) -> None:
    model = InboxModel(executor)
    with qtbot.waitSignal(model.ids_loaded, timeout=5000):
        model.reload()
    assert model.headerData(LOCAL_TIME, Qt.Orientation.Horizontal) == "Their time"
    with qtbot.waitSignal(model.ids_loaded, timeout=5000):
        model.sort(LOCAL_TIME, Qt.SortOrder.AscendingOrder)
    assert model.inbox_filter.sort is InboxSort.LOCAL_TIME
    for row in range(model.rowCount()):
        model.index(row, 1).data()
    qtbot.waitUntil(
        lambda: all(
            model.cached_row(model.conversation_id(r) or -1) for r in range(model.rowCount())
        ),
        timeout=5000,
    )
    now = datetime.now(UTC)
    offsets = []
    for row in range(model.rowCount()):
        cached = model.cached_row(model.conversation_id(row) or -1)
        assert cached is not None
        if cached.time_zone:
            local = now.astimezone(ZoneInfo(cached.time_zone))
            offsets.append(local.utcoffset())
            assert model.index(row, LOCAL_TIME).data() == format_their_time(cached.time_zone)
    assert offsets == sorted(offsets) and len(set(offsets)) > 3
    with qtbot.waitSignal(model.dataChanged, timeout=1000) as changed:
        model.refresh_local_times()
    assert changed.args[0].column() == LOCAL_TIME == changed.args[1].column()


def test_panel_follows_the_ui_language(
    qtbot: QtBot, panel: LocalTimePanel, executor: StoreExecutor, translations: UiLanguage
) -> None:
    customer_id, _, _ = _customer(executor)
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        panel.show_customer(customer_id)
    translations.apply("zh_CN")
    qtbot.wait(20)
    assert panel.time_label.text() and panel.zone_label.text()
    translations.apply("en")
    qtbot.wait(20)
    assert panel.box.title() == "Their local time"
    assert panel.correct_button.text() == "Correct…"
