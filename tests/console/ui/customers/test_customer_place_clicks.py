"""The customer's country in the window: a Dutch e-mail customer gets the Dutch rules, the
panel says why, and the agent sets country, region and city by clicking and typing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.channels.importer import import_path
from console.customers.country import CustomerPlace
from console.store import Store
from console.store.models import AuditEntry, ChannelIdentity, Customer
from console.ui.customers.customer_panel import CustomerPanel
from console.ui.customers.place_editor import PlaceEditor
from console.ui.main_window import MainWindow

# The place dialog on the offscreen platform: it cannot raise windows or grab the keyboard.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
)

SENDER = "sanne@voorbeeld.nl"
ERASURE_NL = (
    "Beste klantenservice,\r\n\r\nIk wil dat u al mijn persoonsgegevens wist. "
    "Verwijder mijn account en mijn gegevens volgens de AVG.\r\n\r\nGroet,\r\nSanne"
)


@pytest.fixture
def dutch_customer(demo_store: Store, tmp_path: Path) -> int:
    """A Dutch GDPR erasure request by e-mail, newer than every demo conversation."""
    sent = datetime.now(UTC) - timedelta(minutes=5)
    raw = (
        f"From: Sanne de Vries <{SENDER}>\r\n"
        "To: support@shop.example\r\n"
        "Subject: Verwijder mijn gegevens\r\n"
        f"Date: {format_datetime(sent)}\r\n"
        "Message-ID: <avg-1@voorbeeld.nl>\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "\r\n"
        f"{ERASURE_NL}\r\n"
    ).encode()
    path = tmp_path / "avg.eml"
    path.write_bytes(raw)
    assert import_path(demo_store, path).imported == 1
    with demo_store.session() as session:
        return session.scalars(
            select(ChannelIdentity.customer_id).where(ChannelIdentity.address == SENDER)
        ).one()


def _open_customer(window: MainWindow) -> int | None:
    detail = window.conversation.detail
    return detail.customer.id if detail is not None else None


def _rules_header(window: MainWindow) -> str:
    panel = window.customer_panel.policy_panel
    return panel.header.text() if panel.view is not None else ""


def _wait_idle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window._executor.pending == 0, timeout=10_000)


def test_a_dutch_email_customer_gets_the_dutch_rules_and_the_evidence(
    dutch_customer: int, window: MainWindow, qtbot: QtBot
) -> None:
    qtbot.waitUntil(lambda: _open_customer(window) == dutch_customer, timeout=10_000)
    qtbot.waitUntil(lambda: "(NL)" in _rules_header(window), timeout=10_000)
    panel = window.customer_panel
    policy = panel.policy_panel
    assert not policy.empty.isVisible()  # not "No rules are known for this customer's country"
    assert policy.header.text().startswith("Netherlands (NL)")
    assert policy.values["data_request"].text()  # the answer-by date of the erasure request
    assert policy.alert.isVisible() and policy.task_buttons  # "open task" for the request
    qtbot.waitUntil(lambda: panel.place is not None, timeout=5000)
    assert panel.country.text() == "Netherlands (NL)"
    assert panel.country_reason.text() == "From the e-mail domain: voorbeeld.nl"
    assert panel.set_place_button.isVisible() and panel.set_place_button.isEnabled()


def _type_into(qtbot: QtBot, field: QWidget, text: str) -> None:
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)


def _open_editor(qtbot: QtBot, window: MainWindow) -> PlaceEditor:
    panel = window.customer_panel
    qtbot.waitUntil(lambda: panel.place is not None and panel.set_place_button.isEnabled())
    qtbot.mouseClick(panel.set_place_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.place_editor is not None and panel.place_editor.isVisible())
    editor = panel.place_editor
    assert editor is not None
    return editor


def test_the_agent_sets_country_region_and_city_and_rules_and_clock_follow(
    dutch_customer: int, window: MainWindow, qtbot: QtBot, demo_store: Store
) -> None:
    qtbot.waitUntil(lambda: "(NL)" in _rules_header(window), timeout=10_000)
    qtbot.waitUntil(
        lambda: (
            window.local_time_panel.view is not None
            and window.local_time_panel.view.zone.zone == "Europe/Amsterdam"
        ),
        timeout=5000,
    )
    agent = window._current_agent()
    assert agent is not None
    editor = _open_editor(qtbot, window)
    assert editor.country.currentText() == "Netherlands (NL)"  # what is stored, to correct
    country_line = editor.country.lineEdit()
    assert isinstance(country_line, QLineEdit)
    _type_into(qtbot, country_line, "Belgium")
    _type_into(qtbot, editor.region, "Antwerpen")
    _type_into(qtbot, editor.city, "Mechelen")
    save = editor.buttons.button(QDialogButtonBox.StandardButton.Save)
    with qtbot.waitSignal(window.customer_panel.place_changed, timeout=5000) as changed:
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert changed.args == [dutch_customer]

    # The rules panel and the local time panel follow for the same customer.
    qtbot.waitUntil(lambda: "(BE)" in _rules_header(window), timeout=10_000)
    qtbot.waitUntil(
        lambda: (
            window.local_time_panel.view is not None
            and window.local_time_panel.view.zone.zone == "Europe/Brussels"
        ),
        timeout=10_000,
    )
    panel = window.customer_panel
    qtbot.waitUntil(lambda: panel.country.text() == "Belgium (BE)", timeout=5000)
    assert panel.location.text() == "Mechelen, Antwerpen"
    assert panel.country_reason.text().startswith(f"Set by {agent.name} on ")
    _wait_idle(qtbot, window)

    with demo_store.session() as session:
        customer = session.get(Customer, dutch_customer)
        assert customer is not None
        assert (customer.country, customer.region, customer.city) == ("BE", "Antwerpen", "Mechelen")
        assert customer.country_source == "agent"
        entries = session.scalars(
            select(AuditEntry).where(
                AuditEntry.action == "set_customer_place", AuditEntry.entity_id == dutch_customer
            )
        ).all()
    assert [entry.actor for entry in entries] == [agent.name]
    assert entries[0].detail["previous"] == {"country": "NL"}  # no place text in the log
    assert entries[0].detail["city_changed"] is True


def test_a_country_the_console_does_not_know_is_refused_in_the_dialog(
    dutch_customer: int, window: MainWindow, qtbot: QtBot, demo_store: Store
) -> None:
    qtbot.waitUntil(lambda: _open_customer(window) == dutch_customer, timeout=10_000)
    editor = _open_editor(qtbot, window)
    country_line = editor.country.lineEdit()
    assert isinstance(country_line, QLineEdit)
    _type_into(qtbot, country_line, "Atlantis")
    qtbot.mouseClick(
        editor.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert editor.isVisible()
    assert editor.problem.isVisible()
    assert "Atlantis" in editor.problem.text() and "not a country" in editor.problem.text()
    qtbot.mouseClick(
        editor.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: not editor.isVisible())
    _wait_idle(qtbot, window)
    with demo_store.session() as session:
        customer = session.get(Customer, dutch_customer)
        assert customer is not None and customer.country == "NL"
        assert customer.country_source == "email_domain"


def test_an_uncertain_guess_reads_as_guessed_with_the_alternatives(qtbot: QtBot) -> None:
    panel = CustomerPanel()
    qtbot.addWidget(panel)
    place = CustomerPlace(
        customer_id=1,
        country="NL",
        region=None,
        city=None,
        source="date_offset_language",
        evidence="UTC+01:00 · nl",
        certain=False,
        alternatives=("BE", "SR"),
    )
    assert panel.place_reason(place) == (
        "Guessed from the e-mail's time offset and language: UTC+01:00 · nl "
        "(uncertain; also possible: Belgium, Suriname)"
    )
    nothing = CustomerPlace(1, None, None, None, None, None, False, ())
    assert panel.place_reason(nothing).startswith("Nothing tells where the customer is")
