"""The identity panel: merge suggestions of the current customer, merge, dismiss, undo."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from factories import MessageFactory
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QInputDialog, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from console.identity import identity_overview, merge_customers, open_suggestions
from console.inbox.ingest import ingest
from console.inbox.queries import AgentSummary
from console.store import Store
from console.store.models import (
    AuditEntry,
    ChannelIdentity,
    ChannelKind,
    Conversation,
    Customer,
)
from console.ui.app import application
from console.ui.app_state import AppState
from console.ui.customers.identity_panel import (
    IdentityListModel,
    IdentityPanel,
    MergeSuggestionModel,
)
from console.ui.lanes.store_executor import StoreExecutor


@pytest.fixture
def store_executor(qapp: object, store: Store) -> Iterator[StoreExecutor]:
    application()
    runner = StoreExecutor(store)
    yield runner
    runner.shutdown()


def _customers_sharing_an_order(store: Store, message: MessageFactory) -> tuple[int, int]:
    ana = replace(message("where?", address="ana@example.com"), order_number="A-1")
    bruno = replace(
        message("gift?", channel=ChannelKind.CHAT, address="v9", name="Bruno"), order_number="A-1"
    )
    ingest(store, [ana, bruno])
    with store.session() as session:
        ids = {name: cid for name, cid in session.execute(select(Customer.name, Customer.id))}
    return ids["Ana Souza"], ids["Bruno"]


def _panel(qtbot: QtBot, executor: StoreExecutor) -> tuple[QWidget, IdentityPanel]:
    host = QWidget()
    qtbot.addWidget(host)
    state = AppState(host)
    state.set_person(AgentSummary(1, "agent:li", ("zh",)))  # who is working at this seat
    panel = IdentityPanel(executor, state=state, parent=host)
    QVBoxLayout(host).addWidget(panel)
    host.show()
    return host, panel


def test_suggestion_is_shown_merged_and_undone(
    qtbot: QtBot, store: Store, store_executor: StoreExecutor, message: MessageFactory,
    translations: object,
) -> None:  # fmt: skip
    ana, bruno = _customers_sharing_an_order(store, message)
    _host, panel = _panel(qtbot, store_executor)
    with qtbot.waitSignal(panel.loaded, timeout=5_000):
        panel.show_customer(ana)
    assert panel.isVisible()
    assert panel.model.rowCount() == 1
    text = panel.model.data(panel.model.index(0))
    assert "Bruno" in text and "same order number A-1" in text
    assert panel.merge_button.isEnabled()
    assert not panel.undo_button.isVisible()

    with qtbot.waitSignal(panel.customers_changed, timeout=5_000) as changed:
        panel.merge_button.click()
    assert changed.args == [ana]
    qtbot.waitUntil(lambda: panel.undo_button.isVisible(), timeout=5_000)
    assert panel.model.rowCount() == 0
    assert "Bruno" in panel.undo_label.text()
    with store.session() as session:
        owners = set(session.scalars(select(Conversation.customer_id)))
        actions = list(session.scalars(select(AuditEntry.action)))
        assert owners == {ana}
        assert "merge_customers" in actions
        assert open_suggestions(session) == []

    with qtbot.waitSignal(panel.customers_changed, timeout=5_000):
        panel.undo_button.click()
    qtbot.waitUntil(lambda: not panel.isVisible(), timeout=5_000)
    with store.session() as session:
        owners = set(session.scalars(select(Conversation.customer_id)))
        assert owners == {ana, bruno}
        assert "undo_merge" in set(session.scalars(select(AuditEntry.action)))
        assert identity_overview(session, ana).last_change is None


def test_dismiss_hides_the_suggestion_and_is_audited(
    qtbot: QtBot, store: Store, store_executor: StoreExecutor, message: MessageFactory,
    translations: object,
) -> None:  # fmt: skip
    ana, bruno = _customers_sharing_an_order(store, message)
    _host, panel = _panel(qtbot, store_executor)
    with qtbot.waitSignal(panel.loaded, timeout=5_000):
        panel.show_customer(bruno)
    assert panel.model.rowCount() == 1
    assert "Ana Souza" in panel.model.data(panel.model.index(0))
    with qtbot.waitSignal(panel.loaded, timeout=5_000):
        panel.dismiss_button.click()
    assert panel.model.rowCount() == 0
    assert not panel.isVisible()
    with store.session() as session:
        assert open_suggestions(session) == []
        count = session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "dismiss_merge_suggestion")
        )
        assert count == 1
    # Another customer without suggestions: nothing to show.
    with qtbot.waitSignal(panel.loaded, timeout=5_000):
        panel.show_customer(ana)
    assert not panel.isVisible()


def test_suggestion_model(
    qtmodeltester: Any, store: Store, message: MessageFactory, qapp: object
) -> None:
    ana, _bruno = _customers_sharing_an_order(store, message)
    with store.session() as session:
        overview = identity_overview(session, ana)
    model = MergeSuggestionModel()
    model.set_suggestions(overview.suggestions)
    qtmodeltester.check(model)
    assert model.rowCount() == 1


def _wrongly_merged(store: Store, message: MessageFactory) -> tuple[int, int]:
    """Ana (e-mail) and Bruno (chat) merged into Ana by mistake: (ana, bruno's old id)."""
    ana, bruno = _customers_sharing_an_order(store, message)
    with store.session() as session:
        merge_customers(session, ana, bruno, actor="agent:li")
    return ana, bruno


def _select_rows(panel: IdentityPanel, *rows: int) -> None:
    selection = panel.identity_list.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(panel.identities.index(row), QItemSelectionModel.SelectionFlag.Select)


def test_identities_are_split_off_into_a_new_customer_and_undone(
    qtbot: QtBot, store: Store, store_executor: StoreExecutor, message: MessageFactory,
    translations: object,
) -> None:  # fmt: skip
    ana, _bruno = _wrongly_merged(store, message)
    _host, panel = _panel(qtbot, store_executor)
    with qtbot.waitSignal(panel.loaded, timeout=5_000):
        panel.show_customer(ana)
    assert panel.identity_list.isVisible() and panel.split_button.isVisible()
    texts = [panel.identities.data(panel.identities.index(row)) for row in range(2)]
    assert texts == ["Chat: v9", "E-mail: ana@example.com"]
    assert not panel.split_button.isEnabled()  # nothing selected yet
    _select_rows(panel, 0)
    assert panel.split_button.isEnabled()
    assert [item.address for item in panel.selected_identities()] == ["v9"]

    panel.split_button.click()
    dialog = panel.findChild(QInputDialog, "identitySplitDialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog.textValue() == "v9"
    dialog.setTextValue("Bruno Lima")
    with qtbot.waitSignal(panel.customers_changed, timeout=5_000) as changed:
        dialog.accept()
    assert changed.args == [ana]
    qtbot.waitUntil(lambda: "Bruno Lima" in panel.undo_label.text(), timeout=5_000)
    assert "split off" in panel.undo_label.text()
    assert not panel.identity_list.isVisible()  # one identity left: nothing to split
    with store.session() as session:
        chat = session.scalars(
            select(ChannelIdentity).where(ChannelIdentity.kind == ChannelKind.CHAT)
        ).one()
        new = session.get(Customer, chat.customer_id)
        assert new is not None and new.name == "Bruno Lima" and new.id != ana
        conversations = {
            channel: owner
            for channel, owner in session.execute(
                select(Conversation.channel, Conversation.customer_id)
            )
        }
        assert conversations == {ChannelKind.EMAIL: ana, ChannelKind.CHAT: new.id}
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "split_customer")
        ).one()
        assert (entry.actor, entry.entity_id) == ("agent:li", ana)
        new_id = new.id

    with qtbot.waitSignal(panel.customers_changed, timeout=5_000):
        panel.undo_button.click()
    qtbot.waitUntil(lambda: panel.identity_list.isVisible(), timeout=5_000)
    assert "merged with" in panel.undo_label.text()  # the merge before it is next to undo
    with store.session() as session:
        assert set(session.scalars(select(ChannelIdentity.customer_id))) == {ana}
        assert set(session.scalars(select(Conversation.customer_id))) == {ana}
        assert (
            session.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.action == "undo_split")
            )
            == 1
        )
        assert (
            session.scalar(
                select(func.count())
                .select_from(ChannelIdentity)
                .where(ChannelIdentity.customer_id == new_id)
            )
            == 0
        )


def test_splitting_off_every_identity_is_refused(
    qtbot: QtBot, store: Store, store_executor: StoreExecutor, message: MessageFactory,
    translations: object,
) -> None:  # fmt: skip
    ana, _bruno = _wrongly_merged(store, message)
    _host, panel = _panel(qtbot, store_executor)
    with qtbot.waitSignal(panel.loaded, timeout=5_000):
        panel.show_customer(ana)
    _select_rows(panel, 0, 1)
    with qtbot.waitSignal(panel.failed, timeout=1_000) as failed:
        panel.split_button.click()
    assert "at least one address" in failed.args[0]
    assert panel.error.isVisible() and "at least one address" in panel.error.text()
    assert panel.findChild(QInputDialog, "identitySplitDialog") is None
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(Customer)) == 2
        assert set(session.scalars(select(ChannelIdentity.customer_id))) == {ana}
        actions = set(session.scalars(select(AuditEntry.action)))
        assert "split_customer" not in actions


def test_identity_list_is_hidden_for_a_single_identity(
    qtbot: QtBot, store: Store, store_executor: StoreExecutor, message: MessageFactory,
    translations: object,
) -> None:  # fmt: skip
    ana, _bruno = _customers_sharing_an_order(store, message)
    _host, panel = _panel(qtbot, store_executor)
    with qtbot.waitSignal(panel.loaded, timeout=5_000):
        panel.show_customer(ana)
    assert panel.isVisible()  # the suggestion is shown
    assert panel.identities.rowCount() == 1
    assert not panel.identity_list.isVisible() and not panel.split_button.isVisible()


def test_identity_model(
    qtmodeltester: Any, store: Store, message: MessageFactory, qapp: object
) -> None:
    ana, _bruno = _wrongly_merged(store, message)
    with store.session() as session:
        overview = identity_overview(session, ana)
    model = IdentityListModel()
    model.set_identities(overview.identities)
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    model.set_identities(())
    qtmodeltester.check(model)
    assert model.rowCount() == 0
