"""A translation the background stores for the open conversation shows without reopening it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.store import Store
from console.store.models import Conversation, Direction, Message, Translation
from console.translations.background import BackgroundReport
from console.ui.inbox.inbox_model import CUSTOMER
from console.ui.main_window import MainWindow


def _japanese_conversation(store: Store) -> tuple[int, int]:
    with store.session() as session:
        found = session.execute(
            select(Message.conversation_id, Message.id)
            .where(Message.language == "ja", Message.direction == Direction.INBOUND)
            .order_by(Message.id)
        ).first()
        assert found is not None, "the demo store has Japanese customers"
        return found[0], found[1]


def test_the_open_conversation_shows_a_translation_stored_ahead(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    conversation_id, message_id = _japanese_conversation(demo_store)
    row = window.inbox_model.row_of(conversation_id)
    assert row is not None
    index = window.inbox_model.index(row, CUSTOMER)
    window.inbox_view.scrollTo(index)
    rect = window.inbox_view.visualRect(index)
    qtbot.mouseClick(window.inbox_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(
        lambda: (
            window.conversation.detail is not None
            and window.conversation.detail.summary.id == conversation_id
        ),
        timeout=5000,
    )
    qtbot.waitUntil(window.store_idle, timeout=5000)
    detail = window.conversation.detail
    assert detail is not None
    assert next(m for m in detail.messages if m.id == message_id).translation is None

    with demo_store.session() as session:  # what a background slice stores
        session.add(Translation(message_id=message_id, target_language="en", engine="argos",
                                engine_version="test", text="Where is my parcel?"))  # fmt: skip
        assert session.get(Conversation, conversation_id) is not None
        session.commit()
    report = BackgroundReport()
    report.translated_messages.add(message_id)
    window.background_translation.slice_done.emit(report)

    def shown() -> bool:
        detail = window.conversation.detail
        if detail is None:
            return False
        message = next(m for m in detail.messages if m.id == message_id)
        return message.translation is not None and message.translation.text == "Where is my parcel?"

    qtbot.waitUntil(shown, timeout=5000)
