"""The rules panel for an EU (DE) and a US (California) conversation, with screenshots."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from console.policies import PolicyView, RequestKind, TaskOffer, policy_view
from console.store import Store
from console.ui.policy_panel import PolicyPanel

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "policies"))
from policy_test_helpers import add_conversation

SCREENSHOTS = Path(__file__).resolve().parents[3] / "resources" / "screenshots"
NOW = datetime(2026, 12, 14, 9, 0, tzinfo=UTC)


def _views(store: Store) -> tuple[PolicyView, PolicyView]:
    de = add_conversation(
        store,
        text="Guten Tag, ich möchte von meinem Widerrufsrecht Gebrauch machen und die "
        "Bestellung #A12345 zurücksenden.",
        sent_at=datetime(2026, 12, 11, 23, 30, tzinfo=UTC),
        country="DE",
        time_zone="Europe/Berlin",
        locale="de_DE",
        language="de",
        address="lena@example.de",
        name="Lena Müller",
    )
    us = add_conversation(
        store,
        text="Hi, under the CCPA please delete my account and all my personal data.",
        sent_at=datetime(2026, 12, 11, 23, 30, tzinfo=UTC),
        country="US",
        region="California",
        time_zone="America/Los_Angeles",
        locale="en_US",
        language="en",
        address="sam@example.com",
        name="Sam Rivera",
    )
    with store.session() as session:
        de_view = policy_view(session, de, now=NOW)
        us_view = policy_view(session, us, now=NOW)
    assert de_view is not None and us_view is not None
    return de_view, us_view


def _shoot(qtbot: QtBot, panel: PolicyPanel, name: str) -> None:
    panel.setContentsMargins(8, 8, 8, 8)
    panel.resize(380, panel.sizeHint().height())
    panel.show()
    qtbot.waitExposed(panel)
    layout = panel.layout()
    height = layout.totalHeightForWidth(380) if layout.hasHeightForWidth() else 0
    panel.resize(380, max(height, panel.sizeHint().height()) + 8)
    image = panel.grab()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert image.save(str(SCREENSHOTS / name))
    assert image.width() >= 300 and image.height() >= 300


def test_panel_for_a_german_customer(qtbot: QtBot, store: Store) -> None:
    de_view, _ = _views(store)
    panel = PolicyPanel()
    qtbot.addWidget(panel)
    panel.show_policy(de_view)
    assert "Germany (DE)" in panel.header.text()
    assert panel.values["withdrawal"].text() == "14 days from delivery"
    # delivered (assumed) 12 Dec in Berlin + 14 = 26 Dec, a holiday, then a Sunday: 28 Dec
    assert panel.values["last_day"].text().startswith("Dec 28, 2026 (14 days left)")
    assert "Delivery date unknown" in panel.values["last_day"].text()
    assert panel.values["refund"].text().startswith("Dec 26, 2026")
    assert "Jan 12, 2027" in panel.values["data_request"].text()
    assert "GDPR" in panel.values["privacy"].text()
    assert panel.values["breach"].text() == "Within 72 hours of becoming aware"
    assert panel.alert.isVisibleTo(panel)
    assert "Return or withdrawal request" in panel.alert_text.text()
    assert [b.objectName() for b in panel.task_buttons] == ["openTask_withdrawal"]
    _shoot(qtbot, panel, "policy-panel-de.png")

    with qtbot.waitSignal(panel.open_task_requested) as signal:
        panel.task_buttons[0].click()
    offer = signal.args[0]
    assert isinstance(offer, TaskOffer) and offer.kind is RequestKind.WITHDRAWAL


def test_panel_for_a_californian_customer(qtbot: QtBot, store: Store) -> None:
    _, us_view = _views(store)
    panel = PolicyPanel()
    qtbot.addWidget(panel)
    panel.show_policy(us_view)
    assert "United States: California (US-CA)" in panel.header.text()
    assert panel.values["withdrawal"].text() == "No statutory right of withdrawal"
    assert panel.values["last_day"].text() == "—"
    # received 11 Dec 15:30 in Los Angeles: 45 days later is 25 Jan 2027, extendable by 45 days
    assert (
        panel.values["data_request"]
        .text()
        .startswith("Jan 25, 2027 for a request received Dec 11, 2026")
    )
    assert "extendable to Mar 11, 2027" in panel.values["data_request"].text()
    assert "Data deletion request" in panel.alert_text.text()
    assert [b.objectName() for b in panel.task_buttons] == ["openTask_data_deletion"]
    _shoot(qtbot, panel, "policy-panel-us-ca.png")


def test_panel_without_rules_says_so(qtbot: QtBot) -> None:
    panel = PolicyPanel()
    qtbot.addWidget(panel)
    panel.show_policy(None)
    panel.show()
    assert panel.empty.isVisibleTo(panel)
    assert not panel.header.isVisibleTo(panel)
    assert not panel.alert.isVisibleTo(panel)


@pytest.mark.parametrize("language", ["en"])
def test_panel_retranslates(qtbot: QtBot, store: Store, language: str) -> None:
    de_view, _ = _views(store)
    panel = PolicyPanel()
    qtbot.addWidget(panel)
    panel.show_policy(de_view)
    before = panel.values["withdrawal"].text()
    panel.retranslate()
    assert panel.values["withdrawal"].text() == before
    assert panel.values["last_day"].property("showsData") is True
