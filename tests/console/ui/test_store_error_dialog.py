"""A store that stops taking changes shows a dialog in the window, worded for a person."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from console.problems import TEMPLATES
from console.store import Store
from console.store.models import Message
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.main_window import MainWindow


@pytest.fixture
def unwritable(demo_store: Store) -> Iterator[Path]:
    """Makes the store file immutable (even root cannot write it) until the test ends."""
    path = Path(demo_store.name)
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed")
    yield path
    subprocess.run(["chattr", "-i", str(path)], check=False)


def _make_unwritable(path: Path, store: Store) -> None:
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"chattr +i is refused here: {done.stderr.strip()}")
    store.engine.dispose()  # the console's next connection finds the file read-only


def _click_send(qtbot: QtBot, window: MainWindow) -> None:
    """Click Send as a person does. Where the reply could not be translated (no engine here
    translates into the customer's language), the console asks first: send anyway."""
    qtbot.mouseClick(window.conversation.composer.send_button, Qt.MouseButton.LeftButton)
    panel = window.conversation.reply_translation
    if panel is not None and panel.draft is not None and panel.draft.problem is not None:
        qtbot.waitUntil(lambda: window.send_guard.dialog is not None, timeout=5000)
        dialog = window.send_guard.dialog
        assert dialog is not None
        qtbot.mouseClick(dialog.send_anyway, Qt.MouseButton.LeftButton)


def _messages(store: Store) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(Message)) or 0)


def test_sending_a_reply_to_a_read_only_store_shows_a_dialog_and_keeps_the_text(
    qtbot: QtBot,
    window: MainWindow,
    executor: StoreExecutor,
    demo_store: Store,
    unwritable: Path,
) -> None:
    qtbot.keyClick(window.inbox_view, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.conversation.detail is not None, timeout=10_000)
    qtbot.waitUntil(lambda: executor.pending == 0, timeout=10_000)
    before = _messages(demo_store)
    composer = window.conversation.composer
    composer.editor.setFocus()
    typed = "Your refund is on its way."
    qtbot.keyClicks(composer.editor, typed)
    # The draft is kept and the reply's translation has arrived: the write that fails is the send.
    panel = window.conversation.reply_translation
    assert panel is not None
    qtbot.waitUntil(
        lambda: panel.draft is not None and panel.draft.source_text == typed, timeout=10_000
    )
    qtbot.waitUntil(
        lambda: not window.draft_keeper.pending and executor.pending == 0, timeout=10_000
    )
    _make_unwritable(unwritable, demo_store)

    with qtbot.waitSignal(executor.store_failed, timeout=10_000) as failed:
        _click_send(qtbot, window)
    assert failed.args is not None and failed.args[0].code == "store.read_only"
    qtbot.waitUntil(lambda: executor.error_dialog is not None, timeout=5000)
    dialog = executor.error_dialog
    assert isinstance(dialog, QMessageBox)
    assert dialog.isVisible()
    assert dialog.windowTitle() == "The store could not be used"
    expected = TEMPLATES["store.read_only"].format(path=unwritable)
    assert dialog.text() == expected
    assert "[SQL" not in dialog.text() and "UPDATE" not in dialog.text()

    # A second failure does not stack another dialog on the first.
    with qtbot.waitSignal(executor.store_failed, timeout=10_000):
        _click_send(qtbot, window)
    qtbot.waitUntil(lambda: executor.pending == 0, timeout=10_000)
    assert executor.error_dialog is dialog

    # The person closes it with OK; what was stored, and what they typed, is intact.
    ok = dialog.button(QMessageBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: executor.error_dialog is None, timeout=5000)
    assert composer.editor.toPlainText() == "Your refund is on its way."
    assert _messages(demo_store) == before
