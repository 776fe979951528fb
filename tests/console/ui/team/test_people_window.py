"""*Team → People* on a single seat, and the local profile at the first start."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.inbox.queries import AgentSummary
from console.store import Store, open_store, sqlite_url
from console.store.models import Agent, AgentRole, AuditEntry
from console.ui.app_state import AppState
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.team.local_profile import (
    LocalProfileDialog,
    needs_local_profile,
    remember_local_profile,
)
from console.ui.team.people_window import ACCOUNT, NAME, PeopleWindow


def _admin(store: Store) -> AgentSummary:
    with store.session() as session:
        agent = Agent(name="Ada Admin", role=AgentRole.ADMIN, languages=["en"])
        session.add(agent)
        session.flush()
        return AgentSummary(agent.id, agent.name, ("en",))


def _row_of(window: PeopleWindow, name: str) -> int:
    names = [window.model.index(row, NAME).data() for row in range(window.model.rowCount())]
    return names.index(name)


def test_an_administrator_adds_and_disables_a_person(
    qtbot: QtBot, executor: StoreExecutor, demo_store: Store, translations: object
) -> None:
    state = AppState()
    state.set_person(_admin(demo_store))
    window = PeopleWindow(executor, state, can_edit=True, team=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() > 1, timeout=10_000)

    qtbot.mouseClick(window.add_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(QDialog, "personDialog")
    assert dialog is not None
    qtbot.keyClicks(dialog.name, "Nina Vogel")
    qtbot.keyClicks(dialog.markets, "DE")
    qtbot.keyClicks(dialog.languages, "de, en")
    qtbot.keyClicks(dialog.vendor, "Acme BPO")
    qtbot.keyClicks(dialog.expires, "2099-01-31")
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Nina Vogel" in str(window.model.rows), timeout=10_000)
    row = _row_of(window, "Nina Vogel")
    person = window.model.rows[row]
    assert (person.markets, person.languages, person.vendor) == (
        ("DACH",),
        ("de", "en"),
        "Acme BPO",
    )

    window.table.selectRow(row)
    assert window.disable_button.text() == "&Disable"
    qtbot.mouseClick(window.disable_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: window.model.rows[_row_of(window, "Nina Vogel")].disabled, timeout=10_000
    )
    assert window.model.index(_row_of(window, "Nina Vogel"), 6).data() == "Disabled"
    with demo_store.session() as session:
        actions = list(session.scalars(select(AuditEntry.action).where(
            AuditEntry.entity == "agent", AuditEntry.actor == "Ada Admin"
        )))  # fmt: skip
    assert actions == ["person.added", "person.disabled"]


def test_bad_input_stays_in_the_dialog_with_its_reason(
    qtbot: QtBot, executor: StoreExecutor, demo_store: Store, translations: object
) -> None:
    state = AppState()
    state.set_person(_admin(demo_store))
    window = PeopleWindow(executor, state, can_edit=True, team=False)
    qtbot.addWidget(window)
    qtbot.mouseClick(window.add_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(QDialog, "personDialog")
    assert dialog is not None
    qtbot.keyClicks(dialog.name, "Nobody")
    qtbot.keyClicks(dialog.markets, "ZZ")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: "There is no market ZZ" in dialog.message.text(), timeout=10_000)
    assert dialog.isVisible()


def test_a_lead_sees_the_people_but_changes_nothing(
    qtbot: QtBot, executor: StoreExecutor, translations: object
) -> None:
    window = PeopleWindow(executor, AppState(), can_edit=False, team=False)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=10_000)
    window.table.selectRow(0)
    assert not window.add_button.isEnabled() and not window.disable_button.isEnabled()


def test_a_person_without_a_login_is_a_local_profile_at_a_seat_and_no_sign_in_in_a_team(
    qtbot: QtBot, executor: StoreExecutor, translations: object
) -> None:
    for team, said in ((False, "Local profile"), (True, "No sign-in")):
        window = PeopleWindow(executor, AppState(), can_edit=False, team=team)
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda window=window: window.model.rowCount() > 0, timeout=10_000)
        accounts = {
            window.model.index(row, ACCOUNT).data() for row in range(window.model.rowCount())
        }
        assert said in accounts


def test_the_first_start_makes_a_local_profile(
    qtbot: QtBot, qapp: object, tmp_path: Path, translations: object
) -> None:
    store = open_store(sqlite_url(tmp_path / "mine.sqlite3"))
    executor = StoreExecutor(store)
    try:
        assert needs_local_profile(store.name)
        dialog = LocalProfileDialog(executor)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(dialog.buttons.isEnabled, timeout=10_000)
        assert not dialog.existing.isEnabled()  # nobody yet
        qtbot.keyClicks(dialog.new_name, "Mei Lin")
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
        assert dialog.chosen is not None and dialog.chosen.name == "Mei Lin"
        assert dialog.chosen.role is AgentRole.ADMIN  # the first one administers the seat
        remember_local_profile(store.name, dialog.chosen.id, agent_key="agent/id")
        assert not needs_local_profile(store.name)
    finally:
        executor.shutdown()
        store.close()
