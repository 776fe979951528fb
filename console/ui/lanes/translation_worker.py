"""A background thread for translation: CPU-heavy, prioritised, cancellable.

Translation must neither block the UI nor queue behind store work, so it has
its own thread. Jobs with a lower ``priority`` number run first (the message
the agent is looking at before the rest of the inbox); a job can be cancelled
while it waits, e.g. when the agent opens another conversation. As with the
store executor, the worker thread sees job ids; the callables stay with, and
are released by, the UI thread.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal

from console.ui.common.problem_texts import error_text
from console.ui.lanes.result_relay import ResultRelay

T = TypeVar("T")
log = logging.getLogger(__name__)

VISIBLE = 0
BACKGROUND = 10
#: Ahead-of-time work (console/ui/inbox/background_translation.py): taken only when nothing
#: interactive waits; its owner queues one small slice at a time.
IDLE = 20
_STOP = -1


@dataclass
class _Job:
    owner: QObject
    work: Callable[[], Any]
    done: Callable[[Any], None] | None
    error: Callable[[Exception], None] | None
    cancelled: threading.Event = field(default_factory=threading.Event)


class JobHandle:
    def __init__(self, cancelled: threading.Event) -> None:
        self._cancelled = cancelled

    def cancel(self) -> None:
        """Drop the job if it has not started; a running job's result is dropped."""
        self._cancelled.set()


class TranslationWorker(QObject):
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: queue.PriorityQueue[tuple[int, int]] = queue.PriorityQueue()
        self._jobs: dict[int, _Job] = {}
        self._ids = itertools.count()
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
        job_id = next(self._ids)
        job = _Job(owner, work, done, error)
        self._jobs[job_id] = job
        self._queue.put((priority, job_id))
        return JobHandle(job.cancelled)

    def _loop(self) -> None:
        while True:
            _priority, job_id = self._queue.get()
            if job_id == _STOP:
                return
            job = self._jobs[job_id]
            if job.cancelled.is_set():
                del job
                self._relay.post(self, self._finish, (job_id, (False, None)))
                continue
            work = job.work
            del job
            outcome: tuple[bool, Any]
            try:
                outcome = (True, work())
            except Exception as exc:  # shown to the user, never lost
                log.exception("translation job failed")
                outcome = (False, exc.with_traceback(None))
            finally:
                del work
            self._relay.post(self, self._finish, (job_id, outcome))

    def _finish(self, payload: tuple[int, tuple[bool, Any]]) -> None:
        job_id, (ok, value) = payload
        job = self._jobs.pop(job_id)
        if job.cancelled.is_set() or not shiboken6.isValid(job.owner):
            return
        callback = job.done if ok else (job.error or self._report)
        if callback is not None:
            callback(value)

    def _report(self, exc: Exception) -> None:
        self.failed.emit(error_text(exc))

    def shutdown(self) -> None:
        """Stop after the running job; waiting jobs are dropped."""
        self._queue.put((_STOP, _STOP))
        self._thread.join(timeout=30)
