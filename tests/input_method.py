"""Typing text QTest cannot press (Chinese, Japanese, ...): as an input method commits it."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget


def commit_text(widget: QWidget, text: str) -> None:
    """Deliver *text* to *widget* the way a Pinyin or Kana input method does when done."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
