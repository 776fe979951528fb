"""One background thread for all store work; results return on the UI thread.

Slots never touch the database: they hand a function of a
:class:`~sqlalchemy.orm.Session` to :meth:`StoreExecutor.run` and get its
result back, through a queued signal, on the UI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session

from console.store import Store
from console.ui.result_relay import ResultRelay

T = TypeVar("T")
log = logging.getLogger(__name__)


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
        self._pending = 0
        self._relay = ResultRelay(self)
        self._relay.after_delivery = self._job_delivered

    @property
    def store(self) -> Store:
        return self._store

    @property
    def pending(self) -> int:
        return self._pending

    def run(
        self,
        owner: QObject,
        work: Callable[[Session], T],
        done: Callable[[T], None] | None = None,
        *,
        error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Run ``work`` in a transaction on the store thread; ``done(result)`` on the UI thread.

        Nothing is delivered once ``owner`` (the object that asked) has been deleted.
        """
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        self._pool.submit(self._job, owner, work, done, error)

    def _job(
        self,
        owner: QObject,
        work: Callable[[Session], T],
        done: Callable[[T], None] | None,
        error: Callable[[Exception], None] | None,
    ) -> None:
        try:
            with self._store.session() as session:
                result = work(session)
        except Exception as exc:  # handed to the UI thread, never lost
            log.exception("store job failed")
            self._relay.post(owner, error or self._report, exc)
        else:
            self._relay.post(owner, done, result)

    def _job_delivered(self) -> None:
        self._pending -= 1
        if self._pending == 0:
            self.busy_changed.emit(False)

    def _report(self, exc: Exception) -> None:
        self.failed.emit(str(exc))

    def shutdown(self) -> None:
        """Finish queued work and stop the thread (results are no longer delivered)."""
        self._pool.shutdown(wait=True)
