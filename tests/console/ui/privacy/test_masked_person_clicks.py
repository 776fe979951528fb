"""A masked person at a single seat: the inbox, the conversation, the customer card and the
search show customer data masked; the exact e-mail still finds the customer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from console.privacy.masking import mask_name
from console.store import Store
from console.store.models import Agent, ChannelIdentity, ChannelKind, Customer
from console.ui.app import application
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.main_window import MainWindow
from console.ui.settings.ui_language import UiLanguage


def _mark_everyone(store: Store, masked: bool) -> None:
    with store.session() as session:
        session.execute(update(Agent).values(masked=masked))


@pytest.fixture
def masked_window(
    qtbot: QtBot, demo_store: Store, translations: UiLanguage
) -> Iterator[MainWindow]:
    _mark_everyone(demo_store, True)
    application()
    executor = StoreExecutor(demo_store)
    main = MainWindow(executor, translations)
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.ready, timeout=15_000):
        main.show()
    qtbot.waitUntil(lambda: executor.viewer_masked is True, timeout=10_000)
    yield main
    main.shutdown()
    qtbot.waitUntil(lambda: executor.pending == 0, timeout=10_000)
    executor.shutdown()


def _names_shown(window: MainWindow) -> list[str]:
    model = window.inbox_model
    shown: list[str] = []
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            value = model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
            if isinstance(value, str):
                shown.append(value)
    return shown


def test_a_masked_person_clicks_through_masked_data(
    qtbot: QtBot, masked_window: MainWindow, demo_store: Store
) -> None:
    window = masked_window
    with demo_store.session() as session:
        names = [str(n) for n in session.scalars(select(Customer.name)) if " " in str(n)]
        emails = [
            str(a)
            for a in session.scalars(
                select(ChannelIdentity.address).where(ChannelIdentity.kind == ChannelKind.EMAIL)
            )
        ]
    qtbot.waitUntil(lambda: window.inbox_model.rowCount() > 0, timeout=10_000)
    qtbot.waitUntil(lambda: bool(_names_shown(window)), timeout=10_000)
    shown = " ".join(_names_shown(window))
    assert not [name for name in names if name in shown]
    assert any(mask_name(name) in shown for name in names)
    # Open the first conversation by clicking its row.
    view = window.inbox_view
    rect = view.visualRect(window.inbox_model.index(0, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.conversation.detail is not None, timeout=10_000)
    detail = window.conversation.detail
    assert detail is not None
    panel = window.customer_panel
    assert not [e for e in emails if e in panel.channels.text()]
    assert "***" in panel.channels.text() or panel.channels.text() in ("", "—")
    assert not [name for name in names if name in panel.name.text()]
    for message in detail.messages:
        assert not [e for e in emails if e in message.text]
    # The exact e-mail finds the customer.
    with demo_store.session() as session:
        customer_id, email = session.execute(
            select(ChannelIdentity.customer_id, ChannelIdentity.address)
            .where(ChannelIdentity.kind == ChannelKind.EMAIL)
            .limit(1)
        ).one()
        raw_name = session.get(Customer, customer_id).name  # type: ignore[union-attr]
    with qtbot.waitSignal(window.inbox_model.ids_loaded, timeout=10_000):
        qtbot.keyClicks(window.filter_bar.search, email)
    qtbot.waitUntil(lambda: window.inbox_model.rowCount() >= 1, timeout=10_000)
    qtbot.waitUntil(lambda: mask_name(raw_name) in " ".join(_names_shown(window)), timeout=10_000)
    assert email not in " ".join(_names_shown(window))


def test_an_unmasked_person_sees_raw_values(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    with demo_store.session() as session:
        names = [str(n) for n in session.scalars(select(Customer.name))]
    qtbot.waitUntil(lambda: bool(_names_shown(window)), timeout=10_000)
    shown = " ".join(_names_shown(window))
    assert any(name in shown for name in names)
