"""Named operations and the change bus: success and failure in one place, changes for all."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from console.changes import Changes
from console.problems import ProblemError, problem
from console.replies.library import NO_ENTRY
from console.store.models import Conversation
from console.ui.inbox.inbox_model import InboxModel
from console.ui.lanes.operations import QueryOp, WriteOp, Wrote
from console.ui.lanes.store_executor import StoreExecutor


def _first_conversation(session: Session) -> int:
    found = session.scalar(select(Conversation.id).order_by(Conversation.id))
    assert found is not None
    return found


def test_a_write_hands_its_value_then_publishes_what_it_changed(
    qtbot: QtBot, executor: StoreExecutor
) -> None:
    owner = QObject()
    events: list[object] = []
    executor.changes.changed.connect(lambda changes: events.append(changes))

    def work(session: Session) -> Wrote[int]:
        conversation_id = _first_conversation(session)
        return Wrote(conversation_id, Changes(conversations=frozenset({conversation_id})))

    with qtbot.waitSignal(executor.changes.changed, timeout=5000):
        WriteOp(parent=owner, op=work, success=events.append).run(executor)
    value, changes = events
    assert isinstance(value, int)
    assert changes == Changes(conversations=frozenset({value}))


def test_changes_reach_the_bus_even_when_the_widget_that_wrote_is_gone(
    qtbot: QtBot, executor: StoreExecutor
) -> None:
    owner = QObject()
    delivered: list[int] = []

    def work(session: Session) -> Wrote[int]:
        return Wrote(1, Changes(outbox=True))

    WriteOp(parent=owner, op=work, success=delivered.append).run(executor)
    shiboken6.delete(owner)
    with qtbot.waitSignal(executor.changes.changed, timeout=5000) as published:
        pass
    assert published.args == [Changes(outbox=True)]
    assert delivered == []


def test_a_failure_without_a_handler_goes_to_the_status_bar_in_words(
    qtbot: QtBot, executor: StoreExecutor
) -> None:
    def work(session: Session) -> int:
        raise ProblemError(problem(NO_ENTRY))

    with qtbot.waitSignal(executor.failed, timeout=5000) as failed:
        QueryOp(parent=QObject(executor), op=work).run(executor)
    assert failed.args == ["The reply you chose is no longer in the library."]


def test_the_inbox_fetches_only_the_changed_rows_again(
    qtbot: QtBot, executor: StoreExecutor
) -> None:
    model = InboxModel(executor)
    with qtbot.waitSignal(model.ids_loaded, timeout=5000):
        model.reload()
    changed = [model.conversation_id(3), model.conversation_id(7)]
    assert None not in changed
    reloads: list[int] = []
    model.ids_loaded.connect(reloads.append)
    with qtbot.waitSignal(model.rows_refreshed, timeout=5000) as refreshed:
        executor.changes.publish(Changes(conversations=frozenset(i for i in changed if i)))
    assert refreshed.args == [sorted(i for i in changed if i)]
    qtbot.waitUntil(lambda: executor.pending == 0, timeout=5000)
    assert reloads == []  # the id list was not fetched again
    with qtbot.waitSignal(model.ids_loaded, timeout=5000):
        executor.changes.publish(Changes(listing=True))
