"""A customer's write reaches the views of other places through the change bus alone: the
agent sets a place in the customer panel, and the open thread and the inbox row follow."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from console.ui.app_state import AppState
from console.ui.conversation.conversation_controller import ConversationController
from console.ui.customers.customer_panel import CustomerPanel
from console.ui.inbox.inbox_model import InboxModel
from console.ui.lanes.store_executor import StoreExecutor

# The place dialog on the offscreen platform: it cannot raise windows or grab the keyboard.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
)


def _type_into(qtbot: QtBot, field: QWidget, text: str) -> None:
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)


def test_a_place_set_in_the_panel_reaches_the_thread_and_the_inbox_row(
    qtbot: QtBot, executor: StoreExecutor
) -> None:
    inbox = InboxModel(executor)
    with qtbot.waitSignal(inbox.ids_loaded, timeout=5000):
        inbox.reload()
    target = inbox.conversation_id(0)
    assert target is not None
    controller = ConversationController(executor)
    with qtbot.waitSignal(controller.loaded, timeout=5000):
        controller.open(target)
    detail = controller.detail
    assert detail is not None
    new_country = "BE" if detail.customer.country != "BE" else "NL"

    panel = CustomerPanel(executor=executor, state=AppState())
    qtbot.addWidget(panel)
    panel.show()
    panel.show_customer(detail.customer)
    qtbot.waitUntil(lambda: panel.place is not None and panel.set_place_button.isEnabled())
    qtbot.mouseClick(panel.set_place_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.place_editor is not None and panel.place_editor.isVisible())
    editor = panel.place_editor
    assert editor is not None
    country_line = editor.country.lineEdit()
    assert isinstance(country_line, QLineEdit)
    _type_into(qtbot, country_line, "Belgium" if new_country == "BE" else "Netherlands")
    _type_into(qtbot, editor.city, "Mechelen")
    save = editor.buttons.button(QDialogButtonBox.StandardButton.Save)
    with (
        qtbot.waitSignal(controller.loaded, timeout=5000),
        qtbot.waitSignal(inbox.ids_loaded, timeout=5000),
    ):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    assert controller.detail is not None
    assert controller.detail.customer.country == new_country
    assert controller.detail.customer.city == "Mechelen"
    row = inbox.cached_row(target)
    assert row is not None and row.country == new_country
