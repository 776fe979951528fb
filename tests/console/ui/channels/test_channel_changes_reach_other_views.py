"""What a channel view writes reaches the views of other places through the change bus.

No window wires them: the import dialog, the quarantine window, the outbox
window and the inbox model each only know the executor, and each hears the
changes it shows.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "channels"))

from mailservers import smtp_server
from sqlalchemy import select

from console.changes import Changes
from console.channels.outbox import SmtpSettings, send_pending
from console.inbox.commands import send_reply
from console.inbox.outgoing import enqueue_reply
from console.store import Store
from console.store.channel_tables import ChannelOutboxEntry
from console.store.models import ChannelIdentity, ChannelKind, Conversation
from console.ui.app_state import AppState
from console.ui.channels.import_dialog import ImportDialog
from console.ui.channels.outbox_window import OutboxWindow
from console.ui.channels.quarantine_window import QuarantineWindow
from console.ui.inbox.inbox_model import InboxModel
from console.ui.lanes.store_executor import StoreExecutor


def _host(qtbot: QtBot) -> QWidget:
    host = QWidget()
    qtbot.addWidget(host)
    return host


def _eml(number: int) -> bytes:
    return (
        f"From: Ines Bus <ines.bus{number}@example.org>\r\n"
        "To: support@shop.example\r\n"
        f"Subject: Order {number}\r\n"
        f"Message-ID: <bus-{number}@example.org>\r\n"
        "\r\n"
        f"Where is order {number}?\r\n"
    ).encode()


def _failed_send(store: Store) -> int:
    """An e-mail reply the (real, in-process) mail server refuses: the failed entry's id."""
    with store.session() as session:
        conversation_id = session.scalars(
            select(Conversation.id)
            .join(ChannelIdentity, ChannelIdentity.customer_id == Conversation.customer_id)
            .where(Conversation.channel == ChannelKind.EMAIL)
            .where(ChannelIdentity.kind == ChannelKind.EMAIL)
            .order_by(Conversation.id)
            .limit(1)
        ).one()
        reply = send_reply(session, conversation_id, "Your refund is on its way.", agent_id=None)
        entry_id = enqueue_reply(session, reply)
    with smtp_server() as (handler, port):
        handler.refuse = 550
        settings = SmtpSettings("127.0.0.1", port, "support@shop.example", security="none")
        assert send_pending(store, settings).failed == 1
    return entry_id


def _recorded(executor: StoreExecutor) -> list[Changes]:
    seen: list[Changes] = []
    executor.changes.changed.connect(seen.append)
    return seen


def test_an_import_updates_the_open_quarantine_window_and_the_inbox_listing(
    qtbot: QtBot, executor: StoreExecutor, tmp_path: Path, translations: object, seat: AppState
) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "good.eml").write_bytes(_eml(1))
    (folder / "empty.eml").write_bytes(b"")
    host = _host(qtbot)
    inbox = InboxModel(executor, host)
    with qtbot.waitSignal(inbox.ids_loaded, timeout=10_000):
        inbox.reload()
    quarantine = QuarantineWindow(executor, state=seat, parent=host)
    with qtbot.waitSignal(quarantine.loaded, timeout=5000) as shown:
        quarantine.reload()
    assert shown.args == [0]
    seen = _recorded(executor)

    dialog = ImportDialog(executor, state=seat, parent=host)
    dialog.show()
    qtbot.keyClicks(dialog.path_edit, str(folder))
    with (
        qtbot.waitSignal(quarantine.loaded, timeout=20_000) as reloaded,
        qtbot.waitSignal(inbox.ids_loaded, timeout=20_000),
    ):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert reloaded.args == [1]  # the empty file waits there, nobody reloaded it by hand
    assert quarantine.summary.text() == "1 item could not be imported"
    assert seen == [Changes(listing=True, quarantine=True)]
    qtbot.waitUntil(lambda: dialog.result_box is not None, timeout=5000)
    assert dialog.result_box is not None
    dialog.result_box.done(0)


def test_resolving_in_one_quarantine_window_updates_another_and_leaves_the_inbox(
    qtbot: QtBot, executor: StoreExecutor, tmp_path: Path, translations: object, seat: AppState
) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "empty.eml").write_bytes(b"")
    host = _host(qtbot)
    first = QuarantineWindow(executor, state=seat, parent=host)
    second = QuarantineWindow(executor, state=seat, parent=host)
    dialog = ImportDialog(executor, state=seat, parent=host)
    qtbot.keyClicks(dialog.path_edit, str(folder))
    with qtbot.waitSignal(second.loaded, timeout=20_000) as shown:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert shown.args == [1]
    qtbot.waitUntil(lambda: first.model.rowCount() == 1, timeout=5000)
    qtbot.waitUntil(lambda: dialog.result_box is not None, timeout=5000)
    assert dialog.result_box is not None
    dialog.result_box.done(0)
    seen = _recorded(executor)

    first.table.selectionModel().select(
        first.model.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    with qtbot.waitSignal(second.loaded, timeout=5000) as emptied:
        qtbot.mouseClick(first.resolve_button, Qt.MouseButton.LeftButton)
    assert emptied.args == [0]
    assert seen == [Changes(quarantine=True)]  # nothing the inbox lists changed


def test_a_retried_delivery_updates_another_outbox_window_and_names_its_conversation(
    qtbot: QtBot, executor: StoreExecutor, translations: object, seat: AppState
) -> None:
    store = executor.store
    entry_id = _failed_send(store)
    with store.session() as session:
        entry = session.get(ChannelOutboxEntry, entry_id)
        assert entry is not None
        message_id = entry.message_id
    host = _host(qtbot)
    failed_only = OutboxWindow(executor, state=seat, parent=host)
    with qtbot.waitSignal(failed_only.loaded, timeout=5000):
        failed_only.set_filter("failed")
    waiting = OutboxWindow(executor, state=seat, parent=host)
    with qtbot.waitSignal(waiting.loaded, timeout=5000):
        waiting.set_filter("waiting")
    before = waiting.model.rowCount()
    seen = _recorded(executor)

    failed_only.table.selectionModel().select(
        failed_only.model.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    with qtbot.waitSignal(waiting.loaded, timeout=5000) as reloaded:
        qtbot.mouseClick(failed_only.retry_button, Qt.MouseButton.LeftButton)
    assert reloaded.args == [before + 1]  # the other window shows it waiting again
    qtbot.waitUntil(lambda: failed_only.model.rowCount() == 0, timeout=5000)
    (changes,) = seen
    assert changes.outbox and message_id in changes.messages
    assert len(changes.conversations) == 1 and not changes.listing
