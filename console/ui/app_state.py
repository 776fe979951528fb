"""Who is working, in which UI language, on which conversation: one place for the window.

Every write the window starts takes its actor from :attr:`AppState.actor`;
panels do not keep their own copy of the person's name. Team mode will set
:attr:`person` from the sign-in instead of from *Settings*.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from console.audit import actor_name
from console.inbox.queries import AgentSummary


class AppState(QObject):
    #: The person working at this seat changed (AgentSummary or None).
    person_changed = Signal(object)
    #: The UI language changed (its code, e.g. "zh_CN").
    ui_language_changed = Signal(str)
    #: Another conversation is open (its id, or None).
    conversation_changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._person: AgentSummary | None = None
        self._ui_language = "en"
        self._conversation_id: int | None = None

    @property
    def person(self) -> AgentSummary | None:
        return self._person

    @property
    def person_id(self) -> int | None:
        return self._person.id if self._person is not None else None

    @property
    def actor(self) -> str:
        """The name every write records as the one who did it."""
        return actor_name(self._person)

    def set_person(self, person: AgentSummary | None) -> None:
        if person != self._person:
            self._person = person
            self.person_changed.emit(person)

    @property
    def ui_language(self) -> str:
        return self._ui_language

    def set_ui_language(self, language: str) -> None:
        if language != self._ui_language:
            self._ui_language = language
            self.ui_language_changed.emit(language)

    @property
    def conversation_id(self) -> int | None:
        return self._conversation_id

    def set_conversation(self, conversation_id: int | None) -> None:
        if conversation_id != self._conversation_id:
            self._conversation_id = conversation_id
            self.conversation_changed.emit(conversation_id)
