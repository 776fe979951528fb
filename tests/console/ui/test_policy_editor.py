"""The compliance editor and its models, on a copy of the demo store."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QSpinBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.policies import ensure_seed_pack, list_markets, version_history
from console.store import Store
from console.store.models import Agent, AgentRole
from console.ui.compliance_editor import ComplianceEditor
from console.ui.policy_models import PolicyMarketsModel, PolicyVersionsModel
from console.ui.store_executor import StoreExecutor


def _agent(store: Store, role: AgentRole) -> int:
    with store.session() as session:
        agent_id = session.scalars(select(Agent.id).where(Agent.role == role)).first()
        assert agent_id is not None
        return agent_id


def _editor(qtbot: QtBot, executor: StoreExecutor, agent_id: int) -> ComplianceEditor:
    editor = ComplianceEditor(executor, agent_id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(
        lambda: editor.markets.rowCount() > 0 and editor.versions.rowCount() > 0, timeout=10_000
    )
    return editor


def _select(qtbot: QtBot, editor: ComplianceEditor, code: str) -> None:
    editor.markets_view.selectRow(editor.markets.row_of(code))
    qtbot.waitUntil(
        lambda: editor.fields["name"].text() != "" and editor._code == code, timeout=10_000
    )
    qtbot.waitUntil(
        lambda: (
            editor.versions.version(0) is not None
            and editor.versions.version(0).market_code == code
        ),
        timeout=10_000,
    )


def test_models_pass_the_model_tester(qtmodeltester, demo_store: Store) -> None:
    now = datetime(2027, 12, 1, tzinfo=UTC)
    with demo_store.session() as session:
        ensure_seed_pack(session)
        markets = list_markets(session, now)
        history = version_history(session, "DE")
    model = PolicyMarketsModel()
    model.set_markets(markets)
    qtmodeltester.check(model)
    assert model.rowCount() == len(markets) >= 30 and model.columnCount() == 5
    assert model.index(0, 4).data() == "Review due"
    versions = PolicyVersionsModel()
    versions.set_versions(history)
    qtmodeltester.check(versions)
    assert versions.index(0, 1).data() == "Seed pack"
    assert versions.index(0, 0).data() == "v1 (in force)"


def test_an_agent_sees_the_rules_read_only_with_the_reason(
    qtbot: QtBot, executor: StoreExecutor, demo_store: Store
) -> None:
    editor = _editor(qtbot, executor, _agent(demo_store, AgentRole.AGENT))
    assert not editor.access.can_edit
    assert editor.banner.text().startswith("Read-only: ")
    assert "only compliance staff can edit rules" in editor.banner.text()
    assert not editor.save_button.isEnabled()
    assert not editor.restore_button.isEnabled()
    assert not editor.review_button.isEnabled()
    assert editor.fields["notes"].isReadOnly()
    assert not editor.fields["withdrawal.days"].isEnabled()


def test_compliance_edits_are_validated_versioned_and_restorable(
    qtbot: QtBot, executor: StoreExecutor, demo_store: Store
) -> None:
    editor = _editor(qtbot, executor, _agent(demo_store, AgentRole.COMPLIANCE))
    qtbot.waitUntil(lambda: editor.access.can_edit, timeout=10_000)
    assert editor.save_button.isEnabled()
    _select(qtbot, editor, "DE")
    window = editor.fields["store_policy.return_window_days"]
    assert isinstance(window, QSpinBox) and window.value() == -1  # "—": no store policy

    window.setValue(10)
    editor.reason.setText("Shorter returns")
    editor.save_button.click()
    qtbot.waitUntil(lambda: editor.errors.text() != "", timeout=10_000)
    assert "store_policy.return_window_days: 10 days is shorter than the statutory" in (
        editor.errors.text()
    )

    window.setValue(30)
    editor.reason.setText("30-day goodwill returns")
    editor.save_button.click()
    qtbot.waitUntil(lambda: editor.versions.rowCount() == 2, timeout=10_000)
    newest = editor.versions.version(0)
    assert newest is not None and newest.version == 2 and newest.reason == "30-day goodwill returns"
    editor.versions_view.selectRow(0)
    assert editor.diff.toPlainText() == "store_policy.return_window_days: (none) → 30"

    editor.versions_view.selectRow(1)
    editor.restore_reason.setText("back to the statutory floor")
    editor.restore_button.click()
    qtbot.waitUntil(lambda: editor.versions.rowCount() == 3, timeout=10_000)
    qtbot.waitUntil(lambda: window.value() == -1, timeout=10_000)
    assert editor.versions.index(0, 1).data() == "Restore of v1"


def test_future_effective_date_and_review_queue(
    qtbot: QtBot, executor: StoreExecutor, demo_store: Store
) -> None:
    editor = _editor(qtbot, executor, _agent(demo_store, AgentRole.COMPLIANCE))
    qtbot.waitUntil(lambda: editor.access.can_edit, timeout=10_000)
    _select(qtbot, editor, "FR")
    editor.fields["notes"].setPlainText("New rules from next month")
    editor.later.setChecked(True)
    editor.effective.setDateTime(QDateTime.currentDateTime().addDays(30))
    editor.reason.setText("scheduled change")
    editor.save_button.click()
    qtbot.waitUntil(lambda: editor.versions.rowCount() == 2, timeout=10_000)
    assert editor.versions.index(0, 0).data() == "v2 (scheduled)"
    row = editor.markets.row_of("FR")
    qtbot.waitUntil(
        lambda: (
            editor.markets.market(row) is not None
            and editor.markets.market(row).pending_version == 2
        ),
        timeout=10_000,
    )
    assert editor.markets.index(row, 4).data().startswith("v2 from ")

    # a review period of one day puts every market (reviewed 2026-11-20 or earlier) in the queue
    editor.period.setValue(1)
    editor.period_button.click()
    qtbot.waitUntil(lambda: editor.queue.rowCount() > 0, timeout=10_000)
    count = editor.queue.rowCount()
    editor.queue_view.selectRow(0)
    editor.review_button.click()
    qtbot.waitUntil(lambda: editor.queue.rowCount() == count - 1, timeout=10_000)
