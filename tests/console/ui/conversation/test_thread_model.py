"""The thread model and how a message is rendered."""

from __future__ import annotations

from datetime import UTC, datetime

from pytestqt.modeltest import ModelTester

from console.inbox.queries import MessageView, TranslationView
from console.store.models import ChannelKind, Direction
from console.ui.conversation.message_delegate import message_html
from console.ui.conversation.thread_model import MessageRole, ThreadModel


def _message(number: int, text: str, translation: TranslationView | None = None) -> MessageView:
    return MessageView(
        id=number,
        direction=Direction.INBOUND if number % 2 else Direction.OUTBOUND,
        channel=ChannelKind.EMAIL,
        sent_at=datetime(2026, 11, 1, 10, number, tzinfo=UTC),
        subject=None,
        text=text,
        language="es",
        language_confidence=0.99,
        author_name=None if number % 2 else "Chen Jing",
        translation=translation,
    )


def test_thread_model_passes_model_tester(qtmodeltester: ModelTester) -> None:
    model = ThreadModel()
    model.set_thread(7, [_message(1, "hola"), _message(2, "buenas")])
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert model.index(1).data(MessageRole).text == "buenas"
    model.set_thread(None, [])
    qtmodeltester.check(model)


def test_message_text_is_escaped_never_markup(qapp: object) -> None:
    html = message_html(_message(1, '<img src="http://tracker/x.png"><script>alert(1)</script>'))
    assert "<img" not in html and "<script" not in html
    assert "&lt;img" in html


def test_translation_slot_is_rendered_when_present(qapp: object) -> None:
    plain = message_html(_message(1, "hola"))
    translated = message_html(_message(1, "hola", TranslationView("zh", "apertium", "你好")))
    assert "你好" not in plain
    assert "你好" in translated and "apertium" in translated
