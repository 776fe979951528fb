"""The quarantine view lists what an import could not store, shows why, and never renders it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.channels.importer import import_path
from console.store.channel_tables import QuarantinedItem
from console.ui.app_state import AppState
from console.ui.channels.channel_models import QuarantineModel
from console.ui.channels.quarantine_window import QuarantineWindow
from console.ui.lanes.store_executor import StoreExecutor

HOSTILE = (
    b'Subject: no sender\r\nContent-Type: text/html\r\n\r\n<img src="https://tracker.example/p.gif">'
    b"<script>alert(1)</script>"
)


def _quarantine_some(executor: StoreExecutor, tmp_path: Path) -> None:
    box = tmp_path / "Mail"
    for sub in ("cur", "new", "tmp"):
        (box / sub).mkdir(parents=True)
    (box / "new" / "1.hostile").write_bytes(HOSTILE)
    (box / "new" / "2.empty").write_bytes(b"")
    assert import_path(executor.store, box).quarantined == 2


def test_quarantine_view_shows_reasons_as_plain_text_and_resolves(
    qtbot: QtBot, executor: StoreExecutor, tmp_path: Path, translations: object, seat: AppState
) -> None:
    _quarantine_some(executor, tmp_path)
    view = QuarantineWindow(executor, state=seat, parent=_host(qtbot))
    with qtbot.waitSignal(view.loaded, timeout=5000) as blocker:
        view.reload()
    assert blocker.args == [2]
    assert view.summary.text() == "2 items could not be imported"
    reasons = {view.model.index(row, QuarantineModel.REASON).data() for row in range(2)}
    assert reasons == {
        "The message is empty.",
        "The message has no sender address, so it cannot be answered.",
    }
    hostile_row = next(
        row for row in range(2) if view.model.index(row, QuarantineModel.ITEM).data() == "1.hostile"
    )
    view.table.selectionModel().select(
        view.model.index(hostile_row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert "<script>" in view.excerpt.toPlainText()  # shown as text, not run or rendered
    assert view.resolve_button.isEnabled()
    with qtbot.waitSignal(view.loaded, timeout=5000) as blocker:
        view.resolve_button.click()
    assert blocker.args == [1]
    with executor.store.session() as session:
        resolved = session.scalars(
            select(QuarantinedItem.item_ref).where(QuarantinedItem.resolved_at.is_not(None))
        ).all()
    assert resolved == ["1.hostile"]


def test_quarantine_model(qtmodeltester: object, executor: StoreExecutor, tmp_path: Path) -> None:
    from console.channels.admin import quarantine_entries

    _quarantine_some(executor, tmp_path)
    with executor.store.session() as session:
        entries = quarantine_entries(session)
    model = QuarantineModel()
    model.set_entries(entries)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 2 and model.columnCount() == 4


def _host(qtbot: QtBot) -> QWidget:
    """A parent owned by the test, as the main window owns views in the app.

    A view owned by Python alone could be destroyed on the store thread when a
    finished job drops the last reference to it.
    """
    host = QWidget()
    qtbot.addWidget(host)
    _HOSTS.append(host)
    return host


_HOSTS: list[QWidget] = []
