"""The compliance editor and its models, on a copy of the demo store."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QComboBox, QListView, QSpinBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.inbox.queries import list_agents
from console.policies import (
    ensure_seed_pack,
    list_markets,
    market_rules,
    store_return_window,
    version_history,
)
from console.policies.schema import REQUEST_TYPES
from console.store import Store
from console.store.models import Agent, AgentRole
from console.ui.app_state import AppState
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.policies.compliance_editor import ComplianceEditor
from console.ui.policies.policy_models import (
    ChoiceListModel,
    PolicyMarketsModel,
    PolicyVersionsModel,
    ValueRole,
)


def _agent(store: Store, role: AgentRole) -> int:
    with store.session() as session:
        agent_id = session.scalars(select(Agent.id).where(Agent.role == role)).first()
        assert agent_id is not None
        return agent_id


def _seat(store: Store, agent_id: int) -> AppState:
    """The agent works at this seat: the editor is role-gated on them."""
    with store.session() as session:
        (person,) = [agent for agent in list_agents(session) if agent.id == agent_id]
    state = AppState()
    state.set_person(person)
    return state


def _editor(qtbot: QtBot, executor: StoreExecutor, agent_id: int) -> ComplianceEditor:
    editor = ComplianceEditor(executor, state=_seat(executor.store, agent_id))
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
    # The history names the field as the form does.
    assert editor.diff.toPlainText() == "Store return window (days): (none) → 30"

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


def test_choice_list_model_passes_the_model_tester(qtmodeltester) -> None:
    model = ChoiceListModel(REQUEST_TYPES)
    model.set_labels({"access": "Access", "deletion": "Deletion"})
    model.set_checked(["deletion", "access", "unknown"])
    qtmodeltester.check(model)
    assert model.index(0).data() == "Access" and model.index(0).data(ValueRole) == "access"
    assert model.index(0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.checked_values() == ["deletion", "access"]  # the loaded order is kept
    portability = model.index(REQUEST_TYPES.index("portability"))
    assert model.setData(portability, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert model.checked_values() == ["deletion", "access", "portability"]
    model.set_editable(False)
    assert not model.setData(portability, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert not model.flags(portability) & Qt.ItemFlag.ItemIsUserCheckable


def test_choices_show_labels_and_save_raw_values(
    qtbot: QtBot, executor: StoreExecutor, demo_store: Store
) -> None:
    editor = _editor(qtbot, executor, _agent(demo_store, AgentRole.COMPLIANCE))
    qtbot.waitUntil(lambda: editor.access.can_edit, timeout=10_000)
    _select(qtbot, editor, "DE")
    starts = editor.fields["withdrawal.starts"]
    payer = editor.fields["return_shipping_paid_by"]
    unit = editor.fields["privacy.breach.unit"]
    assert isinstance(starts, QComboBox) and isinstance(payer, QComboBox)
    assert isinstance(unit, QComboBox)
    assert (starts.currentText(), starts.currentData()) == ("Delivery of the goods", "delivery")
    assert (payer.currentText(), payer.currentData()) == ("Customer", "consumer")
    assert (unit.currentText(), unit.currentData()) == ("Hours", "hours")
    for combo in (starts, payer, unit):  # no raw value is shown anywhere
        shown = [combo.itemText(i) for i in range(combo.count())]
        assert not {combo.itemData(i) for i in range(combo.count())} & set(shown)
    assert "Not applicable" in [payer.itemText(i) for i in range(payer.count())]
    requests = editor.choice_lists["privacy.request_types"]
    assert isinstance(editor.fields["privacy.request_types"], QListView)
    labels = [requests.index(row).data() for row in range(requests.rowCount())]
    assert "Data portability" in labels and "portability" not in labels
    loaded = requests.checked_values()
    assert "portability" in loaded and editor.form_data()["privacy"]["request_types"] == loaded

    payer.setCurrentIndex(payer.findText("Store"))
    portability = requests.index(REQUEST_TYPES.index("portability"))
    requests.setData(portability, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    editor.reason.setText("store pays return shipping")
    editor.save_button.click()
    qtbot.waitUntil(lambda: editor.versions.rowCount() == 2, timeout=10_000)
    with demo_store.session() as session:
        rules = market_rules(session, "DE")
    assert rules is not None and rules.data["return_shipping_paid_by"] == "merchant"
    assert rules.data["privacy"]["request_types"] == [v for v in loaded if v != "portability"]


def test_choice_labels_follow_the_language(
    qtbot: QtBot, executor: StoreExecutor, demo_store: Store
) -> None:
    editor = _editor(qtbot, executor, _agent(demo_store, AgentRole.AGENT))
    starts = editor.fields["withdrawal.starts"]
    assert isinstance(starts, QComboBox)
    starts.setItemText(0, "stale")
    editor.ui_language_changed()
    assert starts.itemText(0) == "Delivery of the goods" and starts.itemData(0) == "delivery"
    assert editor.choice_label("business_days") == "Working days"
    assert editor.choice_label("something_new") == "something_new"
    # read-only for an agent: the request types cannot be ticked
    requests = editor.choice_lists["privacy.request_types"]
    assert not requests.flags(requests.index(0)) & Qt.ItemFlag.ItemIsUserCheckable


def test_store_wide_return_window_is_rejected_per_market_it_would_undercut(
    qtbot: QtBot, executor: StoreExecutor, demo_store: Store
) -> None:
    editor = _editor(qtbot, executor, _agent(demo_store, AgentRole.COMPLIANCE))
    qtbot.waitUntil(lambda: editor.access.can_edit, timeout=10_000)
    assert editor.default_window.value() == 0 and editor.default_window.text() == "—"
    editor.default_window.setValue(10)
    editor.default_button.click()
    qtbot.waitUntil(lambda: editor.default_errors.text() != "", timeout=10_000)
    lines = editor.default_errors.text().splitlines()
    assert "DE: 10 days would undercut the statutory withdrawal period of 14 days in Germany" in (
        lines
    )
    assert editor.status.text() == "Not saved: the window would undercut the law."
    with demo_store.session() as session:
        assert store_return_window(session) is None

    editor.default_window.setValue(30)
    editor.default_button.click()
    qtbot.waitUntil(lambda: editor.status.text() == "Saved.", timeout=10_000)
    assert editor.default_errors.text() == ""
    with demo_store.session() as session:
        assert store_return_window(session) == 30
    editor.reload()
    qtbot.waitUntil(lambda: editor.default_window.value() == 30, timeout=10_000)


def test_an_agent_cannot_set_the_store_wide_window(
    qtbot: QtBot, executor: StoreExecutor, demo_store: Store
) -> None:
    editor = _editor(qtbot, executor, _agent(demo_store, AgentRole.AGENT))
    assert not editor.default_window.isEnabled() and not editor.default_button.isEnabled()
