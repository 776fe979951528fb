"""Searching the inbox says where each conversation matched and marks the words:
typed into the search box as an agent does, read off the inbox rows."""

from __future__ import annotations

import pytest
from input_method import commit_text
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.inbox.queries import SearchPlace
from console.store import Store
from console.store.models import Conversation, Direction, Message, Translation
from console.ui.inbox import inbox_model
from console.ui.inbox.inbox_model import SUBJECT, SearchMatch, SearchMatchRole
from console.ui.main_window import MainWindow

SPANISH = "Quiero un reembolso, el paquete llegó roto."
CHINESE = "我想要退款，包裹到的时候坏了。"


def _spanish_with_chinese_translation(store: Store) -> int:
    with store.session() as session:
        conversation = session.scalars(select(Conversation).order_by(Conversation.id)).first()
        assert conversation is not None
        message = Message(
            conversation_id=conversation.id,
            direction=Direction.INBOUND,
            channel=conversation.channel,
            sent_at=conversation.last_activity_at,
            text=SPANISH,
            language="es",
        )
        session.add(message)
        session.flush()
        session.add(
            Translation(
                message_id=message.id,
                target_language="zh",
                engine="test",
                engine_version="1",
                text=CHINESE,
            )
        )
        session.commit()
        return conversation.id


def _search(qtbot: QtBot, window: MainWindow, words: str) -> None:
    search = window.filter_bar.search
    qtbot.mouseClick(search, Qt.MouseButton.LeftButton)
    search.clear()
    with qtbot.waitSignal(window.inbox_model.ids_loaded, timeout=5000):
        if words.isascii():
            qtbot.keyClicks(search, words)
        else:
            commit_text(search, words)
    qtbot.waitUntil(window.store_idle, timeout=5000)


def _match(window: MainWindow, conversation_id: int) -> tuple[str, SearchMatch]:
    row = window.inbox_model.row_of(conversation_id)
    assert row is not None, "the conversation is not among the results"
    found = window.inbox_model.index(row, SUBJECT).data(SearchMatchRole)
    assert found is not None
    label, match = found
    assert isinstance(match, SearchMatch)
    return label, match


def test_a_chinese_search_finds_a_spanish_message_through_its_translation(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    conversation_id = _spanish_with_chinese_translation(demo_store)
    _search(qtbot, window, "退款")
    label, match = _match(window, conversation_id)
    assert label == "⇄ Chinese"
    assert match.place.translation_language == "zh"
    marked = [match.excerpt.text[a:b] for a, b in match.excerpt.spans]
    assert marked == ["退款"]
    index = window.inbox_model.index(window.inbox_model.row_of(conversation_id) or 0, SUBJECT)
    assert index.data().startswith("⇄ Chinese: ")
    assert "[退款]" in index.data(Qt.ItemDataRole.ToolTipRole)
    window.inbox_view.scrollTo(index)
    assert not window.inbox_view.grab().isNull()  # the delegate paints the marked words


def test_an_original_match_names_the_language_it_was_written_in(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    conversation_id = _spanish_with_chinese_translation(demo_store)
    _search(qtbot, window, "reembolso")
    label, match = _match(window, conversation_id)
    assert label == "Spanish"
    assert match.place == SearchPlace(match.place.message_id, None, SPANISH)
    assert [match.excerpt.text[a:b] for a, b in match.excerpt.spans] == ["reembolso"]


def test_clearing_the_search_shows_subjects_again(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    conversation_id = _spanish_with_chinese_translation(demo_store)
    _search(qtbot, window, "退款")
    with qtbot.waitSignal(window.inbox_model.ids_loaded, timeout=5000):
        qtbot.keyClick(window.filter_bar.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(window.store_idle, timeout=5000)
    row = window.inbox_model.row_of(conversation_id)
    assert row is not None
    assert window.inbox_model.index(row, SUBJECT).data(SearchMatchRole) is None
    assert not window.inbox_model.index(row, SUBJECT).data().startswith("⇄ Chinese")


def test_a_search_matching_too_many_lists_the_newest_and_says_so(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inbox_model, "SEARCH_RESULTS", 3)  # the demo store is small
    _search(qtbot, window, "order")
    assert window.inbox_model.rowCount() == 3 and window.inbox_model.more_matches
    assert window.count_label.text() == (
        "The 3 most recent matching conversations; add a word to narrow"
    )
    _search(qtbot, window, "qqzzxxvv")
    assert not window.inbox_model.more_matches
    assert window.count_label.text() == "0 conversations"


def test_an_inbox_with_too_many_lists_the_newest_and_says_so(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inbox_model, "SEARCH_RESULTS", 3)  # the demo store is small
    _search(qtbot, window, "order")
    search = window.filter_bar.search
    with qtbot.waitSignal(window.inbox_model.ids_loaded, timeout=5000):
        qtbot.keyClick(search, Qt.Key.Key_Escape)  # no search: the whole inbox
    qtbot.waitUntil(window.store_idle, timeout=5000)
    assert window.inbox_model.rowCount() == 3 and window.inbox_model.more_matches
    activity = [
        window.inbox_model.cached_row(window.inbox_model.conversation_id(row) or 0)
        for row in range(3)
    ]
    moments = [row.last_activity_at for row in activity if row is not None]
    assert len(moments) == 3 and moments == sorted(moments, reverse=True)
    # Not the search's words ("add a word"): a filter narrows the whole inbox.
    assert window.count_label.text().startswith("The 3 most recent conversation")
    assert window.count_label.text().endswith("; filter to narrow")
