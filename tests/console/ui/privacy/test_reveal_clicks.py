"""Reveal by clicking: a masked lead sees one raw value for a reason, nothing without one;
a masked vendor agent has no Reveal."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from console.audit import REVEAL
from console.store import Store
from console.store.models import (
    Agent,
    AgentRole,
    AuditEntry,
    ChannelIdentity,
    ChannelKind,
    Conversation,
)
from console.ui.app import application
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.main_window import MainWindow
from console.ui.settings.ui_language import UiLanguage


def _open_window(qtbot: QtBot, store: Store, translations: UiLanguage) -> Iterator[MainWindow]:
    application()
    executor = StoreExecutor(store)
    main = MainWindow(executor, translations)
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.ready, timeout=15_000):
        main.show()
    qtbot.waitUntil(lambda: executor.viewer_masked is True, timeout=10_000)
    qtbot.waitUntil(lambda: main.state.person is not None, timeout=10_000)
    yield main
    main.shutdown()
    qtbot.waitUntil(lambda: executor.pending == 0, timeout=10_000)
    executor.shutdown()


@pytest.fixture
def masked_lead_window(
    qtbot: QtBot, demo_store: Store, translations: UiLanguage
) -> Iterator[MainWindow]:
    with demo_store.session() as session:
        session.execute(update(Agent).values(masked=True, role=AgentRole.LEAD))
    yield from _open_window(qtbot, demo_store, translations)


@pytest.fixture
def masked_vendor_window(
    qtbot: QtBot, demo_store: Store, translations: UiLanguage
) -> Iterator[MainWindow]:
    with demo_store.session() as session:
        session.execute(update(Agent).values(masked=True, role=AgentRole.AGENT, vendor="Acme"))
    yield from _open_window(qtbot, demo_store, translations)


def _email_conversations(store: Store) -> dict[int, tuple[int, str]]:
    """Conversation id -> (identity id, e-mail address) of its customer's first e-mail."""
    with store.session() as session:
        rows = session.execute(
            select(Conversation.id, ChannelIdentity.id, ChannelIdentity.address)
            .join(ChannelIdentity, ChannelIdentity.customer_id == Conversation.customer_id)
            .where(ChannelIdentity.kind == ChannelKind.EMAIL)
            .order_by(ChannelIdentity.id)
        ).all()
    found: dict[int, tuple[int, str]] = {}
    for conversation_id, identity_id, address in rows:
        found.setdefault(int(conversation_id), (int(identity_id), str(address)))
    return found


def _click_row(qtbot: QtBot, window: MainWindow, row: int) -> None:
    view = window.inbox_view
    index = window.inbox_model.index(row, 1)
    view.scrollTo(index)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _open_conversation_with_email(
    qtbot: QtBot, window: MainWindow, store: Store
) -> tuple[int, int, str]:
    emails = _email_conversations(store)
    qtbot.waitUntil(lambda: window.inbox_model.rowCount() > 0, timeout=10_000)
    row = next(
        r
        for r in range(window.inbox_model.rowCount())
        if window.inbox_model.conversation_id(r) in emails
    )
    conversation_id = window.inbox_model.conversation_id(row)
    assert conversation_id is not None
    _click_row(qtbot, window, row)
    qtbot.waitUntil(
        lambda: (
            window.conversation.detail is not None
            and window.conversation.detail.summary.id == conversation_id
        ),
        timeout=10_000,
    )
    qtbot.waitUntil(lambda: window.customer_panel.channels.text() != "", timeout=10_000)
    return (conversation_id, *emails[conversation_id])


def _reveal_entries(store: Store) -> list[AuditEntry]:
    with store.session() as session:
        entries = list(session.scalars(select(AuditEntry).where(AuditEntry.action == REVEAL)))
        session.expunge_all()
    return entries


def test_a_masked_lead_reveals_an_email_for_a_reason(
    qtbot: QtBot, masked_lead_window: MainWindow, demo_store: Store
) -> None:
    window = masked_lead_window
    panel = window.customer_panel
    conversation_id, identity_id, email = _open_conversation_with_email(qtbot, window, demo_store)
    assert email not in panel.channels.text() and "***" in panel.channels.text()
    assert panel.reveal_button.isVisible()

    qtbot.mouseClick(panel.reveal_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.reveal_dialog is not None, timeout=5_000)
    dialog = panel.reveal_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    # No reason: Reveal stays disabled, and clicking it (or Enter) reveals nothing.
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.reason, "   ")
    assert not dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    qtbot.wait(200)
    assert email not in panel.channels.text()
    assert _reveal_entries(demo_store) == []
    # Choose the e-mail with the keyboard, give a reason, click Reveal.
    wanted = next(
        i
        for i, c in enumerate(dialog.choices)
        if c.field == "identity" and c.identity_id == identity_id
    )
    dialog.value.setFocus()
    for _ in range(wanted - dialog.value.currentIndex()):
        qtbot.keyClick(dialog.value, Qt.Key.Key_Down)
    assert dialog.value.currentIndex() == wanted
    assert "***" in dialog.value.currentText() and email not in dialog.value.currentText()
    dialog.reason.clear()
    qtbot.keyClicks(dialog.reason, "Courier needs the address confirmed")
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: email in panel.channels.text(), timeout=10_000)
    qtbot.waitUntil(lambda: panel.reveal_dialog is None, timeout=5_000)
    (entry,) = _reveal_entries(demo_store)
    assert entry.entity_id is not None and entry.detail["field"] == "identity"
    assert entry.detail["identity_id"] == identity_id
    assert entry.detail["reason"] == "Courier needs the address confirmed"
    assert email not in str(entry.detail)
    # Another conversation: the value is masked again.
    other = next(
        r
        for r in range(window.inbox_model.rowCount())
        if window.inbox_model.conversation_id(r) != conversation_id
    )
    _click_row(qtbot, window, other)
    qtbot.waitUntil(lambda: email not in panel.channels.text(), timeout=10_000)
    assert email not in panel.revealed.values()


def test_a_refusal_from_the_store_is_said_in_the_dialog(
    qtbot: QtBot, masked_lead_window: MainWindow, demo_store: Store
) -> None:
    window = masked_lead_window
    panel = window.customer_panel
    _conversation_id, _identity_id, email = _open_conversation_with_email(qtbot, window, demo_store)
    with demo_store.session() as session:  # demoted meanwhile: the store decides, not the window
        session.execute(update(Agent).values(role=AgentRole.AGENT))
    qtbot.mouseClick(panel.reveal_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.reveal_dialog is not None, timeout=5_000)
    dialog = panel.reveal_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.reason, "checking an order")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.message.isVisible, timeout=10_000)
    assert dialog.message.text() == "Your role may not reveal masked customer data."
    assert dialog.isVisible() and email not in panel.channels.text()
    assert _reveal_entries(demo_store) == []
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Cancel), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: panel.reveal_dialog is None, timeout=5_000)


def test_a_masked_vendor_agent_has_no_reveal(
    qtbot: QtBot, masked_vendor_window: MainWindow, demo_store: Store
) -> None:
    window = masked_vendor_window
    panel = window.customer_panel
    _conversation_id, _identity_id, email = _open_conversation_with_email(qtbot, window, demo_store)
    assert email not in panel.channels.text()
    assert not panel.reveal_button.isVisible()
    assert panel.reveal() is None and panel.reveal_dialog is None
