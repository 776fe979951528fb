"""The console's colours and text roles, in one place.

Widgets never carry colours or font sizes of their own: a label says what it is
with :func:`set_role` (``note``, ``error``, ``warning``, ``ok``, ``title``,
``clock``, ``strong``) and ``resources/styles/console.qss`` says how each role
looks. Code that paints (delegates, chart series, model brushes) takes its
colours from the constants below, so the look is changed here and in the style
sheet only.
"""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

# Text
TEXT = QColor("#202124")
MUTED = QColor("#5f6368")
FAINT = QColor("#9aa0a6")
# States
ERROR = QColor("#d93025")
ERROR_DARK = QColor("#b3261e")
ERROR_SOFT = QColor("#fce8e6")
WARNING = QColor("#b06000")
WARNING_SOFT = QColor("#fef7e0")
OK = QColor("#1e8e3e")
OK_SOFT = QColor("#e6f4ea")
OK_DARK = QColor("#1e4620")
ACCENT = QColor("#1a73e8")
ACCENT_SOFT = QColor("#e3effd")
ATTENTION = QColor("#e8710a")
# Surfaces
SURFACE = QColor("#f1f3f4")
SURFACE_ALT = QColor("#eef0f2")
HIGHLIGHT = QColor("#fde293")
WHITE = QColor("#ffffff")
# Coverage: the planner's cells and demand curve, the staffing strip's required row
COVERED = QColor("#81c995")
LANGUAGE_GAP = QColor("#fdd663")
UNCOVERED = QColor("#f28b82")
DEMAND = QColor("#1a237e")
REQUIRED = QColor("#c5cae9")

ROLES = ("note", "error", "warning", "ok", "title", "clock", "strong")


def set_role(widget: QWidget, role: str | None) -> None:
    """Give ``widget`` a text role of the style sheet (None: plain); restyles at once."""
    assert role is None or role in ROLES, role
    if widget.property("role") == role:
        return
    widget.setProperty("role", role)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
