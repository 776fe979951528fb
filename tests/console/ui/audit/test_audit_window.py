"""View → Audit log…: admins and compliance staff filter the log by clicking and typing,
page through it, and see the chain's state; others see neither the entry nor the log."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from console import audit
from console.inbox.queries import AgentSummary
from console.store import Store
from console.store.models import Agent, AgentRole, AuditEntry
from console.ui.app_state import AppState
from console.ui.audit.audit_model import AuditTableModel
from console.ui.audit.audit_window import AuditWindow
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.main_window import MainWindow
from console.ui.settings.ui_language import UiLanguage

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


def _person(store: Store, name: str, role: AgentRole) -> AgentSummary:
    with store.session() as session:
        agent = Agent(name=name, role=role, languages=["en"])
        session.add(agent)
        session.flush()
        return AgentSummary(agent.id, name, ("en",))


def _seed(store: Store, count: int) -> None:
    with store.session() as session:
        for n in range(count):
            audit.record(
                session,
                actor="Zoë Auditor" if n % 3 == 0 else "Yann Tester",
                action="reveal" if n % 5 == 0 else "zz_checked",
                entity="customer",
                entity_id=n,
                reason="refund dispute" if n % 7 == 0 else "routine",
            )


def _total(store: Store) -> int:
    with store.session() as session:
        return len(session.scalars(select(AuditEntry.id)).all())


@pytest.fixture
def audit_window(qtbot: QtBot, executor: StoreExecutor, demo_store: Store) -> Iterator[AuditWindow]:
    _seed(demo_store, 450)
    admin = _person(demo_store, "Ada Admin", AgentRole.ADMIN)
    state = AppState()
    view = AuditWindow(executor, state=state)
    qtbot.addWidget(view)
    view.resize(1100, 600)
    view.show()
    with (
        qtbot.waitSignal(view.rows_loaded, timeout=10_000),
        qtbot.waitSignal(view.chain_checked, timeout=30_000),
    ):
        state.set_person(admin)
    yield view
    view.shutdown()
    qtbot.waitUntil(lambda: executor.pending == 0, timeout=10_000)


def test_filters_change_the_rows(
    qtbot: QtBot, audit_window: AuditWindow, demo_store: Store, qtmodeltester: object
) -> None:
    view = audit_window
    total = _total(demo_store)
    assert view.chain_label.text() == f"Chain intact: {total:,} entries"
    assert view.count_label.text() == f"{total} entries"
    assert view.model.rowCount() == 200  # the first page
    qtmodeltester.check(view.model)  # type: ignore[attr-defined]

    # Person: typed into the list, as a keyboard user picks an entry.
    view.person.setFocus()
    with qtbot.waitSignal(view.counted, timeout=5000):
        qtbot.keyClicks(view.person, "Zo")
    assert view.person.currentText() == "Zoë Auditor"
    assert view.count_label.text() == "150 entries"
    assert {row.actor for row in view.model.rows} == {"Zoë Auditor"}

    # Action: typed the same way.
    with qtbot.waitSignal(view.counted, timeout=5000):
        qtbot.keyClicks(view.action, "Rev")
    assert view.action.currentText() == "Revealed a masked value"
    assert view.count_label.text() == "30 entries"  # n % 15 == 0
    assert {(row.actor, row.action) for row in view.model.rows} == {("Zoë Auditor", "reveal")}

    # Words typed in the text filter.
    with qtbot.waitSignal(view.counted, timeout=5000):
        qtbot.keyClicks(view.text, "refund")
    assert view.count_label.text() == "5 entries"  # n % 105 == 0 below 450
    assert all("refund" in row.detail for row in view.model.rows)

    # Back to everyone and every action: the whole log again.
    view.text.clear()
    with qtbot.waitSignal(view.counted, timeout=5000):
        qtbot.keyClick(view.person, Qt.Key.Key_Home)
    with qtbot.waitSignal(view.counted, timeout=5000):
        qtbot.keyClick(view.action, Qt.Key.Key_Home)
    assert view.count_label.text() == f"{total} entries"


def test_scrolling_fetches_the_next_pages(qtbot: QtBot, audit_window: AuditWindow) -> None:
    view = audit_window
    first = view.model.rows[-1].id
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: view.model.rowCount() > 200, timeout=5000)
    assert view.model.rows[200].id < first  # newest first, no entry twice
    ids = [row.id for row in view.model.rows]
    assert ids == sorted(ids, reverse=True) and len(ids) == len(set(ids))


def test_a_tampered_entry_shows_in_the_chain_status(
    qtbot: QtBot, audit_window: AuditWindow, demo_store: Store
) -> None:
    view = audit_window
    with demo_store.session() as session:
        target = session.scalars(
            select(AuditEntry.id).where(AuditEntry.actor == "Yann Tester").limit(1)
        ).one()
    with demo_store.engine.begin() as connection:
        connection.exec_driver_sql("DROP TRIGGER audit_log_no_update")
        connection.execute(update(AuditEntry).where(AuditEntry.id == target).values(actor="X"))
    with qtbot.waitSignal(view.chain_checked, timeout=30_000):
        qtbot.mouseClick(view.check_button, Qt.MouseButton.LeftButton)
    assert view.chain_label.text().startswith(f"Chain broken at entry {target}: Audit entry")
    assert "was altered" in view.chain_label.text()


def test_an_agent_sees_no_log(qtbot: QtBot, executor: StoreExecutor, demo_store: Store) -> None:
    _seed(demo_store, 5)
    agent = _person(demo_store, "Abe Agent", AgentRole.AGENT)
    state = AppState()
    view = AuditWindow(executor, state=state)
    qtbot.addWidget(view)
    view.show()
    state.set_person(agent)
    qtbot.waitUntil(lambda: view.denied.isVisible(), timeout=5000)
    assert view.model.rowCount() == 0 and not view.table.isEnabled()
    view.shutdown()
    qtbot.waitUntil(lambda: executor.pending == 0, timeout=10_000)


def _view_menu_entries(qtbot: QtBot, window: MainWindow) -> QMenu:
    bar = window.menuBar()
    qtbot.mouseClick(
        bar,
        Qt.MouseButton.LeftButton,
        pos=bar.actionGeometry(window.view_menu.menuAction()).center(),
    )
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=3000)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    return menu


def test_the_menu_entry_is_for_admins_and_compliance_staff(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    agent = _person(demo_store, "Abe Agent", AgentRole.AGENT)
    officer = _person(demo_store, "Cleo Compliance", AgentRole.COMPLIANCE)
    window.state.set_person(agent)
    qtbot.waitUntil(lambda: window._executor.pending == 0, timeout=5000)
    assert not window.audit_action.isVisible()
    window.state.set_person(officer)
    qtbot.waitUntil(lambda: window.audit_action.isVisible(), timeout=5000)

    menu = _view_menu_entries(qtbot, window)
    entry = next(a for a in menu.actions() if a.text().replace("&", "").startswith("Audit log"))
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(entry).center())
    qtbot.waitUntil(lambda: window.findChild(AuditWindow) is not None, timeout=3000)
    opened = window.findChild(AuditWindow)
    assert opened is not None
    qtbot.waitSignal(opened.chain_checked, timeout=30_000).wait()
    assert opened.chain_label.text().startswith("Chain intact: ")
    opened.close()


def test_opening_a_conversation_is_audited(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    reader = _person(demo_store, "Rita Reader", AgentRole.AGENT)
    window.state.set_person(reader)
    qtbot.waitUntil(lambda: window._executor.pending == 0, timeout=5000)
    index = window.inbox_model.index(3, 0)
    window.inbox_view.scrollTo(index)
    rect = window.inbox_view.visualRect(index)
    qtbot.mouseClick(window.inbox_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(
        lambda: (
            window.conversation.detail is not None
            and window.conversation.detail.summary.id == window.inbox_model.conversation_id(3)
        ),
        timeout=5000,
    )
    opened = window.inbox_model.conversation_id(3)
    qtbot.waitUntil(lambda: window._executor.pending == 0, timeout=5000)
    with demo_store.session() as session:
        entries = session.execute(
            select(AuditEntry.actor, AuditEntry.entity_id).where(
                AuditEntry.action == audit.CONVERSATION_OPENED
            )
        ).all()
    assert ("Rita Reader", opened) in entries
    # Shown again after a change is not opened again.
    before = len(entries)
    window.controller.reload()
    qtbot.waitUntil(lambda: window._executor.pending == 0, timeout=5000)
    with demo_store.session() as session:
        again = session.scalars(
            select(AuditEntry.id).where(AuditEntry.action == audit.CONVERSATION_OPENED)
        ).all()
    assert len(again) == before


@pytest.fixture
def chinese_audit_window(
    qtbot: QtBot, executor: StoreExecutor, demo_store: Store, translations: UiLanguage
) -> Iterator[AuditWindow]:
    with demo_store.session() as session:
        audit.record_reveal(
            session, customer_id=7, field="name", reason="refund dispute", actor="Zoë Auditor"
        )
        audit.record(session, actor="Mail", action="ingest", entity="message", count=3)
    admin = _person(demo_store, "Ada Admin", AgentRole.COMPLIANCE)
    translations.apply("zh_CN")
    state = AppState()
    view = AuditWindow(executor, state=state)
    qtbot.addWidget(view)
    view.resize(1280, 600)
    view.show()
    with qtbot.waitSignal(view.rows_loaded, timeout=10_000):
        state.set_person(admin)
    yield view
    view.shutdown()
    qtbot.waitUntil(lambda: executor.pending == 0, timeout=10_000)


def test_the_viewer_shows_and_filters_by_names_in_chinese(
    qtbot: QtBot, chinese_audit_window: AuditWindow, translations: UiLanguage
) -> None:
    view = chinese_audit_window
    shown = [view.action.itemText(i) for i in range(view.action.count())]
    assert shown[0] == "所有操作"
    assert "查看了被遮蔽的信息" in shown and "reveal" not in shown
    # Data-protection actions come first, the others after them.
    assert shown.index("查看了被遮蔽的信息") < shown.index("存储了收到的消息")

    # Picked with the arrow keys, as a keyboard user goes down the list.
    view.action.setFocus()
    for _step in range(shown.index("查看了被遮蔽的信息")):
        with qtbot.waitSignal(view.counted, timeout=5000):
            qtbot.keyClick(view.action, Qt.Key.Key_Down)
    assert view.action.currentData() == "reveal"
    model = view.model
    assert model.rowCount() == 1
    cells = {model.index(0, column).data() for column in range(AuditTableModel.COLUMNS)}
    assert {"查看了被遮蔽的信息", "客户", "Zoë Auditor"} <= cells

    # Back to English: the table and the list say it in English, the choice is kept.
    translations.apply("en")
    qtbot.waitUntil(lambda: view.action.currentText() == "Revealed a masked value", timeout=3000)
    assert view.action.currentData() == "reveal"
    assert model.index(0, AuditTableModel.ACTION).data() == "Revealed a masked value"
    assert model.index(0, AuditTableModel.ENTITY).data() == "Customer"
