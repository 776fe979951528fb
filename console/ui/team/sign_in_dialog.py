"""The sign-in of a team store: user and password, checked off the UI thread.

The store opens as the person's own PostgreSQL login role; the person is who
``current_user`` is in the store (console/team/people.py). A wrong password, a
disabled or an expired account is refused with a sentence in the UI language;
the window opens only for someone signed in.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
)

from console.store import Store
from console.team.connection import TeamConnection, sign_in_store
from console.team.people import PersonView
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.common.palette import set_role
from console.ui.common.problem_texts import error_text
from console.ui.lanes.file_lane import FileLane

#: Wide enough for a problem to wrap into a few readable lines.
MINIMUM_WIDTH = 460


class SignInDialog(FollowsUiLanguage, QDialog):
    def __init__(
        self, connection: TeamConnection, password: str | None = None, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.connection = connection
        #: Once signed in: the open store and the person.
        self.store: Store | None = None
        self.person: PersonView | None = None
        self._lane = FileLane(self)
        self.where = QLabel(self)
        self.where.setProperty("showsData", True)
        self.user = QLineEdit(connection.user, self)
        self.user.setObjectName("signInUser")
        self.password = QLineEdit(password or "", self)
        self.password.setObjectName("signInPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(self)
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        set_role(self.message, "error")
        self.buttons = QDialogButtonBox(self)
        self.sign_in_button = QPushButton(self)
        self.sign_in_button.setObjectName("signInButton")
        self.sign_in_button.setDefault(True)
        self.buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.sign_in)
        self.buttons.rejected.connect(self.reject)
        self.user_label = QLabel(self)
        self.password_label = QLabel(self)
        form = QFormLayout(self)
        # The dialog grows to show a long, wrapped problem whole (a refused sign-in names the
        # server), instead of cutting it off at the size it opened with.
        form.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.setMinimumWidth(MINIMUM_WIDTH)
        form.addRow(self.where)
        form.addRow(self.user_label, self.user)
        form.addRow(self.password_label, self.password)
        form.addRow(self.message)
        form.addRow(self.buttons)
        self.ui_language_changed()
        (self.password if connection.user else self.user).setFocus()

    def _say(self, text: str) -> None:
        """Show ``text`` under the fields, the dialog grown to show it whole."""
        self.message.setText(text)
        self.adjustSize()

    def ui_language_changed(self) -> None:
        self.setWindowTitle(self.tr("Sign in to the team store"))
        self.where.setText(self.connection.describe())
        self.user_label.setText(self.tr("&User"))
        self.user_label.setBuddy(self.user)
        self.password_label.setText(self.tr("&Password"))
        self.password_label.setBuddy(self.password)
        self.sign_in_button.setText(self.tr("&Sign in"))

    def sign_in(self) -> None:
        user = self.user.text().strip()
        if not user or not self.password.text():
            self._say(self.tr("Enter your user name and password."))
            return
        self.connection = TeamConnection(
            host=self.connection.host,
            port=self.connection.port,
            database=self.connection.database,
            user=user,
        )
        self._say(self.tr("Signing in…"))
        self.sign_in_button.setEnabled(False)
        connection, password = self.connection, self.password.text()
        self._lane.run(
            self, lambda: sign_in_store(connection, password), self._signed_in, error=self._refused
        )

    def _signed_in(self, result: tuple[Store, PersonView]) -> None:
        self.store, self.person = result
        self.message.clear()
        self._lane.shutdown()
        self.accept()

    def _refused(self, exc: Exception) -> None:
        self.sign_in_button.setEnabled(True)
        self._say(error_text(exc))
        self.password.selectAll()
        self.password.setFocus()

    def done(self, result: int) -> None:
        self._lane.shutdown()
        super().done(result)
