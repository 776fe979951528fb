"""Named operations on the store, and the one change bus that tells every view.

Store work the window starts is an operation of its feature (a function that
returns a :class:`QueryOp` or a :class:`WriteOp`, e.g.
``console/ui/conversation/operations.py: send_reply``), run on the store lane
(:class:`~console.ui.lanes.store_executor.StoreExecutor`):

* a :class:`QueryOp` reads and hands its result to ``success`` on the UI thread;
* a :class:`WriteOp`'s work returns :class:`Wrote` (its value and the
  :class:`~console.changes.Changes` it made); after ``success`` the changes go on
  the executor's :class:`ChangeBus`, which every view listens to and refreshes
  only what it shows. The changes are published even when the widget that
  started the write is gone: other views still need to hear of it.

Failure is handled in one place: without a ``failure`` handler the message goes
to the window's status bar (the executor's ``failed`` signal); a failing store
(read-only, damaged, busy) also shows its dialog. Nothing is delivered to a
widget that has been deleted meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject
from sqlalchemy.orm import Session

from console.ui.lanes.change_bus import ChangeBus, Wrote
from console.ui.lanes.store_executor import StoreExecutor

__all__ = ["ChangeBus", "QueryOp", "WriteOp", "Wrote"]

T = TypeVar("T")


class QueryOp(Generic[T]):
    """Read from the store off the UI thread; ``success(result)`` back on it."""

    def __init__(
        self,
        *,
        parent: QObject,
        op: Callable[[Session], T],
        success: Callable[[T], None] | None = None,
    ) -> None:
        self._parent, self._op, self._success = parent, op, success
        self._failure: Callable[[Exception], None] | None = None

    def failure(self, handler: Callable[[Exception], None]) -> QueryOp[T]:
        self._failure = handler
        return self

    def run(self, executor: StoreExecutor) -> None:
        executor.run(self._parent, self._op, self._success, error=self._failure)


class WriteOp(Generic[T]):
    """Write to the store off the UI thread; then ``success(value)`` and the changes published."""

    def __init__(
        self,
        *,
        parent: QObject,
        op: Callable[[Session], Wrote[T]],
        success: Callable[[T], None] | None = None,
    ) -> None:
        self._parent, self._op, self._success = parent, op, success
        self._failure: Callable[[Exception], None] | None = None

    def failure(self, handler: Callable[[Exception], None]) -> WriteOp[T]:
        self._failure = handler
        return self

    def run(self, executor: StoreExecutor) -> None:
        executor.write(self._parent, self._op, self._success, error=self._failure)
