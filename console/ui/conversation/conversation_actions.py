"""What an agent does to conversations: resolve, reopen, wait, snooze, priority, assign.

One set of actions, shared by the thread header's buttons, the inbox's context
menu (for every selected row) and the keyboard, so each does the same thing and
shows the same shortcut. The actions run the conversation's write operations
(console/ui/conversation/operations.py): what changed goes on the change bus, and
each view refreshes itself; they hold no rules of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QDateTime, QLocale, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from console.changes import Changes
from console.inbox.collisions import ChangedMeanwhile
from console.inbox.queries import AgentSummary
from console.store.models import ConversationStatus, Priority
from console.ui.app_state import AppState
from console.ui.common.display_names import priority_name
from console.ui.common.problem_texts import error_text
from console.ui.conversation.operations import assign, set_priority, set_statuses, snooze
from console.ui.lanes.operations import WriteOp
from console.ui.lanes.store_executor import StoreExecutor

#: Keyboard shortcuts (documented in the README).
SHORTCUTS = {
    "resolve": "Ctrl+E",
    "reopen": "Ctrl+Shift+E",
    "waiting": "Ctrl+Shift+W",
    "snooze": "Ctrl+Shift+S",
    "assign_me": "Ctrl+Shift+M",
}
PRIORITY_SHORTCUTS = {
    Priority.LOW: "Alt+1",
    Priority.NORMAL: "Alt+2",
    Priority.HIGH: "Alt+3",
    Priority.URGENT: "Alt+4",
}
MORNING_HOUR = 9


def snooze_choices(now: datetime) -> list[tuple[str, datetime]]:
    """Snooze ends offered at ``now`` (the agent's local time): key and moment."""
    morning = now.replace(hour=MORNING_HOUR, minute=0, second=0, microsecond=0)
    tomorrow = morning + timedelta(days=1)
    monday = morning + timedelta(days=(7 - now.weekday()) or 7)
    return [
        ("hour", now + timedelta(hours=1)),
        ("hours", now + timedelta(hours=4)),
        ("tomorrow", tomorrow),
        ("monday", monday),
    ]


class ConversationActions(QObject):
    #: A change could not be made; a message for the agent.
    failed = Signal(str)

    def __init__(
        self,
        executor: StoreExecutor,
        selection: Callable[[], list[int]],
        parent: QWidget,
        *,
        state: AppState | None = None,
    ) -> None:
        super().__init__(parent)
        self._executor = executor
        self._selection = selection
        self._window = parent
        #: Who is working: "assign to me" means them, and changes are recorded for them.
        self.state = state or AppState(self)
        self.state.person_changed.connect(lambda _person: self._enable_assign_me())
        self._agents: list[AgentSummary] = []
        #: The version of each chosen conversation as the agent saw it (id -> version): a
        #: change passes it and is refused if someone changed the conversation since.
        self.versions: Callable[[list[int]], dict[int, int]] = lambda _ids: {}

        self.resolve_action = self._action("resolveAction", SHORTCUTS["resolve"])
        self.reopen_action = self._action("reopenAction", SHORTCUTS["reopen"])
        self.waiting_action = self._action("waitingAction", SHORTCUTS["waiting"])
        self.assign_me_action = self._action("assignMeAction", SHORTCUTS["assign_me"])
        self.unassign_action = self._action("unassignAction")
        self.snooze_action = self._action("snoozeAction", SHORTCUTS["snooze"])
        self.resolve_action.triggered.connect(lambda: self._set(ConversationStatus.RESOLVED))
        self.reopen_action.triggered.connect(lambda: self._set(ConversationStatus.OPEN))
        self.waiting_action.triggered.connect(lambda: self._set(ConversationStatus.PENDING))
        self.assign_me_action.triggered.connect(lambda: self._assign(self.state.person_id))
        self.unassign_action.triggered.connect(lambda: self._assign(None))

        self.snooze_menu = QMenu(parent)
        self.snooze_menu.setObjectName("snoozeMenu")
        self.snooze_menu.aboutToShow.connect(self._fill_snooze_menu)
        self.snooze_action.triggered.connect(self._pop_snooze_menu)

        self.priority_menu = QMenu(parent)
        self.priority_menu.setObjectName("priorityMenu")
        self.priority_actions: dict[Priority, QAction] = {}
        for priority in Priority:
            action = self._action(f"priority{priority.name.title()}Action")
            action.setShortcut(QKeySequence(PRIORITY_SHORTCUTS[priority]))
            action.triggered.connect(lambda _=False, p=priority: self._prioritize(p))
            self.priority_menu.addAction(action)
            self.priority_actions[priority] = action

        self.assign_menu = QMenu(parent)
        self.assign_menu.setObjectName("assignMenu")
        self.assign_menu.aboutToShow.connect(self._fill_assign_menu)
        self.ui_language_changed()

    # -- composition ----------------------------------------------------------

    def _action(self, name: str, shortcut: str | None = None) -> QAction:
        action = QAction(self._window)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        self._window.addAction(action)  # shortcuts work wherever the focus is in the window
        return action

    def add_to(self, menu: QMenu) -> None:
        """Put every action in ``menu`` (the menu bar's Conversation menu, a context menu)."""
        menu.addAction(self.resolve_action)
        menu.addAction(self.reopen_action)
        menu.addAction(self.waiting_action)
        menu.addMenu(self.snooze_menu)
        menu.addSeparator()
        menu.addMenu(self.priority_menu)
        menu.addMenu(self.assign_menu)
        menu.addAction(self.assign_me_action)

    def ui_language_changed(self) -> None:
        self.resolve_action.setText(self.tr("&Resolve"))
        self.resolve_action.setToolTip(self.tr("Resolve: the customer has what they need"))
        self.reopen_action.setText(self.tr("Re&open"))
        self.waiting_action.setText(self.tr("&Waiting on customer"))
        self.snooze_action.setText(self.tr("&Snooze"))
        self.snooze_menu.setTitle(self.tr("&Snooze"))
        self.priority_menu.setTitle(self.tr("&Priority"))
        self.assign_menu.setTitle(self.tr("&Assign to"))
        self.assign_me_action.setText(self.tr("Assign to &me"))
        self.unassign_action.setText(self.tr("&Unassign"))
        for priority, action in self.priority_actions.items():
            action.setText(priority_name(priority))
        for action in self._all_actions():
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if shortcut:
                action.setToolTip(f"{action.text().replace('&', '')} ({shortcut})")

    def _all_actions(self) -> list[QAction]:
        return [
            self.resolve_action,
            self.reopen_action,
            self.waiting_action,
            self.snooze_action,
            self.assign_me_action,
            *self.priority_actions.values(),
        ]

    def set_agents(self, agents: Sequence[AgentSummary]) -> None:
        self._agents = list(agents)

    def _enable_assign_me(self) -> None:
        self.assign_me_action.setEnabled(self.state.person_id is not None)

    def update_for(self, status: ConversationStatus | None) -> None:
        """Enable what makes sense for the open conversation's status (None: nothing open)."""
        available = status is not None
        for action in (*self._all_actions(), self.unassign_action):
            action.setEnabled(available)
        self.priority_menu.setEnabled(available)
        self.assign_menu.setEnabled(available)
        if status is None:
            return
        self.resolve_action.setEnabled(status is not ConversationStatus.RESOLVED)
        self.reopen_action.setEnabled(status is not ConversationStatus.OPEN)
        self.waiting_action.setEnabled(status is not ConversationStatus.PENDING)
        self._enable_assign_me()

    # -- menus ----------------------------------------------------------------

    def _fill_snooze_menu(self) -> None:
        self.snooze_menu.clear()
        now = datetime.now().astimezone()
        labels = {
            "hour": self.tr("For an hour"),
            "hours": self.tr("For four hours"),
            "tomorrow": self.tr("Until tomorrow morning (%1)"),
            "monday": self.tr("Until Monday morning (%1)"),
        }
        for key, moment in snooze_choices(now):
            shown = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
            text = labels[key].replace("%1", QLocale().toString(shown, "ddd HH:mm"))
            action = self.snooze_menu.addAction(text)
            action.triggered.connect(lambda _=False, m=moment: self._snooze(m))
        self.snooze_menu.addSeparator()
        pick = self.snooze_menu.addAction(self.tr("Until a time you choose…"))
        pick.triggered.connect(self._ask_snooze_time)

    def _pop_snooze_menu(self) -> None:
        anchor = self._window.focusWidget() or self._window
        self.snooze_menu.popup(anchor.mapToGlobal(anchor.rect().center()))

    def _fill_assign_menu(self) -> None:
        self.assign_menu.clear()
        self.assign_menu.addAction(self.assign_me_action)
        self.assign_menu.addAction(self.unassign_action)
        if self._agents:
            self.assign_menu.addSeparator()
        for agent in self._agents:
            action = self.assign_menu.addAction(agent.name)
            action.triggered.connect(lambda _=False, a=agent.id: self._assign(a))

    def _ask_snooze_time(self) -> None:
        dialog = SnoozeDialog(self._window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._snooze(dialog.chosen())

    # -- commands -------------------------------------------------------------

    def _run(self, operation: Callable[[list[int], dict[int, int]], WriteOp[list[int]]]) -> None:
        ids = self._selection()
        if ids:
            operation(ids, self.versions(ids)).failure(self._failed).run(self._executor)

    def _failed(self, exc: Exception) -> None:
        self.failed.emit(error_text(exc))
        if isinstance(exc, ChangedMeanwhile):  # show them what it is now
            changed = frozenset(exc.conversation_ids)
            self._executor.changes.publish(Changes(conversations=changed, listing=True))

    def _set(self, status: ConversationStatus) -> None:
        actor = self.state.actor
        self._run(
            lambda ids, seen: set_statuses(
                parent=self, ids=ids, status=status, actor=actor, versions=seen
            )
        )

    def _snooze(self, until: datetime) -> None:
        actor = self.state.actor
        self._run(
            lambda ids, seen: snooze(parent=self, ids=ids, until=until, actor=actor, versions=seen)
        )

    def _prioritize(self, priority: Priority) -> None:
        actor = self.state.actor
        self._run(
            lambda ids, seen: set_priority(
                parent=self, ids=ids, priority=priority, actor=actor, versions=seen
            )
        )

    def _assign(self, agent_id: int | None) -> None:
        actor = self.state.actor
        self._run(
            lambda ids, seen: assign(
                parent=self, ids=ids, agent_id=agent_id, actor=actor, versions=seen
            )
        )


class SnoozeDialog(QDialog):
    """Pick when a snoozed conversation comes back (the agent's local time)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("snoozeDialog")
        self.setWindowTitle(self.tr("Snooze until"))
        self.when = QDateTimeEdit(QDateTime.currentDateTime().addSecs(3600), self)
        self.when.setObjectName("snoozeUntil")
        self.when.setCalendarPopup(True)
        self.when.setMinimumDateTime(QDateTime.currentDateTime().addSecs(60))
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "The conversation comes back at this time, or at once when the customer writes."
                ),
                self,
            )
        )
        layout.addWidget(self.when)
        layout.addWidget(buttons)

    def chosen(self) -> datetime:
        return datetime.fromtimestamp(self.when.dateTime().toSecsSinceEpoch()).astimezone()
