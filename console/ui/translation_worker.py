"""A background thread for translation: CPU-heavy, prioritised, cancellable.

Translation must neither block the UI nor queue behind store work, so it has
its own thread. Jobs with a lower ``priority`` number run first (the message
the agent is looking at before the rest of the inbox); a job can be cancelled
while it waits, e.g. when the agent opens another conversation.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from console.ui.result_relay import ResultRelay

T = TypeVar("T")
log = logging.getLogger(__name__)

VISIBLE = 0
BACKGROUND = 10


@dataclass(order=True)
class _Job:
    priority: int
    sequence: int
    work: Callable[[], Any] = field(compare=False)
    owner: QObject = field(compare=False)
    done: Callable[[Any], None] | None = field(compare=False)
    error: Callable[[Exception], None] | None = field(compare=False)
    cancelled: threading.Event = field(compare=False, default_factory=threading.Event)


class JobHandle:
    def __init__(self, job: _Job) -> None:
        self._job = job

    def cancel(self) -> None:
        """Drop the job if it has not started; a running job's result is dropped."""
        self._job.cancelled.set()


class TranslationWorker(QObject):
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: queue.PriorityQueue[_Job] = queue.PriorityQueue()
        self._sequence = itertools.count()
        self._relay = ResultRelay(self)
        self._thread = threading.Thread(target=self._loop, name="translation", daemon=True)
        self._thread.start()

    def submit(
        self,
        owner: QObject,
        work: Callable[[], T],
        done: Callable[[T], None] | None = None,
        *,
        priority: int = BACKGROUND,
        error: Callable[[Exception], None] | None = None,
    ) -> JobHandle:
        job = _Job(priority, next(self._sequence), work, owner, done, error)
        self._queue.put(job)
        return JobHandle(job)

    def _loop(self) -> None:
        while True:
            job = self._queue.get()
            if job.work is _stop:
                return
            if job.cancelled.is_set():
                continue
            try:
                result = job.work()
            except Exception as exc:  # shown to the user, never lost
                log.exception("translation job failed")
                callback = job.error or self._report
                self._relay.post(job.owner, callback, exc)
                continue
            if not job.cancelled.is_set():
                self._relay.post(job.owner, job.done, result)

    def _report(self, exc: Exception) -> None:
        self.failed.emit(str(exc))

    def shutdown(self) -> None:
        """Stop after the running job; waiting jobs are dropped."""
        self._queue.put(_Job(-1, -1, _stop, self, None, None))
        self._thread.join(timeout=30)


def _stop() -> None:
    """Marks the job that ends the worker (it sorts before every real job)."""
