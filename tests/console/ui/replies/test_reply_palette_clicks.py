"""The reply palette, as an agent uses it: Ctrl+Shift+L in the reply box, type, Enter."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import delete, select

from console.replies import save_entry, set_variant
from console.store import Store
from console.store.models import Conversation, Direction, Message
from console.store.reply_tables import MACHINE_DRAFT, ReplyEntry
from console.ui.main_window import MainWindow
from console.ui.replies.reply_palette import ReplyPalette

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
)

ENGLISH = "Hello {customer_name}, we are sending you a prepaid return label today."
SPANISH = "Hola {customer_name}, hoy le enviamos una etiqueta de devolución prepagada."


def _seed(store: Store) -> None:
    """A library of just these two replies (the demo's own are taken out)."""
    with store.session() as session:
        session.execute(delete(ReplyEntry))
        save_entry(
            session, "return_label", category="return", keywords=["label"],
            source_language="en", variants={"en": ENGLISH, "es": SPANISH},
        )  # fmt: skip
        entry = save_entry(
            session, "order_delayed", category="shipping", keywords=["delay"],
            source_language="en",
            variants={"en": "Your order {order_number} is delayed by a few days."},
        )  # fmt: skip
        set_variant(
            session, entry, "es", "Su pedido {order_number} se retrasa unos días.",
            status=MACHINE_DRAFT,
        )  # fmt: skip


def _open_spanish(qtbot: QtBot, window: MainWindow) -> int:
    combo = window.filter_bar.language
    with qtbot.waitSignal(window.inbox_model.ids_loaded, timeout=10_000):
        combo.setCurrentIndex(combo.findData("es"))
    view = window.inbox_view
    conversation_id = window.inbox_model.conversation_id(0)
    assert conversation_id is not None
    qtbot.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=view.visualRect(window.inbox_model.index(0, 0)).center(),
    )
    qtbot.waitUntil(
        lambda: (
            window.conversation.detail is not None
            and window.conversation.detail.summary.id == conversation_id
            and window._executor.pending == 0
        ),
        timeout=10_000,
    )
    return conversation_id


def _palette(qtbot: QtBot, window: MainWindow) -> ReplyPalette:
    editor = window.conversation.composer.editor
    editor.setFocus()
    qtbot.keyClick(
        editor,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: window.findChild(ReplyPalette) is not None, timeout=5000)
    palette = window.findChild(ReplyPalette)
    assert palette is not None
    qtbot.waitUntil(palette.filter.hasFocus, timeout=5000)  # keyboard first
    qtbot.waitUntil(lambda: palette.results.count() > 0, timeout=10_000)
    return palette


def test_typing_then_enter_inserts_the_spanish_variant_and_sends_it(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    _seed(demo_store)
    conversation_id = _open_spanish(qtbot, window)
    with demo_store.session() as session:
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None
        name = conversation.customer.name
    panel = window.conversation.reply_translation
    assert panel is not None and panel.active and panel.customer_language == "es"
    palette = _palette(qtbot, window)
    assert palette.results.count() == 2
    qtbot.keyClicks(palette.filter, "etiqueta")  # a Spanish word finds it too
    assert palette.results.count() == 1
    assert "prepaid return label" in palette.beside.text()  # the agent's English beside it
    qtbot.keyClick(palette.filter, Qt.Key.Key_Return)
    spanish = SPANISH.replace("{customer_name}", name)
    qtbot.waitUntil(lambda: panel.target.toPlainText() == spanish, timeout=5000)
    composer = window.conversation.composer
    assert composer.editor.toPlainText() == ENGLISH.replace("{customer_name}", name)
    assert panel.outgoing_text() == spanish
    qtbot.mouseClick(composer.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: composer.editor.toPlainText() == "", timeout=30_000)
    qtbot.waitUntil(lambda: window._executor.pending == 0, timeout=10_000)
    with demo_store.session() as session:
        reply = session.scalars(
            select(Message)
            .where(Message.conversation_id == conversation_id)
            .where(Message.direction == Direction.OUTBOUND)
            .order_by(Message.id.desc())
        ).first()
    assert reply is not None and reply.text == spanish and reply.language == "es"


def test_machine_drafts_are_marked_and_arrow_keys_choose(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    _seed(demo_store)
    _open_spanish(qtbot, window)
    palette = _palette(qtbot, window)
    qtbot.keyClicks(palette.filter, "pedido")
    assert palette.results.count() == 1
    assert "machine draft" in palette.results.item(0).text()
    for _ in "pedido":
        qtbot.keyClick(palette.filter, Qt.Key.Key_Backspace)
    assert palette.results.count() == 2
    first = palette.current_entry()
    qtbot.keyClick(palette.filter, Qt.Key.Key_Down)
    second = palette.current_entry()
    assert first is not None and second is not None and first.key != second.key
    qtbot.keyClick(palette.filter, Qt.Key.Key_Up)
    assert palette.current_entry() == first
    qtbot.keyClick(palette.filter, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not palette.isVisible(), timeout=5000)
    assert window.conversation.composer.editor.toPlainText() == ""


def test_enter_on_a_reply_without_spanish_drafts_it_offline_then_inserts_it(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    assert shutil.which("apertium"), "apertium is not installed: run .ci/setup"
    with demo_store.session() as session:
        session.execute(delete(ReplyEntry))
        save_entry(
            session, "parcel_left", category="shipping", keywords=["warehouse"],
            source_language="en",
            variants={"en": "Hello {customer_name}, your parcel left our warehouse today."},
        )  # fmt: skip
    _open_spanish(qtbot, window)
    palette = _palette(qtbot, window)
    qtbot.keyClicks(palette.filter, "warehouse")
    assert "Enter drafts it by machine translation" in palette.results.item(0).text()
    with qtbot.waitSignal(palette.loaded, timeout=30_000):
        qtbot.keyClick(palette.filter, Qt.Key.Key_Return)
    assert palette.isVisible()  # the draft is shown first, not inserted unseen
    item = palette.results.currentItem()
    assert item is not None and "machine draft" in item.text()
    entry = palette.current_entry()
    assert entry is not None
    spanish = entry.variants["es"]
    assert spanish.machine_draft and "{customer_name}" in spanish.text
    qtbot.keyClick(palette.filter, Qt.Key.Key_Return)
    panel = window.conversation.reply_translation
    assert panel is not None
    qtbot.waitUntil(lambda: "{customer_name}" not in panel.target.toPlainText()
                    and panel.target.toPlainText() != "", timeout=5000)  # fmt: skip
    outgoing = panel.outgoing_text()
    assert outgoing is not None and outgoing.startswith(spanish.text.split("{customer_name}")[0])
