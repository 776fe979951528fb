"""View → Reply library…: write a new reply, draft its Spanish variant offline, check it
and approve it, as a lead does it: menu clicks, typing, buttons (real store, real Apertium)."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from console.replies import list_entries, save_entry
from console.store import Store
from console.ui.main_window import MainWindow
from console.ui.replies.reply_library import NewReplyDialog, ReplyLibraryDialog

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)
ENGLISH = "Hello {customer_name}, your parcel {tracking_number} left our warehouse today."


def _open_library(qtbot: QtBot, window: MainWindow) -> ReplyLibraryDialog:
    bar = window.menuBar()
    qtbot.mouseClick(
        bar,
        Qt.MouseButton.LeftButton,
        pos=bar.actionGeometry(window.view_menu.menuAction()).center(),
    )
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=3000)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    entry = next(a for a in menu.actions() if a.text().replace("&", "").startswith("Reply library"))
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(entry).center())
    qtbot.waitUntil(lambda: window.findChild(ReplyLibraryDialog) is not None, timeout=3000)
    dialog = window.findChild(ReplyLibraryDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.entries.rowCount() > 0, timeout=5000)  # the store was read
    return dialog


def _row_of_language(dialog: ReplyLibraryDialog, language: str) -> int:
    return next(i for i, r in enumerate(dialog.variants.rows) if r.language == language)


def _click_row(qtbot: QtBot, view: object, row: int) -> None:
    from PySide6.QtWidgets import QTableView

    assert isinstance(view, QTableView)
    index = view.model().index(row, 0)
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


def test_a_lead_writes_a_reply_drafts_spanish_and_approves_it(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    assert shutil.which("apertium"), "apertium is not installed: run .ci/setup"
    dialog = _open_library(qtbot, window)
    assert any(e.key == "return_how_to" for e in dialog.entries.rows)  # the demo library

    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    new = dialog.findChild(NewReplyDialog)
    assert new is not None
    qtbot.waitUntil(new.isVisible, timeout=3000)
    qtbot.keyClicks(new.key, "parcel left")
    new.category.setCurrentText("")
    qtbot.keyClicks(new.category.lineEdit(), "shipping")
    new.language.setCurrentIndex(new.language.findData("en"))
    qtbot.keyClicks(new.text, ENGLISH)
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        qtbot.mouseClick(new.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    entry = dialog.current_entry()
    assert entry is not None and entry.key == "parcel_left"

    _click_row(qtbot, dialog.variants_view, _row_of_language(dialog, "es"))
    chosen = dialog.current_row()
    assert chosen is not None and chosen.variant is None
    assert dialog.draft_button.isEnabled()
    with qtbot.waitSignal(dialog.loaded, timeout=30_000):
        qtbot.mouseClick(dialog.draft_button, Qt.MouseButton.LeftButton)
    row = dialog.current_row()
    assert row is not None and row.language == "es" and row.variant is not None
    assert row.variant.machine_draft
    assert "{customer_name}" in row.variant.text and "{tracking_number}" in row.variant.text
    assert dialog.editor.toPlainText() == row.variant.text
    assert dialog.approve_button.isEnabled()

    dialog.editor.moveCursor(dialog.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(dialog.editor, " Gracias.")
    assert dialog.save_button.isEnabled() and not dialog.approve_button.isEnabled()
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = dialog.current_row()
    assert saved is not None and dialog.variants.state(saved.variant) == "Approved"

    with demo_store.session() as session:
        stored = next(e for e in list_entries(session) if e.key == "parcel_left")
    spanish = stored.variants["es"]
    assert spanish.text.endswith(" Gracias.") and not spanish.machine_draft and not spanish.stale


def test_a_name_already_in_the_library_is_refused_and_nothing_changes(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    dialog = _open_library(qtbot, window)
    before = {e.key: e for e in dialog.entries.rows}
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    new = dialog.findChild(NewReplyDialog)
    assert new is not None
    qtbot.keyClicks(new.key, "return_how_to")
    qtbot.keyClicks(new.text, "Something else entirely.")
    qtbot.mouseClick(new.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "already has a reply" in dialog.variant_state.text(), timeout=5000)
    with demo_store.session() as session:
        after = {e.key: e for e in list_entries(session)}
    assert after["return_how_to"] == before["return_how_to"]


def test_a_machine_draft_is_approved_as_it_is_with_the_button(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    assert shutil.which("apertium"), "apertium is not installed: run .ci/setup"
    with demo_store.session() as session:  # a reply written in English only
        save_entry(session, "parcel_left", category="shipping", source_language="en",
                   variants={"en": ENGLISH})  # fmt: skip
    dialog = _open_library(qtbot, window)
    entry_row = next(i for i, e in enumerate(dialog.entries.rows) if e.key == "parcel_left")
    _click_row(qtbot, dialog.entries_view, entry_row)
    _click_row(qtbot, dialog.variants_view, _row_of_language(dialog, "es"))
    with qtbot.waitSignal(dialog.loaded, timeout=30_000):
        qtbot.mouseClick(dialog.draft_button, Qt.MouseButton.LeftButton)
    drafted = dialog.current_row()
    assert drafted is not None and drafted.variant is not None and drafted.variant.machine_draft
    assert dialog.approve_button.isEnabled() and not dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)
    approved = dialog.current_row()
    assert approved is not None and dialog.variants.state(approved.variant) == "Approved"
    assert not dialog.approve_button.isEnabled()
    with demo_store.session() as session:
        stored = next(e for e in list_entries(session) if e.key == "parcel_left")
    assert not stored.variants["es"].machine_draft and not stored.variants["es"].stale
