"""A reply written in the library window reaches an open reply palette through the change bus."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.changes import Changes
from console.inbox.queries import AgentSummary
from console.store.reply_tables import ReplyEntry, ReplyVariant
from console.ui.app_state import AppState
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.lanes.translation_worker import TranslationWorker
from console.ui.replies.reply_library import NewReplyDialog, ReplyLibraryDialog
from console.ui.replies.reply_palette import ReplyPalette
from translation.translator import Translator


def test_a_new_reply_in_the_library_shows_in_the_open_palette(
    qtbot: QtBot, executor: StoreExecutor, translations: object
) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    seat = AppState(host)
    seat.set_person(AgentSummary(7, "agent:mia", ("en",)))
    palette = ReplyPalette(executor, None, "en", "en", {}, {}, host)
    qtbot.waitUntil(lambda: palette.results.count() > 0, timeout=5000)
    before = palette.results.count()
    worker = TranslationWorker(host)
    library = ReplyLibraryDialog(executor, worker, Translator, parent=host, state=seat)
    qtbot.waitUntil(lambda: library.entries.rowCount() > 0, timeout=5000)
    seen: list[Changes] = []
    executor.changes.changed.connect(seen.append)

    qtbot.mouseClick(library.new_button, Qt.MouseButton.LeftButton)
    new = library.findChild(NewReplyDialog)
    assert new is not None
    qtbot.waitUntil(new.isVisible, timeout=3000)
    qtbot.keyClicks(new.key, "gift wrap")
    new.language.setCurrentIndex(new.language.findData("en"))
    qtbot.keyClicks(new.text, "We wrap every gift by hand.")
    with qtbot.waitSignal(palette.loaded, timeout=5000):
        qtbot.mouseClick(new.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    assert palette.results.count() == before + 1  # nobody told the palette but the bus
    assert seen == [Changes(reply_library=True)]
    qtbot.keyClicks(palette.filter, "gift wrap")
    assert "We wrap every gift by hand." in palette.results.item(0).text()
    with executor.store.session() as session:
        approved_by = session.scalars(
            select(ReplyVariant.approved_by)
            .join(ReplyEntry, ReplyEntry.id == ReplyVariant.entry_id)
            .where(ReplyEntry.key == "gift_wrap")
        ).all()
    assert approved_by == ["agent:mia"]  # the person at this seat
    palette.close()
    worker.shutdown()
