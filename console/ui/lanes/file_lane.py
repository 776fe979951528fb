"""The file lane: one background thread for file work (import, export); results on the UI thread.

Reading a mailbox or writing a CSV must neither freeze the window nor queue
behind the store lane (:class:`~console.ui.lanes.store_executor.StoreExecutor`) that
every view pages through: an import of a large mailbox runs here while the inbox
keeps paging. Work that stores something opens its own short transactions
(``store.session()``), one per batch, and says what it changed with a
:class:`~console.changes.Changes` for the store lane's change bus.

As on the store lane, the file thread only ever sees a job *id*: the job's
callables (which may capture widgets) stay in a table owned by the UI thread,
and results come back through a :class:`ResultRelay`. A job may hand over a
``stop`` event: long work checks it, and :meth:`FileLane.shutdown` sets it, so
closing the application does not wait for a whole import.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal

from console.ui.common.problem_texts import error_text
from console.ui.lanes.result_relay import ResultRelay

T = TypeVar("T")
log = logging.getLogger(__name__)

#: The file lane's thread is named ``file_0``.
THREAD_PREFIX = "file"

_Job = tuple[
    QObject,
    Callable[[], Any],
    Callable[[Any], None] | None,
    Callable[[Exception], None] | None,
    threading.Event | None,
]


class FileLane(QObject):
    """Serialises file work on one thread of its own, beside the store lane."""

    #: A job failed and had no error handler: a message for the status bar.
    failed = Signal(str)
    #: True while jobs are queued or running.
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=THREAD_PREFIX)
        self._jobs: dict[int, _Job] = {}
        self._ids = itertools.count()
        self._closed = False
        self._relay = ResultRelay(self)

    @property
    def pending(self) -> int:
        return len(self._jobs)

    def run(
        self,
        owner: QObject,
        work: Callable[[], T],
        done: Callable[[T], None] | None = None,
        *,
        error: Callable[[Exception], None] | None = None,
        stop: threading.Event | None = None,
    ) -> None:
        """Run ``work()`` on the file thread; ``done(result)`` or ``error(exc)`` on the UI thread.

        Nothing is delivered once ``owner`` has been deleted; nothing runs once the
        lane is shut down. ``stop`` is set when the lane shuts down.
        """
        if self._closed:
            log.debug("file job after shutdown dropped: %r", work)
            return
        job_id = next(self._ids)
        self._jobs[job_id] = (owner, work, done, error, stop)
        if len(self._jobs) == 1:
            self.busy_changed.emit(True)
        self._pool.submit(self._execute, job_id)

    def _execute(self, job_id: int) -> None:
        """On the file thread. Holds no reference to the job's callables when it posts."""
        work = self._jobs[job_id][1]
        outcome: tuple[bool, Any]
        try:
            outcome = (True, work())
        except Exception as exc:  # handed to the UI thread, never lost
            log.exception("file job failed")
            exc.__cause__ = exc.__context__ = None  # no frames that could hold a widget
            outcome = (False, exc.with_traceback(None))
        finally:
            del work
        self._relay.post(self, self._finish, (job_id, outcome))

    def _finish(self, payload: tuple[int, tuple[bool, Any]]) -> None:
        job_id, (ok, value) = payload
        owner, _work, done, error, _stop = self._jobs.pop(job_id)
        if not self._jobs:
            self.busy_changed.emit(False)
        callback = done if ok else (error or self._report)
        if callback is not None and shiboken6.isValid(owner):
            callback(value)

    def _report(self, exc: Exception) -> None:
        self.failed.emit(error_text(exc))

    def shutdown(self) -> None:
        """Tell running work to stop, finish what is queued, end the thread (no more results)."""
        self._closed = True
        for *_job, stop in list(self._jobs.values()):
            if stop is not None:
                stop.set()
        self._pool.shutdown(wait=True)
