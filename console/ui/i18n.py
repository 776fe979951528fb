"""The UI language: which catalogs are installed, following system or settings."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

import locales

LANGUAGE_KEY = "ui/language"
SYSTEM = "system"
log = logging.getLogger(__name__)


def resolve_language(choice: str | None) -> str:
    """A concrete UI language ("en" or "zh_CN") for a setting value."""
    if choice in locales.UI_LANGUAGES:
        return choice
    system = QLocale.system()
    if system.language() == QLocale.Language.Chinese:
        return "zh_CN"
    return "en"


def saved_choice() -> str:
    value = QSettings().value(LANGUAGE_KEY, SYSTEM)
    return str(value) if value else SYSTEM


def save_choice(choice: str) -> None:
    QSettings().setValue(LANGUAGE_KEY, choice)


class UiTranslations:
    """Installs the console's and Qt's own catalogs for one language at a time."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = "en"

    def apply(self, choice: str | None) -> str:
        language = resolve_language(choice)
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed.clear()
        self._install(str(locales.catalog_path(language)))
        if language != "en":
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            self._install(f"{qt_dir}/qtbase_{language}.qm", required=False)
        QLocale.setDefault(QLocale(language))
        self.language = language
        return language

    def _install(self, path: str, *, required: bool = True) -> None:
        translator = QTranslator(self._app)
        if translator.load(path):
            self._app.installTranslator(translator)
            self._installed.append(translator)
        elif required:
            log.warning("UI catalog %s is missing; run `python -m locales build`", path)
