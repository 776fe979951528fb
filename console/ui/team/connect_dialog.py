"""*File → Connect to team store…*: where the team's PostgreSQL store is, and who signs in.

*Test connection* signs in off the UI thread and says who that is; *Connect*
does the same, then saves the connection (the settings file: host, port,
database, user; the password goes to the OS keyring only) and hands the open
store and the person to the window, which reopens on it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
)

from console.store import Store
from console.team.connection import DEFAULT_PORT, TeamConnection, sign_in_store
from console.team.people import PersonView
from console.ui.common.display_names import role_name
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.common.palette import set_role
from console.ui.common.problem_texts import error_text
from console.ui.lanes.file_lane import FileLane
from console.ui.team.saved_connection import save_connection, saved_connection, saved_password

#: Wide enough for a problem to wrap into a few readable lines.
MINIMUM_WIDTH = 460


class ConnectDialog(FollowsUiLanguage, QDialog):
    #: Connected and saved: the open store and the signed-in person.
    connected = Signal(object, object)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectDialog")
        self.store: Store | None = None
        self.person: PersonView | None = None
        self._lane = FileLane(self)
        self._connecting = False
        saved = saved_connection()
        self.host = QLineEdit(saved.host if saved else "", self)
        self.host.setObjectName("teamHost")
        self.port = QSpinBox(self)
        self.port.setObjectName("teamPort")
        self.port.setRange(1, 65535)
        self.port.setValue(saved.port if saved else DEFAULT_PORT)
        self.database = QLineEdit(saved.database if saved else "", self)
        self.database.setObjectName("teamDatabase")
        self.user = QLineEdit(saved.user if saved else "", self)
        self.user.setObjectName("teamUser")
        self.password = QLineEdit(self)
        self.password.setObjectName("teamPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(self)
        self.message.setObjectName("connectMessage")
        self.message.setWordWrap(True)
        self.test_button = QPushButton(self)
        self.test_button.setObjectName("testConnectionButton")
        self.connect_button = QPushButton(self)
        self.connect_button.setObjectName("connectButton")
        self.connect_button.setDefault(True)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.connect_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.test_button.clicked.connect(lambda: self._try(connect=False))
        buttons.accepted.connect(lambda: self._try(connect=True))
        buttons.rejected.connect(self.reject)
        self.labels = [QLabel(self) for _ in range(5)]
        form = QFormLayout(self)
        # The dialog grows to show a long, wrapped problem whole (a refused sign-in names the
        # server), instead of cutting it off at the size it opened with.
        form.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.setMinimumWidth(MINIMUM_WIDTH)
        for label, field in zip(
            self.labels,
            (self.host, self.port, self.database, self.user, self.password),
            strict=True,
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow(self.message)
        form.addRow(buttons)
        self.ui_language_changed()
        if saved is not None:  # the keyring may be slow (D-Bus) or ask to be unlocked
            self._lane.run(self, lambda: saved_password(saved), self._password_found)

    def _say(self, text: str) -> None:
        """Show ``text`` under the fields, the dialog grown to show it whole."""
        self.message.setText(text)
        self.adjustSize()

    def ui_language_changed(self) -> None:
        self.setWindowTitle(self.tr("Connect to team store"))
        for label, text in zip(
            self.labels,
            (self.tr("&Host"), self.tr("P&ort"), self.tr("&Database"), self.tr("&User"),
             self.tr("&Password")),
            strict=True,
        ):  # fmt: skip
            label.setText(text)
        self.test_button.setText(self.tr("&Test connection"))
        self.connect_button.setText(self.tr("&Connect"))

    def connection(self) -> TeamConnection:
        return TeamConnection(
            host=self.host.text().strip(),
            port=self.port.value(),
            database=self.database.text().strip(),
            user=self.user.text().strip(),
        )

    def _try(self, *, connect: bool) -> None:
        connection, password = self.connection(), self.password.text()
        if not connection.complete or not password:
            set_role(self.message, "error")
            self._say(self.tr("Enter the host, database, user and password."))
            return
        self._connecting = connect
        set_role(self.message, None)
        self._say(self.tr("Connecting…"))
        self.test_button.setEnabled(False)
        self.connect_button.setEnabled(False)
        self._lane.run(
            self,
            lambda: _sign_in(connection, password, save=connect),
            self._signed_in,
            error=self._failed,
        )

    def _password_found(self, password: str | None) -> None:
        """The saved password, read from the keyring off the UI thread (unless typed meanwhile)."""
        if password and not self.password.text():
            self.password.setText(password)

    def _signed_in(self, result: tuple[Store, PersonView, Exception | None]) -> None:
        store, person, not_saved = result
        self.test_button.setEnabled(True)
        self.connect_button.setEnabled(True)
        if not self._connecting:
            store.close()
            set_role(self.message, "ok")
            self._say(
                self.tr("Connected: you are %1 (%2).")
                .replace("%1", person.name)
                .replace("%2", role_name(person.role))
            )
            return
        self.store, self.person = store, person
        if not_saved is not None:  # the keyring refused: saved without the password
            self._say(error_text(not_saved))
        self.connected.emit(store, person)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.test_button.setEnabled(True)
        self.connect_button.setEnabled(True)
        set_role(self.message, "error")
        self._say(error_text(exc))

    def done(self, result: int) -> None:
        self._lane.shutdown()
        super().done(result)


def _sign_in(
    connection: TeamConnection, password: str, *, save: bool
) -> tuple[Store, PersonView, Exception | None]:
    """On the file lane: sign in; to connect, also remember the connection (the password in
    the keyring). A keyring that refuses does not stop the connection: its error comes back."""
    store, person = sign_in_store(connection, password)
    if not save:
        return store, person, None
    try:
        save_connection(connection, password)
    except Exception as exc:
        return store, person, exc
    return store, person, None
