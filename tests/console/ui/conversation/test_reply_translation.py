"""The reply is translated live into the customer's language (real Apertium en→es)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from console.ui.conversation.reply_translation import ReplyTranslationPanel
from console.ui.lanes.translation_worker import TranslationWorker
from translation.engines import ApertiumEngine
from translation.translator import Translator

pytestmark = pytest.mark.skipif(
    shutil.which("apertium") is None, reason="Apertium is not installed (.ci/setup installs it)"
)
REPLY = "Your order #A10234 has shipped. The tracking number is LX123456789CN."


@pytest.fixture
def panel(qtbot: QtBot) -> Iterator[ReplyTranslationPanel]:
    worker = TranslationWorker()
    translator = Translator([ApertiumEngine()])
    widget = ReplyTranslationPanel(worker, lambda: translator)
    qtbot.addWidget(widget)
    widget.set_languages("en", "es")
    yield widget
    worker.shutdown()


def test_reply_is_translated_with_order_data_intact(
    qtbot: QtBot, panel: ReplyTranslationPanel
) -> None:
    assert panel.isVisibleTo(panel.parentWidget() or panel) and panel.active
    with qtbot.waitSignal(panel.draft_ready, timeout=30_000):
        panel.source_changed(REPLY)
    assert panel.outgoing_text() == panel.target.toPlainText()
    spanish = panel.target.toPlainText()
    assert "#A10234" in spanish and "LX123456789CN" in spanish
    assert spanish != REPLY
    assert "A10234" in panel.back.text()


def test_nothing_is_sent_while_the_latest_text_is_untranslated(
    qtbot: QtBot, panel: ReplyTranslationPanel
) -> None:
    panel.source_changed("Hello")
    assert panel.outgoing_text() is None
    with qtbot.waitSignal(panel.draft_ready, timeout=30_000):
        pass
    assert panel.outgoing_text() == panel.target.toPlainText()


def test_agent_edits_win_until_they_ask_for_a_new_translation(
    qtbot: QtBot, panel: ReplyTranslationPanel
) -> None:
    with qtbot.waitSignal(panel.draft_ready, timeout=30_000):
        panel.source_changed("Thank you")
    panel.target.setPlainText("¡Muchas gracias, Ana!")
    assert panel.refresh_button.isVisibleTo(panel)
    panel.source_changed("Thank you very much")
    qtbot.wait(700)  # past the typing pause: the edit must not be overwritten
    assert panel.outgoing_text() == "¡Muchas gracias, Ana!"
    with qtbot.waitSignal(panel.draft_ready, timeout=30_000):
        panel.refresh_button.click()
    assert panel.outgoing_text() != "¡Muchas gracias, Ana!"


def test_same_language_needs_no_translation(qtbot: QtBot, panel: ReplyTranslationPanel) -> None:
    panel.set_languages("es", "es")
    assert not panel.active and panel.isHidden()
    panel.source_changed("Hola")
    assert panel.outgoing_text() == "Hola"
