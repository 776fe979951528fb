"""The outbox view: a failed send shows with its reason, can be retried, and hand-over exports."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "channels"))

from mailservers import smtp_server

from console.channels.outbox import SmtpSettings, outbox_items, send_pending
from console.inbox.commands import send_reply
from console.inbox.outgoing import enqueue_reply
from console.store import Store
from console.store.channel_tables import ChannelOutboxEntry
from console.store.models import AuditEntry, ChannelIdentity, ChannelKind, Conversation
from console.ui.app_state import AppState
from console.ui.channels.outbox_window import OutboxModel, OutboxWindow
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.settings.ui_language import UiLanguage


def _queue_reply(store: Store, channel: ChannelKind, text: str) -> int:
    """Store and queue an agent's reply in a demo conversation on ``channel``; the entry id."""
    with store.session() as session:
        conversation_id = session.scalars(
            select(Conversation.id)
            .join(ChannelIdentity, ChannelIdentity.customer_id == Conversation.customer_id)
            .where(Conversation.channel == channel, ChannelIdentity.kind == channel)
            .order_by(Conversation.id)
            .limit(1)
        ).one()
        return enqueue_reply(session, send_reply(session, conversation_id, text, agent_id=None))


def _failed_send(store: Store) -> int:
    """An e-mail reply the (real, in-process) mail server refuses: the entry ends up failed."""
    entry_id = _queue_reply(store, ChannelKind.EMAIL, "Your refund is on its way.")
    with smtp_server() as (handler, port):
        handler.refuse = 550
        settings = SmtpSettings("127.0.0.1", port, "support@shop.example", security="none")
        assert send_pending(store, settings).failed == 1
    return entry_id


def _view(qtbot: QtBot, executor: StoreExecutor, seat: AppState) -> OutboxWindow:
    view = OutboxWindow(executor, state=seat, parent=_host(qtbot))
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.reload()
    return view


def _row_of(view: OutboxWindow, entry_id: int) -> int:
    return next(
        row
        for row in range(view.model.rowCount())
        if (item := view.model.item(row)) is not None and item.id == entry_id
    )


def test_a_failed_send_shows_its_reason_and_retry_queues_it_again(
    qtbot: QtBot, executor: StoreExecutor, translations: object, seat: AppState
) -> None:
    store = executor.store
    entry_id = _failed_send(store)
    view = _view(qtbot, executor, seat)
    row = _row_of(view, entry_id)
    model = view.model
    assert model.index(row, OutboxModel.STATE).data() == "Failed"
    assert model.index(row, OutboxModel.CHANNEL).data() == "E-mail"
    reason = model.index(row, OutboxModel.REASON).data()
    assert "550" in reason and "mailbox unavailable" in reason
    assert model.index(row, OutboxModel.ATTEMPTS).data() == "1"
    assert "@" in model.index(row, OutboxModel.RECIPIENT).data()
    assert model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is not None  # highlighted
    assert "could not be sent" in view.summary.text()

    # Only failed entries are shown under "Failed".
    with qtbot.waitSignal(view.loaded, timeout=5000) as blocker:
        view.set_filter("failed")
    assert blocker.args == [1]
    assert view.model.item(0) is not None and view.model.item(0).id == entry_id  # type: ignore[union-attr]
    assert not view.retry_button.isEnabled()
    view.table.selectionModel().select(
        view.model.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert view.retry_button.isEnabled()
    assert "550" in view.reason.text()
    requeued: list[int] = []
    view.requeued.connect(requeued.append)
    with qtbot.waitSignal(view.loaded, timeout=5000) as blocker:
        view.retry_button.click()
    assert requeued == [1]
    assert blocker.args == [0]  # nothing failed any more
    assert "will be sent again" in view.result.text()

    with store.session() as session:
        entry = session.get(ChannelOutboxEntry, entry_id)
        assert entry is not None and entry.state == "pending"
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "retry_send")).all()
        assert [(a.actor, a.entity, a.entity_id) for a in audit] == [
            ("agent:li", "message", entry.message_id)
        ]

    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.set_filter("waiting")
    state = view.model.index(_row_of(view, entry_id), OutboxModel.STATE).data()
    assert state == "Waiting"


def test_export_for_hand_over_writes_the_marketplace_reply(
    qtbot: QtBot, executor: StoreExecutor, tmp_path: Path, translations: object, seat: AppState
) -> None:
    store = executor.store
    entry_id = _queue_reply(store, ChannelKind.MARKETPLACE, "Danke für Ihre Geduld – 已发货")
    view = _view(qtbot, executor, seat)
    assert view.model.index(_row_of(view, entry_id), OutboxModel.STATE).data() == "Waiting"
    out = tmp_path / "marketplace-outbox.jsonl"
    written: list[int] = []
    view.exported.connect(written.append)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.export_to(ChannelKind.MARKETPLACE, out)
    assert written == [1]
    (line,) = out.read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert record["channel"] == "marketplace"
    assert record["text"] == "Danke für Ihre Geduld – 已发货"
    assert view.model.index(_row_of(view, entry_id), OutboxModel.STATE).data() == "Handed over"
    assert "1 reply" in view.result.text()
    with store.session() as session:
        assert session.scalars(
            select(AuditEntry.actor).where(AuditEntry.action == "export_outbox")
        ).all() == ["agent:li"]


def test_exporting_e_mail_is_refused_with_a_reason(
    qtbot: QtBot, executor: StoreExecutor, tmp_path: Path, translations: object, seat: AppState
) -> None:
    view = _view(qtbot, executor, seat)
    view.export_to(ChannelKind.EMAIL, tmp_path / "mail.jsonl")
    qtbot.waitUntil(lambda: view.error.isVisibleTo(view), timeout=5000)
    assert "sent, not exported" in view.error.text()
    assert not (tmp_path / "mail.jsonl").exists()


def test_outbox_model(qtmodeltester: object, executor: StoreExecutor) -> None:
    store = executor.store
    _failed_send(store)
    _queue_reply(store, ChannelKind.MARKETPLACE, "hello")
    with store.session() as session:
        items = outbox_items(session)
    model = OutboxModel()
    model.set_items(items)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == len(items) >= 2 and model.columnCount() == 7


def _host(qtbot: QtBot) -> QWidget:
    """A parent owned by the test, as the main window owns views in the app."""
    host = QWidget()
    qtbot.addWidget(host)
    _HOSTS.append(host)
    return host


_HOSTS: list[QWidget] = []


def test_a_language_change_retranslates_the_shown_view(
    qtbot: QtBot, executor: StoreExecutor, translations: UiLanguage, seat: AppState
) -> None:
    view = _view(qtbot, executor, seat)
    view.setWindowFlag(Qt.WindowType.Window)
    view.show()
    marketplace = view.export_actions[ChannelKind.MARKETPLACE]
    translations.apply("zh_CN")
    qtbot.waitUntil(lambda: marketplace.text() != "Marketplace", timeout=5000)
    translations.apply("en")
    qtbot.waitUntil(lambda: marketplace.text() == "Marketplace", timeout=5000)
    assert [view.filter.itemText(row) for row in range(4)] == ["All", "Waiting", "Failed", "Sent"]
    assert view.export_button.text() == "Export for hand-over…"
    assert view.model.headerData(OutboxModel.REASON, Qt.Orientation.Horizontal) == "Reason"
