"""The rules panel for an EU (DE) and a US (California) conversation, with screenshots."""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.inbox.queries import inbox_rows
from console.policies import (
    PolicyView,
    RequestKind,
    TaskOffer,
    complete_task,
    ensure_seed_pack,
    open_task,
    policy_view,
    set_store_return_window,
)
from console.store import Store
from console.store.models import AgentRole, AuditEntry
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.policies.policy_models import PolicyTasksModel
from console.ui.policies.policy_panel import PolicyPanel

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "policies"))
from policy_test_helpers import add_agent, add_conversation

# Pictures to look at; set SUPPORT_CONSOLE_SCREENSHOT_DIR=resources/screenshots to refresh
# the docs' copies (a plain test run never writes into the repository).
SCREENSHOTS = Path(
    os.environ.get(
        "SUPPORT_CONSOLE_SCREENSHOT_DIR",
        Path(tempfile.gettempdir()) / "support-console-screenshots",
    )
)
NOW = datetime(2026, 12, 14, 9, 0, tzinfo=UTC)


def _views(store: Store) -> tuple[PolicyView, PolicyView]:
    de = add_conversation(
        store,
        text="Guten Tag, ich möchte von meinem Widerrufsrecht Gebrauch machen und die "
        "Bestellung #A12345 zurücksenden.",
        sent_at=datetime(2026, 12, 11, 23, 30, tzinfo=UTC),
        country="DE",
        time_zone="Europe/Berlin",
        locale="de_DE",
        language="de",
        address="lena@example.de",
        name="Lena Müller",
    )
    us = add_conversation(
        store,
        text="Hi, under the CCPA please delete my account and all my personal data.",
        sent_at=datetime(2026, 12, 11, 23, 30, tzinfo=UTC),
        country="US",
        region="California",
        time_zone="America/Los_Angeles",
        locale="en_US",
        language="en",
        address="sam@example.com",
        name="Sam Rivera",
    )
    with store.session() as session:
        de_view = policy_view(session, de, now=NOW)
        us_view = policy_view(session, us, now=NOW)
    assert de_view is not None and us_view is not None
    return de_view, us_view


def _shoot(qtbot: QtBot, panel: PolicyPanel, name: str) -> None:
    panel.setContentsMargins(8, 8, 8, 8)
    panel.resize(380, panel.sizeHint().height())
    panel.show()
    qtbot.waitExposed(panel)
    layout = panel.layout()
    height = layout.totalHeightForWidth(380) if layout.hasHeightForWidth() else 0
    panel.resize(380, max(height, panel.sizeHint().height()) + 8)
    image = panel.grab()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert image.save(str(SCREENSHOTS / name))
    assert image.width() >= 300 and image.height() >= 300


def test_panel_for_a_german_customer(qtbot: QtBot, store: Store) -> None:
    de_view, _ = _views(store)
    panel = PolicyPanel()
    qtbot.addWidget(panel)
    panel.show_policy(de_view)
    assert "Germany (DE)" in panel.header.text()
    assert panel.values["withdrawal"].text() == "14 days from delivery"
    # delivered (assumed) 12 Dec in Berlin + 14 = 26 Dec, a holiday, then a Sunday: 28 Dec
    assert panel.values["last_day"].text().startswith("Dec 28, 2026 (14 days left)")
    assert "Delivery date unknown" in panel.values["last_day"].text()
    assert panel.values["refund"].text().startswith("Dec 26, 2026")
    assert "Jan 12, 2027" in panel.values["data_request"].text()
    assert "GDPR" in panel.values["privacy"].text()
    assert panel.values["breach"].text() == "Within 72 hours of becoming aware"
    assert panel.alert.isVisibleTo(panel)
    assert "Return or withdrawal request" in panel.alert_text.text()
    assert [b.objectName() for b in panel.task_buttons] == ["openTask_withdrawal"]
    _shoot(qtbot, panel, "policy-panel-de.png")

    with qtbot.waitSignal(panel.open_task_requested) as signal:
        panel.task_buttons[0].click()
    offer = signal.args[0]
    assert isinstance(offer, TaskOffer) and offer.kind is RequestKind.WITHDRAWAL


def test_panel_for_a_californian_customer(qtbot: QtBot, store: Store) -> None:
    _, us_view = _views(store)
    panel = PolicyPanel()
    qtbot.addWidget(panel)
    panel.show_policy(us_view)
    assert "United States: California (US-CA)" in panel.header.text()
    assert panel.values["withdrawal"].text() == "No statutory right of withdrawal"
    assert panel.values["last_day"].text() == "—"
    # received 11 Dec 15:30 in Los Angeles: 45 days later is 25 Jan 2027, extendable by 45 days
    assert (
        panel.values["data_request"]
        .text()
        .startswith("Jan 25, 2027 for a request received Dec 11, 2026")
    )
    assert "extendable to Mar 11, 2027" in panel.values["data_request"].text()
    assert "Data deletion request" in panel.alert_text.text()
    assert [b.objectName() for b in panel.task_buttons] == ["openTask_data_deletion"]
    _shoot(qtbot, panel, "policy-panel-us-ca.png")


def test_panel_without_rules_says_so(qtbot: QtBot) -> None:
    panel = PolicyPanel()
    qtbot.addWidget(panel)
    panel.show_policy(None)
    panel.show()
    assert panel.empty.isVisibleTo(panel)
    assert not panel.header.isVisibleTo(panel)
    assert not panel.alert.isVisibleTo(panel)


@pytest.mark.parametrize("language", ["en"])
def test_panel_retranslates(qtbot: QtBot, store: Store, language: str) -> None:
    de_view, _ = _views(store)
    panel = PolicyPanel()
    qtbot.addWidget(panel)
    panel.show_policy(de_view)
    before = panel.values["withdrawal"].text()
    panel.ui_language_changed()
    assert panel.values["withdrawal"].text() == before
    assert panel.values["last_day"].property("showsData") is True


def _californian_with_tasks(store: Store) -> tuple[int, int, int]:
    """A Californian conversation with a data-deletion and a data-access task; the ids."""
    _, us_view = _views(store)
    conversation = us_view.conversation_id
    with store.session() as session:
        deletion = open_task(
            session,
            conversation,
            RequestKind.DATA_DELETION,
            message_id=us_view.message_id,
            agent_id=None,
            now=NOW,
        )
        access = open_task(
            session, conversation, RequestKind.DATA_ACCESS, message_id=None, agent_id=None, now=NOW
        )
    return conversation, deletion.id, access.id


def test_tasks_model_passes_the_model_tester(qtmodeltester, store: Store) -> None:
    conversation, deletion, access = _californian_with_tasks(store)
    with store.session() as session:
        complete_task(session, access, agent_id=None, now=NOW)
        view = policy_view(session, conversation, now=datetime(2027, 1, 27, tzinfo=UTC))
    assert view is not None
    model = PolicyTasksModel()
    model.set_tasks(view.tasks)
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.columnCount() == 3
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Due"
    # earliest due first: the deletion request (25 Jan, Los Angeles) is overdue on 27 Jan
    assert [model.index(0, c).data() for c in range(3)] == [
        "Answer data deletion request",
        "Jan 25, 2027",
        "Overdue",
    ]
    assert [model.index(1, c).data() for c in range(3)] == [
        "Answer data access request",
        "Jan 28, 2027",
        "Done",
    ]
    first = model.task(0)
    assert first is not None and first.id == deletion
    model.set_tasks(())
    qtmodeltester.check(model)


def test_panel_lists_tasks_and_mark_done_emits_the_id(qtbot: QtBot, store: Store) -> None:
    conversation, deletion, access = _californian_with_tasks(store)
    with store.session() as session:
        complete_task(session, access, agent_id=None, now=NOW)
        view = policy_view(session, conversation, now=NOW)
    assert view is not None
    panel = PolicyPanel()
    qtbot.addWidget(panel)
    panel.show_policy(view)
    panel.show()
    assert panel.tasks_view.isVisibleTo(panel) and panel.done_button.isVisibleTo(panel)
    assert panel.tasks.rowCount() == 2
    assert panel.tasks.index(0, 2).data() == "Open"
    assert not panel.done_button.isEnabled()  # nothing selected

    panel.tasks_view.selectRow(1)  # the done one
    assert not panel.done_button.isEnabled()
    panel.tasks_view.selectRow(0)
    assert panel.done_button.isEnabled() and panel.done_button.text() == "Mark done"
    with qtbot.waitSignal(panel.complete_task_requested) as signal:
        panel.done_button.click()
    assert signal.args == [deletion]

    # the lead completes it and reloads the view: the row stays selected, now done
    with store.session() as session:
        complete_task(session, deletion, agent_id=None, now=NOW)
        view = policy_view(session, conversation, now=NOW)
    assert view is not None
    panel.show_policy(view)
    selected = panel.selected_task()
    assert selected is not None and selected.id == deletion
    assert panel.tasks.index(0, 2).data() == "Done"
    assert not panel.done_button.isEnabled()


def test_panel_hides_the_task_list_without_tasks(qtbot: QtBot, store: Store) -> None:
    de_view, _ = _views(store)
    panel = PolicyPanel()
    qtbot.addWidget(panel)
    panel.show_policy(de_view)
    panel.show()
    assert de_view.tasks == ()
    assert not panel.tasks_view.isVisibleTo(panel)
    assert not panel.done_button.isVisibleTo(panel)
    panel.show_policy(None)
    assert panel.tasks.rowCount() == 0


def test_panel_names_the_store_wide_return_window(qtbot: QtBot, store: Store) -> None:
    officer = add_agent(store, "Clara", AgentRole.COMPLIANCE)
    with store.session() as session:
        ensure_seed_pack(session)
        set_store_return_window(session, officer, 30)
    de_view, us_view = _views(store)
    panel = PolicyPanel()
    qtbot.addWidget(panel)
    panel.show_policy(de_view)
    assert panel.values["withdrawal"].text() == (
        "14 days from delivery · store-wide policy: 30 days"
    )
    panel.show_policy(us_view)
    assert panel.values["withdrawal"].text() == (
        "No statutory right of withdrawal · store-wide policy: 30 days"
    )


def test_mark_done_through_the_executor_clears_the_overdue_marker(
    qtbot: QtBot, executor: StoreExecutor, demo_store: Store
) -> None:
    """The wiring the main window gets: complete_task on the store thread, then reload."""
    conversation = add_conversation(
        demo_store,
        text="Under the CCPA please delete all my personal data.",
        sent_at=datetime(2026, 6, 1, 12, 0, tzinfo=UTC),  # 45 days passed long ago
        country="US",
        region="California",
        time_zone="America/Los_Angeles",
        locale="en_US",
        language="en",
        address="old.request@example.com",
        name="Old Request",
    )
    with demo_store.session() as session:
        view = policy_view(session, conversation)
        assert view is not None
        task = open_task(
            session,
            conversation,
            RequestKind.DATA_DELETION,
            message_id=view.message_id,
            agent_id=None,
        )
        assert inbox_rows(session, [conversation])[conversation].overdue_task

    panel = PolicyPanel()
    qtbot.addWidget(panel)

    def load() -> None:
        executor.run(panel, lambda s: policy_view(s, conversation), panel.show_policy)

    def complete(task_id: int) -> None:
        executor.run(panel, lambda s: complete_task(s, task_id, agent_id=None), lambda _: load())

    panel.complete_task_requested.connect(complete)
    load()
    qtbot.waitUntil(lambda: panel.tasks.rowCount() == 1, timeout=10_000)
    assert panel.tasks.index(0, 2).data() == "Overdue"
    panel.tasks_view.selectRow(0)
    panel.done_button.click()
    qtbot.waitUntil(lambda: panel.tasks.index(0, 2).data() == "Done", timeout=10_000)
    assert not panel.done_button.isEnabled()
    with demo_store.session() as session:
        assert not inbox_rows(session, [conversation])[conversation].overdue_task
        audited = session.scalars(
            select(AuditEntry.entity_id).where(
                AuditEntry.action == "policy_task_done", AuditEntry.entity_id == conversation
            )
        ).all()
    shown = panel.tasks.task(0)
    assert audited == [conversation] and shown is not None and shown.id == task.id
    qtbot.waitUntil(lambda: executor.pending == 0, timeout=5000)
