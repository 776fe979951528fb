"""Translates the store's inbound messages ahead of time, at the lowest priority.

The languages are those of the agents who serve each message's market plus
the seat's UI language (console/translations/background.py). The store says
what is pending, conversations on screen first, then newest first; the work
goes to the translation thread one small slice at a time, at ``IDLE``
priority: the thread takes it only when no interactive job (the live reply
translation, the open conversation) is waiting, and the next slice is only
queued once the previous one is stored. So a live request waits at most for
the one slice that is running.

Messages that could not be translated (no installed model, undetermined
language) are remembered for the session and not tried again until the
models change (``forget_attempts``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from console.translations.background import (
    SLICE,
    BackgroundReport,
    PendingKey,
    PendingMessage,
    translate_slice,
)
from console.translations.pipeline import MessageTranslation
from console.ui.common.problem_texts import error_text
from console.ui.inbox.operations import (
    find_untranslated,
    load_untranslated_messages,
    store_translations,
)
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.lanes.translation_worker import IDLE, JobHandle, TranslationWorker
from translation.translator import Translator

#: Look again for new mail this often while the window is open.
RESCAN_MS = 5 * 60 * 1000


class BackgroundTranslation(QObject):
    #: One slice stored: its BackgroundReport (the ids in ``translated_messages``).
    slice_done = Signal(object)
    #: Nothing left that can be translated now: the run's BackgroundReport.
    finished = Signal(object)
    #: Something went wrong; a message for the user.
    failed = Signal(str)

    def __init__(
        self,
        executor: StoreExecutor,
        worker: TranslationWorker,
        translator: Callable[[], Translator],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._executor = executor
        self._worker = worker
        self._translator = translator
        self._keys: deque[PendingKey] = deque()
        self._attempted: set[PendingKey] = set()
        self._job: JobHandle | None = None
        self._report = BackgroundReport()
        self._generation = 0
        self.running = False
        self.slice_size = SLICE
        #: The seat's UI language: every conversation is translated into it.
        self.seat_language: str | None = None
        #: Conversation ids on screen (translated first).
        self.visible_conversations: Callable[[], list[int]] = list
        self._rescan = QTimer(self)
        self._rescan.setInterval(RESCAN_MS)
        self._rescan.timeout.connect(self.start)

    def start(self) -> None:
        """Look for pending work and translate it (no-op while a run is going on)."""
        if self.running:
            return
        self.running = True
        self._generation += 1
        self._report = BackgroundReport()
        find_untranslated(
            parent=self,
            seat_language=self.seat_language,
            first=self.visible_conversations(),
            skip=frozenset(self._attempted),
            success=partial(self._keys_arrived, self._generation),
        ).failure(self._stopped).run(self._executor)
        self._rescan.start()

    def stop(self) -> None:
        """Drop what has not started (the running slice's result is dropped)."""
        self._generation += 1
        self._rescan.stop()
        self._keys.clear()
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self.running = False

    def forget_attempts(self) -> None:
        """Models were installed or removed: what had no model may be translatable now."""
        self._attempted.clear()

    @property
    def pending(self) -> int:
        return len(self._keys)

    def _keys_arrived(self, generation: int, keys: list[PendingKey]) -> None:
        if generation != self._generation:
            return
        self._keys = deque(keys)
        self._next(generation)

    def _next(self, generation: int) -> None:
        if generation != self._generation:
            return
        if not self._keys:
            self.running = False
            self._job = None
            self.finished.emit(self._report)
            return
        keys = [self._keys.popleft() for _ in range(min(self.slice_size, len(self._keys)))]
        self._attempted.update(keys)
        load_untranslated_messages(
            parent=self, keys=keys, success=partial(self._loaded, generation)
        ).failure(self._stopped).run(self._executor)

    def _loaded(self, generation: int, items: list[PendingMessage]) -> None:
        if generation != self._generation:
            return
        self._job = self._worker.submit(
            self,
            partial(self._translate, items),
            partial(self._translated, generation),
            priority=IDLE,
            error=self._stopped,
        )

    def _translate(
        self, items: list[PendingMessage]
    ) -> list[tuple[PendingKey, MessageTranslation]]:
        """On the translation thread."""
        return translate_slice(self._translator(), items)

    def _translated(
        self, generation: int, results: list[tuple[PendingKey, MessageTranslation]]
    ) -> None:
        if generation != self._generation:
            return
        self._job = None
        store_translations(
            parent=self, results=results, success=partial(self._stored, generation)
        ).failure(self._stopped).run(self._executor)

    def _stored(self, generation: int, report: BackgroundReport) -> None:
        if generation != self._generation:
            return
        self._report.merge(report)
        self.slice_done.emit(report)
        self._next(generation)

    def _stopped(self, exc: Exception) -> None:
        self.stop()
        self.failed.emit(error_text(exc))
