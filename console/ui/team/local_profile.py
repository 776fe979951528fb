"""A single seat's local profile: who works here, chosen (or created) at the first start.

A single-seat store (SQLite) has no sign-in; the person is a profile of the
store, chosen once per store and remembered in the settings, and shown in the
window's status bar. The first profile made in a store without people
administers it (it may add the others in *Team → People*).
"""

from __future__ import annotations

import hashlib
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
)

from console.team.people import PersonView
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.common.palette import set_role
from console.ui.common.problem_texts import error_text
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.team import operations


def _key(store_name: str) -> str:
    return "profile/" + hashlib.sha1(store_name.encode("utf-8")).hexdigest()[:16]


def needs_local_profile(store_name: str) -> bool:
    """Whether nobody was chosen yet for this store at this seat (its first start)."""
    return QSettings().value(_key(store_name)) in (None, "")


def remember_local_profile(store_name: str, agent_id: int, *, agent_key: str) -> None:
    settings = QSettings()
    settings.setValue(_key(store_name), agent_id)
    settings.setValue(agent_key, agent_id)
    settings.sync()


class LocalProfileDialog(FollowsUiLanguage, QDialog):
    """Choose who you are in this store, or type a name to make a new profile."""

    def __init__(self, executor: StoreExecutor, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("localProfileDialog")
        self._executor = executor
        #: The chosen (or new) person, once accepted.
        self.chosen: PersonView | None = None
        self._people: list[PersonView] = []
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.existing = QComboBox(self)
        self.existing.setObjectName("profileChoice")
        self.existing.setProperty("showsData", True)
        self.new_name = QLineEdit(self)
        self.new_name.setObjectName("newProfileName")
        self.message = QLabel(self)
        self.message.setObjectName("profileMessage")
        self.message.setWordWrap(True)
        set_role(self.message, "error")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        self.buttons.accepted.connect(self.choose)
        self.existing_label, self.new_label = QLabel(self), QLabel(self)
        self.existing_label.setBuddy(self.existing)
        self.new_label.setBuddy(self.new_name)
        form = QFormLayout(self)
        form.addRow(self.intro)
        form.addRow(self.existing_label, self.existing)
        form.addRow(self.new_label, self.new_name)
        form.addRow(self.message)
        form.addRow(self.buttons)
        self.ui_language_changed()
        self.buttons.setEnabled(False)
        operations.load_people(parent=self, success=self._loaded).run(executor)

    def ui_language_changed(self) -> None:
        self.setWindowTitle(self.tr("Who is working here?"))
        self.intro.setText(
            self.tr("Choose your profile in this store, or type your name to make a new one.")
        )
        self.existing_label.setText(self.tr("&Profile"))
        self.new_label.setText(self.tr("&New profile"))
        self.new_name.setPlaceholderText(self.tr("Your name"))

    def _loaded(self, everyone: list[PersonView]) -> None:
        self._people = [person for person in everyone if not person.disabled]
        for person in self._people:
            self.existing.addItem(person.name, person.id)
        self.existing.setEnabled(bool(self._people))
        self.buttons.setEnabled(True)
        (self.existing if self._people else self.new_name).setFocus()

    def choose(self) -> None:
        name = self.new_name.text().strip()
        if name:
            self.buttons.setEnabled(False)
            operations.create_local_profile(
                parent=self, name=name, first=not self._people, success=self._made
            ).failure(self._failed).run(self._executor)
            return
        chosen = self.existing.currentData()
        self.chosen = next((p for p in self._people if p.id == chosen), None)
        if self.chosen is None:
            self.message.setText(self.tr("Type your name to make a profile."))
            return
        self.accept()

    def _made(self, person: PersonView) -> None:
        self.chosen = person
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(error_text(exc))

    def reject(self) -> None:
        """Closing without a choice takes the first profile (the console still opens)."""
        if self.chosen is None and self._people:
            self.chosen = self._people[0]
        super().reject()
