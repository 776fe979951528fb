"""The translation worker: off the UI thread, visible work first, cancellable."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import ClassVar

from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from console.ui.lanes.translation_worker import BACKGROUND, VISIBLE, TranslationWorker


def test_jobs_run_off_the_ui_thread_and_visible_ones_first(qtbot: QtBot) -> None:
    worker = TranslationWorker()
    owner = QObject()
    gate = threading.Event()
    order: list[str] = []
    threads: list[threading.Thread] = []

    def job(name: str) -> str:
        if name == "blocker":
            gate.wait(5)
        threads.append(threading.current_thread())
        return name

    worker.submit(owner, lambda: job("blocker"), order.append, priority=BACKGROUND)
    time.sleep(0.05)  # the blocker is running; the rest queue up behind it
    for name in ("inbox-1", "inbox-2"):
        worker.submit(owner, lambda name=name: job(name), order.append, priority=BACKGROUND)
    worker.submit(owner, lambda: job("visible"), order.append, priority=VISIBLE)
    gate.set()
    qtbot.waitUntil(lambda: len(order) == 4, timeout=5000)
    assert order == ["blocker", "visible", "inbox-1", "inbox-2"]
    assert threading.main_thread() not in threads
    worker.shutdown()


def test_cancelled_jobs_do_not_run_or_deliver(qtbot: QtBot) -> None:
    worker = TranslationWorker()
    owner = QObject()
    gate = threading.Event()
    ran: list[str] = []
    delivered: list[str] = []
    worker.submit(owner, lambda: gate.wait(5) and "blocker", delivered.append)
    handle = worker.submit(owner, lambda: ran.append("cancelled") or "x", delivered.append)
    handle.cancel()
    worker.submit(owner, lambda: "kept", delivered.append)
    gate.set()
    qtbot.waitUntil(lambda: "kept" in delivered, timeout=5000)
    assert ran == [] and "x" not in delivered
    worker.shutdown()


def test_errors_go_to_the_failed_signal(qtbot: QtBot) -> None:
    worker = TranslationWorker()
    owner = QObject()

    def broken() -> None:
        raise RuntimeError("model file is corrupt")

    with qtbot.waitSignal(worker.failed, timeout=5000) as blocker:
        worker.submit(owner, broken)
    assert blocker.args == ["model file is corrupt"]
    worker.shutdown()


class _Captured:
    freed_on: ClassVar[list[threading.Thread]] = []

    def __del__(self) -> None:
        _Captured.freed_on.append(threading.current_thread())


def test_what_a_job_captures_is_released_on_the_ui_thread(qtbot: QtBot) -> None:
    worker = TranslationWorker()
    owner = QObject()
    _Captured.freed_on = []
    results: list[int] = []

    def job() -> Callable[[], int]:
        captured = _Captured()
        return lambda: id(captured) and 1

    for _ in range(30):
        worker.submit(owner, job(), results.append)
    qtbot.waitUntil(lambda: len(results) == 30, timeout=10_000)
    qtbot.wait(50)
    assert set(_Captured.freed_on) == {threading.main_thread()}
    worker.shutdown()
