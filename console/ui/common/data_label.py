"""Labels that show customer or store data, not UI chrome.

They are marked so the UI-language test knows their text is data (a name, a
date) and needs no translation.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

DATA_PROPERTY = "showsData"


def data_label(parent: QWidget, *, selectable: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setProperty(DATA_PROPERTY, True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
