"""Under the composer: the reply in the customer's language, live, and a back-translation.

The agent writes in their own language; after a pause in typing the reply is
translated on the translation thread into the customer's language (editable:
that text is what is sent) and back into the agent's, to check the meaning.
Once the agent edits the customer-language text it is no longer overwritten
until they ask for a fresh translation.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from console.problems import Problem
from console.translations.reply import ReplyDraft, translate_reply
from console.ui.common.display_names import language_name
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.common.palette import set_role
from console.ui.common.problem_texts import problem_text
from console.ui.lanes.translation_worker import VISIBLE, JobHandle, TranslationWorker
from translation.translator import Translator

DEBOUNCE_MS = 450


def reason_text(reason: str | Problem) -> str:
    """Why a reply could not be translated, in the UI language where the core names it."""
    return problem_text(reason) if isinstance(reason, Problem) else reason


class ReplyTranslationPanel(FollowsUiLanguage, QWidget):
    #: A translation of the current draft arrived (for tests and status).
    draft_ready = Signal(object)

    def __init__(
        self,
        worker: TranslationWorker,
        translator: Callable[[], Translator],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("replyTranslation")
        self._worker = worker
        self._translator = translator
        self._job: JobHandle | None = None
        self._source = ""
        self._edited = False
        self._filling = False
        self.agent_language = "en"
        self.customer_language: str | None = None
        self.draft: ReplyDraft | None = None
        #: Worked-out facts in the agent's text -> in the customer's (kept out of translation).
        self.facts: Callable[[], Mapping[str, str]] = dict

        self.title = QLabel(self)
        self.target = QPlainTextEdit(self)
        self.target.setObjectName("replyInCustomerLanguage")
        self.target.setMaximumHeight(90)
        self.back_title = QLabel(self)
        self.back = QLabel(self)
        self.back.setObjectName("backTranslation")
        self.back.setWordWrap(True)
        self.back.setProperty("showsData", True)
        set_role(self.back, "note")
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setProperty("showsData", True)
        set_role(self.notice, "warning")
        self.refresh_button = QPushButton(self)
        self.refresh_button.hide()
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.target)
        layout.addWidget(self.back_title)
        layout.addWidget(self.back)
        layout.addWidget(self.notice)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._translate_now)
        self.target.textChanged.connect(self._target_edited)
        self.refresh_button.clicked.connect(self._retranslate_on_request)
        self.ui_language_changed()
        self.set_languages("en", None)

    def ui_language_changed(self) -> None:
        self.back_title.setText(self.tr("Back-translation, to check the meaning:"))
        self.refresh_button.setText(self.tr("Translate again"))
        self._update_title()

    @property
    def active(self) -> bool:
        """Whether replies to this conversation go through translation."""
        return bool(self.customer_language) and self.customer_language != self.agent_language

    def set_languages(self, agent_language: str, customer_language: str | None) -> None:
        self.agent_language = agent_language
        self.customer_language = customer_language
        self.setVisible(self.active)
        self._update_title()
        self.clear()

    def source_changed(self, text: str) -> None:
        """The agent's own text changed: translate it after a pause in typing."""
        self._source = text
        if self.active and not self._edited:
            self._debounce.start()

    def facts_changed(self) -> None:
        """The customer's facts changed (their rules arrived): translate the text afresh."""
        if self._source.strip():
            self.source_changed(self._source)

    def outgoing_text(self) -> str | None:
        """What to send, or None while the translation of the latest text is still coming.

        Without translation (same language) the agent's text; with it, the
        customer-language text (as the agent may have edited it); when no
        engine can translate, the agent's text as written (the panel says so).
        """
        if not self.active or not self._source.strip():
            return self._source
        if self._edited:
            return self.target.toPlainText()
        if self.draft is None or self.draft.source_text != self._source:
            return None
        return self._source if self.draft.problem else self.target.toPlainText()

    def edited_outgoing(self) -> str | None:
        """The customer-language text as the agent edited it (None while it is the machine's)."""
        return self.target.toPlainText() if self._edited else None

    def restore(self, outgoing: str | None) -> None:
        """A kept draft is back: the agent's edited customer-language text, if there was one.

        Call it after the agent's own text is back in the composer; without an
        edited text the reply is translated afresh.
        """
        if outgoing is None or not self.active:
            return
        self._debounce.stop()
        self._edited = True
        self._fill(outgoing)
        self.refresh_button.show()

    def clear(self) -> None:
        if self._job is not None:
            self._job.cancel()
        self._debounce.stop()
        self._source = ""
        self._edited = False
        self.draft = None
        self._fill("")
        self.back.clear()
        self.notice.clear()
        self.refresh_button.hide()

    def _update_title(self) -> None:
        if self.customer_language:
            self.title.setText(
                self.tr("Sent to the customer in %1 (you can edit it):").replace(
                    "%1", language_name(self.customer_language)
                )
            )

    def translate_now(self) -> None:
        """Translate the current text without waiting for a pause in typing."""
        self._debounce.stop()
        self._translate_now()

    def _translate_now(self) -> None:
        if not self.active or self.customer_language is None:
            return
        if self._job is not None:
            self._job.cancel()
        text, agent, customer = self._source, self.agent_language, self.customer_language
        facts = dict(self.facts())
        self._job = self._worker.submit(
            self,
            lambda: translate_reply(self._translator(), text, agent, customer, facts),
            self._arrived,
            priority=VISIBLE,
        )

    def _arrived(self, draft: ReplyDraft) -> None:
        if draft.source_text != self._source or self._edited:
            return  # typed on meanwhile, or the agent owns the text now
        self.draft = draft
        self._fill(draft.text if draft.problem is None else "")
        self.back.setText(draft.back_translation)
        notices = list(draft.warnings)
        if draft.problem:
            notices.append(
                self.tr("No translation: the reply goes out as written. (%1)").replace(
                    "%1", reason_text(draft.problem)
                )
            )
        self.notice.setText("\n".join(notices))
        self.draft_ready.emit(draft)

    def _fill(self, text: str) -> None:
        self._filling = True
        try:
            self.target.setPlainText(text)
        finally:
            self._filling = False

    def _target_edited(self) -> None:
        if not self._filling and self.draft is not None:
            self._edited = True
            self.refresh_button.show()

    def _retranslate_on_request(self) -> None:
        self._edited = False
        self.refresh_button.hide()
        self._translate_now()
