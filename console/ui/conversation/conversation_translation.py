"""Translates the open conversation's messages in the background, newest first.

When a conversation opens, the store says which inbound messages have no
translation into the agent's language yet; each is detected (if needed) and
translated on the translation thread, then saved on the store thread, and the
thread view updates in place. Leaving the conversation cancels what has not
started. Translations are stored, so reopening a conversation is instant.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Signal

from console.inbox.queries import TranslationView
from console.translations.pipeline import MessageTranslation, translate_messages
from console.translations.service import DetectionContext, TranslationRequest
from console.ui.app_state import AppState
from console.ui.common.problem_texts import error_text
from console.ui.conversation.operations import (
    correct_message_language,
    load_untranslated,
    store_message_translation,
)
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.lanes.translation_worker import BACKGROUND, VISIBLE, JobHandle, TranslationWorker
from translation.translator import Translator

#: The newest messages are what the agent sees first.
VISIBLE_MESSAGES = 6


class ConversationTranslation(QObject):
    #: A message got its language and/or translation: (MessageTranslation, TranslationView|None).
    translated = Signal(object, object)
    #: No installed engine covers (source, target) for this conversation.
    route_missing = Signal(str, str)
    #: Something went wrong; a message for the user.
    failed = Signal(str)

    def __init__(
        self,
        executor: StoreExecutor,
        worker: TranslationWorker,
        translator: Callable[[], Translator],
        parent: Any = None,
        *,
        state: AppState | None = None,
    ) -> None:
        super().__init__(parent)
        self._executor = executor
        #: Who is working: language corrections are recorded for them.
        self.state = state or AppState(self)
        self._worker = worker
        self._translator = translator
        self._jobs: list[JobHandle] = []
        self._generation = 0
        self.conversation_id: int | None = None
        self.target_language = "en"

    def open(self, conversation_id: int | None) -> None:
        for job in self._jobs:
            job.cancel()
        self._jobs.clear()
        self._generation += 1
        self.conversation_id = conversation_id
        if conversation_id is None:
            return
        target = self.target_language
        load_untranslated(
            parent=self,
            conversation_id=conversation_id,
            target=target,
            success=partial(self._requests_arrived, self._generation, target),
        ).run(self._executor)

    def reload(self) -> None:
        self.open(self.conversation_id)

    def correct_language(self, message_id: int, language: str, *, actor: str | None = None) -> None:
        """The agent says which language a message is in (recorded for :attr:`state`'s actor;
        ``actor`` only while the window passes its own)."""
        correct_message_language(
            parent=self,
            message_id=message_id,
            language=language,
            actor=actor if actor is not None else self.state.actor,
            success=lambda _none: self.reload(),
        ).failure(self._report).run(self._executor)

    def _requests_arrived(
        self,
        generation: int,
        target: str,
        data: tuple[list[TranslationRequest], DetectionContext],
    ) -> None:
        if generation != self._generation:
            return
        requests, context = data
        # What the agent sees comes first, one message at a time; the rest of the
        # thread goes to the engine as one batch (much faster per message).
        for request in requests[:VISIBLE_MESSAGES]:
            self._jobs.append(
                self._worker.submit(
                    self,
                    partial(self._translate, [request], target, context),
                    partial(self._messages_done, generation, target),
                    priority=VISIBLE,
                    error=self._report,
                )
            )
        rest = requests[VISIBLE_MESSAGES:]
        if rest:
            self._jobs.append(
                self._worker.submit(
                    self,
                    partial(self._translate, rest, target, context),
                    partial(self._messages_done, generation, target),
                    priority=BACKGROUND,
                    error=self._report,
                )
            )

    def _translate(
        self, requests: list[TranslationRequest], target: str, context: DetectionContext
    ) -> list[MessageTranslation]:
        """On the translation thread (building the translator probes the disk)."""
        return translate_messages(self._translator(), requests, target, context)

    def _messages_done(
        self, generation: int, target: str, results: list[MessageTranslation]
    ) -> None:
        for result in results:
            self._message_done(generation, target, result)

    def _message_done(self, generation: int, target: str, result: MessageTranslation) -> None:
        if result.no_route is not None and generation == self._generation:
            self.route_missing.emit(*result.no_route)

        store_message_translation(
            parent=self,
            result=result,
            target=target,
            success=partial(self._saved, generation, result),
        ).run(self._executor)

    def _saved(
        self, generation: int, result: MessageTranslation, view: TranslationView | None
    ) -> None:
        if generation == self._generation:
            self.translated.emit(result, view)

    def _report(self, exc: Exception) -> None:
        self.failed.emit(error_text(exc))
