"""The view tabs say how much open work each view holds, and "N+" past the cap: a team's
whole open work is not counted on every page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from console.inbox import queries
from console.store import Store
from console.store.models import Conversation, ConversationStatus
from console.ui.inbox import filter_bar
from console.ui.inbox.filter_bar import VIEWS
from console.ui.main_window import MainWindow


def _open_work(store: Store) -> int:
    with store.session() as session:
        return (
            session.scalar(
                select(func.count())
                .select_from(Conversation)
                .where(
                    Conversation.snoozed_until.is_(None),
                    Conversation.status != ConversationStatus.RESOLVED,
                )
            )
            or 0
        )


def test_a_view_with_more_open_work_than_the_cap_says_cap_plus(
    qtbot: QtBot, window: MainWindow, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    tabs = window.filter_bar.views
    everything = tabs.tabText(VIEWS.index(queries.InboxView.ALL))
    assert everything == f"All ({_open_work(demo_store)})"  # under the cap: exact
    cap = 3
    monkeypatch.setattr(queries, "VIEW_COUNT_CAP", cap)
    monkeypatch.setattr(filter_bar, "VIEW_COUNT_CAP", cap)
    unassigned = tabs.tabRect(VIEWS.index(queries.InboxView.UNASSIGNED)).center()
    with qtbot.waitSignal(window.inbox_model.ids_loaded, timeout=5000):
        qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=unassigned)
    assert tabs.tabText(VIEWS.index(queries.InboxView.ALL)) == "All (3+)"
