"""Who works at this seat, in the window: the signed-in person or the local profile.

The main window makes one :class:`Seat`. It adds *File → Connect to team store…*
and *Team → People* (the window's ``team_menu``, which other team features add
to), shows the person in the status bar, and in team mode keeps the person the
one who signed in: the Settings chooser offers nobody else.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

from console.inbox.queries import AgentSummary
from console.store.models import AgentRole
from console.team.people import VIEWER_ROLES, PersonView
from console.ui.common.display_names import role_name
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.team.connect_dialog import ConnectDialog
from console.ui.team.operations import load_person
from console.ui.team.people_window import PeopleWindow


class Seat(QObject):
    #: *Connect to team store…* succeeded: the open store and the signed-in person.
    team_store_opened = Signal(object, object)

    def __init__(self, window: Any, executor: StoreExecutor, person: PersonView | None) -> None:
        super().__init__(window)
        self._window, self._executor = window, executor
        #: The signed-in person (team mode); None: a single seat's local profile.
        self.signed_in = person
        self.team = not executor.store.is_sqlite
        self._viewer: PersonView | None = person
        self.connect_action = QAction(window)
        self.connect_action.setObjectName("connectTeamStoreAction")
        window.file_menu.insertAction(window.import_action, self.connect_action)
        self.people_action = QAction(window)
        self.people_action.setObjectName("peopleAction")
        window.team_menu.addAction(self.people_action)
        self.person_label = QLabel(window)
        self.person_label.setObjectName("personLabel")
        window.statusBar().addPermanentWidget(self.person_label)
        self.connect_action.triggered.connect(self.open_connect_dialog)
        self.people_action.triggered.connect(self.open_people)
        window.state.person_changed.connect(self._person_changed)
        self._update()

    def ui_language_changed(self) -> None:
        self.connect_action.setText(self.tr("Connect to &team store…"))
        self.people_action.setText(self.tr("&People…"))
        self._update()

    # -- who is at the seat ---------------------------------------------------------------

    def agent_id(self, chosen: int | None) -> int | None:
        """The person the window acts for: the signed-in one in team mode, else ``chosen``."""
        return self.signed_in.id if self.signed_in is not None else chosen

    def choosable(self, agents: list[tuple[int, str]]) -> list[tuple[int, str]]:
        """Whom the Settings chooser offers: in team mode only the one signed in."""
        if self.signed_in is None:
            return agents
        return [(self.signed_in.id, self.signed_in.name)]

    def _person_changed(self, person: AgentSummary | None) -> None:
        if person is None:
            self._viewer = None
            self._update()
        elif self._viewer is None or self._viewer.id != person.id:
            load_person(parent=self, person_id=person.id, success=self._viewer_loaded).run(
                self._executor
            )

    def _viewer_loaded(self, person: PersonView | None) -> None:
        self._viewer = person
        self._update()

    def _update(self) -> None:
        viewer = self._viewer
        self.people_action.setEnabled(viewer is not None and viewer.role in VIEWER_ROLES)
        if viewer is None:
            self.person_label.setText("")
        elif self.signed_in is not None:
            self.person_label.setText(
                self.tr("Signed in as %1 (%2)")
                .replace("%1", viewer.name)
                .replace("%2", role_name(viewer.role))
            )
        else:
            self.person_label.setText(self.tr("Local profile: %1").replace("%1", viewer.name))

    # -- windows --------------------------------------------------------------------------

    def open_people(self) -> PeopleWindow:
        viewer = self._viewer
        window = PeopleWindow(
            self._executor,
            self._window.state,
            can_edit=viewer is not None and viewer.role is AgentRole.ADMIN,
            team=self.team,
            parent=self._window,
        )
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        return window

    def open_connect_dialog(self) -> ConnectDialog:
        dialog = ConnectDialog(self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.connected.connect(self.team_store_opened)
        dialog.open()
        return dialog
