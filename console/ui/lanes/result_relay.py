"""Hands results from worker threads to callbacks on the UI thread.

Results travel through a thread-safe queue; the Qt signal only says "look".
No Python object crosses threads inside a QVariant, and nothing is delivered
to a QObject that has been deleted in the meantime.
"""

from __future__ import annotations

import contextlib
import queue
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

_Delivery = tuple[QObject, Callable[[Any], None] | None, Any]


class ResultRelay(QObject):
    _arrived = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._deliveries: queue.SimpleQueue[_Delivery] = queue.SimpleQueue()
        self._arrived.connect(self._deliver_all)

    def post(self, owner: QObject, callback: Callable[[Any], None] | None, value: Any) -> None:
        """From any thread: call ``callback(value)`` on the UI thread if ``owner`` lives."""
        self._deliveries.put((owner, callback, value))
        # RuntimeError: the relay itself is gone (its window closed): nobody to deliver to.
        with contextlib.suppress(RuntimeError):
            self._arrived.emit()

    def _deliver_all(self) -> None:
        while True:
            try:
                owner, callback, value = self._deliveries.get_nowait()
            except queue.Empty:
                return
            if callback is not None and shiboken6.isValid(owner):
                callback(value)
