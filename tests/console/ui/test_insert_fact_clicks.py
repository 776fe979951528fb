"""Insert fact, as an agent does it: the editor gets the worked-out value, the customer
gets the same fact written their way (real Apertium en->es for the translated reply)."""

from __future__ import annotations

import re
import shutil

import pytest
from popup_menus import press_menu_button
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.policies import PolicyView
from console.store import Store
from console.store.models import Direction, Message
from console.ui.main_window import MainWindow

# The fact menu pops up on the offscreen platform: it cannot raise or grab the keyboard.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
)
FACT = "withdrawal_deadline"


def _open_with_fact(qtbot: QtBot, window: MainWindow, language: str) -> PolicyView:
    """Open the first conversation in *language* whose customer has a last day to withdraw."""
    combo = window.filter_bar.language
    with qtbot.waitSignal(window.inbox_model.ids_loaded, timeout=10_000):
        combo.setCurrentIndex(combo.findData(language))
    view_widget = window.inbox_view
    for row in range(window.inbox_model.rowCount()):
        conversation_id = window.inbox_model.conversation_id(row)
        assert conversation_id is not None
        qtbot.mouseClick(
            view_widget.viewport(),
            Qt.MouseButton.LeftButton,
            pos=view_widget.visualRect(window.inbox_model.index(row, 0)).center(),
        )

        def shown(cid: int = conversation_id) -> bool:
            view = window.customer_panel.policy_panel.view
            detail = window.conversation.detail
            return (
                detail is not None
                and detail.summary.id == cid
                and window._executor.pending == 0
                and (view is None or view.conversation_id == cid)
            )

        qtbot.waitUntil(shown, timeout=10_000)
        view = window.customer_panel.policy_panel.view
        if view is not None and view.variables.get(FACT) and view.agent_variables.get(FACT):
            return view
    pytest.skip(f"no {language} conversation in the demo has a last day to withdraw")


def _choose_fact(qtbot: QtBot, window: MainWindow, label: str) -> None:
    """Press Insert fact (its menu runs its own event loop), then click the entry."""
    press_menu_button(qtbot, window.conversation.composer.insert_button, label)


def _last_reply(store: Store, conversation_id: int) -> Message:
    with store.session() as session:
        reply = session.scalars(
            select(Message)
            .where(Message.conversation_id == conversation_id)
            .where(Message.direction == Direction.OUTBOUND)
            .order_by(Message.id.desc())
        ).first()
    assert reply is not None
    return reply


@pytest.mark.skipif(shutil.which("apertium") is None, reason="Apertium is not installed")
def test_inserted_date_is_the_value_and_the_spanish_reply_writes_it_the_spanish_way(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    view = _open_with_fact(qtbot, window, "es")
    agent_date, customer_date = view.agent_variables[FACT], view.variables[FACT]
    assert agent_date != customer_date  # "3 December 2026" / "3 de diciembre de 2026"
    assert re.fullmatch(r"\d{1,2} de \w+ de \d{4}", customer_date), customer_date
    composer = window.conversation.composer
    panel = window.conversation.reply_translation
    assert panel is not None and panel.active
    composer.editor.setFocus()
    qtbot.keyClicks(composer.editor, "You may return the parcel until ")
    _choose_fact(qtbot, window, "Last day to withdraw")
    text = composer.editor.toPlainText()
    assert text == f"You may return the parcel until {agent_date}"
    assert "{" not in text
    with qtbot.waitSignal(panel.draft_ready, timeout=30_000):
        qtbot.keyClicks(composer.editor, ".")
    spanish = panel.target.toPlainText()
    assert customer_date in spanish, spanish
    assert agent_date not in spanish
    assert agent_date in panel.back.text()  # the back-translation reads the agent's way
    qtbot.mouseClick(composer.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: composer.editor.toPlainText() == "", timeout=30_000)
    qtbot.waitUntil(lambda: window._executor.pending == 0, timeout=10_000)
    reply = _last_reply(demo_store, view.conversation_id)
    assert customer_date in reply.text and reply.language == "es", reply.text


def test_inserted_fact_in_a_same_language_reply_goes_out_in_the_customers_format(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    view = _open_with_fact(qtbot, window, "en")
    agent_date, customer_date = view.agent_variables[FACT], view.variables[FACT]
    composer = window.conversation.composer
    composer.editor.setFocus()
    qtbot.keyClicks(composer.editor, "Withdraw by ")
    _choose_fact(qtbot, window, "Last day to withdraw")
    assert composer.editor.toPlainText() == f"Withdraw by {agent_date}"
    with qtbot.waitSignal(window.controller.reply_stored, timeout=30_000):
        qtbot.mouseClick(composer.send_button, Qt.MouseButton.LeftButton)
    assert _last_reply(demo_store, view.conversation_id).text == f"Withdraw by {customer_date}"
