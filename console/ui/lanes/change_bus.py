"""The one change bus: what a write changed, delivered to every view (see operations.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, Signal

from console.changes import Changes

T = TypeVar("T")


class ChangeBus(QObject):
    """Delivers each :class:`~console.changes.Changes` to every view that listens."""

    changed = Signal(object)

    def publish(self, changes: Changes) -> None:
        if not changes.empty:
            self.changed.emit(changes)


@dataclass(frozen=True)
class Wrote(Generic[T]):
    """What a write's work returns: its value, and what it changed."""

    value: T
    changes: Changes
