"""One background thread for all store work; results return on the UI thread.

Slots never touch the database: they hand a function of a
:class:`~sqlalchemy.orm.Session` to :meth:`StoreExecutor.run` and get its
result back, through a queued signal, on the UI thread.

The store thread only ever sees a job *id*: the job's callables (which may
capture widgets) live in a table owned by the UI thread and are released
there. Otherwise a finished job could drop the last reference to a widget on
the store thread, and Qt would delete the widget on the wrong thread.

When the store itself fails (read-only, disk full, damaged, busy) the job's
error is a :class:`~console.store.StoreError`; besides the job's own error
handler, the person sees a dialog with the problem in the UI language (one
dialog at a time, however many jobs fail). The transaction was rolled back, so
nothing stored is lost.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy.orm import Session

from console.privacy.masking import set_viewer
from console.problems import Problem
from console.store import Store, StoreError, translate_database_error
from console.store.errors import ChangedElsewhereError, NotPermittedError
from console.store.postgresql import UNREACHABLE
from console.ui.common.problem_texts import error_text, problem_text
from console.ui.lanes.change_bus import ChangeBus, Wrote
from console.ui.lanes.file_lane import FileLane
from console.ui.lanes.result_relay import ResultRelay

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
    #: The store itself failed (a :class:`~console.problems.Problem`); a dialog says so.
    store_failed = Signal(object)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store")
        self._jobs: dict[int, _Job] = {}
        self._ids = itertools.count()
        self._closed = False
        self._relay = ResultRelay(self)
        self._dialog: QMessageBox | None = None
        #: Show store failures in a dialog (off for tools that report them otherwise).
        self.show_store_errors = True
        #: A team store that cannot be reached is said in the status bar, not in a dialog
        #: (set by console/ui/lanes/live_updates.py, which shows it and reconnects).
        self.unreachable_in_status_bar = False
        #: What writes changed, for every view (console/ui/lanes/operations.py).
        self.changes = ChangeBus(self)
        #: Whether the person at this seat reads customer data masked; every job's session
        #: carries it for console/privacy/masking.py:masking_for (None: decided by the login).
        self.viewer_masked: bool | None = None
        #: The lane for file work (import, export), beside this one (console/ui/lanes/file_lane.py).
        self.files = FileLane(self)

    @property
    def store(self) -> Store:
        return self._store

    @property
    def pending(self) -> int:
        return len(self._jobs)

    @property
    def error_dialog(self) -> QMessageBox | None:
        """The dialog showing the last store failure, while it is open."""
        dialog = self._dialog
        return dialog if dialog is not None and shiboken6.isValid(dialog) else None

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

    def write(
        self,
        owner: QObject,
        work: Callable[[Session], Wrote[T]],
        done: Callable[[T], None] | None = None,
        *,
        error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Like :meth:`run` for a write: ``done(value)``, then its changes on :attr:`changes`.

        The changes are published even if ``owner`` is gone by then.
        """

        def wrote(result: Wrote[T]) -> None:
            if done is not None and shiboken6.isValid(owner):
                done(result.value)
            self.changes.publish(result.changes)

        def failed(exc: Exception) -> None:
            if not shiboken6.isValid(owner):
                return
            (error or self._report)(exc)

        self.run(self, work, wrote, error=failed)

    def _execute(self, job_id: int) -> None:
        """On the store thread. Holds no reference to the job's callables when it posts."""
        work = self._jobs[job_id][1]
        outcome: tuple[bool, Any]
        try:
            with self._store.session() as session:
                set_viewer(session, self.viewer_masked)
                outcome = (True, work(session))
        except Exception as exc:  # handed to the UI thread, never lost
            log.exception("store job failed")
            outcome = (False, _for_ui_thread(exc, self._store.name))
        finally:
            del work
        self._relay.post(self, self._finish, (job_id, outcome))

    def _finish(self, payload: tuple[int, tuple[bool, Any]]) -> None:
        job_id, (ok, value) = payload
        owner, _work, done, error = self._jobs.pop(job_id)
        if not self._jobs:
            self.busy_changed.emit(False)
        refused = isinstance(value, NotPermittedError | ChangedElsewhereError)
        if not ok and isinstance(value, StoreError) and not refused:
            # A change the person may not make, or one another seat made first, is no failure
            # of the store: its problem goes to the operation's error (the status bar), not to
            # the store's dialog.
            self.store_failed.emit(value.problem)
            quiet = self.unreachable_in_status_bar and value.problem.code == UNREACHABLE
            if self.show_store_errors and not quiet:
                self._show_store_problem(value.problem)
        callback = done if ok else (error or self._report)
        if callback is not None and shiboken6.isValid(owner):
            callback(value)

    def _report(self, exc: Exception) -> None:
        self.failed.emit(error_text(exc))

    def _show_store_problem(self, problem: Problem) -> None:
        """One non-blocking dialog in the window; a later failure updates its text."""
        text = problem_text(problem)
        dialog = self.error_dialog
        if dialog is not None:
            dialog.setText(text)
            return
        dialog = QMessageBox(
            QMessageBox.Icon.Critical,
            self.tr("The store could not be used"),
            text,
            QMessageBox.StandardButton.Ok,
            QApplication.activeWindow(),
        )
        dialog.setObjectName("storeErrorDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._dialog = dialog
        dialog.open()

    def shutdown(self) -> None:
        """Finish queued work and stop the thread (results are no longer delivered)."""
        self._closed = True
        self.files.shutdown()  # an import stops first: it may be writing through this store
        self._pool.shutdown(wait=True)
        dialog = self.error_dialog
        if dialog is not None:
            dialog.close()


def _for_ui_thread(exc: Exception, store_name: str) -> Exception:
    """The error to hand over: a store failure as its StoreError, without frames.

    Tracebacks and chained errors are dropped: their frames could hold the last
    reference to a widget the job captured (see the module docstring).
    """
    result: Exception = exc
    if not isinstance(exc, StoreError):
        result = translate_database_error(exc, store_name) or exc
    result.__cause__ = None
    result.__context__ = None
    return result.with_traceback(None)
