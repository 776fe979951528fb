"""The audit viewer's store work, as named operations (console/ui/lanes/operations.py).

Pages, counts and filter choices are :class:`QueryOp` reads on the store lane. The
chain check reads the whole log, which takes seconds at a million entries, so it
does not hold up the store lane: :class:`ChainCheck` runs it on a thread of its own
(its own connection, read only) and reports back on the UI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session

from console.privacy.audit_chain import ChainReport, VerifyCancelled, verify_store
from console.privacy.audit_log import (
    AuditChoices,
    AuditFilter,
    AuditRow,
    audit_choices,
    can_view_audit,
    count_entries,
    page_entries,
)
from console.store import Store
from console.ui.lanes.operations import QueryOp


def load_audit_access(
    *, parent: QObject, person_id: int | None, success: Callable[[bool], None]
) -> QueryOp[bool]:
    """Whether the person may read the audit log (admins and compliance staff)."""
    return QueryOp(
        parent=parent, op=lambda session: can_view_audit(session, person_id), success=success
    )


def load_audit_choices(
    *, parent: QObject, success: Callable[[AuditChoices], None]
) -> QueryOp[AuditChoices]:
    return QueryOp(parent=parent, op=audit_choices, success=success)


def load_audit_page(
    *,
    parent: QObject,
    wanted: AuditFilter,
    below: int | None,
    success: Callable[[list[AuditRow]], None],
) -> QueryOp[list[AuditRow]]:
    """A page of entries, newest first, below id ``below`` (None: the newest)."""

    def op(session: Session) -> list[AuditRow]:
        return page_entries(session, wanted, below=below)

    return QueryOp(parent=parent, op=op, success=success)


def count_audit_entries(
    *, parent: QObject, wanted: AuditFilter, success: Callable[[int], None]
) -> QueryOp[int]:
    def op(session: Session) -> int:
        return count_entries(session, wanted)

    return QueryOp(parent=parent, op=op, success=success)


class ChainCheck(QObject):
    """``support-console audit verify`` off the UI thread; signals arrive on the UI thread."""

    #: Entries checked so far.
    progressed = Signal(int)
    #: The :class:`~console.privacy.audit_chain.ChainReport`.
    finished = Signal(object)
    #: The check failed (the exception).
    failed = Signal(object)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="audit-verify", daemon=True)
        self._thread.start()

    def cancel(self, *, wait: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(wait)

    def _run(self) -> None:
        def progress(checked: int) -> bool:
            if not self._stop.is_set():
                self.progressed.emit(checked)
            return not self._stop.is_set()

        try:
            report: ChainReport = verify_store(self._store, progress=progress)
        except VerifyCancelled:
            return
        except Exception as exc:  # reported to the window, which words it
            if not self._stop.is_set():
                self.failed.emit(exc)
            return
        if not self._stop.is_set():
            self.finished.emit(report)
