"""After Customer → Erase…, the open conversation says its texts were erased, and when,
instead of showing empty bubbles."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.inbox.queries import AgentSummary
from console.store import Store
from console.store.models import Agent
from console.ui.conversation.thread_model import ThreadModel
from console.ui.inbox.inbox_model import CUSTOMER
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.main_window import MainWindow
from console.ui.settings.ui_language import UiLanguage

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
    "This plugin does not support propagateSizeHints",
)


def _officer(store: Store) -> AgentSummary:
    with store.session() as session:
        agent = session.scalars(select(Agent).where(Agent.name == "Zhou Xin")).one()
        return AgentSummary(agent.id, agent.name, tuple(agent.languages))


def _texts(model: ThreadModel) -> list[str]:
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


@pytest.mark.parametrize(
    ("language", "erased", "nobody"),
    [("en", "Text erased on", "Erased customer"), ("zh_CN", "文本已于", "已删除的客户")],
)
def test_the_thread_says_what_was_erased_and_when(
    qtbot: QtBot,
    window: MainWindow,
    executor: StoreExecutor,
    demo_store: Store,
    translations: UiLanguage,
    language: str,
    erased: str,
    nobody: str,
) -> None:
    translations.apply(language)
    window.state.set_person(_officer(demo_store))
    # The window opens on the newest conversation.
    qtbot.waitUntil(lambda: window.conversation.detail is not None, timeout=10_000)
    detail = window.conversation.detail
    assert detail is not None and detail.summary.id == window.state.conversation_id
    model = window.conversation.model
    before = model.rowCount()
    assert before > 0 and not any(erased in text for text in _texts(model))

    # Customer → Erase…, a reason typed, Erase clicked.
    requests = window.data_requests
    requests.menu.popup(QPoint(0, 0))
    qtbot.waitUntil(requests.menu.isVisible)
    spot = requests.menu.actionGeometry(requests.erase_action).center()
    qtbot.mouseClick(requests.menu, Qt.MouseButton.LeftButton, pos=spot)
    qtbot.waitUntil(lambda: requests.erase_dialog is not None and requests.erase_dialog.isVisible())
    dialog = requests.erase_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.reason, "Deletion request 1 Dec")
    with qtbot.waitSignal(requests.erased, timeout=20_000) as done:
        qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)

    assert done.args[0].conversation_ids == (detail.summary.id,)

    # The thread reloads: every message says it was erased, and on which day.
    qtbot.waitUntil(
        lambda: model.rowCount() == before and all(erased in t for t in _texts(model)),
        timeout=10_000,
    )
    assert all(model.message(row).erased_at is not None for row in range(before))  # type: ignore[union-attr]

    # The customer kept no name: the list, the title and the customer panel say who it was.
    inbox = window.inbox_model

    def listed() -> object:
        row = inbox.row_of(detail.summary.id)
        return None if row is None else inbox.index(row, CUSTOMER).data()

    qtbot.waitUntil(lambda: listed() == nobody, timeout=5000)
    assert window.customer_panel.name.text() == nobody
    assert window.conversation.title.text() == nobody  # its subject went too
