"""*Team → People*: the Masked box, its default for vendor and temporary people, the list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.inbox.queries import AgentSummary
from console.store import Store
from console.store.models import Agent, AgentRole, AuditEntry
from console.ui.app_state import AppState
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.team.people_window import MASKED, NAME, PeopleWindow, PersonDialog


def _admin(store: Store) -> AgentSummary:
    with store.session() as session:
        agent = Agent(name="Ada Admin", role=AgentRole.ADMIN, languages=["en"])
        session.add(agent)
        session.flush()
        return AgentSummary(agent.id, agent.name, ("en",), False, "admin")


def _row_of(window: PeopleWindow, name: str) -> int:
    names = [window.model.index(row, NAME).data() for row in range(window.model.rowCount())]
    return names.index(name)


def _masked_in_store(store: Store, name: str) -> bool:
    with store.session() as session:
        return bool(session.scalars(select(Agent.masked).where(Agent.name == name)).one())


def _dialog(window: PeopleWindow) -> PersonDialog:
    """The dialog on screen (a closed one may linger until Qt deletes it)."""
    (dialog,) = [shown for shown in window.findChildren(PersonDialog) if shown.isVisible()]
    return dialog


def _save(qtbot: QtBot, window: PeopleWindow, dialog: PersonDialog, name: str) -> None:
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: name in [p.name for p in window.model.rows], timeout=10_000)


def test_masked_follows_vendor_and_last_day_and_can_be_changed(
    qtbot: QtBot, executor: StoreExecutor, demo_store: Store, translations: object
) -> None:
    state = AppState()
    state.set_person(_admin(demo_store))
    window = PeopleWindow(executor, state, can_edit=True, team=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() > 1, timeout=10_000)
    assert window.model.headerData(MASKED, Qt.Orientation.Horizontal) == "Customer data"

    # A vendor's agent: ticked by default.
    qtbot.mouseClick(window.add_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(window)
    qtbot.keyClicks(dialog.name, "Nina Vogel")
    assert not dialog.masked.isChecked()
    qtbot.keyClicks(dialog.vendor, "Acme BPO")
    assert dialog.masked.isChecked()
    _save(qtbot, window, dialog, "Nina Vogel")
    assert window.model.index(_row_of(window, "Nina Vogel"), MASKED).data() == "Masked"
    assert _masked_in_store(demo_store, "Nina Vogel")

    # A temporary in-house person: ticked by the last day; unticked by a click, it stays so.
    qtbot.mouseClick(window.add_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(window)
    qtbot.keyClicks(dialog.name, "Tim Temp")
    qtbot.keyClicks(dialog.expires, "2099-01-31")
    assert dialog.masked.isChecked()
    qtbot.mouseClick(dialog.masked, Qt.MouseButton.LeftButton)
    assert not dialog.masked.isChecked()
    qtbot.keyClicks(dialog.vendor, "Peak Staff")  # the administrator's choice is kept
    assert not dialog.masked.isChecked()
    _save(qtbot, window, dialog, "Tim Temp")
    assert window.model.index(_row_of(window, "Tim Temp"), MASKED).data() == "Unmasked"
    assert not _masked_in_store(demo_store, "Tim Temp")

    # Change Nina: unmask her.
    window.table.selectRow(_row_of(window, "Nina Vogel"))
    qtbot.mouseClick(window.change_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(window)
    assert dialog.masked.isChecked()
    qtbot.mouseClick(dialog.masked, Qt.MouseButton.LeftButton)
    _save(qtbot, window, dialog, "Nina Vogel")
    qtbot.waitUntil(
        lambda: window.model.index(_row_of(window, "Nina Vogel"), MASKED).data() == "Unmasked",
        timeout=10_000,
    )
    assert not _masked_in_store(demo_store, "Nina Vogel")
    with demo_store.session() as session:
        details = list(
            session.scalars(
                select(AuditEntry.detail)
                .where(AuditEntry.action == "person.changed")
                .order_by(AuditEntry.id)
            )
        )
    assert details[-1]["masked"] is False and details[-1]["before"]["masked"] is True
