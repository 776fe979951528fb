"""Clicking entries of popup menus as a person does, in pytest-qt tests.

A QToolButton's menu runs its own event loop from inside the click, so the entry
must be clicked from a timer while that loop runs.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot


def click_entry(qtbot: QtBot, text: str) -> None:
    """Click the entry of the open popup menu whose text (without &) starts with ``text``."""
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    entries = [a for a in menu.actions() if a.text().replace("&", "").startswith(text)]
    assert entries, [a.text() for a in menu.actions()]
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(entries[0]).center())


def click_menu_entry(qtbot: QtBot, text: str) -> None:
    """Wait for a popup menu (one shown without its own loop), then click the entry."""
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=3000)
    click_entry(qtbot, text)


def press_menu_button(qtbot: QtBot, button: QWidget, entry: str) -> None:
    """Click a button whose menu pops up with its own event loop, then click ``entry``."""
    clicked: list[bool] = []

    def click_when_open() -> None:
        if isinstance(QApplication.activePopupWidget(), QMenu):
            poll.stop()
            click_entry(qtbot, entry)
            clicked.append(True)

    poll = QTimer()
    poll.setInterval(20)
    poll.timeout.connect(click_when_open)
    poll.start()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(clicked), timeout=3000)
    poll.stop()
