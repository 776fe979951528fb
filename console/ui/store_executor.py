"""One background thread for all store work; results return on the UI thread.

Slots never touch the database: they hand a function of a
:class:`~sqlalchemy.orm.Session` to :meth:`StoreExecutor.run` and get its
result back, through a queued signal, on the UI thread.

The store thread only ever sees a job *id*: the job's callables (which may
capture widgets) live in a table owned by the UI thread and are released
there. Otherwise a finished job could drop the last reference to a widget on
the store thread, and Qt would delete the widget on the wrong thread.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session

from console.store import Store
from console.ui.result_relay import ResultRelay

T = TypeVar("T")
log = logging.getLogger(__name__)

_Job = tuple[
    QObject,
    Callable[[Session], Any],
    Callable[[Any], None] | None,
    Callable[[Exception], None] | None,
]


class StoreExecutor(QObject):
    """Serialises store work on one thread (SQLite prefers one writer)."""

    #: A job failed and had no error handler: a message for the status bar.
    failed = Signal(str)
    #: True while jobs are queued or running.
    busy_changed = Signal(bool)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store")
        self._jobs: dict[int, _Job] = {}
        self._ids = itertools.count()
        self._closed = False
        self._relay = ResultRelay(self)

    @property
    def store(self) -> Store:
        return self._store

    @property
    def pending(self) -> int:
        return len(self._jobs)

    def run(
        self,
        owner: QObject,
        work: Callable[[Session], T],
        done: Callable[[T], None] | None = None,
        *,
        error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Run ``work`` in a transaction on the store thread; ``done(result)`` on the UI thread.

        Nothing is delivered once ``owner`` (the object that asked) has been deleted,
        and nothing runs once the executor is shut down (the application is closing).
        """
        if self._closed:
            log.debug("store job after shutdown dropped: %r", work)
            return
        job_id = next(self._ids)
        self._jobs[job_id] = (owner, work, done, error)
        if len(self._jobs) == 1:
            self.busy_changed.emit(True)
        self._pool.submit(self._execute, job_id)

    def _execute(self, job_id: int) -> None:
        """On the store thread. Holds no reference to the job's callables when it posts."""
        work = self._jobs[job_id][1]
        outcome: tuple[bool, Any]
        try:
            with self._store.session() as session:
                outcome = (True, work(session))
        except Exception as exc:  # handed to the UI thread, never lost
            log.exception("store job failed")
            outcome = (False, exc.with_traceback(None))
        finally:
            del work
        self._relay.post(self, self._finish, (job_id, outcome))

    def _finish(self, payload: tuple[int, tuple[bool, Any]]) -> None:
        job_id, (ok, value) = payload
        owner, _work, done, error = self._jobs.pop(job_id)
        if not self._jobs:
            self.busy_changed.emit(False)
        callback = done if ok else (error or self._report)
        if callback is not None and shiboken6.isValid(owner):
            callback(value)

    def _report(self, exc: Exception) -> None:
        self.failed.emit(str(exc))

    def shutdown(self) -> None:
        """Finish queued work and stop the thread (results are no longer delivered)."""
        self._closed = True
        self._pool.shutdown(wait=True)
