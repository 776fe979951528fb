"""File → Import as an agent does it: the menu, the folder chooser, typing, the result.

Also: Qt's own dialogs (file chooser, message boxes, button boxes) speak Chinese
when the UI does.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
)
from pytestqt.qtbot import QtBot

from console.ui.channels.import_dialog import ImportDialog
from console.ui.channels.mapping_preview import MappingPreviewDialog
from console.ui.main_window import MainWindow
from console.ui.settings.ui_language import UiLanguage, qt_catalog_dirs

# Popup menus on the offscreen platform: it cannot raise windows or grab the keyboard.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
    "This plugin does not support propagateSizeHints",
)

UI_ROWS = 60  # the demo store of the window fixture


def eml(number: int) -> bytes:
    return (
        f"From: Hannah Import <hannah.import{number}@example.org>\r\n"
        "To: support@shop.example\r\n"
        f"Subject: Parcel {number} is missing\r\n"
        f"Date: Tue, 4 Mar 2025 09:{number:02d}:00 +0000\r\n"
        f"Message-ID: <parcel-{number}@example.org>\r\n"
        "\r\n"
        f"Parcel {number} never came.\r\n"
    ).encode()


def mail_folder(root: Path) -> Path:
    """Four .eml files at three depths, an mbox with two more, and one stray file."""
    folder = root / "mail export"
    (folder / "inbox" / "old").mkdir(parents=True)
    (folder / "a.eml").write_bytes(eml(1))
    (folder / "inbox" / "b.eml").write_bytes(eml(2))
    (folder / "inbox" / "c.eml").write_bytes(eml(3))
    (folder / "inbox" / "old" / "d.eml").write_bytes(eml(4))
    mbox = b"".join(
        b"From hannah@example.org Tue Mar  4 09:00:00 2025\n" + eml(n).replace(b"\r\n", b"\n")
        for n in (5, 6)
    )
    (folder / "inbox" / "archive.mbox").write_bytes(mbox)
    (folder / "inbox" / "readme.txt").write_bytes(b"these are exported mails\n")
    return folder


def counted(text: str) -> dict[str, int]:
    """The counts in the result, by the verb after them (English, plural-form or "(s)")."""
    found = re.findall(r"(\d+) \w+(?:\(s\))? (imported|skipped|could not be (read))", text)
    return {(read or verb): int(number) for number, verb, read in found}


def _open_import(qtbot: QtBot, window: MainWindow) -> ImportDialog:
    bar = window.menuBar()
    qtbot.mouseClick(
        bar,
        Qt.MouseButton.LeftButton,
        pos=bar.actionGeometry(window.file_menu.menuAction()).center(),
    )
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=3000)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    entry = next(a for a in menu.actions() if a.text().replace("&", "").startswith("Import"))
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(entry).center())
    qtbot.waitUntil(lambda: window.findChild(ImportDialog) is not None, timeout=3000)
    dialog = window.findChild(ImportDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    return dialog


def _result(qtbot: QtBot, dialog: ImportDialog) -> QMessageBox:
    qtbot.waitUntil(
        lambda: dialog.result_box is not None and dialog.result_box.isVisible(), timeout=20_000
    )
    assert dialog.result_box is not None
    return dialog.result_box


def test_file_import_of_a_folder_chosen_in_the_dialog_ends_with_the_counts(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    folder = mail_folder(tmp_path)
    dialog = _open_import(qtbot, window)
    assert not dialog.import_button.isEnabled()  # nothing chosen yet
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.findChild(QFileDialog) is not None, timeout=3000)
    chooser = dialog.findChild(QFileDialog)
    assert chooser is not None
    qtbot.waitUntil(chooser.isVisible, timeout=3000)
    name = chooser.findChild(QLineEdit, "fileNameEdit")
    assert name is not None
    qtbot.mouseClick(name, Qt.MouseButton.LeftButton)  # typing goes to the name field
    qtbot.waitUntil(name.hasFocus, timeout=3000)
    qtbot.keyClicks(name, str(folder))
    qtbot.keyClick(name, Qt.Key.Key_Return)  # chooses the folder typed
    qtbot.waitUntil(lambda: not chooser.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: dialog.path_edit.text() == str(folder), timeout=3000)
    with qtbot.waitSignal(window.inbox_model.ids_loaded, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        box = _result(qtbot, dialog)
    text = box.text()
    assert counted(text) == {"imported": 6, "skipped": 0, "read": 1}
    assert "readme.txt" in box.informativeText() or box.informativeText() == ""
    assert window.inbox_model.rowCount() > UI_ROWS
    ok = box.button(QMessageBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    qtbot.waitUntil(window.store_idle, timeout=5000)


def test_a_path_typed_again_imports_nothing_twice_and_a_wrong_one_is_named(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    folder = mail_folder(tmp_path)
    dialog = _open_import(qtbot, window)
    missing = tmp_path / "no such folder"
    qtbot.keyClicks(dialog.path_edit, f"{folder}; {missing}")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.stop_button.isVisible() or dialog.result_box is not None
    box = _result(qtbot, dialog)
    assert counted(box.text())["imported"] == 6
    assert f"{missing} does not exist" in box.informativeText()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(ImportDialog) is None, timeout=3000)  # closed

    again = _open_import(qtbot, window)
    qtbot.keyClicks(again.path_edit, str(folder))
    qtbot.keyClick(again.path_edit, Qt.Key.Key_Return)
    box = _result(qtbot, again)
    assert counted(box.text()) == {"imported": 0, "skipped": 6, "read": 1}
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.store_idle, timeout=5000)


def test_qt_own_dialogs_speak_chinese_with_the_chinese_ui(
    qtbot: QtBot, translations: UiLanguage, tmp_path: Path
) -> None:
    translations.apply("zh_CN")
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    assert box.button(QDialogButtonBox.StandardButton.Ok).text() == "确定"
    message = QMessageBox(QMessageBox.Icon.Question, "?", "?", QMessageBox.StandardButton.No)
    qtbot.addWidget(message)
    assert message.button(QMessageBox.StandardButton.No).text().replace("&", "").startswith("否")
    chooser = QFileDialog(None, "", str(tmp_path))
    chooser.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(chooser)
    texts = {b.text().replace("&", "") for b in chooser.findChildren(QPushButton)}
    assert "取消" in texts, texts
    # Switching back: English again, in a box built before the switch too.
    translations.apply("en")
    qtbot.waitUntil(
        lambda: box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel",
        timeout=3000,
    )


def test_qt_catalog_is_found_where_pyside_keeps_it_when_qt_looks_elsewhere(
    qtbot: QtBot,
    translations: UiLanguage,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A relocated or frozen Qt whose configured translations path holds nothing.
    monkeypatch.setattr(QLibraryInfo, "path", staticmethod(lambda _which: str(tmp_path)))
    assert qt_catalog_dirs()[0] == str(tmp_path)
    translations.apply("zh_CN")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"


def test_native_file_dialogs_are_used_only_when_they_speak_the_ui_language(
    translations: UiLanguage, monkeypatch: pytest.MonkeyPatch
) -> None:
    native_off = Qt.ApplicationAttribute.AA_DontUseNativeDialogs
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("en_US")))
    translations.apply("zh_CN")
    assert QCoreApplication.testAttribute(native_off)
    translations.apply("en")
    assert not QCoreApplication.testAttribute(native_off)
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("zh_CN")))
    translations.apply("system")
    assert not QCoreApplication.testAttribute(native_off)
    translations.apply("en")
    assert QCoreApplication.testAttribute(native_off)


def test_a_csv_export_goes_through_the_mapping_preview_then_imports(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    export = tmp_path / "shop export.csv"
    export.write_text(
        "handle,timestamp,text\n"
        "paula.csv@example.org,2025-03-04 09:00,Where is parcel 7?\n"
        "paula.csv@example.org,2025-03-04 09:30,Any news on parcel 7?\n",
        encoding="utf-8",
    )
    dialog = _open_import(qtbot, window)
    qtbot.keyClicks(dialog.path_edit, str(export))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.findChild(MappingPreviewDialog) is not None, timeout=3000)
    preview = dialog.findChild(MappingPreviewDialog)
    assert preview is not None
    qtbot.waitUntil(preview.save_button.isEnabled, timeout=5000)
    qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
    box = _result(qtbot, dialog)
    assert counted(box.text()) == {"imported": 2, "skipped": 0}
    qtbot.waitUntil(lambda: dialog.findChild(MappingPreviewDialog) is None, timeout=3000)
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.store_idle, timeout=5000)
