"""A conversation's write reaches the views of other places through the change bus alone:
nothing tells the inbox or the open thread by hand."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.inbox.queries import InboxFilter
from console.store import Store
from console.store.models import AuditEntry, Conversation, ConversationStatus
from console.ui.app_state import AppState
from console.ui.conversation.conversation_actions import ConversationActions
from console.ui.conversation.conversation_controller import ConversationController
from console.ui.inbox.inbox_model import InboxModel
from console.ui.lanes.store_executor import StoreExecutor


def test_resolving_takes_the_row_out_of_the_open_inbox_and_the_thread_shows_it(
    qtbot: QtBot, executor: StoreExecutor, demo_store: Store
) -> None:
    inbox = InboxModel(executor)
    with qtbot.waitSignal(inbox.ids_loaded, timeout=5000):
        inbox.apply_filter(InboxFilter(status=ConversationStatus.OPEN))
    target = inbox.conversation_id(0)
    assert target is not None
    controller = ConversationController(executor)
    with qtbot.waitSignal(controller.loaded, timeout=5000):
        controller.open(target)
    assert controller.detail is not None
    assert controller.detail.summary.status is ConversationStatus.OPEN

    header = QWidget()
    qtbot.addWidget(header)
    state = AppState(header)
    actions = ConversationActions(executor, lambda: [target], header, state=state)
    actions.update_for(ConversationStatus.OPEN)
    resolve = QToolButton(header)
    resolve.setDefaultAction(actions.resolve_action)
    header.show()
    with (
        qtbot.waitSignal(inbox.ids_loaded, timeout=5000),
        qtbot.waitSignal(controller.loaded, timeout=5000),
    ):
        qtbot.mouseClick(resolve, Qt.MouseButton.LeftButton)

    assert inbox.row_of(target) is None  # the open inbox fetched its list again
    assert controller.detail is not None
    assert controller.detail.summary.status is ConversationStatus.RESOLVED
    with demo_store.session() as session:
        stored = session.get(Conversation, target)
        assert stored is not None and stored.status == ConversationStatus.RESOLVED
        actors = session.scalars(
            select(AuditEntry.actor).where(
                AuditEntry.entity == "conversation", AuditEntry.entity_id == target
            )
        ).all()
    assert state.actor in actors  # recorded for the state's person (nobody signed in here)
