"""Widgets that show their text again when the UI language changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    _Widget = QWidget
else:
    _Widget = object


class FollowsUiLanguage(_Widget):
    """Mixin, listed before the Qt widget class: a language change calls ``ui_language_changed()``.

    ``QTranslator`` installs send every widget a ``LanguageChange`` event; the widget
    then sets all its visible text again from ``tr()``.
    """

    def ui_language_changed(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui_language_changed()
        super().changeEvent(event)
