"""The single seat applies the retention rules once a day, on the store lane.

A clock checks every hour whether today's run has happened (the first check a minute
after start, so opening the window does no extra store work); the run is
:func:`console.privacy.retention.apply_retention`, then, when it erased something,
the store's files are purged. A team's headless worker calls the same function
(``console.privacy.retention.run_daily_retention``) instead.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QObject, QTimer, Signal

from console.privacy.retention import RetentionResult
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.policies.retention_operations import apply_daily_retention, purge_after_retention

FIRST_CHECK_MS = 60_000
CHECK_MS = 3_600_000


class RetentionSchedule(QObject):
    """Runs the retention rules once per UTC day while the window is open."""

    #: A run finished (its :class:`RetentionResult`).
    applied = Signal(object)

    def __init__(self, executor: StoreExecutor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = executor
        self.last_day: date | None = None
        self.clock = QTimer(self)
        self.clock.setObjectName("retentionClock")
        self.clock.setInterval(FIRST_CHECK_MS)
        self.clock.timeout.connect(self.run_if_due)

    def start(self) -> None:
        self.clock.start()

    def run_if_due(self, today: date | None = None) -> None:
        self.clock.setInterval(CHECK_MS)
        today = today or datetime.now(UTC).date()
        if self.last_day == today:
            return
        self.last_day = today
        apply_daily_retention(parent=self, today=today, success=self._applied).run(self._executor)

    def _applied(self, result: RetentionResult) -> None:
        if result.conversations:
            purge_after_retention(
                parent=self, store=self._executor.store, success=lambda _purged: None
            ).run(self._executor)
        self.applied.emit(result)
