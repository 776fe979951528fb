"""Store work runs off the UI thread and comes back on it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import ClassVar

import shiboken6
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console.store.models import Conversation
from console.ui.lanes.store_executor import StoreExecutor


def test_work_runs_on_the_store_thread_and_results_return_on_the_ui_thread(
    qtbot: QtBot, executor: StoreExecutor
) -> None:
    seen: dict[str, object] = {}

    def work(session: Session) -> int:
        seen["work_thread"] = threading.current_thread()
        return int(session.scalar(select(func.count()).select_from(Conversation)) or 0)

    def done(count: int) -> None:
        seen["done_thread"] = threading.current_thread()
        seen["count"] = count

    executor.run(executor, work, done)
    qtbot.waitUntil(lambda: "count" in seen, timeout=5000)
    assert seen["work_thread"] is not threading.main_thread()
    assert seen["done_thread"] is threading.main_thread()
    assert seen["count"] == 60


def test_errors_reach_the_error_handler_or_the_failed_signal(
    qtbot: QtBot, executor: StoreExecutor
) -> None:
    def broken(_session: Session) -> None:
        raise ValueError("the store said no")

    errors: list[Exception] = []
    executor.run(executor, broken, error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert str(errors[0]) == "the store said no"

    with qtbot.waitSignal(executor.failed, timeout=5000) as blocker:
        executor.run(executor, broken)
    assert blocker.args == ["the store said no"]


def test_busy_signal_brackets_the_queue(qtbot: QtBot, executor: StoreExecutor) -> None:
    states: list[bool] = []
    executor.busy_changed.connect(states.append)
    for _ in range(3):
        executor.run(executor, lambda session: None)
    qtbot.waitUntil(lambda: executor.pending == 0, timeout=5000)
    assert states == [True, False]


def test_nothing_is_delivered_to_a_deleted_owner(qtbot: QtBot, executor: StoreExecutor) -> None:
    owner = QObject()
    delivered: list[int] = []
    executor.run(owner, lambda session: 1, delivered.append)
    shiboken6.delete(owner)
    qtbot.waitUntil(lambda: executor.pending == 0, timeout=5000)
    assert delivered == []


def test_jobs_after_shutdown_are_dropped(qtbot: QtBot, executor: StoreExecutor) -> None:
    executor.shutdown()
    delivered: list[int] = []
    executor.run(executor, lambda session: 1, delivered.append)
    assert executor.pending == 0
    qtbot.wait(50)
    assert delivered == []


class _Captured:
    """Records the thread it is freed on (stands in for a widget a job captured)."""

    freed_on: ClassVar[list[threading.Thread]] = []

    def __del__(self) -> None:
        _Captured.freed_on.append(threading.current_thread())


def test_what_a_job_captures_is_released_on_the_ui_thread(
    qtbot: QtBot, executor: StoreExecutor
) -> None:
    _Captured.freed_on = []
    results: list[int] = []

    def job() -> Callable[[Session], int]:
        captured = _Captured()
        return lambda session: id(captured) and 1

    for _ in range(30):
        executor.run(executor, job(), results.append)
    qtbot.waitUntil(lambda: len(results) == 30 and executor.pending == 0, timeout=10_000)
    assert len(_Captured.freed_on) == 30
    assert set(_Captured.freed_on) == {threading.main_thread()}
