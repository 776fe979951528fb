"""The window shows who works at the seat; in team mode Settings offers nobody else."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from console.store import Store
from console.team import people
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.main_window import MainWindow
from console.ui.settings.ui_language import UiLanguage


def test_a_single_seat_shows_its_local_profile(window: MainWindow, qtbot: QtBot) -> None:
    assert window.state.person is not None
    name = window.state.person.name
    qtbot.waitUntil(lambda: window.seat.person_label.text() == f"Local profile: {name}")


def test_the_signed_in_person_is_who_acts(
    qtbot: QtBot, executor: StoreExecutor, demo_store: Store, translations: UiLanguage
) -> None:
    with demo_store.session() as session:
        everyone = people.list_people(session)
    person = everyone[-1]  # not the first, whom a single seat would pick
    main = MainWindow(executor, translations, person=person)
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.ready, timeout=15_000):
        main.show()
    try:
        assert main.state.person is not None and main.state.person.id == person.id
        assert main.state.actor == person.name
        role = {"agent": "Agent", "lead": "Team lead", "compliance": "Compliance"}
        label = f"Signed in as {person.name} ({role.get(person.role.value, '')})"
        qtbot.waitUntil(lambda: main.seat.person_label.text() == label)
        assert main.seat.choosable([(1, "A"), (person.id, person.name)]) == [
            (person.id, person.name)
        ]
        assert main.seat.people_action.isEnabled() is (person.role.value in ("lead", "admin"))
    finally:
        main.shutdown()
        qtbot.waitUntil(lambda: executor.pending == 0, timeout=10_000)
